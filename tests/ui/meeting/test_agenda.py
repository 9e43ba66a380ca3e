"""The agenda stepper: each phase brings up its view; moving back and forth loses nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from pmdesk.model.vote_ops import remove_vote
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.header import MinutesDialog
from pmdesk.ui.meeting.install import Meeting

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def page_key(window: MainWindow) -> str:
    current = window.current_page()
    return next(key for key, page in window.pages.items() if page is current)


def next_phase(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)


def test_the_stepper_shows_the_eight_phases(meeting: Meeting) -> None:
    assert [b.text() for b in meeting.agenda.buttons.values()] == ["1 Tone", *"2345678"]
    assert "Set the tone — 5 min" in meeting.agenda.buttons["tone"].toolTip()


def test_each_phase_brings_up_its_view(qtbot: QtBot, window: MainWindow, meeting: Meeting) -> None:
    qtbot.mouseClick(meeting.agenda.buttons["tone"], Qt.MouseButton.LeftButton)
    assert page_key(window) == "tone"
    assert meeting.agenda.buttons["tone"].isChecked()
    seen = {}
    for _ in range(7):
        next_phase(qtbot, window)
        seen[meeting.controller.phase_id] = page_key(window)
    assert seen == {
        "facts": "review",
        "reflection": "board",
        "discussion": "focus",
        "themes": "board",
        "prioritization": "board",
        "actions": "actions",
        "wrap-up": "wrap-up",
    }
    assert meeting.agenda.buttons["wrap-up"].isChecked()
    assert not meeting.agenda.buttons["tone"].isChecked()


def test_reflection_puts_the_cursor_in_card_entry(qtbot: QtBot, window: MainWindow, meeting: Meeting) -> None:
    qtbot.mouseClick(meeting.agenda.buttons["reflection"], Qt.MouseButton.LeftButton)
    board_page = window.pages["board"]
    focused = window.focusWidget()
    assert focused is not None and board_page.isAncestorOf(focused)


def test_back_and_forth_keys_and_nothing_lost(qtbot: QtBot, window: MainWindow, meeting: Meeting) -> None:
    cards = [c.text for c in window.qt_document.board.cards]
    qtbot.mouseClick(meeting.agenda.buttons["themes"], Qt.MouseButton.LeftButton)
    qtbot.keyClick(window, Qt.Key.Key_Left, ALT)
    assert meeting.controller.phase_id == "discussion"
    qtbot.keyClick(window, Qt.Key.Key_PageUp, CTRL)
    assert meeting.controller.phase_id == "reflection"
    qtbot.keyClick(window, Qt.Key.Key_Right, ALT)
    assert meeting.controller.phase_id == "discussion"
    assert [c.text for c in window.qt_document.board.cards] == cards
    qtbot.mouseClick(meeting.agenda.buttons["tone"], Qt.MouseButton.LeftButton)
    assert not meeting.agenda.previous.isEnabled()


def test_voting_starts_blind_and_the_reveal_button_shows_tallies(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    qt_document = window.qt_document
    for vote in list(qt_document.board.votes):  # a board nobody has voted on yet
        assert qt_document.attempt(remove_vote, vote.participant, vote.target)
    qtbot.mouseClick(meeting.agenda.buttons["prioritization"], Qt.MouseButton.LeftButton)
    board_page = window.pages["board"]
    assert getattr(board_page, "voting", True)
    assert qt_document.board.session.votes_hidden
    assert meeting.reveal_votes.isVisible()
    qtbot.mouseClick(meeting.reveal_votes, Qt.MouseButton.LeftButton)
    assert not qt_document.board.session.votes_hidden
    assert not meeting.reveal_votes.isVisible()
    qtbot.mouseClick(meeting.agenda.buttons["actions"], Qt.MouseButton.LeftButton)
    assert not getattr(board_page, "voting", False)


def test_a_board_with_dots_keeps_its_tallies_shown(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    qtbot.mouseClick(meeting.agenda.buttons["prioritization"], Qt.MouseButton.LeftButton)
    assert not window.qt_document.board.session.votes_hidden


def test_planned_minutes_edit_and_undo(qtbot: QtBot, window: MainWindow, meeting: Meeting) -> None:
    dialog = MinutesDialog(meeting.controller, window)
    qtbot.addWidget(dialog)
    dialog.spins["discussion"].setValue(30)
    dialog.done(QDialog.DialogCode.Accepted)
    dialog.apply()
    agenda = {p.id: p for p in window.qt_document.board.agenda}
    assert agenda["discussion"].minutes == 30
    assert "30 min" in meeting.agenda.buttons["discussion"].toolTip()
    window.qt_document.undo_stack.undo()
    assert {p.id: p for p in window.qt_document.board.agenda}["discussion"].minutes == 20


def test_the_next_arrow_stays_under_the_pointer_through_the_meeting(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    """Clicking ▶ again and again walks the phases: the arrow does not move away from the pointer
    (the stepper widened with each phase's name, and Reveal cards / Reveal votes shifted it)."""
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: window.width() == 1600)
    arrow = meeting.agenda.next
    qtbot.mouseClick(meeting.agenda.buttons["tone"], Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    where = arrow.mapTo(window, arrow.rect().center())
    for phase in ["facts", "reflection", "discussion", "themes", "prioritization", "actions", "wrap-up"]:
        target = window.childAt(where)
        assert target is arrow or arrow.isAncestorOf(target), f"▶ moved away before {phase}"
        qtbot.mouseClick(arrow, Qt.MouseButton.LeftButton)
        QApplication.processEvents()
        assert meeting.controller.phase_id == phase
