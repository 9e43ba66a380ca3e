"""A step with hundreds of cards: one undo step, written as its result, with a progress dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog
from pytestqt.qtbot import QtBot

from pmdesk.model.board import Card, Theme
from pmdesk.model.demo import demo_board
from pmdesk.store.document import Document
from pmdesk.ui import busy
from pmdesk.ui.board.board_page import BoardPage
from tests.ui.board.helpers import click, column, saved_board

EXTRA = 400


@pytest.fixture
def board_path(tmp_path: Path) -> Path:
    """The demo board with a theme of 400 more cards in "Lessons"."""
    board = demo_board()
    board.themes.append(Theme("t-big", "lessons", "Everything else"))
    board.cards.extend(Card(f"x{n}", "lessons", f"extra card {n}", theme="t-big") for n in range(EXTRA))
    path = tmp_path / "big.pmdesk"
    Document.create(path, board).close()
    return path


def test_deleting_a_whole_column_is_one_step_with_a_progress_dialog(
    qtbot: QtBot, page: BoardPage, board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[int] = []
    monkeypatch.setattr(busy, "SHOW_AFTER", 0.0)  # the dialog a slow machine would show
    monkeypatch.setattr(QProgressDialog, "setValue", lambda self, value: shown.append(value))
    click(qtbot, page, "t-big")
    qtbot.keyClick(column(page, "lessons").view, Qt.Key.Key_Delete)  # a theme: all its cards
    assert page.qt_document.undo_stack.undoText() == f"Delete {EXTRA} cards"
    assert not any(card_id.startswith("x") for card_id in page.model.cards)
    assert shown and shown[-1] == busy.STEPS * 9 // 10
    assert page.qt_document.undo_stack.count() == 1
    shown.clear()
    page.qt_document.undo_stack.undo()
    assert shown, "undo shows the dialog too"
    assert sum(card_id.startswith("x") for card_id in page.model.cards) == EXTRA
    assert "t-big" in page.model.themes
    page.qt_document.undo_stack.redo()
    stored = saved_board(page, board_path)
    assert not any(card.id.startswith("x") for card in stored.cards)
    assert "t-big" not in {theme.id for theme in stored.themes}
    assert [card.id for card in stored.cards] == [card.id for card in demo_board().cards]
