"""On one screen the projector shows only what the room should see; the facilitator keeps working."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextLayout
from PySide6.QtWidgets import QApplication, QGridLayout, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from pmdesk.model.card_ops import add_card
from pmdesk.model.demo import demo_board
from pmdesk.store.document import Document
from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.install import Meeting
from pmdesk.ui.meeting.render import Look, actions_view, sections_view
from pmdesk.ui.palette import PALETTES, PROJECTOR
from tests.ui.meeting.test_presentation import go, strings_held


def board_page(window: MainWindow) -> BoardPage:
    page = window.pages["board"]
    assert isinstance(page, BoardPage)
    return page


def shown(widget: QWidget, window: MainWindow) -> bool:
    """Visible on the window (its own flag and every parent's)."""
    return widget.isVisibleTo(window) and window.isVisible()


def test_find_line_and_its_filter_are_gone_when_presenting(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    go(qtbot, meeting, "themes")
    page = board_page(window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.find_line.isVisible()
    qtbot.keyClicks(page.find_line, "pool")
    assert page.model.find_text == "pool"
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert not page.find_line.isVisible()
    assert page.model.find_text == ""  # no stale filter dims the room's cards


def test_no_facilitator_buttons_on_the_projector(qtbot: QtBot, window: MainWindow, meeting: Meeting) -> None:
    page = board_page(window)
    bar = page.participants_bar
    add_participant = getattr(bar, "add_button", None)
    assert isinstance(add_participant, QWidget) and shown(add_participant, window)
    go(qtbot, meeting, "prioritization")
    assert page.voting_bar.isVisible() and page.voting_bar.voter_box.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert not add_participant.isVisible()
    assert not meeting.timer.plus_one.isVisible() and not meeting.timer.edit.isVisible()
    assert page.voting_bar.isVisible()  # whose turn it is stays
    for control in page.voting_bar.controls:
        assert not control.isVisible()
    assert "Click a theme" not in page.voting_bar.status.text()
    go(qtbot, meeting, "actions")
    actions = window.pages["actions"]
    for button in getattr(actions, "editing_buttons", []):
        assert not button.isVisible()
    assert getattr(actions, "editing_buttons", [])
    qtbot.keyClick(window, Qt.Key.Key_F5)  # back: everything returns
    qtbot.waitUntil(lambda: all(b.isVisible() for b in getattr(actions, "editing_buttons", [])))
    assert add_participant.isVisible()


def test_blameless_hint_waits_for_the_facilitator(qtbot: QtBot, window: MainWindow, meeting: Meeting) -> None:
    go(qtbot, meeting, "themes")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.qt_document.attempt(add_card, "lessons", "Ben forgot the rollback")
    assert meeting.hint.card_id is not None  # the hint is there for the facilitator…
    assert not meeting.hint.isVisible()  # …but not on the projector
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert meeting.hint.isVisible()


def test_esc_closes_the_find_line_before_it_ends_presenting(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    go(qtbot, meeting, "themes")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    page = board_page(window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.find_line.isVisible()
    qtbot.keyClick(page.find_line, Qt.Key.Key_Escape)
    assert not page.find_line.isVisible()
    assert meeting.controller.presenting
    column = page.columns[0]
    column.view.setFocus()
    qtbot.keyClick(column.view, Qt.Key.Key_Escape)  # Esc on nothing ends it
    assert not meeting.controller.presenting


def test_esc_closes_a_card_editor_before_it_ends_presenting(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    go(qtbot, meeting, "themes")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    page = board_page(window)
    view = page.columns[0].view
    view.setFocus()
    view.setCurrentIndex(page.index_of("c3"))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not view and view.isAncestorOf(editor)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert view.state() != view.State.EditingState
    assert meeting.controller.presenting


def test_typing_cards_on_one_screen_while_the_room_sees_them_face_down(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, board_path: Path
) -> None:
    go(qtbot, meeting, "reflection")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.current_page() is meeting.room
    entry = meeting.private_entry
    assert entry.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is entry.text)
    entry.section.setCurrentIndex(entry.section.findData("lessons"))
    entry.author.setCurrentIndex(entry.author.findData("p2"))
    secret = "Dashboards hid the pool size"
    qtbot.keyClicks(entry.text, secret)
    assert entry.text.echoMode() == QLineEdit.EchoMode.Password  # the room sees dots
    qtbot.keyClick(entry.text, Qt.Key.Key_Return)
    assert entry.text.text() == ""
    assert secret not in "\n".join(strings_held(meeting.room))
    assert "7 cards written" in "\n".join(strings_held(meeting.room)) or "7" in strings_held(meeting.room)
    qtbot.keyClicks(entry.text, "Second card")
    qtbot.keyClick(entry.text, Qt.Key.Key_Return)
    window.qt_document.document.close()
    reopened = Document.open(board_path)
    try:
        cards = [c for c in reopened.board.cards if c.text in (secret, "Second card")]
    finally:
        reopened.close()
    assert [(c.section, c.author) for c in cards] == [("lessons", "p2"), ("lessons", "p2")]


def test_private_entry_is_not_shown_with_an_audience_window_or_once_revealed(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    go(qtbot, meeting, "reflection")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert meeting.private_entry.isVisible()
    qtbot.mouseClick(meeting.reveal_cards, Qt.MouseButton.LeftButton)
    assert not meeting.private_entry.isVisible()


def test_a_long_unbroken_word_wraps_and_the_room_view_keeps_equal_sections(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, board_path: Path
) -> None:
    go(qtbot, meeting, "reflection")
    page = board_page(window)
    page.focus_card_entry("went-well")
    entry = QApplication.focusWidget()
    assert entry is not None
    qtbot.keyClicks(entry, "x" * 150)
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window, Qt.Key.Key_R, ctrl | Qt.KeyboardModifier.ShiftModifier)  # reveal the cards
    qtbot.keyClick(window, Qt.Key.Key_9, ctrl)
    assert window.current_page() is meeting.room
    qtbot.waitUntil(lambda: meeting.room.canvas.widget() is not None)
    held = lambda: [text.replace("\u200b", "") for text in strings_held(meeting.room)]  # noqa: E731
    qtbot.waitUntil(lambda: "x" * 150 in held())  # the card is shown whole
    body = meeting.room.canvas.widget()
    QApplication.processEvents()
    assert meeting.room.canvas.horizontalScrollBar().maximum() == 0  # nothing pushed out of sight
    grid = next(layout for layout in body.findChildren(QGridLayout) if layout.columnCount() == 4)
    widths = [grid.cellRect(0, col).width() for col in range(4)]
    assert max(widths) - min(widths) <= 2, widths
    window.qt_document.document.close()
    reopened = Document.open(board_path)
    try:
        assert any(card.text == "x" * 150 for card in reopened.board.cards)  # all of it, unbroken
    finally:
        reopened.close()


def test_the_wrap_up_check_the_room_sees_speaks_of_one_action_in_the_singular(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    """With one action the room read "All 1 actions have an owner" or "1 of 1 actions still need"."""
    go(qtbot, meeting, "actions")
    table = window.pages["actions"].table  # type: ignore[attr-defined]
    while table.model().rowCount() > 1:
        table.setFocus()
        table.selectRow(0)
        qtbot.keyClick(table, Qt.Key.Key_Delete)
    go(qtbot, meeting, "wrap-up")
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)  # the Room view
    qtbot.waitUntil(lambda: any("action" in text for text in strings_held(meeting.room)))
    said = [text for text in strings_held(meeting.room) if "action" in text]
    assert any(
        text
        in ("The action has an owner and a due date.", "1 of 1 action still needs an owner or a due date.")
        for text in said
    ), said
    assert not any("1 actions" in text for text in said)


def test_esc_in_the_one_screen_card_line_clears_it_then_leaves_presenting(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    """The card line kept the keyboard and Esc did nothing there: presenting could not be left."""
    go(qtbot, meeting, "reflection")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    entry = meeting.private_entry
    qtbot.waitUntil(lambda: QApplication.focusWidget() is entry.text)
    qtbot.keyClicks(entry.text, "half a thought")
    qtbot.keyClick(entry.text, Qt.Key.Key_Escape)
    assert entry.text.text() == "" and meeting.controller.presenting  # the first Esc clears the line
    qtbot.keyClick(entry.text, Qt.Key.Key_Escape)
    assert not meeting.controller.presenting
    assert not any(card.text == "half a thought" for card in window.qt_document.board.cards)


def test_an_arabic_owner_keeps_the_rooms_action_line_left_to_right(qtbot: QtBot) -> None:
    """The owner's name turned the line right to left: the priority came first and the date read backwards."""
    board = demo_board()
    action = board.actions[0]
    owner = next(p for p in board.participants if p.id == action.owner)
    owner.name = "محمد عبد الرحمن"
    widget = actions_view(Look(PALETTES[PROJECTOR], 1.0), board)
    qtbot.addWidget(widget)
    label = next(found for found in widget.findChildren(QLabel) if owner.name in found.text())
    line = label.text().split("\n")[1]
    layout = QTextLayout(line, label.font())
    layout.beginLayout()
    text_line = layout.createLine()
    text_line.setLineWidth(10_000)
    layout.endLayout()
    assert action.due is not None
    due_at = text_line.cursorToX(line.index(action.due))[0]
    priority_at = text_line.cursorToX(line.index(action.priority))[0]
    assert due_at < priority_at  # owner, due date, priority: from left to right


@pytest.mark.parametrize("face_down", [True, False])
def test_the_rooms_section_titles_start_on_one_line(qtbot: QtBot, face_down: bool) -> None:
    """A three-line section title sat at the top while the one-line titles beside it floated mid-way."""
    board = demo_board()
    board.sections[1].title = "Lessons learned about the way alerting, paging and escalation worked together"
    look = Look(PALETTES[PROJECTOR], 1.0)
    widget = sections_view(look, board, face_down=face_down)
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    widget.show()
    qtbot.waitExposed(widget)
    image = widget.grab().toImage()
    accent = QColor(PALETTES[PROJECTOR].accent)
    tops = []
    for section in board.sections:
        label = next(found for found in widget.findChildren(QLabel) if found.text() == section.title)
        box = label.geometry()
        inked = [
            y
            for y in range(box.top(), box.bottom())
            for x in range(box.left(), box.left() + 60)
            if QColor(image.pixel(x, y)) == accent
        ]
        tops.append(min(inked))
    assert max(tops) - min(tops) <= 2, tops
