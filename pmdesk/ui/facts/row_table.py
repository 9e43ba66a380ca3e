"""A table of board items where Ins adds a row and Del deletes the selected rows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


class RowTable(QTableView):
    """Ins calls ``add``; Del calls ``delete`` unless a cell is being edited; other keys as usual."""

    def __init__(self, parent: QWidget, add: Callable[[], object], delete: Callable[[], object]) -> None:
        super().__init__(parent)
        self._add = add
        self._delete = delete

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ins and Del act on the rows."""
        if event.key() == Qt.Key.Key_Insert:
            self._add()
        elif event.key() == Qt.Key.Key_Delete and self.state() != QAbstractItemView.State.EditingState:
            self._delete()
        else:
            super().keyPressEvent(event)
