"""The headless room's console (``pmdesk room``): the lines a facilitator types and their answers."""

from __future__ import annotations

import io
import types

import pytest

from pmdesk.room.gateway import RoomPhase
from pmdesk.room.headless import Console

from .conftest import Room


def _console(room: Room) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(room.gateway, room.server, out, lambda: None), out


NOW = 1_800_000_000.0


@pytest.fixture(autouse=True)
def still_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The console's clock stands still, so a busy machine does not change what it says."""
    monkeypatch.setattr("pmdesk.room.headless.time", types.SimpleNamespace(time=lambda: NOW))


def test_status_says_the_phase_its_countdown_and_the_room(room: Room) -> None:
    console, out = _console(room)
    room.gateway.set_phase(RoomPhase(mode="write", title="Individual reflection", ends_at=NOW + 299.6))
    console.run("status")
    assert out.getvalue().splitlines()[-1] == (
        "phase: write (Individual reflection), 5:00 left; devices: 0, cards face down: 0"
    )
    console.run("vote")
    console.run("status")
    last = out.getvalue().splitlines()[-1]
    assert last == "phase: vote (Prioritization), 5:00 left; devices: 0, cards face down: 0"


def test_status_says_a_paused_or_overrun_or_untimed_phase(room: Room) -> None:
    console, out = _console(room)
    room.gateway.set_phase(RoomPhase(mode="vote", title="Dots", paused_remaining=61.2))
    console.run("status")
    room.gateway.set_phase(RoomPhase(mode="vote", title="Dots", ends_at=NOW - 65))
    console.run("status")
    room.gateway.set_phase(RoomPhase(mode="view", title="Group discussion"))
    console.run("status")
    assert [line.split(";")[0] for line in out.getvalue().splitlines()] == [
        "phase: vote (Dots), paused with 1:01 left",
        "phase: vote (Dots), 1:05 over",
        "phase: view (Group discussion)",
    ]
