"""The Actions page: the actions table, sortable and filtered (all, open, overdue)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.model.board import ACTION_PRIORITIES, ACTION_STATUSES
from pmdesk.model.board_ops import add_action, delete_action
from pmdesk.model.changes import Changes
from pmdesk.model.ids import new_id
from pmdesk.model.labels import label
from pmdesk.model.readiness import CLOSED, is_overdue
from pmdesk.model.recorder import compose_each
from pmdesk.report.common import plural
from pmdesk.ui.capped_column import CappedColumn
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.facts.actions_model import (
    DUE,
    OWNER,
    PRIORITY,
    SORT_ROLE,
    SOURCE,
    STATUS,
    TEXT,
    ActionsModel,
)
from pmdesk.ui.facts.date_field import Kind
from pmdesk.ui.facts.delegates import Choice, ChoiceDelegate, TypedDateDelegate
from pmdesk.ui.facts.look import enlarge, present_rows, roomy_rows
from pmdesk.ui.facts.row_table import RowTable, button_row, select_step_rows
from pmdesk.ui.facts.wrapping import WrappingChoiceDelegate, WrappingDelegate
from pmdesk.ui.plain import plain_label
from pmdesk.ui.refresh import follow, follow_steps

FILTERS = ("all", "open", "overdue")
# How an empty new action's text editor closes when it should be withdrawn: Esc, or Enter.
_WITHDRAW = (
    QAbstractItemDelegate.EndEditHint.RevertModelCache,
    QAbstractItemDelegate.EndEditHint.SubmitModelCache,
)


class ActionsFilter(QSortFilterProxyModel):
    """Sorts by each column's sort key and shows all, open or overdue actions."""

    def __init__(self, source: ActionsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.actions = source
        self.mode = "all"
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)

    def set_mode(self, mode: str) -> None:
        """Show "all", "open" (not done or dropped) or "overdue" actions."""
        self.beginFilterChange()
        self.mode = mode
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        """Whether an action passes the chosen filter."""
        if self.mode == "all" or source_row >= self.actions.rowCount():
            return True
        action = self.actions.item(source_row)
        if self.mode == "open":
            return action.status not in CLOSED
        return is_overdue(action, self.actions.today())


class ActionsTable(RowTable):
    """The actions table; Ins adds an action, Del deletes the selected ones."""

    def __init__(self, page: ActionsPage) -> None:
        super().__init__(page, page.add, page.delete_selected)
        self.page = page


class ActionsPage(QWidget):
    """Plan actions in the meeting and follow them up weeks later."""

    def __init__(
        self,
        qt_document: QtDocument,
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.qt_document = qt_document
        self.model = ActionsModel(qt_document, self, today=today)
        self.proxy = ActionsFilter(self.model, self)
        enlarge(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)

        top = QHBoxLayout()
        heading = plain_label("Actions", self)
        heading.setStyleSheet("font-size:16pt;font-weight:bold;")
        self.heading = heading
        top.addWidget(heading)
        top.addSpacing(24)
        self.filters = QButtonGroup(self)
        for number, (mode, text) in enumerate(zip(FILTERS, ("All", "Open", "Overdue"), strict=True)):
            button = QPushButton(text, self)
            button.setCheckable(True)
            button.setChecked(mode == "all")
            button.setToolTip(f"Show {mode} actions")
            self.filters.addButton(button, number)
            top.addWidget(button)
        self.filters.idClicked.connect(lambda number: self.set_filter(FILTERS[number]))
        top.addStretch(1)
        self.summary = plain_label("", self, wrap=False)
        self.summary.setObjectName("actions_summary")
        top.addWidget(self.summary)
        layout.addLayout(top)

        self.table = ActionsTable(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # board order until a header is clicked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        roomy_rows(self.table)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)  # long texts wrap, never "…"
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        for column in (DUE, PRIORITY, STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # A long owner name would squeeze the action's text: it wraps within a fifth of the table.
        self.owner_column = CappedColumn(self.table, OWNER, 0.2)
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)  # wraps beside the text
        # Wrapped rows grow and shrink with their columns (a wider font or window re-wraps them).
        self._rows_later = QTimer(self)
        self._rows_later.setSingleShot(True)
        self._rows_later.setInterval(0)
        self._rows_later.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(lambda *_sizes: self._rows_later.start())
        self.table.setItemDelegateForColumn(OWNER, ChoiceDelegate(self._owners, self.table))
        self.table.setItemDelegateForColumn(
            DUE, TypedDateDelegate(Kind.DATE, "due date", qt_document.failed.emit, self.table)
        )
        self.table.setItemDelegateForColumn(
            PRIORITY, ChoiceDelegate(lambda: _choices(ACTION_PRIORITIES), self.table)
        )
        self.table.setItemDelegateForColumn(
            STATUS, ChoiceDelegate(lambda: _choices(ACTION_STATUSES), self.table)
        )
        self.table.setItemDelegateForColumn(SOURCE, WrappingChoiceDelegate(self._sources, self.table))
        self.table.setItemDelegateForColumn(TEXT, WrappingDelegate(self.table))
        layout.addWidget(self.table, 1)

        buttons, made = button_row(
            self,
            [
                ("&Add action", "Add an action (Ins)", self.add),
                ("Delete action", "Delete the selected actions (Del)", self.delete_selected),
            ],
        )
        self.editing_buttons = [*made, *self.filters.buttons()]  # not on the projector
        layout.addLayout(buttons)
        follow(qt_document, ("actions",), self._update_summary, self)
        follow_steps(qt_document, self._after_step, self)
        self._update_summary()
        # A new action whose text is left empty with Esc, or with Enter on nothing, is withdrawn;
        # moving on to another cell (to pick the owner first, say) keeps it.
        self._fresh: str | None = None
        self._fresh_step = -1  # the undo stack's index just after that action was added
        text_delegate = self.table.itemDelegateForColumn(TEXT)  # the new action's text is edited there
        text_delegate.closeEditor.connect(lambda _editor, hint: self._fresh_closed(hint))

    # --- choices for the delegates -------------------------------------------------------

    def _owners(self) -> list[Choice]:
        people = self.qt_document.board.participants
        return [("(nobody yet)", None, None)] + [(person.name, person.id, None) for person in people]

    def _sources(self) -> list[Choice]:
        board = self.qt_document.board
        titles = {section.id: section.title for section in board.sections}
        found: list[Choice] = [("(none)", None, None)]
        found += [
            (f"Theme: {t.label or '(unlabelled)'} — {titles.get(t.section, '')}", t.id, None)
            for t in board.themes
        ]
        found += [(_short(card.text), card.id, None) for card in board.cards if card.theme is None]
        found += [(f"  {_short(card.text)}", card.id, None) for card in board.cards if card.theme is not None]
        return found

    # --- actions -------------------------------------------------------------------------

    def set_filter(self, mode: str) -> None:
        """Show all, open or overdue actions."""
        self.proxy.set_mode(mode)
        button = self.filters.button(FILTERS.index(mode))
        if button is not None and not button.isChecked():
            button.setChecked(True)

    def set_presenting(self, on: bool) -> None:
        """Large table text on the projector, without the buttons (Ins and Del still work)."""
        present_rows(self.table, on)
        self.heading.setStyleSheet(
            f"font-size:{30 if on else 16}pt;font-weight:bold;"
        )  # above the rows' size
        for button in self.editing_buttons:
            button.setVisible(not on)
        self.table.resizeRowsToContents()

    def add(self, *, source: str | None = None) -> str | None:
        """Add an action (answering ``source``) and open its text for editing; its id.

        ``source`` is keyword-only: a button's ``clicked(bool)`` must never arrive as the source.
        """
        action_id = new_id("a")
        if not self.qt_document.attempt(add_action, "", source, action_id=action_id):
            return None
        if self.proxy.mode != "all":
            self.set_filter("all")
        self.edit_text(action_id)
        self._fresh, self._fresh_step = action_id, self.qt_document.undo_stack.index()
        return action_id

    def _fresh_closed(self, hint: QAbstractItemDelegate.EndEditHint) -> None:
        action_id, self._fresh = self._fresh, None
        row = self.model.row_of(action_id) if action_id is not None else -1
        edited = self.proxy.mapToSource(self.table.currentIndex())
        if row < 0 or edited.row() != row or edited.column() != TEXT:
            return  # another cell's editor closed
        if self.model.item(row).text.strip() or hint not in _WITHDRAW:
            return  # it has words, or the facilitator moved on (Tab, a click elsewhere)
        stack = self.qt_document.undo_stack
        if stack.index() == self._fresh_step:
            stack.undo()  # nothing happened since it was added: Undo does not offer it back
        else:
            self.qt_document.attempt(delete_action, action_id)

    def edit_text(self, action_id: str) -> None:
        """Select an action and open its text for editing."""
        row = self.model.row_of(action_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, TEXT))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self.table.setFocus()
        self.table.edit(index)

    def delete_selected(self) -> None:
        """Delete the selected actions as one undo step."""
        rows = {self.proxy.mapToSource(index).row() for index in self.table.selectionModel().selectedRows()}
        current = self.table.currentIndex()
        if not rows and current.isValid():
            rows = {self.proxy.mapToSource(current).row()}
        ids = [self.model.item(row).id for row in rows]
        if not ids:
            self.qt_document.failed.emit("Select the actions to delete.")
            return
        self.qt_document.attempt(compose_each, f"Delete {plural(len(ids), 'action')}", delete_action, ids)

    def _after_step(self, changes: Changes) -> None:
        """After Undo or Redo the actions it brought back or changed are selected (as on the board)."""
        select_step_rows(self.table, changes, "actions", self._index_of)

    def _index_of(self, action_id: str) -> QModelIndex:
        row = self.model.row_of(action_id)
        return self.proxy.mapFromSource(self.model.index(row, TEXT)) if row >= 0 else QModelIndex()

    def _update_summary(self, _edit: object = None) -> None:
        actions = [self.model.item(row) for row in range(self.model.rowCount())]
        overdue = sum(1 for action in actions if is_overdue(action, self.model.today()))
        open_count = sum(1 for action in actions if action.status not in CLOSED)
        missing = sum(1 for action in actions if action.owner is None or action.due is None)
        parts = [plural(len(actions), "action"), f"{open_count} open", f"{overdue} overdue"]
        if missing:
            parts.append(f"{missing} without owner or due date")
        self.summary.setText("  ·  ".join(parts))


def _choices(values: tuple[str, ...]) -> list[Choice]:
    return [(label(value), value, None) for value in values]


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
