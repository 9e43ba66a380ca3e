"""A window with only the facts and follow-up pages (the other areas are tested on their own)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from pmdesk.model.board import Board
from pmdesk.store.document import Document
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.facts.install import install_facts, install_followup
from pmdesk.ui.main_window import MainWindow, WindowHooks

TODAY = dt.date(2026, 12, 10)  # a1 (due 4 Dec, in progress) and a3 (8 Dec, open) are overdue


@pytest.fixture
def facts_window(qtbot: QtBot, board_path: Path, settings: QSettings) -> Iterator[MainWindow]:
    """The main window on the demo board with What happened, Review, Actions and Wrap-up."""
    document = Document.open(board_path)
    qt_document = QtDocument(document)
    hooks = WindowHooks(lambda: None, lambda _path: None, lambda: [], lambda: None)
    main = MainWindow(qt_document, hooks, settings)
    install_facts(main)
    install_followup(main, today=lambda: TODAY)
    qt_document.setParent(main)
    qtbot.addWidget(main)
    main.resize(1400, 860)
    main.show()
    qtbot.waitExposed(main)
    yield main
    document.close()


@pytest.fixture
def saved(facts_window: MainWindow, board_path: Path) -> Callable[[], Board]:
    """Close the window's file and read the board back from disk."""

    def read() -> Board:
        facts_window.qt_document.document.close()
        reopened = Document.open(board_path)
        try:
            return reopened.board
        finally:
            reopened.close()

    return read
