"""The start-up baselines: windows that use no pmdesk code and report their first frame.

    python -m pmdesk.bench.first_frame bare        QApplication + an empty QMainWindow
    python -m pmdesk.bench.first_frame text        the same with one QLabel (first use of fonts)
    python -m pmdesk.bench.first_frame stand-in    the shape of pmdesk's first frame: menus, nine
                                                   tabs, four tree views over a Python model with
                                                   a Python delegate, labels and text entries

Each prints the line ``pmdesk --quit-after-show`` prints once its first frame is painted, and
quits. Only PySide6 is imported before that frame (and this package's empty ``__init__`` modules).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget


class _FirstFrame(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        from pmdesk.startup import since_start_line  # after the frame: the baseline stays pmdesk-free

        print(since_start_line("first frame painted", cpu=True), flush=True)
        QApplication.quit()


def stand_in(window: QMainWindow) -> None:
    """Fill ``window`` roughly as pmdesk's first frame is filled, with plain PySide6."""
    from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSize, Qt
    from PySide6.QtGui import QAction, QPainter
    from PySide6.QtWidgets import (
        QHBoxLayout,
        QLabel,
        QPlainTextEdit,
        QStyledItemDelegate,
        QStyleOptionViewItem,
        QTabWidget,
        QTreeView,
        QVBoxLayout,
    )

    index_type = QModelIndex | QPersistentModelIndex
    root = QModelIndex()

    class Model(QAbstractItemModel):
        def index(self, row: int, column: int, parent: index_type = root) -> QModelIndex:
            return self.createIndex(row, 0, 0) if not parent.isValid() and 0 <= row < 8 else QModelIndex()

        def parent(self, index: index_type = root) -> QModelIndex:  # type: ignore[override]
            return QModelIndex()

        def rowCount(self, parent: index_type = root) -> int:
            return 0 if parent.isValid() else 8

        def columnCount(self, parent: index_type = root) -> int:
            return 1

        def data(self, index: index_type, role: int = Qt.ItemDataRole.DisplayRole) -> object:
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            return f"Card {index.row()}: the pager fired on time and the runbook was current"

    class Delegate(QStyledItemDelegate):
        def sizeHint(self, option: QStyleOptionViewItem, index: index_type) -> QSize:
            return QSize(200, 64)

        def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: index_type) -> None:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            rect = option.rect
            painter.drawRoundedRect(rect.adjusted(4, 4, -4, -4), 8, 8)
            painter.drawText(rect.adjusted(12, 8, -8, -8), int(Qt.TextFlag.TextWordWrap), str(index.data()))
            painter.restore()

    for title in ("&File", "&Edit", "&View", "&Board", "&Go", "&Help"):
        menu = window.menuBar().addMenu(title)
        for number in range(10):
            menu.addAction(QAction(f"{title.strip('&')} action {number}", window))
    tabs = QTabWidget(window)
    window.setCentralWidget(tabs)
    board = QWidget()
    row = QHBoxLayout(board)
    model = Model(board)
    for section in ("What went well", "Lessons learned", "Future considerations", "Ongoing problem"):
        column = QVBoxLayout()
        column.addWidget(QLabel(section))
        view = QTreeView()
        view.setHeaderHidden(True)
        view.setItemDelegate(Delegate(view))
        view.setModel(model)
        column.addWidget(view)
        column.addWidget(QPlainTextEdit())
        row.addLayout(column)
    tabs.addTab(board, "Board")
    for title in ("What happened", "Set the tone", "Review", "Focus", "Priorities", "Actions", "Wrap-up"):
        tabs.addTab(QWidget(), title)


def main(kind: str) -> int:
    """Show the baseline window ``kind`` and quit after its first frame."""
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1400, 860)
    if kind == "text":
        from PySide6.QtWidgets import QLabel

        window.setCentralWidget(QLabel("What went well"))
    elif kind == "stand-in":
        stand_in(window)
    elif kind != "bare":
        raise SystemExit(f"unknown baseline {kind!r}: bare, text or stand-in")
    window.show()
    watcher = _FirstFrame(app)
    window.installEventFilter(watcher)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "bare"))
