"""Reading a board for the library: strictly read-only, through the store's checks.

Unlike opening a board in a window, nothing here ever writes the board or its folder: a board
left mid-change by a crash (a hot journal beside it) is skipped with a message rather than
recovered, and a board in WAL mode is read from a private copy (reading it in place would
create its ``-shm`` file).
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import time
from pathlib import Path

from pmdesk.model.board import Board
from pmdesk.store import opening
from pmdesk.store.errors import BoardFileError
from pmdesk.store.loading import load_board
from pmdesk.store.lock import BoardLock
from pmdesk.store.schema import SCHEMA_VERSION
from pmdesk.store.versions import check_connection, check_contents

# The sqlite_master contents already checked, structurally, to be exactly pmdesk's schema: a
# board whose sqlite_master is identical has the identical schema (SQLite builds it from them).
_VERIFIED: set[frozenset[tuple[object, ...]]] = set()

# A board open in a pmdesk window is written one short commit at a time: a read that meets one
# waits for it to end (polling), for at most this long, rather than skipping the board.
COMMIT_WAIT_S = 3.0
_POLL_S = 0.01


class Skipped(BoardFileError):
    """A board the library does not read now; ``lasting`` is False when trying again may work."""

    def __init__(self, message: str, lasting: bool = True) -> None:
        super().__init__(message)
        self.lasting = lasting


def read_board(path: Path) -> Board:
    """The board in ``path``, checked as a window checks it; Skipped (with the reason) if it is not read.

    A board being saved in a pmdesk window (its journal beside it, or its file locked for the
    commit) is read again once that commit has ended, within COMMIT_WAIT_S.
    """
    deadline = time.monotonic() + COMMIT_WAIT_S
    while True:
        try:
            return _read_once(path)
        except Skipped as skipped:
            if skipped.lasting or time.monotonic() >= deadline or not BoardLock.is_locked(path):
                raise
            time.sleep(_POLL_S)


def _read_once(path: Path) -> Board:
    """One attempt at read_board."""
    name = path.name
    try:
        header = opening.read_header(path)
        if opening.has_hot_journal(path):
            if BoardLock.is_locked(path):
                raise Skipped(f"{name}: being saved in a pmdesk window; try again", lasting=False)
            raise Skipped(
                f"{name}: left mid-change by a crash (a journal lies beside it); the library does not "
                "recover boards: open it in pmdesk once to recover it",
                lasting=False,
            )
        with contextlib.ExitStack() as cleanup:
            target = path
            wal = opening.uses_wal(header)
            if wal:
                private, target = opening.private_copy(path)
                cleanup.callback(shutil.rmtree, private, True)
            conn = opening.connect(target, read_only=not wal)
            cleanup.callback(conn.close)
            failure: sqlite3.Error | None = None
            try:
                conn.execute("BEGIN")  # one consistent snapshot across all tables
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.Error as error:
                failure = error
            locked = _locked(name, failure) if failure is not None else None
            if locked is not None:
                raise locked from failure
            if not wal:  # a short file is named as short (a failed query on it says "malformed")
                opening.check_size(target)
            if failure is not None:
                raise BoardFileError(f"{name}: the file is damaged ({failure})") from failure
            return _checked_board(conn, name, check_connection(conn, name))
    except Skipped:
        raise
    except BoardFileError as error:
        raise _locked(name, error) or Skipped(str(error)) from error
    except OSError as error:
        raise Skipped(f"{name}: cannot be read ({error.strerror or error})", lasting=False) from error
    raise AssertionError("unreachable")  # pragma: no cover - mypy cannot see the return above


def _checked_board(conn: sqlite3.Connection, name: str, version: int) -> Board:
    """check_contents, with the schema check remembered for a library of boards of one schema."""
    if version != SCHEMA_VERSION:
        return check_contents(conn, name, version)
    try:
        master = frozenset(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall())
    except sqlite3.DatabaseError as error:
        raise BoardFileError(f"{name}: the file is damaged ({error})") from error
    if master not in _VERIFIED:
        opening.check_schema(conn, name)
        _VERIFIED.add(master)
    return load_board(conn, name)


def _locked(name: str, error: Exception) -> Skipped | None:
    if "database is locked" in str(error) or "database table is locked" in str(error):
        return Skipped(f"{name}: locked by another program that is writing it; try again", lasting=False)
    return None
