"""A column lays its rows out once as the window shows: at the width they keep, beside its scroll bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from pmdesk.model.templates import new_board
from pmdesk.store.document import Document
from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.board.card_view import CardView
from tests.ui.conftest import open_board_window


def _record_layouts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[CardView, int]]:
    """(view, viewport width) of every layout of a shown column that has rows."""
    layouts: list[tuple[CardView, int]] = []
    original = CardView.doItemsLayout

    def recorded(view: CardView) -> None:
        original(view)
        model = view.model()
        if view.isVisible() and model is not None and model.rowCount() > 0:
            layouts.append((view, view.viewport().width()))

    monkeypatch.setattr(CardView, "doItemsLayout", recorded)
    return layouts


def test_overflowing_columns_lay_their_rows_out_once_beside_their_scroll_bars(
    qtbot: QtBot, board_path: Path, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    layouts = _record_layouts(monkeypatch)
    window, document = open_board_window(qtbot, board_path, settings, size=(1000, 700))
    try:
        page = window.pages["board"]
        assert isinstance(page, BoardPage)
        qtbot.waitUntil(lambda: all(c.view.verticalScrollBar().isVisible() for c in page.columns))
        qtbot.wait(50)  # any layout still to come
        for column in page.columns:
            view = column.view
            widths = [width for shown, width in layouts if shown is view]
            # Never at the width the rows had before the bar took its share of it.
            assert widths and set(widths) == {view.viewport().width()}
            assert view.viewport().width() < view.width() - view.verticalScrollBar().width() + 1
    finally:
        document.close()


def test_a_short_column_has_no_scroll_bar_and_gets_one_as_it_fills(
    qtbot: QtBot, tmp_path: Path, settings: QSettings
) -> None:
    path = tmp_path / "short.pmdesk"
    Document.create(path, new_board()).close()
    window, document = open_board_window(qtbot, path, settings, size=(1400, 900))
    try:
        page = window.pages["board"]
        assert isinstance(page, BoardPage)
        column = page.columns[0]
        bar = column.view.verticalScrollBar()
        qtbot.wait(50)
        assert not bar.isVisible()
        for number in range(12):
            column.entry.setFocus()
            qtbot.keyClicks(column.entry, f"Card {number}: the pager fired on time")
            qtbot.keyClick(column.entry, "\r")
        qtbot.waitUntil(bar.isVisible)
        assert bar.maximum() > 0
        assert len(document.board.cards) == 12
    finally:
        document.close()
