"""Dot voting: budgets, room dots, and what may take a dot."""

from __future__ import annotations

import pytest

from pmdesk.model import board_ops, vote_ops
from pmdesk.model.board import Board, Vote
from pmdesk.model.derived import dots_left, dots_used, tallies
from pmdesk.model.edits import EditError

from .conftest import RoundTrip


def test_place_vote(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, vote_ops.place_vote(board, "p4", "c3"))
    assert tallies(board)["c3"] == 1
    assert dots_left(board, "p4") == 0


def test_budget_is_enforced(board: Board) -> None:
    assert dots_used(board, "p1") == 3
    with pytest.raises(EditError, match="Ana Ruiz has placed all 3 dots"):
        vote_ops.place_vote(board, "p1", "c3")


def test_room_dots_are_outside_every_budget(board: Board, round_trip: RoundTrip) -> None:
    for _ in range(5):
        round_trip(board, vote_ops.place_vote(board, None, "t1"))
    assert tallies(board)["t1"] == 5


def test_a_card_in_a_theme_takes_no_dots(board: Board) -> None:
    with pytest.raises(EditError, match="place the dot on the theme"):
        vote_ops.place_vote(board, "p4", "c1")


def test_unknown_target_and_voter_are_refused(board: Board) -> None:
    with pytest.raises(EditError):
        vote_ops.place_vote(board, "p4", "ghost")
    with pytest.raises(EditError):
        vote_ops.place_vote(board, "ghost", "c3")


def test_remove_vote_takes_the_most_recent(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, vote_ops.remove_vote(board, "p2", "t2"))
    assert dots_used(board, "p2") == 2 and tallies(board)["t2"] == 3
    round_trip(board, vote_ops.remove_vote(board, None, "t3"))
    assert tallies(board)["t3"] == 3
    with pytest.raises(EditError):
        vote_ops.remove_vote(board, "p4", "c3")


def test_lowering_the_budget_below_usage_is_refused(board: Board, round_trip: RoundTrip) -> None:
    with pytest.raises(EditError, match="remove some before lowering the budget"):
        board_ops.set_session_field(board, "votes_per_participant", 2)
    round_trip(board, board_ops.set_session_field(board, "votes_per_participant", 5))
    round_trip(board, vote_ops.place_vote(board, "p1", "c3"))
    assert dots_left(board, "p1") == 1


def test_a_budget_of_one_dot_is_said_in_the_singular(board: Board) -> None:
    board.session.votes_per_participant = 1
    board.votes = [vote for vote in board.votes if vote.participant is None]
    board.votes.append(Vote("p4", "c3"))
    with pytest.raises(EditError, match=r"Tom Becker has placed all 1 dot\.$"):
        vote_ops.place_vote(board, "p4", "c21")
    with pytest.raises(EditError, match="has already placed 1 dot;"):
        board_ops.set_session_field(board, "votes_per_participant", 0)
