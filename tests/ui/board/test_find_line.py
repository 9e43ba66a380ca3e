"""The board's find line, as a person uses it: Ctrl+F, type, Enter for the next match, Esc."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.main_window import MainWindow
from tests.ui.board.helpers import column


def test_enter_walks_the_matches_in_column_order_and_esc_closes(
    qtbot: QtBot, board_window: MainWindow, page: BoardPage
) -> None:
    qtbot.keyClick(board_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.find_line.isVisible() and page.find_line.hasFocus()
    qtbot.keyClicks(page.find_line, "Gateway")
    qtbot.keyClick(page.find_line, Qt.Key.Key_Return)
    assert page.selected_ids() == ["c8"]  # the first column with a match: Lessons
    qtbot.keyClick(page.find_line, Qt.Key.Key_Return)
    assert page.selected_ids() == ["c14"]  # then on to the next column, inside a theme
    assert page.find_line.hasFocus()  # Enter again goes on

    page.find_line.clear()
    qtbot.keyClicks(page.find_line, "<b>xyzzy</b>")
    qtbot.keyClick(page.find_line, Qt.Key.Key_Return)
    assert board_window.statusBar().currentMessage() == "No card matches “<b>xyzzy</b>”"
    assert page.selected_ids() == ["c14"]

    qtbot.keyClick(page.find_line, Qt.Key.Key_Escape)
    assert not page.find_line.isVisible() and page.model.find_text == ""


def test_esc_after_a_match_leaves_it_selected_with_the_keyboard_in_its_column(
    qtbot: QtBot, board_window: MainWindow, page: BoardPage
) -> None:
    qtbot.keyClick(board_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.find_line, "Gateway pool")
    qtbot.keyClick(page.find_line, Qt.Key.Key_Return)
    qtbot.keyClick(page.find_line, Qt.Key.Key_Escape)
    lessons = column(page, "lessons")
    assert lessons.view.hasFocus()  # not the first column, which the hidden line would pass it to
    assert page.selected_ids() == ["c8"]  # so Delete or Ctrl+Shift+N act on the card found


def test_typing_says_how_many_match_and_when_nothing_does(
    qtbot: QtBot, board_window: MainWindow, page: BoardPage
) -> None:
    """Typing a word found nowhere dimmed every card and said nothing until Enter."""
    qtbot.keyClick(board_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = board_window.statusBar()
    qtbot.keyClicks(page.find_line, "Gateway")
    said = bar.currentMessage().split()
    assert said[1:] == ["matches"] and int(said[0]) > 1
    qtbot.keyClicks(page.find_line, " zz")
    assert bar.currentMessage() == "No card matches “Gateway zz”"
    qtbot.keyClick(page.find_line, Qt.Key.Key_Escape)
    assert bar.currentMessage() == ""
