"""The open actions across the library: a sortable, filterable table, exported as CSV or .ics."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmdesk.library import register
from pmdesk.library.index import ActionRow
from pmdesk.model.shown import shown
from pmdesk.report.common import label
from pmdesk.ui.plain import confirm_replace, plain_tooltip

COLUMNS = ("Board", "Date", "Action", "Owner", "Due", "Priority", "Status", "Answers")
WIDE_COLUMNS = (0, 2, 7)  # Board, Action, Answers: they share what the short columns leave
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
EVERYONE = "Everyone"
EVERY_SERVICE = "Every service"
OVERDUE = QColor("#b00020")


class ActionsView(QWidget):
    """Every action of the library's boards, with filters by owner, service, open and overdue."""

    open_board = Signal(Path)
    message = Signal(str)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.rows: list[ActionRow] = []
        self.today = register.today()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        self.owner = QComboBox(self)
        self.owner.setObjectName("LibraryOwnerFilter")
        self.owner.setToolTip("Only this person's actions")
        self.service = QComboBox(self)
        self.service.setObjectName("LibraryServiceFilter")
        self.service.setToolTip("Only actions of incidents on this service")
        self.open_only = QCheckBox("&Open only", self)
        self.open_only.setChecked(True)
        self.overdue_only = QCheckBox("O&verdue only", self)
        self.count = QLabel(self)
        self.export_csv = QPushButton("Export &CSV…", self)
        self.export_ics = QPushButton("Export .&ics…", self)
        widgets: list[QWidget] = [QLabel("Owner:", self), self.owner, QLabel("Service:", self), self.service]
        widgets += [self.open_only, self.overdue_only]
        for widget in widgets:
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.count, self.export_csv, self.export_ics):
            bar.addWidget(widget)
        layout.addLayout(bar)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView(self)
        self.table.setObjectName("LibraryActions")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self._fit_columns()
        self.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._activated)
        layout.addWidget(self.table, 1)
        for box in (self.owner, self.service):
            box.currentIndexChanged.connect(self.refill)
        for check in (self.open_only, self.overdue_only):
            check.toggled.connect(self.refill)
        self.export_csv.clicked.connect(lambda: self.export("csv"))
        self.export_ics.clicked.connect(lambda: self.export("ics"))

    def _fit_columns(self) -> None:
        """Every column in the table's width, none behind a horizontal scroll bar: the short
        columns as wide as their longest value, the board, the action and what it answers
        sharing the rest (their full text is in the CSV; a narrow window elides them)."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        metrics = self.table.fontMetrics()
        short = {
            1: "2026-11-26",
            3: "Priya Natarajan",
            4: "2026-11-26  overdue",
            5: "Priority",
            6: "In progress",
        }
        for column, sample in short.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, metrics.horizontalAdvance(f"{sample}  ") + 16)
        for column in WIDE_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def set_rows(self, rows: list[ActionRow]) -> None:
        """Show these actions (the filters' choices are kept where they still exist)."""
        self.rows = rows
        self.today = register.today()
        self._fill_choice(
            self.owner, EVERYONE, sorted({row.owner for row in rows if row.owner}, key=str.casefold)
        )
        services = sorted({s for row in rows for s in row.board.services}, key=str.casefold)
        self._fill_choice(self.service, EVERY_SERVICE, services)
        self.refill()

    def _fill_choice(self, box: QComboBox, everyone: str, values: list[str]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(everyone, None)
        for value in values:
            box.addItem(shown(value), value)
        found = box.findData(current) if current is not None else -1
        box.setCurrentIndex(max(found, 0))
        box.blockSignals(False)

    def selected(self) -> list[ActionRow]:
        """The actions that pass the filters, in the table's order."""
        return register.select(
            self.rows,
            open_only=self.open_only.isChecked() or self.overdue_only.isChecked(),
            overdue=self.overdue_only.isChecked(),
            owner=self.owner.currentData(),
            service=self.service.currentData(),
            on=self.today,
        )

    def refill(self) -> None:
        """Rebuild the table from the rows and the filters."""
        rows = self.selected()
        self.model.setRowCount(0)
        for row in rows:
            overdue = row.overdue(self.today)
            cells = [
                (row.board.title, row.board.title.casefold()),
                (row.board.date or "", row.board.date or ""),
                (row.text, row.text.casefold()),
                (row.owner or "(no owner)", row.owner.casefold()),
                ((row.due or "") + ("  overdue" if overdue else ""), row.due or "9999"),
                (
                    label(row.priority),
                    ("high", "medium", "low").index(row.priority)
                    if row.priority in ("high", "medium", "low")
                    else 3,
                ),
                (label(row.status), row.status),
                (row.answers, row.answers.casefold()),
            ]
            items = []
            for column, (text, key) in enumerate(cells):
                item = QStandardItem(" ".join(text.split()))
                item.setData(key, Qt.ItemDataRole.UserRole)
                item.setData(row, ROW_ROLE)
                # The columns that share the width may be elided: their whole text on hover.
                item.setToolTip(plain_tooltip(shown(text)) if column in WIDE_COLUMNS and text else "")
                if overdue:
                    item.setForeground(QBrush(OVERDUE))
                items.append(item)
            self.model.appendRow(items)
        total = len(rows)
        overdue_count = sum(row.overdue(self.today) for row in rows)
        self.count.setText(f"{total} action{'s' if total != 1 else ''}, {overdue_count} overdue")
        self.export_csv.setEnabled(bool(rows))
        self.export_ics.setEnabled(bool(rows))

    def _activated(self, index: object) -> None:
        row = self.proxy.data(index, ROW_ROLE)  # type: ignore[arg-type]
        if isinstance(row, ActionRow):
            self.open_board.emit(row.board.path)

    def export(self, fmt: str) -> Path | None:
        """Ask where, then write the filtered actions as CSV or iCalendar; the file written."""
        from pmdesk.atomic import write_atomic
        from pmdesk.export_file import TargetRefused, check_target

        caption, suffix, pattern = {
            "csv": ("Export the actions as CSV", ".csv", "CSV files (*.csv)"),
            "ics": ("Export the due dates as iCalendar", ".ics", "iCalendar files (*.ics)"),
        }[fmt]
        folder = str(self.settings.value("library/export_folder", "") or "")
        # The dialog does not ask about replacing: pmdesk asks about the name it will really
        # write (with its suffix added), once it knows that name may be written at all.
        name, _ = QFileDialog.getSaveFileName(
            self,
            caption,
            str(Path(folder) / f"open-actions{suffix}"),
            pattern,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        from pmdesk.ui.library.window import take_keyboard_back

        take_keyboard_back(self.window())
        if not name:
            return None
        path = Path(name) if Path(name).suffix else Path(name).with_suffix(suffix)
        try:
            check_target(path, replace=True)
        except TargetRefused as error:
            self.message.emit(shown(str(error)))
            return None
        if os.path.lexists(path) and not self._confirm_replace(path):
            return None
        rows = self.selected()
        data = (
            register.to_csv(rows, on=self.today).encode("utf-8-sig")
            if fmt == "csv"
            else register.to_ics(rows).encode("utf-8")
        )
        try:
            target = check_target(path, replace=True)
            write_atomic(target, data)
        except (TargetRefused, OSError) as error:
            self.message.emit(shown(str(error)))
            return None
        self.settings.setValue("library/export_folder", str(path.parent))
        self.message.emit(f"Wrote {shown(str(path))}")
        return path

    def _confirm_replace(self, path: Path) -> bool:
        return confirm_replace(self, path)
