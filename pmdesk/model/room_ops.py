"""Cards written on participants' devices: face down (pending) until the facilitator reveals them.

Each operation returns one named, undoable batch, like every other operation. A pending card
stands at the end of its section, is in no theme, takes no dots and answers no action; the
projector shows it face down and the report leaves it out until ``reveal_cards`` turns every
pending card of the board into an ordinary card with its author (or none).
"""

from __future__ import annotations

from dataclasses import replace

from pmdesk.model.board import Board, Card
from pmdesk.model.card_ops import card
from pmdesk.model.edits import Batch, EditError, find_index
from pmdesk.model.recorder import finished, recording
from pmdesk.model.rules import require


def pending_cards(board: Board) -> list[Card]:
    """The cards still face down, in board order."""
    return [item for item in board.cards if item.pending]


def revealed_cards(board: Board) -> list[Card]:
    """The cards the room may see (every card that is not pending), in board order."""
    return [item for item in board.cards if not item.pending]


def without_pending(board: Board) -> Board:
    """A shallow copy of ``board`` without its pending cards (what the report and the room see)."""
    if not any(item.pending for item in board.cards):
        return board
    return replace(board, cards=revealed_cards(board))


def pending_counts(board: Board) -> dict[str, int]:
    """How many cards lie face down in each section, by section id (every section present)."""
    counts = {section.id: 0 for section in board.sections}
    for item in board.cards:
        if item.pending:
            counts[item.section] = counts.get(item.section, 0) + 1
    return counts


def _pending(board: Board, card_id: str) -> Card:
    item = card(board, card_id)
    if not item.pending:
        raise EditError("This card has been revealed: it can no longer be changed from a device.")
    return item


def add_device_card(board: Board, card_id: str, section_id: str, text: str, author: str | None) -> Batch:
    """Add a pending card written on a device at the end of its section."""
    require("cards", "id", card_id)
    require("cards", "text", text)
    if not text.strip():
        raise EditError("A card needs some text.")
    find_index(board, "sections", section_id)
    if author is not None:
        find_index(board, "participants", author)
    if any(item.id == card_id for item in board.cards) or any(t.id == card_id for t in board.themes):
        raise EditError(f"there is already a card with id {card_id!r}")
    with recording(board, "Add card from a device") as rec:
        # At the end of the list, which is the end of its section (a section shows its cards in
        # list order), so the file moves no other card's position.
        rec.append("cards", Card(card_id, section_id, text, author, pending=True))
    return finished(rec)


def edit_device_card(
    board: Board, card_id: str, text: str | None = None, section_id: str | None = None
) -> Batch:
    """Change the text or the section of a pending card (refused once revealed)."""
    item = _pending(board, card_id)
    if text is not None:
        require("cards", "text", text)
        if not text.strip():
            raise EditError("A card needs some text.")
    with recording(board, "Edit card from a device") as rec:
        if text is not None:
            rec.set("cards", card_id, "text", text)
        if section_id is not None and section_id != item.section:
            find_index(board, "sections", section_id)
            source = find_index(board, "cards", card_id)
            rec.set("cards", card_id, "section", section_id)
            last = max(
                (
                    i
                    for i, other in enumerate(board.cards)
                    if other.section == section_id and other.id != card_id
                ),
                default=None,
            )
            target = len(board.cards) - 1 if last is None else (last if last > source else last + 1)
            rec.move("cards", source, target)
    return finished(rec)


def delete_device_card(board: Board, card_id: str) -> Batch:
    """Delete a pending card its author withdrew on their device (refused once revealed)."""
    _pending(board, card_id)
    with recording(board, "Delete card from a device") as rec:
        rec.remove("cards", card_id)
    return finished(rec)


def hide_card(board: Board, card_id: str) -> Batch:
    """Moderation: take a pending card off the board before anyone sees it (undo brings it back)."""
    _pending(board, card_id)
    with recording(board, "Hide card") as rec:
        rec.remove("cards", card_id)
    return finished(rec)


def reveal_cards(board: Board) -> Batch:
    """Show the room the reflection cards: every pending card becomes an ordinary card, one step.

    The board keeps that the cards were revealed (``session.cards_revealed``), so a board
    reopened mid-meeting shows them as they were; undo turns them face down again.
    """
    pending = pending_cards(board)
    if not pending and board.session.cards_revealed:
        raise EditError("There are no cards face down to reveal.")
    name = "Reveal cards" if len(pending) != 1 else "Reveal card"
    if len(pending) > 1:
        name = f"Reveal {len(pending)} cards"
    with recording(board, name) as rec:
        for item in pending:
            rec.set("cards", item.id, "pending", False)
        if not board.session.cards_revealed:
            rec.set("session", None, "cards_revealed", True)
    return finished(rec)
