"""On small screens the header never overlaps itself and the countdown is never cut."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.screens import run_probe


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)])
@pytest.mark.parametrize("mode", ["editing", "presenting"])
def test_header_fits_every_phase(tmp_path: Path, size: tuple[int, int], mode: str) -> None:
    answer = run_probe(tmp_path, "header_fit", [size], mode)
    assert answer["presenting"] == (mode == "presenting")
    assert answer["problems"] == []


def test_laptop_header_fits_beside_an_audience_window(tmp_path: Path) -> None:
    answer = run_probe(tmp_path, "header_fit", [(1600, 1000), (1920, 1080)], "presenting")
    assert answer["presenting"]
    assert answer["problems"] == []
