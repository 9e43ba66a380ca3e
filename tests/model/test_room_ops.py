"""Cards from participants' devices: face down until revealed, each change one undo step."""

from __future__ import annotations

import copy

import pytest

from pmdesk.model import card_ops, room_ops, vote_ops
from pmdesk.model.board import Board
from pmdesk.model.board_ops import add_action
from pmdesk.model.edits import EditError, apply_edit
from pmdesk.model.validate import board_problems
from pmdesk.report.markdown import to_markdown
from pmdesk.store.json_format import board_from_json, board_to_json

from .conftest import RoundTrip


def _with_pending(board: Board) -> Board:
    apply_edit(board, room_ops.add_device_card(board, "d1", "lessons", "Pager <b>was</b> silent", "p2"))
    apply_edit(board, room_ops.add_device_card(board, "d2", "went-well", "Rollback was quick", None))
    return board


def test_a_device_card_arrives_face_down_at_the_end_of_its_section(
    board: Board, round_trip: RoundTrip
) -> None:
    round_trip(board, room_ops.add_device_card(board, "d1", "lessons", "Pager was silent", "p2"))
    added = card_ops.card(board, "d1")
    assert added.pending and added.author == "p2" and added.theme is None
    lessons = [card.id for card in board.cards if card.section == "lessons"]
    assert lessons[-1] == "d1"
    assert room_ops.pending_counts(board) == {"went-well": 0, "lessons": 1, "future": 0, "ongoing": 0}


def test_device_cards_are_checked_like_every_card(board: Board) -> None:
    with pytest.raises(EditError, match="needs some text"):
        room_ops.add_device_card(board, "d1", "lessons", "   ", None)
    with pytest.raises(EditError):
        room_ops.add_device_card(board, "d1", "nowhere", "text", None)
    with pytest.raises(EditError):
        room_ops.add_device_card(board, "d1", "lessons", "text", "ghost")
    with pytest.raises(EditError, match="already a card"):
        room_ops.add_device_card(board, "c1", "lessons", "text", None)
    with pytest.raises(EditError, match="invalid character"):
        room_ops.add_device_card(board, "d1", "lessons", "\ud800", None)


def test_the_writer_edits_moves_and_deletes_a_pending_card(board: Board, round_trip: RoundTrip) -> None:
    _with_pending(board)
    round_trip(board, room_ops.edit_device_card(board, "d1", text="Pager stayed silent"))
    round_trip(board, room_ops.edit_device_card(board, "d1", section_id="went-well"))
    moved = card_ops.card(board, "d1")
    assert moved.section == "went-well" and moved.text == "Pager stayed silent"
    went_well = [card.id for card in board.cards if card.section == "went-well"]
    assert went_well[-1] == "d1"
    round_trip(board, room_ops.delete_device_card(board, "d1"))
    assert all(card.id != "d1" for card in board.cards)


def test_a_revealed_card_can_no_longer_be_changed_from_a_device(board: Board) -> None:
    with pytest.raises(EditError, match="revealed"):
        room_ops.edit_device_card(board, "c3", text="changed")
    with pytest.raises(EditError, match="revealed"):
        room_ops.delete_device_card(board, "c3")
    with pytest.raises(EditError, match="revealed"):
        room_ops.hide_card(board, "c3")


def test_hide_takes_a_pending_card_off_and_undo_brings_it_back(board: Board, round_trip: RoundTrip) -> None:
    _with_pending(board)
    batch = room_ops.hide_card(board, "d1")
    assert batch.name == "Hide card"
    round_trip(board, batch)
    assert [card.id for card in room_ops.pending_cards(board)] == ["d2"]


def test_reveal_turns_every_pending_card_into_an_ordinary_card_in_one_step(board: Board) -> None:
    _with_pending(board)
    before = copy.deepcopy(board)
    batch = room_ops.reveal_cards(board)
    assert batch.name == "Reveal 2 cards"
    inverse = apply_edit(board, batch)
    assert room_ops.pending_cards(board) == []
    assert card_ops.card(board, "d1").author == "p2" and card_ops.card(board, "d2").author is None
    assert board.session.cards_revealed  # kept in the board: reopened, the cards stay revealed
    apply_edit(board, inverse)  # one undo step
    assert board == before and not board.session.cards_revealed
    apply_edit(board, room_ops.reveal_cards(board))
    with pytest.raises(EditError, match="no cards face down"):
        room_ops.reveal_cards(board)


def test_revealing_a_board_without_cards_from_devices_is_one_step_kept_in_the_board(board: Board) -> None:
    batch = room_ops.reveal_cards(board)
    assert batch.name == "Reveal cards"
    inverse = apply_edit(board, batch)
    assert board.session.cards_revealed
    apply_edit(board, inverse)
    assert not board.session.cards_revealed


def test_a_pending_card_takes_no_dot_no_theme_and_no_action(board: Board) -> None:
    _with_pending(board)
    with pytest.raises(EditError, match="face down"):
        vote_ops.place_vote(board, "p4", "d1")
    with pytest.raises(EditError, match="face down"):
        card_ops.group_cards(board, ["d1", "c10"])
    with pytest.raises(EditError, match="face down"):
        card_ops.add_to_theme(board, ["d1"], "t2")
    with pytest.raises(EditError):
        add_action(board, "Fix it", source="d1")
    apply_edit(board, room_ops.reveal_cards(board))
    apply_edit(board, vote_ops.place_vote(board, "p4", "d1"))  # revealed: an ordinary card


def test_the_rules_refuse_a_pending_card_in_a_theme_or_with_dots(board: Board) -> None:
    _with_pending(board)
    assert board_problems(board) == []
    broken = copy.deepcopy(board)
    card_ops.card(broken, "c1").pending = True
    assert ("cards[0].theme", "a card face down (pending) is in no theme") in board_problems(broken)
    voted = copy.deepcopy(board)
    card_ops.card(voted, "c21").pending = True
    assert any(path.endswith(".target") for path, _ in board_problems(voted))


def test_pending_round_trips_through_json_and_defaults_to_revealed(board: Board) -> None:
    _with_pending(board)
    data = board_to_json(board)
    assert [card["pending"] for card in data["cards"] if card["id"] in ("d1", "d2")] == [True, True]
    assert board_from_json(data) == board
    for card in data["cards"]:
        del card["pending"]  # an older file
    assert room_ops.pending_cards(board_from_json(data)) == []


def test_the_report_leaves_pending_cards_out_until_revealed(board: Board) -> None:
    from pmdesk.report import render

    _with_pending(board)
    text = render(board, "md").data.decode("utf-8")
    assert "Pager" not in text and "Rollback was quick" not in text
    apply_edit(board, room_ops.reveal_cards(board))
    text = render(board, "md").data.decode("utf-8")
    assert "Pager" in text and "Rollback was quick" in text
    assert to_markdown(board) == text
