"""Dates and times typed at a person's speed on a real display, and Tab out of a timeline time."""

from __future__ import annotations

from tests.e2e.conftest import RoomFactory
from tests.e2e.room import Room


def retype(window: Room, name: str, text: str) -> None:
    """Click a Wrap-up date field, replace its text by typing, and leave it with Tab."""
    window.click_widget("DateField", name=name)
    window.key("ctrl+a")
    window.type(text)
    window.key("Tab")


def test_wrap_up_dates_are_typed_and_a_check_in_in_1789_is_refused(room: RoomFactory) -> None:
    window = room()
    window.key("ctrl+8")
    retype(window, "check_in", "2027-01-08")
    retype(window, "start_time", "2:30 pm")
    retype(window, "date", "1789-07-14")
    assert "1789 is not plausible" in window.ask("status()")
    session = window.export()["session"]
    stored = (session["check_in"], session["start_time"], session["date"])
    assert stored == ("2027-01-08", "14:30", "2026-11-26")  # the refused date left the file alone
    assert [message for message in window.errors() if "1789" not in message] == []


def test_tab_after_a_typed_timeline_time_writes_nothing_into_the_next_cells(room: RoomFactory) -> None:
    window = room()
    window.key("ctrl+1")
    before = window.export()["timeline"]
    x, y, width, height = window.item("14:05")
    window.xdotool("mousemove", "--sync", str(x + width // 2), str(y + height // 2))
    window.xdotool("click", "--repeat", "2", "--delay", "80", "1")
    window.settle()
    window.key("ctrl+a")
    window.type("14:07")
    window.key("Tab")
    window.type("05")  # a person still typing the time
    window.key("Tab", "Escape")
    after = window.export()["timeline"]
    assert after[1]["at"].startswith("2026-11-20T14:07")
    assert [(e["id"], e["kind"], e["text"]) for e in after] == [
        (e["id"], e["kind"], e["text"]) for e in before
    ]
    assert not window.errors()
