"""The room's protocol (docs/room.md): joining, private cards, retries, blind dots, phases, events."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from pmdesk.model.board_ops import set_session_field
from pmdesk.model.demo import demo_board
from pmdesk.model.room_ops import reveal_cards
from pmdesk.room.gateway import RoomPhase
from pmdesk.room.handler import EVENT_GAP
from pmdesk.store.board_file import BoardFile, create_file

from .conftest import KEY_A, KEY_B, Room


def _card(
    client_id: str, text: str = "The runbook was current", author: str | None = "p2", **more: Any
) -> Any:
    return {"id": client_id, "section": "lessons", "text": text, "author": author, **more}


def _vote_mode(room: Room) -> None:
    room.gateway.update_phase(mode="vote", title="Prioritization")


def test_state_lists_sections_phase_and_names(room: Room) -> None:
    state = room.get("state").data
    assert [s["id"] for s in state["sections"]] == ["went-well", "lessons", "future", "ongoing"]
    assert state["sections"][1]["title"] == "Lessons learned"
    assert state["phase"]["mode"] == "write" and state["phase"]["title"] == "Individual reflection"
    assert [p["name"] for p in state["participants"]][:2] == ["Ana Ruiz", "Ben Okafor"]
    assert state["joined"] is False and state["me"]["participant"] is None
    assert state["board"] == []  # nothing of the board is shown face up while people write


def test_a_name_is_held_by_one_device(room: Room) -> None:
    assert room.post("join", {"participant": "p2"}).status == 200
    taken = room.post("join", {"participant": "p2"}, key=KEY_B)
    assert taken.status == 409 and "already picked" in taken.data["error"]
    names = {p["id"]: p["taken"] for p in room.get("state", key=KEY_B).data["participants"]}
    assert names["p2"] is True and names["p3"] is False
    assert room.post("join", {"participant": "ghost"}, key=KEY_B).status == 400
    assert room.post("join", {"participant": "p3"}).status == 200  # A changes name: p2 is free
    assert room.post("join", {"participant": "p2"}, key=KEY_B).status == 200
    assert room.server.devices() == 2


def test_anonymous_only_when_allowed(room: Room) -> None:
    assert room.post("join", {"participant": None}).status == 200
    assert room.post("cards", _card("anon01", author=None)).status == 201
    assert [c.author for c in room.board().cards if c.pending] == [None]
    room.gateway.update_phase(anonymous=False)
    assert room.post("join", {"participant": None}, key=KEY_B).status == 403


def test_a_card_is_written_once_however_often_it_is_retried(room: Room) -> None:
    room.post("join", {"participant": "p2"})
    first = room.post("cards", _card("retry1"))
    assert first.status == 201
    card = next(c for c in room.board().cards if c.pending)  # committed before the answer
    assert (card.id, card.text, card.author, card.section) == (
        first.data["id"],
        "The runbook was current",
        "p2",
        "lessons",
    )
    for _ in range(3):
        again = room.post("cards", _card("retry1"))
        assert again.status == 200 and again.data["id"] == first.data["id"]
    assert len([c for c in room.board().cards if c.pending]) == 1
    assert room.post("cards/" + first.data["id"] + "/delete", {}).status == 200
    assert room.post("cards", _card("retry1")).status == 200  # a late retry does not bring it back
    assert not [c for c in room.board().cards if c.pending]


def test_a_retry_finds_its_card_after_the_room_reopens(make_room: Any, tmp_path: Path) -> None:
    room = make_room()
    room.post("join", {"participant": "p2"})
    card_id = room.post("cards", _card("reopen")).data["id"]
    room.server.close()
    room.gateway.close()
    from pmdesk.room.gateway import LocalGateway
    from pmdesk.room.server import RoomServer

    gateway = LocalGateway(room.path, RoomPhase())
    server = RoomServer(gateway, "127.0.0.1", 0)
    server.start()
    try:
        again = Room(server, gateway, room.path)
        again.post("join", {"participant": "p2"})
        answer = again.post("cards", _card("reopen"))
        assert answer.status == 200 and answer.data["id"] == card_id
        assert again.get("state").data["mine"][0]["id"] == card_id  # still this device's card
    finally:
        server.close()
        gateway.close()


def test_cards_are_private_until_revealed(room: Room) -> None:
    room.post("join", {"participant": "p2"})
    room.post("join", {"participant": "p3"}, key=KEY_B)
    room.post("cards", _card("priv01", "A's secret card"))
    room.post("cards", _card("priv02", "B's secret card", author="p3"), key=KEY_B)
    state_a, state_b = room.get("state").data, room.get("state", key=KEY_B).data
    assert [c["text"] for c in state_a["mine"]] == ["A's secret card"]
    assert [c["text"] for c in state_b["mine"]] == ["B's secret card"]
    assert state_a["pending"]["lessons"] == 2 and "secret" not in str(state_a["board"])
    room.gateway.apply(reveal_cards)
    room.gateway.update_phase(mode="view", title="Group discussion")
    board = room.get("state").data["board"]
    lessons = next(column for column in board if column["section"] == "lessons")
    texts = {item.get("text"): item.get("author") for item in lessons["items"]}
    assert texts["A's secret card"] == "Ben Okafor" and texts["B's secret card"] == "Priya Nair"
    assert room.get("state").data["mine"] == []


def test_once_revealed_while_people_write_the_phones_show_the_revealed_board(room: Room) -> None:
    room.post("join", {"participant": "p2"})
    room.post("join", {"participant": "p3"}, key=KEY_B)
    room.post("cards", _card("reveal01", "A's card before the reveal"))
    assert room.get("state").data["board"] == [] and not room.get("state").data["cards_revealed"]
    room.gateway.apply(reveal_cards)  # still individual reflection
    room.post("cards", _card("reveal02", "B's card after the reveal", author="p3"), key=KEY_B)
    state = room.get("state").data
    assert state["cards_revealed"] and state["mine"] == []
    lessons = next(column for column in state["board"] if column["section"] == "lessons")
    texts = [item.get("text") for item in lessons["items"]]
    assert "A's card before the reveal" in texts  # the phone's card did not just vanish
    assert "B's card after the reveal" not in str(state["board"])  # face down until the next reveal
    assert state["pending"]["lessons"] == 1


def test_cards_are_written_under_ones_own_name(room: Room) -> None:
    room.post("join", {"participant": "p2"})
    assert room.post("cards", _card("other1", author="p3")).status == 403
    assert room.post("cards", _card("other2", author=None)).status == 403
    assert room.post("cards", _card("nojoin"), key=KEY_B).status == 409  # no name picked yet


def test_own_cards_change_and_go_until_revealed(room: Room) -> None:
    room.post("join", {"participant": "p2"})
    room.post("join", {"participant": "p3"}, key=KEY_B)
    card_id = room.post("cards", _card("edit01")).data["id"]
    assert room.post(f"cards/{card_id}", {"text": "Edited on the phone", "section": "future"}).status == 200
    card = next(c for c in room.board().cards if c.id == card_id)
    assert (card.text, card.section, card.pending) == ("Edited on the phone", "future", True)
    assert room.post(f"cards/{card_id}", {"text": "B's edit"}, key=KEY_B).status == 404
    assert room.post(f"cards/{card_id}/delete", {}, key=KEY_B).status == 404
    assert room.post("cards/c3", {"text": "not yours"}).status == 404
    room.gateway.apply(reveal_cards)
    assert room.post(f"cards/{card_id}", {"text": "too late"}).status == 409
    assert room.post(f"cards/{card_id}/delete", {}).status == 409
    assert next(c for c in room.board().cards if c.id == card_id).text == "Edited on the phone"


def test_cards_only_during_reflection_and_dots_only_during_voting(room: Room) -> None:
    room.post("join", {"participant": "p4"})
    assert room.post("votes", {"target": "c3", "op": "place"}).status == 409
    _vote_mode(room)
    assert room.post("cards", _card("late01", author="p4")).status == 409
    assert room.post("votes", {"target": "c3", "op": "place"}).status == 201
    room.gateway.update_phase(mode="view")
    assert room.post("votes", {"target": "c3", "op": "place"}).status == 409


def test_dots_within_the_budget_and_blind(room: Room) -> None:
    _vote_mode(room)
    room.post("join", {"participant": "p4"})  # Tom Becker has placed 2 of 3 dots on the demo board
    before = len(room.board().votes)
    state = room.get("state").data
    assert state["me"]["dots_left"] == 1 and sorted(state["my_dots"]) == ["t3", "t4"]
    assert state["tallies_shown"] is False and "votes" not in str(state["board"])
    assert room.post("votes", {"target": "c3", "op": "place"}).status == 201
    out = room.post("votes", {"target": "c3", "op": "place"})
    assert out.status == 409 and "all 3 dots" in out.data["error"]
    assert room.post("votes", {"target": "c1", "op": "place"}).status == 409  # inside a theme
    assert room.post("votes", {"target": "c3", "op": "remove"}).status == 200
    assert room.post("votes", {"target": "c3", "op": "remove"}).status == 409  # nothing to take back
    assert room.post("votes", {"target": "t1", "op": "place"}).status == 201
    votes = room.board().votes
    assert len(votes) == before + 1 and (votes[-1].participant, votes[-1].target) == ("p4", "t1")
    room.post("join", {"participant": None}, key=KEY_B)
    assert room.post("votes", {"target": "t1"}, key=KEY_B).status == 409  # anonymous: no budget


def test_tallies_show_only_once_revealed(room: Room) -> None:
    room.gateway.update_phase(mode="view", title="Group discussion")
    room.post("join", {"participant": "p4"})
    board = room.get("state").data["board"]
    went_well = next(column for column in board if column["section"] == "went-well")
    assert "votes" in went_well["items"][0]  # the demo board's tallies are visible
    from pmdesk.model.board_ops import set_session_field

    room.gateway.apply(lambda b: set_session_field(b, "votes_hidden", True))
    assert "votes" not in str(room.get("state").data["board"])


def _read_event(stream: Any) -> str:
    lines = []
    while True:
        line = stream.readline().decode()
        if line in ("\n", ""):
            if any(item.startswith("event:") for item in lines) or line == "":
                return "".join(lines)
            lines = []
            continue
        lines.append(line)


def _open_events(room: Room, conn: socket.socket) -> tuple[Any, bytes]:
    """Ask for device B's event stream on ``conn``: the stream, and the response's head."""
    conn.sendall(f"GET {room.base}/events?device={KEY_B} HTTP/1.1\r\nHost: {room.host}\r\n\r\n".encode())
    stream = conn.makefile("rb")
    head = b""
    while not head.endswith(b"\r\n\r\n"):
        head += stream.readline()
    return stream, head


def test_events_tell_every_device_when_something_changes(room: Room) -> None:
    conn = socket.create_connection(("127.0.0.1", room.server.port), timeout=5)
    try:
        stream, head = _open_events(room, conn)
        assert b"200" in head.split(b"\r\n")[0] and b"text/event-stream" in head
        assert "event: changed" in _read_event(stream)
        room.post("join", {"participant": "p2"})
        assert "event: changed" in _read_event(stream)
        room.post("cards", _card("event1"))
        assert "event: changed" in _read_event(stream)
        room.gateway.update_phase(mode="vote")
        assert "event: changed" in _read_event(stream)
        room.server.close()  # closing the room says so on every stream, then ends it
        assert "event: closed" in _read_event(stream)
        assert _read_event(stream) == ""
    finally:
        conn.close()


def _post(port: int, token: str, rest: str, data: Any) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {"X-Pmdesk-Device": KEY_A, "Content-Type": "application/json"}
        conn.request("POST", f"/j/{token}/{rest}", json.dumps(data), headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def test_the_headless_room_prints_the_join_url_and_stops_on_sigterm(tmp_path: Path) -> None:
    path = tmp_path / "board.pmdesk"
    create_file(path, demo_board())
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    command = [sys.executable, "-m", "pmdesk", "room", str(path), "--host", "127.0.0.1", "--port", "0"]
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    ) as process:
        assert process.stdout is not None and process.stdin is not None and process.stderr is not None
        try:
            url = process.stdout.readline().strip()
            match = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/j/([A-Za-z0-9_-]{22,})", url)
            assert match, url
            port, token = int(match[1]), match[2]
            assert _post(port, token, "join", {"participant": "p2"}) == 200
            assert _post(port, token, "cards", _card("cli001")) == 201
            process.stdin.write("reveal\n")
            process.stdin.flush()
            assert process.stdout.readline().strip() == "cards revealed"
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=10) == 0
            assert "The room is closed." in process.stderr.read()
        finally:
            if process.poll() is None:
                process.kill()
    board = BoardFile.read_snapshot(path)
    mine = [c.text for c in board.cards if c.author == "p2" and c.section == "lessons"]
    assert mine[-1] == "The runbook was current"
    assert not any(c.pending for c in board.cards)


def test_the_headless_room_refuses_a_host_name_and_a_bad_port(tmp_path: Path) -> None:
    path = tmp_path / "board.pmdesk"
    create_file(path, demo_board())
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for options, message in (
        (["--host", "pmdesk.example"], "is not an IP address"),
        (["--host", "127.0.0.1", "--port", "70000"], "is not a port"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "pmdesk", "room", str(path), *options],
            capture_output=True,
            text=True,
            timeout=30,
            env=env,
            stdin=subprocess.DEVNULL,
        )
        assert done.returncode == 2 and done.stdout == "" and message in done.stderr
        assert done.stderr.count("\n") == 1


def test_a_board_in_use_is_refused_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "board.pmdesk"
    create_file(path, demo_board())
    held = BoardFile.open(path)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pmdesk", "room", str(path), "--host", "127.0.0.1", "--port", "0"],
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
            stdin=subprocess.DEVNULL,
        )
    finally:
        held.close()
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("pmdesk: error: board.pmdesk") and done.stderr.count("\n") == 1


def test_a_burst_of_changes_reaches_a_stream_as_few_events_ending_with_the_last(room: Room) -> None:
    conn = socket.create_connection(("127.0.0.1", room.server.port), timeout=5)
    try:
        stream, _head = _open_events(room, conn)
        first = _read_event(stream)
        assert "event: changed" in first
        started = time.monotonic()
        for number in range(20):  # a room writing at once: a change every 5 ms
            room.gateway.update_phase(title=f"Reflection {number}")
            time.sleep(0.005)
        took = time.monotonic() - started
        last = room.server.wait_change(-1, 0)
        seen: list[int] = []
        while not seen or seen[-1] != last:  # the last change always reaches the device
            event = _read_event(stream)
            assert "event: changed" in event
            seen.append(int(event.split("data: ")[1]))
        # After each event the stream pauses for EVENT_GAP: the changes meanwhile come as one.
        assert EVENT_GAP >= 0.05
        # (20 changes in the burst: the bound stays under 20 unless the burst took 1.8 s.)
        assert len(seen) <= took / EVENT_GAP + 2 < 20
    finally:
        conn.close()


def test_the_state_says_whether_tallies_are_hidden(room: Room) -> None:
    assert room.get("state").data["votes_hidden"] is False  # the demo board shows its tallies
    room.gateway.apply(lambda board: set_session_field(board, "votes_hidden", True))
    assert room.get("state").data["votes_hidden"] is True
