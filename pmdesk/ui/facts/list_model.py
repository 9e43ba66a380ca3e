"""A table model over one of the board's id lists that follows the document's changes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from pmdesk.model.changes import Changes
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.refresh import follow

Index = QModelIndex | QPersistentModelIndex


class BoardListModel(QAbstractTableModel):
    """Rows are a snapshot of a board list; after each edit the snapshot is diffed and the
    matching insert/remove/move/change signals are sent, so selections follow their items."""

    headers: tuple[str, ...] = ()
    collection = ""  # the board list shown (override)
    # What the rows show besides their own list: a participant's name, a card's text (override)
    also_follows: tuple[str, ...] = ()

    def __init__(self, qt_document: QtDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.qt_document = qt_document
        self._rows: list[Any] = list(self.items())
        follow(qt_document, (self.collection, *self.also_follows), self.refresh)

    def items(self) -> list[Any]:
        """The board list shown (override)."""
        raise NotImplementedError

    def item(self, row: int) -> Any:
        """The item shown on ``row``."""
        return self._rows[row]

    def row_of(self, item_id: str) -> int:
        """The row of the item with ``item_id``, or -1."""
        return next((row for row, item in enumerate(self._rows) if item.id == item_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Items in the list (a table has no children)."""
        return 0 if parent.isValid() else len(self._rows)

    # --- following the document ------------------------------------------------------------

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """One column per header."""
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Every cell is editable in place."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def refresh(self, changes: Changes | None = None) -> None:
        """Take a new snapshot and tell the views what changed (only the rows an edit names)."""
        new = list(self.items())
        old_ids = [item.id for item in self._rows]
        new_ids = [item.id for item in new]
        if old_ids == new_ids:
            self._rows = new
            if changes is not None and self._only_own_fields(changes):
                touched = changes.ids_of(self.collection)
                for row, item_id in enumerate(new_ids):
                    if item_id in touched:
                        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
            elif new:
                last = self.index(len(new) - 1, self.columnCount() - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        if len(new_ids) == len(old_ids) + 1:
            at = next(
                (i for i, (a, b) in enumerate(zip(old_ids, new_ids, strict=False)) if a != b), len(old_ids)
            )
            if new_ids[:at] + new_ids[at + 1 :] == old_ids:
                self.beginInsertRows(QModelIndex(), at, at)
                self._rows = new
                self.endInsertRows()
                self.refresh()
                return
        if len(new_ids) == len(old_ids) - 1:
            at = next(
                (i for i, (a, b) in enumerate(zip(old_ids, new_ids, strict=False)) if a != b), len(new_ids)
            )
            if old_ids[:at] + old_ids[at + 1 :] == new_ids:
                self.beginRemoveRows(QModelIndex(), at, at)
                self._rows = new
                self.endRemoveRows()
                self.refresh()
                return
        if sorted(old_ids) == sorted(new_ids):
            self._move_rows(new, old_ids, new_ids)
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def _only_own_fields(self, changes: Changes) -> bool:
        """True when the change set only set fields of this list's items (nothing else shown moved)."""
        own = not changes.whole_board and self.collection not in changes.reshaped
        return own and not changes.concerns(*self.also_follows)

    def _move_rows(self, new: list[Any], old_ids: list[str], new_ids: list[str]) -> None:
        self.layoutAboutToBeChanged.emit()
        where = {item_id: row for row, item_id in enumerate(new_ids)}
        persistent = self.persistentIndexList()
        moved = [
            self.index(where[old_ids[index.row()]], index.column()) if index.isValid() else index
            for index in persistent
        ]
        self._rows = new
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
        self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, self.columnCount() - 1))
