"""Opening, checking, creating and writing a .pmdesk file (SQLite, one file, no sidecars)."""

from __future__ import annotations

import os
import sqlite3
import struct
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pmdesk.atomic import atomic_path
from pmdesk.model.board import Board
from pmdesk.model.edits import Insert, Primitive, Remove, Reorder, SetField
from pmdesk.store.errors import BoardFileError
from pmdesk.store.lock import BoardLock
from pmdesk.store.schema import (
    APPLICATION_ID,
    CONVERTED_FIELDS,
    ITEM_TYPES,
    LIST_TABLES,
    SCHEMA,
    SCHEMA_VERSION,
    SINGLETON_TYPES,
    field_names,
    from_column,
    from_row,
    to_column,
    to_row,
)

SQLITE_HEADER = b"SQLite format 3\x00"


def _add_session_start_and_card_hints(conn: sqlite3.Connection) -> None:
    """Version 2: the session's start time, and the per-card silencing of the blameless hint."""
    conn.execute("ALTER TABLE session ADD COLUMN start_time TEXT")
    conn.execute("ALTER TABLE cards ADD COLUMN hint_silenced INTEGER NOT NULL DEFAULT 0")


# Migrations from version N to N + 1, run after a backup copy of the file is written.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _add_session_start_and_card_hints}


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode={'ro' if read_only else 'rw'}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=0.5)
    conn.row_factory = sqlite3.Row
    return conn


def _configure(conn: sqlite3.Connection) -> None:
    # DELETE journal: the file alone is the whole board whenever no edit is in flight.
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")


def check_header(path: Path) -> None:
    """Raise BoardFileError unless ``path`` looks like a complete SQLite file (reads only)."""
    name = path.name
    if not path.exists():
        raise BoardFileError(f"{name}: no such file")
    if path.is_dir():
        raise BoardFileError(f"{name}: is a folder, not a pmdesk board")
    try:
        with path.open("rb") as stream:
            header = stream.read(100)
        size = path.stat().st_size
    except OSError as error:
        raise BoardFileError(f"{name}: cannot be read ({error.strerror})") from error
    if size == 0:
        raise BoardFileError(f"{name}: the file is empty, not a pmdesk board")
    if not header.startswith(SQLITE_HEADER):
        raise BoardFileError(f"{name}: not a pmdesk board (not an SQLite database)")
    if len(header) < 100:
        raise BoardFileError(f"{name}: the file is truncated")
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    page_count = struct.unpack(">I", header[28:32])[0]
    if page_count and size < page_size * page_count:
        raise BoardFileError(f"{name}: the file is truncated ({size} of {page_size * page_count} bytes)")


def check_connection(conn: sqlite3.Connection, name: str) -> int:
    """Check that an open database is a healthy pmdesk board this version reads; its schema version."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise BoardFileError(f"{name}: an SQLite database, but not a pmdesk board")
        if version > SCHEMA_VERSION:
            raise BoardFileError(
                f"{name}: made by a newer pmdesk (board format {version}; this pmdesk reads up to "
                f"{SCHEMA_VERSION}). Update pmdesk to open it."
            )
        status = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BoardFileError(f"{name}: the file is damaged ({error})") from error
    if status != "ok":
        raise BoardFileError(f"{name}: the file is damaged ({status})")
    return int(version)


def backup_to(conn: sqlite3.Connection, target: Path) -> None:
    """Copy a live database to ``target`` with SQLite's backup API, atomically (temp file, rename)."""
    with atomic_path(target) as temp:
        copy = sqlite3.connect(temp)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()


def _migrate(conn: sqlite3.Connection, path: Path, version: int) -> None:
    backup = path.with_name(f"{path.name}.v{version}.bak")
    backup_to(conn, backup)
    while version < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](conn)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


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
    """Write ``board`` as a new .pmdesk file at ``path``, atomically."""
    if path.exists() and not overwrite:
        raise BoardFileError(f"{path.name}: already exists")
    with atomic_path(path) as temp:
        conn = sqlite3.connect(temp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute("BEGIN")
            write_board(conn, board)
            conn.execute("COMMIT")
        finally:
            conn.close()


def read_board(conn: sqlite3.Connection) -> Board:
    """Read a whole board from an open database."""
    board = Board()
    for table in SINGLETON_TYPES:
        row = conn.execute(f"SELECT * FROM {table} WHERE id = 1").fetchone()
        setattr(board, table, from_row(table, dict(row)))
    for table in LIST_TABLES:
        setattr(board, table, read_items(conn, table))
    return board


def read_items(conn: sqlite3.Connection, table: str) -> list[Any]:
    """The items of a list table in order (columns selected in field order: one call per row)."""
    names = field_names(table)
    kind = ITEM_TYPES[table]
    rows = conn.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY position").fetchall()
    if not any((table, name) in CONVERTED_FIELDS for name in names):
        return [kind(*row) for row in rows]
    return [kind(*(from_column(table, n, v) for n, v in zip(names, row, strict=True))) for row in rows]


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

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: BoardLock, read_only: bool) -> None:
        self.path = path
        self.conn = conn
        self.lock = lock
        self.read_only = read_only

    @classmethod
    def open(cls, path: Path) -> BoardFile:
        """Open and check a board file; raise BoardFileError and leave the file untouched if bad."""
        path = Path(path)
        check_header(path)
        read_only = not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
        lock = BoardLock(path)
        lock.acquire()
        try:
            try:
                conn = _connect(path, read_only)
            except sqlite3.Error as error:
                raise BoardFileError(f"{path.name}: cannot be opened ({error})") from error
            try:
                version = check_connection(conn, path.name)
                if not read_only:
                    _configure(conn)
                if version < SCHEMA_VERSION:
                    if read_only:
                        raise BoardFileError(
                            f"{path.name}: an older board that must be upgraded, but it is read-only"
                        )
                    _migrate(conn, path, version)
            except BaseException:
                conn.close()
                raise
        except BaseException:
            lock.release()
            raise
        return cls(path, conn, lock, read_only)

    @staticmethod
    def read_snapshot(path: Path) -> Board:
        """Read a board without locking it, even while a pmdesk window edits it (for exports)."""
        path = Path(path)
        check_header(path)
        try:
            conn = _connect(path, read_only=True)
        except sqlite3.Error as error:
            raise BoardFileError(f"{path.name}: cannot be opened ({error})") from error
        try:
            version = check_connection(conn, path.name)
            if version < SCHEMA_VERSION:
                raise BoardFileError(f"{path.name}: an older board; open it in pmdesk once to upgrade it")
            conn.execute("BEGIN")  # one consistent snapshot across all tables
            return read_board(conn)
        except (sqlite3.DatabaseError, KeyError, ValueError, TypeError) as error:
            raise BoardFileError(f"{path.name}: the file is damaged ({error})") from error
        finally:
            conn.close()

    def read(self) -> Board:
        """The whole board as stored."""
        try:
            return read_board(self.conn)
        except (sqlite3.DatabaseError, KeyError, ValueError, TypeError) as error:
            raise BoardFileError(f"{self.path.name}: the file is damaged ({error})") from error

    def write(self, edits: Iterable[Primitive]) -> None:
        """Write primitive edits in one durable transaction (all or nothing)."""
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for edit in edits:
                    write_primitive(conn, edit)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            raise BoardFileError(f"{self.path.name}: the change could not be saved ({error})") from error

    def save_copy(self, target: Path) -> None:
        """Write a consistent copy of the board to ``target`` (atomic; never a plain file copy)."""
        try:
            backup_to(self.conn, Path(target))
        except (sqlite3.Error, OSError) as error:
            raise BoardFileError(f"{Path(target).name}: cannot be written ({error})") from error

    def close(self) -> None:
        """Close the database and release the lock."""
        self.conn.close()
        self.lock.release()
