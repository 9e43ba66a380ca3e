"""The participants' avatars: add, rename, recolour, remove; click to highlight or to vote as."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QDialog, QHBoxLayout, QMenu, QToolButton, QWidget

from pmdesk.model.board import Board, Participant
from pmdesk.model.board_ops import add_participant, remove_participant, set_participant_field
from pmdesk.model.derived import dots_left
from pmdesk.model.edits import Batch
from pmdesk.model.recorder import compose
from pmdesk.ui.board.common import initials, next_color
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.focus import focus_ring
from pmdesk.ui.palette import current_palette, ink_on
from pmdesk.ui.plain import plain_label, plain_tooltip
from pmdesk.ui.refresh import follow


class Avatar(QToolButton):
    """Initials on the participant's colour; a ring when chosen; dots left while voting."""

    def __init__(self, person: Participant, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person_id = person.id
        self.name = person.name
        self.role = person.role
        self.color = person.color
        self.letters = initials(person.name)
        self.chosen = False
        self.dots: int | None = None
        self.setToolTip(plain_tooltip(f"{person.name}\n{person.role}".strip()))
        self.setAccessibleName(person.name)
        self.setFixedSize(QSize(52, 48))
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def paintEvent(self, event: QPaintEvent) -> None:
        """A coloured circle with the initials in black or white, whichever reads better on it."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        circle = QRect(6, 4, 40, 40)
        if self.chosen:
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.WindowText), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(circle.adjusted(-3, -3, 3, 3))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.color))
        painter.drawEllipse(circle)
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(12)
        painter.setFont(font)
        painter.setPen(QColor(ink_on(QColor(self.color).name())))
        painter.drawText(circle, int(Qt.AlignmentFlag.AlignCenter), self.letters)
        if self.hasFocus():  # the keyboard is here (Space or Enter highlights this person)
            theme = current_palette(self)
            painter.setPen(QPen(QColor(theme.focus), theme.focus_width))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            inset = theme.focus_width // 2 + 1
            painter.drawRoundedRect(self.rect().adjusted(inset, inset, -inset, -inset), 8, 8)
        if self.dots is not None:
            badge = QRect(32, 28, 20, 20)
            painter.setPen(QPen(QColor("#ffffff"), 2))
            painter.setBrush(QColor("#c2410c") if self.dots > 0 else QColor("#6b7280"))
            painter.drawEllipse(badge)
            font.setPointSizeF(8.5)
            painter.setFont(font)
            painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), str(self.dots))
        painter.end()


class ParticipantsBar(QWidget):
    """The avatar bar above the pages."""

    avatar_clicked = Signal(str)

    def __init__(self, qt_document: QtDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qt_document = qt_document
        self.chosen: str | None = None
        self.show_dots = False
        self.avatars: list[Avatar] = []
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(2)
        self.caption = plain_label("People", self, wrap=False)
        self.caption.setStyleSheet("font-weight: 600; padding-right: 6px;")
        self.row.addWidget(self.caption)
        self.add_button = QToolButton(self)
        self.add_button.setText("+")
        self.add_button.setToolTip("Add a participant")
        self.add_button.setAccessibleName("Add a participant")
        self.add_button.setMinimumSize(34, 34)
        self.restyle()
        self.add_button.clicked.connect(self.add_dialog)
        self.row.addWidget(self.add_button)
        # Avatars show people and their dots left; typing on a card changes neither.
        # Typing the takeaways (a session field) must not touch them: only the dots' budget counts.
        keys = ("participants", "votes", "session.votes_per_participant")
        follow(qt_document, keys, lambda _changes: self.refresh(), self)
        self.refresh()

    def restyle(self) -> None:
        """The theme's focus ring on the "+" button (the avatars paint their own)."""
        self.add_button.setStyleSheet(
            "QToolButton{font-size:18px;font-weight:bold;}" + focus_ring(current_palette(self), "QToolButton")
        )
        for avatar in self.avatars:
            avatar.update()

    def refresh(self) -> None:
        """Show the board's people and their dots left; rebuild the avatars only if the people changed."""
        board = self.qt_document.board
        if self.chosen not in {p.id for p in board.participants}:
            self.chosen = None
        people = [(p.id, p.name, p.role, p.color) for p in board.participants]
        if people != [(a.person_id, a.name, a.role, a.color) for a in self.avatars]:
            self._rebuild()
        for avatar in self.avatars:
            avatar.chosen = avatar.person_id == self.chosen
            avatar.dots = dots_left(board, avatar.person_id) if self.show_dots else None
            avatar.update()
        self.add_button.setEnabled(not self.qt_document.document.read_only)

    def _rebuild(self) -> None:
        for avatar in self.avatars:
            # Hidden first, never reparented to no parent: a child added to a shown layout gets a
            # queued show, and a widget without a parent would then open as a window of its own,
            # which a window manager gives the keyboard (keystrokes typed meanwhile were lost).
            avatar.hide()
            self.row.removeWidget(avatar)
            avatar.deleteLater()
        self.avatars = []
        for position, person in enumerate(self.qt_document.board.participants):
            avatar = Avatar(person, self)
            avatar.clicked.connect(partial(self.avatar_clicked.emit, person.id))
            avatar.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            avatar.customContextMenuRequested.connect(partial(self._menu, person.id, avatar))
            self.row.insertWidget(1 + position, avatar)
            self.avatars.append(avatar)

    def set_chosen(self, person_id: str | None) -> None:
        """Ring one avatar (the highlighted person, or the voter)."""
        self.chosen = person_id
        for avatar in self.avatars:
            avatar.chosen = avatar.person_id == person_id
            avatar.update()

    def set_show_dots(self, on: bool) -> None:
        """Show each person's dots left (voting mode)."""
        self.show_dots = on
        self.refresh()

    def _person(self, person_id: str) -> Participant:
        return next(p for p in self.qt_document.board.participants if p.id == person_id)

    def _menu(self, person_id: str, avatar: Avatar, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction("Edit name, role, colour…", partial(self.edit_dialog, person_id))
        menu.addAction("Remove…", partial(self.remove_dialog, person_id))
        menu.exec(avatar.mapToGlobal(pos))

    def add_dialog(self) -> None:
        """Ask for a new participant and add them."""
        from pmdesk.ui.board.dialogs import ParticipantDialog  # imported when first used

        board = self.qt_document.board
        dialog = ParticipantDialog("Add participant", Participant("", "", color=next_color(board)), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.qt_document.attempt(
                add_participant,
                dialog.name.text().strip(),
                dialog.color,
                dialog.role.text().strip(),
                dialog.email.text().strip(),
            )

    def edit_dialog(self, person_id: str) -> None:
        """Rename, recolour, or change role and email, as one undo step."""
        from pmdesk.ui.board.dialogs import ParticipantDialog  # imported when first used

        person = self._person(person_id)
        dialog = ParticipantDialog("Edit participant", person, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = {
            "name": dialog.name.text().strip(),
            "role": dialog.role.text().strip(),
            "email": dialog.email.text().strip(),
            "color": dialog.color,
        }
        self.qt_document.attempt(edit_participant, person_id, values)

    def remove_dialog(self, person_id: str) -> None:
        """Remove a participant; ask what happens to the cards they wrote."""
        from pmdesk.ui.board.dialogs import RemoveParticipantDialog  # imported when first used

        board = self.qt_document.board
        person = self._person(person_id)
        written = sum(1 for card in board.cards if card.author == person_id)
        cards_to, delete = None, False
        if written:
            others = [p for p in board.participants if p.id != person_id]
            dialog = RemoveParticipantDialog(person, written, others, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            cards_to, delete = dialog.choice()
        self.qt_document.attempt(remove_participant, person_id, cards_to, delete)


def edit_participant(board: Board, person_id: str, values: dict[str, str]) -> Batch:
    """Several fields of a participant as one undo step ("Edit participant")."""
    steps = [
        partial(set_participant_field, participant_id=person_id, name=name, value=value)
        for name, value in values.items()
    ]
    return compose(board, "Edit participant", steps)
