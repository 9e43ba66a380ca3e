"""How the window starts its room's process: which pmdesk it runs, found where, writing where."""

from __future__ import annotations

import os
import site
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import pmdesk
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.install import Meeting
from pmdesk.ui.room import server_process
from pmdesk.ui.room.dialog import RoomRequest
from pmdesk.ui.room.server_process import worker_env
from tests.ui.meeting.test_presentation import go


def test_an_installed_pmdesk_is_found_after_the_standard_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """site-packages first on the room's path let a stale backport there (``pathlib``) stop the room."""
    installed = Path(site.getsitepackages()[0])
    monkeypatch.setattr(pmdesk, "__file__", str(installed / "pmdesk" / "__init__.py"))
    monkeypatch.delenv("PYTHONPATH", raising=False)
    assert "PYTHONPATH" not in worker_env()
    monkeypatch.setenv("PYTHONPATH", "/the/users/own")
    assert worker_env()["PYTHONPATH"] == "/the/users/own"  # the window's own path, as it was


def test_a_pmdesk_run_from_its_folder_is_put_first_on_the_rooms_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pmdesk, "__file__", str(tmp_path / "checkout" / "pmdesk" / "__init__.py"))
    monkeypatch.setenv("PYTHONPATH", "/the/users/own")
    path = worker_env()["PYTHONPATH"].split(os.pathsep)
    assert path == [str((tmp_path / "checkout").resolve()), "/the/users/own"]


SAYS_READY_AFTER_AN_ERROR_LINE = """
import os, sys
from pmdesk.room.frames import json_frame
os.write(2, b"a line on the process's standard error\\n")
sys.stdout.buffer.write(json_frame({"op": "ready", "url": "http://127.0.0.1:9/j/fake-room-token"}))
sys.stdout.buffer.flush()
sys.stdin.buffer.read()
"""


def test_a_window_without_a_standard_error_gives_its_room_none(
    qtbot: QtBot,
    window: MainWindow,
    meeting: Meeting,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """Started with descriptor 2 closed, the window reuses it (for the display): the room wrote into it."""
    command = (sys.executable, ["-c", SAYS_READY_AFTER_AN_ERROR_LINE])
    monkeypatch.setattr(server_process, "worker_command", lambda *_args: command)
    go(qtbot, meeting, "reflection")
    monkeypatch.setattr(sys, "stderr", None)  # as Python starts when descriptor 2 is closed
    assert meeting.room_control.open(RoomRequest("127.0.0.1", anonymous=True))
    monkeypatch.undo()
    meeting.room_control.close()
    assert "standard error" not in capfd.readouterr().err
