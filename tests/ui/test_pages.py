"""The window's pages: in meeting order, Ctrl+1 … Ctrl+9, each built only when first needed."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pmdesk.app import PAGE_ORDER
from pmdesk.ui.main_window import MainWindow


def test_tabs_follow_the_meeting_and_shortcuts_are_unique(window: MainWindow) -> None:
    assert [window.pages.key_at(i) for i in range(window.tabs.count())] == PAGE_ORDER
    shortcuts = Counter(action.shortcut().toString() for action in window.go_menu.actions())
    assert [key for key, count in shortcuts.items() if count > 1 and key] == []


def test_hidden_pages_are_not_built_at_start(window: MainWindow) -> None:
    assert window.current_page() is window.pages["board"]
    assert not window.pages.is_built("actions")
    assert not window.pages.is_built("wrap-up")


@pytest.mark.parametrize("number", range(1, 10))
def test_ctrl_number_shows_that_page(qtbot: QtBot, window: MainWindow, number: int) -> None:
    window.activateWindow()
    key = getattr(Qt.Key, f"Key_{number}")
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.pages[PAGE_ORDER[number - 1]]
