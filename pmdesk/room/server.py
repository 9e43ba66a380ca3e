"""The room's HTTP server: the participants' page and its JSON protocol (docs/room.md).

The standard library's ThreadingHTTPServer with Server-Sent Events, hardened with the checks of
``pmdesk.room.guard``: a per-opening token (else 404), Host and Origin checks, JSON-only POSTs,
a 16 KB body cap, per-device and per-address rate limits, caps on devices, streams and
connections, socket timeouts, and no cookies. Every change reaches the document through the
``RoomGateway`` it is given, and a device hears "saved" only once the edit is committed.
"""

from __future__ import annotations

import functools
import ipaddress
import secrets
import threading
from collections.abc import Callable
from concurrent.futures import Future

from pmdesk.model.board import Board
from pmdesk.model.edits import Edit
from pmdesk.room.config import RoomConfig
from pmdesk.room.devices import Device, Devices
from pmdesk.room.gateway import RoomGateway
from pmdesk.room.handler import RoomHandler
from pmdesk.room.http_server import RoomHTTPServer
from pmdesk.room.page import assets, page_html
from pmdesk.room.state import board_copy


class RoomServer:
    """One opening of the room: a token, a listening socket, the devices that joined."""

    def __init__(
        self,
        gateway: RoomGateway,
        host: str = "127.0.0.1",
        port: int = 0,
        config: RoomConfig | None = None,
        token: str | None = None,
    ) -> None:
        ipaddress.ip_address(host)  # ValueError for a name: the Host check needs an address
        self.gateway = gateway
        self.config = config or RoomConfig()
        self.token = token or secrets.token_urlsafe(16)
        self.devices_registry = Devices(self.config)
        self._changed = threading.Condition()
        self._version = 0  # every change the streams announce (the board, the phase, a join)
        self._board_version = 0  # the changes the gateway announced (of the board or the phase)
        self._closing = False
        self._closed = threading.Event()  # set once closing: ends a stream's pause at once
        self._thread: threading.Thread | None = None
        # The board as of a version, copied once on the gateway's side and shared by every
        # device's state (each made on its own server thread): (version, copy being made or made).
        self._copy_lock = threading.Lock()
        self._copy: tuple[int, Future[Board]] | None = None
        self._httpd = RoomHTTPServer((host, port), self, RoomHandler)
        self.host = host
        self.port = int(self._httpd.server_address[1])
        self.page = page_html(f"/j/{self.token}", self.config.lang, self.config.dir)
        self.assets = assets()
        gateway.watch(self._gateway_changed)

    # --- the host's side ---------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The join URL, ``http://ADDR:PORT/j/TOKEN``."""
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{shown}:{self.port}/j/{self.token}"

    def start(self) -> None:
        """Serve on a thread of its own."""
        # Polled every 50 ms rather than the default 0.5 s: closing the room (and the window)
        # waits for the next poll.
        serve = functools.partial(self._httpd.serve_forever, poll_interval=0.05)
        self._thread = threading.Thread(target=serve, name="pmdesk-room", daemon=True)
        self._thread.start()

    def devices(self) -> int:
        """How many devices have joined this opening."""
        return self.devices_registry.count()

    def close(self) -> None:
        """Stop listening, end every event stream and wait for the serving thread (once)."""
        if self._closing:
            return
        self.gateway.unwatch(self._gateway_changed)
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        self._closed.set()
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
        self._httpd.server_close()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no connection is being served (at most ``timeout`` s); True if none is."""
        return self._httpd.wait_idle(timeout)

    # --- for the handler ---------------------------------------------------------------------

    @property
    def closing(self) -> bool:
        """True once ``close`` has been called."""
        return self._closing

    def notify(self) -> None:
        """Something a device sees changed (a join: the names taken): wake every event stream."""
        with self._changed:
            self._version += 1
            self._changed.notify_all()

    def _gateway_changed(self) -> None:
        """The board or the phase changed: the next state needs a new copy; wake every stream."""
        with self._changed:
            self._board_version += 1
        self.notify()

    def wait_closing(self, timeout: float) -> None:
        """Wait ``timeout`` seconds, or less if the room closes meanwhile (changes do not wake it)."""
        self._closed.wait(timeout)

    def wait_change(self, seen: int, timeout: float) -> int:
        """Wait until the version passes ``seen`` (or ``timeout``, or closing); the version now."""
        with self._changed:
            self._changed.wait_for(lambda: self._version != seen or self._closing, timeout)
            return self._version

    def apply(self, build: Callable[[Board], Edit]) -> object:
        """Apply an edit through the gateway (returns once committed)."""
        return self.gateway.apply(build)

    def board_now(self) -> Board:
        """A copy of the board at least as new as the latest change announced (read-only).

        One ``gateway.read`` per change of the board, however many devices ask: after a change
        the devices all fetch their state at once, and each builds its JSON from this copy on its
        own thread instead of one read each on the board's thread (the window's GUI thread). A
        device joining changes no board: the states it wakes share the copy made before it.
        """
        with self._changed:
            version = self._board_version
        with self._copy_lock:
            current = self._copy
            if current is not None and current[0] == version:
                made, mine = current[1], False
            else:
                made, mine = Future(), True
                self._copy = (version, made)
        if mine:
            try:
                made.set_result(self.gateway.read(board_copy))
            except BaseException as error:
                made.set_exception(error)
                with self._copy_lock:
                    if self._copy is not None and self._copy[1] is made:
                        self._copy = None  # the next request tries again
        return made.result()


__all__ = ["Device", "RoomConfig", "RoomServer"]
