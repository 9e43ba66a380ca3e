"""Reading a whole board from its file, checked row by row against the rules of a board."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from pmdesk.model.board import Board
from pmdesk.model.validate import board_problems
from pmdesk.store.errors import BoardFileError
from pmdesk.store.schema import (
    CONVERTED_FIELDS,
    ITEM_TYPES,
    LIST_TABLES,
    SINGLETON_TYPES,
    field_names,
    from_column,
    from_row,
)

UNDECODABLE = re.compile(r"Could not decode to UTF-8 column '(\w{1,40})'")


def load_board(conn: sqlite3.Connection, name: str) -> Board:
    """The board a file holds; BoardFileError naming the first value that breaks a rule.

    The same rules as a JSON import (pmdesk/model/validate.py), plus each list's positions,
    which must be 0 .. n - 1 with no gap and no repeat.
    """
    try:
        check_positions(conn, name)
        board = read_board(conn, name)
    except sqlite3.DatabaseError as error:
        raise damaged(name, error) from error
    problems = board_problems(board)
    if problems:
        where, message = problems[0]
        raise BoardFileError(f"{name}: not opened: a value breaks the rules of a board ({where}: {message})")
    return board


def damaged(name: str, error: sqlite3.Error) -> BoardFileError:
    """The message for a database error while reading rows (never echoing the bad bytes)."""
    undecodable = UNDECODABLE.search(str(error))
    if undecodable:
        return BoardFileError(
            f"{name}: not opened: a text in column {undecodable[1]!r} is not valid UTF-8 "
            "(the file is damaged)"
        )
    return BoardFileError(f"{name}: the file is damaged ({error})")


def check_positions(conn: sqlite3.Connection, name: str) -> None:
    """Refuse a list whose positions are not exactly 0 .. n - 1 (whole numbers, no gap, no repeat)."""
    for table in LIST_TABLES:
        count, distinct, low, high, other = conn.execute(
            f"SELECT count(*), count(DISTINCT position), min(position), max(position), "
            f"sum(typeof(position) != 'integer') FROM {table}"
        ).fetchone()
        if count == 0:
            continue
        if other:
            problem = "a position that is not a whole number"
        elif distinct != count:
            problem = "two items at the same position"
        elif low != 0 or high != count - 1:
            problem = f"positions {low}..{high} for {count} items (expected 0..{count - 1})"
        else:
            continue
        raise BoardFileError(f"{name}: not opened: the order of {table} is damaged ({problem})")


def read_board(conn: sqlite3.Connection, name: str = "board") -> Board:
    """Read a whole board from an open database (values as stored, to be checked by the caller)."""
    board = Board()
    for table in SINGLETON_TYPES:
        cursor = conn.execute(f"SELECT * FROM {table} WHERE id = 1")
        row = cursor.fetchone()
        if row is None:
            raise BoardFileError(f"{name}: not opened: the {table} row is missing")
        columns = [column[0] for column in cursor.description]
        setattr(board, table, from_row(table, dict(zip(columns, row, strict=True))))
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
