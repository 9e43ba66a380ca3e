"""The voting bar: who votes, dots per participant, hide or reveal the tallies."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QPushButton, QSpinBox, QWidget

from pmdesk.model.board_ops import set_session_field
from pmdesk.model.board_session import BoardSession
from pmdesk.model.derived import dots_left
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.focus import focus_ring
from pmdesk.ui.palette import current_palette
from pmdesk.ui.plain import plain_label

ROOM = "__room__"  # the voter entry for anonymous room dots


class VotingBar(QFrame):
    """Shown in voting mode, above the columns."""

    voter_changed = Signal(object)  # participant id, or None for room dots
    done = Signal()

    def __init__(self, qt_document: QtDocument, session: BoardSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qt_document = qt_document
        self.session = session
        self.setObjectName("VotingBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(10)
        self.title = plain_label("Dot voting", self, wrap=False)
        self.title.setObjectName("VotingTitle")
        row.addWidget(self.title)
        vote_as = plain_label("Vote as", self, wrap=False)
        row.addWidget(vote_as)
        self.voter_box = QComboBox(self)
        self.voter_box.setMinimumContentsLength(14)
        self.voter_box.activated.connect(lambda _i: self.set_voter(self._box_voter()))
        row.addWidget(self.voter_box)
        self.status = plain_label("", self, wrap=True)
        row.addWidget(self.status, 1)
        dots_each = plain_label("Dots each", self, wrap=False)
        row.addWidget(dots_each)
        self.budget = QSpinBox(self)
        self.budget.setRange(0, 99)
        self.budget.editingFinished.connect(self._budget_set)
        row.addWidget(self.budget)
        self.reveal = QPushButton("Hide tallies", self)
        self.reveal.clicked.connect(self.toggle_hidden)
        row.addWidget(self.reveal)
        finish = QPushButton("Done voting", self)
        finish.clicked.connect(self.done.emit)
        row.addWidget(finish)
        # The facilitator's controls; while presenting on one screen the room sees only who votes.
        self.controls: list[QWidget] = [vote_as, self.voter_box, dots_each, self.budget, self.reveal, finish]
        self.presenting = False
        self.restyle()
        self.refresh()

    def restyle(self) -> None:
        """Colours of the current theme."""
        c = current_palette(self)
        self.setStyleSheet(
            f"#VotingBar {{ background: {c.warning}; border: 2px solid {c.border}; border-radius: 10px; }}"
            f" QLabel {{ font-size: 12pt; color: {c.warning_text}; }}"
            f" QLabel#VotingTitle {{ font-size: 14pt; font-weight: 700; }}"
            # The dots' spin box, the voter list and the buttons: a ring of the focus colour.
            f" QSpinBox, QComboBox {{ background: {c.base}; color: {c.base_text};"
            f" border: 1px solid {c.border}; border-radius: 4px; padding: 2px 6px; }}"
            f" QPushButton {{ background: {c.button}; color: {c.button_text};"
            f" border: 1px solid {c.border}; border-radius: 4px; padding: 4px 10px; }}"
            + focus_ring(c, "QSpinBox")
            + focus_ring(c, "QComboBox")
            + focus_ring(c, "QPushButton")
        )

    def set_presenting(self, on: bool) -> None:
        """On the projector: no controls, only whose turn it is and how many dots they have left."""
        self.presenting = on
        for widget in self.controls:
            widget.setVisible(not on)
        self.refresh()

    @property
    def voter(self) -> str | None:
        """Who places the next dots (the board session's; None for room dots)."""
        return self.session.voter

    @voter.setter
    def voter(self, person_id: str | None) -> None:
        self.session.voter = person_id

    def _box_voter(self) -> str | None:
        data = self.voter_box.currentData()
        return None if data in (None, ROOM) else str(data)

    def set_voter(self, person_id: str | None) -> None:
        """Choose who places the next dots (None: room dots outside every budget)."""
        self.voter = person_id
        self.refresh()
        self.voter_changed.emit(person_id)

    def toggle_hidden(self) -> None:
        """Blind voting: hide the tallies, or reveal them."""
        hidden = self.qt_document.board.session.votes_hidden
        self.qt_document.attempt(set_session_field, "votes_hidden", not hidden)

    def _budget_set(self) -> None:
        value = self.budget.value()
        if value != self.qt_document.board.session.votes_per_participant:
            self.qt_document.attempt(set_session_field, "votes_per_participant", value)
            self.refresh()

    def refresh(self) -> None:
        """Follow the board: participants, budget, hidden tallies, dots left."""
        board = self.qt_document.board
        ids = [p.id for p in board.participants]
        if self.voter is not None and self.voter not in ids:
            self.voter = None
        self.voter_box.blockSignals(True)
        self.voter_box.clear()
        for person in board.participants:
            self.voter_box.addItem(f"{person.name}  ({dots_left(board, person.id)} left)", person.id)
        self.voter_box.addItem("Room dot (no budget)", ROOM)
        self.voter_box.setCurrentIndex(self.voter_box.findData(self.voter or ROOM))
        self.voter_box.blockSignals(False)
        if not self.budget.hasFocus():
            self.budget.setValue(board.session.votes_per_participant)
        self.reveal.setText("Reveal tallies" if board.session.votes_hidden else "Hide tallies")
        if self.voter is None:
            who = "Room dots: no budget."
        else:
            person = next(p for p in board.participants if p.id == self.voter)
            who = (
                f"{person.name}: {dots_left(board, person.id)} of {board.session.votes_per_participant} left."
            )
        if self.presenting:
            self.status.setText(who)
            return
        self.status.setText(
            f"{who}  Click a theme or loose card (or press +) to place a dot; "
            "Shift+click or − takes one back; Alt+click adds a room dot."
        )
