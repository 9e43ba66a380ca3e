"""Every crafted board (tests/crafted/make_boards.py) opened by the window and by every export.

A refused board gets one clear line, no traceback, no output file, and stays byte-identical.
A board pmdesk opens read-only (a WAL board), or as usual (every value at the edge of its range),
shows every page and exports in every format without its file changing.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pmdesk import cli
from pmdesk.app import PAGE_ORDER, Application
from pmdesk.ui.meeting.install import Meeting
from tests.crafted.make_boards import CASES, build

FORMATS = ("json", "pdf", "md", "csv", "ics", "eml")


@pytest.fixture(scope="module")
def crafted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The crafted boards, built once."""
    return build(tmp_path_factory.mktemp("crafted"))


def fingerprint(path: Path) -> str:
    """What the file is now: its bytes, or its kind for a FIFO or a folder (never read)."""
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        return f"mode {stat.S_IFMT(mode)}"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def beside(path: Path) -> set[str]:
    """The names in the board's folder that belong to it (journal, log, exports)."""
    return {p.name for p in path.parent.iterdir() if p.name.startswith(path.stem + ".")} - {path.name}


@pytest.mark.parametrize("case", list(CASES))
def test_every_export_refuses_a_crafted_board_in_one_line_or_reads_it_untouched(
    case: str, crafted: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = crafted[case]
    expected = CASES[case][1]
    before = fingerprint(path)
    for fmt in FORMATS:
        target = tmp_path / f"out.{fmt}"
        status = cli.main(["export", str(path), "--format", fmt, "-o", str(target)])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        if not expected:
            assert status == 0, err
            assert target.stat().st_size > 0
        else:
            assert status == 2
            assert err.count("\n") == 1 and err.startswith("pmdesk: error: "), err
            assert expected in err, err
            assert not target.exists()
        assert fingerprint(path) == before
    assert not (beside(path) - {f"{path.stem}.{fmt}" for fmt in FORMATS}) or not expected


@pytest.mark.parametrize("case", list(CASES))
def test_the_window_refuses_a_crafted_board_with_its_message_or_shows_it_read_only(
    case: str,
    crafted: dict[str, Path],
    qtbot: QtBot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = crafted[case]
    expected = CASES[case][1]
    before = fingerprint(path)
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    application = Application(qt_app, settings, tmp_path / "data", interactive=False)
    window = application.open_path(path)
    if expected:
        assert window is None
        err = capsys.readouterr().err
        assert err.startswith("pmdesk: error: ") and expected in err and "Traceback" not in err
        # The failed open left nothing locked or open: a second try says the same, not "already open".
        assert application.open_path(path) is None
        assert expected in capsys.readouterr().err
    else:
        assert window is not None
        try:
            qtbot.waitUntil(lambda: window.findChild(Meeting) is not None, timeout=5000)
            read_only = expected is None
            assert window.qt_document.document.read_only == read_only
            assert window.banner.isVisibleTo(window) == read_only
            assert not read_only or "read-only" in window.banner.text()
            for key in PAGE_ORDER:
                window.pages.show(key)
                qtbot.wait(1)
        finally:
            window.close()
    assert fingerprint(path) == before
