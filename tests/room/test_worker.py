"""The window's room in a process of its own: what passes over its pipe, played from the window's side."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from pmdesk.model.demo import demo_board
from pmdesk.model.edits import EditError, apply_edit
from pmdesk.room.commands import CardExists, RoomCommand, add_card
from pmdesk.room.frames import JsonFrames, pickle_frame
from pmdesk.room.gateway import RoomPhase, RoomUnavailable
from pmdesk.room.worker import FLAG, PipeGateway

ROOT = Path(__file__).resolve().parents[2]
KEY = "device-w-0123456789abcdef"
WRITE = RoomPhase(mode="write", title="Individual reflection")


class FakeWindow:
    """The window's end of the pipe: answers the process from an in-memory demo board."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "pmdesk", FLAG, "127.0.0.1", "en", "ltr"]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        self.board = demo_board()
        self.commands: list[dict[str, Any]] = []
        self.refuse: Callable[[RoomCommand], dict[str, Any] | None] = lambda _command: None
        self.lock = threading.Lock()
        self.frames = JsonFrames()
        self.first = self._next()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.send({"op": "changed", "phase": WRITE})

    @property
    def url(self) -> str:
        assert self.first["op"] == "ready"
        return str(self.first["url"])

    def send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        with self.lock:
            self.process.stdin.write(pickle_frame(message))
            self.process.stdin.flush()

    def _next(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        while True:
            data = self.process.stdout.read1(65536)
            if not data:
                return {"op": "gone"}
            messages = self.frames.feed(data)
            if messages:
                return messages[0]

    def _read(self) -> None:
        assert self.process.stdout is not None
        while data := self.process.stdout.read1(65536):
            for message in self.frames.feed(data):
                self._take(message)

    def _take(self, message: dict[str, Any]) -> None:
        if message.get("op") == "board":
            self.send({"id": message["id"], "board": self.board})
        elif message.get("op") == "apply":
            self.commands.append(message["command"])
            command = RoomCommand.from_json(message["command"])
            answer = self.refuse(command)
            if answer is None:
                try:
                    apply_edit(self.board, command(self.board))
                    answer = {"ok": True}
                except CardExists as error:
                    answer = {"error": "exists", "message": str(error)}
                except EditError as error:
                    answer = {"error": "edit", "message": str(error)}
                self.send({"op": "changed", "phase": WRITE})
            self.send({"id": message["id"], **answer})

    def close(self) -> int:
        """Close the room and the pipe; the process's exit status."""
        if self.process.poll() is None:
            self.send({"op": "close"})
            assert self.process.stdin is not None
            self.process.stdin.close()
        return self.process.wait(10)


@pytest.fixture
def window() -> Iterator[FakeWindow]:
    fake = FakeWindow()
    yield fake
    if fake.process.poll() is None:
        fake.process.kill()
        fake.process.wait()
    fake.reader.join(5)
    for pipe in (fake.process.stdin, fake.process.stdout):
        if pipe is not None and not pipe.closed:
            pipe.close()


def post(url: str, rest: str, body: dict[str, Any]) -> tuple[int, Any]:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        headers = {"Content-Type": "application/json", "X-Pmdesk-Device": KEY}
        conn.request("POST", f"{parts.path}/{rest}", json.dumps(body), headers)
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def card(client_id: str, text: str) -> dict[str, Any]:
    return {"id": client_id, "section": "lessons", "text": text, "author": None}


def test_a_card_goes_to_the_window_as_a_command_and_is_answered_once_the_window_says_saved(
    window: FakeWindow,
) -> None:
    assert window.url.startswith("http://127.0.0.1:") and "/j/" in window.url
    assert post(window.url, "join", {"participant": None})[0] == 200
    status, answer = post(window.url, "cards", card("w00001", "Alerts <b>flapped</b>"))
    assert status == 201
    assert window.commands[-1]["name"] == "add_card"
    assert window.commands[-1]["args"][2:] == ["Alerts <b>flapped</b>", None]
    on_board = [c for c in window.board.cards if c.id == answer["id"]]
    assert [c.text for c in on_board] == ["Alerts <b>flapped</b>"]
    assert window.close() == 0


def test_a_refusal_from_the_window_reaches_the_device_and_a_retry_is_not_a_second_card(
    window: FakeWindow,
) -> None:
    assert post(window.url, "join", {"participant": None})[0] == 200
    assert post(window.url, "cards", card("w00002", "Once"))[0] == 201
    assert post(window.url, "cards", card("w00002", "Once"))[0] == 200
    assert [c.text for c in window.board.cards].count("Once") == 1
    window.refuse = lambda _command: {"error": "edit", "message": "This card has been revealed."}
    status, answer = post(window.url, "cards", card("w00003", "Late"))
    assert (status, answer["error"]) == (409, "This card has been revealed.")
    window.refuse = lambda _command: {"error": "unavailable", "message": "The facilitator's window is busy."}
    assert post(window.url, "cards", card("w00004", "Busy"))[0] == 503
    window.refuse = lambda _command: {"error": "file", "message": "the disk is full"}
    status, answer = post(window.url, "cards", card("w00005", "Full"))
    assert status == 503 and "the disk is full" in answer["error"]
    assert window.close() == 0


def test_closing_tells_each_open_stream_and_the_process_ends(window: FakeWindow) -> None:
    parts = urlsplit(window.url)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    conn.request("GET", f"{parts.path}/events?device={KEY}")
    stream = conn.getresponse()
    assert stream.status == 200
    assert stream.readline().startswith(b"retry:")
    window.send({"op": "close"})
    heard = b""
    deadline = time.monotonic() + 10
    while b"event: closed" not in heard and time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            break
        heard += line
    assert b"event: closed" in heard
    conn.close()
    assert window.close() == 0


def test_the_process_ends_when_the_window_goes_away(window: FakeWindow) -> None:
    assert window.process.stdin is not None
    window.process.stdin.close()  # the window's process died: its end of the pipe closes
    assert window.process.wait(10) == 0


def test_a_change_the_window_cannot_take_in_time_is_withdrawn() -> None:
    sent: list[dict[str, Any]] = []
    gateway = PipeGateway(sent.append, timeout=0.05)

    def window_answers_late() -> None:
        while not any(m.get("op") == "cancel" for m in sent):
            time.sleep(0.01)
        gateway.received({"id": sent[0]["id"], "error": "unavailable", "message": "busy; try again"})

    threading.Thread(target=window_answers_late, daemon=True).start()
    with pytest.raises(RoomUnavailable, match="busy"):
        gateway.apply(add_card("dev-slow01", "lessons", "Slow", None))
    assert [m["op"] for m in sent] == ["apply", "cancel"]
    assert sent[0]["id"] == sent[1]["id"]


def test_only_named_commands_cross_the_pipe() -> None:
    gateway = PipeGateway(lambda _message: None)
    with pytest.raises(TypeError):
        gateway.apply(lambda board: add_card("x", "y", "z", None)(board))


def test_calls_waiting_when_the_window_goes_fail_at_once() -> None:
    sent: list[dict[str, Any]] = []
    gateway = PipeGateway(sent.append, timeout=10)
    failed: list[BaseException] = []

    def device() -> None:
        try:
            gateway.apply(add_card("dev-gone01", "lessons", "Gone", None))
        except RoomUnavailable as error:
            failed.append(error)

    thread = threading.Thread(target=device)
    thread.start()
    while not sent:
        time.sleep(0.01)
    gateway.close()
    thread.join(5)
    assert len(failed) == 1 and not thread.is_alive()


def test_a_change_the_window_started_is_answered_however_long_its_write_takes() -> None:
    """Once withdrawn too late (the window has begun on it), the device hears the real outcome.

    A "try again" for an edit that is then applied would make the page place a dot twice.
    """
    sent: list[dict[str, Any]] = []
    gateway = PipeGateway(sent.append, timeout=0.05)

    def window_saves_slowly() -> None:
        while not any(m.get("op") == "cancel" for m in sent):
            time.sleep(0.01)
        time.sleep(0.3)  # the disk: several times the wait for an answer
        gateway.received({"id": sent[0]["id"], "ok": True})

    threading.Thread(target=window_saves_slowly, daemon=True).start()
    answer = gateway.apply(add_card("dev-slow02", "lessons", "Saved slowly", None))
    assert answer == {"id": sent[0]["id"], "ok": True}
    assert [m["op"] for m in sent] == ["apply", "cancel"]


def test_only_frames_reach_the_windows_pipe_whatever_else_writes_to_the_standard_output() -> None:
    script = """
import os, sys
from pmdesk.room import worker

def serve(channel, host, config):
    os.write(1, b"a library's own line\\n")  # below Python's sys.stdout
    print("a stray print")
    channel.send({"op": "ready", "url": "http://127.0.0.1:9/j/t"})
    return 0

worker.serve = serve
sys.exit(worker.main(["127.0.0.1", "en", "ltr"]))
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, env=env, timeout=60, check=True
    )
    assert JsonFrames().feed(done.stdout) == [{"op": "ready", "url": "http://127.0.0.1:9/j/t"}]
    assert b"a library's own line" in done.stderr and b"a stray print" in done.stderr
