"""What a drop on the board means, decided without Qt."""

from __future__ import annotations

from pmdesk.model.board import Board
from pmdesk.model.drops import plan_drop

from .conftest import RoundTrip


def test_a_card_dropped_on_a_loose_card_makes_a_theme(board: Board, round_trip: RoundTrip) -> None:
    plan = plan_drop(board, ["c4"], "card", "c3", -1, None)
    assert plan is not None and plan.new_theme is not None
    round_trip(board, plan.build(board))
    theme = plan.new_theme
    assert {card.id for card in board.cards if card.theme == theme} == {"c3", "c4"}


def test_a_card_dropped_on_a_themed_card_joins_that_theme(board: Board, round_trip: RoundTrip) -> None:
    plan = plan_drop(board, ["c10"], "card", "c7", -1, None)
    assert plan is not None and plan.new_theme is None
    round_trip(board, plan.build(board))
    assert next(card for card in board.cards if card.id == "c10").theme == "t2"


def test_a_theme_dropped_on_a_theme_merges_and_on_itself_does_nothing(board: Board) -> None:
    plan = plan_drop(board, ["t1"], "theme", "t2", -1, None)
    assert plan is not None and plan.build(board).name == "Merge themes"
    assert plan_drop(board, ["t2"], "theme", "t2", -1, None) is None
    assert plan_drop(board, ["t1"], "section", "lessons", 0, None) is None  # themes only merge


def test_cards_dropped_between_rows_move_there(board: Board, round_trip: RoundTrip) -> None:
    plan = plan_drop(board, ["c3"], "section", "lessons", 1, "c10")
    assert plan is not None
    round_trip(board, plan.build(board))
    lessons = [card.id for card in board.cards if card.section == "lessons" and card.theme is None]
    assert lessons.index("c3") < lessons.index("c10")
