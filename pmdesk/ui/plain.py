"""Widgets that show user text as plain text, never as rich text."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from pmdesk.model.shown import shown

# What a label lays out of one text: pages show the start of a longer one, never lay out
# megabytes (a 50 MB card stalled Review and Focus for minutes). The board keeps every character.
SHOWN_CHARACTERS = 10_000


def capped(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """``text``, or its start and "… N more characters" when it is longer than ``limit``."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… {len(text) - limit:,} more characters"


# A run of this many characters with no place to wrap (no space, no "/" or "-" as in a URL) is
# not a word a reader needs kept whole: it may wrap anywhere.
LONG_WORD = 24
_LONG_WORD = re.compile(rf"\w{{{LONG_WORD},}}")
_ANYWHERE = "\u200b"  # zero width space: a place to wrap, drawn as nothing


def breakable(text: str) -> str:
    """``text`` with a place to wrap between the letters of each unbroken run of ``LONG_WORD`` or more."""
    return _LONG_WORD.sub(lambda run: _ANYWHERE.join(run.group()), text)


def plain_label(
    text: str, parent: QWidget | None = None, wrap: bool = True, wrap_anywhere: bool = False
) -> QLabel:
    """A QLabel that never interprets its text as HTML, showing at most the start of a huge text.

    ``wrap_anywhere``: a very long unbroken word wraps inside itself, so it never widens the label.
    """
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    shown = capped(text)
    label.setText(breakable(shown) if wrap and wrap_anywhere else shown)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally (Qt guesses rich text for tooltips)."""
    # html.escape(quote=False), without importing the html package at start-up
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
    return f"<p style='white-space:pre-wrap'>{escaped}</p>"


def menu_text(text: str) -> str:
    """User text for a menu item or button label, with ``&`` shown rather than taken as a mnemonic."""
    return text.replace("&", "&&")


def confirm_replace(parent: QWidget, path: Path) -> bool:
    """Ask whether to replace the existing file ``path`` (No is the default)."""
    from PySide6.QtWidgets import QMessageBox  # dialogs are imported when needed, not at start

    answer = QMessageBox.question(
        parent,
        "Replace file?",
        f"{shown(path.name)} already exists in {shown(str(path.parent))}. Replace it?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
