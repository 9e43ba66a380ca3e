"""Top priorities: themes and loose cards of every section, ranked by dots."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from pmdesk.model.board import Theme
from pmdesk.model.changes import Changes
from pmdesk.model.derived import Ranked, ranking
from pmdesk.ui.capped_column import CappedColumn
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.plain import plain_label, plain_tooltip
from pmdesk.ui.refresh import follow

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invalid index, as a default argument
HEADERS = ("Rank", "Theme or card", "Kind", "Section", "Dots")
SECTION = HEADERS.index("Section")


class RankingModel(QAbstractTableModel):
    """The ranking as a table; empty while the tallies are hidden."""

    FOLLOWS = ("votes", "cards", "themes", "sections", "session.votes_hidden")

    def __init__(
        self, qt_document: QtDocument, parent: QObject | None = None, view: QWidget | None = None
    ) -> None:
        """``view``: the widget showing the ranking; while it is hidden the ranking waits."""
        super().__init__(parent)
        self.qt_document = qt_document
        self.rows: list[Ranked] = []
        self.ranks: list[int] = []
        self.reload()
        follow(qt_document, self.FOLLOWS, self._on_changed, view)

    def _on_changed(self, _changes: Changes) -> None:
        self.reload()

    def reload(self) -> None:
        """Rank again from the board."""
        self.beginResetModel()
        board = self.qt_document.board
        self.rows = [] if board.session.votes_hidden else ranking(board)
        self.ranks = []
        for position, row in enumerate(self.rows):
            tie = position and row.votes == self.rows[position - 1].votes
            self.ranks.append(self.ranks[-1] if tie else position + 1)
        self.titles = {section.id: section.title for section in board.sections}
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        """One row per ranked theme or card."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        """Rank, text, kind, section, dots."""
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cells as plain text."""
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                str(self.ranks[index.row()]),
                row.label,
                "Theme" if isinstance(row.target, Theme) else "Card",
                self.titles.get(row.section_id, ""),
                str(row.votes),
            )
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return plain_tooltip(row.label)
        if role == Qt.ItemDataRole.ToolTipRole and column == SECTION:  # the whole title, if cut
            return plain_tooltip(self.titles.get(row.section_id, ""))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 4):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None


class PrioritiesPage(QWidget):
    """The Top priorities page."""

    def __init__(self, qt_document: QtDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qt_document = qt_document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        title = plain_label("Top priorities", self, wrap=False)
        title.setStyleSheet("font-size: 20pt; font-weight: 700;")
        layout.addWidget(title)
        self.note = plain_label("", self)
        self.note.setStyleSheet("font-size: 13pt;")
        layout.addWidget(self.note)
        self.model = RankingModel(qt_document, self, view=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # Rows follow their wrapped text at the table's real width (a one-off resize at reset
        # measured them before the page had its width, leaving rows several lines too tall).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # A long section title would take the width from the theme or card, the point of the row;
        # it wraps instead, and its row grows with the column.
        self.section_column = CappedColumn(self.table, SECTION, 0.25)
        header.sectionResized.connect(lambda *_sizes: QTimer.singleShot(0, self.table.resizeRowsToContents))
        self.table.setStyleSheet(
            "QTableView { font-size: 14pt; } QTableView::item { padding: 8px 6px; }"
            " QHeaderView::section { font-size: 12pt; font-weight: 600; padding: 6px; }"
        )
        layout.addWidget(self.table, 1)
        self.model.modelReset.connect(self._update_note)
        self._update_note()

    def _update_note(self) -> None:
        session = self.qt_document.board.session
        if session.votes_hidden:
            self.note.setText(
                "Tallies are hidden (blind voting). Reveal them on the Board to see the ranking."
            )
        elif not self.model.rows:
            self.note.setText("No dots yet. Start voting on the Board (V), then come back here.")
        else:
            self.note.setText("Themes and loose cards of every section, most dots first.")
