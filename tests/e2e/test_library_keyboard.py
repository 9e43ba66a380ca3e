"""The Library window on a desktop: its own dialogs give the keyboard back to it."""

from __future__ import annotations

from tests.e2e.conftest import RoomFactory
from tests.e2e.room import Room


def in_library(window: Room) -> bool:
    """Whether the widget with keyboard focus is in the Library window."""
    focused = window.focus() or {}
    return "LibraryWindow" in focused.get("parents", [])


def test_cancelling_add_folder_leaves_the_keyboard_in_the_library(
    room_with_window_manager: RoomFactory,
) -> None:
    window = room_with_window_manager()
    before = window.export()
    window.key("ctrl+l")
    window.wait_until(lambda: in_library(window), what="the Library window to take the keyboard")
    window.click_widget("QPushButton", "Add Folder…")
    window.wait_until(lambda: window.ask("dialogs()"), what="the folder dialog")
    window.key("Escape")
    window.wait_until(lambda: not window.ask("dialogs()"), what="the folder dialog to close")
    # The window manager first hands the keyboard to the board window that owns the Library.
    window.wait_until(lambda: in_library(window), timeout=5, what="the keyboard back in the Library")
    window.type("n pool")  # on the board, N would open a card entry and this would become a card
    assert in_library(window), f"the keyboard went to {window.focus()}"
    assert window.export() == before
