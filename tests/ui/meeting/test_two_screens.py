"""A laptop beside a projector: the audience window goes to the projector and never takes the keyboard."""

from __future__ import annotations

from pathlib import Path

from tests.ui.screens import run_probe


def test_audience_window_never_takes_the_keyboard(tmp_path: Path) -> None:
    answer = run_probe(tmp_path, "two_screens", [(1600, 1000), (1920, 1080)])
    assert answer["presenting"] and answer["audience_shown"]
    assert answer["audience_screen"] == "screen1"
    assert answer["refuses_focus"]
    assert answer["audience_focusable"] == []
    assert answer["active_is_main"] and answer["focus_in_main"]
    assert answer["active_after_click"]
    assert answer["phase_moved"]  # Ctrl+PgDown still goes to the laptop's window
    assert not answer["laptop_large_header"]  # the projector has its own big timer
