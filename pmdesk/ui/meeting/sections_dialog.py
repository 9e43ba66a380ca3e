"""Board ▸ Sections…: add, rename, re-prompt, reorder and remove sections, each one undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.model.board import Section
from pmdesk.model.board_ops import add_section, move_item, remove_section, set_section_field
from pmdesk.model.labels import plural
from pmdesk.model.rules import MOST_SECTIONS
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.refresh import follow

DELETE_CARDS = "Delete its cards and themes"


class SectionsDialog(QDialog):
    """Edits go to the document as they are made (Ctrl+Z in the window undoes them one by one)."""

    def __init__(self, qt_document: QtDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qt_document = qt_document
        self.setWindowTitle("Sections")
        self.resize(560, 420)
        self.list = QListWidget(self)
        self.list.setObjectName("SectionList")
        self.list.currentRowChanged.connect(self._show_current)
        self.title = QLineEdit(self)
        self.title.setObjectName("SectionTitle")
        self.title.editingFinished.connect(self._title_done)
        self.prompt = QLineEdit(self)
        self.prompt.setObjectName("SectionPrompt")
        self.prompt.editingFinished.connect(self._prompt_done)
        self.add = QPushButton("&Add", self)
        self.remove = QPushButton("&Remove…", self)
        self.up = QPushButton("Move &up", self)
        self.down = QPushButton("Move &down", self)
        self.add.clicked.connect(self.add_section)
        self.remove.clicked.connect(self.remove_current)
        self.up.clicked.connect(lambda _c=False: self.move_current(-1))
        self.down.clicked.connect(lambda _c=False: self.move_current(1))
        buttons = QHBoxLayout()
        for button in (self.add, self.remove, self.up, self.down):
            buttons.addWidget(button)
        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("Prompt", self.prompt)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        # Return in a field commits the field; it must not close the dialog or add a section.
        for candidate in [self.add, self.remove, self.up, self.down, *close.buttons()]:
            if isinstance(candidate, QPushButton):
                candidate.setAutoDefault(False)
                candidate.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(close)
        follow(qt_document, ("sections",), self.refresh)
        self.refresh()
        self.list.setCurrentRow(0)

    # --- showing -------------------------------------------------------------------------

    def sections(self) -> list[Section]:
        """The board's sections now."""
        return list(self.qt_document.board.sections)

    def current(self) -> Section | None:
        """The section selected in the list."""
        row = self.list.currentRow()
        sections = self.sections()
        return sections[row] if 0 <= row < len(sections) else None

    def refresh(self, _edit: object = None) -> None:
        """Fill the list again, keeping the selected section."""
        selected = self.current()
        keep = selected.id if selected else None
        self.list.blockSignals(True)
        self.list.clear()
        for section in self.sections():
            count = sum(1 for card in self.qt_document.board.cards if card.section == section.id)
            item = QListWidgetItem(f"{section.title}  ({plural(count, 'card')})")
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            self.list.addItem(item)
        ids = [s.id for s in self.sections()]
        self.list.setCurrentRow(ids.index(keep) if keep in ids else min(self.list.count() - 1, 0))
        self.list.blockSignals(False)
        self._show_current()

    def _show_current(self, _row: int = 0) -> None:
        section = self.current()
        for edit, value in (
            (self.title, section.title if section else ""),
            (self.prompt, section.prompt if section else ""),
        ):
            if not edit.hasFocus() or edit.text() == "":
                edit.setText(value)
        self.remove.setEnabled(section is not None and len(self.sections()) > 1)
        full = len(self.sections()) >= MOST_SECTIONS
        self.add.setEnabled(not full)
        self.add.setToolTip(f"A board holds at most {MOST_SECTIONS} sections" if full else "")
        row = self.list.currentRow()
        self.up.setEnabled(row > 0)
        self.down.setEnabled(0 <= row < self.list.count() - 1)

    # --- editing -------------------------------------------------------------------------

    def _title_done(self) -> None:
        section = self.current()
        if section is None or self.title.text() == section.title:
            return
        if not self.qt_document.attempt(set_section_field, section.id, "title", self.title.text()):
            self.title.setText(section.title)

    def _prompt_done(self) -> None:
        section = self.current()
        if section is not None and self.prompt.text() != section.prompt:
            self.qt_document.attempt(set_section_field, section.id, "prompt", self.prompt.text())

    def add_section(self, _checked: bool = False) -> None:
        """Add a section after the selected one and select it for renaming."""
        row = self.list.currentRow()
        index = row + 1 if row >= 0 else len(self.sections())
        if self.qt_document.attempt(add_section, "New section", "", index=index):
            self.list.setCurrentRow(index)
            self.title.setFocus()
            self.title.selectAll()

    def move_current(self, delta: int) -> None:
        """Move the selected section up (-1) or down (+1)."""
        section = self.current()
        row = self.list.currentRow()
        if section is None or not 0 <= row + delta < len(self.sections()):
            return
        name = "Move section up" if delta < 0 else "Move section down"
        if self.qt_document.attempt(move_item, "sections", section.id, row + delta, name):
            self.list.setCurrentRow(row + delta)

    def remove_current(self, _checked: bool = False) -> None:
        """Remove the selected section; if it holds cards, ask where they go."""
        section = self.current()
        if section is None:
            return
        board = self.qt_document.board
        holds = any(c.section == section.id for c in board.cards) or any(
            t.section == section.id for t in board.themes
        )
        cards_to: str | None = None
        if holds:
            answer = self.ask_destination(section)
            if answer is False:
                return
            cards_to = answer if isinstance(answer, str) else None
        self.qt_document.attempt(remove_section, section.id, cards_to)

    def ask_destination(self, section: Section) -> str | bool | None:
        """Where the cards of ``section`` go: another section's id, None to delete, False to cancel."""
        others = [s for s in self.sections() if s.id != section.id]
        choices = [f"Move them to “{s.title}”" for s in others] + [DELETE_CARDS]
        choice, ok = QInputDialog.getItem(
            self, "Remove section", f"“{section.title}” holds cards. Where should they go?", choices, 0, False
        )
        if not ok:
            return False
        if choice == DELETE_CARDS:
            return None
        return others[choices.index(choice)].id
