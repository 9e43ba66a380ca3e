"""Boards made by other tools: a write-ahead log is read from a private copy, never rewritten."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from pmdesk.model.card_ops import add_card
from pmdesk.model.demo import demo_board
from pmdesk.store.board_file import BoardFile, create_file
from pmdesk.store.document import Document
from pmdesk.store.errors import ReadOnlyError


def digest(*paths: Path) -> list[str]:
    return [hashlib.sha256(path.read_bytes()).hexdigest() for path in paths]


def wal_board_with_log(tmp_path: Path) -> Path:
    """A WAL board whose last edit is only in its -wal file (as another tool leaves it running)."""
    made = tmp_path / "made" / "wal.pmdesk"
    made.parent.mkdir()
    create_file(made, demo_board())
    conn = sqlite3.connect(made, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.execute("UPDATE incident SET title = 'Only in the log'")
        board = tmp_path / "wal.pmdesk"
        shutil.copyfile(made, board)  # copied while open: the edit is in the log, not the file
        shutil.copyfile(made.with_name("wal.pmdesk-wal"), tmp_path / "wal.pmdesk-wal")
    finally:
        conn.close()
    return board


def test_a_wal_board_opens_read_only_with_its_log_and_is_never_rewritten(tmp_path: Path) -> None:
    board = wal_board_with_log(tmp_path)
    log = board.with_name("wal.pmdesk-wal")
    before = digest(board, log)
    document = Document.open(board)
    try:
        assert document.read_only
        assert document.notice is not None and "write-ahead log" in document.notice
        assert document.board.incident.title == "Only in the log"
        with pytest.raises(ReadOnlyError):
            document.apply(add_card(document.board, "lessons", "x"))
        copy = tmp_path / "copy.pmdesk"
        document.save_as(copy)  # Save As continues on an editable copy
        assert not document.read_only
        document.apply(add_card(document.board, "lessons", "kept", card_id="c-kept"))
    finally:
        document.close()
    assert digest(board, log) == before
    assert not board.with_name("wal.pmdesk-shm").exists()
    assert BoardFile.read_snapshot(board).incident.title == "Only in the log"
    assert digest(board, log) == before
    assert "c-kept" in {card.id for card in BoardFile.read_snapshot(tmp_path / "copy.pmdesk").cards}
