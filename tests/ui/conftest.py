"""Fixtures for window tests: a demo board file and a fully built window over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from pmdesk.app import build_window
from pmdesk.model.demo import demo_board
from pmdesk.store.document import Document
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.main_window import MainWindow, WindowHooks


@pytest.fixture
def board_path(tmp_path: Path) -> Path:
    """A demo board written to a fresh file."""
    path = tmp_path / "demo.pmdesk"
    Document.create(path, demo_board()).close()
    return path


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """QSettings in a temporary INI file, so tests never touch the user's settings."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def open_board_window(
    qtbot: QtBot, path: Path, settings: QSettings, size: tuple[int, int] = (1400, 860)
) -> tuple[MainWindow, Document]:
    """A full window on the board file at ``path``, shown; the caller closes the document."""
    document = Document.open(path)
    qt_document = QtDocument(document)
    hooks = WindowHooks(lambda: None, lambda _path: None, lambda: [], lambda: None)
    main = build_window(qt_document, hooks, settings)
    qt_document.setParent(main)
    qtbot.addWidget(main)
    main.resize(*size)
    main.show()
    qtbot.waitExposed(main)
    return main, document


@pytest.fixture
def window(qtbot: QtBot, board_path: Path, settings: QSettings) -> Iterator[MainWindow]:
    """The main window on the demo board, shown."""
    main, document = open_board_window(qtbot, board_path, settings)
    yield main
    document.close()


def reopen(path: Path) -> Document:
    """Open the board file again, as a second look at what was written."""
    return Document.open(path)
