"""The window's pages: one key per page, and what a page may offer the meeting.

A page is any QWidget added under a ``PageKey``. Besides being shown, a page may take part in
the meeting through the capabilities below; the meeting asks for a capability by its protocol
(``isinstance(page, Zoomable)``), so what a page offers is written down here, once, with types.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol, runtime_checkable


class PageKey(StrEnum):
    """The window's pages, in the order of the meeting (the tabs and Ctrl+1 … Ctrl+9 follow it)."""

    FACTS = "facts"
    TONE = "tone"
    REVIEW = "review"
    BOARD = "board"
    FOCUS = "focus"
    PRIORITIES = "priorities"
    ACTIONS = "actions"
    WRAP_UP = "wrap-up"
    ROOM = "room"


@runtime_checkable
class Zoomable(Protocol):
    """A page whose text scales (Ctrl+= / Ctrl+−, presentation mode)."""

    def set_zoom(self, factor: float) -> None:
        """Scale the page's text (1.0 is normal)."""


@runtime_checkable
class Presentable(Protocol):
    """A page with its own look on the projector (large type, no editing chrome)."""

    def set_presenting(self, on: bool) -> None:
        """Presenting on or off."""


@runtime_checkable
class Enterable(Protocol):
    """A page that takes the keyboard when its phase begins (Focus)."""

    def enter(self) -> None:
        """Shown for its phase: take the keyboard."""


@runtime_checkable
class CardBoard(Protocol):
    """The page where cards are written and voted on (the Board)."""

    def focus_card_entry(self, section_id: str | None = None) -> None:
        """Put the cursor in a column's card entry."""

    def start_voting(self, on: bool) -> None:
        """Dot voting on or off."""

    def set_author(self, person_id: str | None) -> None:
        """Who writes the next cards."""

    def add_card(self, section_id: str, text: str) -> bool:
        """Add a card by the current author."""
