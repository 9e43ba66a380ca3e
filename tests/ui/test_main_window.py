"""The main window frame: title, read-only banner, undo through the document."""

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

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


def test_a_right_to_left_override_in_the_title_reorders_nothing_in_the_window_title(
    qtbot: QtBot, window: MainWindow, board_path: Path
) -> None:
    """A stranger's board titled "\u202eRTL title" turned the whole window title backwards,
    file name and "pmdesk" included ("ksedmp — ksedmp.elitsoh — eltit LTR")."""

    def retitle(text: str) -> None:
        qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # the title field
        title = window.qt_document.board.incident.title
        qtbot.waitUntil(lambda: getattr(QApplication.focusWidget(), "text", lambda: None)() == title)
        field = QApplication.focusWidget()
        assert isinstance(field, QLineEdit)
        field.selectAll()
        for char in text:  # as a keyboard layout delivers them (QTest types ASCII only)
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(field, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
        qtbot.keyClick(field, Qt.Key.Key_Tab)

    retitle("\u202eRTL title <b>x</b>")
    assert window.qt_document.board.incident.title == "\u202eRTL title <b>x</b>"  # kept as typed
    title = window.windowTitle()
    assert "\u202e" not in title and "\\u202eRTL title <b>x</b>" in title  # the override, shown
    assert title.startswith("\u2068") and f"\u2069 — {board_path.name} — pmdesk" in title
    retitle("عطل في الدفع")  # a right-to-left title, isolated from what follows
    assert window.windowTitle() == f"\u2068عطل في الدفع\u2069 — {board_path.name} — pmdesk"
