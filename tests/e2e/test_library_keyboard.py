"""The Library window on a desktop: its own dialogs give the keyboard back to it."""

from __future__ import annotations

import shutil

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
    window.click_widget("QPushButton", "Add folder…")
    window.wait_until(lambda: window.ask("dialogs()"), what="the folder dialog")
    window.key("Escape")
    window.wait_until(lambda: not window.ask("dialogs()"), what="the folder dialog to close")
    # The window manager first hands the keyboard to the board window that owns the Library.
    window.wait_until(lambda: in_library(window), timeout=5, what="the keyboard back in the Library")
    window.type("n pool")  # on the board, N would open a card entry and this would become a card
    assert in_library(window), f"the keyboard went to {window.focus()}"
    assert window.export() == before


def test_cancelling_an_actions_export_leaves_the_keyboard_in_the_library(
    room_with_window_manager: RoomFactory,
) -> None:
    window = room_with_window_manager()
    folder = window.board.parent / "boards"
    folder.mkdir()
    shutil.copyfile(window.board, folder / "earlier.pmdesk")
    window.key("ctrl+l")
    window.wait_until(lambda: in_library(window), what="the Library window to take the keyboard")
    window.click_widget("QPushButton", "Add folder…")
    window.wait_until(lambda: window.ask("dialogs()"), what="the folder dialog")
    window.type(str(folder))
    window.key("Return")
    window.wait_until(lambda: not window.ask("dialogs()"), what="the folder dialog to close")
    window.wait_until(lambda: in_library(window), timeout=5, what="the keyboard back in the Library")
    bar = "window().findChild(QWidget, 'LibraryWindow').tabs.tabBar()"
    x, y, w, h = window.ask(f"grect({bar}, {bar}.tabRect(1))")
    window.click(x + w // 2, y + h // 2)  # the Open actions tab
    window.wait_until(
        lambda: window.ask("widgets('QPushButton', 'Export CSV…')[0].isEnabled()"),
        timeout=30,
        what="the board's actions listed",
    )
    before = window.export()
    window.click_widget("QPushButton", "Export CSV…")
    window.wait_until(lambda: window.ask("dialogs()"), what="the export dialog")
    window.key("Escape")
    window.wait_until(lambda: not window.ask("dialogs()"), what="the export dialog to close")
    window.wait_until(lambda: in_library(window), timeout=5, what="the keyboard back in the Library")
    window.type("n pool")
    assert in_library(window), f"the keyboard went to {window.focus()}"
    assert window.export() == before
