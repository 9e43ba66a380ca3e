"""The Wrap-up page as it lays out on a 1920×1080 desktop with a window manager (openbox)."""

from __future__ import annotations

from tests.e2e.conftest import RoomFactory
from tests.e2e.room import Room

HEADING = "Before the report goes out"


def _note_below_heading(window: Room) -> tuple[int, int]:
    """The gap between the checklist's heading and its note, and the note's height (pixels)."""
    ask = window.ask
    _hx, hy, _hw, hh = ask(f"grect(widgets('QLabel', {HEADING!r})[0])")
    _nx, ny, _nw, nh = ask("grect(widgets('QLabel', name='readiness')[0])")
    return ny - (hy + hh), nh


def test_the_ready_note_stays_under_its_heading(room_with_window_manager: RoomFactory) -> None:
    window = room_with_window_manager()
    window.key("ctrl+8")
    window.type("Rollbacks are cheap")  # the demo board's last gap: no takeaways
    window.wait_until(
        lambda: str(window.ask("widgets('QLabel', name='readiness')[0].text()")).startswith("✓")
    )
    for size in ((None, None), ("100%", "100%")):  # as it opens, then the whole screen
        if size[0] is not None:
            window.xdotool("windowsize", "--sync", str(window.window_id), *size)
            window.settle()
        gap, height = _note_below_heading(window)
        assert 0 <= gap <= 24, f"the Ready note is {gap} px below its heading"
        assert height <= 120, f"the Ready note is {height} px high"
    assert window.export()["session"]["takeaways"] == "Rollbacks are cheap"
