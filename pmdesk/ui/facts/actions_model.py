"""The actions as a table model: text, owner, due date, priority, status and source."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from pmdesk.model.board import ACTION_PRIORITIES, ACTION_STATUSES, Action
from pmdesk.model.board_ops import set_action_field
from pmdesk.model.labels import label
from pmdesk.model.readiness import CLOSED, action_gaps, is_overdue, source_label
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.facts.list_model import BoardListModel
from pmdesk.ui.facts.when import iso_to_qdate, qdate_to_iso
from pmdesk.ui.palette import current_palette
from pmdesk.ui.plain import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
TEXT, OWNER, DUE, PRIORITY, STATUS, SOURCE = range(6)
HEADERS = ("Action", "Owner", "Due", "Priority", "Status", "Answers")
FIELDS = ("text", "owner", "due", "priority", "status", "source")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
MARKS_ROLE = Qt.ItemDataRole.UserRole + 3  # a set of "no-owner", "no-due", "overdue"


class ActionsModel(BoardListModel):
    """The board's actions with marks for missing owners, due dates and overdue rows."""

    headers = HEADERS
    collection = "actions"
    also_follows = ("participants", "cards.text", "themes.label")

    def __init__(
        self,
        qt_document: QtDocument,
        parent: QObject | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(qt_document, parent)
        self.today = today

    def items(self) -> list[Action]:
        """The actions, in board order."""
        return self.qt_document.board.actions

    def marks(self, action: Action) -> set[str]:
        """What is wrong with an action: "no-owner", "no-due", "overdue"."""
        found = {"no-" + gap.split()[0] for gap in action_gaps(action)}
        if is_overdue(action, self.today()):
            found.add("overdue")
        return found

    # --- reading -------------------------------------------------------------------------

    def _owner_name(self, owner: str | None) -> str:
        people = {person.id: person.name for person in self.qt_document.board.participants}
        return "" if owner is None else people.get(owner, "(removed)")

    def _display(self, action: Action, column: int) -> str:
        if column == OWNER:
            return self._owner_name(action.owner) or "no owner"
        if column == DUE:
            due = iso_to_qdate(action.due)
            if due is None:
                return "no due date"
            late = " · overdue" if is_overdue(action, self.today()) else ""  # not by colour alone
            return due.toString("ddd d MMM yyyy") + late
        if column == SOURCE:
            return source_label(self.qt_document.board, action.source)
        value = getattr(action, FIELDS[column])
        return label(str(value)) if column in (PRIORITY, STATUS) else str(value)

    def _sort_key(self, action: Action, column: int) -> Any:
        if column == PRIORITY:
            return ACTION_PRIORITIES.index(action.priority) if action.priority in ACTION_PRIORITIES else 9
        if column == STATUS:
            return ACTION_STATUSES.index(action.status) if action.status in ACTION_STATUSES else 9
        if column == DUE:
            return action.due or "9999"  # no date sorts last
        return self._display(action, column).casefold()

    def _tooltip(self, action: Action, marks: set[str], column: int) -> str | None:
        notes = []
        if "overdue" in marks:
            notes.append(f"Overdue: it was due {action.due} and is still {action.status}")
        if "no-owner" in marks and column in (TEXT, OWNER):
            notes.append("No owner yet: pick a participant")
        if "no-due" in marks and column in (TEXT, DUE):
            notes.append("No due date yet: pick a date")
        if not notes and column in (TEXT, SOURCE):
            return self._display(action, column) or None  # long text in full (tooltips are plain text)
        return "\n".join(notes) or None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """What each cell shows, edits, sorts by, and how it is marked."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        action: Action = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(action, column)
        if role == Qt.ItemDataRole.EditRole:
            return iso_to_qdate(action.due) if column == DUE else getattr(action, FIELDS[column])
        if role == ID_ROLE:
            return action.id
        if role == SORT_ROLE:
            return self._sort_key(action, column)
        marks = self.marks(action)
        if role == MARKS_ROLE:
            return marks
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._tooltip(action, marks, column)
            return None if tip is None else plain_tooltip(tip)
        missing = (column == OWNER and "no-owner" in marks) or (column == DUE and "no-due" in marks)
        if role == Qt.ItemDataRole.DecorationRole and missing:
            return _warning_icon()
        if role == Qt.ItemDataRole.BackgroundRole and "overdue" in marks:
            return QBrush(QColor(current_palette(self).warning))
        if role == Qt.ItemDataRole.ForegroundRole:
            if missing:
                return QBrush(QColor(current_palette(self).dots))
            if "overdue" in marks:
                return QBrush(QColor(current_palette(self).warning_text))
            if action.status in CLOSED:
                return QBrush(QColor(current_palette(self).muted))
        return None

    # --- editing -------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Push the edit of one cell (a due date as QDate, ISO text or None)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.row() >= len(self._rows):
            return False
        action: Action = self._rows[index.row()]
        name = FIELDS[index.column()]
        if isinstance(value, QDate):
            value = qdate_to_iso(value) if value.isValid() else None
        if value == "" and name in ("owner", "source", "due"):
            value = None
        if getattr(action, name) == value:
            return True
        return self.qt_document.attempt(set_action_field, action.id, name, value)


def _warning_icon() -> QIcon:
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
