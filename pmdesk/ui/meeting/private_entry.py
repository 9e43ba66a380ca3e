"""Typing cards on the one screen the room is watching, while the room sees them face down.

The text being typed shows as dots, so a card being written is no more visible to the room
than the cards already written; after Enter only the section's count changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLineEdit, QWidget

from pmdesk.model.card_ops import add_card
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.page_contract import CardBoard
from pmdesk.ui.palette import current_palette
from pmdesk.ui.plain import plain_label
from pmdesk.ui.refresh import follow


class PrivateEntry(QFrame):
    """Section, author and a masked line: Enter adds the card to the board; Esc clears the line,
    and on an empty line leaves presenting (``escaped``), as Esc does everywhere else."""

    escaped = Signal()

    def __init__(
        self, qt_document: QtDocument, board_page: Any = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PrivateEntry")
        self.qt_document = qt_document
        self.board_page = board_page  # the board's page, whose author and add_card are shared
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 16, 8)
        row.setSpacing(8)
        row.addWidget(plain_label("New card in", self, wrap=False))
        self.section = QComboBox(self)
        self.section.setAccessibleName("Section of the new card")
        row.addWidget(self.section)
        row.addWidget(plain_label("by", self, wrap=False))
        self.author = QComboBox(self)
        self.author.setAccessibleName("Author of the new card")
        row.addWidget(self.author)
        self.text = QLineEdit(self)
        self.text.setEchoMode(QLineEdit.EchoMode.Password)
        self.text.setPlaceholderText("Type a card (hidden from the room), Enter adds it")
        self.text.setAccessibleName("Card text, hidden from the room")
        self.text.returnPressed.connect(self.submit)
        row.addWidget(self.text, 1)
        self.status = plain_label("", self, wrap=False)
        row.addWidget(self.status)
        self.restyle()
        follow(qt_document, ("sections", "participants"), lambda _changes: self.refresh(), self)
        self.refresh()

    def restyle(self) -> None:
        """Colours of the current theme."""
        c = current_palette(self)
        self.setStyleSheet(
            f"QFrame#PrivateEntry {{ background: {c.button}; border-top: 2px solid {c.border}; }}"
            f" QFrame#PrivateEntry QLabel {{ color: {c.button_text}; font-size: 13pt; }}"
        )

    def refresh(self) -> None:
        """Sections and participants as the board holds them."""
        board = self.qt_document.board
        section, author = self.section.currentData(), self._author()
        self.section.blockSignals(True)
        self.section.clear()
        for item in board.sections:
            self.section.addItem(item.title, item.id)
        self.section.setCurrentIndex(max(0, self.section.findData(section)))
        self.section.blockSignals(False)
        self.author.blockSignals(True)
        self.author.clear()
        self.author.addItem("— no author —", None)
        for person in board.participants:
            self.author.addItem(person.name, person.id)
        self.author.setCurrentIndex(max(0, self.author.findData(author)))
        self.author.blockSignals(False)

    def _author(self) -> str | None:
        data = self.author.currentData()
        return None if data is None else str(data)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc (the line does not take it): clear what was typed, else leave presenting."""
        if event.key() == Qt.Key.Key_Escape:
            if self.text.text():
                self.text.clear()
            else:
                self.escaped.emit()
            return
        super().keyPressEvent(event)

    def start(self) -> None:
        """Shown: take the board's current author and the keyboard."""
        author = getattr(self.board_page, "author", None)
        self.author.setCurrentIndex(max(0, self.author.findData(author)))
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        """Add the typed card; the line clears and says where it went, never what it says."""
        text = self.text.text().strip()
        section_id = self.section.currentData()
        if not text or section_id is None:
            return
        author = self._author()
        page = self.board_page
        if isinstance(page, CardBoard):
            page.set_author(author)
            added = page.add_card(str(section_id), text)
        else:
            added = self.qt_document.attempt(add_card, str(section_id), text, author)
        if added:
            self.text.clear()
            count = sum(1 for card in self.qt_document.board.cards if card.section == section_id)
            self.status.setText(f"Added to {self.section.currentText()} ({count})")
