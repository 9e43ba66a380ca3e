"""What the list editors (Actions, Timeline) share: a table where Ins adds a row and Del deletes
the selected rows, and the row of buttons under it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QPushButton, QTableView, QWidget

Button = tuple[str, str, Callable[[], object]]  # text (with its & key), tooltip, what it does


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
