"""How a column draws its cards: the window's theme is looked up once for each card painted."""

from __future__ import annotations

from typing import Any

import pytest

from pmdesk.ui.board import card_delegate
from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.palette import Palette
from tests.ui.board.helpers import column


def test_a_card_painted_asks_for_the_theme_once(page: BoardPage, monkeypatch: pytest.MonkeyPatch) -> None:
    view = column(page, "went-well").view
    delegate = view.card_delegate
    asked: list[object] = []
    painted: list[object] = []
    lookup, paint = card_delegate.current_palette, delegate.paint

    def counting_lookup(owner: Any = None) -> Palette:
        asked.append(owner)
        return lookup(owner)

    def counting_paint(*args: Any) -> None:
        painted.append(args)
        paint(*args)

    monkeypatch.setattr(card_delegate, "current_palette", counting_lookup)
    monkeypatch.setattr(delegate, "paint", counting_paint)
    for _twice in range(2):  # drawn once, then from the pictures kept of the cards
        view.viewport().grab()
    assert painted
    assert len(asked) == len(painted)
