"""A long column emptied and brought back in one step measures only the cards in view."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from pmdesk.model.board import Card
from pmdesk.model.card_ops import delete_cards
from pmdesk.model.demo import demo_board
from pmdesk.store.document import Document
from pmdesk.ui.board.board_page import BoardPage
from tests.ui.board.helpers import column

EXTRA = 600


@pytest.fixture
def board_path(tmp_path: Path) -> Path:
    """The demo board with 600 more loose cards in "Lessons"."""
    board = demo_board()
    board.cards.extend(Card(f"x{n}", "lessons", f"extra card {n}") for n in range(EXTRA))
    path = tmp_path / "long.pmdesk"
    Document.create(path, board).close()
    return path


def test_undoing_the_delete_of_a_long_column_lays_out_only_the_rows_in_view(
    qtbot: QtBot, page: BoardPage
) -> None:
    view = column(page, "lessons").view
    assert view.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerItem
    document = page.qt_document
    assert document.attempt(
        delete_cards, [card.id for card in document.board.cards if card.section == "lessons"]
    )
    qtbot.wait(1)
    assert view.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerPixel  # a short column
    heights = view.card_delegate._heights  # one entry per card text measured
    heights.clear()
    column(page, "lessons").entry.setFocus()  # typing a card: the undone cards are not selected
    qtbot.wait(1)
    document.undo_stack.undo()
    qtbot.wait(1)
    assert view.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerItem
    assert view.model().rowCount() > EXTRA
    assert 0 < len(heights) < EXTRA // 3  # the rows in view, not every row of the column
