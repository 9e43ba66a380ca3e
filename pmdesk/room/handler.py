"""One HTTP request to the room: checks first (Host, token, Origin, rate, type, size), then the route."""

from __future__ import annotations

import json
import math
from http.server import BaseHTTPRequestHandler
from typing import Any, NoReturn
from urllib.parse import parse_qs

from pmdesk.model.edits import EditError
from pmdesk.model.strict_json import JsonError, loads
from pmdesk.room.commands import CardExists, RoomCommand, add_card, delete_card, edit_card, vote
from pmdesk.room.devices import Device, RoomFull
from pmdesk.room.gateway import RoomUnavailable
from pmdesk.room.guard import (
    CLIENT_ID,
    KEY,
    device_card_id,
    host_allowed,
    json_content_type,
    origin_allowed,
    token_matches,
)
from pmdesk.room.http_server import Room, RoomHTTPServer
from pmdesk.room.page import STATIC
from pmdesk.room.state import device_state
from pmdesk.store.errors import BoardFileError

MAX_TEXT = 4000
# Seconds a stream waits after telling its device of a change before it looks for the next: a
# burst of changes (a room writing at once) wakes each stream a few times a second, not once per
# card; the page waits 150 ms before it fetches the state anyway.
EVENT_GAP = 0.1
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}
JSON = "application/json; charset=utf-8"


class Refused(Exception):
    """A request answered with an error status and a one-line message."""

    def __init__(self, status: int, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


def refuse(status: int, message: str, retry_after: float | None = None) -> NoReturn:
    """Answer the request with ``status`` and ``message``."""
    raise Refused(status, message, retry_after)


class RoomHandler(BaseHTTPRequestHandler):
    """Serves the page, the state, the event stream and the four kinds of POST."""

    server: RoomHTTPServer
    protocol_version = "HTTP/1.0"
    server_version = "pmdesk-room"
    sys_version = ""

    def setup(self) -> None:
        """Set the socket timeout before reading anything (a slow sender is cut off)."""
        self.request.settimeout(self.server.room.config.socket_timeout)
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:
        """Say nothing: stdout carries the join URL, and requests hold tokens."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The standard library's own errors (a bad request line) as short JSON, with our headers."""
        self.close_connection = True
        self._send(code, {"error": message or "bad request"})

    def do_GET(self) -> None:
        """GET: the page, its files, the state, the event stream."""
        self._serve("GET")

    def do_POST(self) -> None:
        """POST: join, cards, votes."""
        self._serve("POST")

    # --- plumbing ------------------------------------------------------------------------------

    @property
    def room(self) -> Room:
        return self.server.room

    def _send(
        self, status: int, body: dict[str, Any] | bytes, kind: str = JSON, extra: dict[str, str] | None = None
    ) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            for name, value in {**HEADERS, **(extra or {})}.items():
                self.send_header(name, value)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        except OSError:
            self.close_connection = True

    def _serve(self, method: str) -> None:
        try:
            self._route(method)
        except Refused as refused:
            extra = {}
            if refused.retry_after is not None:
                extra["Retry-After"] = str(max(1, math.ceil(refused.retry_after)))
            self._send(refused.status, {"error": refused.message}, extra=extra)
        except BoardFileError as error:
            self._send(503, {"error": f"The board could not be saved: {error}"})
        except RoomUnavailable as error:
            self._send(503, {"error": str(error)})
        except Exception:
            self._send(500, {"error": "Something went wrong on the facilitator's laptop."})

    def _route(self, method: str) -> None:
        room = self.room
        if room.closing:
            refuse(503, "The room is closed.")
        host = self.headers.get("Host")
        if not host_allowed(host, room.host, room.port):
            refuse(421, "This address is not the room's.")
        path, _, query = self.path.partition("?")
        parts = path.split("/")
        if len(parts) < 3 or parts[0] or parts[1] != "j" or not token_matches(parts[2], room.token):
            refuse(404, "Not found.")
        rest = "/".join(parts[3:])
        if not origin_allowed(self.headers.get("Origin"), host):
            refuse(403, "Requests from other sites are refused.")
        wait = room.devices_registry.address_wait(self.client_address[0])
        if wait is not None:
            refuse(429, "Too many requests: wait a moment.", wait)
        if method == "GET":
            self._get(rest, query)
        else:
            self._post(rest)

    def _device(self, key: str | None) -> Device:
        if not key or not KEY.match(key):
            refuse(400, "This request needs the page's device key.")
        try:
            device = self.room.devices_registry.get(key, self.client_address[0])
        except RoomFull as full:
            refuse(429, str(full))
        wait = device.bucket.take()
        if wait is not None:
            refuse(429, "Too many requests from this device: wait a moment.", wait)
        return device

    def _body(self) -> dict[str, Any]:
        if not json_content_type(self.headers.get("Content-Type")):
            refuse(415, "Send JSON (Content-Type: application/json).")
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            refuse(411, "Send a Content-Length.")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self.close_connection = True
            refuse(411, "Send a Content-Length.")
        if length < 0 or length > self.room.config.max_body:
            self.close_connection = True
            refuse(413, f"Too large: at most {self.room.config.max_body // 1024} KB.")
        raw = self.rfile.read(length)
        try:
            value = loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, JsonError, RecursionError):
            refuse(400, "Not valid JSON.")
        if not isinstance(value, dict):
            refuse(400, "Send a JSON object.")
        return value

    def _apply(self, command: RoomCommand) -> None:
        try:
            self.room.apply(command)
        except CardExists:
            raise
        except EditError as error:
            refuse(409, str(error))

    # --- GET -----------------------------------------------------------------------------------

    def _get(self, rest: str, query: str) -> None:
        room = self.room
        if rest == "":
            self._send(200, room.page, "text/html; charset=utf-8")
        elif rest in STATIC:
            self._send(200, room.assets[rest], STATIC[rest])
        elif rest == "state":
            device = self._device(self.headers.get("X-Pmdesk-Device"))
            self._send(200, self._state(device))
        elif rest == "events":
            keys = parse_qs(query).get("device", [])
            self._events(self._device(keys[0] if len(keys) == 1 else None))
        else:
            refuse(404, "Not found.")

    def _state(self, device: Device) -> dict[str, Any]:
        room = self.room
        phase = room.gateway.phase()
        taken = room.devices_registry.taken()
        state = device_state(room.board_now(), phase, device.prefix, device.participant, taken)
        state["joined"] = device.joined
        state["lang"], state["dir"] = room.config.lang, room.config.dir
        state["keepalive"] = room.config.keepalive_seconds
        return state

    def _events(self, device: Device) -> None:
        room = self.room
        registry = room.devices_registry
        if not registry.open_stream(device):
            refuse(429, "Too many open streams.")
        try:
            self.close_connection = True
            self.send_response(200)
            for name, value in HEADERS.items():
                self.send_header(name, value)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.end_headers()
            seen = room.wait_change(-1, 0)
            self.wfile.write(f"retry: 3000\n\nevent: changed\ndata: {seen}\n\n".encode())
            self.wfile.flush()
            while not room.closing:
                version = room.wait_change(seen, room.config.keepalive_seconds)
                if room.closing:
                    break
                if version != seen:
                    seen = version
                    self.wfile.write(f"event: changed\ndata: {seen}\n\n".encode())
                    self.wfile.flush()
                    room.wait_closing(EVENT_GAP)
                else:
                    self.wfile.write(b"event: alive\ndata: \n\n")  # the page hears the room is there
                    self.wfile.flush()
            # The room closes: the page says so at once (a stream that merely ends looks like a
            # network that dropped, and the browser would try again).
            self.wfile.write(b"event: closed\ndata: \n\n")
            self.wfile.flush()
        except OSError:
            pass
        finally:
            registry.close_stream(device)

    # --- POST ----------------------------------------------------------------------------------

    def _post(self, rest: str) -> None:
        device = self._device(self.headers.get("X-Pmdesk-Device"))
        body = self._body()
        parts = rest.split("/")
        if rest == "join":
            self._join(device, body)
        elif rest == "cards":
            self._add_card(device, body)
        elif parts[0] == "cards" and len(parts) == 2:
            self._change_card(device, parts[1], body, delete=False)
        elif parts[0] == "cards" and len(parts) == 3 and parts[2] == "delete":
            self._change_card(device, parts[1], body, delete=True)
        elif rest == "votes":
            self._vote(device, body)
        else:
            refuse(404, "Not found.")

    def _join(self, device: Device, body: dict[str, Any]) -> None:
        participant = body.get("participant")
        phase = self.room.gateway.phase()
        if participant is None:
            if not phase.anonymous:
                refuse(403, "The facilitator asks everyone to pick their name.")
        else:
            if not isinstance(participant, str):
                refuse(400, "participant: expected a participant's id or null.")
            known = any(p.id == participant for p in self.room.board_now().participants)
            if not known:
                refuse(400, "That name is not on this board.")
        if not self.room.devices_registry.claim(device, participant):
            refuse(409, "Someone else has already picked this name.")
        self.room.notify()
        self._send(200, self._state(device))

    def _text(self, body: dict[str, Any], key: str = "text") -> str:
        text = body.get(key)
        if not isinstance(text, str):
            refuse(400, f"{key}: expected text.")
        if len(text) > MAX_TEXT:
            refuse(400, f"{key}: at most {MAX_TEXT} characters.")
        return text

    def _writing(self, device: Device) -> None:
        if self.room.gateway.phase().mode != "write":
            refuse(409, "Cards are written during individual reflection.")
        if not device.joined:
            refuse(409, "Pick your name first.")

    def _add_card(self, device: Device, body: dict[str, Any]) -> None:
        self._writing(device)
        client_id = body.get("id")
        if not isinstance(client_id, str) or not CLIENT_ID.match(client_id):
            refuse(400, "id: 6 to 40 letters, digits, - or _.")
        section = body.get("section")
        if not isinstance(section, str):
            refuse(400, "section: expected a section's id.")
        text = self._text(body)
        author = body.get("author")
        if author != device.participant:
            refuse(403, "Cards are written under the name you picked.")
        card_id = device_card_id(device.key, client_id)
        if client_id in device.written:
            self._send(200, {"id": card_id})
            return

        try:
            self._apply(add_card(card_id, section, text, author))
        except CardExists:
            device.written.add(client_id)
            self._send(200, {"id": card_id})
            return
        device.written.add(client_id)
        self._send(201, {"id": card_id})

    def _change_card(self, device: Device, card_id: str, body: dict[str, Any], delete: bool) -> None:
        if not card_id.startswith(device.prefix):
            refuse(404, "Not one of your cards.")
        self._writing(device)
        if delete:
            self._apply(delete_card(card_id))
            self._send(200, {"id": card_id, "deleted": True})
            return
        text = self._text(body) if "text" in body else None
        section = body.get("section")
        if section is not None and not isinstance(section, str):
            refuse(400, "section: expected a section's id.")
        self._apply(edit_card(card_id, text, section))
        self._send(200, {"id": card_id})

    def _vote(self, device: Device, body: dict[str, Any]) -> None:
        if self.room.gateway.phase().mode != "vote":
            refuse(409, "Dots are placed during prioritization.")
        participant = device.participant
        if participant is None:
            refuse(409, "Pick your name to vote.")
        target, op = body.get("target"), body.get("op", "place")
        if not isinstance(target, str) or op not in ("place", "remove"):
            refuse(400, 'Send {"target": id, "op": "place" or "remove"}.')
        if op == "place":
            self._apply(vote(participant, target, place=True))
            self._send(201, {"target": target})
        else:
            self._apply(vote(participant, target, place=False))
            self._send(200, {"target": target})
