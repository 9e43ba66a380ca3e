"""A window on the demo board, for probes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from pmdesk.app import build_first_view, complete_window
from pmdesk.model.demo import demo_board
from pmdesk.store.document import Document
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.main_window import MainWindow, WindowHooks
from pmdesk.ui.meeting.install import Meeting


def demo_window(folder: Path, theme: str = "light") -> tuple[QApplication, MainWindow, Meeting]:
    """The application and a main window on a fresh demo board, in ``theme``."""
    app, window = first_view(folder, theme)
    complete_window(window)
    meeting = window.findChild(Meeting)
    assert meeting is not None
    return app, window, meeting


def first_view(folder: Path, theme: str = "light") -> tuple[QApplication, MainWindow]:
    """The application and a window on a fresh demo board as it first shows (complete_window adds more)."""
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    path = folder / f"probe-{theme}.pmdesk"
    path.unlink(missing_ok=True)
    Document.create(path, demo_board()).close()
    settings = QSettings(str(folder / f"probe-{theme}.ini"), QSettings.Format.IniFormat)
    settings.setValue("meeting/theme", theme)
    qt_document = QtDocument(Document.open(path))
    hooks = WindowHooks(lambda: None, lambda _path: None, lambda: [], lambda: None)
    window = build_first_view(qt_document, hooks, settings)
    qt_document.setParent(window)
    return app, window


def settle(app: QApplication, rounds: int = 5) -> None:
    """Let queued layouts and timers run."""
    for _ in range(rounds):
        app.processEvents()


def overlaps(widgets: list[QWidget], root: QWidget) -> list[str]:
    """Pairs of visible widgets whose rectangles (in ``root``) overlap, and any that leave ``root``."""
    found = []
    boxes = []
    for widget in widgets:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        top_left = widget.mapTo(root, widget.rect().topLeft())
        box = widget.rect().translated(top_left)
        name = widget.objectName() or type(widget).__name__
        if hasattr(widget, "text") and callable(widget.text):
            name += f"[{widget.text()}]"
        if box.right() > root.width() or box.left() < 0:
            found.append(f"{name} leaves the window ({box.left()}..{box.right()} of {root.width()})")
        boxes.append((name, box))
    for i, (name, box) in enumerate(boxes):
        for other, other_box in boxes[i + 1 :]:
            if box.intersects(other_box):
                found.append(f"{name} overlaps {other}")
    return found
