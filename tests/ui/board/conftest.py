"""A main window with only the board area installed, over the demo board (or an empty one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from pmdesk.store.document import Document
from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.board.install import install
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.main_window import MainWindow, WindowHooks
from pmdesk.ui.meeting.sections_dialog import SectionsDialog


@pytest.fixture
def board_window(qtbot: QtBot, board_path: Path, settings: QSettings) -> Iterator[MainWindow]:
    """The main window with the board pages, on the demo board, showing the Board page."""
    document = Document.open(board_path)
    qt_document = QtDocument(document)
    hooks = WindowHooks(lambda: None, lambda _path: None, lambda: [], lambda: None)
    main = MainWindow(qt_document, hooks, settings)
    install(main)
    qt_document.setParent(main)
    qtbot.addWidget(main)
    main.resize(1600, 1000)
    main.show()
    main.show_page("board")
    qtbot.waitExposed(main)
    yield main
    document.close()


@pytest.fixture
def page(board_window: MainWindow) -> BoardPage:
    """The Board page."""
    widget = board_window.pages["board"]
    assert isinstance(widget, BoardPage)
    return widget


@pytest.fixture
def dialog(qtbot: QtBot, board_window: MainWindow) -> SectionsDialog:
    """Board ▸ Sections…, open beside the Board page."""
    shown = SectionsDialog(board_window.qt_document, board_window)
    qtbot.addWidget(shown)
    shown.show()
    return shown
