"""The Library's small charts: the value axis keeps clear of the legend above it."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics, QImage, QPainter
from pytestqt.qtbot import QtBot

from pmdesk.ui.library.charts import Lines, StackedBars


def test_the_top_value_label_sits_below_the_legend(qtbot: QtBot) -> None:
    charts = (Lines("Median time to detect, mitigate, resolve", "h"), StackedBars("Incidents per quarter"))
    for chart in charts:
        qtbot.addWidget(chart)
        chart.resize(420, 220)
        if isinstance(chart, Lines):
            chart.set_data(["2026-Q4"], ["Detect", "Mitigate"], [[0.1], [0.6]], ["0.1 h", "0.6 h"])
        else:
            chart.set_data(["2026-Q4"], ["Outage", "Security"], [[1, 1]])
        image = QImage(chart.size(), QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        area = chart.plot_area(painter, 2.0, "h")
        painter.end()
        line = QFontMetrics(chart.font()).height()
        legend_bottom = 2 * line + 2  # the title's line, then one row of legend
        top_label_top = area.top() - line / 2  # the top value's label is centred on the top grid line
        assert top_label_top >= legend_bottom, (top_label_top, legend_bottom)
        assert area.bottom() + 2 + line <= chart.height()  # the quarter names still fit below
