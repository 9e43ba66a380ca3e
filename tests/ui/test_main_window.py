"""The main window frame: title, read-only banner, undo through the document."""

from pathlib import Path

from PySide6.QtCore import Qt

from pmdesk.model.card_ops import add_card
from pmdesk.store.document import Document
from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.main_window import MainWindow


def test_title_names_incident_and_file(window: MainWindow, board_path: Path) -> None:
    title = window.windowTitle()
    assert window.qt_document.board.incident.title in title
    assert board_path.name in title


def test_pushed_edit_is_in_the_file_and_undo_removes_it(window: MainWindow, board_path: Path) -> None:
    qt_document = window.qt_document
    before = len(qt_document.board.cards)
    assert qt_document.attempt(add_card, "went-well", "Pager fired on time", card_id="cx1")
    assert len(qt_document.board.cards) == before + 1
    qt_document.undo_stack.undo()
    assert len(qt_document.board.cards) == before
    qt_document.undo_stack.redo()
    qt_document.document.close()
    reopened = Document.open(board_path)
    assert any(card.id == "cx1" for card in reopened.board.cards)
    reopened.close()


def test_refused_edit_is_reported_not_pushed(window: MainWindow) -> None:
    qt_document = window.qt_document
    messages: list[str] = []
    qt_document.failed.connect(messages.append)
    assert not qt_document.attempt(add_card, "no-such-section", "x")
    assert messages and qt_document.undo_stack.count() == 0


def test_save_as_continues_in_the_new_file(window: MainWindow, board_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "after the meeting.pmdesk"
    assert window.save_as(target)
    assert target.name in window.windowTitle()
    assert window.qt_document.attempt(add_card, "went-well", "written after Save As", card_id="c-after")
    window.qt_document.document.close()
    moved = Document.open(target)
    original = Document.open(board_path)
    try:
        assert any(card.id == "c-after" for card in moved.board.cards)
        assert not any(card.id == "c-after" for card in original.board.cards)
    finally:
        moved.close()
        original.close()


def test_save_as_of_a_read_only_board_makes_its_cards_editable(window: MainWindow, tmp_path: Path) -> None:
    page = window.pages["board"]
    assert isinstance(page, BoardPage)
    card = page.model.index_of(window.qt_document.board.cards[0].id)
    window.qt_document.document.file.read_only = True  # type: ignore[misc]
    page.sync_read_only()
    assert not page.model.flags(card) & Qt.ItemFlag.ItemIsEditable
    assert all(column.entry.isReadOnly() for column in page.columns)
    assert window.save_as(tmp_path / "writable copy.pmdesk")
    assert page.model.flags(card) & Qt.ItemFlag.ItemIsEditable
    assert not any(column.entry.isReadOnly() for column in page.columns)
