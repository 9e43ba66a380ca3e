"""Small dialogs of the board: a participant, removing one, picking a theme, notes."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.model.addresses import address_problem
from pmdesk.model.board import Participant
from pmdesk.ui.board.common import PALETTE
from pmdesk.ui.plain import plain_label


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class ParticipantDialog(QDialog):
    """Name, role, email and colour of a participant."""

    def __init__(self, title: str, person: Participant, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.color = person.color
        form = QFormLayout(self)
        self.name = QLineEdit(person.name, self)
        self.role = QLineEdit(person.role, self)
        self.email = QLineEdit(person.email, self)
        form.addRow("Name", self.name)
        # A name left empty keeps the dialog open, saying so (what was typed in it stays).
        self.name_problem = plain_label("", self)
        self.name_problem.setObjectName("name_problem")
        self.name_problem.setStyleSheet("color: #b91c1c;")
        self.name_problem.setVisible(False)
        form.addRow("", self.name_problem)
        self.name.textChanged.connect(lambda _text: self.name_problem.setVisible(False))
        form.addRow("Role", self.role)
        form.addRow("Email", self.email)
        # Checked as it is typed: an address the email draft could not carry is said at once.
        self.email_problem = plain_label("", self)
        self.email_problem.setObjectName("email_problem")
        self.email_problem.setStyleSheet("color: #b91c1c;")
        self.email_problem.setVisible(False)
        form.addRow("", self.email_problem)
        self.email.textChanged.connect(self._check_email)
        swatches = QHBoxLayout()
        self.swatch_buttons: list[QPushButton] = []
        for color in PALETTE:
            button = QPushButton(self)
            button.setFixedSize(28, 28)
            button.setToolTip(color)
            button.clicked.connect(partial(self.set_color, color))
            swatches.addWidget(button)
            self.swatch_buttons.append(button)
        other = QPushButton("Other…", self)
        other.clicked.connect(self._pick)
        swatches.addWidget(other)
        form.addRow("Colour", swatches)
        form.addRow(_buttons(self))
        self.set_color(person.color)

    def _check_email(self) -> str | None:
        problem = address_problem(self.email.text())
        self.email_problem.setText(f"Not an address an email can go to: {problem}." if problem else "")
        self.email_problem.setVisible(problem is not None)
        return problem

    def accept(self) -> None:
        """Close with OK, unless the name is empty or the email address is one a draft could not
        be sent to."""
        if not self.name.text().strip():
            self.name_problem.setText("A participant needs a name.")
            self.name_problem.setVisible(True)
            self.name.setFocus()
            return
        if self._check_email() is not None:
            self.email.setFocus()
            self.email.selectAll()
            return
        super().accept()

    def set_color(self, color: str) -> None:
        """Choose a colour (#rrggbb)."""
        self.color = color
        for button in self.swatch_buttons:
            ring = "3px solid #111827" if button.toolTip() == color else "1px solid #9ca3af"
            button.setStyleSheet(f"background:{button.toolTip()}; border:{ring}; border-radius:14px;")

    def _pick(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.color), self, "Participant colour")
        if chosen.isValid():
            self.set_color(chosen.name())


class RemoveParticipantDialog(QDialog):
    """Removing someone who wrote cards: give the cards to someone, keep them unsigned, or delete."""

    def __init__(
        self, person: Participant, written: int, others: list[Participant], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Remove participant")
        layout = QVBoxLayout(self)
        cards, them = ("1 card", "it") if written == 1 else (f"{written} cards", "them")
        self.question = plain_label(f"{person.name} wrote {cards}. What happens to {them}?", self)
        layout.addWidget(self.question)
        self.give = QRadioButton(f"Give {them} to", self)
        self.to = QComboBox(self)
        for other in others:
            self.to.addItem(other.name, other.id)
        row = QHBoxLayout()
        row.addWidget(self.give)
        row.addWidget(self.to, 1)
        layout.addLayout(row)
        self.keep = QRadioButton(f"Keep {them} without an author", self)
        self.delete = QRadioButton(f"Delete {them}", self)
        layout.addWidget(self.keep)
        layout.addWidget(self.delete)
        group = QButtonGroup(self)
        for button in (self.give, self.keep, self.delete):
            group.addButton(button)
        self.give.setEnabled(bool(others))
        self.to.setEnabled(bool(others))
        self.keep.setChecked(True)
        layout.addWidget(_buttons(self))

    def choice(self) -> tuple[str | None, bool]:
        """``cards_to`` and ``delete_cards_too`` for remove_participant."""
        if self.give.isChecked():
            return str(self.to.currentData()), False
        return None, self.delete.isChecked()


class _FilterLine(QLineEdit):
    """A filter line that passes Up and Down to its list."""

    def __init__(self, target: QListWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.target = target

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Up and Down move in the list."""
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.target.keyPressEvent(event)
            return
        super().keyPressEvent(event)


class ThemePicker(QDialog):
    """Pick a theme by typing part of its label (type-ahead filter)."""

    def __init__(self, title: str, themes: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(520, 420)
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        self.filter = _FilterLine(self.list, self)
        self.filter.setPlaceholderText("Type part of a theme's label…")
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        for theme_id, text in themes:
            item = QListWidgetItem(text)  # QListWidgetItem text is always plain
            item.setData(Qt.ItemDataRole.UserRole, theme_id)
            self.list.addItem(item)
        self.filter.textChanged.connect(self._filter)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(_buttons(self))
        self._filter("")

    def _filter(self, text: str) -> None:
        needle = text.casefold()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = needle not in item.text().casefold()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is not None:
            self.list.setCurrentItem(first)

    def chosen(self) -> str | None:
        """The chosen theme's id."""
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return str(item.data(Qt.ItemDataRole.UserRole))


class NotesDialog(QDialog):
    """Discussion notes of a card or theme, as plain text."""

    def __init__(self, title: str, subject: str, notes: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        heading = plain_label(subject, self)
        heading.setStyleSheet("font-weight: 700;")
        layout.addWidget(heading)
        self.editor = QPlainTextEdit(self)
        self.editor.setPlainText(notes)
        self.editor.moveCursor(QTextCursor.MoveOperation.End)
        layout.addWidget(self.editor, 1)
        box = _buttons(self)
        box.button(QDialogButtonBox.StandardButton.Ok).setToolTip("Keep the notes (Ctrl+Enter)")
        layout.addWidget(box)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # Enter alone is a new line in the notes
            QShortcut(QKeySequence(keys), self, self.accept)

    def text(self) -> str:
        """The notes as typed."""
        return self.editor.toPlainText()
