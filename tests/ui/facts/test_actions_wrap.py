"""The Actions table wraps long texts onto more lines instead of cutting them with "…"."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pmdesk.model.board_ops import set_action_field
from pmdesk.ui.facts.actions_model import SOURCE, TEXT
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.install import Meeting

LONG = "Alert on payments-gateway connection pool saturation above 80% and page the owning team at once"


def cut_cells(window: MainWindow) -> list[str]:
    """Cells of the Actions table whose text, wrapped where it is drawn, is taller than the row."""
    table = window.pages["actions"].table  # type: ignore[attr-defined]
    metrics = QFontMetrics(table.font())
    found = []
    for row in range(table.model().rowCount()):
        for column in (TEXT, SOURCE):
            text = str(table.model().index(row, column).data() or "")
            inside = table.columnWidth(column) - 2 * 8 - 4  # the item padding, grid line and margins
            lines = metrics.boundingRect(QRect(0, 0, inside, 10_000), Qt.TextFlag.TextWordWrap, text)
            if lines.height() + 2 * 4 > table.rowHeight(row):  # with the padding above and below
                found.append(f"row {row} column {column}: {lines.height() + 8} > {table.rowHeight(row)} px")
    return found


def test_actions_wrap_when_presenting_at_1366(qtbot: QtBot, window: MainWindow) -> None:
    meeting = window.findChild(Meeting)
    assert meeting is not None
    board = window.qt_document.board
    assert window.qt_document.attempt(set_action_field, board.actions[0].id, "text", LONG)
    window.show_page("actions")
    window.resize(1366, 768)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    window.resize(1366, 768)  # one screen: the window fills it (offscreen keeps the size it is given)
    qtbot.wait(50)
    QApplication.processEvents()
    assert meeting.controller.presenting
    assert window.pages["actions"].table.textElideMode() == Qt.TextElideMode.ElideNone  # type: ignore[attr-defined]

    def nothing_cut() -> None:
        assert cut_cells(window) == []

    qtbot.wait(300)  # the resize settles; on a busy machine the rows may grow a little later
    qtbot.waitUntil(nothing_cut)
