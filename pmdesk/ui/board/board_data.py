"""What a row of the board shows: the item roles, and the board model's answers for a node."""

from __future__ import annotations

from collections import Counter
from typing import Any, NamedTuple

from PySide6.QtCore import Qt

from pmdesk.model.board import Card, Participant, Section, Theme
from pmdesk.model.board_session import BoardSession
from pmdesk.ui.board.board_rows import Node
from pmdesk.ui.board.common import NO_AUTHOR_COLOR, initials
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.plain import plain_tooltip

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
COLOR_ROLE = Qt.ItemDataRole.UserRole + 3
INITIALS_ROLE = Qt.ItemDataRole.UserRole + 4
AUTHOR_ROLE = Qt.ItemDataRole.UserRole + 5
AUTHOR_NAME_ROLE = Qt.ItemDataRole.UserRole + 6
VOTES_ROLE = Qt.ItemDataRole.UserRole + 7
COUNT_ROLE = Qt.ItemDataRole.UserRole + 8
NOTES_ROLE = Qt.ItemDataRole.UserRole + 9
PROMPT_ROLE = Qt.ItemDataRole.UserRole + 10
DIM_ROLE = Qt.ItemDataRole.UserRole + 11  # True when a highlight or a search leaves this item out
PENDING_ROLE = Qt.ItemDataRole.UserRole + 12  # True for a card from a device, face down until revealed
THEME_ROLE = Qt.ItemDataRole.UserRole + 13  # the theme a card stands in (None for a loose card or a theme)


class Look(NamedTuple):
    """What a card's or theme's picture depends on, all at once (the card delegate draws it)."""

    kind: str
    text: str
    color: str
    initials: str
    author_name: str
    votes: int
    cards: int  # a theme's cards
    notes: bool
    pending: bool
    dim: bool
    in_theme: bool


def theme_of(node: Node) -> str | None:
    """The id of the theme a card's row stands under (None for a loose card or a theme)."""
    parent = node.parent
    return parent.item_id if parent is not None and parent.kind == "theme" else None


class BoardData:
    """The board model's answers for a node, by role or all at once (see ``BoardModel``)."""

    qt_document: QtDocument
    session: BoardSession
    sections: dict[str, Section]
    themes: dict[str, Theme]
    cards: dict[str, Card]
    people: dict[str, Participant]
    counts: Counter[str]
    _voted_by: set[str]

    @property
    def highlight(self) -> str | None:
        """The participant whose cards and dots stand out (the board session's)."""
        return self.session.highlight

    @highlight.setter
    def highlight(self, person_id: str | None) -> None:
        self.session.highlight = person_id

    @property
    def find_text(self) -> str:
        """What the find line looks for (the board session's)."""
        return self.session.find

    @find_text.setter
    def find_text(self, text: str) -> None:
        self.session.find = text

    def _highlighted_votes(self) -> set[str]:
        """What the highlighted person voted for; nothing while tallies are hidden (blind voting)."""
        board = self.qt_document.board
        if self.highlight is None or board.session.votes_hidden:
            return set()
        return {v.target for v in board.votes if v.participant == self.highlight}

    def node_data(self, node: Node, role: int) -> Any:
        """What a row shows, by role, for a node of the tree (the section models ask this too)."""
        if role == KIND_ROLE:
            return node.kind
        if role == ID_ROLE:
            return node.item_id
        if node.kind == "section":
            section = self.sections[node.item_id]
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return section.title
            return section.prompt if role == PROMPT_ROLE else None
        if node.kind == "theme":
            return self._theme_data(self.themes[node.item_id], node, role)
        if role == THEME_ROLE:
            return theme_of(node)
        return self._card_data(self.cards[node.item_id], role)

    def measure(self, node: Node) -> tuple[str, str, bool]:
        """What a row's height depends on: its kind, its text and whether it stands in a theme."""
        if node.kind == "theme":
            return "theme", self.themes[node.item_id].label, False
        if node.kind == "card":
            return "card", self.cards[node.item_id].text, theme_of(node) is not None
        return node.kind, "", False

    def look(self, node: Node) -> Look:
        """Everything the card delegate draws for a theme or card, in one call."""
        if node.kind == "theme":
            theme = self.themes[node.item_id]
            count = len(node.children)
            return Look(
                "theme",
                theme.label,
                "",
                "",
                "",
                self.counts[theme.id],
                count,
                bool(theme.notes),
                False,
                self._dim_theme(theme, node),
                False,
            )
        if node.kind != "card":
            return Look(node.kind, "", "", "", "", 0, 0, False, False, False, False)
        card = self.cards[node.item_id]
        person = self.people.get(card.author or "")
        in_theme = theme_of(node) is not None
        return Look(
            "card",
            card.text,
            person.color if person else NO_AUTHOR_COLOR,
            initials(person.name) if person else "",
            person.name if person else "",
            self.counts[card.id] if card.theme is None else 0,
            0,
            bool(card.notes),
            bool(card.pending),
            self._dim_card(card),
            in_theme,
        )

    def _theme_data(self, theme: Theme, node: Node, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return theme.label
        if role == VOTES_ROLE:
            return self.counts[theme.id]
        if role == COUNT_ROLE:
            return len(node.children)
        if role == NOTES_ROLE:
            return theme.notes
        if role == Qt.ItemDataRole.ToolTipRole:
            text = theme.label or "(unlabelled theme)"
            return plain_tooltip(f"{text}\n\nNotes:\n{theme.notes}" if theme.notes else text)
        if role == DIM_ROLE:
            return self._dim_theme(theme, node)
        return None

    def _card_data(self, card: Card, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return card.text
        person = self.people.get(card.author or "")
        if role == COLOR_ROLE:
            return person.color if person else NO_AUTHOR_COLOR
        if role == INITIALS_ROLE:
            return initials(person.name) if person else ""
        if role == AUTHOR_ROLE:
            return card.author
        if role == AUTHOR_NAME_ROLE:
            return person.name if person else ""
        if role == VOTES_ROLE:
            return self.counts[card.id] if card.theme is None else 0
        if role == NOTES_ROLE:
            return card.notes
        if role == PENDING_ROLE:
            return card.pending
        if role == Qt.ItemDataRole.ToolTipRole:
            who = f"\n\n— {person.name}" if person else ""
            notes = f"\n\nNotes:\n{card.notes}" if card.notes else ""
            down = "\n\nFrom a device: face down in the room until you reveal it." if card.pending else ""
            return plain_tooltip(f"{card.text}{who}{notes}{down}")
        if role == DIM_ROLE:
            return self._dim_card(card)
        return None

    def finds(self, item_id: str, needle: str) -> bool:
        """Whether a card's text or notes, or a theme's label or notes, hold ``needle`` (casefolded)."""
        card = self.cards.get(item_id)
        if card is not None:
            return needle in card.text.casefold() or needle in card.notes.casefold()
        theme = self.themes[item_id]
        return needle in theme.label.casefold() or needle in theme.notes.casefold()

    def _matches(self, *texts: str) -> bool:
        needle = self.find_text.casefold()
        return any(needle in text.casefold() for text in texts)

    def _dim_card(self, card: Card) -> bool:
        if self.find_text and not self._matches(card.text, card.notes):
            return True
        if self.highlight is None:
            return False
        return card.author != self.highlight and card.id not in self._voted_by

    def _dim_theme(self, theme: Theme, node: Node) -> bool:
        members = [self.cards[child.item_id] for child in node.children]
        if self.find_text and not self._matches(theme.label, theme.notes, *(c.text for c in members)):
            return True
        if self.highlight is None:
            return False
        return theme.id not in self._voted_by and all(c.author != self.highlight for c in members)
