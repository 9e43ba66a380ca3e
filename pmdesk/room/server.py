"""The room's HTTP server: the participants' page and its JSON protocol (docs/room.md).

The standard library's ThreadingHTTPServer with Server-Sent Events, hardened with the checks of
``pmdesk.room.guard``: a per-opening token (else 404), Host and Origin checks, JSON-only POSTs,
a 16 KB body cap, per-device and per-address rate limits, caps on devices, streams and
connections, socket timeouts, and no cookies. Every change reaches the document through the
``RoomGateway`` it is given, and a device hears "saved" only once the edit is committed.
"""

from __future__ import annotations

import ipaddress
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from typing import Any

from pmdesk.model.board import Board
from pmdesk.model.edits import Edit
from pmdesk.room.devices import Device, Devices
from pmdesk.room.gateway import RoomGateway
from pmdesk.room.handler import RoomHandler
from pmdesk.room.page import assets, page_html


@dataclass(frozen=True)
class RoomConfig:
    """Limits and the page's language; the defaults suit a meeting room of up to ~100 people."""

    max_body: int = 16 * 1024
    max_devices: int = 200
    max_devices_per_address: int = 12
    max_streams: int = 200
    max_streams_per_device: int = 2
    max_connections: int = 300
    max_connections_per_address: int = 64  # a phone holds 2–3; slow senders cannot starve the room
    device_rate: float = 10.0  # requests a second per device, after a burst
    device_burst: float = 40.0
    address_rate: float = 30.0  # requests a second per network address
    address_burst: float = 120.0
    socket_timeout: float = 10.0
    keepalive_seconds: float = 15.0
    lang: str = "en"
    dir: str = "ltr"


class _Server(ThreadingHTTPServer):
    """A ThreadingHTTPServer that refuses connections beyond a cap (each costs a thread)."""

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128  # a room joining at once (the default, 5, resets connections)
    room: RoomServer

    def __init__(self, address: tuple[str, int], room: RoomServer) -> None:
        self.room = room
        self._active = 0
        self._per_address: dict[str, int] = {}
        self._active_lock = threading.Lock()
        super().__init__(address, RoomHandler)

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
        self._version = 0
        self._closing = False
        self._thread: threading.Thread | None = None
        self._httpd = _Server((host, port), self)
        self.host = host
        self.port = int(self._httpd.server_address[1])
        self.page = page_html(f"/j/{self.token}", self.config.lang, self.config.dir)
        self.assets = assets()
        gateway.watch(self.notify)

    # --- the host's side ---------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The join URL, ``http://ADDR:PORT/j/TOKEN``."""
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{shown}:{self.port}/j/{self.token}"

    def start(self) -> None:
        """Serve on a thread of its own."""
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="pmdesk-room", daemon=True)
        self._thread.start()

    def devices(self) -> int:
        """How many devices have joined this opening."""
        return self.devices_registry.count()

    def close(self) -> None:
        """Stop listening, end every event stream and wait for the serving thread (once)."""
        if self._closing:
            return
        self.gateway.unwatch(self.notify)
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
        self._httpd.server_close()

    # --- for the handler ---------------------------------------------------------------------

    @property
    def closing(self) -> bool:
        """True once ``close`` has been called."""
        return self._closing

    def notify(self) -> None:
        """The board or the phase changed: wake every event stream."""
        with self._changed:
            self._version += 1
            self._changed.notify_all()

    def wait_change(self, seen: int, timeout: float) -> int:
        """Wait until the version passes ``seen`` (or ``timeout``, or closing); the version now."""
        with self._changed:
            self._changed.wait_for(lambda: self._version != seen or self._closing, timeout)
            return self._version

    def apply(self, build: Callable[[Board], Edit]) -> Edit:
        """Apply an edit through the gateway (returns once committed)."""
        return self.gateway.apply(build)


__all__ = ["Device", "RoomConfig", "RoomServer"]
