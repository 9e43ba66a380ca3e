"""Check a board against every rule of the interchange format (pmdesk/resources/board-format.md).

``board_problems`` returns ``(path, message)`` pairs, where ``path`` is a JSON path into the
board's JSON form (``cards[3].section``); an empty list means the board is valid. What each field
may hold is the one table in pmdesk/model/rules.py; the rules between items are here.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from typing import Any

from pmdesk.model.board import Board
from pmdesk.model.rules import field_problem, quoted, text_problem

# The fields checked on their own (ids and references are checked against the board below).
REFERENCES = {"id", "section", "theme", "author", "owner", "source", "participant", "target"}

Problem = tuple[str, str]
__all__ = ["Problem", "board_problems", "quoted", "text_problem"]


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: str | None) -> None:
        if message is not None:
            self.problems.append((path, message))

    def field(self, path: str, collection: str, name: str, value: object) -> None:
        problem = field_problem(collection, name, value)
        if problem is not None and problem.startswith("["):  # one element of a list
            index, _, problem = problem.partition(" ")
            path += index
        self.add(path, problem)

    def ref(self, path: str, value: object, known: set[str], what: str, required: bool = False) -> None:
        if value is None and not required:
            return
        if not isinstance(value, str) or value not in known:
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


def _fields(check: _Checker, path: str, collection: str, item: Any) -> None:
    """Check every field of one item that is not an id or a reference against its rule."""
    for field in dataclasses.fields(item):
        if field.name not in REFERENCES:
            check.field(f"{path}.{field.name}", collection, field.name, getattr(item, field.name))


def board_problems(board: Board) -> list[Problem]:
    """Every rule the board breaks, as (JSON path, message), in document order."""
    check = _Checker()
    _fields(check, "incident", "incident", board.incident)
    for index, event in enumerate(board.timeline):
        _fields(check, f"timeline[{index}]", "timeline", event)
    check.ids("timeline", board.timeline)
    people = _check_participants(check, board)
    sections = check.ids("sections", board.sections)
    if not board.sections:
        check.add("sections", "a board needs at least one section")
    for index, section in enumerate(board.sections):
        _fields(check, f"sections[{index}]", "sections", section)
    theme_ids = check.ids("themes", board.themes)
    theme_section = {theme.id: theme.section for theme in board.themes}
    for index, theme in enumerate(board.themes):
        check.ref(f"themes[{index}].section", theme.section, sections, "section", required=True)
        _fields(check, f"themes[{index}]", "themes", theme)
    card_ids = check.ids("cards", board.cards)
    for index, card in enumerate(board.cards):
        path = f"cards[{index}]"
        check.ref(f"{path}.section", card.section, sections, "section", required=True)
        check.ref(f"{path}.author", card.author, people, "participant")
        check.ref(f"{path}.theme", card.theme, theme_ids, "theme")
        if card.theme in theme_section and theme_section[card.theme] != card.section:
            check.add(f"{path}.theme", f"theme {quoted(card.theme)} is in another section")
        _fields(check, path, "cards", card)
        if card.id in theme_ids:
            check.add(f"{path}.id", f"{quoted(card.id)} is also a theme's id")
        if card.pending is True and card.theme is not None:
            check.add(f"{path}.theme", "a card face down (pending) is in no theme")
    face_down = {card.id for card in board.cards if card.pending is True}
    _check_votes(check, board, people, card_ids - face_down, theme_ids)
    _check_actions(check, board, people, (card_ids - face_down) | theme_ids)
    _fields(check, "session", "session", board.session)
    check.ids("agenda", board.agenda)
    for index, phase in enumerate(board.agenda):
        _fields(check, f"agenda[{index}]", "agenda", phase)
    return check.problems


def _check_participants(check: _Checker, board: Board) -> set[str]:
    people = check.ids("participants", board.participants)
    facilitators = 0
    for index, person in enumerate(board.participants):
        path = f"participants[{index}]"
        _fields(check, path, "participants", person)
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
    budget_ok = field_problem("session", "votes_per_participant", budget) is None
    used: Counter[str] = Counter()
    for index, vote in enumerate(board.votes):
        path = f"votes[{index}]"
        check.ref(f"{path}.participant", vote.participant, people, "participant")
        if not isinstance(vote.target, str) or (vote.target not in card_ids and vote.target not in theme_ids):
            check.add(f"{path}.target", f"unknown card or theme {quoted(vote.target)}")
        elif vote.target in themed:
            check.add(f"{path}.target", f"card {quoted(vote.target)} is in a theme: vote for its theme")
        if isinstance(vote.participant, str) and vote.participant in people:
            used[vote.participant] += 1
            if budget_ok and used[vote.participant] == budget + 1:
                check.add(
                    f"{path}.participant",
                    f"{quoted(vote.participant)} places more than {budget} dot{'s' * (budget != 1)} "
                    "(session.votes_per_participant)",
                )


def _check_actions(check: _Checker, board: Board, people: set[str], sources: set[str]) -> None:
    check.ids("actions", board.actions)
    for index, action in enumerate(board.actions):
        path = f"actions[{index}]"
        _fields(check, path, "actions", action)
        check.ref(f"{path}.owner", action.owner, people, "participant")
        check.ref(f"{path}.source", action.source, sources, "card or theme")
