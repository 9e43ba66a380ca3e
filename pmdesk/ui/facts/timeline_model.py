"""The timeline as a table model: time, kind and text of each event, in the board's order."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from pmdesk.model.board import EVENT_KINDS, TimelineEvent
from pmdesk.model.board_ops import set_event_field
from pmdesk.model.times import parse_time
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.facts.kinds import kind_color, kind_icon, kind_label
from pmdesk.ui.facts.list_model import BoardListModel
from pmdesk.ui.facts.when import iso_to_qdatetime, qdatetime_to_iso, to_local
from pmdesk.ui.palette import contrast_ratio, current_palette

Index = QModelIndex | QPersistentModelIndex
TIME, KIND, TEXT = range(3)
HEADERS = ("Time", "Kind", "What happened")
FIELDS = ("at", "kind", "text")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def event_time_text(at: str | None, day: str | None) -> str:
    """An event's local time, "14:02", with the date when it is not the incident's day."""
    local = to_local(at)
    if local is None:
        return "(no time)"
    if day is not None and local.date().isoformat() == day:
        return local.strftime("%H:%M:%S" if local.second else "%H:%M")
    return local.strftime("%a %d %b %H:%M")


def _same_instant(old: str | None, new: Any) -> bool:
    try:
        return old is not None and isinstance(new, str) and parse_time(old) == parse_time(new)
    except ValueError:
        return False


class TimelineModel(BoardListModel):
    """The board's timeline events; editing a time moves the event to its place."""

    headers = HEADERS
    collection = "timeline"
    also_follows = ("incident.started_at", "session.date")  # the incident's day is not repeated

    def __init__(self, qt_document: QtDocument, parent: QObject | None = None) -> None:
        super().__init__(qt_document, parent)

    def items(self) -> list[TimelineEvent]:
        """The timeline, in time order."""
        return self.qt_document.board.timeline

    def incident_day(self) -> str | None:
        """The local date the incident started (``YYYY-MM-DD``), or the session date."""
        local = to_local(self.qt_document.board.incident.started_at)
        return local.date().isoformat() if local else self.qt_document.board.session.date

    # --- reading -------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """What each cell shows and edits."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        event: TimelineEvent = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return event.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TIME:
                return event_time_text(event.at, self.incident_day())
            return kind_label(event.kind) if column == KIND else event.text
        if role == Qt.ItemDataRole.EditRole:
            if column == TIME:
                return iso_to_qdatetime(event.at) or QDateTime.currentDateTime()
            return event.kind if column == KIND else event.text
        if role == Qt.ItemDataRole.DecorationRole and column == KIND:
            return kind_icon(event.kind)
        if role == Qt.ItemDataRole.ForegroundRole and column == KIND:
            colour = kind_color(event.kind)
            theme = current_palette(self)
            readable = contrast_ratio(colour.name(), theme.base) >= 7
            return colour if readable else QColor(theme.base_text)
        if role == Qt.ItemDataRole.ToolTipRole and column == TIME:
            return event.at or "No time set"
        return None

    # --- editing -------------------------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Push the edit of one cell (a time as QDateTime or ISO text, a kind, a text)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.row() >= len(self._rows):
            return False
        event: TimelineEvent = self._rows[index.row()]
        name = FIELDS[index.column()]
        if name == "at" and isinstance(value, QDateTime):
            value = qdatetime_to_iso(value)
        if name == "kind" and value not in EVENT_KINDS:
            return False
        if getattr(event, name) == value or (name == "at" and _same_instant(event.at, value)):
            return True
        return self.qt_document.attempt(set_event_field, event.id, name, value)
