"""The one flock probe behind "is this board open elsewhere?" and "is this temp file a live writer's?"."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from pmdesk.atomic import flock_held, remove_leftovers
from pmdesk.model.demo import demo_board
from pmdesk.store.board_file import create_file
from pmdesk.store.lock import BoardLock


def held_board(tmp_path: Path) -> tuple[Path, BoardLock]:
    path = tmp_path / "held.pmdesk"
    create_file(path, demo_board())
    lock = BoardLock(path)
    lock.acquire()  # as another pmdesk window holds it
    return path, lock


def test_a_board_is_held_through_a_link_to_it_but_a_leftover_probe_refuses_links(tmp_path: Path) -> None:
    path, lock = held_board(tmp_path)
    link = tmp_path / "link.pmdesk"
    link.symlink_to(path)
    try:
        assert BoardLock.is_locked(path) and BoardLock.is_locked(link)
        assert flock_held(link, follow_symlinks=False, unreadable=True)  # not opened: "cannot tell"
        assert not flock_held(link, follow_symlinks=False)
    finally:
        lock.release()
    assert not BoardLock.is_locked(path) and not BoardLock.is_locked(link)


def test_a_missing_file_or_a_fifo_is_not_held_and_never_blocks(tmp_path: Path) -> None:
    assert not BoardLock.is_locked(tmp_path / "gone.pmdesk")
    assert flock_held(tmp_path / "gone.pmdesk", unreadable=True)
    fifo = tmp_path / "pipe.pmdesk"
    os.mkfifo(fifo)
    assert not BoardLock.is_locked(fifo)  # opened without waiting for a writer
    assert not BoardLock.is_locked(Path("/dev/null"))


def test_a_leftover_beside_a_fifo_named_like_a_temp_file_is_cleaned_without_hanging(tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    base = tmp_path / ".x.abcd1234.pdf.tmp"
    os.mkfifo(base)
    journal = tmp_path / ".x.abcd1234.pdf.tmp-journal"
    journal.write_bytes(b"left by a killed pmdesk")
    os.utime(journal, (0, 0))
    removed: list[list[Path]] = []
    worker = threading.Thread(target=lambda: removed.append(remove_leftovers(target)), daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():  # let the blocked probe go before failing
        os.close(os.open(base, os.O_WRONLY | os.O_NONBLOCK))
    assert removed == [[journal]]
    assert base.exists()  # not a regular file: never removed
