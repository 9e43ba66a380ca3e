"""Opening, checking, creating and writing a .pmdesk file (SQLite, one file, no sidecars)."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from pmdesk.atomic import DISK_FULL, atomic_path
from pmdesk.model.board import Board
from pmdesk.model.edits import Insert, Primitive, Remove, Reorder, SetField
from pmdesk.store import opening
from pmdesk.store.batch_write import BIG_BATCH, Progress, write_result
from pmdesk.store.errors import BoardFileError
from pmdesk.store.loading import load_board
from pmdesk.store.lock import BoardLock
from pmdesk.store.schema import (
    APPLICATION_ID,
    LIST_TABLES,
    SCHEMA,
    SCHEMA_VERSION,
    SINGLETON_TYPES,
    field_names,
    to_column,
    to_row,
)
from pmdesk.store.versions import backup_to, check_connection, check_contents, migrate

WAL_NOTICE = (
    "{name} uses a write-ahead log (WAL), which pmdesk does not edit in place: it is open "
    "read-only. Use Save As to continue on an editable copy."
)
HELD_NOTICE = (
    "{name} is open in another pmdesk window: this is a read-only copy as last saved. "
    "Changes are made in that window."
)
RECOVERED_NOTICE = (
    "{name} was left mid-change by a crash and cannot be written here: it is open read-only "
    "as last saved. Use Save As to continue on an editable copy."
)


def _configure(conn: sqlite3.Connection) -> None:
    # DELETE journal: the file alone is the whole board whenever no edit is in flight.
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")


def _check_open(conn: sqlite3.Connection, target: Path, name: str, wal: bool) -> None:
    """The checks that need the open database: the file is whole, as its header says.

    The size is checked while the snapshot's read lock is held, so a window's commit in flight
    cannot make a good file look short; a query that fails on a short file reports it as short.
    """
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        failure: sqlite3.Error | None = error
    else:
        failure = None
    if not wal:  # a WAL board's header counts pages at the last checkpoint, not now
        try:
            opening.check_size(target)
        except BoardFileError as error:
            raise BoardFileError(str(error).replace(target.name, name, 1)) from None
    if failure is not None:
        raise BoardFileError(f"{name}: the file is damaged ({failure})") from failure


def _recovered_in_place(path: Path) -> bool:
    """Roll back a crashed edit's journal in the file itself, unless a pmdesk window has it open."""
    lock = BoardLock(path)
    try:
        lock.acquire()
    except BoardFileError:
        return False  # open in a window: its edit in flight is no crash; read a private copy
    try:
        opening.recover(path)
    finally:
        lock.release()
    return True


def write_board(conn: sqlite3.Connection, board: Board) -> None:
    """Write a whole board into an empty database (inside the caller's transaction)."""
    import sqlite_utils  # only needed when a board is created, not when one is opened

    db = sqlite_utils.Database(conn)
    db.executescript(SCHEMA)
    db.table("incident").insert({"id": 1, **to_row("incident", board.incident)})
    db.table("session").insert({"id": 1, **to_row("session", board.session)})
    for table in LIST_TABLES:
        rows = [
            {"position": index, **to_row(table, item)} for index, item in enumerate(getattr(board, table))
        ]
        if rows:
            db.table(table).insert_all(rows, batch_size=500)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def create_file(path: Path, board: Board, overwrite: bool = False) -> None:
    """Write ``board`` as a new .pmdesk file at ``path``, atomically (BoardFileError if it cannot be)."""
    if path.exists() and not overwrite:
        raise BoardFileError(f"{path.name}: already exists")
    try:
        with atomic_path(path) as temp:
            conn = sqlite3.connect(temp, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode=DELETE")
                conn.execute("BEGIN")
                write_board(conn, board)
                conn.execute("COMMIT")
            finally:
                conn.close()
    except (sqlite3.Error, OSError) as error:
        if disk_full(error):
            raise BoardFileError(
                f"{path.name}: the disk is full, so the board was not written "
                "(a file already there is unchanged)"
            ) from error
        if isinstance(error, OSError):
            raise
        raise BoardFileError(f"{path.name}: cannot be written ({error})") from error


def disk_full(error: BaseException) -> bool:
    """True if ``error`` says the disk (or the user's quota) is full."""
    if isinstance(error, sqlite3.Error):
        return getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "disk is full" in str(error)
    return isinstance(error, OSError) and error.errno in DISK_FULL


def _roll_back(conn: sqlite3.Connection) -> None:
    """Undo the open transaction; SQLite may have rolled it back itself (a full disk does that)."""
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):  # the error that led here is the one to report
            conn.execute("ROLLBACK")


def write_primitive(conn: sqlite3.Connection, edit: Primitive) -> None:
    """Write one primitive edit (inside the caller's transaction)."""
    table = edit.collection
    if isinstance(edit, SetField):
        if edit.name not in field_names(table):
            raise ValueError(f"no column {edit.name} in {table}")
        value = to_column(table, edit.name, edit.value)
        if table in SINGLETON_TYPES:
            conn.execute(f"UPDATE {table} SET {edit.name} = ? WHERE id = 1", (value,))
        else:
            conn.execute(f"UPDATE {table} SET {edit.name} = ? WHERE id = ?", (value, edit.item_id))
    elif isinstance(edit, Insert):
        row = {"position": edit.index, **to_row(table, edit.item)}
        conn.execute(f"UPDATE {table} SET position = position + 1 WHERE position >= ?", (edit.index,))
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))
    elif isinstance(edit, Remove):
        conn.execute(f"DELETE FROM {table} WHERE position = ?", (edit.index,))
        conn.execute(f"UPDATE {table} SET position = position - 1 WHERE position > ?", (edit.index,))
    elif isinstance(edit, Reorder):
        source, target = edit.source, edit.target
        conn.execute(f"UPDATE {table} SET position = -1 WHERE position = ?", (source,))
        if source < target:
            conn.execute(
                f"UPDATE {table} SET position = position - 1 WHERE position > ? AND position <= ?",
                (source, target),
            )
        else:
            conn.execute(
                f"UPDATE {table} SET position = position + 1 WHERE position >= ? AND position < ?",
                (target, source),
            )
        conn.execute(f"UPDATE {table} SET position = ? WHERE position = -1", (target,))


class BoardFile:
    """An open .pmdesk file: checked, locked against a second pmdesk, written edit by edit."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        lock: BoardLock,
        read_only: bool,
        notice: str | None = None,
        private: Path | None = None,
    ) -> None:
        self.path = path
        self.conn = conn
        self.lock = lock
        self.read_only = read_only
        # Why a board that could be written is open read-only (shown in the window's banner).
        self.notice = notice
        self._private = private  # a private copy's folder, removed on close

    @classmethod
    def open(cls, path: Path) -> BoardFile:
        """Open and check a board file; raise BoardFileError and leave the file untouched if bad.

        A hot journal left by a crash is rolled back first (holding pmdesk's lock), as SQLite
        itself would. Every failure releases the lock and the connection.
        """
        path = Path(path)
        header = opening.read_header(path)
        writable = opening.is_writable(path)
        with contextlib.ExitStack() as cleanup:
            lock = BoardLock(path)
            lock.acquire()
            cleanup.callback(lock.release)
            notice = None
            private = None
            target = path
            if opening.uses_wal(header) or (opening.has_hot_journal(path) and not writable):
                notice = (WAL_NOTICE if opening.uses_wal(header) else RECOVERED_NOTICE).format(name=path.name)
                private, target = opening.private_copy(path)
                cleanup.callback(shutil.rmtree, private, True)
            elif writable and opening.has_hot_journal(path):
                opening.recover(path)
            read_only = private is not None or not writable
            conn = opening.connect(target, read_only=read_only and private is None)
            cleanup.callback(conn.close)
            _check_open(conn, target, path.name, wal=opening.uses_wal(header))
            version = check_connection(conn, path.name)
            if version < SCHEMA_VERSION:
                check_contents(conn, path.name, version)  # before the upgrade writes anything
            else:
                opening.check_schema(conn, path.name)  # the rows are checked as the board is read
            if not read_only:
                _configure(conn)
            if version < SCHEMA_VERSION:
                if read_only:
                    raise BoardFileError(
                        f"{path.name}: an older board that must be upgraded, but it is read-only"
                    )
                migrate(conn, path, version)  # a migration brings the file to this version's schema
            cleanup.pop_all()
        return cls(path, conn, lock, read_only, notice, private)

    @classmethod
    def open_held(cls, path: Path) -> BoardFile:
        """Open a read-only private copy of a board another pmdesk window holds (not locked, never written).

        The copy (with its journal, rolled back in the copy if a commit was in flight) is checked as
        any board is; it is removed when the file is closed.
        """
        path = Path(path)
        header = opening.read_header(path)
        with contextlib.ExitStack() as cleanup:
            private, target = opening.private_copy(path)
            cleanup.callback(shutil.rmtree, private, True)
            conn = opening.connect(target, read_only=False)  # the copy's own journal may need rolling back
            cleanup.callback(conn.close)
            _check_open(conn, target, path.name, wal=opening.uses_wal(header))
            version = check_connection(conn, path.name)
            if version < SCHEMA_VERSION:
                raise BoardFileError(
                    f"{path.name}: an older board, open in another pmdesk window; close it there first"
                )
            opening.check_schema(conn, path.name)
            cleanup.pop_all()
        return cls(path, conn, BoardLock(path), True, HELD_NOTICE.format(name=path.name), private)

    @staticmethod
    def read_snapshot(path: Path) -> Board:
        """Read a board without keeping it locked, even while a pmdesk window edits it (for exports).

        A hot journal left by a crash is rolled back first when pmdesk may write the file and no
        window has it open; otherwise the board is read from a private, recovered copy.
        """
        path = Path(path)
        header = opening.read_header(path)
        with contextlib.ExitStack() as cleanup:
            target = path
            wal = opening.uses_wal(header)
            in_place = not wal and opening.is_writable(path)
            if (wal or opening.has_hot_journal(path)) and not (in_place and _recovered_in_place(path)):
                private, target = opening.private_copy(path)
                cleanup.callback(shutil.rmtree, private, True)
            conn = opening.connect(target, read_only=target == path)
            cleanup.callback(conn.close)
            try:
                conn.execute("BEGIN")  # one consistent snapshot across all tables
            except sqlite3.Error as error:
                raise BoardFileError(f"{path.name}: the file is damaged ({error})") from error
            _check_open(conn, target, path.name, wal=opening.uses_wal(header))
            return check_contents(conn, path.name, check_connection(conn, path.name))
        raise AssertionError("unreachable")  # pragma: no cover - mypy cannot see the return above

    def read(self) -> Board:
        """The whole board as stored, checked against every rule of a board."""
        return load_board(self.conn, self.path.name)

    def write(
        self, edits: Iterable[Primitive], result: Board | None = None, progress: Progress | None = None
    ) -> None:
        """Write primitive edits in one durable transaction (all or nothing).

        Given ``result`` (the board after the edits), a big batch is written as its result
        (pmdesk/store/batch_write.py), in O(n log n) rather than primitive by primitive.
        """
        conn = self.conn
        edits = list(edits)
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if result is not None and len(edits) > BIG_BATCH:
                    write_result(conn, edits, result, progress)
                else:
                    for edit in edits:
                        write_primitive(conn, edit)
                conn.execute("COMMIT")
            except BaseException:
                _roll_back(conn)
                raise
        except sqlite3.Error as error:
            if disk_full(error):
                raise BoardFileError(
                    f"{self.path.name}: the disk is full, so this change was not saved; the board keeps "
                    "everything up to the change before it. Free some space and make the change again."
                ) from error
            raise BoardFileError(f"{self.path.name}: the change could not be saved ({error})") from error

    def save_copy(self, target: Path) -> None:
        """Write a consistent copy of the board to ``target`` (atomic; never a plain file copy)."""
        try:
            backup_to(self.conn, Path(target))
        except (sqlite3.Error, OSError) as error:
            if disk_full(error):
                raise BoardFileError(
                    f"{Path(target).name}: the disk is full, so no copy was written; the board is unchanged"
                ) from error
            detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            raise BoardFileError(f"{Path(target).name}: cannot be written ({detail})") from error

    def close(self) -> None:
        """Close the database and release the lock."""
        try:
            self.conn.close()
        finally:
            self.lock.release()
            if self._private is not None:
                shutil.rmtree(self._private, ignore_errors=True)
