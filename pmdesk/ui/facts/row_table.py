"""What the list editors (Actions, Timeline) share: a table where Ins adds a row and Del deletes
the selected rows, and the row of buttons under it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QWidget,
)

from pmdesk.model.changes import Changes
from pmdesk.model.edits import Insert, SetField, primitives

Button = tuple[str, str, Callable[[], object]]  # text (with its & key), tooltip, what it does


Hint = QAbstractItemDelegate.EndEditHint
Move = QAbstractItemView.CursorAction


class RowTable(QTableView):
    """Ins calls ``add``; Del calls ``delete`` unless a cell is being edited; other keys as usual.

    Tab goes through the cells as in a spreadsheet, editing each; Tab from the last cell (and
    Shift+Tab from the first) leaves the table for the next control instead of wrapping round
    to the first row.
    """

    def __init__(self, parent: QWidget, add: Callable[[], object], delete: Callable[[], object]) -> None:
        super().__init__(parent)
        self._add = add
        self._delete = delete

    def _wraps(self, forward: bool) -> bool:
        """True when Tab (or Shift+Tab) from the current cell would wrap round the table."""
        current = self.currentIndex()
        if not current.isValid():
            return False
        target = self.moveCursor(
            Move.MoveNext if forward else Move.MovePrevious, Qt.KeyboardModifier.NoModifier
        )
        if not target.isValid() or target == current:
            return True
        return target.row() < current.row() if forward else target.row() > current.row()

    def closeEditor(self, editor: QWidget, hint: Hint) -> None:
        """Tab from the last cell's editor leaves the table (its value already kept)."""
        forward = hint == Hint.EditNextItem
        if hint in (Hint.EditNextItem, Hint.EditPreviousItem) and self._wraps(forward):
            super().closeEditor(editor, Hint.NoHint)
            QWidget.focusNextPrevChild(self, forward)
            return
        super().closeEditor(editor, hint)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab on the last cell (Shift+Tab on the first) moves on to the next control."""
        if self.tabKeyNavigation() and self._wraps(next):
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ins and Del act on the rows."""
        if event.key() == Qt.Key.Key_Insert:
            self._add()
        elif event.key() == Qt.Key.Key_Delete and self.state() != QAbstractItemView.State.EditingState:
            self._delete()
        else:
            super().keyPressEvent(event)


def select_step_rows(
    table: QTableView, changes: Changes, collection: str, index_of: Callable[[str], QModelIndex]
) -> None:
    """After Undo or Redo: select the rows of ``collection`` the step brought back or changed, as
    the board selects its cards; the keyboard stays where it is, or comes to the table if it was
    lost (after Del and Ctrl+Z the selection stayed where it was, so the next Del removed another)."""
    if changes.edit is None:
        return
    ids = [
        str(getattr(step.item, "id", "")) if isinstance(step, Insert) else str(step.item_id)
        for step in primitives(changes.edit)
        if isinstance(step, Insert | SetField) and step.collection == collection
    ]
    shown = [index for index in (index_of(item) for item in dict.fromkeys(ids)) if index.isValid()]
    if not shown:
        return
    selection = table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag
    selection.setCurrentIndex(shown[0], flags.ClearAndSelect | flags.Rows)
    for index in shown[1:]:
        selection.select(index, flags.Select | flags.Rows)
    focus = QApplication.focusWidget()
    if focus is None or not focus.isVisible():
        table.setFocus(Qt.FocusReason.OtherFocusReason)


def button_row(parent: QWidget, buttons: list[Button]) -> tuple[QHBoxLayout, list[QPushButton]]:
    """The buttons under a list editor's table, left-aligned; the layout and the buttons."""
    row = QHBoxLayout()
    made = []
    for text, tip, slot in buttons:
        button = QPushButton(text, parent)
        button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False, slot=slot: slot())
        row.addWidget(button)
        made.append(button)
    row.addStretch(1)
    return row, made
