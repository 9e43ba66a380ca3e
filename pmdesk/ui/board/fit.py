"""Fit the board to the window: every column in view, and the cards as large as lets most of them fit."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QBoxLayout, QScrollArea, QStyleOptionViewItem

from pmdesk.ui.board.section_column import SectionColumn


class FitPage(Protocol):
    """What fitting needs of the Board page (the page imports this module, not the reverse)."""

    columns: list[SectionColumn]
    minimum_column_width: int
    zoom: float

    @property
    def strip_layout(self) -> QBoxLayout:
        """The row of columns."""

    @property
    def scroller(self) -> QScrollArea:
        """The area the columns scroll in."""

    def set_zoom(self, factor: float) -> None:
        """Scale the cards' text."""


NARROWEST = 140  # a column is never squeezed below this to fit beside the others
SMALLEST = 0.6  # of the zoom the board had: below this the cards get too small to read
MEASURED_ROWS = 300  # a column taller than this does not fit anyway


def content_height(column: SectionColumn, limit: int) -> int:
    """The height of a column's cards as laid out now (stops counting past ``limit``)."""
    view = column.view
    delegate = view.card_delegate
    option = QStyleOptionViewItem()
    total = 0
    index = view.model().index(0, 0) if view.model() else QModelIndex()
    rows = 0
    while index.isValid() and total <= limit and rows < MEASURED_ROWS:
        total += delegate.sizeHint(option, index).height()
        index = view.indexBelow(index)
        rows += 1
    return total


def fits(page: FitPage) -> bool:
    """True when every column's cards fit its height at the page's zoom."""
    for column in page.columns:
        room = column.view.viewport().height()
        if content_height(column, room) > room:
            return False
    return True


def fit_columns(page: FitPage) -> None:
    """Narrow the columns, if need be, so that every one of them is in view."""
    if not page.columns:
        return
    spacing = page.strip_layout.spacing()
    available = page.scroller.viewport().width() - spacing * (len(page.columns) - 1)
    width = max(NARROWEST, min(page.minimum_column_width, available // len(page.columns)))
    for column in page.columns:
        column.setMinimumWidth(width)
    page.strip_layout.activate()


def fit_board(page: FitPage) -> float:
    """Every column in view, and the largest zoom (down to a readable floor) at which the cards fit."""
    fit_columns(page)
    start = page.zoom
    zoom = start
    while True:
        page.set_zoom(zoom)
        for column in page.columns:
            layout = column.layout()
            if layout is not None:
                layout.activate()
        if fits(page) or zoom <= start * SMALLEST:
            return zoom
        zoom = max(start * SMALLEST, zoom * 0.9)
