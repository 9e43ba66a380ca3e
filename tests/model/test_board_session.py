"""The board's session choices: voting, the voter, the highlighted person."""

from __future__ import annotations

from pmdesk.model.board import Board, Vote
from pmdesk.model.board_session import BoardSession


def test_a_click_highlights_a_person_and_a_second_click_stops() -> None:
    session = BoardSession()
    session.avatar_clicked("p3")
    assert session.highlight == "p3" and session.chosen() == "p3"
    session.avatar_clicked("p3")
    assert session.highlight is None and session.chosen() is None


def test_while_voting_a_click_chooses_the_voter(board: Board) -> None:
    session = BoardSession(voting=True, highlight="p2")
    session.avatar_clicked("p4")
    assert session.voter == "p4" and session.highlight == "p2" and session.chosen() == "p4"


def test_the_first_voter_is_the_first_person_with_dots_left(board: Board) -> None:
    session = BoardSession()
    first, second = board.participants[0].id, board.participants[1].id
    board.session.votes_per_participant = 1
    board.votes = []
    assert session.first_voter(board) == first
    board.votes = [Vote(first, "c3")]
    assert session.first_voter(board) == second
    board.participants = []
    assert session.first_voter(board) is None
