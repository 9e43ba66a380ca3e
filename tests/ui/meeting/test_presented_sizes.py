"""Presented card text is 28 px on a 1920×1080 projector and scales with the screen; headings never
read smaller than the cards under them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.screens import run_probe


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768), (1280, 720)])
def test_presented_text_sizes(tmp_path: Path, size: tuple[int, int]) -> None:
    sizes = run_probe(tmp_path, "sizes", [size])
    print(size, sizes)  # the figures measured, for the record
    scale = min(size[0] / 1920, size[1] / 1080)
    for key in ("card_text", "room_card", "focus_item"):
        value = sizes[key]
        assert isinstance(value, int)
        assert value >= round(28 * scale) - 1, (key, value)
    assert sizes["section_heading"] >= sizes["card_text"]  # type: ignore[operator]
    assert sizes["room_heading"] >= sizes["room_card"]  # type: ignore[operator]
    if size == (1920, 1080):
        assert sizes["card_text"] >= 28 and sizes["room_card"] >= 28  # type: ignore[operator]
