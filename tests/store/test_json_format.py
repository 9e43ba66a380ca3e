"""The JSON interchange format: export then import is the identity; bad input names its problem."""

# ruff: noqa: E501 -- tables of cases read best one per line

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmdesk.model.board import (
    EVENT_KINDS,
    INCIDENT_KINDS,
    Action,
    AgendaPhase,
    Board,
    Card,
    Incident,
    Participant,
    Section,
    Session,
    Theme,
    TimelineEvent,
    Vote,
)
from pmdesk.model.demo import demo_board
from pmdesk.model.templates import default_agenda, default_sections
from pmdesk.model.validate import board_problems
from pmdesk.store.json_format import ImportProblem, board_from_json, board_to_json

TEXT = st.text(max_size=12)
TIMES = st.one_of(st.none(), st.sampled_from(["2026-11-20T14:02:00+00:00", "2026-01-01T00:00:00-05:30"]))
DATES = st.one_of(st.none(), st.sampled_from(["2026-12-05", "2027-02-28"]))
CLOCKS = st.one_of(st.none(), st.sampled_from(["09:30", "00:00", "23:59"]))


@st.composite
def boards(draw: st.DrawFn) -> Board:
    """Valid boards of every shape the format allows."""
    people = [
        Participant(
            f"p{i}",
            draw(TEXT),
            draw(TEXT),
            draw(TEXT),
            draw(st.from_regex(r"#[0-9a-fA-F]{6}", fullmatch=True)),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    if people and draw(st.booleans()):
        draw(st.sampled_from(people)).facilitator = True
    sections = [Section(f"s{i}", draw(TEXT), draw(TEXT)) for i in range(draw(st.integers(1, 3)))]
    section_ids = [s.id for s in sections]
    themes = [
        Theme(f"t{i}", draw(st.sampled_from(section_ids)), draw(TEXT), draw(TEXT))
        for i in range(draw(st.integers(0, 3)))
    ]
    cards = []
    for i in range(draw(st.integers(0, 6))):
        section = draw(st.sampled_from(section_ids))
        theme = draw(st.sampled_from([None, *(t.id for t in themes if t.section == section)]))
        author = draw(st.sampled_from([None, *(p.id for p in people)]))
        cards.append(Card(f"c{i}", section, draw(TEXT), author, theme, draw(TEXT), draw(st.booleans())))
    targets = [c.id for c in cards if c.theme is None] + [t.id for t in themes]
    budget = draw(st.integers(0, 3))
    votes = []
    if targets:
        for voter in [None, *(p.id for p in people)]:
            count = draw(st.integers(0, budget if voter else 2))
            votes += [Vote(voter, draw(st.sampled_from(targets))) for _ in range(count)]
        votes = draw(st.permutations(votes))
    actions = [
        Action(
            f"a{i}",
            draw(TEXT),
            draw(st.sampled_from([None, *(p.id for p in people)])),
            draw(DATES),
            draw(st.sampled_from(["open", "in-progress", "done", "dropped"])),
            draw(st.sampled_from(["high", "medium", "low"])),
            draw(st.sampled_from([None, *(c.id for c in cards), *(t.id for t in themes)])),
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    return Board(
        incident=Incident(
            draw(TEXT.filter(str.strip)), draw(TEXT), draw(st.sampled_from(INCIDENT_KINDS)), draw(TEXT),
            draw(st.lists(TEXT, max_size=2)), draw(TIMES), draw(TIMES), draw(TIMES), draw(TIMES),
            draw(TEXT), draw(TEXT), draw(TEXT),
        ),
        timeline=[
            TimelineEvent(f"e{i}", draw(TIMES), draw(st.sampled_from(EVENT_KINDS)), draw(TEXT))
            for i in range(draw(st.integers(0, 3)))
        ],
        participants=people, sections=sections, themes=themes, cards=cards, votes=list(votes),
        actions=actions,
        session=Session(
            draw(DATES), budget, draw(st.booleans()), draw(TEXT), draw(DATES), draw(CLOCKS),
            draw(st.one_of(st.none(), st.sampled_from(["g0", "discussion"]))),
            draw(st.one_of(st.none(), st.sampled_from(["board", "wrap-up"]))),
            draw(st.one_of(st.none(), st.sampled_from(["c0", "t0"]))),
        ),
        agenda=[
            AgendaPhase(f"g{i}", draw(TEXT), draw(st.integers(1, 90)), draw(st.one_of(st.none(), st.integers(0, 9999))))
            for i in range(draw(st.integers(0, 3)))
        ],
    )  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(boards())
def test_export_then_import_is_the_identity(board: Board) -> None:
    assert board_problems(board) == []
    text = json.dumps(board_to_json(board), ensure_ascii=False)
    assert board_from_json(json.loads(text)) == board


def test_the_demo_board_round_trips() -> None:
    board = demo_board()
    data = board_to_json(board)
    assert data["format"] == "pmdesk" and data["version"] == 1
    assert list(data) == [
        "format", "version", "incident", "timeline", "participants", "sections", "themes", "cards",
        "votes", "actions", "session", "agenda",
    ]  # fmt: skip
    assert board_from_json(copy.deepcopy(data)) == board


def test_hostile_text_round_trips_byte_exactly() -> None:
    from tests.store.test_document import HOSTILE

    board = demo_board()
    for card, text in zip(board.cards, HOSTILE, strict=False):
        card.text = text
    board.cards[-1].notes = "<b>&amp;</b>\t" * 100_000
    text = json.dumps(board_to_json(board), ensure_ascii=False)
    back = board_from_json(json.loads(text.encode("utf-8").decode("utf-8")))
    assert back == board
    assert [c.text.encode() for c in back.cards[:10]] == [t.encode() for t in HOSTILE]


def minimal() -> dict[str, Any]:
    return {"format": "pmdesk", "version": 1, "incident": {"title": "Outage"}}


def test_missing_keys_take_the_documented_defaults() -> None:
    board = board_from_json(minimal())
    assert board.sections == default_sections()
    assert board.agenda == default_agenda()
    assert board.session == Session()
    assert board.incident == Incident(title="Outage", kind="other")
    assert board.cards == board.themes == board.votes == board.actions == board.timeline == []


def test_the_session_start_and_a_silenced_hint_round_trip() -> None:
    data = demo_json()
    data["session"]["start_time"] = "09:30"
    data["cards"][2]["hint_silenced"] = True
    board = board_from_json(data)
    assert board.session.start_time == "09:30"
    assert [card.hint_silenced for card in board.cards[:4]] == [False, False, True, False]
    assert board_to_json(board)["session"]["start_time"] == "09:30"
    assert board_to_json(board)["cards"][2]["hint_silenced"] is True
    del data["session"]["start_time"], data["cards"][2]["hint_silenced"]  # older files lack them
    board = board_from_json(data)
    assert board.session.start_time is None and not board.cards[2].hint_silenced


def test_where_the_meeting_stands_round_trips_and_older_files_have_not_begun() -> None:
    data = demo_json()
    data["session"]["current_phase"] = "discussion"
    data["session"]["current_page"] = "focus"
    data["session"]["current_item"] = "c3"
    board = board_from_json(data)
    session = board.session
    assert (session.current_phase, session.current_page, session.current_item) == (
        "discussion",
        "focus",
        "c3",
    )
    exported = board_to_json(board)["session"]
    assert (exported["current_phase"], exported["current_page"], exported["current_item"]) == (
        "discussion",
        "focus",
        "c3",
    )
    assert exported["start_time"] == data["session"]["start_time"]  # the keys before them stay
    del data["session"]["current_phase"], data["session"]["current_page"]  # older files lack them
    del data["session"]["current_item"]
    board = board_from_json(data)
    session = board.session
    assert session.current_phase is None and session.current_page is None and session.current_item is None


def test_cards_revealed_round_trips_and_is_false_in_older_files() -> None:
    data = demo_json()
    data["session"]["cards_revealed"] = True
    board = board_from_json(data)
    assert board.session.cards_revealed
    exported = board_to_json(board)
    assert exported["session"]["cards_revealed"] is True and exported["version"] == 1
    del data["session"]["cards_revealed"]  # older files lack it
    assert not board_from_json(data).session.cards_revealed
    data["session"]["cards_revealed"] = "yes"
    with pytest.raises(ImportProblem, match="cards_revealed"):
        board_from_json(data)


def test_an_empty_sections_list_is_not_replaced_by_the_defaults() -> None:
    data = {**minimal(), "sections": []}
    with pytest.raises(ImportProblem, match="at least one section"):
        board_from_json(data)


def test_missing_item_keys() -> None:
    data = {
        **minimal(),
        "sections": [{"id": "s"}],
        "participants": [{"id": "p"}],
        "cards": [{"id": "c", "section": "s"}],
        "votes": [{"target": "c"}],
        "actions": [{"id": "a"}],
        "timeline": [{"id": "e"}],
        "agenda": [{"id": "tone"}, {"id": "mine", "title": "Mine"}],
        "session": {"date": "2026-11-26"},
        "extra": {"ignored": True},
    }
    data["incident"]["unknown"] = 1
    board = board_from_json(data)
    assert board.sections == [Section("s", "")]
    assert board.participants == [Participant("p", "", color="#1f77b4")]
    assert board.cards == [Card("c", "s")]
    assert board.votes == [Vote(None, "c")]
    assert board.actions == [Action("a")]
    assert board.timeline == [TimelineEvent("e", None, "note", "")]
    assert board.agenda == [AgendaPhase("tone", "", 5), AgendaPhase("mine", "Mine", 5)]
    assert board.session == Session(date="2026-11-26")


def demo_json() -> dict[str, Any]:
    return board_to_json(demo_board())


def _edit(path: str, value: Any) -> Any:
    """A change to the demo JSON: set (or with ``...`` delete) the value at a dotted path."""

    def change(data: dict[str, Any]) -> None:
        parts = path.replace("[", ".").replace("]", "").split(".")
        target: Any = data
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        last: Any = int(parts[-1]) if parts[-1].isdigit() else parts[-1]
        if value is ...:
            del target[last]
        else:
            target[last] = value

    return change


# One case per rule of pmdesk/resources/board-format.md: (change, path, message).
BAD: list[tuple[str, Any, str, str]] = [
    ("format", _edit("format", "trello"), "format", 'expected "pmdesk", got the text "trello"'),
    ("format missing", _edit("format", ...), "format", "required"),
    ("version type", _edit("version", "1"), "version", 'expected a whole number, got the text "1"'),
    ("version newer", _edit("version", 2), "version", "format version 2, from a newer pmdesk; this pmdesk reads version 1"),
    ("version zero", _edit("version", 0), "version", "unknown format version 0"),
    ("title missing", _edit("incident.title", ...), "incident.title", "required"),
    ("title empty", _edit("incident.title", ""), "incident.title", "must not be empty"),
    ("incident missing", _edit("incident", ...), "incident", "required"),
    ("incident type", _edit("incident", []), "incident", "expected an object, got a list"),
    ("kind", _edit("incident.kind", "fire"), "incident.kind", 'unknown value "fire"'),
    ("services", _edit("incident.services", "api"), "incident.services", "expected a list of names"),
    ("service", _edit("incident.services[0]", 3), "incident.services[0]", "expected text, got the number 3"),
    ("time no offset", _edit("incident.started_at", "2026-11-20T14:02:00"), "incident.started_at", "with an offset"),
    ("time type", _edit("incident.started_at", 1700000000), "incident.started_at", "expected text"),
    ("text null", _edit("incident.summary", None), "incident.summary", "expected text, got null"),
    ("list type", _edit("cards", {}), "cards", "expected a list, got an object"),
    ("item type", _edit("cards[0]", "c1"), "cards[0]", "expected an object"),
    ("id missing", _edit("cards[0].id", ...), "cards[0].id", "required"),
    ("id empty", _edit("cards[0].id", ""), "cards[0].id", "must not be empty"),
    ("id number", _edit("cards[0].id", 1), "cards[0].id", "expected text, got the number 1"),
    ("id duplicate", _edit("cards[1].id", "c1"), "cards[1].id", 'duplicate id "c1"'),
    ("event kind", _edit("timeline[0].kind", "boom"), "timeline[0].kind", 'unknown value "boom"'),
    ("event time", _edit("timeline[0].at", "14:02"), "timeline[0].at", "not an ISO 8601 time"),
    ("colour", _edit("participants[0].color", "#12345"), "participants[0].color", "not a colour"),
    ("facilitator type", _edit("participants[0].facilitator", "yes"), "participants[0].facilitator", 'expected true or false, got the text "yes"'),
    ("two facilitators", _edit("participants[2].facilitator", True), "participants[2].facilitator", "only one participant"),
    ("no sections", _edit("sections", []), "sections", "at least one section"),
    ("theme section", _edit("themes[0].section", "nope"), "themes[0].section", 'unknown section "nope"'),
    ("card section", _edit("cards[3].section", "lesons"), "cards[3].section", 'unknown section "lesons"'),
    ("card section missing", _edit("cards[3].section", ...), "cards[3].section", "required"),
    ("card theme", _edit("cards[3].theme", "t9"), "cards[3].theme", 'unknown theme "t9"'),
    ("card theme section", _edit("cards[3].theme", "t2"), "cards[3].theme", 'theme "t2" is in another section'),
    ("card author", _edit("cards[3].author", "p9"), "cards[3].author", 'unknown participant "p9"'),
    ("vote target", _edit("votes[0].target", "c99"), "votes[0].target", 'unknown card or theme "c99"'),
    ("vote target missing", _edit("votes[0].target", ...), "votes[0].target", "required"),
    ("vote themed card", _edit("votes[0].target", "c1"), "votes[0].target", "is in a theme"),
    ("vote participant", _edit("votes[0].participant", "p9"), "votes[0].participant", "unknown participant"),
    ("budget", _edit("session.votes_per_participant", 2), "votes[2].participant", "more than 2 dots"),
    ("owner", _edit("actions[0].owner", "p9"), "actions[0].owner", "unknown participant"),
    ("status", _edit("actions[0].status", "closed"), "actions[0].status", 'unknown value "closed"'),
    ("priority", _edit("actions[0].priority", "p1"), "actions[0].priority", "unknown value"),
    ("source", _edit("actions[0].source", "e1"), "actions[0].source", 'unknown card or theme "e1"'),
    ("due", _edit("actions[0].due", "5 Dec"), "actions[0].due", "not a date"),
    ("due datetime", _edit("actions[0].due", "2026-12-05T10:00:00+00:00"), "actions[0].due", "not a date"),
    ("session type", _edit("session", 3), "session", "expected an object"),
    ("session date", _edit("session.date", "2026-11-31"), "session.date", "not a date"),
    ("start time", _edit("session.start_time", "9:30"), "session.start_time", 'not a time of day (HH:MM'),
    ("start time hour", _edit("session.start_time", "24:00"), "session.start_time", "not a time of day"),
    ("start time type", _edit("session.start_time", 930), "session.start_time", "expected text"),
    ("current phase type", _edit("session.current_phase", 4), "session.current_phase", "expected text"),
    ("current page empty", _edit("session.current_page", ""), "session.current_page", "must not be empty"),
    ("current item type", _edit("session.current_item", 3), "session.current_item", "expected text"),
    ("hint silenced type", _edit("cards[2].hint_silenced", "yes"), "cards[2].hint_silenced", "expected true or false"),
    ("votes hidden", _edit("session.votes_hidden", 0), "session.votes_hidden", "expected true or false"),
    ("budget negative", _edit("session.votes_per_participant", -1), "session.votes_per_participant", "0 or more"),
    ("budget float", _edit("session.votes_per_participant", 3.0), "session.votes_per_participant", "whole number"),
    ("minutes zero", _edit("agenda[0].minutes", 0), "agenda[0].minutes", "must be 1 or more"),
    ("minutes float", _edit("agenda[0].minutes", 2.5), "agenda[0].minutes", "whole number"),
    ("minutes huge", _edit("agenda[0].minutes", 10**30), "agenda[0].minutes", "at most 240"),
    ("budget 2^31", _edit("session.votes_per_participant", 2**31), "session.votes_per_participant", "at most 99"),
    ("actual negative", _edit("agenda[0].actual_seconds", -1), "agenda[0].actual_seconds", "0 or more"),
    ("actual bool", _edit("agenda[0].actual_seconds", True), "agenda[0].actual_seconds", "whole number"),
    ("lone surrogate", _edit("cards[0].text", "a\ud800b"), "cards[0].text", "lone surrogate"),
    ("card id is a theme id", _edit("cards[5].id", "t1"), "cards[5].id", "also a theme's id"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "path", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_each_rule_names_the_first_problem(change: Any, path: str, message: str) -> None:
    data = demo_json()
    change(data)
    with pytest.raises(ImportProblem) as caught:
        board_from_json(data)
    assert caught.value.path == path
    assert message in caught.value.message
    assert str(caught.value) == f"{path}: {caught.value.message}"


def test_not_an_object() -> None:
    with pytest.raises(ImportProblem, match="expected an object, got a list"):
        board_from_json([1, 2])
