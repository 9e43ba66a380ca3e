"""One drag step over the board page: QDragMoveEvents with pmdesk MIME data over the columns.

QDrag.exec() blocks, so the drag is simulated the way the tests do it: enter, move, leave events
sent to each column's viewport. A step is one QDragMoveEvent plus the event processing and
repaint it causes. Written defensively: the board page is built by another part of pmdesk.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from pmdesk.bench.figures import percentile
from pmdesk.ui.page_contract import PageKey


def card_views(window: Any) -> list[QAbstractItemView]:
    """The visible item views of the board page (its columns) that show rows."""
    root: QWidget = window.pages.get(PageKey.BOARD, window)
    views = []
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is not None and view.isVisible() and model.rowCount(view.rootIndex()) > 0:
            views.append(view)
    return views


def card_mime(window: Any, view: QAbstractItemView) -> QMimeData:
    """The MIME data a drag of the view's first card would carry."""
    model = view.model()
    data = model.mimeData([model.index(0, 0, view.rootIndex())])
    if data is not None and any(f.startswith("application/x-pmdesk") for f in data.formats()):
        return data
    from pmdesk.ui.board.mime import encode_ids

    return encode_ids([window.qt_document.board.cards[0].id])


def drag(app: QApplication, window: Any, steps: int) -> dict[str, Any]:
    """Time ``steps`` drag-move steps spread over every column; p50/p95 in ms."""
    window.show_page(PageKey.BOARD)
    app.processEvents()
    views = card_views(window)
    if not views:
        return {"error": "no item views with rows on the board page"}
    mime = card_mime(window, views[0])
    buttons, action = Qt.MouseButton.LeftButton, Qt.DropAction.MoveAction
    modifiers = Qt.KeyboardModifier.NoModifier
    times: list[float] = []
    accepted_times: list[float] = []
    per_view = max(1, steps // len(views))
    for view in views:
        viewport = view.viewport()
        width, height = viewport.width(), viewport.height()
        enter = QDragEnterEvent(QPoint(width // 2, 5), action, mime, buttons, modifiers)
        QApplication.sendEvent(viewport, enter)
        for index in range(per_view):
            # Down the column and back, off the centre line, away from the auto-scroll margins.
            y = 20 + (index * 7) % max(1, height - 40)
            x = width // 3 + (index % 5) * max(1, width // 15)
            event = QDragMoveEvent(QPoint(x, y), action, mime, buttons, modifiers)
            start = time.perf_counter()
            QApplication.sendEvent(viewport, event)
            app.processEvents()
            times.append(time.perf_counter() - start)
            if event.isAccepted():
                accepted_times.append(times[-1])
        QApplication.sendEvent(viewport, QDragLeaveEvent())
        app.processEvents()
    return {
        "p50_ms": percentile(times, 50) * 1000,
        "p95_ms": percentile(times, 95) * 1000,
        "steps": len(times),
        "accepted": len(accepted_times),
        "accepted_p95_ms": percentile(accepted_times, 95) * 1000,
        "views": len(views),
    }
