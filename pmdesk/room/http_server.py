"""The room's listening socket: what a request's handler may ask of one opening, and the connection caps.

``Room`` is the part of ``pmdesk.room.server.RoomServer`` the request handler uses; the handler
knows the opening only through it, so the server, the handler and the devices' registry import
one another in one direction only (server -> handler -> this module -> devices, config).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from socketserver import BaseRequestHandler
from typing import Any, Protocol

from pmdesk.model.board import Board
from pmdesk.model.edits import Edit
from pmdesk.room.config import RoomConfig
from pmdesk.room.devices import Devices
from pmdesk.room.gateway import RoomGateway


class Room(Protocol):
    """One opening of the room, as its request handler sees it."""

    gateway: RoomGateway
    config: RoomConfig
    token: str
    host: str
    port: int
    devices_registry: Devices
    page: bytes
    assets: dict[str, bytes]

    @property
    def closing(self) -> bool:
        """True once the room is closing."""
        ...

    def notify(self) -> None:
        """The board or the phase changed: wake every event stream."""
        ...

    def wait_closing(self, timeout: float) -> None:
        """Wait ``timeout`` seconds, or less if the room closes meanwhile."""
        ...

    def wait_change(self, seen: int, timeout: float) -> int:
        """Wait until the version passes ``seen`` (or ``timeout``, or closing); the version now."""
        ...

    def apply(self, build: Callable[[Board], Edit]) -> object:
        """Apply an edit through the gateway (returns once committed)."""
        ...

    def board_now(self) -> Board:
        """A copy of the board as of the latest change the streams announced (never changed)."""
        ...


class RoomHTTPServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer that refuses connections beyond a cap (each costs a thread)."""

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128  # a room joining at once (the default, 5, resets connections)
    room: Room

    def __init__(self, address: tuple[str, int], room: Room, handler: type[BaseRequestHandler]) -> None:
        self.room = room
        self._active = 0
        self._per_address: dict[str, int] = {}
        self._active_lock = threading.Lock()
        super().__init__(address, handler)

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no connection is being served (at most ``timeout`` s); True if none is."""
        deadline = time.monotonic() + timeout
        while True:
            with self._active_lock:
                if self._active == 0:
                    return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve on a thread, unless too many connections are in flight (then close it at once)."""
        config = self.room.config
        address = str(client_address[0])
        with self._active_lock:
            from_there = self._per_address.get(address, 0)
            if self._active >= config.max_connections or from_there >= config.max_connections_per_address:
                self.shutdown_request(request)
                return
            self._active += 1
            self._per_address[address] = from_there + 1
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._release(address)
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """Serve one connection and count it out."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._release(str(client_address[0]))

    def _release(self, address: str) -> None:
        with self._active_lock:
            self._active -= 1
            left = self._per_address.get(address, 1) - 1
            if left > 0:
                self._per_address[address] = left
            else:
                self._per_address.pop(address, None)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A broken connection is the network's business: never print a traceback."""
