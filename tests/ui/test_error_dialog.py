"""The window's last resort: an unexpected error shows a dialog, is logged, and the board is kept."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from pmdesk.model.demo import demo_board
from pmdesk.store.board_file import BoardFile
from pmdesk.store.document import Document
from pmdesk.ui.error_dialog import ErrorHandler
from pmdesk.ui.main_window import MainWindow


@pytest.fixture
def handler(qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ErrorHandler]:
    """The window's error handler, installed as the running application installs it."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    installed = ErrorHandler(qapp)
    installed.install()
    yield installed
    installed.uninstall()
    if installed.box is not None:
        installed.box.close()


def menu_action(window: MainWindow, text: str) -> QAction:
    """The File menu's action whose text (without &) starts with ``text``."""
    return next(a for a in window.file_menu.actions() if a.text().replace("&", "").startswith(text))


@pytest.mark.qt_no_exception_capture
def test_a_fault_in_a_menu_action_shows_a_dialog_and_keeps_the_board(
    qtbot: QtBot,
    window: MainWindow,
    board_path: Path,
    handler: ErrorHandler,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "copy.pmdesk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))

    def broken_copy(self: Document, path: Path) -> None:
        raise RuntimeError("the copy machine <b>jammed</b>")

    monkeypatch.setattr(Document, "save_copy", broken_copy)
    menu_action(window, "Save a Copy").trigger()

    qtbot.waitUntil(lambda: handler.box is not None and handler.box.isVisible())
    box = handler.box
    assert box is not None
    logs = list((tmp_path / "data" / "pmdesk" / "pmdesk" / "logs").glob("error-*.log"))
    assert len(logs) == 1
    assert "broken_copy" in logs[0].read_text(encoding="utf-8")
    assert "RuntimeError: the copy machine <b>jammed</b>" in box.text()
    assert "Your board is safe" in box.text()
    assert str(logs[0]) in box.text()
    err = capsys.readouterr().err
    assert (
        f"pmdesk: error: internal error (RuntimeError: the copy machine <b>jammed</b>); details in {logs[0]}"
        in err
    )
    assert "Traceback" not in err

    # A second fault while the dialog is up is logged, not stacked as a second dialog.
    menu_action(window, "Save a Copy").trigger()
    assert handler.errors == 2
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()] == [
        box
    ]

    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: handler.box is None)
    assert window.isVisible()
    assert not target.exists()
    assert BoardFile.read_snapshot(board_path) == demo_board()


@pytest.mark.qt_no_exception_capture
def test_a_fault_before_the_window_shows_is_logged_and_exits_1(
    qapp: QApplication,
    board_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from pmdesk import app

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    names = qapp.applicationName(), qapp.organizationName(), qapp.desktopFileName()

    def broken_open(path: Path) -> Document:
        raise RuntimeError("the board reader tripped")

    monkeypatch.setattr(Document, "open", broken_open)
    hook_before = sys.excepthook
    try:
        assert app.run(board_path, quit_after_show=True) == 1
    finally:
        qapp.setApplicationName(names[0])
        qapp.setOrganizationName(names[1])
        qapp.setDesktopFileName(names[2])
    err = capsys.readouterr().err
    assert err.startswith(
        "pmdesk: error: internal error (RuntimeError: the board reader tripped); details in "
    )
    logs = list((tmp_path / "data" / "pmdesk" / "pmdesk" / "logs").glob("error-*.log"))
    assert len(logs) == 1 and "broken_open" in logs[0].read_text(encoding="utf-8")
    assert sys.excepthook is hook_before  # the window's handler is gone with the window
