"""Board format versions: which a file has, whether this pmdesk reads it, and upgrading older ones.

An older board is checked as it will be once upgraded (migrated in a copy in memory) before
anything is written; the upgrade itself first writes a backup copy beside the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from pmdesk.atomic import atomic_path
from pmdesk.model.board import Board
from pmdesk.store import opening
from pmdesk.store.errors import BoardFileError
from pmdesk.store.loading import load_board
from pmdesk.store.schema import APPLICATION_ID, SCHEMA_VERSION


def _add_session_start_and_card_hints(conn: sqlite3.Connection) -> None:
    """Version 2: the session's start time, and the per-card silencing of the blameless hint."""
    conn.execute("ALTER TABLE session ADD COLUMN start_time TEXT")
    conn.execute("ALTER TABLE cards ADD COLUMN hint_silenced INTEGER NOT NULL DEFAULT 0")


def _add_pending_cards(conn: sqlite3.Connection) -> None:
    """Version 3: cards written on participants' devices, face down until revealed."""
    conn.execute("ALTER TABLE cards ADD COLUMN pending INTEGER NOT NULL DEFAULT 0")


def _add_current_phase_and_page(conn: sqlite3.Connection) -> None:
    """Version 4: where the meeting stands (the phase under way and the page shown)."""
    conn.execute("ALTER TABLE session ADD COLUMN current_phase TEXT")
    conn.execute("ALTER TABLE session ADD COLUMN current_page TEXT")


def _add_current_item(conn: sqlite3.Connection) -> None:
    """Version 5: the card or theme in focus during group discussion."""
    conn.execute("ALTER TABLE session ADD COLUMN current_item TEXT")


def _add_cards_revealed(conn: sqlite3.Connection) -> None:
    """Version 6: whether the room has been shown the reflection cards."""
    conn.execute("ALTER TABLE session ADD COLUMN cards_revealed INTEGER NOT NULL DEFAULT 0")


# Migrations from version N to N + 1, run after a backup copy of the file is written.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _add_session_start_and_card_hints,
    2: _add_pending_cards,
    3: _add_current_phase_and_page,
    4: _add_current_item,
    5: _add_cards_revealed,
}


def check_connection(conn: sqlite3.Connection, name: str) -> int:
    """Check that an open database is a healthy pmdesk board this version reads; its schema version."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise BoardFileError(f"{name}: an SQLite database, but not a pmdesk board")
        if version < 1 or (
            version < SCHEMA_VERSION
            and any(step not in MIGRATIONS for step in range(version, SCHEMA_VERSION))
        ):
            raise BoardFileError(f"{name}: an unknown pmdesk board format ({version})")
        if version > SCHEMA_VERSION:
            raise BoardFileError(
                f"{name}: made by a newer pmdesk (board format {version}; this pmdesk reads up to "
                f"{SCHEMA_VERSION}). Update pmdesk to open it."
            )
        status = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BoardFileError(f"{name}: the file is damaged ({error})") from error
    if status != "ok":
        raise BoardFileError(f"{name}: the file is damaged ({str(status)[:200]})")
    return int(version)


def check_contents(conn: sqlite3.Connection, name: str, version: int) -> Board:
    """The board an open file holds, its schema and every row checked (the file is not written).

    An older board is checked as it will be once upgraded: migrated in a copy in memory.
    """
    if version == SCHEMA_VERSION:
        opening.check_schema(conn, name)
        return load_board(conn, name)
    trial = sqlite3.connect(":memory:", isolation_level=None)
    try:
        try:
            conn.backup(trial)
            trial.execute("PRAGMA trusted_schema = OFF")
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](trial)
        except sqlite3.Error as error:
            raise BoardFileError(f"{name}: an older board that cannot be upgraded ({error})") from error
        opening.check_schema(trial, name)
        return load_board(trial, name)
    finally:
        trial.close()


def backup_to(conn: sqlite3.Connection, target: Path) -> None:
    """Copy a live database to ``target`` with SQLite's backup API, atomically (temp file, rename)."""
    with atomic_path(target) as temp:
        copy = sqlite3.connect(temp)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()


def migrate(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Upgrade an open board from ``version`` to this pmdesk's, after a backup copy ``NAME.vN.bak``."""
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
