"""The window's room is served from a process of its own; the window stays the board's one writer."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from pmdesk.store.board_file import BoardFile
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.install import Meeting
from pmdesk.ui.room.dialog import RoomRequest
from pmdesk.ui.room.server_process import ServerProcess
from tests.ui.meeting.test_presentation import go
from tests.ui.room.test_window_room_load import post

KEY = "test-device-0007-abcdefgh"


def open_room(qtbot: QtBot, meeting: Meeting) -> ServerProcess:
    go(qtbot, meeting, "reflection")
    control = meeting.room_control
    assert control.open(RoomRequest("127.0.0.1", anonymous=True))
    server = control.server
    assert isinstance(server, ServerProcess) and server._process is not None
    return server


def in_thread(qtbot: QtBot, work: object) -> list[object]:
    """Run ``work()`` on a thread (a phone) while the event loop turns; its result."""
    done: list[object] = []
    thread = threading.Thread(target=lambda: done.append(work()), daemon=True)  # type: ignore[operator]
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=15000)
    return done


def test_the_room_serves_from_another_process_and_the_window_writes_the_card(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, board_path: Path
) -> None:
    server = open_room(qtbot, meeting)
    assert server._process is not None and server._process.pid != os.getpid()
    assert in_thread(qtbot, lambda: post(server.url, "/join", KEY, {"participant": None})) == [200]
    body = {"id": "proc001", "section": "lessons", "text": "Served elsewhere", "author": None}
    assert in_thread(qtbot, lambda: post(server.url, "/cards", KEY, body)) == [201]
    # No thread of this process serves HTTP: the GUI thread never waits on one for the interpreter.
    names = [thread.name for thread in threading.enumerate()]
    assert not [name for name in names if name == "pmdesk-room" or "process_request" in name], names
    assert "Served elsewhere" in [card.text for card in BoardFile.read_snapshot(board_path).cards]
    assert window.qt_document.undo_stack.undoText() == "Add card from a device"
    meeting.room_control.close()
    assert server._process.poll() is not None  # the process has ended with the room


def test_a_room_process_that_dies_closes_the_room_and_says_so(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, board_path: Path
) -> None:
    server = open_room(qtbot, meeting)
    said: list[str] = []
    window.show_error = lambda title, message: said.append(f"{title}: {message}")  # type: ignore[method-assign]
    assert server._process is not None
    os.kill(server._process.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: not meeting.room_control.is_open, timeout=5000)
    assert said == ["The room closed: The room's server stopped. The board keeps every card it took."]
    assert meeting.controller.room is None
    assert BoardFile.read_snapshot(board_path).cards  # the board is as it was


def test_the_moderation_bar_is_there_from_the_rooms_opening_so_the_board_does_not_jump(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    window.show_page("board")
    reveal = window.findChild(QPushButton, "RevealDeviceCards")
    assert isinstance(reveal, QPushButton)
    bar = reveal.parentWidget()
    assert bar is not None and not bar.isVisible()
    open_room(qtbot, meeting)
    assert bar.isVisible() and not reveal.isEnabled() and reveal.text() == "Reveal"
    assert meeting.hint._matcher is not None  # compiled before the first card arrives
    go(qtbot, meeting, "discussion")  # no cards are written now: nothing to wait for
    assert not bar.isVisible()
    go(qtbot, meeting, "reflection")
    assert bar.isVisible()
    meeting.room_control.close()
    assert not bar.isVisible()
