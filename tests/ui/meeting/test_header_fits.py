"""On small screens the header never overlaps itself, the countdown is never cut, and the stepper's
◀ ▶ stay where they are from phase to phase."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.screens import run_probe


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)])
@pytest.mark.parametrize("mode", ["editing", "presenting", "started"])
def test_header_fits_every_phase(tmp_path: Path, size: tuple[int, int], mode: str) -> None:
    answer = run_probe(tmp_path, "header_fit", [size], mode)
    assert answer["presenting"] == (mode == "presenting")
    assert answer["problems"] == []


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080)])
def test_stepper_arrows_stay_in_place_through_the_meeting(tmp_path: Path, size: tuple[int, int]) -> None:
    """Reveal cards and Reveal votes come and go; ◀ ▶ do not move, so ▶ clicked again walks on."""
    answer = run_probe(tmp_path, "header_fit", [size], "started")
    places = answer["arrows"]
    assert isinstance(places, dict) and len(places) == 8
    assert len({tuple(place) for place in places.values()}) == 1, places


@pytest.mark.parametrize("mode", ["started", "presenting"])
def test_the_people_caption_is_left_out_while_the_room_reads_the_header(tmp_path: Path, mode: str) -> None:
    """Presenting, the header grows for the room but "People" stayed small beside the big avatars."""
    answer = run_probe(tmp_path, "header_fit", [(1920, 1080)], mode)
    assert answer["caption"] is (mode == "started")


def test_laptop_header_fits_beside_an_audience_window(tmp_path: Path) -> None:
    answer = run_probe(tmp_path, "header_fit", [(1600, 1000), (1920, 1080)], "presenting")
    assert answer["presenting"]
    assert answer["problems"] == []
