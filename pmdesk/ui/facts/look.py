"""Shared look of the facts pages: text a little larger than the desktop default, for the projector."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

PAGE_SCALE = 1.25  # the room reads these pages on a projector during the meeting


def enlarge(widget: QWidget, scale: float = PAGE_SCALE) -> None:
    """Scale the font a widget and its children inherit."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    widget.setFont(font)


def roomy_rows(view: QAbstractItemView) -> None:
    """Give table cells some padding so rows read as lines from afar."""
    view.setStyleSheet("QTableView::item { padding: 4px 8px; }")
    font = QApplication.font()  # a style sheet stops inheritance: set the size on the view itself
    font.setPointSizeF(font.pointSizeF() * PAGE_SCALE)
    view.setFont(font)


PRESENTING_SCALE = 2.0  # table text on the projector, against the desktop default


def present_rows(view: QAbstractItemView, on: bool) -> None:
    """Table text large enough for the back of the room while presenting (and back again)."""
    font = QApplication.font()
    font.setPointSizeF(font.pointSizeF() * (PRESENTING_SCALE if on else PAGE_SCALE))
    view.setFont(font)
    header = getattr(view, "horizontalHeader", None)
    if header is not None:
        header().setFont(font)
