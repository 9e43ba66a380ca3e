"""The window's pages: in meeting order, Ctrl+1 … Ctrl+9, each built only when first needed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from pmdesk.app import PAGE_ORDER, Application, build_first_view, complete_window
from pmdesk.store.document import Document
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.main_window import MainWindow, WindowHooks
from pmdesk.ui.meeting.install import Meeting


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


def test_the_first_view_has_every_tab_and_the_meeting_fills_its_reserved_ones(
    qtbot: QtBot, board_path: Path, settings: QSettings
) -> None:
    document = Document.open(board_path)
    hooks = WindowHooks(lambda: None, lambda _path: None, lambda: [], lambda: None)
    window = build_first_view(QtDocument(document), hooks, settings)
    qtbot.addWidget(window)
    try:
        assert [window.pages.key_at(i) for i in range(window.tabs.count())] == PAGE_ORDER
        assert window.current_page() is window.pages["board"]
        with pytest.raises(LookupError):
            window.pages["tone"]
        assert "tone" not in window.pages and window.pages.get("tone") is None
        window.tabs.setCurrentIndex(PAGE_ORDER.index("tone"))  # a click on it before it is added
        assert window.current_page() is None
        complete_window(window)
        assert "tone" in window.pages and window.current_page() is window.pages["tone"]
        assert [window.pages.key_at(i) for i in range(window.tabs.count())] == PAGE_ORDER
        assert window.tabs.tabText(PAGE_ORDER.index("tone")) == "Set the tone"
        assert "Prime Directive" in " ".join(
            label.text() for label in window.pages["tone"].findChildren(QLabel)
        )
    finally:
        document.close()


def test_the_application_completes_its_window_right_after_the_first_frame(
    qtbot: QtBot, board_path: Path, settings: QSettings, tmp_path: Path
) -> None:
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    application = Application(qt_app, settings, tmp_path / "data", interactive=False)
    window = application.open_path(board_path)
    assert window is not None
    try:
        assert window.findChild(Meeting) is None  # the board is on screen before the meeting's parts
        qtbot.waitUntil(lambda: window.findChild(Meeting) is not None, timeout=3000)
        assert window.pages.is_built("tone")
    finally:
        window.close()  # deletes the window (WA_DeleteOnClose) and closes its board
