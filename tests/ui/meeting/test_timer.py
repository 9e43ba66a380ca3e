"""The countdown with a clock moved by hand, and the time spent written to the board file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pmdesk.store.document import Document
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.install import Meeting
from tests.ui.meeting.conftest import FakeTime


def start_at(qtbot: QtBot, meeting: Meeting, phase: str) -> None:
    qtbot.mouseClick(meeting.agenda.buttons[phase], Qt.MouseButton.LeftButton)


def test_countdown_turns_amber_then_red_and_counts_up(
    qtbot: QtBot, meeting: Meeting, fake_time: FakeTime
) -> None:
    start_at(qtbot, meeting, "tone")  # five minutes
    timer = meeting.timer
    timer.refresh()
    assert timer.timer.label.text() == "05:00" and timer.state() == "normal"
    fake_time.advance(4 * 60 + 1)
    timer.refresh()
    assert timer.timer.label.text() == "00:59" and timer.state() == "amber"
    assert meeting.theme.amber in timer.timer.label.styleSheet()
    fake_time.advance(75)
    timer.refresh()
    assert timer.timer.label.text() == "+00:16" and timer.state() == "over"
    assert meeting.theme.over in timer.timer.label.styleSheet()


def test_plus_one_and_two_minutes(qtbot: QtBot, meeting: Meeting, fake_time: FakeTime) -> None:
    start_at(qtbot, meeting, "tone")
    fake_time.advance(5 * 60 + 30)
    qtbot.mouseClick(meeting.timer.plus_one, Qt.MouseButton.LeftButton)
    assert meeting.timer.timer.label.text() == "00:30"
    qtbot.mouseClick(meeting.timer.plus_two, Qt.MouseButton.LeftButton)
    assert meeting.timer.timer.label.text() == "02:30"


def test_pause_with_the_button_space_and_ctrl_space(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, fake_time: FakeTime
) -> None:
    start_at(qtbot, meeting, "tone")
    clock = meeting.controller.clock
    qtbot.mouseClick(meeting.timer.pause, Qt.MouseButton.LeftButton)
    assert not clock.running and meeting.timer.pause.text() == "Resume"
    fake_time.advance(100)
    assert meeting.timer.timer.label.text() == "05:00"
    meeting.timer.timer.setFocus()
    qtbot.keyClick(meeting.timer.timer, Qt.Key.Key_Space)
    assert clock.running
    fake_time.advance(10)
    qtbot.keyClick(window, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    assert not clock.running
    assert meeting.timer.timer.label.text() == "04:50"


def test_time_spent_is_written_to_the_file_and_revisits_add_up(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, fake_time: FakeTime, board_path: Path
) -> None:
    undo_steps = window.qt_document.undo_stack.count()
    start_at(qtbot, meeting, "tone")
    fake_time.advance(125)
    start_at(qtbot, meeting, "facts")
    fake_time.advance(300)
    start_at(qtbot, meeting, "tone")
    fake_time.advance(20)
    start_at(qtbot, meeting, "facts")
    fake_time.advance(7)
    window.close()  # writes the current phase's time too
    assert window.qt_document.undo_stack.count() == undo_steps  # time spent is not an undo step
    window.qt_document.document.close()
    reopened = Document.open(board_path)
    try:
        spent = {p.id: p.actual_seconds for p in reopened.board.agenda}
    finally:
        reopened.close()
    assert spent["tone"] == 145
    assert spent["facts"] == 307
    assert spent["reflection"] is None


def test_time_spent_is_saved_every_minute_without_leaving_the_phase(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, fake_time: FakeTime, board_path: Path
) -> None:
    start_at(qtbot, meeting, "tone")
    fake_time.advance(90)
    meeting.controller.saver.timeout.emit()  # the minute timer fires
    window.qt_document.document.close()  # as if the process died here: nothing more is written
    reopened = Document.open(board_path)
    try:
        tone = next(phase for phase in reopened.board.agenda if phase.id == "tone")
        assert tone.actual_seconds == 90
    finally:
        reopened.close()


def test_a_phase_left_within_a_second_keeps_its_time_and_short_times_read_in_seconds(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, fake_time: FakeTime, board_path: Path
) -> None:
    start_at(qtbot, meeting, "tone")
    fake_time.advance(0.8)
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # to Facts
    fake_time.advance(40.2)
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # to Reflection
    tips = {key: button.toolTip() for key, button in meeting.agenda.buttons.items()}
    assert "1 s spent" in tips["tone"]
    assert "40 s spent" in tips["facts"]
    assert "spent" not in tips["reflection"]  # still running: nothing written yet
    window.qt_document.document.close()
    reopened = Document.open(board_path)
    try:
        spent = {p.id: p.actual_seconds for p in reopened.board.agenda}
    finally:
        reopened.close()
    assert (spent["tone"], spent["facts"], spent["reflection"]) == (1, 40, None)


def test_a_tick_re_styles_the_countdown_only_when_its_colour_changes(
    qtbot: QtBot, meeting: Meeting, fake_time: FakeTime
) -> None:
    """Setting a style sheet re-polishes the widget: the second's tick must not do it for nothing."""
    from PySide6.QtCore import QEvent, QObject

    class StyleChanges(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.StyleChange:
                self.count += 1
            return False

    start_at(qtbot, meeting, "tone")
    timer = meeting.timer
    timer.refresh()
    changes = StyleChanges()
    for widget in (timer.timer.label, timer.title, timer.pause):
        widget.installEventFilter(changes)
    for _ in range(5):  # five ticks of the same colour
        fake_time.advance(1)
        timer.refresh()
    assert changes.count == 0 and timer.timer.label.text() == "04:55"
    fake_time.advance(4 * 60)  # amber: the countdown's colour changes once
    timer.refresh()
    assert changes.count == 1 and meeting.theme.amber in timer.timer.label.styleSheet()
