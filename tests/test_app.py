"""The composition root: untitled boards, and the start measured by --quit-after-show."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from pmdesk.app import close_document
from pmdesk.model.card_ops import add_card
from pmdesk.model.demo import demo_board
from pmdesk.startup import LINE_PATTERN
from pmdesk.store.document import Document, find_untitled


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
