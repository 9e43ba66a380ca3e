"""The SQL schema of a .pmdesk file and how model objects map to rows."""

from __future__ import annotations

import dataclasses
import functools
import json
from typing import Any

from pmdesk.model.board import (
    ITEM_TYPES,
    Incident,
    Session,
)

APPLICATION_ID = 0x706D646B  # "pmdk"
SCHEMA_VERSION = 6

# Foreign keys are deferred: a batch may pass through states that only make sense at its end.
SCHEMA = """
CREATE TABLE incident (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    title TEXT NOT NULL, reference TEXT NOT NULL, kind TEXT NOT NULL, severity TEXT NOT NULL,
    services TEXT NOT NULL, started_at TEXT, detected_at TEXT, mitigated_at TEXT, resolved_at TEXT,
    summary TEXT NOT NULL, impact TEXT NOT NULL, initial_response TEXT NOT NULL
);
CREATE TABLE session (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    date TEXT, votes_per_participant INTEGER NOT NULL, votes_hidden INTEGER NOT NULL,
    takeaways TEXT NOT NULL, check_in TEXT, start_time TEXT, current_phase TEXT, current_page TEXT,
    current_item TEXT,
    cards_revealed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE timeline (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, at TEXT, kind TEXT NOT NULL, text TEXT NOT NULL
);
CREATE TABLE participants (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,
    email TEXT NOT NULL, color TEXT NOT NULL, facilitator INTEGER NOT NULL
);
CREATE TABLE sections (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, title TEXT NOT NULL, prompt TEXT NOT NULL
);
CREATE TABLE themes (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL,
    section TEXT NOT NULL REFERENCES sections(id) DEFERRABLE INITIALLY DEFERRED,
    label TEXT NOT NULL, notes TEXT NOT NULL
);
CREATE TABLE cards (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL,
    section TEXT NOT NULL REFERENCES sections(id) DEFERRABLE INITIALLY DEFERRED,
    text TEXT NOT NULL,
    author TEXT REFERENCES participants(id) DEFERRABLE INITIALLY DEFERRED,
    theme TEXT REFERENCES themes(id) DEFERRABLE INITIALLY DEFERRED,
    notes TEXT NOT NULL, hint_silenced INTEGER NOT NULL DEFAULT 0,
    pending INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE votes (
    position INTEGER NOT NULL,
    participant TEXT REFERENCES participants(id) DEFERRABLE INITIALLY DEFERRED,
    target TEXT NOT NULL
);
CREATE TABLE actions (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, text TEXT NOT NULL,
    owner TEXT REFERENCES participants(id) DEFERRABLE INITIALLY DEFERRED,
    due TEXT, status TEXT NOT NULL, priority TEXT NOT NULL, source TEXT
);
CREATE TABLE agenda (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, title TEXT NOT NULL, minutes INTEGER NOT NULL,
    actual_seconds INTEGER
);
CREATE INDEX timeline_position ON timeline(position);
CREATE INDEX participants_position ON participants(position);
CREATE INDEX sections_position ON sections(position);
CREATE INDEX themes_position ON themes(position);
CREATE INDEX cards_position ON cards(position);
CREATE INDEX votes_position ON votes(position);
CREATE INDEX actions_position ON actions(position);
CREATE INDEX agenda_position ON agenda(position);
"""

LIST_TABLES = ("timeline", "participants", "sections", "themes", "cards", "votes", "actions", "agenda")
SINGLETON_TYPES: dict[str, type] = {"incident": Incident, "session": Session}
BOOL_FIELDS = {
    ("participants", "facilitator"),
    ("session", "votes_hidden"),
    ("session", "cards_revealed"),
    ("cards", "hint_silenced"),
    ("cards", "pending"),
}
JSON_FIELDS = {("incident", "services")}
CONVERTED_FIELDS = BOOL_FIELDS | JSON_FIELDS


@functools.cache
def _field_names(table: str) -> tuple[str, ...]:
    kind = SINGLETON_TYPES.get(table) or ITEM_TYPES[table]
    return tuple(f.name for f in dataclasses.fields(kind))


def field_names(table: str) -> list[str]:
    """The columns of a table other than ``id``/``position`` bookkeeping, in dataclass order."""
    return list(_field_names(table))


def to_column(table: str, name: str, value: Any) -> Any:
    """A model value as stored in a column."""
    if (table, name) in JSON_FIELDS:
        return json.dumps(list(value), ensure_ascii=False)
    if (table, name) in BOOL_FIELDS:
        return int(bool(value))
    return value


def from_column(table: str, name: str, value: Any) -> Any:
    """A column's value as the model holds it; a value that cannot be converted stays as stored.

    (A board's rules then refuse it with a message: pmdesk/model/validate.py.)
    """
    if (table, name) in JSON_FIELDS:
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except (ValueError, RecursionError):
            return value
    if (table, name) in BOOL_FIELDS:
        return bool(value) if type(value) is int and value in (0, 1) else value
    return value


def to_row(table: str, item: Any) -> dict[str, Any]:
    """A model object as a row (without its position)."""
    return {name: to_column(table, name, getattr(item, name)) for name in field_names(table)}


def from_row(table: str, row: dict[str, Any]) -> Any:
    """A row (a mapping of column to value) as a model object."""
    kind = SINGLETON_TYPES.get(table) or ITEM_TYPES[table]
    return kind(**{name: from_column(table, name, row[name]) for name in field_names(table)})
