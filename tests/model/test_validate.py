"""board_problems finds every broken rule of the board format, with its JSON path."""

# ruff: noqa: E501 -- the table of cases reads best one case per line

from __future__ import annotations

from collections.abc import Callable

import pytest

from pmdesk.model.board import Board, Participant, Theme, Vote
from pmdesk.model.demo import demo_board
from pmdesk.model.validate import board_problems


def test_the_demo_board_is_valid() -> None:
    assert board_problems(demo_board()) == []


def _set(path: Callable[[Board], object], name: str, value: object) -> Callable[[Board], None]:
    return lambda board: setattr(path(board), name, value)


CASES: list[tuple[str, Callable[[Board], None], str, str]] = [
    ("empty title", _set(lambda b: b.incident, "title", " "), "incident.title", "must not be empty"),
    ("kind", _set(lambda b: b.incident, "kind", "meltdown"), "incident.kind", 'unknown value "meltdown"'),
    ("services", _set(lambda b: b.incident, "services", ["a", 3]), "incident.services[1]", "expected text"),
    ("time", _set(lambda b: b.incident, "started_at", "2026-11-20T14:02"), "incident.started_at", "offset"),
    ("event kind", _set(lambda b: b.timeline[2], "kind", "oops"), "timeline[2].kind", "unknown value"),
    ("event time", _set(lambda b: b.timeline[0], "at", "14:02"), "timeline[0].at", "ISO 8601"),
    ("dup id", _set(lambda b: b.timeline[1], "id", "e1"), "timeline[1].id", 'duplicate id "e1"'),
    ("empty id", _set(lambda b: b.cards[0], "id", ""), "cards[0].id", "non-empty"),
    ("colour", _set(lambda b: b.participants[1], "color", "red"), "participants[1].color", "colour"),
    ("2 facilitators", _set(lambda b: b.participants[3], "facilitator", True), "participants[3].facilitator", "only one"),
    ("facilitator type", _set(lambda b: b.participants[3], "facilitator", 1), "participants[3].facilitator", "true or false"),
    ("no sections", lambda b: setattr(b, "sections", []), "sections", "at least one section"),
    ("theme section", _set(lambda b: b.themes[0], "section", "x"), "themes[0].section", 'unknown section "x"'),
    ("card section", _set(lambda b: b.cards[3], "section", "lesons"), "cards[3].section", 'unknown section "lesons"'),
    ("card author", _set(lambda b: b.cards[3], "author", "p9"), "cards[3].author", 'unknown participant "p9"'),
    ("card theme", _set(lambda b: b.cards[3], "theme", "t9"), "cards[3].theme", 'unknown theme "t9"'),
    ("theme elsewhere", _set(lambda b: b.cards[3], "theme", "t2"), "cards[3].theme", "another section"),
    ("card text type", _set(lambda b: b.cards[3], "text", None), "cards[3].text", "expected text"),
    ("surrogate", _set(lambda b: b.cards[3], "text", "a\ud800"), "cards[3].text", "surrogate"),
    ("card is theme id", _set(lambda b: b.cards[3], "id", "t1"), "cards[3].id", "also a theme"),
    ("vote target", lambda b: b.votes.append(Vote(None, "zz")), "votes[15].target", 'unknown card or theme "zz"'),
    ("vote themed", lambda b: b.votes.append(Vote(None, "c1")), "votes[15].target", "vote for its theme"),
    ("vote voter", lambda b: b.votes.append(Vote("p9", "c3")), "votes[15].participant", "unknown participant"),
    ("budget", lambda b: b.votes.append(Vote("p1", "c3")), "votes[15].participant", "more than 3 dots"),
    ("owner", _set(lambda b: b.actions[0], "owner", "p9"), "actions[0].owner", "unknown participant"),
    ("due", _set(lambda b: b.actions[0], "due", "2026-12-5"), "actions[0].due", "not a date"),
    ("status", _set(lambda b: b.actions[0], "status", "closed"), "actions[0].status", "unknown value"),
    ("priority", _set(lambda b: b.actions[0], "priority", "urgent"), "actions[0].priority", "unknown value"),
    ("source", _set(lambda b: b.actions[0], "source", "e1"), "actions[0].source", "unknown card or theme"),
    ("session date", _set(lambda b: b.session, "date", "tomorrow"), "session.date", "not a date"),
    ("check-in", _set(lambda b: b.session, "check_in", "2026-02-30"), "session.check_in", "not a date"),
    ("start time", _set(lambda b: b.session, "start_time", "9.30"), "session.start_time", "not a time of day"),
    ("hint silenced", _set(lambda b: b.cards[4], "hint_silenced", None), "cards[4].hint_silenced", "true or false"),
    ("budget type", _set(lambda b: b.session, "votes_per_participant", True), "session.votes_per_participant", "whole number"),
    ("hidden type", _set(lambda b: b.session, "votes_hidden", "no"), "session.votes_hidden", "true or false"),
    ("minutes 0", _set(lambda b: b.agenda[0], "minutes", 0), "agenda[0].minutes", "1 or more"),
    ("minutes huge", _set(lambda b: b.agenda[0], "minutes", 2**64), "agenda[0].minutes", "at most 240"),
    ("minutes 241", _set(lambda b: b.agenda[0], "minutes", 241), "agenda[0].minutes", "at most 240, got 241"),
    ("budget 2^31", _set(lambda b: b.session, "votes_per_participant", 2**31), "session.votes_per_participant", "at most 99"),
    ("spent 2^31", _set(lambda b: b.agenda[0], "actual_seconds", 2**31), "agenda[0].actual_seconds", "at most 2147483647"),
    ("actual", _set(lambda b: b.agenda[0], "actual_seconds", -5), "agenda[0].actual_seconds", "0 or more"),
]  # fmt: skip


@pytest.mark.parametrize(("mutate", "path", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_rule(mutate: Callable[[Board], None], path: str, message: str) -> None:
    board = demo_board()
    mutate(board)
    problems = board_problems(board)
    assert problems, "no problem found"
    assert problems[0][0] == path
    assert message in problems[0][1]


def test_lowered_budget_is_found_on_the_first_extra_dot() -> None:
    board = demo_board()
    board.session.votes_per_participant = 1
    assert board_problems(board)[0] == (
        "votes[1].participant",
        '"p1" places more than 1 dot (session.votes_per_participant)',
    )


def test_a_theme_without_cards_and_an_empty_participant_name_are_allowed() -> None:
    board = demo_board()
    board.themes.append(Theme("t9", "lessons"))
    board.participants.append(Participant("p9", ""))
    assert board_problems(board) == []
