"""What one device may see of the board: the JSON of ``GET J/state`` (docs/room.md).

Built on the server's threads from a copy of the board (``board_copy``, made once per change
inside ``RoomGateway.read``), copying out plain values only. A device sees its own face-down
cards and no one else's, its own dots and no tallies while voting, and the revealed board (with
tallies once they are shown) in the other phases.
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from typing import Any

from pmdesk.model.board import Board, Card, Theme
from pmdesk.model.derived import dots_left, items_by_section
from pmdesk.model.room_ops import pending_counts, without_pending
from pmdesk.room.gateway import RoomPhase


def board_copy(board: Board) -> Board:
    """A copy of the board that later edits of the live one do not touch (items are copied too).

    Items hold only strings, numbers and booleans, so a shallow copy of each is a full copy; it
    is made field by field (about 3 µs an item; ``copy.copy`` takes three times as long).
    """
    parts: dict[str, Any] = {}
    for field in dataclasses.fields(board):
        value = getattr(board, field.name)
        parts[field.name] = (
            [_item_copy(item) for item in value] if isinstance(value, list) else _item_copy(value)
        )
    return Board(**parts)


def _item_copy(item: Any) -> Any:
    made = object.__new__(type(item))
    made.__dict__.update(item.__dict__)
    return made


def phase_json(phase: RoomPhase, now: float | None = None) -> dict[str, Any]:
    """The phase as a device sees it; ``remaining`` in whole seconds (negative once overrun)."""
    now = time.time() if now is None else now
    if phase.paused_remaining is not None:
        remaining: int | None = round(phase.paused_remaining)
    elif phase.ends_at is not None:
        remaining = round(phase.ends_at - now)
    else:
        remaining = None
    return {
        "mode": phase.mode,
        "title": phase.title,
        "ends_at": phase.ends_at,
        "remaining": remaining,
        "running": phase.ends_at is not None and phase.paused_remaining is None,
        "anonymous": phase.anonymous,
    }


def _card_json(card: Card, names: dict[str, str], tally: Counter[str] | None) -> dict[str, Any]:
    shown: dict[str, Any] = {"kind": "card", "id": card.id, "text": card.text}
    shown["author"] = names.get(card.author or "", "")
    if tally is not None:
        shown["votes"] = tally[card.id]
    return shown


def _board_json(board: Board, tallies_shown: bool) -> list[dict[str, Any]]:
    """The revealed board, section by section: loose cards and themes with their cards."""
    revealed = without_pending(board)
    names = {person.id: person.name for person in board.participants}
    tally: Counter[str] | None = Counter(v.target for v in board.votes) if tallies_shown else None
    members: dict[str, list[Card]] = {}
    for card in revealed.cards:
        if card.theme is not None:
            members.setdefault(card.theme, []).append(card)
    columns = []
    for section in board.sections:
        items: list[dict[str, Any]] = []
        for item in items_by_section(revealed).get(section.id, []):
            if isinstance(item, Theme):
                theme: dict[str, Any] = {
                    "kind": "theme",
                    "id": item.id,
                    "label": item.label,
                    "cards": [_card_json(card, names, None) for card in members.get(item.id, [])],
                }
                if tally is not None:
                    theme["votes"] = tally[item.id]
                items.append(theme)
            else:
                items.append(_card_json(item, names, tally))
        columns.append({"section": section.id, "items": items})
    return columns


def device_state(
    board: Board,
    phase: RoomPhase,
    prefix: str,
    participant: str | None,
    taken: set[str],
) -> dict[str, Any]:
    """The state one device sees: ``prefix`` marks its own cards, ``participant`` its chosen name."""
    mode = phase.mode
    people = {person.id for person in board.participants}
    me = participant if participant in people else None
    mine = [
        {"id": card.id, "section": card.section, "text": card.text}
        for card in board.cards
        if card.pending and card.id.startswith(prefix)
    ]
    tallies_shown = mode == "view" and not board.session.votes_hidden
    state: dict[str, Any] = {
        "phase": phase_json(phase),
        "sections": [{"id": s.id, "title": s.title, "prompt": s.prompt} for s in board.sections],
        "participants": [
            {"id": p.id, "name": p.name, "color": p.color, "taken": p.id in taken and p.id != me}
            for p in board.participants
        ],
        "me": {
            "participant": me,
            "dots_left": max(0, dots_left(board, me)) if me else 0,
        },
        "votes_per_participant": board.session.votes_per_participant,
        "mine": mine,
        "my_dots": [vote.target for vote in board.votes if me is not None and vote.participant == me],
        "pending": pending_counts(board),
        "tallies_shown": tallies_shown,
        "votes_hidden": board.session.votes_hidden,
        "cards_revealed": board.session.cards_revealed,
        # While people write, nothing shows face up until the facilitator reveals the cards;
        # once revealed, a phone shows what the projector shows (its own cards among them).
        "board": _board_json(board, tallies_shown) if mode != "write" or board.session.cards_revealed else [],
    }
    return state
