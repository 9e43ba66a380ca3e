"""What a drop on the board means: group, join a theme, merge themes, or move cards."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from pmdesk.model.board import Board
from pmdesk.model.card_ops import add_to_theme, group_cards, merge_themes, move_card
from pmdesk.model.edits import Batch
from pmdesk.model.ids import new_id
from pmdesk.model.recorder import Step, compose


class DropPlan(NamedTuple):
    """A drop's edit, built when dropped, and the new theme it makes (to ask its label)."""

    build: Callable[[Board], Batch]
    new_theme: str | None = None


def _one(name: str, steps: list[Step]) -> Callable[[Board], Batch]:
    return lambda board: compose(board, name, steps)


def plan_drop(
    board: Board, ids: list[str], kind: str, target_id: str, row: int, before: str | None
) -> DropPlan | None:
    """The plan for dropping ``ids`` on a row (``row`` -1) or between rows of ``target_id``."""
    card_by_id = {card.id: card for card in board.cards}
    cards = [item for item in ids if item in card_by_id]
    themes = [item for item in ids if item not in card_by_id]
    if target_id in ids:
        return None
    if kind == "card" and row == -1:
        target = card_by_id[target_id]
        if target.theme is not None:
            return _into_theme(board, cards, themes, target.theme)
        if themes:
            return None
        theme_id = new_id("t")
        return DropPlan(partial(group_cards, card_ids=[target_id, *cards], theme_id=theme_id), theme_id)
    if kind == "theme" and row == -1:
        return _into_theme(board, cards, themes, target_id)
    if themes:
        return None  # a theme moves only by merging into another theme
    if kind == "theme":
        section = next(t.section for t in board.themes if t.id == target_id)
        steps: list[Step] = [
            partial(move_card, card_id=c, section_id=section, before=before, theme_id=target_id)
            for c in cards
        ]
        return DropPlan(_one("Move card" if len(cards) == 1 else "Move cards", steps))
    if kind == "section":
        steps = [partial(move_card, card_id=c, section_id=target_id, before=before) for c in cards]
        return DropPlan(_one("Move card" if len(cards) == 1 else "Move cards", steps))
    return None


def _into_theme(board: Board, cards: list[str], themes: list[str], theme_id: str) -> DropPlan | None:
    if theme_id in themes:
        return None
    members = {card.id for card in board.cards if card.theme == theme_id}
    joining = [c for c in cards if c not in members]
    steps: list[Step] = [partial(merge_themes, source_id=t, target_id=theme_id) for t in themes]
    if joining:
        steps.append(partial(add_to_theme, card_ids=joining, theme_id=theme_id))
    if not steps:
        return None
    name = "Merge themes" if themes else "Add to theme"
    return DropPlan(_one(name, steps))
