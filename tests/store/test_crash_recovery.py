"""A writer killed at a chosen write (strace fault injection) loses no acknowledged edit.

The child adds cards of several pages each. A first, traced run finds every ``pwrite64`` the
child makes; then for each write to the board file (page 1 of a transaction, then each later
page) and a few journal writes, a fresh copy of the board is edited by a child that strace kills
with SIGKILL just before that write. The board is then opened as a user would: first exported
(``pmdesk export``, before any window has touched it), then opened as the window opens it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pmdesk import cli
from pmdesk.model.demo import demo_board
from pmdesk.store.board_file import create_file
from pmdesk.store.document import Document
from pmdesk.store.lock import BoardLock
from pmdesk.store.opening import has_hot_journal

HERE = Path(__file__).parent
CHILD = HERE / "crash_child.py"
# The same edits, each committed on the document's writer thread and acknowledged from there.
CHILD_LATER = HERE / "crash_child_later.py"
EDITS = 2
STRACE = shutil.which("strace")
OPENED = re.compile(r'openat\(.*?"(?P<path>[^"]+)".*\) = (?P<fd>\d+)$')
WRITE = re.compile(r"pwrite64\((?P<fd>\d+),")


def run_child(board: Path, *strace_args: str, child: Path = CHILD) -> tuple[int, list[str]]:
    """Run the editing child under strace; (exit status, card ids it acknowledged)."""
    assert STRACE is not None, "the crash tests need strace (apt-get install strace)"
    command = [STRACE, "-f", "-qq", *strace_args, sys.executable, str(child), str(board), str(EDITS)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout.split()


def kill_child_at(board: Path, number: int, child: Path = CHILD) -> tuple[int, list[str]]:
    """Run the child and SIGKILL it just before its ``number``-th pwrite64."""
    inject = f"inject=pwrite64:signal=SIGKILL:when={number}"
    return run_child(board, "-o", os.devnull, "-e", "trace=pwrite64", "-e", inject, child=child)


def board_writes(tmp_path: Path, base: Path, child: Path = CHILD) -> tuple[list[int], list[int]]:
    """The numbers of the child's pwrite64 calls to the board and to its journal, in order."""
    board = tmp_path / "traced.pmdesk"
    shutil.copyfile(base, board)
    trace = tmp_path / "trace.txt"
    status, acked = run_child(board, "-e", "trace=openat,pwrite64", "-o", str(trace), child=child)
    assert status == 0 and len(acked) == EDITS
    files: dict[str, str] = {}
    to_board: list[int] = []
    to_journal: list[int] = []
    count = 0
    for line in trace.read_text().splitlines():
        line = line.split(None, 1)[1] if line[:1].isdigit() else line  # the pid column of -f
        if opened := OPENED.search(line):
            files[opened["fd"]] = opened["path"]
        elif written := WRITE.match(line):
            count += 1
            name = files.get(written["fd"], "")
            if name.endswith("traced.pmdesk"):
                to_board.append(count)
            elif name.endswith("traced.pmdesk-journal"):
                to_journal.append(count)
    return to_board, to_journal


@pytest.mark.parametrize("child", [CHILD, CHILD_LATER], ids=["in-place", "writer-thread"])
def test_a_writer_killed_at_any_page_loses_no_acknowledged_edit(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], child: Path
) -> None:
    base = tmp_path / "base.pmdesk"
    create_file(base, demo_board())
    to_board, to_journal = board_writes(tmp_path, base, child)
    # Each transaction writes page 1 first, then the pages it changed or added.
    assert len(to_board) >= 2 * EDITS * 3
    kill_at = to_board + to_journal[:2] + to_journal[-2:]
    hot = 0
    for number in kill_at:
        board = tmp_path / f"killed-{number}.pmdesk"
        shutil.copyfile(base, board)
        status, acked = kill_child_at(board, number, child)
        assert status != 0, f"the child was not killed at write {number}"
        hot += has_hot_journal(board)

        capsysbinary.readouterr()
        assert cli.main(["export", str(board), "--format", "json"]) == 0, f"export, killed at write {number}"
        exported = {card["id"] for card in json.loads(capsysbinary.readouterr().out)["cards"]}
        assert set(acked) <= exported, f"killed at write {number}: lost {set(acked) - exported}"
        assert not has_hot_journal(board)  # rolled back (an empty journal is ignored by SQLite)

        document = Document.open(board)
        try:
            assert {card.id for card in document.board.cards} == exported
            assert document.file.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            document.close()
    assert hot >= len(to_board) - 2 * EDITS, "the kills should leave hot journals to recover from"


def test_a_hot_journal_in_a_read_only_folder_is_recovered_in_a_private_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    base = tmp_path / "base.pmdesk"
    create_file(base, demo_board())
    to_board, _ = board_writes(tmp_path, base)
    board = tmp_path / "crashed.pmdesk"
    shutil.copyfile(base, board)
    # Killed after page 1 of the second transaction: the header counts pages not yet written.
    second = to_board[len(to_board) // 2 :]
    status, acked = kill_child_at(board, second[1])
    assert status != 0 and acked == ["crash-0"]
    journal = board.with_name(board.name + "-journal")
    before = (board.read_bytes(), journal.read_bytes())
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: mode != os.W_OK and real_access(p, mode))

    capsysbinary.readouterr()
    assert cli.main(["export", str(board), "--format", "json"]) == 0
    assert "crash-0" in {card["id"] for card in json.loads(capsysbinary.readouterr().out)["cards"]}
    document = Document.open(board)
    try:
        assert document.read_only
        assert document.notice is not None and "left mid-change by a crash" in document.notice
        assert "crash-0" in {card.id for card in document.board.cards}
        assert "crash-1" not in {card.id for card in document.board.cards}
    finally:
        document.close()
    assert (board.read_bytes(), journal.read_bytes()) == before  # the user's files are untouched
    with pytest.raises(sqlite3.DatabaseError):  # a plain read-only reader cannot use it either
        conn = sqlite3.connect(f"{board.as_uri()}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM cards").fetchone()
        finally:
            conn.close()


def test_export_while_a_window_holds_the_board_reads_a_private_copy_of_its_journal(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    base = tmp_path / "base.pmdesk"
    create_file(base, demo_board())
    to_board, _ = board_writes(tmp_path, base)
    board = tmp_path / "held.pmdesk"
    shutil.copyfile(base, board)
    status, acked = kill_child_at(board, to_board[len(to_board) // 2 + 1])
    assert status != 0 and acked == ["crash-0"] and has_hot_journal(board)
    before = board.read_bytes()
    lock = BoardLock(board)  # as a window that has the board open holds it
    lock.acquire()
    try:
        capsysbinary.readouterr()
        assert cli.main(["export", str(board), "--format", "json"]) == 0
        assert "crash-0" in {card["id"] for card in json.loads(capsysbinary.readouterr().out)["cards"]}
        assert board.read_bytes() == before and has_hot_journal(board)  # the window's to recover
    finally:
        lock.release()
