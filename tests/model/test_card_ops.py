"""Cards and themes: every operation round-trips through undo and redo and keeps its promises."""

from __future__ import annotations

import pytest

from pmdesk.model import card_ops
from pmdesk.model.board import Board
from pmdesk.model.derived import tallies, theme_cards
from pmdesk.model.edits import EditError

from .conftest import RoundTrip


def ids(board: Board, theme_id: str) -> list[str]:
    return [card.id for card in theme_cards(board, theme_id)]


def test_add_card_goes_to_the_end_of_its_section(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, card_ops.add_card(board, "went-well", "Pager worked", "p2", card_id="n1"))
    went_well = [card.id for card in board.cards if card.section == "went-well"]
    assert went_well[-1] == "n1"
    assert card_ops.card(board, "n1").author == "p2"


def test_add_card_into_a_theme(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, card_ops.add_card(board, "went-well", "x", card_id="n1", theme_id="t1"))
    assert ids(board, "t1") == ["c1", "c2", "n1"]


def test_add_card_checks_its_references(board: Board) -> None:
    with pytest.raises(EditError):
        card_ops.add_card(board, "nope", "x")
    with pytest.raises(EditError):
        card_ops.add_card(board, "went-well", "x", author="ghost")
    with pytest.raises(EditError):
        card_ops.add_card(board, "lessons", "x", theme_id="t1")


@pytest.mark.parametrize(("name", "value"), [("text", "new <b>text</b>"), ("notes", "n"), ("author", None)])
def test_set_card_field(board: Board, round_trip: RoundTrip, name: str, value: str | None) -> None:
    round_trip(board, card_ops.set_card_field(board, "c3", name, value))
    assert getattr(card_ops.card(board, "c3"), name) == value


def test_set_card_field_refuses_unknown_fields_and_authors(board: Board) -> None:
    with pytest.raises(EditError):
        card_ops.set_card_field(board, "c3", "section", "lessons")
    with pytest.raises(EditError):
        card_ops.set_card_field(board, "c3", "author", "ghost")
    with pytest.raises(EditError, match="nothing to change"):
        card_ops.set_card_field(board, "c3", "text", card_ops.card(board, "c3").text)


def test_grouping_a_card_with_dots_moves_the_dots_to_the_theme(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, card_ops.group_cards(board, ["c21", "c22"], "Config and paging", theme_id="t9"))
    counts = tallies(board)
    assert counts["t9"] == 3 and counts["c21"] == 0 and counts["c22"] == 0
    assert ids(board, "t9") == ["c21", "c22"]
    assert card_ops.theme(board, "t9").label == "Config and paging"


def test_grouping_cards_of_another_section_moves_them(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, card_ops.group_cards(board, ["c3", "c21"], theme_id="t9"))
    assert card_ops.card(board, "c21").section == "went-well"
    assert tallies(board)["t9"] == 2


def test_grouping_the_last_card_of_a_theme_hands_over_its_dots(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, card_ops.remove_from_theme(board, ["c19"]))
    round_trip(board, card_ops.group_cards(board, ["c20", "c24"], theme_id="t9"))
    assert "t4" not in {theme.id for theme in board.themes}
    assert tallies(board)["t9"] == 2
    # The action followed the dissolved theme to its last card, and stays on that card.
    assert [a.source for a in board.actions if a.id == "a3"] == ["c20"]


def test_add_to_theme(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, card_ops.add_to_theme(board, ["c21", "c24"], "t4"))
    assert ids(board, "t4") == ["c19", "c20", "c21", "c24"]
    assert tallies(board)["t4"] == 4


def test_add_to_theme_from_another_theme(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, card_ops.add_to_theme(board, ["c1", "c2"], "t2"))
    assert "t1" not in {theme.id for theme in board.themes}
    assert {card_ops.card(board, c).section for c in ("c1", "c2")} == {"lessons"}


def test_remove_from_theme_keeps_the_theme_while_cards_remain(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, card_ops.remove_from_theme(board, ["c7"]))
    assert ids(board, "t2") == ["c8", "c9"]
    assert card_ops.card(board, "c7").theme is None
    assert tallies(board)["t2"] == 4 and tallies(board)["c7"] == 0


def test_removing_the_last_card_dissolves_the_theme_into_it(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, card_ops.remove_from_theme(board, ["c19", "c20"]))
    assert "t4" not in {theme.id for theme in board.themes}
    assert tallies(board)["c20"] == 2
    assert next(a for a in board.actions if a.id == "a3").source == "c20"


def test_ungroup_gives_dots_and_actions_to_the_first_card(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, card_ops.ungroup(board, "t3"))
    assert "t3" not in {theme.id for theme in board.themes}
    assert all(card_ops.card(board, c).theme is None for c in ("c13", "c14", "c15"))
    assert tallies(board)["c13"] == 4
    assert next(a for a in board.actions if a.id == "a2").source == "c13"


def test_ungroup_an_empty_theme_releases_its_dots(round_trip: RoundTrip) -> None:
    from pmdesk.model.board import Theme, Vote
    from pmdesk.model.templates import new_board

    board = new_board("x")
    board.themes.append(Theme("t1", "lessons", "empty"))
    board.votes.append(Vote(None, "t1"))
    round_trip(board, card_ops.ungroup(board, "t1"))
    assert board.themes == [] and board.votes == []


def test_merge_themes(board: Board, round_trip: RoundTrip) -> None:
    card_ops.theme(board, "t2").notes = "probe"
    card_ops.theme(board, "t3").notes = "canary"
    round_trip(board, card_ops.merge_themes(board, "t2", "t3"))
    assert "t2" not in {theme.id for theme in board.themes}
    assert ids(board, "t3") == ["c13", "c14", "c15", "c7", "c8", "c9"]
    assert {card_ops.card(board, c).section for c in ids(board, "t3")} == {"future"}
    assert tallies(board)["t3"] == 8
    assert next(a for a in board.actions if a.id == "a1").source == "t3"
    assert card_ops.theme(board, "t3").notes == "canary\nprobe"


def test_merge_into_itself_is_refused(board: Board) -> None:
    with pytest.raises(EditError):
        card_ops.merge_themes(board, "t1", "t1")


def test_label_and_notes_of_a_theme(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, card_ops.set_theme_field(board, "t1", "label", "Rollback & revert"))
    round_trip(board, card_ops.set_theme_field(board, "t1", "notes", "discussed"))
    assert card_ops.theme(board, "t1").label == "Rollback & revert"
    with pytest.raises(EditError):
        card_ops.set_theme_field(board, "t1", "section", "lessons")


def test_move_card_to_another_section_keeps_its_dots(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, card_ops.move_card(board, "c21", "lessons", before="c10"))
    assert card_ops.card(board, "c21").section == "lessons"
    lessons = [card.id for card in board.cards if card.section == "lessons" and card.theme is None]
    assert lessons[:2] == ["c21", "c10"]
    assert tallies(board)["c21"] == 2


def test_move_card_within_a_section(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, card_ops.move_card(board, "c6", "went-well", before="c3"))
    went_well = [card.id for card in board.cards if card.section == "went-well" and card.theme is None]
    assert went_well == ["c6", "c3", "c4", "c5"]


def test_move_card_into_a_theme_before_a_member(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, card_ops.move_card(board, "c10", "lessons", before="c8", theme_id="t2"))
    assert ids(board, "t2") == ["c7", "c10", "c8", "c9"]


def test_move_card_out_of_a_theme(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, card_ops.move_card(board, "c1", "ongoing"))
    assert card_ops.card(board, "c1").theme is None
    assert ids(board, "t1") == ["c2"]


def test_delete_cards_releases_dots_and_unlinks_actions(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, card_ops.delete_cards(board, ["c21", "c23"]))
    assert {"c21", "c23"}.isdisjoint(card.id for card in board.cards)
    assert {"c21", "c23"}.isdisjoint(vote.target for vote in board.votes)
    action = next(a for a in board.actions if a.id == "a4")
    assert action.source is None and action.text


def test_deleting_all_cards_of_a_theme_deletes_it(board: Board, round_trip: RoundTrip) -> None:
    round_trip(board, card_ops.delete_cards(board, ["c19", "c20"]))
    assert "t4" not in {theme.id for theme in board.themes}
    assert "t4" not in {vote.target for vote in board.votes}
    assert next(a for a in board.actions if a.id == "a3").source is None


def test_merged_keeps_the_last_setting_of_a_field_and_every_structural_edit() -> None:
    from pmdesk.model.edits import Insert, SetField, merged, primitives

    first = SetField("cards", "c1", "text", "a")
    second = SetField("cards", "c1", "text", "ab")
    other = SetField("cards", "c2", "text", "z")
    insert = Insert("cards", 0, None)
    assert list(primitives(merged("Edit", first, second))) == [second]
    assert list(primitives(merged("Edit", first, other))) == [first, other]
    # A structural edit in between keeps both settings: they may not address the same state.
    both = merged("Edit", merged("Edit", first, insert), second)
    assert list(primitives(both)) == [first, insert, second]


def test_compose_builds_several_operations_into_one_step_and_leaves_the_board_alone() -> None:
    from functools import partial

    from pmdesk.model.edits import NothingToChange, apply_edit
    from pmdesk.model.recorder import compose
    from pmdesk.model.templates import new_board

    board = new_board()
    steps = [
        partial(card_ops.add_card, section_id="went-well", text="one", card_id="k1"),
        partial(card_ops.add_card, section_id="went-well", text="two", card_id="k2"),
    ]
    batch = compose(board, "Add two", steps)
    assert board.cards == []  # built on the board, then restored
    inverse = apply_edit(board, batch)
    assert [card.id for card in board.cards] == ["k1", "k2"]
    apply_edit(board, inverse)
    assert board.cards == []
    with pytest.raises(NothingToChange):
        compose(board, "Nothing", [])
