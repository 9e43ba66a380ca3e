"""The timeline panel: a table of events with add (Ins), delete (Del) and paste of timed lines."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QVBoxLayout,
    QWidget,
)

from pmdesk.model.board import EVENT_KINDS
from pmdesk.model.board_ops import add_event, add_events, delete_event
from pmdesk.model.changes import Changes
from pmdesk.model.ids import new_id
from pmdesk.model.labels import plural
from pmdesk.model.recorder import compose_each
from pmdesk.model.times import parse_date, parse_time
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.facts.date_field import Kind
from pmdesk.ui.facts.delegates import ChoiceDelegate, TypedDateDelegate
from pmdesk.ui.facts.kinds import kind_icon, kind_label
from pmdesk.ui.facts.look import roomy_rows
from pmdesk.ui.facts.paste import parse_lines
from pmdesk.ui.facts.row_table import RowTable, button_row, select_step_rows
from pmdesk.ui.facts.timeline_model import KIND, TEXT, TIME, TimelineModel, to_local
from pmdesk.ui.plain import plain_label
from pmdesk.ui.refresh import follow_steps


class TimelineTable(RowTable):
    """The events table; Ins adds, Del deletes, Ctrl+V pastes timed lines as events."""

    def __init__(self, panel: TimelinePanel) -> None:
        super().__init__(panel, panel.add, panel.delete_selected)
        self.panel = panel

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Paste adds timed lines as events; Ins, Del and other keys as for any row table."""
        if event.matches(QKeySequence.StandardKey.Paste):
            self.panel.paste()
        else:
            super().keyPressEvent(event)


class TimelinePanel(QWidget):
    """The timeline of "What happened", kept in time order."""

    def __init__(self, qt_document: QtDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qt_document = qt_document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = plain_label("Timeline", self)
        heading.setStyleSheet("font-size:16pt;font-weight:bold;")
        layout.addWidget(heading)
        self.model = TimelineModel(qt_document, self)
        self.table = TimelineTable(self)
        self.table.setModel(self.model)
        follow_steps(qt_document, self._after_step, self)
        self.table.setItemDelegateForColumn(
            TIME, TypedDateDelegate(Kind.DATETIME, "event time", qt_document.failed.emit, self.table)
        )
        kinds = [(kind_label(kind), kind, kind_icon(kind)) for kind in EVENT_KINDS]
        self.table.setItemDelegateForColumn(KIND, ChoiceDelegate(lambda: kinds, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        roomy_rows(self.table)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)

        buttons, _made = button_row(
            self,
            [
                ("&Add event", "Add an event after the selected one (Ins)", self.add),
                ("Delete event", "Delete the selected events (Del)", self.delete_selected),
                (
                    "&Paste lines",
                    "Add one event per line of the clipboard, such as '14:02 Config push' (Ctrl+V)",
                    self.paste,
                ),
            ],
        )
        layout.addLayout(buttons)
        hint = plain_label(
            "Tip: paste lines like “14:02 Config push to gateway” to add one event per line.", self
        )
        layout.addWidget(hint)

    # --- actions -------------------------------------------------------------------------

    def _day(self) -> dt.date:
        board = self.qt_document.board
        local = to_local(board.incident.started_at)
        if local is not None:
            return local.date()
        try:
            return parse_date(board.session.date) or dt.date.today()
        except ValueError:
            return dt.date.today()

    def add(self) -> None:
        """Add an event and open its time for typing, then Tab on to its kind and text.

        The time starts a minute after the selected event (or the last one), so the new event
        lands just after it and a time typed as ``14:05`` keeps that event's day; the first
        event starts at the incident's start. The whole time is selected: typing replaces it.
        """
        current = self.table.currentIndex()
        board = self.qt_document.board
        base, step = board.incident.started_at, dt.timedelta(0)
        previous = self.model.item(current.row()).at if current.isValid() else None
        if previous is None:
            previous = next((event.at for event in reversed(board.timeline) if event.at), None)
        if previous is not None:
            base, step = previous, dt.timedelta(minutes=1)
        at: str | None = None
        if base is not None:
            when = (parse_time(base) or dt.datetime.now()) + step
            at = when.astimezone().isoformat(timespec="seconds")
        event_id = new_id("e")
        if self.qt_document.attempt(add_event, at, "note", "", event_id=event_id):
            self.edit_cell(event_id, TIME)

    def edit_cell(self, event_id: str, column: int) -> None:
        """Select an event and open one of its cells (TIME, KIND, TEXT) for editing."""
        row = self.model.row_of(event_id)
        if row < 0:
            return
        index = self.model.index(row, column)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self.table.edit(index)

    def _after_step(self, changes: Changes) -> None:
        """After Undo or Redo the events it brought back or changed are selected (as on the board)."""
        select_step_rows(self.table, changes, "timeline", self._index_of)

    def _index_of(self, event_id: str) -> QModelIndex:
        row = self.model.row_of(event_id)
        return self.model.index(row, TEXT) if row >= 0 else QModelIndex()

    def delete_selected(self) -> None:
        """Delete the selected events as one undo step."""
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if not rows and self.table.currentIndex().isValid():
            rows = {self.table.currentIndex().row()}
        ids = [self.model.item(row).id for row in rows]
        if ids:
            self.qt_document.attempt(compose_each, f"Delete {plural(len(ids), 'event')}", delete_event, ids)

    def paste(self) -> None:
        """Add one event per timed line of the clipboard, as one undo step."""
        text = QGuiApplication.clipboard().text()
        events = parse_lines(text, self._day())
        if not events:
            self.qt_document.failed.emit("Nothing to paste: copy lines such as '14:02 Config push'.")
            return
        if self.qt_document.attempt(add_events, events) and events[0][0] is not None:
            row = next((r for r in range(self.model.rowCount()) if self.model.item(r).at == events[0][0]), -1)
            if row >= 0:
                self.table.setCurrentIndex(self.model.index(row, TEXT, QModelIndex()))
