"""What a device may change, as named commands: plain values that cross a process boundary.

The room's request handler turns each POST into one ``RoomCommand`` (add, edit or delete one's
own card; place or take back a dot). A command is also the edit builder a ``RoomGateway``
applies: calling it with the board returns the edit. Being only a name and strings, it goes as
JSON from the room's server process to the window (``pmdesk.room.worker``), where it is read
back with ``RoomCommand.from_json``, which accepts nothing but these five shapes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pmdesk.model.board import Board
from pmdesk.model.edits import Edit, EditError
from pmdesk.model.room_ops import add_device_card, delete_device_card, edit_device_card
from pmdesk.model.vote_ops import place_vote, remove_vote


class CardExists(EditError):
    """The card of this id is already on the board (a device's retry)."""


def _add_card(board: Board, card_id: str, section: str, text: str, author: str | None) -> Edit:
    if any(card.id == card_id for card in board.cards):
        raise CardExists(card_id)
    return add_device_card(board, card_id, section, text, author)


def _edit_card(board: Board, card_id: str, text: str | None, section: str | None) -> Edit:
    return edit_device_card(board, card_id, text=text, section_id=section)


# Each command's builder and which of its arguments may be None (the rest are strings).
_BUILDERS: dict[str, tuple[Callable[..., Edit], tuple[bool, ...]]] = {
    "add_card": (_add_card, (False, False, False, True)),
    "edit_card": (_edit_card, (False, True, True)),
    "delete_card": (delete_device_card, (False,)),
    "place_vote": (place_vote, (False, False)),
    "remove_vote": (remove_vote, (False, False)),
}


@dataclass(frozen=True)
class RoomCommand:
    """One change a device asks for: a command's name and its arguments (strings or None)."""

    name: str
    args: tuple[str | None, ...]

    def __call__(self, board: Board) -> Edit:
        """The edit this command makes on ``board`` (EditError when the board's rules refuse it)."""
        build, _ = _BUILDERS[self.name]
        return build(board, *self.args)

    def to_json(self) -> dict[str, Any]:
        """The command as a JSON value."""
        return {"name": self.name, "args": list(self.args)}

    @classmethod
    def from_json(cls, value: object) -> RoomCommand:
        """Read a command back from ``to_json``'s value; ValueError for anything else."""
        if not isinstance(value, dict) or set(value) != {"name", "args"}:
            raise ValueError("a command is an object with a name and its args")
        name, args = value["name"], value["args"]
        if not isinstance(name, str) or name not in _BUILDERS or not isinstance(args, list):
            raise ValueError("unknown command")
        nullable = _BUILDERS[name][1]
        if len(args) != len(nullable):
            raise ValueError(f"{name}: expected {len(nullable)} arguments")
        for arg, may_be_none in zip(args, nullable, strict=True):
            if not (isinstance(arg, str) or (arg is None and may_be_none)):
                raise ValueError(f"{name}: an argument is not text")
        return cls(name, tuple(args))


def add_card(card_id: str, section: str, text: str, author: str | None) -> RoomCommand:
    """Add a face-down card from a device (CardExists if a retry finds it already there)."""
    return RoomCommand("add_card", (card_id, section, text, author))


def edit_card(card_id: str, text: str | None, section: str | None) -> RoomCommand:
    """Change a device's face-down card's text or section (None keeps it)."""
    return RoomCommand("edit_card", (card_id, text, section))


def delete_card(card_id: str) -> RoomCommand:
    """Delete a device's face-down card."""
    return RoomCommand("delete_card", (card_id,))


def vote(participant: str, target: str, place: bool) -> RoomCommand:
    """Place a dot on ``target`` (or take one back) for ``participant``."""
    return RoomCommand("place_vote" if place else "remove_vote", (participant, target))
