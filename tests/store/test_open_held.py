"""A board another pmdesk window holds can be opened as a read-only copy, never written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pmdesk.model.card_ops import add_card
from pmdesk.model.demo import demo_board
from pmdesk.store.board_file import create_file
from pmdesk.store.document import Document
from pmdesk.store.errors import BoardFileError, ReadOnlyError
from pmdesk.store.lock import BoardLock


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_held_board_opens_read_only_as_a_copy_and_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "held.pmdesk"
    create_file(path, demo_board())
    lock = BoardLock(path)
    lock.acquire()  # as another pmdesk window holds it
    try:
        with pytest.raises(BoardFileError, match="already open in another pmdesk window"):
            Document.open(path)
        before = digest(path)
        document = Document.open_held(path)
        try:
            assert document.read_only
            assert document.notice is not None and "open in another pmdesk window" in document.notice
            assert document.board == demo_board()
            with pytest.raises(ReadOnlyError):
                document.apply(add_card(document.board, "lessons", "x"))
        finally:
            document.close()
        assert digest(path) == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["held.pmdesk"]
    finally:
        lock.release()
