"""A table column as wide as its contents but no wider than a share of the table: it wraps.

A column sized to its contents lets one long value (a pasted owner name, a long section title)
take the width from the column that matters, squeezing it to a strip. This keeps the column's
width at ``min(contents, share × table)`` as the table, its font and its rows change; the
table's word wrap and its rows' heights do the rest, and the cell's tooltip holds the value.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView


class CappedColumn(QObject):
    """Keeps ``column`` of ``table`` at its contents' width, at most ``share`` of the table's."""

    def __init__(self, table: QTableView, column: int, share: float) -> None:
        super().__init__(table)
        self.table = table
        self.column = column
        self.share = share
        table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self._later = QTimer(self)  # one measure for a burst of changes, after they settle
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.fit)
        table.viewport().installEventFilter(self)
        model = table.model()
        for signal in (model.modelReset, model.dataChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(lambda *_args: self._later.start())
        model.layoutChanged.connect(lambda *_args: self._later.start())

    def fit(self) -> None:
        """Size the column now: its widest value or header, capped at its share of the table."""
        table = self.table
        table.ensurePolished()
        header = table.horizontalHeader()
        widest = max(table.sizeHintForColumn(self.column), header.sectionSizeHint(self.column))
        wanted = min(widest, int(table.viewport().width() * self.share))
        if header.sectionSize(self.column) != wanted:
            header.resizeSection(self.column, wanted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The table's viewport resized or shown: the share is of the new width."""
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._later.start()
        return False
