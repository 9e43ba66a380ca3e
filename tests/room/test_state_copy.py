"""Devices' states come from one copy of the board per change, made on the board's side once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from pmdesk.model.board import Board
from pmdesk.room.state import board_copy

from .conftest import KEY_A, Room

KEYS = [f"device-{n:02d}-0123456789abcdef" for n in range(12)]


def _card(client_id: str, text: str) -> dict[str, Any]:
    return {"id": client_id, "section": "lessons", "text": text, "author": "p2"}


def count_reads(room: Room, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the room's reads of the board from now on: the list grows by one for each."""
    reads: list[int] = []
    real = room.gateway.read

    def counting(look: Callable[[Board], Any]) -> Any:
        reads.append(1)
        return real(look)

    monkeypatch.setattr(room.gateway, "read", counting)
    return reads


def test_a_room_of_devices_fetching_at_once_costs_one_read_of_the_board(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = count_reads(room, monkeypatch)
    assert room.post("join", {"participant": "p2"}).status == 200
    assert room.post("cards", _card("copy01", "The pager rota was stale")).status == 201
    reads.clear()
    start = threading.Barrier(len(KEYS))
    answers: list[int] = []

    def device(key: str) -> None:
        start.wait()
        answers.append(room.get("state", key=key).status)

    threads = [threading.Thread(target=device, args=(key,)) for key in KEYS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert answers == [200] * len(KEYS)
    assert len(reads) == 1  # one copy for the twelve states
    # A change is announced before the phone is answered: its next state has the new card.
    assert room.post("cards", _card("copy02", "Alerts paged the wrong team")).status == 201
    mine = [card["text"] for card in room.get("state", key=KEY_A).data["mine"]]
    assert mine == ["The pager rota was stale", "Alerts paged the wrong team"]
    assert len(reads) == 2


def test_the_copy_is_not_touched_by_later_edits(room: Room) -> None:
    board = room.gateway.read(board_copy)
    live_texts = room.gateway.read(lambda live: [card.text for card in live.cards])
    assert [card.text for card in board.cards] == live_texts
    room.gateway.read(lambda live: setattr(live.cards[0], "text", "changed in place"))
    assert board.cards[0].text == live_texts[0]
    assert board.cards is not room.gateway.read(lambda live: live.cards)


def test_devices_joining_one_after_another_cost_no_new_copy_of_the_board(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A join wakes every page (the names taken change) but leaves the board as it was."""
    reads = count_reads(room, monkeypatch)
    for key in KEYS:
        assert room.post("join", {"participant": None}, key=key).status == 200
        assert room.get("state", key=KEYS[0]).status == 200  # the first page follows each join
    assert len(reads) == 1
    taken = room.get("state", key=KEYS[0]).data["participants"]
    assert room.post("join", {"participant": "p2"}, key=KEY_A).status == 200
    after = room.get("state", key=KEYS[0]).data["participants"]
    assert [p["taken"] for p in after] != [p["taken"] for p in taken]  # still told who is taken
    assert len(reads) == 1
