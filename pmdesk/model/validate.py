"""Check a board against every rule of the interchange format (pmdesk/resources/board-format.md).

``board_problems`` returns ``(path, message)`` pairs, where ``path`` is a JSON path into the
board's JSON form (``cards[3].section``); an empty list means the board is valid.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from pmdesk.model.board import (
    ACTION_PRIORITIES,
    ACTION_STATUSES,
    EVENT_KINDS,
    INCIDENT_KINDS,
    Board,
)
from pmdesk.model.shown import quoted_text
from pmdesk.model.times import is_clock, is_date, is_time

COLOR = re.compile(r"#[0-9a-fA-F]{6}\Z")
# SQLite stores integers in 8 bytes; a larger number cannot be written to a board file.
MAX_INT = 2**63 - 1
INCIDENT_TEXT = ("title", "reference", "severity", "summary", "impact", "initial_response")
INCIDENT_TIMES = ("started_at", "detected_at", "mitigated_at", "resolved_at")

Problem = tuple[str, str]


def quoted(value: object) -> str:
    """A value as it appears in a message: strings in double quotes, the rest as JSON would show it."""
    if isinstance(value, str):
        return quoted_text(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, bytes):
        return f"binary data ({len(value)} bytes)"
    if isinstance(value, int) and abs(value) >= 10**30:
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


def int_problem(value: object, minimum: int) -> str | None:
    """Why ``value`` is not a whole number of at least ``minimum``, or None."""
    if not isinstance(value, int) or isinstance(value, bool):
        return f"expected a whole number, got {quoted(value)}"
    if value < minimum:
        return f"must be {minimum} or more, got {value}"
    if value > MAX_INT:
        return f"{value} is too large"
    return None


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: str | None) -> None:
        if message is not None:
            self.problems.append((path, message))

    def text(self, path: str, value: object) -> None:
        self.add(path, text_problem(value))

    def nonempty(self, path: str, value: object) -> None:
        problem = text_problem(value)
        if problem is None and not str(value).strip():
            problem = "must not be empty"
        self.add(path, problem)

    def choice(self, path: str, value: object, choices: tuple[str, ...]) -> None:
        if value not in choices:
            self.add(path, f"unknown value {quoted(value)}; expected one of {', '.join(choices)}")

    def time(self, path: str, value: object) -> None:
        if value is not None and not is_time(value):
            self.add(path, f"{quoted(value)} is not an ISO 8601 time with an offset")

    def date(self, path: str, value: object) -> None:
        if value is not None and not is_date(value):
            self.add(path, f"{quoted(value)} is not a date (YYYY-MM-DD)")

    def clock(self, path: str, value: object) -> None:
        if value is not None and not is_clock(value):
            self.add(path, f"{quoted(value)} is not a time of day (HH:MM, 24-hour)")

    def boolean(self, path: str, value: object) -> None:
        if not isinstance(value, bool):
            self.add(path, f"expected true or false, got {quoted(value)}")

    def ref(self, path: str, value: object, known: set[str], what: str) -> None:
        if value is not None and value not in known:
            self.add(path, f"unknown {what} {quoted(value)}")

    def ids(self, name: str, items: Iterable[Any]) -> set[str]:
        seen: set[str] = set()
        for index, item in enumerate(items):
            path = f"{name}[{index}].id"
            value = item.id
            if text_problem(value) is not None or not value:
                self.add(path, f"an id is a non-empty string, got {quoted(value)}")
            elif value in seen:
                self.add(path, f"duplicate id {quoted(value)}")
            else:
                seen.add(value)
        return seen


def board_problems(board: Board) -> list[Problem]:
    """Every rule the board breaks, as (JSON path, message), in document order."""
    check = _Checker()
    _check_incident(check, board)
    for index, event in enumerate(board.timeline):
        path = f"timeline[{index}]"
        check.time(f"{path}.at", event.at)
        check.choice(f"{path}.kind", event.kind, EVENT_KINDS)
        check.text(f"{path}.text", event.text)
    check.ids("timeline", board.timeline)
    people = _check_participants(check, board)
    sections = check.ids("sections", board.sections)
    if not board.sections:
        check.add("sections", "a board needs at least one section")
    for index, section in enumerate(board.sections):
        check.text(f"sections[{index}].title", section.title)
        check.text(f"sections[{index}].prompt", section.prompt)
    theme_ids = check.ids("themes", board.themes)
    theme_section = {theme.id: theme.section for theme in board.themes}
    for index, theme in enumerate(board.themes):
        check.ref(f"themes[{index}].section", theme.section, sections, "section")
        check.text(f"themes[{index}].label", theme.label)
        check.text(f"themes[{index}].notes", theme.notes)
    card_ids = check.ids("cards", board.cards)
    for index, card in enumerate(board.cards):
        path = f"cards[{index}]"
        check.ref(f"{path}.section", card.section, sections, "section")
        check.text(f"{path}.text", card.text)
        check.ref(f"{path}.author", card.author, people, "participant")
        check.ref(f"{path}.theme", card.theme, theme_ids, "theme")
        if card.theme in theme_section and theme_section[card.theme] != card.section:
            check.add(f"{path}.theme", f"theme {quoted(card.theme)} is in another section")
        check.text(f"{path}.notes", card.notes)
        check.boolean(f"{path}.hint_silenced", card.hint_silenced)
        if card.id in theme_ids:
            check.add(f"{path}.id", f"{quoted(card.id)} is also a theme's id")
    _check_votes(check, board, people, card_ids, theme_ids)
    _check_actions(check, board, people, card_ids | theme_ids)
    _check_session(check, board)
    check.ids("agenda", board.agenda)
    for index, phase in enumerate(board.agenda):
        check.text(f"agenda[{index}].title", phase.title)
        check.add(f"agenda[{index}].minutes", int_problem(phase.minutes, 1))
        if phase.actual_seconds is not None:
            check.add(f"agenda[{index}].actual_seconds", int_problem(phase.actual_seconds, 0))
    return check.problems


def _check_incident(check: _Checker, board: Board) -> None:
    incident = board.incident
    check.nonempty("incident.title", incident.title)
    for name in INCIDENT_TEXT[1:]:
        check.text(f"incident.{name}", getattr(incident, name))
    check.choice("incident.kind", incident.kind, INCIDENT_KINDS)
    if not isinstance(incident.services, list):
        check.add("incident.services", "expected a list of names")
    else:
        for index, service in enumerate(incident.services):
            check.text(f"incident.services[{index}]", service)
    for name in INCIDENT_TIMES:
        check.time(f"incident.{name}", getattr(incident, name))


def _check_participants(check: _Checker, board: Board) -> set[str]:
    people = check.ids("participants", board.participants)
    facilitators = 0
    for index, person in enumerate(board.participants):
        path = f"participants[{index}]"
        for name in ("name", "role", "email"):
            check.text(f"{path}.{name}", getattr(person, name))
        if not isinstance(person.color, str) or not COLOR.match(person.color):
            check.add(f"{path}.color", f"{quoted(person.color)} is not a colour like #1f77b4")
        check.boolean(f"{path}.facilitator", person.facilitator)
        if person.facilitator is True:
            facilitators += 1
            if facilitators == 2:
                check.add(f"{path}.facilitator", "only one participant can be the facilitator")
    return people


def _check_votes(
    check: _Checker, board: Board, people: set[str], card_ids: set[str], theme_ids: set[str]
) -> None:
    themed = {card.id for card in board.cards if card.theme is not None}
    budget = board.session.votes_per_participant
    used: Counter[str] = Counter()
    for index, vote in enumerate(board.votes):
        path = f"votes[{index}]"
        check.ref(f"{path}.participant", vote.participant, people, "participant")
        if vote.target not in card_ids and vote.target not in theme_ids:
            check.add(f"{path}.target", f"unknown card or theme {quoted(vote.target)}")
        elif vote.target in themed:
            check.add(f"{path}.target", f"card {quoted(vote.target)} is in a theme: vote for its theme")
        if vote.participant is not None and vote.participant in people:
            used[vote.participant] += 1
            if int_problem(budget, 0) is None and used[vote.participant] == budget + 1:
                check.add(
                    f"{path}.participant",
                    f"{quoted(vote.participant)} places more than {budget} dots "
                    "(session.votes_per_participant)",
                )


def _check_actions(check: _Checker, board: Board, people: set[str], sources: set[str]) -> None:
    check.ids("actions", board.actions)
    for index, action in enumerate(board.actions):
        path = f"actions[{index}]"
        check.text(f"{path}.text", action.text)
        check.ref(f"{path}.owner", action.owner, people, "participant")
        check.date(f"{path}.due", action.due)
        check.choice(f"{path}.status", action.status, ACTION_STATUSES)
        check.choice(f"{path}.priority", action.priority, ACTION_PRIORITIES)
        check.ref(f"{path}.source", action.source, sources, "card or theme")


def _check_session(check: _Checker, board: Board) -> None:
    session = board.session
    check.date("session.date", session.date)
    check.add("session.votes_per_participant", int_problem(session.votes_per_participant, 0))
    check.boolean("session.votes_hidden", session.votes_hidden)
    check.text("session.takeaways", session.takeaways)
    check.date("session.check_in", session.check_in)
    check.clock("session.start_time", session.start_time)
