"""Presenting gives the projector's theme to the presenting window alone, not to every window."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.install import Meeting
from pmdesk.ui.palette import LIGHT, PALETTES, PROJECTOR, current_palette
from tests.ui.conftest import open_board_window

WINDOW = QPalette.ColorRole.Window
TEXT = QPalette.ColorRole.WindowText


@pytest.fixture
def second(qtbot: QtBot, board_path: Path, tmp_path: Path, settings: QSettings) -> Iterator[MainWindow]:
    """A second board window, open beside the first."""
    other = tmp_path / "other.pmdesk"
    shutil.copyfile(board_path, other)
    main, document = open_board_window(qtbot, other, settings, (1200, 800))
    yield main
    document.close()


def colours(window: MainWindow) -> set[str]:
    """The window colour of the window and of every label in it with a style sheet of its own
    (one that does not set its own background)."""
    styled = [
        w
        for w in window.findChildren(QLabel)
        if w.styleSheet() and "background" not in w.styleSheet() and w.window() is window
    ]
    return {window.palette().color(WINDOW).name()} | {w.palette().color(WINDOW).name() for w in styled}


def test_presenting_recolours_only_the_presenting_window(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, second: MainWindow
) -> None:
    light, projector = PALETTES[LIGHT], PALETTES[PROJECTOR]
    assert light.window != projector.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert meeting.controller.presenting
    assert colours(window) == {projector.window}
    assert current_palette(window.pages["board"]) == projector  # the cards paint in its colours
    column = window.pages["board"].columns[0].view.viewport()  # type: ignore[attr-defined]
    assert column.palette().color(QPalette.ColorRole.Base).name() == projector.column  # its own stays
    assert colours(second) == {light.window}
    assert current_palette(second.pages["board"]) == light
    assert second.pages["wrap-up"].palette().color(TEXT).name() == light.text
    second.show_page("wrap-up")  # a page built while the other window presents
    assert colours(second) == {light.window}
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not meeting.controller.presenting
    assert colours(window) == {light.window}
    assert current_palette(window.pages["board"]) == light
