"""Moderation before the reveal: hiding face-down cards and merging duplicates, one step each."""

from __future__ import annotations

import pytest

from pmdesk.model import card_ops, room_ops
from pmdesk.model.board import Board
from pmdesk.model.edits import EditError, apply_edit
from pmdesk.model.moderation import hide_cards, merge_duplicates

from .conftest import RoundTrip


def _device_cards(board: Board) -> Board:
    apply_edit(board, room_ops.add_device_card(board, "d1", "lessons", "Alerts were noisy", "p2"))
    apply_edit(board, room_ops.add_device_card(board, "d2", "lessons", "alerts were noisy!", None))
    apply_edit(board, room_ops.add_device_card(board, "d3", "went-well", "Rollback was quick", None))
    return board


def test_hiding_several_face_down_cards_is_one_undoable_step(board: Board, round_trip: RoundTrip) -> None:
    _device_cards(board)
    batch = hide_cards(board, ["d1", "d3"])
    assert batch.name == "Hide 2 cards"
    round_trip(board, batch)
    assert [c.id for c in room_ops.pending_cards(board)] == ["d2"]


def test_a_revealed_card_is_not_hidden(board: Board) -> None:
    _device_cards(board)
    revealed = board.cards[0].id
    with pytest.raises(EditError, match="face down"):
        hide_cards(board, ["d1", revealed])
    with pytest.raises(EditError):
        hide_cards(board, [])


def test_merging_duplicates_keeps_the_first_and_hides_the_rest(board: Board, round_trip: RoundTrip) -> None:
    _device_cards(board)
    batch = merge_duplicates(board, ["d2", "d1"])
    assert batch.name == "Merge 2 duplicate cards"
    round_trip(board, batch)
    assert card_ops.card(board, "d1").pending
    assert not any(c.id == "d2" for c in board.cards)


def test_merging_into_a_revealed_card_keeps_the_revealed_one(board: Board, round_trip: RoundTrip) -> None:
    _device_cards(board)
    revealed = next(c for c in board.cards if not c.pending and c.section == "lessons")
    round_trip(board, merge_duplicates(board, ["d1", revealed.id, "d2"]))
    ids = {c.id for c in board.cards}
    assert revealed.id in ids and "d1" not in ids and "d2" not in ids


def test_merging_needs_two_cards_and_at_most_one_revealed(board: Board) -> None:
    _device_cards(board)
    with pytest.raises(EditError, match="two or more"):
        merge_duplicates(board, ["d1"])
    first, second = [c.id for c in board.cards if not c.pending][:2]
    with pytest.raises(EditError, match="Only one"):
        merge_duplicates(board, [first, second, "d1"])
