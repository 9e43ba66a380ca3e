"""The Library's "What recurs" view: texts that come back across incidents, and small charts.

Self-contained: ``RecursView(index_path)``, then ``set_folders(folders)`` whenever the library's
folders change or were indexed. It works out what recurs on a worker thread (with its own
connection to the index), and only while it is shown: a hidden view just remembers it is stale.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.library.index import Library
from pmdesk.library.recurs import Overview, QuarterCount, Recurrence, format_minutes, overview
from pmdesk.library.schema import default_index_path
from pmdesk.model.labels import label
from pmdesk.ui.library.charts import Lines, StackedBars
from pmdesk.ui.library.library_thread import LibraryThread
from pmdesk.ui.plain import capped, plain_label, plain_tooltip

PATH_ROLE = Qt.ItemDataRole.UserRole + 7
TIME_SERIES = (("to_detect", "Detect"), ("to_mitigate", "Mitigate"), ("to_resolve", "Resolve"))
WHERE_CHARS = 300  # the "Where" column's text is cut here (the tooltip has every title)


class OverviewWorker(LibraryThread):
    """Brings the index up to date (optionally) and works out what recurs, off the GUI thread.

    ``done`` carries the Overview.
    """

    failure = "What recurs could not be worked out"

    def __init__(self, index_path: Path, folders: list[Path], update: bool, parent: QWidget) -> None:
        super().__init__(index_path, folders, parent)
        self.update_first = update

    def work(self, library: Library) -> Overview | None:
        """Compute (on the worker thread)."""
        if self.update_first:
            library.update(self.folders, should_stop=self.stopping)
        return None if self.stopping() else overview(library, self.folders)


class RecursView(QWidget):
    """What comes back across the library's incidents, incidents per quarter, and response times."""

    open_board = Signal(Path)  # the user asked to open this board
    computed = Signal()  # a new overview is shown

    def __init__(
        self, index_path: Path | None = None, update: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("RecursView")
        self.index_path = index_path or default_index_path()
        self.update_first = update  # False when the host window keeps the index up to date itself
        self.folders: list[Path] = []
        self.data: Overview | None = None
        self.worker: OverviewWorker | None = None
        self._stale = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.status = plain_label("Add a folder of boards to see what comes back across incidents.", self)
        self.status.setObjectName("RecursStatus")
        layout.addWidget(self.status)
        split = QSplitter(Qt.Orientation.Vertical, self)
        self.tree = QTreeWidget(split)
        self.tree.setObjectName("RecursTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["What comes back", "Appears in", "Where"])
        self.tree.setColumnWidth(0, 360)
        self.tree.setColumnWidth(1, 130)
        self.tree.itemActivated.connect(self._activated)
        charts = QWidget(split)
        row = QHBoxLayout(charts)
        row.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        self.split_by = QComboBox(charts)
        self.split_by.setObjectName("RecursSplitBy")
        self.split_by.addItems(["By kind", "By severity"])
        self.split_by.setAccessibleName("Split incidents per quarter")
        self.split_by.currentIndexChanged.connect(lambda _i: self._draw_quarters())
        self.quarters = StackedBars("Incidents per quarter", charts)
        self.quarters.setObjectName("RecursQuarters")
        left.addWidget(self.split_by, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.quarters, 1)
        self.times = Lines("Median time to detect, mitigate, resolve", "h", charts)
        self.times.setObjectName("RecursTimes")
        row.addLayout(left, 1)
        row.addWidget(self.times, 1)
        split.addWidget(self.tree)
        split.addWidget(charts)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)

    # --- data -------------------------------------------------------------------------------

    def set_folders(self, folders: list[Path]) -> None:
        """The library's folders (or: they were indexed again); worked out now if shown, else when shown."""
        self.folders = list(folders)
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Work out what recurs the first time the view is seen after a change."""
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Work out what recurs again, on a worker thread (one at a time; a later ask runs after)."""
        if self.worker is not None:
            self._stale = True
            return
        self._stale = False
        if not self.folders:
            self.show_overview(Overview(0, [], [], []))
            return
        self.status.setText("Looking for what comes back across incidents…")
        self.worker = OverviewWorker(self.index_path, self.folders, self.update_first, self)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(self._finished)
        self.worker.start()

    def _done(self, result: object) -> None:
        assert isinstance(result, Overview)
        self.show_overview(result)

    def _failed(self, message: str) -> None:
        self.status.setText(message)

    def _finished(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.deleteLater()
        if self._stale and self.isVisible():
            self.refresh()

    def wait(self, msecs: int = 30_000) -> None:
        """Wait for a computation under way (for closing, and for tests)."""
        if self.worker is not None:
            self.worker.wait(msecs)

    def stop(self) -> None:
        """Stop a computation under way and wait for it (its window is closing); shown again, the
        view works it out anew."""
        if self.worker is not None:
            self.worker.stop()
            self.worker.wait()
            self._stale = True

    # --- showing ------------------------------------------------------------------------------

    def show_overview(self, data: Overview) -> None:
        """Show an overview (plain text from user data throughout)."""
        self.data = data
        if not self.folders:
            self.status.setText("Add a folder of boards to see what comes back across incidents.")
        elif not data.boards:
            self.status.setText("No boards in the library's folders yet.")
        elif data.boards == 1:
            self.status.setText("1 incident so far; what comes back shows from two incidents on.")
        elif not data.recurring:
            self.status.setText(f"{data.boards} incidents; nothing comes back in two or more of them yet.")
        else:
            things = "1 thing comes" if len(data.recurring) == 1 else f"{len(data.recurring)} things come"
            self.status.setText(
                f"{things} back across {data.boards} incidents. "
                "Open an incident with Enter or a double-click."
            )
        self.tree.clear()
        self.tree.addTopLevelItems([self._group_item(group) for group in data.recurring])
        self._draw_quarters()
        self._draw_times()
        self.computed.emit()

    def _group_item(self, group: Recurrence) -> QTreeWidgetItem:
        titles = ", ".join(board.title for board in group.boards)
        item = QTreeWidgetItem([group.label, f"{group.incidents} incidents", capped(titles, WHERE_CHARS)])
        item.setToolTip(0, plain_tooltip("\n".join(text.text for text in group.texts)))
        item.setToolTip(2, plain_tooltip(capped(titles)))
        examples = {text.board.id: text.text for text in reversed(group.texts)}
        for board in group.boards:
            when = board.date or "no date"
            child = QTreeWidgetItem([f"{board.title} · {when}", "", capped(examples.get(board.id, ""), 500)])
            child.setData(0, PATH_ROLE, str(board.path))
            child.setToolTip(0, plain_tooltip(str(board.path)))
            item.addChild(child)
        return item

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        path = item.data(0, PATH_ROLE)
        if path:
            self.open_board.emit(Path(str(path)))
        else:
            item.setExpanded(not item.isExpanded())

    def _draw_quarters(self) -> None:
        quarters = self.data.quarters if self.data is not None else []
        by_severity = self.split_by.currentIndex() == 1

        def counts(quarter: QuarterCount) -> dict[str, int]:
            return dict(quarter.by_severity if by_severity else quarter.by_kind)

        totals: dict[str, int] = {}
        for quarter in quarters:
            for key, value in counts(quarter).items():
                totals[key] = totals.get(key, 0) + value
        keys = sorted(totals, key=lambda key: (-totals[key], key))
        names = [key if by_severity else label(key) for key in keys]
        values = [[counts(quarter).get(key, 0) for key in keys] for quarter in quarters]
        self.quarters.set_data([quarter.quarter for quarter in quarters], names, values)

    def _draw_times(self) -> None:
        times = self.data.times if self.data is not None else []
        values: list[list[float | None]] = []
        shown: list[str] = []
        for attribute, _name in TIME_SERIES:
            minutes = [getattr(quarter, attribute) for quarter in times]
            values.append([m / 60 if m is not None else None for m in minutes])
            shown.append(
                ", ".join(f"{q.quarter} {format_minutes(m)}" for q, m in zip(times, minutes, strict=True))
            )
        self.times.set_data([q.quarter for q in times], [name for _a, name in TIME_SERIES], values, shown)
