"""Incident, timeline, participants, sections, actions, session and agenda operations."""

from __future__ import annotations

from typing import Any

import pytest

from pmdesk.model import board_ops, times
from pmdesk.model.board import Board
from pmdesk.model.derived import dots_used, durations
from pmdesk.model.edits import EditError
from pmdesk.model.templates import default_sections

from .conftest import RoundTrip


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("title", "Checkout <b>down</b>"),
        ("kind", "security"),
        ("severity", "SEV2"),
        ("services", ["a", "b"]),
        ("started_at", "2026-11-20T13:00:00+01:00"),
        ("resolved_at", None),
        ("summary", "x\ny"),
    ],
)
def test_set_incident_field(board: Board, round_trip: RoundTrip, name: str, value: Any) -> None:
    round_trip(board, board_ops.set_incident_field(board, name, value))
    assert getattr(board.incident, name) == value


@pytest.mark.parametrize(
    ("name", "value"),
    [("title", "  "), ("kind", "meltdown"), ("started_at", "2026-11-20T14:00"), ("services", "a"), ("x", 1)],
)
def test_bad_incident_values_are_refused(board: Board, name: str, value: Any) -> None:
    with pytest.raises(EditError):
        board_ops.set_incident_field(board, name, value)


def test_durations(board: Board) -> None:
    found = durations(board.incident)
    assert (found.to_detect, found.to_mitigate, found.to_resolve) == (420, 2340, 5280)


def test_events_stay_in_time_order(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, board_ops.add_event(board, "2026-11-20T14:10:00+00:00", "note", "x", "n1"))
    assert [event.id for event in board.timeline][2:5] == ["e3", "n1", "e4"]
    round_trip(board, board_ops.set_event_field(board, "n1", "at", "2026-11-20T16:00:00+00:00"))
    assert board.timeline[-1].id == "n1"
    round_trip(board, board_ops.set_event_field(board, "n1", "kind", "resolution"))
    round_trip(board, board_ops.add_events(board, [(None, "note", "a"), (None, "action", "b")]))
    assert [event.text for event in board.timeline[-2:]] == ["a", "b"]
    round_trip(board, board_ops.delete_event(board, "n1"))
    with pytest.raises(EditError):
        board_ops.add_event(board, "yesterday", "note", "x")


def test_an_events_place_reads_each_time_once(board: Board, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str | None] = []
    parse = times.parse_time

    def counting(text: str | None) -> Any:
        parsed.append(text)
        return parse(text)

    monkeypatch.setattr(times, "parse_time", counting)
    last = "2026-11-30T00:00:00+00:00"  # after every event: each one is looked at
    assert board_ops._sorted_index(board, last) == len(board.timeline)
    assert sorted(map(str, parsed)) == sorted(map(str, [last, *(event.at for event in board.timeline)]))


def test_add_and_edit_participants(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, board_ops.add_participant(board, "Zoë", "#00aa00", participant_id="p9"))
    assert board.participants[-1].name == "Zoë"
    round_trip(board, board_ops.set_participant_field(board, "p9", "color", "#112233"))
    with pytest.raises(EditError):
        board_ops.add_participant(board, "X", "red")
    with pytest.raises(EditError):
        board_ops.set_participant_field(board, "p9", "name", "")


def test_only_one_facilitator(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, board_ops.set_participant_field(board, "p3", "facilitator", True))
    assert [p.id for p in board.participants if p.facilitator] == ["p3"]


def test_remove_participant_hands_cards_over(board: Board, round_trip: RoundTrip) -> None:
    written = [card.id for card in board.cards if card.author == "p2"]
    round_trip(board, board_ops.remove_participant(board, "p2", cards_to="p1"))
    assert all(card.author == "p1" for card in board.cards if card.id in written)
    assert dots_used(board, "p2") == 0
    assert "p2" not in {p.id for p in board.participants}


def test_remove_participant_clears_ownership(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, board_ops.remove_participant(board, "p3"))
    assert next(a for a in board.actions if a.id == "a1").owner is None
    assert all(card.author != "p3" for card in board.cards)
    assert any(card.author is None for card in board.cards)


def test_remove_participant_with_their_cards(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, board_ops.remove_participant(board, "p5", delete_cards_too=True))
    assert all(card.author != "p5" for card in board.cards)
    assert "c23" not in {vote.target for vote in board.votes}


def test_remove_participant_refuses_self_as_heir(board: Board) -> None:
    with pytest.raises(EditError):
        board_ops.remove_participant(board, "p1", cards_to="p1")


def test_sections(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, board_ops.add_section(board, "Surprises", "what surprised us", "s9", index=1))
    assert board.sections[1].id == "s9"
    round_trip(board, board_ops.set_section_field(board, "s9", "title", "Surprises!"))
    round_trip(board, board_ops.move_item(board, "sections", "s9", 0, "Move section"))
    assert board.sections[0].id == "s9"
    with pytest.raises(EditError):
        board_ops.set_section_field(board, "s9", "title", "")


def test_remove_section_moves_cards_and_themes(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, board_ops.remove_section(board, "lessons", cards_to="future"))
    assert {card.section for card in board.cards if card.id in ("c7", "c10")} == {"future"}
    assert next(t for t in board.themes if t.id == "t2").section == "future"


def test_remove_section_deletes_its_cards(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, board_ops.remove_section(board, "lessons"))
    assert all(card.section != "lessons" for card in board.cards)
    assert "t2" not in {theme.id for theme in board.themes}
    assert next(a for a in board.actions if a.id == "a1").source is None


def test_remove_section_with_an_empty_theme_releases_its_dots(round_trip: RoundTrip) -> None:
    from pmdesk.model.board import Action, Theme, Vote
    from pmdesk.model.templates import new_board

    board = new_board("x")
    board.themes.append(Theme("t1", "lessons", "empty"))
    board.votes.append(Vote(None, "t1"))
    board.actions.append(Action("a1", "do", source="t1"))
    round_trip(board, board_ops.remove_section(board, "lessons"))
    assert board.themes == [] and board.votes == [] and board.actions[0].source is None


def test_the_last_section_stays(board: Board) -> None:
    board.sections = board.sections[:1]
    with pytest.raises(EditError):
        board_ops.remove_section(board, board.sections[0].id)


def test_replace_sections_only_on_an_empty_board(board: Board, round_trip: RoundTrip) -> None:
    with pytest.raises(EditError):
        board_ops.replace_sections(board, default_sections()[:2])
    from pmdesk.model.templates import new_board

    empty = new_board("x")
    round_trip(empty, board_ops.replace_sections(empty, default_sections()[:2]))
    assert len(empty.sections) == 2


def test_actions(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, board_ops.add_action(board, "Write it down", "c3", "a9", owner="p2", due="2026-12-01"))
    for name, value in [("status", "done"), ("priority", "low"), ("owner", None), ("source", "t1")]:
        round_trip(board, board_ops.set_action_field(board, "a9", name, value))
    round_trip(board, board_ops.move_item(board, "actions", "a9", 0, "Move action"))
    assert board.actions[0].id == "a9"
    round_trip(board, board_ops.delete_action(board, "a9"))
    for name, value in [("status", "later"), ("due", "2026-13-01"), ("owner", "ghost"), ("source", "x")]:
        with pytest.raises(EditError):
            board_ops.set_action_field(board, "a1", name, value)


def test_session_fields(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, board_ops.set_session_field(board, "votes_hidden", True))
    round_trip(board, board_ops.set_session_field(board, "check_in", None))
    round_trip(board, board_ops.set_session_field(board, "takeaways", "Alert on saturation"))
    with pytest.raises(EditError):
        board_ops.set_session_field(board, "date", "26/11/2026")
    with pytest.raises(EditError):
        board_ops.set_session_field(board, "votes_per_participant", -1)


def test_agenda(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, board_ops.set_phase_field(board, "tone", "minutes", 7))
    round_trip(board, board_ops.set_phase_field(board, "tone", "actual_seconds", 312))
    round_trip(board, board_ops.set_phase_field(board, "tone", "title", "Tone"))
    for name, value in [("minutes", 0), ("minutes", True), ("actual_seconds", -1), ("title", "")]:
        with pytest.raises(EditError):
            board_ops.set_phase_field(board, "tone", name, value)


def test_a_board_holds_at_most_most_sections(board: Board) -> None:
    """A column each: a stranger's template or board of thousands would make a window of thousands."""
    from pmdesk.model.board import Section
    from pmdesk.model.edits import apply_edit
    from pmdesk.model.rules import MOST_SECTIONS

    while len(board.sections) < MOST_SECTIONS:
        apply_edit(board, board_ops.add_section(board, f"Section {len(board.sections)}"))
    with pytest.raises(EditError, match=f"at most {MOST_SECTIONS} sections"):
        board_ops.add_section(board, "One too many")
    empty = Board(incident=board.incident, sections=[])
    too_many = [Section(f"s{n}", f"Section {n}", "") for n in range(MOST_SECTIONS + 1)]
    with pytest.raises(EditError, match=f"at most {MOST_SECTIONS} sections; this one has 101"):
        board_ops.replace_sections(empty, too_many)
    apply_edit(empty, board_ops.replace_sections(empty, too_many[:MOST_SECTIONS]))
    assert len(empty.sections) == MOST_SECTIONS
