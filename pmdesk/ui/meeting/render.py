"""Big, read-only widgets built from the board for the room: cards, sections, focus, ranking.

Every user text goes through ``plain_label`` (Qt.PlainText). Sizes are in pixels at a zoom
factor; card text is 28 px at zoom 1.0, readable from the back of a room on a 1080p projector.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from pmdesk.model.board import Board, Card, Theme
from pmdesk.model.derived import ranking, section_items, tallies, theme_cards
from pmdesk.model.shown import isolated
from pmdesk.model.templates import BLAMELESS_REMINDER, PRIME_DIRECTIVE, PRIME_DIRECTIVE_AUTHOR
from pmdesk.report.common import plural
from pmdesk.ui.palette import Palette as Colours
from pmdesk.ui.plain import plain_label

CARD_PX = 28  # card text at zoom 1.0
MAX_PER_SECTION = 8  # a projector column holds this many cards; the rest is counted


class Look:
    """A theme's colours and a zoom factor, for sizing and colouring what is built."""

    def __init__(self, colours: Colours, zoom: float = 1.0) -> None:
        self.colours = colours
        self.zoom = zoom

    def px(self, scale: float = 1.0) -> int:
        """Pixels for a text ``scale`` times the card text size."""
        return max(8, round(CARD_PX * scale * self.zoom))

    def label(
        self, text: str, scale: float = 1.0, colour: str | None = None, bold: bool = False, wrap: bool = True
    ) -> QLabel:
        """A plain-text label at a size and colour; a very long word wraps inside itself."""
        label = plain_label(text, wrap=wrap, wrap_anywhere=True)
        weight = "bold" if bold else "normal"
        label.setStyleSheet(
            f"font-size:{self.px(scale)}px;font-weight:{weight};color:{colour or self.colours.text};"
            "background:transparent;"
        )
        return label

    def note(self, text: str, background: str, colour: str, scale: float = 1.0, bold: bool = False) -> QFrame:
        """A sticky note: a padded, coloured box around plain text."""
        frame = QFrame()
        frame.setObjectName("Note")
        pad = self.px(0.45)
        frame.setStyleSheet(
            f"QFrame#Note{{background:{background};border:2px solid {self.colours.text};"
            f"border-radius:{self.px(0.2)}px;}}"
        )
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(pad, pad * 2 // 3, pad, pad * 2 // 3)
        layout.addWidget(self.label(text, scale, colour, bold))
        return frame


def column(spacing: int = 12) -> tuple[QWidget, QVBoxLayout]:
    """An empty widget with a vertical layout."""
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    return widget, layout


def tone_view(look: Look) -> QWidget:
    """The Retrospective Prime Directive and the blameless reminder, large."""
    widget, layout = column(look.px(0.8))
    layout.addStretch(1)
    layout.addWidget(look.label("The Retrospective Prime Directive", 1.1, look.colours.accent, bold=True))
    directive = look.label(f"“{PRIME_DIRECTIVE}”", 1.45)
    layout.addWidget(directive)
    layout.addWidget(look.label(f"— {PRIME_DIRECTIVE_AUTHOR}", 0.85, look.colours.muted))
    layout.addSpacing(look.px(0.6))
    layout.addWidget(
        look.note(BLAMELESS_REMINDER, look.colours.theme_card, look.colours.theme_card_text, 1.1)
    )
    layout.addStretch(2)
    return widget


def _item_note(look: Look, board: Board, item: Card | Theme, votes: int | None) -> QFrame:
    c = look.colours
    suffix = f"   ● {votes}" if votes is not None else ""
    if isinstance(item, Theme):
        count = len(theme_cards(board, item.id))
        text = f"{item.label or 'Untitled theme'}  ({plural(count, 'card')}){suffix}"
        return look.note(text, c.theme_card, c.theme_card_text, bold=True)
    return look.note(item.text + suffix, c.card, c.card_text)


def _face_down(look: Look, count: int) -> QFrame:
    """A stack of face-down cards: how many, never what they say."""
    c = look.colours
    box = look.note(str(count), c.button, c.button_text, 3.2, bold=True)
    words = look.label("card written" if count == 1 else "cards written", 1.0, c.button_text)
    for label in (*box.findChildren(QLabel), words):
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout = box.layout()
    if layout is not None:
        layout.addWidget(words)
    return box


def sections_view(look: Look, board: Board, face_down: bool, show_votes: bool = False) -> QWidget:
    """One column per section; face down shows only how many cards each holds, never their text."""
    widget = QWidget()
    grid = QGridLayout(widget)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(look.px(0.6))
    grid.setVerticalSpacing(look.px(0.35))
    counts = tallies(board) if show_votes else None
    for col, section in enumerate(board.sections):
        grid.setColumnStretch(col, 1)
        title = look.label(section.title, 1.0, look.colours.accent, bold=True)
        title.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # one line beside three
        grid.addWidget(title, 0, col)
        cards = [card for card in board.cards if card.section == section.id]
        if face_down:
            grid.addWidget(_face_down(look, len(cards)), 1, col)
            if col == 0:
                note = "Cards stay face down until the facilitator reveals them."
                grid.addWidget(look.label(note, 0.8, look.colours.muted), 2, 0, 1, len(board.sections))
            grid.setRowStretch(3, 1)
            continue
        items = section_items(board, section.id)
        for row, item in enumerate(items[:MAX_PER_SECTION], start=1):
            grid.addWidget(_item_note(look, board, item, counts[item.id] if counts else None), row, col)
        if len(items) > MAX_PER_SECTION:
            more = look.label(f"+ {len(items) - MAX_PER_SECTION} more", 0.8, look.colours.muted)
            grid.addWidget(more, MAX_PER_SECTION + 1, col)
    grid.setRowStretch(MAX_PER_SECTION + 2, 1)
    return widget


def focus_view(look: Look, board: Board, item: Card | Theme | None, position: str = "") -> QWidget:
    """One card or theme, large, with its notes (and a theme's cards)."""
    widget, layout = column(look.px(0.5))
    c = look.colours
    if item is None:
        layout.addWidget(look.label("No cards yet.", 1.4, c.muted))
        layout.addStretch(1)
        return widget
    section = next((s.title for s in board.sections if s.id == item.section), "")
    layout.addWidget(look.label(f"{section}   {position}".strip(), 0.9, c.accent, bold=True))
    if isinstance(item, Theme):
        layout.addWidget(
            look.note(item.label or "Untitled theme", c.theme_card, c.theme_card_text, 1.8, True)
        )
        row = QHBoxLayout()
        row.setSpacing(look.px(0.4))
        cards = theme_cards(board, item.id)
        for card in cards[:6]:
            row.addWidget(look.note(card.text, c.card, c.card_text, 0.95), 1)
        layout.addLayout(row)
        if len(cards) > 6:
            layout.addWidget(look.label(f"+ {len(cards) - 6} more cards", 0.8, c.muted))
    else:
        layout.addWidget(look.note(item.text, c.card, c.card_text, 1.9))
        author = next((p.name for p in board.participants if p.id == item.author), "")
        if author:
            layout.addWidget(look.label(author, 0.8, c.muted))
    if item.notes.strip():
        layout.addWidget(look.label("Notes", 0.8, c.accent, bold=True))
        layout.addWidget(look.label(item.notes, 1.0))
    layout.addStretch(1)
    return widget


def ranking_view(look: Look, board: Board, hidden: bool) -> QWidget:
    """Top priorities by dots; while tallies are hidden, only how many dots are placed."""
    widget, layout = column(look.px(0.35))
    c = look.colours
    if hidden:
        layout.addWidget(look.label("Dot voting", 1.3, c.accent, bold=True))
        layout.addWidget(
            look.label(f"{plural(len(board.votes), 'dot')} placed — tallies hidden until the reveal", 1.0)
        )
        layout.addSpacing(look.px(0.5))
        layout.addWidget(sections_view(look, board, face_down=False), 1)
        return widget
    layout.addWidget(look.label("Top priorities", 1.3, c.accent, bold=True))
    ranked = ranking(board)
    if not ranked:
        layout.addWidget(look.label("No dots yet.", 1.0, c.muted))
    for place, entry in enumerate(ranked[:8], start=1):
        line = QHBoxLayout()
        line.setSpacing(look.px(0.5))
        line.addWidget(look.label(f"{place}.", 1.1, c.accent, bold=True, wrap=False))
        line.addWidget(_item_note(look, board, entry.target, entry.votes), 1)
        layout.addLayout(line)
    layout.addStretch(1)
    return widget


def actions_view(look: Look, board: Board) -> QWidget:
    """The actions with their owners and due dates."""
    widget, layout = column(look.px(0.35))
    c = look.colours
    layout.addWidget(look.label("Actions", 1.3, c.accent, bold=True))
    names = {p.id: p.name for p in board.participants}
    for action in board.actions[:10]:
        owner = names.get(action.owner or "", "no owner yet")
        due = action.due or "no due date yet"
        # The owner's name set apart: an Arabic or Hebrew one turned the line right to left, and
        # the date read backwards ("08-12-2026").
        text = f"{action.text or '(no text)'}\n{isolated(owner)} · {due} · {action.priority}"
        box = look.note(text, c.card, c.card_text)
        layout.addWidget(box)
    if len(board.actions) > 10:
        layout.addWidget(look.label(f"+ {len(board.actions) - 10} more", 0.8, c.muted))
    if not board.actions:
        layout.addWidget(look.label("No actions yet.", 1.0, c.muted))
    layout.addStretch(1)
    return widget


def wrap_up_view(look: Look, board: Board) -> QWidget:
    """Key takeaways, the actions check, and the follow-up date."""
    widget, layout = column(look.px(0.4))
    c = look.colours
    layout.addWidget(look.label("Wrap-up", 1.3, c.accent, bold=True))
    if board.session.takeaways.strip():
        layout.addWidget(look.label("Key takeaways", 0.9, c.accent, bold=True))
        layout.addWidget(look.label(board.session.takeaways, 1.0))
    missing = [a for a in board.actions if not a.owner or not a.due]
    total = len(board.actions)
    if not board.actions:
        check = "No actions yet."
    elif not missing:
        check = (
            "The action has an owner and a due date."
            if total == 1
            else f"All {total} actions have an owner and a due date."
        )
    else:
        needs = "still needs" if len(missing) == 1 else "still need"
        check = f"{len(missing)} of {plural(total, 'action')} {needs} an owner or a due date."
    layout.addWidget(look.note(check, c.theme_card, c.theme_card_text, 1.0, bold=True))
    check_in = board.session.check_in or "not set yet"
    layout.addWidget(look.label(f"Follow-up check-in: {check_in}", 1.0))
    layout.addStretch(1)
    return widget
