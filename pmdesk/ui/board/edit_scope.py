"""Which cards and themes an edit touched, found by replaying it on the ids of the board's lists.

A removal or a reorder names a position, not an id; the board model keeps the ids of the card and
theme lists in order and replays each edit's steps on them, so it knows which items came, went or
moved, and which sections it has to bring up to date (instead of every section of the board).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from pmdesk.model.board import Board, Card, Theme
from pmdesk.model.edits import Edit, Insert, Remove, Reorder, SetField, primitives

LISTS = ("cards", "themes")
Item = TypeVar("Item", Card, Theme)


@dataclass
class Scope:
    """What one edit did to the card and theme lists, by collection."""

    touched: set[str] = field(default_factory=set)  # every card or theme id set, added, removed or moved
    inserted: dict[str, list[str]] = field(default_factory=lambda: {name: [] for name in LISTS})
    removed: dict[str, list[str]] = field(default_factory=lambda: {name: [] for name in LISTS})


class IdOrder:
    """The ids of the board's card and theme lists, kept in step with the edits applied."""

    def __init__(self, board: Board) -> None:
        self.ids: dict[str, list[str]] = {}
        self.reset(board)

    def reset(self, board: Board) -> None:
        """Read the ids from the board (after a whole-board change)."""
        self.ids = {
            "cards": [card.id for card in board.cards],
            "themes": [theme.id for theme in board.themes],
        }

    def follow(self, edit: Edit, board: Board) -> Scope | None:
        """Replay ``edit`` (already applied to ``board``); None when it does not fit (read again)."""
        ids = {name: list(order) for name, order in self.ids.items()}
        scope = Scope()
        try:
            for step in primitives(edit):
                order = ids.get(step.collection)
                if order is None:
                    continue
                if isinstance(step, SetField):
                    scope.touched.add(step.item_id or "")
                elif isinstance(step, Insert):
                    item_id = str(step.item.id)
                    order.insert(step.index, item_id)
                    scope.touched.add(item_id)
                    scope.inserted[step.collection].append(item_id)
                elif isinstance(step, Remove):
                    item_id = order.pop(step.index)
                    scope.touched.add(item_id)
                    scope.removed[step.collection].append(item_id)
                elif isinstance(step, Reorder):
                    item_id = order.pop(step.source)
                    order.insert(step.target, item_id)
                    scope.touched.add(item_id)
        except (IndexError, AttributeError):
            self.reset(board)
            return None
        if len(ids["cards"]) != len(board.cards) or len(ids["themes"]) != len(board.themes):
            self.reset(board)
            return None
        self.ids = ids
        return scope

    def inserted(self, scope: Scope, collection: str, items: list[Item]) -> dict[str, Item]:
        """The items ``scope`` inserted into ``collection`` (``items``, the board's list), by id."""
        ids = scope.inserted[collection]
        if len(ids) > 20:  # many (an undone delete): one pass over the list
            wanted = set(ids)
            return {item.id: item for item in items if item.id in wanted}
        order = self.ids[collection]
        found = {}
        for item_id in ids:
            try:
                found[item_id] = items[order.index(item_id)]
            except ValueError:  # inserted and removed again by the same edit
                continue
        return found

    def gone(self, scope: Scope, collection: str) -> list[str]:
        """The ids ``scope`` removed from ``collection`` that are not back in it."""
        removed = scope.removed[collection]
        if not removed:
            return []
        kept = set(self.ids[collection])
        return [item_id for item_id in removed if item_id not in kept]
