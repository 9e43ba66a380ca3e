"""The index database in the user's cache folder: its place, its tables, opening it."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

# Bump when the tables change: an index of another version is simply rebuilt (it is a cache).
INDEX_VERSION = 1
INDEX_NAME = "library.sqlite3"

WORDS_TOKENIZER = "porter unicode61 remove_diacritics 2"
SCHEMA = f"""
CREATE TABLE boards (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    title TEXT NOT NULL,
    reference TEXT NOT NULL,
    kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    services TEXT NOT NULL,
    date TEXT,
    started_at TEXT,
    detected_at TEXT,
    mitigated_at TEXT,
    resolved_at TEXT,
    cards INTEGER NOT NULL
);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY,
    board INTEGER NOT NULL,
    kind TEXT NOT NULL,
    item TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX entries_by_board ON entries (board);
CREATE VIRTUAL TABLE words USING fts5 (
    text, content='entries', content_rowid='id', tokenize='{WORDS_TOKENIZER}'
);
CREATE VIRTUAL TABLE cjk USING fts5 (grams, tokenize='unicode61');
CREATE TRIGGER entries_deleted AFTER DELETE ON entries BEGIN
    INSERT INTO words (words, rowid, text) VALUES ('delete', old.id, old.text);
    DELETE FROM cjk WHERE rowid = old.id;
END;
CREATE TABLE actions (
    board INTEGER NOT NULL,
    position INTEGER NOT NULL,
    action_id TEXT NOT NULL,
    text TEXT NOT NULL,
    owner TEXT NOT NULL,
    owner_email TEXT NOT NULL,
    due TEXT,
    priority TEXT NOT NULL,
    status TEXT NOT NULL,
    answers TEXT NOT NULL
);
CREATE INDEX actions_by_board ON actions (board);
CREATE TABLE problems (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    reason TEXT NOT NULL
);
"""


def default_index_path() -> Path:
    """Where the index lives: pmdesk's folder in the user's cache ($XDG_CACHE_HOME, else ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "pmdesk" / INDEX_NAME


def open_index(path: Path) -> sqlite3.Connection:
    """The index database at ``path``, created or rebuilt when missing, damaged or of another version."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    for _attempt in range(3):
        conn = sqlite3.connect(path, isolation_level=None, timeout=10, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == INDEX_VERSION:
                return conn
            if version == 0 and not conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                try:
                    conn.executescript(
                        f"BEGIN IMMEDIATE; {SCHEMA} PRAGMA user_version = {INDEX_VERSION}; COMMIT;"
                    )
                    return conn
                except sqlite3.OperationalError:  # another pmdesk made it meanwhile: look again
                    conn.close()
                    continue
        except sqlite3.DatabaseError:
            pass
        conn.close()
        _remove(path)  # another version, or damaged: it is only a cache, rebuild it
    raise OSError(f"the library's index {path} cannot be created")


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
