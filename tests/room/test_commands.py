"""A device's change as a named command: what crosses from the room's process to the window."""

from __future__ import annotations

import json

import pytest

from pmdesk.model.demo import demo_board
from pmdesk.model.edits import EditError, apply_edit
from pmdesk.room.commands import CardExists, RoomCommand, add_card, delete_card, edit_card, vote


def test_each_command_survives_json_and_builds_the_same_edit() -> None:
    board = demo_board()
    first = add_card("dev-abc123", "lessons", "Paging woke the wrong team", None)
    again = RoomCommand.from_json(json.loads(json.dumps(first.to_json())))
    assert again == first
    apply_edit(board, again(board))
    added = next(card for card in board.cards if card.id == "dev-abc123")
    assert (added.section, added.text, added.pending) == ("lessons", "Paging woke the wrong team", True)
    apply_edit(board, RoomCommand.from_json(edit_card("dev-abc123", "Paging, fixed", None).to_json())(board))
    assert next(card for card in board.cards if card.id == "dev-abc123").text == "Paging, fixed"
    apply_edit(board, RoomCommand.from_json(delete_card("dev-abc123").to_json())(board))
    assert all(card.id != "dev-abc123" for card in board.cards)


def test_a_retried_card_is_told_apart_from_other_refusals() -> None:
    board = demo_board()
    command = add_card("dev-retry1", "lessons", "Once", None)
    apply_edit(board, command(board))
    with pytest.raises(CardExists):
        command(board)
    with pytest.raises(EditError) as refused:
        add_card("dev-other1", "no-such-section", "Lost", None)(board)
    assert not isinstance(refused.value, CardExists)


def test_votes_are_commands_too() -> None:
    board = demo_board()
    placed = next(v for v in board.votes if v.participant is not None)
    assert placed.participant is not None
    before = len(board.votes)
    take_back = RoomCommand.from_json(vote(placed.participant, placed.target, place=False).to_json())
    apply_edit(board, take_back(board))
    assert len(board.votes) == before - 1
    apply_edit(
        board, RoomCommand.from_json(vote(placed.participant, placed.target, place=True).to_json())(board)
    )
    assert len(board.votes) == before


@pytest.mark.parametrize(
    "value",
    [
        None,
        [],
        "add_card",
        {"name": "add_card"},
        {"name": "add_card", "args": ["a", "b", "c", None], "extra": 1},
        {"name": "reveal_cards", "args": []},  # only the facilitator reveals
        {"name": "__call__", "args": []},
        {"name": "add_card", "args": ["a", "b", "c"]},
        {"name": "add_card", "args": ["a", "b", None, None]},  # text may not be None
        {"name": "add_card", "args": ["a", "b", 3, None]},
        {"name": "delete_card", "args": [["a"]]},
        {"name": "place_vote", "args": [None, "c1"]},
        {"name": 7, "args": []},
        {"name": "edit_card", "args": "abc"},
    ],
)
def test_anything_but_the_five_shapes_is_refused(value: object) -> None:
    with pytest.raises(ValueError):
        RoomCommand.from_json(value)
