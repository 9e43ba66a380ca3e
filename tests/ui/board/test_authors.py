"""Alt+digit chooses who writes the next cards; changing a written card's author is its own command."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from pmdesk.ui.board.board_page import BoardPage
from tests.ui.board.helpers import click, column, saved_board

ALT = Qt.KeyboardModifier.AltModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_alt_digit_sets_the_next_author_and_leaves_the_selected_card_alone(
    qtbot: QtBot, page: BoardPage, board_path: Path
) -> None:
    page.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())
    click(qtbot, page, "c5")  # Tom Becker's card, selected
    view = column(page, "went-well").view
    view.setFocus()
    steps = page.qt_document.undo_stack.count()
    qtbot.keyClick(view, Qt.Key.Key_2, ALT)
    assert page.author == "p2"
    assert page.qt_document.undo_stack.count() == steps
    entry = column(page, "went-well")
    assert entry.author_label.text() == "Next card by:" and entry.author.currentText().endswith("Ben Okafor")
    assert page.window().statusBar().currentMessage() == "Next card by: Ben Okafor"
    page.focus_card_entry("went-well")
    qtbot.keyClicks(entry.entry, "Status page updates were on time")
    qtbot.keyClick(entry.entry, Qt.Key.Key_Return)
    board = saved_board(page, board_path)
    assert next(c for c in board.cards if c.id == "c5").author == "p4"
    assert next(c for c in board.cards if c.text == "Status page updates were on time").author == "p2"


def pick_in_popup(qtbot: QtBot, key: Qt.Key) -> list[str]:
    """Press ``key`` in the next popup menu that opens; the texts it offered."""
    offered: list[str] = []

    def press() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, press)
            return
        offered.extend(a.text() for a in menu.actions() if not a.isSeparator())
        qtbot.keyClick(menu, key)

    QTimer.singleShot(20, press)
    return offered


def test_ctrl_shift_u_changes_the_selected_cards_author_in_one_step(
    qtbot: QtBot, page: BoardPage, board_path: Path
) -> None:
    page.window().activateWindow()  # the window's shortcuts need it active, as on a desktop
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())
    click(qtbot, page, "c5")
    click(qtbot, page, "c6", Qt.KeyboardModifier.ControlModifier)
    view = column(page, "went-well").view
    view.setFocus()
    steps = page.qt_document.undo_stack.count()
    offered = pick_in_popup(qtbot, Qt.Key.Key_3)
    qtbot.keyClick(view, Qt.Key.Key_U, CTRL_SHIFT)
    assert "&3  Priya Nair" in offered and "&0  No author" in offered
    assert page.qt_document.undo_stack.count() == steps + 1
    assert page.qt_document.undo_stack.undoText() == "Change card author"
    assert page.author is None  # the next cards' author is not touched
    board = saved_board(page, board_path)
    assert {c.author for c in board.cards if c.id in ("c5", "c6")} == {"p3"}


def test_the_author_menu_names_the_participants(page: BoardPage) -> None:
    actions = page.board_actions
    assert actions["author_1"].text() == "&1  Ana Ruiz" and actions["author_5"].isVisible()
    assert not actions["author_6"].isVisible()
