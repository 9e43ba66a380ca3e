"""A room served on 127.0.0.1 over a copy of the demo board, and a small HTTP client for it."""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from pmdesk.model.demo import demo_board
from pmdesk.room.gateway import LocalGateway, RoomPhase
from pmdesk.room.server import RoomConfig, RoomServer
from pmdesk.store.board_file import BoardFile, create_file

KEY_A = "device-a-0123456789abcdef"
KEY_B = "device-b-0123456789abcdef"


@dataclass
class Answer:
    """An HTTP answer: status, headers, body (and the body as JSON when it is JSON)."""

    status: int
    headers: dict[str, str]
    body: bytes
    data: Any = field(default=None)


@dataclass
class Room:
    """A running room and its board file."""

    server: RoomServer
    gateway: LocalGateway
    path: Path

    @property
    def base(self) -> str:
        return f"/j/{self.server.token}"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.server.port}"

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        """Send one request to 127.0.0.1 exactly as given (no header is added but Host)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        try:
            conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            sent = {"Host": self.host, **(headers or {})}
            for name, value in sent.items():
                conn.putheader(name, value)
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            response = conn.getresponse()
            raw = response.read()
            answer = Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, raw)
            if answer.headers.get("content-type", "").startswith("application/json"):
                answer.data = json.loads(raw)
            return answer
        finally:
            conn.close()

    def get(self, rest: str = "", key: str | None = KEY_A, **headers: str) -> Answer:
        """GET ``J/rest`` as a device."""
        sent = {"X-Pmdesk-Device": key} if key else {}
        return self.request("GET", self.base + (f"/{rest}" if rest else ""), headers={**sent, **headers})

    def post(self, rest: str, data: Any, key: str = KEY_A, **headers: str) -> Answer:
        """POST JSON to ``J/rest`` as a device."""
        sent = {"X-Pmdesk-Device": key, "Content-Type": "application/json", **headers}
        return self.request("POST", f"{self.base}/{rest}", json.dumps(data).encode(), sent)

    def board(self) -> Any:
        """The board as its file holds it now (committed edits only)."""
        return BoardFile.read_snapshot(self.path)

    def connections(self) -> int:
        """How many connections the server is serving now (each on a thread of its own)."""
        httpd = self.server._httpd
        with httpd._active_lock:
            return httpd._active

    def wait_for_connections(self, count: int, timeout: float = 10.0) -> None:
        """Wait until the server serves exactly ``count`` connections (late on a busy machine)."""
        deadline = time.monotonic() + timeout
        while self.connections() != count:
            assert time.monotonic() < deadline, f"{self.connections()} connections served, not {count}"
            time.sleep(0.01)


@pytest.fixture
def make_room(tmp_path: Path) -> Iterator[Any]:
    rooms: list[Room] = []

    def make(config: RoomConfig | None = None, phase: RoomPhase | None = None) -> Room:
        path = tmp_path / f"room{len(rooms)}.pmdesk"
        create_file(path, demo_board())
        gateway = LocalGateway(path, phase or RoomPhase(mode="write", title="Individual reflection"))
        server = RoomServer(gateway, "127.0.0.1", 0, config)
        server.start()
        room = Room(server, gateway, path)
        rooms.append(room)
        return room

    yield make
    for room in rooms:
        room.server.close()
        room.gateway.close()


@pytest.fixture
def room(make_room: Any) -> Room:
    return make_room()
