"""Devices vote blind: voting with the room open hides the tallies, as one undoable edit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.install import Meeting
from tests.ui.meeting.test_presentation import go
from tests.ui.room.test_open_room import FakeServer, answer, room_button, room_of


def open_the_room(qtbot: QtBot, window: MainWindow, meeting: Meeting) -> list[FakeServer]:
    made: list[FakeServer] = []
    control = room_of(meeting, made)
    window.show_page("room")
    answer(qtbot, control, lambda d: qtbot.mouseClick(d.open_button, Qt.MouseButton.LeftButton))
    qtbot.mouseClick(room_button(window), Qt.MouseButton.LeftButton)
    assert made and made[0].started
    return made


def test_voting_with_the_room_open_hides_the_tallies_in_one_undo_step(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    document = window.qt_document
    assert document.board.votes and not document.board.session.votes_hidden  # the demo's tallies show
    go(qtbot, meeting, "reflection")
    open_the_room(qtbot, window, meeting)
    assert not document.board.session.votes_hidden  # nothing to hide while people write
    steps = document.undo_stack.count()

    go(qtbot, meeting, "prioritization")
    assert document.board.session.votes_hidden
    assert document.undo_stack.count() == steps + 1
    assert document.undo_stack.undoText() == "Hide tallies"
    assert "devices vote blind" in window.statusBar().currentMessage()

    # The facilitator shows them on purpose: they stay shown while voting goes on.
    qtbot.mouseClick(meeting.reveal_votes, Qt.MouseButton.LeftButton)
    meeting.room_control.refresh()
    assert not document.board.session.votes_hidden
    document.undo_stack.undo()  # the reveal
    document.undo_stack.undo()  # the hiding
    assert not document.board.session.votes_hidden


def test_opening_the_room_during_voting_hides_the_tallies(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    document = window.qt_document
    go(qtbot, meeting, "prioritization")  # a board with dots already: left as it is
    assert not document.board.session.votes_hidden
    open_the_room(qtbot, window, meeting)
    assert document.board.session.votes_hidden and document.undo_stack.undoText() == "Hide tallies"
