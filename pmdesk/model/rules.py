"""The one table of field rules: what every field of a board may hold (docs/board-format.md).

JSON import and opening a .pmdesk file check a whole board against it
(pmdesk/model/validate.py); every operation checks the values it is given against it
(pmdesk/model/board_ops.py, card_ops.py). References between items (a card's section, a dot's
target) need the whole board and are checked there.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pmdesk.model.board import (
    ACTION_PRIORITIES,
    ACTION_STATUSES,
    EVENT_KINDS,
    INCIDENT_KINDS,
)
from pmdesk.model.edits import EditError
from pmdesk.model.shown import quoted_text
from pmdesk.model.times import is_clock, is_date, is_time

COLOR = re.compile(r"#[0-9a-fA-F]{6}\Z")
# The largest whole number a board holds anywhere: what a Qt widget (a C int) can show.
MAX_NUMBER = 2**31 - 1
# A board's sections, each a column of the Board: more fit no screen, and the window of a board
# with thousands (a stranger's file) would take many seconds and gigabytes to build.
MOST_SECTIONS = 100


def quoted(value: object) -> str:
    """A value as it appears in a message: strings in double quotes, the rest as JSON would show it."""
    if isinstance(value, str):
        return quoted_text(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, bytes):
        return f"binary data ({len(value)} byte{'' if len(value) == 1 else 's'})"
    if type(value) is int and abs(value) >= 10**30:  # (a HugeInt from strict_json shows itself)
        return f"a number of {value.bit_length() * 30103 // 100000 + 1} digits"
    if isinstance(value, int | float):
        return repr(value)
    return f"a value of type {type(value).__name__}"


def text_problem(value: object) -> str | None:
    """Why ``value`` is not valid text, or None if it is."""
    if not isinstance(value, str):
        return f"expected text, got {quoted(value)}"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "text holds an invalid character (a lone surrogate)"
    return None


def is_color(value: object) -> bool:
    """True if ``value`` is a colour ``#rrggbb``."""
    return isinstance(value, str) and COLOR.match(value) is not None


def number_problem(value: object, minimum: int, maximum: int) -> str | None:
    """Why ``value`` is not a whole number from ``minimum`` to ``maximum``, or None."""
    if not isinstance(value, int) or isinstance(value, bool):
        return f"expected a whole number, got {quoted(value)}"
    if value < minimum:
        return f"must be {minimum} or more, got {value}"
    if value > maximum:
        return f"must be at most {maximum}, got {quoted(value)}"
    return None


class Rule(NamedTuple):
    """What one field may hold, and how the window names it in a refusal."""

    label: str
    kind: str  # text, choice, time, date, clock, bool, number, color, names, id
    nullable: bool = False
    choices: tuple[str, ...] = ()
    minimum: int = 0
    maximum: int = MAX_NUMBER
    nonempty: bool = False  # text that must hold more than white space
    # Text a file may leave empty but an edit may not blank (a name, a title).
    needed: bool = False

    def problem(self, value: object, editing: bool = False) -> str | None:
        """Why ``value`` breaks this rule, or None; ``editing`` adds what only edits require."""
        if value is None and self.nullable:
            return None
        kind = self.kind
        if kind in ("text", "id"):
            problem = text_problem(value)
            blank_ok = kind != "id" and not self.nonempty and not (self.needed and editing)
            if problem is None and not blank_ok and not str(value).strip():
                return "must not be empty"
            return problem
        if kind == "choice":
            return (
                None
                if isinstance(value, str) and value in self.choices
                else f"unknown value {quoted(value)}; expected one of {', '.join(self.choices)}"
            )
        if kind == "number":
            return number_problem(value, self.minimum, self.maximum)
        if kind == "bool":
            return None if isinstance(value, bool) else f"expected true or false, got {quoted(value)}"
        if kind == "names":
            if not isinstance(value, list):
                return "expected a list of names"
            return next((f"[{i}] {p}" for i, v in enumerate(value) if (p := text_problem(v))), None)
        checks = {
            "time": (is_time, "is not an ISO 8601 time with an offset (years 2 to 9998)"),
            "date": (is_date, "is not a date (YYYY-MM-DD, years 2 to 9998)"),
            "clock": (is_clock, "is not a time of day (HH:MM, 24-hour)"),
            "color": (is_color, "is not a colour like #1f77b4"),
        }
        test, message = checks[kind]
        return None if test(value) else f"{quoted(value)} {message}"


def _text(label: str, needed: bool = False) -> Rule:
    return Rule(label, "text", needed=needed)


def _ref(label: str, nullable: bool = True) -> Rule:
    return Rule(label, "id", nullable=nullable)


FIELDS: dict[tuple[str, str], Rule] = {
    ("incident", "title"): Rule("The incident title", "text", nonempty=True),
    ("incident", "reference"): _text("The reference"),
    ("incident", "kind"): Rule("The kind", "choice", choices=INCIDENT_KINDS),
    ("incident", "severity"): _text("The severity"),
    ("incident", "services"): Rule("The services", "names"),
    ("incident", "started_at"): Rule("The start time", "time", nullable=True),
    ("incident", "detected_at"): Rule("The detection time", "time", nullable=True),
    ("incident", "mitigated_at"): Rule("The mitigation time", "time", nullable=True),
    ("incident", "resolved_at"): Rule("The resolution time", "time", nullable=True),
    ("incident", "summary"): _text("The summary"),
    ("incident", "impact"): _text("The impact"),
    ("incident", "initial_response"): _text("The initial response"),
    ("timeline", "id"): _ref("An event's id", nullable=False),
    ("timeline", "at"): Rule("The event time", "time", nullable=True),
    ("timeline", "kind"): Rule("The event kind", "choice", choices=EVENT_KINDS),
    ("timeline", "text"): _text("The event text"),
    ("participants", "id"): _ref("A participant's id", nullable=False),
    ("participants", "name"): _text("A participant's name", needed=True),
    ("participants", "role"): _text("The role"),
    ("participants", "email"): _text("The email address"),
    ("participants", "color"): Rule("A colour", "color"),
    ("participants", "facilitator"): Rule("The facilitator flag", "bool"),
    ("sections", "id"): _ref("A section's id", nullable=False),
    ("sections", "title"): _text("A section's title", needed=True),
    ("sections", "prompt"): _text("A section's prompt"),
    ("themes", "id"): _ref("A theme's id", nullable=False),
    ("themes", "section"): _ref("A theme's section", nullable=False),
    ("themes", "label"): _text("A theme's label"),
    ("themes", "notes"): _text("A theme's notes"),
    ("cards", "id"): _ref("A card's id", nullable=False),
    ("cards", "section"): _ref("A card's section", nullable=False),
    ("cards", "text"): _text("A card's text"),
    ("cards", "author"): _ref("A card's author"),
    ("cards", "theme"): _ref("A card's theme"),
    ("cards", "notes"): _text("A card's notes"),
    ("cards", "hint_silenced"): Rule("Silencing the hint", "bool"),
    ("cards", "pending"): Rule("A card face down (not yet revealed)", "bool"),
    ("votes", "participant"): _ref("A dot's participant"),
    ("votes", "target"): _ref("A dot's card or theme", nullable=False),
    ("actions", "id"): _ref("An action's id", nullable=False),
    ("actions", "text"): _text("The action"),
    ("actions", "owner"): _ref("The owner"),
    ("actions", "due"): Rule("The due date", "date", nullable=True),
    ("actions", "status"): Rule("The status", "choice", choices=ACTION_STATUSES),
    ("actions", "priority"): Rule("The priority", "choice", choices=ACTION_PRIORITIES),
    ("actions", "source"): _ref("The card or theme an action answers"),
    ("session", "date"): Rule("The session date", "date", nullable=True),
    ("session", "votes_per_participant"): Rule("Dots per participant", "number", minimum=0, maximum=99),
    ("session", "votes_hidden"): Rule("Hiding tallies", "bool"),
    ("session", "takeaways"): _text("Takeaways"),
    ("session", "check_in"): Rule("The check-in date", "date", nullable=True),
    ("session", "start_time"): Rule("The session's start time", "clock", nullable=True),
    ("session", "current_phase"): _ref("The phase under way"),
    ("session", "current_page"): _ref("The page shown"),
    ("session", "current_item"): _ref("The item in focus"),
    ("session", "cards_revealed"): Rule("Showing the reflection cards", "bool"),
    ("agenda", "id"): _ref("A phase's id", nullable=False),
    ("agenda", "title"): _text("A phase's title", needed=True),
    ("agenda", "minutes"): Rule("A phase's minutes", "number", minimum=1, maximum=240),
    ("agenda", "actual_seconds"): Rule("The time spent", "number", nullable=True),
}


def field_problem(collection: str, name: str, value: object, editing: bool = False) -> str | None:
    """Why ``value`` cannot be ``collection.name``, or None (in the words of a JSON import).

    A problem with one element of a list starts with its index: ``[2] expected text, got 5``.
    """
    return FIELDS[(collection, name)].problem(value, editing)


def require(collection: str, name: str, value: object) -> None:
    """Raise EditError, naming the field as the window does, unless an edit may set ``value``."""
    rule = FIELDS.get((collection, name))
    if rule is None:
        raise EditError(f"{collection} have no field {name!r}")
    problem = rule.problem(value, editing=True)
    if problem is not None:
        raise EditError(f"{rule.label}: {problem}")
