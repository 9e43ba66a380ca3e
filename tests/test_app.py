"""The composition root: untitled boards, and the start measured by --quit-after-show."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from pmdesk.app import close_document
from pmdesk.model.card_ops import add_card
from pmdesk.model.demo import demo_board
from pmdesk.startup import LINE_PATTERN
from pmdesk.store.board_file import BoardFile
from pmdesk.store.document import Document, find_untitled
from pmdesk.store.errors import BoardFileError


def test_a_blank_untitled_board_is_not_kept(tmp_path: Path) -> None:
    document = Document.create_untitled(tmp_path)
    path = document.path
    close_document(document)
    assert not path.exists()
    assert find_untitled(tmp_path) == []


def test_an_untitled_board_with_a_word_on_it_is_kept_for_recovery(tmp_path: Path) -> None:
    document = Document.create_untitled(tmp_path)
    document.apply(add_card(document.board, "went-well", "worth keeping"))
    close_document(document)
    assert find_untitled(tmp_path) == [document.path]


def test_quit_after_show_reports_the_first_frame_then_the_complete_window(tmp_path: Path) -> None:
    board = tmp_path / "demo.pmdesk"
    Document.create(board, demo_board()).close()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_RUNTIME_DIR=str(tmp_path))
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-m", "pmdesk", "--quit-after-show", str(board)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    first = re.search("pmdesk: " + LINE_PATTERN.format(what="first frame painted"), done.stdout)
    complete = re.search("pmdesk: " + LINE_PATTERN.format(what="window complete"), done.stdout)
    assert first is not None and complete is not None, done.stdout
    # Durations since the process started, in ms, for people; the raw clock for tools.
    assert 0 < int(first["ms"]) <= int(complete["ms"]) < 60_000
    assert 0 < int(first["cpu"]) < 60_000
    assert float(first["clock"]) <= float(complete["clock"])
    between = (float(complete["clock"]) - float(first["clock"])) * 1000
    assert abs(between - (int(complete["ms"]) - int(first["ms"]))) <= 2
    assert float(first["clock"]) - int(first["ms"]) / 1000 >= started - 0.05  # not before it was started


def test_a_queued_write_that_fails_as_pmdesk_ends_is_said_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    document = Document.create(tmp_path / "b.pmdesk", demo_board())
    main = threading.current_thread()
    write = document.file.write

    def full(edits: Any, *args: Any) -> None:
        if threading.current_thread() is not main:
            raise BoardFileError("b.pmdesk: the disk is full, so this change was not saved")
        write(edits, *args)

    monkeypatch.setattr(document.file, "write", full)
    document.apply_later(add_card(document.board, "lessons", "Queued as pmdesk quits", card_id="q"))
    close_document(document)  # pmdesk ended (Ctrl+C) with the card still queued
    assert "pmdesk: not saved: b.pmdesk: the disk is full" in capsys.readouterr().err
    assert "q" not in [card.id for card in BoardFile.read_snapshot(tmp_path / "b.pmdesk").cards]


def test_the_offer_of_a_kept_board_reads_right_and_new_board_discards_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It read "1 untitled board(s) ... were kept" and offered "New board" as a Discard button (a bin)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from pmdesk.app import Application

    qt_app = QApplication.instance() or QApplication([])
    document = Document.create_untitled(tmp_path)
    document.apply(add_card(document.board, "went-well", "worth keeping"))
    close_document(document)
    seen: dict[str, Any] = {}

    def answer(box: QMessageBox) -> int:
        seen["text"] = box.text()
        seen["roles"] = {button.text(): box.buttonRole(button) for button in box.buttons()}
        box.escapeButton().click()  # Esc: a new board
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    application = Application(
        qt_app, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), tmp_path
    )
    assert application._offer_recovery(find_untitled(tmp_path)) is False
    assert (
        seen["text"] == f"An untitled board from an earlier session was kept. Open it ({document.path.name})?"
    )
    assert seen["roles"]["New board"] == QMessageBox.ButtonRole.RejectRole
    assert QMessageBox.ButtonRole.DestructiveRole not in seen["roles"].values()
    assert find_untitled(tmp_path) == [document.path]  # still there for the next start


def test_a_board_of_more_sections_than_a_window_shows_is_refused_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A stranger's board of thousands of sections took seconds and gigabytes to show: it is
    refused with one line naming the way out, and its file stays byte-identical."""
    from PySide6.QtWidgets import QApplication

    from pmdesk.app import Application
    from pmdesk.model.board import Section
    from pmdesk.model.rules import MOST_SECTIONS
    from pmdesk.store.board_file import create_file

    board = demo_board()
    board.sections += [Section(f"x{n}", f"Extra {n}", "") for n in range(MOST_SECTIONS - 3)]
    path = tmp_path / "wide.pmdesk"
    create_file(path, board)
    before = path.read_bytes()
    qt_app = QApplication.instance() or QApplication([])
    assert isinstance(qt_app, QApplication)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    application = Application(qt_app, settings, tmp_path / "data", interactive=False)
    assert application.open_path(path) is None
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"wide.pmdesk: {MOST_SECTIONS + 1} sections" in err and "pmdesk export wide.pmdesk" in err
    assert path.read_bytes() == before
    assert application.open_path(path) is None  # nothing was left open or locked
    capsys.readouterr()
