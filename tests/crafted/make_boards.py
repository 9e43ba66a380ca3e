"""Build the crafted boards: one hostile or broken .pmdesk per case, each with what pmdesk must say.

    python tests/crafted/make_boards.py FOLDER      # writes FOLDER/<case>.pmdesk

Every case starts from the demo board and changes it the way a hostile or broken file could
(with plain sqlite3, as another program would). ``EXPECTED`` holds a fragment of the one-line
message pmdesk gives, ``None`` for a board pmdesk opens read-only without rewriting it, or ``""``
for a board at the edges of every range that pmdesk opens as usual.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from pmdesk.model.demo import demo_board
from pmdesk.store.board_file import create_file

Build = Callable[[Path], None]


def _sql(*statements: str) -> Build:
    def build(path: Path) -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            for statement in statements:
                conn.execute(statement)
        finally:
            conn.close()

    return build


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"Dear diary, " * 100)


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _wal(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()


NESTED = "[" * 100_000 + "]" * 100_000
RECURSIVE_VIEW = (
    "CREATE VIEW forever AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n"
)

CASES: dict[str, tuple[Build, str | None]] = {
    # Schema objects pmdesk did not make.
    "trigger": (
        _sql("CREATE TRIGGER wipe AFTER UPDATE ON cards BEGIN DELETE FROM cards; END"),
        'a trigger "wipe" that pmdesk did not make',
    ),
    "view": (_sql("CREATE VIEW loose AS SELECT * FROM cards"), 'a view "loose" that pmdesk did not make'),
    "instead_of_trigger": (
        _sql(
            "CREATE VIEW shadow AS SELECT * FROM cards",
            "CREATE TRIGGER divert INSTEAD OF UPDATE ON shadow BEGIN DELETE FROM cards; END",
        ),
        'a trigger "divert" that pmdesk did not make',
    ),
    "recursive_view": (_sql(RECURSIVE_VIEW), 'a view "forever" that pmdesk did not make'),
    "extra_table": (_sql("CREATE TABLE notes (x)"), 'a table "notes" that pmdesk did not make'),
    "extra_index": (_sql("CREATE INDEX cards_text ON cards(text)"), 'an index "cards_text"'),
    "changed_table": (_sql("ALTER TABLE cards ADD COLUMN extra TEXT"), 'its table "cards" is not laid out'),
    # Not a board pmdesk reads.
    "truncated": (_truncated, "the file is truncated"),
    "not_sqlite": (_not_sqlite, "not an SQLite database"),
    "empty": (_empty, "the file is empty"),
    "fifo": (_fifo, "not a regular file"),
    "folder": (_folder, "is a folder"),
    "not_pmdesk": (_sql("PRAGMA application_id = 0"), "not a pmdesk board"),
    "version_0": (_sql("PRAGMA user_version = 0"), "an unknown pmdesk board format (0)"),
    "version_minus_1": (_sql("PRAGMA user_version = -1"), "an unknown pmdesk board format (-1)"),
    "version_newer": (_sql("PRAGMA user_version = 99"), "made by a newer pmdesk (board format 99"),
    "no_incident": (_sql("DELETE FROM incident"), "the incident row is missing"),
    # Row values that break the rules of a board.
    "positions_all_zero": (_sql("UPDATE cards SET position = 0"), "two items at the same position"),
    "positions_gap": (
        _sql("UPDATE cards SET position = position * 2"),
        "order of cards is damaged (positions 0..",
    ),
    "positions_text": (_sql("UPDATE cards SET position = 'first' WHERE id = 'c1'"), "not a whole number"),
    "blob_card_text": (
        _sql("UPDATE cards SET text = X'00FF00' WHERE id = 'c1'"),
        "cards[0].text: expected text",
    ),
    "invalid_utf8_text": (
        _sql("UPDATE cards SET text = CAST(X'FFFE41' AS TEXT) WHERE id = 'c1'"),
        "a text in column 'text' is not valid UTF-8",
    ),
    "integer_services": (_sql("UPDATE incident SET services = 5"), "incident.services: expected a list"),
    "nested_services": (
        _sql(f"UPDATE incident SET services = '{NESTED}'"),
        "incident.services: expected a list",
    ),
    "blob_title": (_sql("UPDATE incident SET title = X'01'"), "incident.title: expected text"),
    "huge_budget": (
        _sql("UPDATE session SET votes_per_participant = 2147483648"),
        "session.votes_per_participant: must be at most 99",
    ),
    "real_minutes": (_sql("UPDATE agenda SET minutes = 2.5"), "agenda[0].minutes: expected a whole number"),
    "facilitator_5": (_sql("UPDATE participants SET facilitator = 5"), "expected true or false, got 5"),
    "unknown_section": (
        _sql("UPDATE cards SET section = 'nowhere' WHERE id = 'c1'"),
        'cards[0].section: unknown section "nowhere"',
    ),
    "bad_time": (
        _sql("UPDATE incident SET started_at = 'yesterday, about noon'"),
        'incident.started_at: "yesterday, about noon" is not an ISO 8601 time',
    ),
    "time_year_1": (
        _sql("UPDATE timeline SET at = '0001-01-01T00:00:00+00:00' WHERE position = 0"),
        'timeline[0].at: "0001-01-01T00:00:00+00:00" is not an ISO 8601 time',
    ),
    # Opened read-only, never rewritten.
    "wal": (_wal, None),
    # Opened as usual: every number at the top of its range, times at the ends of theirs.
    "largest_values": (
        _sql(
            "UPDATE session SET votes_per_participant = 99",
            "UPDATE agenda SET minutes = 240, actual_seconds = 2147483647",
            "UPDATE timeline SET at = '0002-01-01T00:00:00+14:00' WHERE position = 0",
            "UPDATE timeline SET at = '9998-12-31T23:59:59-12:00' WHERE position = 1",
            "UPDATE actions SET due = '9998-12-31'",
        ),
        "",
    ),
}


def build(folder: Path) -> dict[str, Path]:
    """Write every case into ``folder``; the path of each, by case name."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for name, (make, _expected) in CASES.items():
        path = folder / f"{name}.pmdesk"
        create_file(path, demo_board())
        make(path)
        paths[name] = path
    return paths


if __name__ == "__main__":
    for name, path in build(Path(sys.argv[1])).items():
        print(f"{name}: {path}")
