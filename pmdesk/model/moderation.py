"""Moderating cards from devices before the reveal: hide some, merge duplicates (one step each)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from pmdesk.model.board import Board
from pmdesk.model.card_ops import card
from pmdesk.model.edits import Batch, EditError
from pmdesk.model.recorder import compose
from pmdesk.model.room_ops import hide_card


def hide_cards(board: Board, card_ids: Sequence[str]) -> Batch:
    """Take face-down cards off the board before anyone sees them, as one step."""
    ids = list(dict.fromkeys(card_ids))
    if not ids:
        raise EditError("Select the face-down cards to hide.")
    if not all(card(board, card_id).pending for card_id in ids):
        raise EditError("Only cards still face down can be hidden; delete a revealed card instead.")
    name = "Hide card" if len(ids) == 1 else f"Hide {len(ids)} cards"
    return compose(board, name, [partial(hide_card, card_id=card_id) for card_id in ids])


def merge_duplicates(board: Board, card_ids: Sequence[str]) -> Batch:
    """Keep one of several cards that say the same thing and hide the face-down others (one step).

    The card kept is the first revealed one among them, else the first in board order; every
    other card must still be face down (a revealed card is part of the meeting's record).
    """
    ids = set(card_ids)
    chosen = [item for item in board.cards if item.id in ids]
    if len(chosen) < 2:
        raise EditError("Select two or more cards that say the same thing.")
    revealed = [item for item in chosen if not item.pending]
    if len(revealed) > 1:
        raise EditError("Only one of the cards may be revealed already; the others must be face down.")
    keep = revealed[0] if revealed else chosen[0]
    others = [item.id for item in chosen if item.id != keep.id]
    name = "Merge 2 duplicate cards" if len(chosen) == 2 else f"Merge {len(chosen)} duplicate cards"
    return compose(board, name, [partial(hide_card, card_id=card_id) for card_id in others])
