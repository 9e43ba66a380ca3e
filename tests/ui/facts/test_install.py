"""The facts pages in the full window: each reachable by its own shortcut."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pmdesk.ui.main_window import MainWindow


def test_pages_are_installed_with_unique_shortcuts(window: MainWindow) -> None:
    for key in ("facts", "review", "actions", "wrap-up"):
        assert key in window.pages
    shortcuts = Counter(action.shortcut().toString() for action in window.go_menu.actions())
    assert [key for key, count in shortcuts.items() if count > 1 and key] == []


def test_ctrl_7_shows_the_actions(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.pages["actions"]
