"""Runs pmdesk's real window (as ``pmdesk FILE`` does) with a read-only probe for the tests.

    python window_probe.py BOARD PROBE_DIR

The tests drive the window with real X input (xdotool) and check the board file. They still
need to know where things are on the screen and where keyboard focus is: the probe answers
``PROBE_DIR/request.json`` (an expression over the helpers below) with ``response.json``.
It only reads the window; every change comes from X input.
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from pmdesk.ui.facts.date_field import DateField


def window() -> QMainWindow:
    """The board's main window."""
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "MainWindow" and widget.isVisible():
            assert isinstance(widget, QMainWindow)
            return widget
    raise LookupError("no main window")


def grect(widget: QWidget, rect: QRect | None = None) -> list[int]:
    """A widget's rectangle (or ``rect`` in its coordinates) on the screen: [x, y, w, h]."""
    area = rect if rect is not None else widget.rect()
    top_left = widget.mapToGlobal(area.topLeft())
    return [top_left.x(), top_left.y(), area.width(), area.height()]


def center(widget: QWidget) -> list[int]:
    """A widget's centre on the screen: [x, y]."""
    x, y, w, h = grect(widget)
    return [x + w // 2, y + h // 2]


def describe(widget: QWidget | None) -> dict[str, Any] | None:
    """Class, object name, visibility, place and (for text widgets) text of a widget."""
    if widget is None:
        return None
    text = ""
    for getter in ("toPlainText", "text", "currentText"):
        if hasattr(widget, getter):
            try:
                text = str(getattr(widget, getter)())
            except TypeError:
                continue
            break
    chain = []
    parent: QWidget | None = widget
    while parent is not None:
        chain.append(type(parent).__name__)
        parent = parent.parentWidget()
    return {
        "class": type(widget).__name__,
        "name": widget.objectName(),
        "visible": widget.isVisible(),
        "rect": grect(widget),
        "text": text,
        "parents": chain,
        "focus_policy": int(widget.focusPolicy().value),
    }


def focus() -> dict[str, Any] | None:
    """The widget that has keyboard focus, described (None when nothing has it)."""
    return describe(QApplication.focusWidget())


def page() -> str:
    """The key of the tab shown now."""
    main = window()
    pages: Any = main.pages  # type: ignore[attr-defined]
    return str(pages.key_at(main.tabs.currentIndex()))  # type: ignore[attr-defined]


def widgets(cls: str = "QWidget", text: str | None = None, name: str | None = None) -> list[QWidget]:
    """Visible widgets of a class (by name, subclasses included) with a text or object name."""
    found = []
    for widget in window().findChildren(QWidget):
        if not widget.isVisible() or not any(k.__name__ == cls for k in type(widget).__mro__):
            continue
        if name is not None and widget.objectName() != name:
            continue
        if text is not None and (not hasattr(widget, "text") or widget.text().replace("&", "") != text):
            continue
        found.append(widget)
    return found


def widget_center(cls: str = "QWidget", text: str | None = None, name: str | None = None) -> list[int]:
    """The screen centre of the only visible widget that matches (see ``widgets``)."""
    found = widgets(cls, text, name)
    if len(found) != 1:
        raise LookupError(f"{len(found)} visible {cls} with text={text!r} name={name!r}")
    return center(found[0])


def _rows(view: QAbstractItemView, parent: QModelIndex) -> list[QModelIndex]:
    model = view.model()
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out.append(index)
        out.extend(_rows(view, index))
    return out


def item_rect(text: str) -> list[int]:
    """The screen rectangle of the one visible row (card, theme) whose text starts with ``text``."""
    hits = []
    for view in window().findChildren(QAbstractItemView):
        if not view.isVisible():
            continue
        for index in _rows(view, QModelIndex()):
            shown = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            rect = view.visualRect(index)
            if shown.startswith(text) and rect.isValid() and view.viewport().rect().intersects(rect):
                hits.append(grect(view.viewport(), rect.intersected(view.viewport().rect())))
    if len(hits) != 1:
        raise LookupError(f"{len(hits)} visible rows start with {text!r}")
    return hits[0]


def status() -> str:
    """The status bar's message (refusals are shown there)."""
    return window().statusBar().currentMessage()


def dialogs() -> list[dict[str, str]]:
    """Visible dialogs and message boxes: their class, title and text."""
    found = []
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            text = widget.text() if isinstance(widget, QMessageBox) else ""
            found.append({"class": type(widget).__name__, "title": widget.windowTitle(), "text": text})
    return found


def popups() -> list[str]:
    """Visible menus and other popups (by class)."""
    return [
        type(w).__name__ for w in QApplication.topLevelWidgets() if w.isVisible() and isinstance(w, QMenu)
    ]


def buttons() -> list[dict[str, Any]]:
    """Every visible, enabled button of the window: its text, tool tip and screen centre."""
    return [
        {"text": b.text(), "tip": b.toolTip(), "center": center(b), "name": b.objectName()}
        for b in window().findChildren(QAbstractButton)
        if b.isVisible() and b.isEnabled()
    ]


def text_inputs() -> list[dict[str, Any]]:
    """The visible, editable text fields of the window (date and number boxes left out)."""
    found = []
    for widget in window().findChildren(QWidget):
        if not (isinstance(widget, QLineEdit | QPlainTextEdit) and widget.isVisible() and widget.isEnabled()):
            continue
        if widget.isReadOnly() or isinstance(widget.parentWidget(), QAbstractSpinBox):
            continue
        if isinstance(widget, DateField):  # takes dates and times, refuses other text
            continue
        found.append(describe(widget))
    return found


def win_id() -> int:
    """The X window id of the main window."""
    return int(window().winId())


def ready() -> bool:
    """True once the whole window (meeting, menus, export) is built and on screen."""
    main = window()
    pages: Any = main.pages  # type: ignore[attr-defined]
    return bool(main.isVisible() and "room" in pages)


def at(x: int, y: int) -> dict[str, Any] | None:
    """The widget under a screen point, described."""
    return describe(QApplication.widgetAt(QPoint(x, y)))


class Probe:
    """Answers one request file at a time from the window's own event loop."""

    def __init__(self, folder: Path) -> None:
        self.request = folder / "request.json"
        self.response = folder / "response.json"
        self.timer = QTimer()
        self.timer.timeout.connect(self.poll)
        self.timer.start(20)

    def poll(self) -> None:
        """Evaluate a waiting request and write its answer atomically."""
        if not self.request.exists():
            return
        request = json.loads(self.request.read_text(encoding="utf-8"))
        self.request.unlink()
        QApplication.processEvents()  # input already received is handled before answering
        answer: dict[str, Any] = {"n": request["n"]}
        try:
            answer["value"] = eval(request["expr"], dict(NAMESPACE))
        except Exception:
            answer["error"] = traceback.format_exc()
        partial = self.response.with_suffix(".part")
        partial.write_text(json.dumps(answer, default=repr), encoding="utf-8")
        partial.replace(self.response)


def main() -> int:
    """Start pmdesk on the board with the probe listening."""
    board, folder = Path(sys.argv[1]), Path(sys.argv[2])
    app = QApplication(sys.argv[:1])
    probe = Probe(folder)
    from pmdesk.app import run

    status = run(board)
    probe.timer.stop()
    del app
    return status


class _WindowLog(QObject):
    """Test aid: remembers every window shown (class and title), to find focus thieves."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            stack = "".join(traceback.format_stack(limit=6)[:-1])
            self.shown.append(
                f"{type(watched).__name__}:{watched.windowTitle()}:{watched.objectName()}\n{stack}"
            )
        return False


WINDOW_LOG = _WindowLog()


def log_windows() -> bool:
    """Start remembering shown windows (see ``shown_windows``)."""
    QApplication.instance().installEventFilter(WINDOW_LOG)
    return True


def shown_windows() -> list[str]:
    """Windows shown since ``log_windows``."""
    return WINDOW_LOG.shown


NAMESPACE = {name: value for name, value in globals().items() if not name.startswith("_")}


if __name__ == "__main__":
    sys.exit(main())
