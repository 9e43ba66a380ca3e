"""Edits written on the document's writer thread: durable before their Future is done, in order."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from pmdesk.model.card_ops import add_card, set_card_field
from pmdesk.model.demo import demo_board
from pmdesk.model.edits import Primitive
from pmdesk.store.board_file import BoardFile
from pmdesk.store.document import Document
from pmdesk.store.errors import BoardFileError
from pmdesk.store.lock import BoardLock


class HeldWrites:
    """Holds the writer thread's writes until ``release``; counts the transactions."""

    def __init__(self, document: Document) -> None:
        self.real = document.file.write
        self.main = threading.current_thread()
        self.release = threading.Event()
        self.transactions: list[int] = []
        self.fail: BoardFileError | None = None

    def write(self, edits: Iterable[Primitive], *args: object) -> None:
        edits = list(edits)
        if threading.current_thread() is not self.main:
            assert self.release.wait(10)
            if self.fail is not None:
                raise self.fail
        self.transactions.append(len(edits))
        self.real(edits, *args)  # type: ignore[arg-type]


def failing_writes(document: Document, monkeypatch: pytest.MonkeyPatch) -> tuple[HeldWrites, list[str]]:
    """The document's writes held, then failing as on a full disk; the messages it reverts with."""
    held = HeldWrites(document)
    monkeypatch.setattr(document.file, "write", held.write)
    held.fail = BoardFileError("b.pmdesk: the disk is full, so this change was not saved")
    reverted: list[str] = []
    document.subscribe_reverted(lambda error: reverted.append(str(error)))
    return held, reverted


@pytest.fixture
def document(tmp_path: Path) -> Document:
    return Document.create(tmp_path / "b.pmdesk", demo_board())


def stored(document: Document) -> list[tuple[str, str]]:
    return [(card.id, card.text) for card in BoardFile.read_snapshot(document.path).cards]


def shown(document: Document) -> list[tuple[str, str]]:
    return [(card.id, card.text) for card in document.board.cards]


def test_an_edit_is_on_the_board_at_once_and_its_future_done_only_once_it_is_on_disk(
    document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldWrites(document)
    monkeypatch.setattr(document.file, "write", held.write)
    heard: list[str] = []
    document.subscribe(lambda edit: heard.append(edit.name))
    _, durable = document.apply_later(add_card(document.board, "lessons", "Held card", card_id="held"))
    assert "held" in [card_id for card_id, _ in shown(document)] and len(heard) == 1
    assert not durable.done() and "held" not in [card_id for card_id, _ in stored(document)]
    held.release.set()
    durable.result(10)
    assert ("held", "Held card") in stored(document)
    document.close()


def test_writes_queued_together_share_a_transaction_and_a_direct_edit_waits_for_them(
    document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldWrites(document)
    monkeypatch.setattr(document.file, "write", held.write)
    futures = [
        document.apply_later(add_card(document.board, "lessons", f"Queued {n}", card_id=f"q{n}"))[1]
        for n in range(3)
    ]
    threading.Timer(0.2, held.release.set).start()
    first = document.board.cards[0].id
    document.apply(set_card_field(document.board, first, "text", "Edited after the queue"))
    assert all(future.done() and future.exception() is None for future in futures)
    assert stored(document) == shown(document)
    assert len(held.transactions) <= 3 and held.transactions[-1] == 1  # the direct edit came last
    document.close()


def test_a_failed_write_fails_the_ones_after_it_and_the_board_goes_back_to_the_file(
    document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = stored(document)
    held, reverted = failing_writes(document, monkeypatch)
    board = document.board
    futures = [
        document.apply_later(add_card(document.board, "lessons", f"Lost {n}", card_id=f"lost{n}"))[1]
        for n in range(2)
    ]
    held.release.set()
    for future in futures:
        assert isinstance(future.exception(10), BoardFileError)
    with pytest.raises(BoardFileError, match="disk is full"):
        document.settle()
    assert reverted == ["b.pmdesk: the disk is full, so this change was not saved"]
    assert document.board is board and shown(document) == before == stored(document)
    held.fail = None
    _, durable = document.apply_later(add_card(document.board, "lessons", "After", card_id="after"))
    durable.result(10)
    assert ("after", "After") in stored(document)
    document.close()


def test_closing_commits_what_is_queued(document: Document, monkeypatch: pytest.MonkeyPatch) -> None:
    held = HeldWrites(document)
    monkeypatch.setattr(document.file, "write", held.write)
    _, durable = document.apply_later(add_card(document.board, "lessons", "Queued at close", card_id="z"))
    threading.Timer(0.2, held.release.set).start()
    path = document.path
    document.close()
    assert durable.done() and durable.exception() is None
    assert "z" in [card.id for card in BoardFile.read_snapshot(path).cards]


EXIT_CHILD = """
import sys, time
from pathlib import Path
from pmdesk.model.card_ops import add_card
from pmdesk.store.document import Document

document = Document.open(Path(sys.argv[1]))
write = document.file.write
document.file.write = lambda edits, *args: (time.sleep(0.5), write(edits, *args))
document.apply_later(add_card(document.board, "lessons", "Queued at exit", card_id="at-exit"))
print("queued", flush=True)
"""


def test_a_write_still_queued_when_the_program_ends_reaches_the_file(document: Document) -> None:
    path = document.path
    document.close()
    done = subprocess.run(
        [sys.executable, "-c", EXIT_CHILD, str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and done.stdout.split() == ["queued"], done.stderr
    assert ("at-exit", "Queued at exit") in [(c.id, c.text) for c in BoardFile.read_snapshot(path).cards]
    assert not BoardLock.is_locked(path)


def test_save_a_copy_and_save_as_take_the_writes_still_queued(
    document: Document, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    held = HeldWrites(document)
    monkeypatch.setattr(document.file, "write", held.write)
    document.apply_later(add_card(document.board, "lessons", "Queued before the copy", card_id="q1"))
    threading.Timer(0.2, held.release.set).start()
    document.save_copy(tmp_path / "copy.pmdesk")
    assert "q1" in [card.id for card in BoardFile.read_snapshot(tmp_path / "copy.pmdesk").cards]
    held.release.clear()
    document.apply_later(add_card(document.board, "lessons", "Queued before Save As", card_id="q2"))
    threading.Timer(0.2, held.release.set).start()
    document.save_as(tmp_path / "moved.pmdesk")
    assert {"q1", "q2"} <= {card.id for card in BoardFile.read_snapshot(tmp_path / "moved.pmdesk").cards}
    assert stored(document) == shown(document)
    document.close()


def test_save_as_after_a_failed_write_saves_the_board_as_last_saved(
    document: Document, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = stored(document)
    held, reverted = failing_writes(document, monkeypatch)
    _, durable = document.apply_later(add_card(document.board, "lessons", "Lost", card_id="lost"))
    held.release.set()
    assert isinstance(durable.exception(10), BoardFileError)
    document.save_as(tmp_path / "elsewhere.pmdesk")  # the facilitator saves on another disk
    assert reverted == ["b.pmdesk: the disk is full, so this change was not saved"]
    assert document.path == (tmp_path / "elsewhere.pmdesk").resolve()
    assert stored(document) == shown(document) == before
    document.close()


class OneThreadAtATime:
    """The board file's connection, recording any call made while another thread is inside one."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._inside = threading.Lock()
        self.overlaps: list[str] = []
        self.threads: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._conn, name)
        if not callable(value):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            if not self._inside.acquire(blocking=False):
                self.overlaps.append(f"{name} on {threading.current_thread().name}")
                return value(*args, **kwargs)
            self.threads.add(threading.current_thread().name)
            try:
                time.sleep(0.0005)  # a slow disk widens any window two threads could share
                return value(*args, **kwargs)
            finally:
                self._inside.release()

        return call


def test_the_connection_is_never_used_by_two_threads_at_once(document: Document, tmp_path: Path) -> None:
    guard = OneThreadAtATime(document.file.conn)
    document.file.conn = guard  # type: ignore[assignment]
    futures = []
    for n in range(30):
        futures.append(
            document.apply_later(add_card(document.board, "lessons", f"Device {n}", card_id=f"d{n}"))[1]
        )
        if n % 5 == 4:  # each right behind a device's write: a copy, the window's edit, its undo, a read
            document.save_copy(tmp_path / f"copy{n}.pmdesk")
            inverse = document.apply(set_card_field(document.board, "c1", "text", f"Window edit {n}"))
            document.apply_later(add_card(document.board, "future", f"Device again {n}", card_id=f"e{n}"))
            document.apply(inverse)
            document.apply_later(add_card(document.board, "future", f"Device last {n}", card_id=f"f{n}"))
            document.settle()
            assert document.file.read() == document.board
    for future in futures:
        future.result(10)
    assert guard.overlaps == []
    assert len(guard.threads) == 2  # both threads did use it
    document.file.conn = guard._conn
    assert stored(document) == shown(document)
    document.close()


def test_save_as_after_a_failed_write_on_a_file_that_cannot_be_read_back_saves_the_board_shown(
    document: Document, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The board in memory is then the only whole copy of the meeting: Save As writes it, and
    later edits go to the new file."""
    held = HeldWrites(document)
    monkeypatch.setattr(document.file, "write", held.write)
    held.fail = BoardFileError("b.pmdesk: the disk went away")
    _, durable = document.apply_later(add_card(document.board, "lessons", "Kept", card_id="kept"))

    def unreadable() -> None:
        raise BoardFileError("b.pmdesk: cannot be read")

    monkeypatch.setattr(document.file, "read", unreadable)
    held.release.set()
    assert isinstance(durable.exception(10), BoardFileError)
    with pytest.raises(BoardFileError, match="could not be read back"):
        document.settle()
    copy = tmp_path / "copy.pmdesk"
    document.save_copy(copy)  # a copy is written from the board shown, the board stays put
    assert ("kept", "Kept") in [(card.id, card.text) for card in BoardFile.read_snapshot(copy).cards]
    document.save_as(tmp_path / "rescued.pmdesk")
    assert document.path == (tmp_path / "rescued.pmdesk").resolve()
    assert stored(document) == shown(document) and ("kept", "Kept") in shown(document)
    document.apply(set_card_field(document.board, "kept", "text", "Kept, and edited after"))
    assert ("kept", "Kept, and edited after") in stored(document)
    document.close()
