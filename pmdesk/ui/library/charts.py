"""Small charts drawn with plain Qt painting: stacked bars per quarter, and lines over quarters.

Every text a chart draws is drawn with QPainter.drawText, which never interprets markup, so a
severity or kind typed by a user stays plain text. Each chart also says what it shows as its
accessible description and tooltip, for a screen reader and for exact numbers.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from pmdesk.ui.plain import plain_tooltip

# Colour-blind-safe (Okabe-Ito), then greys for the rest.
SERIES_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#999999")
AXIS, GRID, TEXT = QColor("#5a5a5a"), QColor("#e3e6ea"), QColor("#1a1a1a")
MAX_LEGEND = 8  # series named in the legend; more are drawn grey as "other"


def colour(index: int) -> QColor:
    """The colour of the ``index``-th series."""
    return QColor(SERIES_COLOURS[min(index, len(SERIES_COLOURS) - 1)])


def nice_top(value: float) -> float:
    """A round number at least ``value`` for the top of an axis (1, 2, 5, 10, 20, ...)."""
    if value <= 0:
        return 1.0
    step = 1.0
    while step * 10 <= value:
        step *= 10
    for factor in (1, 2, 5, 10):
        if factor * step >= value:
            return factor * step
    return 10 * step  # pragma: no cover - the loop always returns


class Chart(QWidget):
    """What both charts share: a title, category labels along the bottom, a legend, an axis."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.categories: list[str] = []
        self.series: list[str] = []
        self.setMinimumSize(280, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(title)

    def sizeHint(self) -> QSize:
        """Small: several charts share a view."""
        return QSize(420, 220)

    def describe(self, lines: list[str]) -> None:
        """Say what the chart shows, for a screen reader and as a tooltip (plain text)."""
        text = "\n".join([self.title, *lines]) if lines else f"{self.title}: no data yet"
        self.setAccessibleDescription(text)
        self.setToolTip(plain_tooltip(text))

    def plot_area(self, painter: QPainter, top_value: float, unit: str) -> QRectF:
        """Draw the title, legend and value axis; the rectangle the data goes in."""
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        painter.setPen(TEXT)
        bold = painter.font()
        bold.setBold(True)
        painter.save()
        painter.setFont(bold)
        painter.drawText(QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignLeft, self.title)
        painter.restore()
        legend_top = line + 2
        x = 0.0
        rows = 0
        for index, name in enumerate(self.series[:MAX_LEGEND]):
            width = float(metrics.horizontalAdvance(name) + 22)
            if x + width > self.width() and x > 0:
                x, rows = 0.0, rows + 1
            y = legend_top + rows * line
            painter.fillRect(QRectF(x, y + line / 2 - 5, 10, 10), colour(index))
            painter.setPen(TEXT)
            painter.drawText(QRectF(x + 14, y, width, line), Qt.AlignmentFlag.AlignLeft, name)
            x += width
        left = (
            max(metrics.horizontalAdvance(f"{top_value * f:g} {unit}".strip()) for f in (0.0, 0.5, 1.0)) + 8
        )
        # The top value's label is centred on the top grid line: keep its upper half clear of the legend.
        top = (legend_top + (rows + 1) * line if self.series else legend_top) + line / 2 + 2
        area = QRectF(left, top, max(self.width() - left - 4, 10), max(self.height() - top - line - 6, 10))
        painter.setPen(QPen(GRID, 1))
        for fraction in (0.0, 0.5, 1.0):
            level = area.bottom() - fraction * area.height()
            painter.drawLine(QPointF(area.left(), level), QPointF(area.right(), level))
            painter.setPen(AXIS)
            label = f"{top_value * fraction:g} {unit}".strip()
            painter.drawText(
                QRectF(0, level - line / 2, left - 4, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            painter.setPen(QPen(GRID, 1))
        return area

    def draw_categories(self, painter: QPainter, area: QRectF) -> None:
        """The category labels under the plot, thinned out when they would overlap."""
        if not self.categories:
            return
        metrics = QFontMetrics(self.font())
        slot = area.width() / len(self.categories)
        widest = max(metrics.horizontalAdvance(c) for c in self.categories) + 6
        every = max(1, int(widest // max(slot, 1)) + 1)
        painter.setPen(AXIS)
        for index, name in enumerate(self.categories):
            if index % every:
                continue
            x = area.left() + slot * index
            painter.drawText(
                QRectF(x - widest / 2 + slot / 2, area.bottom() + 2, widest, metrics.height()),
                Qt.AlignmentFlag.AlignHCenter,
                name,
            )

    def empty(self, painter: QPainter) -> None:
        """Say there is nothing to draw."""
        painter.setPen(AXIS)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, f"{self.title}: no data yet")


class StackedBars(Chart):
    """Counts per category (a quarter), each bar stacked by series (kinds or severities)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.values: list[list[int]] = []  # per category, per series

    def set_data(self, categories: list[str], series: list[str], values: list[list[int]]) -> None:
        """Show ``values[c][s]`` for each category c and series s."""
        self.categories, self.series, self.values = categories, series, values
        lines = []
        for name, row in zip(categories, values, strict=True):
            parts = [f"{series[i]} {v}" for i, v in enumerate(row) if v]
            lines.append(f"{name}: {sum(row)}" + (f" ({', '.join(parts)})" if parts else ""))
        self.describe(lines)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the bars."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.categories:
            self.empty(painter)
            return
        top_value = nice_top(max((sum(row) for row in self.values), default=0))
        area = self.plot_area(painter, top_value, "")
        slot = area.width() / len(self.categories)
        bar = max(slot * 0.7, 1.0)
        for index, row in enumerate(self.values):
            x = area.left() + slot * index + (slot - bar) / 2
            y = area.bottom()
            for series, value in enumerate(row):
                if not value:
                    continue
                height = area.height() * value / top_value
                painter.fillRect(QRectF(x, y - height, bar, height), colour(series))
                y -= height
        self.draw_categories(painter, area)


class Lines(Chart):
    """Values per category for a few series, as lines with dots (a gap where a value is unknown)."""

    def __init__(self, title: str, unit: str = "", parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.unit = unit
        self.values: list[list[float | None]] = []  # per series, per category

    def set_data(
        self, categories: list[str], series: list[str], values: list[list[float | None]], shown: list[str]
    ) -> None:
        """Show ``values[s][c]``; ``shown[s][c]`` is how the value reads (for the description)."""
        self.categories, self.series, self.values = categories, series, values
        lines = [f"{name}: {text}" for name, text in zip(series, shown, strict=True)]
        self.describe(lines)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the lines."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        known = [v for row in self.values for v in row if v is not None]
        if not self.categories or not known:
            self.empty(painter)
            return
        top_value = nice_top(max(known))
        area = self.plot_area(painter, top_value, self.unit)
        slot = area.width() / len(self.categories)
        for series, row in enumerate(self.values):
            painter.setPen(QPen(colour(series), 2))
            previous: QPointF | None = None
            for index, value in enumerate(row):
                if value is None:
                    previous = None
                    continue
                point = QPointF(
                    area.left() + slot * index + slot / 2, area.bottom() - area.height() * value / top_value
                )
                if previous is not None:
                    painter.drawLine(previous, point)
                painter.setBrush(colour(series))
                painter.drawEllipse(point, 3, 3)
                previous = point
        self.draw_categories(painter, area)
