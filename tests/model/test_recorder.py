"""Building batches: one named step out of several operations."""

from __future__ import annotations

import pytest

from pmdesk.model import board_ops
from pmdesk.model.board import Board
from pmdesk.model.edits import Batch, NothingToChange
from pmdesk.model.recorder import compose, compose_each

from .conftest import RoundTrip


def test_compose_each_deletes_several_as_one_named_step(board: Board, round_trip: RoundTrip) -> None:
    ids = [event.id for event in board.timeline[:3]]
    batch = compose_each(board, "Delete 3 events", board_ops.delete_event, ids)
    assert batch.name == "Delete 3 events"
    round_trip(board, batch)
    assert not {event.id for event in board.timeline} & set(ids)


def test_compose_each_keeps_one_items_own_name(board: Board) -> None:
    one = compose_each(board, "Delete 1 events", board_ops.delete_event, [board.timeline[0].id])
    assert one.name == "Delete timeline event"


def test_compose_skips_steps_with_nothing_to_change_but_not_all(board: Board) -> None:
    def nothing(_board: Board) -> Batch:
        raise NothingToChange("already there")

    title = board_ops.set_incident_field(board, "title", "New")
    assert compose(board, "Both", [nothing, lambda b: title]).edits == (title,)
    with pytest.raises(NothingToChange):
        compose(board, "Nothing", [nothing])


def test_an_operation_can_include_another_ones_edit(board: Board, round_trip: RoundTrip) -> None:
    person = next(p.id for p in board.participants if any(c.author == p.id for c in board.cards))
    batch = board_ops.remove_participant(board, person, delete_cards_too=True)
    round_trip(board, batch)
    assert all(card.author != person for card in board.cards)
