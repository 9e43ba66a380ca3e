"""Widgets that show user text as plain text, never as rich text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

# What a label lays out of one text: pages show the start of a longer one, never lay out
# megabytes (a 50 MB card stalled Review and Focus for minutes). The board keeps every character.
SHOWN_CHARACTERS = 10_000


def capped(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """``text``, or its start and "… N more characters" when it is longer than ``limit``."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… {len(text) - limit:,} more characters"


def plain_label(text: str, parent: QWidget | None = None, wrap: bool = True) -> QLabel:
    """A QLabel that never interprets its text as HTML, showing at most the start of a huge text."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(capped(text))
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally (Qt guesses rich text for tooltips)."""
    # html.escape(quote=False), without importing the html package at start-up
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
    return f"<p style='white-space:pre-wrap'>{escaped}</p>"


def menu_text(text: str) -> str:
    """User text for a menu item or button label, with ``&`` shown rather than taken as a mnemonic."""
    return text.replace("&", "&&")
