"""The window's room is served from a process of its own; the window stays the board's one writer."""

from __future__ import annotations

import http.client
import itertools
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from pmdesk.store.board_file import BoardFile
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.install import Meeting
from pmdesk.ui.room import server_process
from pmdesk.ui.room.dialog import RoomRequest
from pmdesk.ui.room.gateway import WindowGateway
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
    assert said == [
        "The room closed: The room's server stopped. The board keeps every card it took. Open the room "
        "again to go on: the devices join again with the new code on the projector."
    ]
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


FAKE_WORKER = """
import sys
from pmdesk.room.frames import json_frame, read_pickle_frame

out = sys.stdout.buffer
def send(message):
    out.write(json_frame(message))
    out.flush()

send({"op": "ready", "url": "http://127.0.0.1:9/j/fake-room-token"})
# BODY
heard = []
while (message := read_pickle_frame(sys.stdin.buffer)) is not None:
    heard.append(repr({key: value for key, value in message.items() if key != "board"}))
open(sys.argv[1], "w").write("\\n".join(heard))
"""


def fake_worker(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, body: str) -> Path:
    """The room's process replaced by a script: it says ready, runs ``body``, records what it hears."""
    script, record = tmp_path / "fake_worker.py", tmp_path / "heard.txt"
    script.write_text(FAKE_WORKER.replace("# BODY", body))
    monkeypatch.setattr(
        server_process, "worker_command", lambda *_args: (sys.executable, [str(script), str(record)])
    )
    return record


def test_the_window_takes_nothing_from_the_rooms_process_but_the_documented_messages(
    qtbot: QtBot,
    window: MainWindow,
    meeting: Meeting,
    board_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    add = {"name": "add_card", "args": ["dev-fake-card1", "lessons", "From a forged id", None]}
    record = fake_worker(
        monkeypatch,
        tmp_path,
        "\n".join(
            f"send({message!r})"
            for message in [
                {"op": "devices", "count": 3},
                {"op": "devices", "count": True},  # JSON's true: Python's bool is an int
                {"op": "devices", "count": 10**12},
                {"op": "devices", "count": -1},
                {"op": "cancel", "id": [1]},
                {"op": "apply", "id": True, "command": add},
                {"op": "board", "id": 1.5},
                {"op": "devices", "count": 4, "id": {"x": 1}},
            ]
        ),
    )
    server = open_room(qtbot, meeting)
    qtbot.waitUntil(lambda: server.devices() == 4, timeout=10000)
    meeting.room_control.close()
    assert "From a forged id" not in [card.text for card in window.qt_document.board.cards]
    assert "From a forged id" not in [card.text for card in BoardFile.read_snapshot(board_path).cards]
    heard = record.read_text().splitlines()
    assert [line for line in heard if "'id'" in line] == []  # no answer to a call it never made


def test_the_window_goes_on_while_the_rooms_process_is_slow_to_read_its_pipe(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    go_on = tmp_path / "go-on"
    # The process asks for the board forty times (300 KB of snapshots: a pipe holds 64), says a device
    # joined, and reads nothing until the window has taken that, or for 20 s.
    record = fake_worker(
        monkeypatch,
        tmp_path,
        f"""
import os, time
go_on = {str(go_on)!r}
for call in range(1, 41):
    send({{"op": "board", "id": call}})
send({{"op": "devices", "count": 1}})
deadline = time.monotonic() + 20
while not os.path.exists(go_on) and time.monotonic() < deadline:
    time.sleep(0.01)
open(go_on + ".log", "w").write("went on" if os.path.exists(go_on) else "waited out")
""",
    )
    server = open_room(qtbot, meeting)
    qtbot.waitUntil(lambda: server.devices() == 1, timeout=30000)
    go_on.touch()
    meeting.room_control.close()
    assert (tmp_path / "go-on.log").read_text().strip() == "went on"  # the GUI thread never waited
    assert len([line for line in record.read_text().splitlines() if "'id'" in line]) == 40  # each answered


def test_a_room_process_that_writes_something_else_first_is_refused_with_a_message(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A "pmdesk" that is not this one (a folder of that name beside the board) printed to the pipe."""
    junk = "print('DECOY'); import time; time.sleep(30)"
    monkeypatch.setattr(server_process, "worker_command", lambda *_args: (sys.executable, ["-c", junk]))
    said: list[str] = []
    window.show_error = lambda title, message: said.append(f"{title}: {message}")  # type: ignore[method-assign]
    go(qtbot, meeting, "reflection")
    assert not meeting.room_control.open(RoomRequest("127.0.0.1", anonymous=True))
    assert said == [
        "The room could not open: pmdesk cannot serve on 127.0.0.1: "
        "the room's server answered in a way pmdesk does not understand"
    ]
    assert not meeting.room_control.is_open and meeting.controller.room is None


def test_a_room_opened_and_closed_again_and_again_leaves_nothing_behind(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    def left() -> tuple[int, int, int, int]:
        qtbot.wait(50)  # objects deleted later are deleted by now
        control = meeting.room_control
        return (
            len(os.listdir("/proc/self/fd")),
            threading.active_count(),
            len(control.findChildren(WindowGateway)),
            len(control.findChildren(ServerProcess)),
        )

    before = left()
    close = window.findChild(QAction, "OpenRoomAction")
    assert isinstance(close, QAction)
    processes = []
    for _ in range(3):
        processes.append(open_room(qtbot, meeting)._process)
        close.trigger()
    assert left() == before
    assert all(process is not None and process.returncode == 0 for process in processes)  # each reaped


def test_a_change_still_queued_as_the_room_closes_is_refused_as_closed_and_never_applied(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    record = fake_worker(monkeypatch, tmp_path, "")
    server = open_room(qtbot, meeting)
    add = {"name": "add_card", "args": ["dev-late-card1", "lessons", "Sent as the room closed", None]}
    server._take({"op": "apply", "id": 7, "command": add}, set())  # read from the pipe just now
    close = window.findChild(QAction, "OpenRoomAction")
    assert isinstance(close, QAction)
    close.trigger()  # before the window gets to the change
    qtbot.wait(50)
    assert "Sent as the room closed" not in [card.text for card in window.qt_document.board.cards]
    answers = [line for line in record.read_text().splitlines() if "'id'" in line]
    assert answers == [repr({"id": 7, "error": "unavailable", "message": "The room is closed."})]


def device_state(url: str) -> dict[str, Any]:
    """GET the phone's state, as the page does after each change it hears of."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=20)
    try:
        conn.request("GET", parts.path + "/state", headers={"X-Pmdesk-Device": KEY})
        response = conn.getresponse()
        assert response.status == 200
        state: dict[str, Any] = json.loads(response.read())
        return state
    finally:
        conn.close()


def test_a_phone_sees_its_card_as_soon_as_it_is_told_saved_and_follows_the_windows_undo_and_phase(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    server = open_room(qtbot, meeting)
    assert in_thread(qtbot, lambda: post(server.url, "/join", KEY, {"participant": None})) == [200]

    def write_then_look(n: int) -> list[str]:
        body = {"id": f"seen{n:03}", "section": "lessons", "text": f"Seen at once {n}", "author": None}
        assert post(server.url, "/cards", KEY, body) == 201
        return [card["text"] for card in device_state(server.url)["mine"]]

    for n in range(5):
        seen = in_thread(qtbot, lambda n=n: write_then_look(n))
        assert seen == [[f"Seen at once {k}" for k in range(n + 1)]]

    def now() -> dict[str, Any]:
        return in_thread(qtbot, lambda: device_state(server.url))[0]  # type: ignore[return-value]

    undo = next(a for a in window.findChildren(QAction) if a.text().replace("&", "").startswith("Undo"))
    undo.trigger()  # the facilitator takes the last card back: the phone hears of it
    qtbot.waitUntil(lambda: len(now()["mine"]) == 4, timeout=10000)
    assert [card["text"] for card in now()["mine"]] == [f"Seen at once {k}" for k in range(4)]
    go(qtbot, meeting, "discussion")
    qtbot.waitUntil(lambda: now()["phase"]["mode"] == "view", timeout=10000)
    meeting.room_control.close()


def test_a_room_process_that_floods_its_pipe_cannot_freeze_the_window(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_worker(
        monkeypatch,
        tmp_path,
        """
import time
flood = json_frame({"op": "devices", "count": 1}) * 4000
deadline = time.monotonic() + 2
while time.monotonic() < deadline:
    out.write(flood)
""",
    )
    server = open_room(qtbot, meeting)
    ticks = [time.monotonic()]
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    qtbot.wait(2500)  # the flood lasts 2 s
    timer.stop()
    assert server.devices() == 1
    assert len(ticks) > 5 and max(b - a for a, b in itertools.pairwise(ticks)) < 1.0
    meeting.room_control.close()


def test_a_change_withdrawn_in_the_same_breath_is_refused_once_and_never_applied(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    add = {"name": "add_card", "args": ["dev-withdrawn1", "lessons", "Withdrawn at once", None]}
    record = fake_worker(
        monkeypatch,
        tmp_path,
        f"""
import time
time.sleep(0.3)  # the window reads the pipe by now
apply = json_frame({{"op": "apply", "id": 5, "command": {add!r}}})
out.write(apply + json_frame({{"op": "cancel", "id": 5}}))  # in one write: read together
out.flush()
""",
    )
    open_room(qtbot, meeting)
    qtbot.wait(1000)
    meeting.room_control.close()
    assert "Withdrawn at once" not in [card.text for card in window.qt_document.board.cards]
    answers = [line for line in record.read_text().splitlines() if "'id'" in line]
    assert answers == [
        repr({"id": 5, "error": "unavailable", "message": "The facilitator's window is busy; try again."})
    ]
