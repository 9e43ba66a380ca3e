"""Change sets: what an edit changed, as the views ask it."""

from __future__ import annotations

from pmdesk.model import board_ops, card_ops
from pmdesk.model.board import Board
from pmdesk.model.changes import Changes, changes_of
from pmdesk.model.edits import apply_edit


def test_typing_in_the_summary_concerns_only_that_incident_field(board: Board) -> None:
    changes = changes_of(board_ops.set_incident_field(board, "summary", "Checkout was down"))
    assert changes.entities == {"incident"}
    assert changes.concerns("incident") and changes.concerns("incident.summary")
    assert not changes.concerns("incident.title")
    assert not changes.concerns("cards", "themes", "sections", "votes", "session", "actions")


def test_a_card_text_edit_names_the_card_and_the_field(board: Board) -> None:
    card = board.cards[0]
    changes = changes_of(card_ops.set_card_field(board, card.id, "text", "new words"))
    assert changes.ids_of("cards") == {card.id}
    assert changes.fields_of("cards") == {"text"}
    assert changes.only_fields("cards", {"text", "notes"})
    assert not changes.concerns("cards.section")


def test_adding_a_card_reshapes_the_cards_list(board: Board) -> None:
    changes = changes_of(card_ops.add_card(board, board.sections[0].id, "a card", None))
    assert "cards" in changes.reshaped
    assert changes.concerns("cards.section") and changes.concerns("cards.text")
    assert not changes.only_fields("cards", {"text"})


def test_grouping_cards_changes_cards_and_themes_in_one_set(board: Board) -> None:
    loose = [c.id for c in board.cards if c.theme is None and c.section == board.cards[0].section][:2]
    edit = card_ops.group_cards(board, loose, "A theme")
    changes = changes_of(edit)
    assert {"cards", "themes"} <= changes.entities
    assert changes.edit is edit


def test_undo_yields_the_same_kinds_of_change(board: Board) -> None:
    edit = board_ops.set_incident_field(board, "title", "Another title")
    inverse = apply_edit(board, edit)
    assert changes_of(inverse).concerns("incident.title")
    assert not changes_of(inverse).concerns("incident.summary")


def test_everything_concerns_every_view() -> None:
    everything = Changes.everything()
    assert everything.concerns("cards") and everything.concerns("incident.title")
    assert not everything.only_fields("cards", {"text"})


def test_the_origin_is_carried_but_not_compared(board: Board) -> None:
    edit = board_ops.set_incident_field(board, "title", "x")
    assert changes_of(edit, origin="form") == changes_of(edit)
    assert changes_of(edit, origin="form").origin == "form"
