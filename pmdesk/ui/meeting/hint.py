"""The blameless-language hint bar: a gentle, dismissible note when a card blames a person.

It listens to the document's edits (a card inserted, or a card's text set), so it works
whatever page or command made the card. It never blocks an edit and never changes text.

The hint is about the card just written, while the facilitator is still there: it goes when
that card's wording is fixed, the card is deleted or silenced, the keyboard moves on to
another text field (not the bar's own button), or the meeting moves on to another page or
phase (``move_on``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from pmdesk.model.blameless import BlamelessMatcher, hint_message, parse_phrases
from pmdesk.model.board import Card
from pmdesk.model.card_ops import set_card_hint_silenced
from pmdesk.model.changes import Changes
from pmdesk.model.edits import Insert, SetField, primitives
from pmdesk.resources import resource_path
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.palette import Palette
from pmdesk.ui.plain import plain_label
from pmdesk.ui.refresh import follow


def bundled_phrases() -> list[str]:
    """The phrases in pmdesk/resources/blameless_phrases.txt (none if the file is missing)."""
    try:
        return parse_phrases(resource_path("blameless_phrases.txt").read_text(encoding="utf-8"))
    except OSError:
        return []


class HintBar(QFrame):
    """Shows one hint at a time for the card just written; a card can be silenced for good."""

    def __init__(self, qt_document: QtDocument, colours: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BlamelessHint")
        self.qt_document = qt_document
        self.phrases = bundled_phrases()
        self.card_id: str | None = None
        self.written_in: QWidget | None = None  # the field that had the keyboard when it showed
        self.projected = False  # presenting on this window's screen: the room must not see hints
        self._matcher: tuple[tuple[str, ...], BlamelessMatcher] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        self.message = plain_label("", self)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss = QPushButton("Silence for this card", self)
        self.dismiss.setToolTip("Don't check this card's wording again (stored in the board; Ctrl+Z undoes)")
        self.dismiss.clicked.connect(self.dismiss_current)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.dismiss)
        self.set_theme(colours)
        self.setVisible(False)
        follow(qt_document, ("cards",), self.on_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    def set_theme(self, colours: Palette) -> None:
        """The bar's colours."""
        self.setStyleSheet(
            f"QFrame#BlamelessHint{{background:{colours.hint};border-bottom:1px solid {colours.muted};}}"
            f"QFrame#BlamelessHint QLabel{{color:{colours.hint_text};font-size:13px;}}"
        )

    def matcher(self) -> BlamelessMatcher:
        """A matcher for the board's participants as they are now (compiled when they change).

        Compiling takes ~10 ms; the room asks for it as it opens, so the first cards from
        thirty phones, arriving together, do not pay for it in one frame.
        """
        names = tuple(p.name for p in self.qt_document.board.participants)
        if self._matcher is None or self._matcher[0] != names:
            self._matcher = (names, BlamelessMatcher(self.phrases, names))
        return self._matcher[1]

    def on_changed(self, changes: Changes) -> None:
        """Look at cards just added or edited; hide the hint if its card is gone."""
        written: list[str] = []
        for primitive in primitives(changes.edit) if changes.edit is not None else ():
            if isinstance(primitive, Insert) and primitive.collection == "cards":
                if isinstance(primitive.item, Card):
                    written.append(primitive.item.id)
            elif (
                isinstance(primitive, SetField)
                and primitive.collection == "cards"
                and primitive.name in ("text", "hint_silenced")
                and primitive.item_id is not None
            ):
                written.append(primitive.item_id)
        if not written and self.card_id is None:
            return  # a move, a theme or a vote: nothing to check and no hint to take back
        cards = {card.id: card for card in self.qt_document.board.cards}
        if self.card_id is not None and self.card_id not in cards:
            self.hide_hint()
        for card_id in reversed(written):  # the last card written speaks
            card = cards.get(card_id)
            if card is not None:
                self.check(card)
                return

    def check(self, card: Card) -> bool:
        """Show the hint for ``card`` if it matches and is not silenced; True if shown."""
        if card.hint_silenced:
            if card.id == self.card_id:
                self.hide_hint()
            return False
        found = self.matcher().matches(card.text)
        if not found:
            if card.id == self.card_id:
                self.hide_hint()
            return False
        if card.id != self.card_id or self.written_in is None:
            self.written_in = QApplication.focusWidget()
        self.card_id = card.id
        self.message.setText(hint_message(found))
        self.setVisible(not self.projected)
        return True

    def set_projected(self, on: bool) -> None:
        """While the room sees this window the hint waits; it shows again when presenting ends."""
        self.projected = on
        self.setVisible(self.card_id is not None and not on)

    def dismiss_current(self, _checked: bool = False) -> None:
        """Silence the hint for this card, as one undoable edit stored in the board."""
        card_id = self.card_id
        self.hide_hint()
        if card_id is not None:
            self.qt_document.attempt(set_card_hint_silenced, card_id, True)

    def hide_hint(self) -> None:
        """Hide the bar."""
        self.card_id = None
        self.written_in = None
        self.setVisible(False)

    def move_on(self) -> None:
        """The meeting moved on (another page or phase): the hint about the last card goes."""
        if self.card_id is not None:
            self.hide_hint()

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The keyboard went into another text field: the facilitator has moved on."""
        if self.card_id is None or new is None or new is self.written_in or self.isAncestorOf(new):
            return
        if isinstance(new, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
            self.hide_hint()
