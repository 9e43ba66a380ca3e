"""Cards posted at once to the window's room: one write to disk for the group, one undo step each."""

from __future__ import annotations

import http.client
import json
import select
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from pytestqt.qtbot import QtBot

from pmdesk.model.edits import Primitive
from pmdesk.store.board_file import BoardFile
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.install import Meeting
from pmdesk.ui.room.dialog import RoomRequest
from pmdesk.ui.room.server_process import ServerProcess
from tests.ui.meeting.test_presentation import go

DEVICES = 8


def post(url: str, path: str, key: str, body: dict[str, object]) -> int:
    """POST JSON as the page does; the HTTP status."""
    parts = urlsplit(url)
    assert parts.hostname == "127.0.0.1"
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    try:
        headers = {"Content-Type": "application/json", "X-Pmdesk-Device": key}
        conn.request("POST", parts.path + path, json.dumps(body), headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def device_cards(board_path: Path) -> list[str]:
    return [card.text for card in BoardFile.read_snapshot(board_path).cards if card.text.startswith("Phone ")]


def test_cards_posted_together_land_once_in_one_write_and_undo_one_at_a_time(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, board_path: Path
) -> None:
    go(qtbot, meeting, "reflection")
    control = meeting.room_control
    assert control.open(RoomRequest("127.0.0.1", anonymous=True))
    assert control.server is not None and control.gateway is not None
    url, gateway = control.server.url, control.gateway
    writes: list[list[Primitive]] = []
    file = window.qt_document.document.file
    write = file.write

    def counting(edits: Iterable[Primitive], *args: object) -> None:
        writes.append(list(edits))
        write(writes[-1], *args)  # type: ignore[arg-type]

    file.write = counting  # type: ignore[method-assign]
    statuses: list[int] = []
    joined: list[int] = []
    go_on = threading.Event()

    def phone(number: int) -> None:
        key = f"test-device-{number:04d}-abcdefgh"
        joined.append(post(url, "/join", key, {"participant": None}))
        if not go_on.wait(15):
            return
        body = {"id": f"card{number:03d}", "section": "lessons", "text": f"Phone {number}", "author": None}
        statuses.append(post(url, "/cards", key, body))

    phones = [threading.Thread(target=phone, args=(n,), daemon=True) for n in range(DEVICES)]
    try:
        for thread in phones:
            thread.start()
        qtbot.waitUntil(lambda: len(joined) == DEVICES, timeout=10000)
        assert joined == [200] * DEVICES
        go_on.set()
        # The GUI thread is busy (this loop runs no events): the cards gather, none is answered.
        # It only reads what the room's server process sends, as its socket notifier would.
        server = control.server
        assert isinstance(server, ServerProcess) and server._process is not None
        pipe = server._process.stdout
        assert pipe is not None
        deadline = time.monotonic() + 15
        while len(gateway._pending) < DEVICES and time.monotonic() < deadline:
            select.select([pipe], [], [], 0.01)
            server._read()
        assert len(gateway._pending) == DEVICES
        assert statuses == []
        qtbot.waitUntil(lambda: not any(thread.is_alive() for thread in phones), timeout=10000)
    finally:
        file.write = write  # type: ignore[method-assign]
        control.close()
    assert statuses == [201] * DEVICES
    assert len(writes) == 1  # one transaction, one flush to disk, for the whole group
    assert sorted(device_cards(board_path)) == sorted(f"Phone {n}" for n in range(DEVICES))
    stack = window.qt_document.undo_stack
    for left in range(DEVICES - 1, -1, -1):
        stack.undo()
        cards = device_cards(board_path)
        assert len(cards) == left and len(set(cards)) == left
    stack.undo()  # what comes before the cards is not theirs
    assert device_cards(board_path) == []
