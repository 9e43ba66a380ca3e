"""The checks a .pmdesk file passes before pmdesk reads it: what kind of file, crash recovery, schema.

A board can arrive by email, so every file is untrusted input: nothing here runs code the file
brings (no triggers, no views, ``trusted_schema`` off), and nothing writes to the file except
SQLite rolling back the hot journal a crash left beside it (restoring the last saved state).
"""

from __future__ import annotations

import functools
import os
import shutil
import sqlite3
import stat
import struct
import tempfile
from pathlib import Path

from pmdesk.model.shown import quoted_text
from pmdesk.store.errors import BoardFileError
from pmdesk.store.schema import SCHEMA

SQLITE_HEADER = b"SQLite format 3\x00"
# Other names SQLite puts beside a database: the rollback journal and the write-ahead log.
JOURNAL_SUFFIX = "-journal"
WAL_SUFFIX = "-wal"


def read_header(path: Path) -> bytes:
    """The first 100 bytes of a regular file that starts like SQLite; BoardFileError otherwise.

    A FIFO, a device or a socket is refused before it is read (reading a FIFO would wait forever).
    """
    name = path.name
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise BoardFileError(f"{name}: no such file") from None
    except OSError as error:
        raise BoardFileError(f"{name}: cannot be read ({error.strerror})") from error
    if stat.S_ISDIR(info.st_mode):
        raise BoardFileError(f"{name}: is a folder, not a pmdesk board")
    if not stat.S_ISREG(info.st_mode):
        raise BoardFileError(f"{name}: not a regular file (a pipe, device or socket), not a pmdesk board")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since the stat above
                raise BoardFileError(f"{name}: not a regular file, not a pmdesk board")
            header = os.read(fd, 100)
        finally:
            os.close(fd)
    except OSError as error:
        raise BoardFileError(f"{name}: cannot be read ({error.strerror})") from error
    if not header:
        raise BoardFileError(f"{name}: the file is empty, not a pmdesk board")
    if not header.startswith(SQLITE_HEADER[: len(header)]) or len(header) < len(SQLITE_HEADER):
        raise BoardFileError(f"{name}: not a pmdesk board (not an SQLite database)")
    if len(header) < 100:
        raise BoardFileError(f"{name}: the file is truncated")
    return header


def uses_wal(header: bytes) -> bool:
    """True if the database is in write-ahead-log mode (header bytes 18 and 19 are 2)."""
    return header[18] == 2 or header[19] == 2


def check_size(path: Path) -> None:
    """Refuse a file shorter than the page count its header states (call once no journal is hot)."""
    with path.open("rb") as stream:
        header = stream.read(100)
        size = os.fstat(stream.fileno()).st_size
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    page_count = struct.unpack(">I", header[28:32])[0]
    if page_count and size < page_size * page_count:
        raise BoardFileError(f"{path.name}: the file is truncated ({size} of {page_size * page_count} bytes)")


def has_hot_journal(path: Path) -> bool:
    """True if a rollback journal lies beside ``path`` that SQLite would play back (a crashed edit).

    As SQLite decides: an empty journal, or one whose header was never completed (first byte
    zero), is ignored and overwritten by the next edit.
    """
    journal = path.with_name(path.name + JOURNAL_SUFFIX)
    try:
        if not journal.is_file():
            return False
        with journal.open("rb") as stream:
            return stream.read(1) not in (b"", b"\x00")
    except OSError:
        return False


def is_writable(path: Path) -> bool:
    """True if pmdesk may write the file and create its journal beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """An SQLite connection that trusts nothing in the file's schema."""
    mode = "ro" if read_only else "rw"
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode={mode}",
            uri=True,
            isolation_level=None,
            timeout=0.5,
            # The window's room commits on a writer thread (pmdesk/store/writer.py); the document
            # never uses the connection from two threads at once (it drains the writer first).
            check_same_thread=False,
        )
    except sqlite3.Error as error:
        raise BoardFileError(f"{path.name}: cannot be opened ({error})") from error
    try:
        # Functions with side effects may not run from the schema; pages are checked as read.
        # (SQLite's DBCONFIG_DEFENSIVE is not exposed by Python's sqlite3 before 3.12.)
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA cell_size_check = ON")
        conn.execute("PRAGMA mmap_size = 0")
    except sqlite3.Error as error:
        conn.close()
        raise BoardFileError(f"{path.name}: the file is damaged ({error})") from error
    conn.row_factory = sqlite3.Row
    return conn


def recover(path: Path) -> None:
    """Let SQLite roll back a hot journal beside ``path`` (the caller holds pmdesk's lock)."""
    conn = connect(path, read_only=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        raise BoardFileError(f"{path.name}: the file is damaged ({error})") from error
    finally:
        conn.close()


def private_copy(path: Path) -> tuple[Path, Path]:
    """Copy the board and its journal or log into a new private folder; (folder, copy).

    SQLite recovers or reads the copy, so the user's file is never written.
    """
    folder = Path(tempfile.mkdtemp(prefix="pmdesk-"))
    copy = folder / "board.pmdesk"
    try:
        shutil.copyfile(path, copy)
        for suffix in (JOURNAL_SUFFIX, WAL_SUFFIX):
            side = path.with_name(path.name + suffix)
            if side.is_file():
                shutil.copyfile(side, folder / f"board.pmdesk{suffix}")
    except OSError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise BoardFileError(f"{path.name}: cannot be read ({error.strerror})") from error
    return folder, copy


def _quoted_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def schema_signature(conn: sqlite3.Connection) -> frozenset[tuple[object, ...]]:
    """Tables and indexes as SQLite understands them: columns, types, defaults, keys, references.

    Compared structurally rather than as SQL text, because ``ALTER TABLE`` (a migration) rewrites
    the stored text of a table it changes.
    """
    rows = conn.execute("SELECT type, name, tbl_name FROM sqlite_master").fetchall()
    signature: set[tuple[object, ...]] = set()
    for kind, name, table in rows:
        if kind == "table":
            columns = tuple(tuple(r) for r in conn.execute(f"PRAGMA table_xinfo({_quoted_name(name)})"))
            references = tuple(
                sorted(tuple(r) for r in conn.execute(f"PRAGMA foreign_key_list({_quoted_name(name)})"))
            )
            signature.add((kind, name, table, columns, references))
        elif kind == "index":
            parts = tuple(tuple(r) for r in conn.execute(f"PRAGMA index_xinfo({_quoted_name(name)})"))
            signature.add((kind, name, table, parts))
        else:
            signature.add((kind, name, table))
    return frozenset(signature)


@functools.cache
def expected_signature() -> frozenset[tuple[object, ...]]:
    """The schema signature of a board this pmdesk writes."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(SCHEMA)
        return schema_signature(conn)
    finally:
        conn.close()


def check_schema(conn: sqlite3.Connection, name: str) -> None:
    """Refuse a board whose tables, indexes, triggers or views are not exactly pmdesk's.

    Triggers and views are refused before anything looks inside them (a view may recurse).
    """
    expected = expected_signature()
    known = {(row[0], row[1]) for row in expected}
    try:
        items = conn.execute("SELECT type, name FROM sqlite_master ORDER BY type, name").fetchall()
        for kind, item in items:
            if (kind, item) not in known:
                raise BoardFileError(
                    f"{name}: not opened: it holds {'an' if kind == 'index' else 'a'} {kind} {_shown(item)} "
                    "that pmdesk did not make (another program's tables, triggers or views could change "
                    "or hide the board)"
                )
        found = schema_signature(conn)
    except sqlite3.DatabaseError as error:
        raise BoardFileError(f"{name}: the file is damaged ({error})") from error
    changed = sorted((str(row[1]), str(row[0])) for row in found - expected)
    if changed:
        item, kind = changed[0]
        raise BoardFileError(
            f"{name}: not opened: its {kind} {_shown(item)} is not laid out as pmdesk lays it out "
            "(changed by another program)"
        )
    missing = sorted(str(row[1]) for row in expected - found)
    if missing:
        raise BoardFileError(f"{name}: not a complete pmdesk board (missing {', '.join(missing[:3])})")


def _shown(value: object) -> str:
    return quoted_text(str(value), limit=40)
