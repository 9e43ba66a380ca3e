"""Widgets that show user text as plain text, never as rich text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(text: str, parent: QWidget | None = None, wrap: bool = True) -> QLabel:
    """A QLabel that never interprets its text as HTML."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally (Qt guesses rich text for tooltips)."""
    # html.escape(quote=False), without importing the html package at start-up
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
    return f"<p style='white-space:pre-wrap'>{escaped}</p>"


def menu_text(text: str) -> str:
    """User text for a menu item or button label, with ``&`` shown rather than taken as a mnemonic."""
    return text.replace("&", "&&")
