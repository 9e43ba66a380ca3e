"""Helpers for board tests: read the file back, click a card like a person."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from pmdesk.model.board import Board
from pmdesk.store.document import Document
from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.board.section_column import SectionColumn


def saved_board(page: BoardPage, path: Path) -> Board:
    """Close the window's document and read the board back from the file."""
    page.qt_document.document.close()
    reopened = Document.open(path)
    try:
        return reopened.board
    finally:
        reopened.close()


def column(page: BoardPage, section_id: str) -> SectionColumn:
    """The column of a section."""
    found = page.column_of(section_id)
    assert found is not None
    return found


def click(
    qtbot: QtBot,
    page: BoardPage,
    item_id: str,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> QModelIndex:
    """Click a card or theme in its column, in the middle of its text."""
    section = page.model.section_of(item_id)
    view = column(page, section or "").view
    index = page.index_of(item_id)
    view.scrollTo(index)
    rect = view.visualRect(index)
    assert rect.isValid(), item_id
    point = rect.center()
    point.setY(rect.top() + 20)  # the text, away from a theme's fold arrow
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, point)
    return index


def card_by_text(board: Board, text: str) -> str:
    """The id of the card with this text."""
    return next(card.id for card in board.cards if card.text == text)
