"""Writing a big batch of edits as its result: the rows that changed, each touched once.

Written primitive by primitive, removing n items shifts the positions of the items after each
one: O(n²) row updates (8,000 deleted cards took 26 s). Here each list the batch touches is
compared with the board as it is after the batch, by id: rows that went are deleted, new rows
inserted, and rows whose position changed get their new position, in O(n log n). Fields a
batch set are written with their final values. Votes, which have no id, are rewritten.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from pmdesk.model.board import Board
from pmdesk.model.edits import SINGLETONS, Insert, Primitive, SetField
from pmdesk.store.schema import field_names, to_column, to_row

# Batches of more primitives than this are written by their result.
BIG_BATCH = 200
# The lists in the order their rows may be inserted (a list's references point to earlier ones).
PARENTS_FIRST = ("sections", "participants", "themes", "cards", "votes", "actions", "timeline", "agenda")
Progress = Callable[[int, int], None]


def write_result(
    conn: sqlite3.Connection, edits: Sequence[Primitive], board: Board, progress: Progress | None = None
) -> None:
    """Bring the file to ``board`` for everything ``edits`` touched (inside the caller's transaction)."""
    lists = {edit.collection for edit in edits if not isinstance(edit, SetField)}
    reinserted: dict[str, set[str]] = {}
    fields: dict[tuple[str, str | None], set[str]] = {}
    for edit in edits:
        if isinstance(edit, SetField):
            fields.setdefault((edit.collection, edit.item_id), set()).add(edit.name)
        elif isinstance(edit, Insert) and edit.collection != "votes":
            reinserted.setdefault(edit.collection, set()).add(edit.item.id)
    # Rows go children first and come parents first: SQLite checks each deferred reference
    # by scanning the other table, which is then (nearly) empty.
    order = [table for table in PARENTS_FIRST if table in lists]
    steps = 2 * len(order) + 1
    stored: dict[str, dict[str, int]] = {}
    for done, table in enumerate(reversed(order)):
        if progress is not None:
            progress(done, steps)
        if table == "votes":
            conn.execute("DELETE FROM votes")
        else:
            stored[table] = _delete_gone(conn, table, getattr(board, table))
    for done, table in enumerate(order, start=len(order)):
        if progress is not None:
            progress(done, steps)
        if table == "votes":
            _insert_votes(conn, board)
        else:
            items = getattr(board, table)
            for item_id in _place(conn, table, items, stored[table], reinserted.get(table, set())):
                fields.pop((table, item_id), None)  # written with their final values already
    if progress is not None:
        progress(steps - 1, steps)
    _write_fields(conn, board, fields)


def _delete_gone(conn: sqlite3.Connection, table: str, items: list[Any]) -> dict[str, int]:
    """Delete the rows of items no longer in the list; the position of each row kept, by id."""
    stored: dict[str, int] = dict(conn.execute(f"SELECT id, position FROM {table}").fetchall())
    wanted = {item.id for item in items}
    gone = [item_id for item_id in stored if item_id not in wanted]
    conn.executemany(f"DELETE FROM {table} WHERE id = ?", [(item_id,) for item_id in gone])
    for item_id in gone:
        del stored[item_id]
    return stored


def _place(
    conn: sqlite3.Connection, table: str, items: list[Any], stored: dict[str, int], reinserted: set[str]
) -> set[str]:
    """Give kept rows their new positions and insert the new ones; the ids of rows written whole."""
    wanted = {item.id: index for index, item in enumerate(items)}
    if len(wanted) != len(items):  # what the primary key refuses when written row by row
        raise sqlite3.IntegrityError(f"UNIQUE constraint failed: {table}.id")
    moved = [
        (index, item_id)
        for item_id, index in wanted.items()
        if item_id in stored and stored[item_id] != index
    ]
    conn.executemany(f"UPDATE {table} SET position = ? WHERE id = ?", moved)
    names = field_names(table)
    new = [item for item in items if item.id not in stored]
    if new:
        columns = ["position", *names]
        conn.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
            [(wanted[item.id], *to_row(table, item).values()) for item in new],
        )
    # An item removed and inserted again within the batch may come back changed.
    again = [items[wanted[item_id]] for item_id in reinserted if item_id in stored and item_id in wanted]
    if again:
        settings = ", ".join(f"{name} = ?" for name in names)
        conn.executemany(
            f"UPDATE {table} SET {settings} WHERE id = ?",
            [(*to_row(table, item).values(), item.id) for item in again],
        )
    return {item.id for item in new} | {item.id for item in again}


def _insert_votes(conn: sqlite3.Connection, board: Board) -> None:
    conn.executemany(
        "INSERT INTO votes (position, participant, target) VALUES (?, ?, ?)",
        [(index, vote.participant, vote.target) for index, vote in enumerate(board.votes)],
    )


def _write_fields(
    conn: sqlite3.Connection, board: Board, fields: dict[tuple[str, str | None], set[str]]
) -> None:
    """Write the final value of every field the batch set, on items that are still there."""
    maps: dict[str, dict[str, Any]] = {}
    for (table, item_id), names in fields.items():
        unknown = names - set(field_names(table))
        if unknown:
            raise ValueError(f"no column {sorted(unknown)[0]} in {table}")
        if table in SINGLETONS:
            target = getattr(board, table)
            for name in sorted(names):
                conn.execute(
                    f"UPDATE {table} SET {name} = ? WHERE id = 1",
                    (to_column(table, name, getattr(target, name)),),
                )
            continue
        by_id = maps.setdefault(table, {item.id: item for item in getattr(board, table)})
        item = None if item_id is None else by_id.get(item_id)
        if item is None:
            continue  # removed later in the batch
        for name in sorted(names):
            conn.execute(
                f"UPDATE {table} SET {name} = ? WHERE id = ?",
                (to_column(table, name, getattr(item, name)), item_id),
            )
