"""The room's network is not trusted: every rule of docs/room.md "Security", against 127.0.0.1."""

from __future__ import annotations

import socket
import time
from typing import Any

import pytest

from pmdesk.room.devices import Devices, RoomFull
from pmdesk.room.guard import TokenBucket, host_allowed, origin_allowed
from pmdesk.room.server import RoomConfig

from .conftest import KEY_A, KEY_B, Room


def test_only_the_token_opens_the_room(room: Room) -> None:
    assert room.get().status == 200
    wrong = room.server.token[:-1] + ("A" if room.server.token[-1] != "A" else "B")
    for path in (
        f"/j/{wrong}",
        f"/j/{wrong}/state",
        "/",
        "/j/",
        "/j",
        f"/x/{room.server.token}",
        "/favicon.ico",
    ):
        answer = room.request("GET", path, headers={"X-Pmdesk-Device": KEY_A})
        assert answer.status == 404, path
        assert answer.data == {"error": "Not found."}
    assert (
        room.request("POST", f"/j/{wrong}/cards", b"{}", {"Content-Type": "application/json"}).status == 404
    )


def test_a_fresh_token_per_opening(make_room: Any) -> None:
    first, second = make_room(), make_room()
    assert first.server.token != second.server.token and len(first.server.token) >= 22
    assert first.server.url == f"http://127.0.0.1:{first.server.port}/j/{first.server.token}"


def test_a_host_that_is_not_this_server_is_refused(room: Room) -> None:
    port = room.server.port
    for host in (
        f"evil.example:{port}",
        f"attacker.example.com:{port}",
        f"127.0.0.2:{port}",
        "127.0.0.1",
        "",
    ):
        assert room.get(Host=host).status == 421, host
    assert room.get(Host=f"localhost:{port}").status == 200  # a loopback server


def test_host_rules() -> None:
    assert host_allowed("192.168.1.20:8000", "192.168.1.20", 8000)
    assert not host_allowed("localhost:8000", "192.168.1.20", 8000)
    assert not host_allowed("rebind.example:8000", "192.168.1.20", 8000)
    assert not host_allowed("192.168.1.20:8001", "192.168.1.20", 8000)
    assert host_allowed("10.0.0.5:8000", "0.0.0.0", 8000)
    assert not host_allowed("pmdesk.local:8000", "0.0.0.0", 8000)
    assert host_allowed("[::1]:8000", "::1", 8000)
    assert origin_allowed(None, "1.2.3.4:80") and origin_allowed("http://1.2.3.4:80", "1.2.3.4:80")
    assert not origin_allowed("null", "1.2.3.4:80") and not origin_allowed("https://1.2.3.4:80", "1.2.3.4:80")


def test_an_origin_from_elsewhere_is_refused(room: Room) -> None:
    room.post("join", {"participant": "p2"})
    answer = room.post("cards", _card("c-evil1"), Origin="http://evil.example")
    assert answer.status == 403
    assert room.get("state", Origin="null").status == 403
    assert room.post("cards", _card("c-good1"), Origin=f"http://{room.host}").status == 201


def _card(client_id: str, text: str = "Alerts were routed well", author: str | None = "p2") -> dict[str, Any]:
    return {"id": client_id, "section": "lessons", "text": text, "author": author}


def test_posts_must_be_json(room: Room) -> None:
    room.post("join", {"participant": "p2"})
    body = b'{"id": "cross1", "section": "lessons", "text": "x", "author": "p2"}'
    for kind in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None):
        headers = {"X-Pmdesk-Device": KEY_A, **({"Content-Type": kind} if kind else {})}
        assert room.request("POST", f"{room.base}/cards", body, headers).status == 415, kind
    assert room.post("cards", _card("cross1")).status == 201  # the same body as JSON is fine
    assert len([c for c in room.board().cards if c.pending]) == 1


def test_a_body_over_16_kb_is_refused_unread(room: Room) -> None:
    room.post("join", {"participant": "p2"})
    answer = room.post("cards", _card("big001", "x" * (17 * 1024)))
    assert answer.status == 413
    headers = {"X-Pmdesk-Device": KEY_A, "Content-Type": "application/json", "Content-Length": "999999"}
    conn = socket.create_connection(("127.0.0.1", room.server.port), timeout=5)
    try:  # a huge Content-Length: refused at once, without waiting for the body
        head = "".join(f"{k}: {v}\r\n" for k, v in {"Host": room.host, **headers}.items())
        conn.sendall(f"POST {room.base}/cards HTTP/1.1\r\n{head}\r\n".encode())
        assert conn.recv(100).startswith(b"HTTP/1.0 413")
    finally:
        conn.close()
    assert not any(c.pending for c in room.board().cards)


def test_bad_json_and_bad_fields_are_one_line_errors(room: Room) -> None:
    room.post("join", {"participant": "p2"})
    headers = {"X-Pmdesk-Device": KEY_A, "Content-Type": "application/json"}
    for body in (b"{", b"[1]", b'{"a": NaN}', b'{"a": 1, "a": 2}', b"\xff\xfe"):
        answer = room.request("POST", f"{room.base}/cards", body, headers)
        assert answer.status == 400 and "\n" not in answer.data["error"], body
    assert room.post("cards", {**_card("short"), "id": "x"}).status == 400
    assert room.post("cards", _card("long01", "y" * 5000)).status == 400
    assert room.post("cards", {**_card("nosec1"), "section": "nowhere"}).status == 409
    assert room.get("state", key="short").status == 400  # a device key is 16 to 64 characters


def test_rate_limits_per_device(make_room: Any) -> None:
    room = make_room(RoomConfig(device_burst=3, device_rate=0.5))
    statuses = [room.get("state").status for _ in range(5)]
    assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429]
    answer = room.get("state")
    assert answer.status == 429 and int(answer.headers["retry-after"]) >= 1
    assert room.get("state", key=KEY_B).status == 200  # another device has its own allowance


def test_rate_limits_and_device_caps_per_address() -> None:
    # Counted per network address; this laptop itself (loopback) is not limited. No traffic here.
    registry = Devices(RoomConfig(address_burst=4, address_rate=0.5, max_devices_per_address=2))
    waits = [registry.address_wait("192.0.2.7") for _ in range(6)]
    assert waits[:4] == [None] * 4 and all(w is not None and w > 0 for w in waits[4:])
    assert registry.address_wait("192.0.2.8") is None  # another address has its own allowance
    assert all(registry.address_wait("127.0.0.1") is None for _ in range(50))
    registry.get(KEY_A, "192.0.2.7")
    registry.get(KEY_B, "192.0.2.7")
    with pytest.raises(RoomFull, match="this address"):
        registry.get("device-c-0123456789abcdef", "192.0.2.7")
    registry.get("device-c-0123456789abcdef", "127.0.0.1")


def test_caps_on_devices_and_streams(make_room: Any) -> None:
    room = make_room(RoomConfig(max_devices=2, max_devices_per_address=2, max_streams_per_device=1))
    assert room.get("state", key=KEY_A).status == 200
    assert room.get("state", key=KEY_B).status == 200
    assert room.get("state", key="device-c-0123456789abcdef").status == 429
    conn = socket.create_connection(("127.0.0.1", room.server.port), timeout=5)
    try:
        conn.sendall(f"GET {room.base}/events?device={KEY_A} HTTP/1.1\r\nHost: {room.host}\r\n\r\n".encode())
        assert conn.recv(4096).startswith(b"HTTP/1.0 200")
        assert room.get(f"events?device={KEY_A}").status == 429  # one stream per device here
    finally:
        conn.close()


def test_headers_no_cookies_and_a_strict_policy(room: Room) -> None:
    room.post("join", {"participant": "p2"})
    answers = [
        room.get(),
        room.get("room.js"),
        room.get("state"),
        room.post("cards", _card("hdr001")),
        room.get("nope"),
    ]
    for answer in answers:
        assert "set-cookie" not in answer.headers
        policy = answer.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe" not in policy
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["cache-control"] == "no-store"
    assert room.get().headers["content-type"] == "text/html; charset=utf-8"
    assert room.get("room.js").headers["content-type"].startswith("text/javascript")
    request = room.request("GET", room.base, headers={"Cookie": "session=1", "X-Pmdesk-Device": KEY_A})
    assert request.status == 200 and "set-cookie" not in request.headers


def test_hostile_text_is_stored_and_served_as_plain_text(room: Room) -> None:
    room.post("join", {"participant": "p2"})
    text = '<img src=x onerror="alert(1)"> & <b>bold</b> 🙂 مرحبا 日本'
    assert room.post("cards", _card("host01", text)).status == 201
    assert [c.text for c in room.board().cards if c.pending] == [text]
    state = room.get("state")
    assert state.headers["content-type"].startswith("application/json")
    assert state.data["mine"][0]["text"] == text
    page = room.get().body.decode()
    assert "innerHTML" not in room.get("room.js").body.decode()
    assert "{{" not in page and f'href="{room.base}/room.css"' in page


def test_connections_from_one_address_are_capped(make_room: Any) -> None:
    room = make_room(RoomConfig(max_connections_per_address=2))
    idle = [socket.create_connection(("127.0.0.1", room.server.port), timeout=5) for _ in range(2)]
    try:
        room.wait_for_connections(2)  # both are being served (waiting for their request line)
        third = socket.create_connection(("127.0.0.1", room.server.port), timeout=5)
        try:
            assert third.recv(100) == b""  # closed at once, nothing served
        finally:
            third.close()
    finally:
        for conn in idle:
            conn.close()
    room.wait_for_connections(0)
    assert room.get().status == 200  # the slots come back when those connections end


def test_slow_senders_are_cut_off(make_room: Any) -> None:
    room = make_room(RoomConfig(socket_timeout=0.5))
    conn = socket.create_connection(("127.0.0.1", room.server.port), timeout=5)
    try:
        conn.sendall(b"GET ")
        started = time.monotonic()
        assert conn.recv(100) == b""  # closed by the server
        assert time.monotonic() - started < 3
    finally:
        conn.close()
    assert room.get().status == 200


def test_token_bucket_refills() -> None:
    now = [0.0]
    bucket = TokenBucket(rate=2, burst=2, clock=lambda: now[0])
    assert bucket.take() is None and bucket.take() is None
    wait = bucket.take()
    assert wait is not None and 0 < wait <= 0.5
    now[0] += 0.5
    assert bucket.take() is None


def test_the_page_script_parses_and_never_writes_html() -> None:
    import shutil
    import subprocess

    from pmdesk.resources import resource_path

    script = resource_path("room", "room.js")
    text = script.read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in text, sink
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the script's syntax is checked where it is")
    done = subprocess.run([node, "--check", str(script)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
