"""F fits the board to the window: every column in view and as many cards as can be read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.board.fit import content_height
from pmdesk.ui.main_window import MainWindow


def cards_in_view(page: BoardPage) -> int:
    """How many rows of all columns are wholly inside their column's viewport."""
    shown = 0
    for column in page.columns:
        view = column.view
        index = view.model().index(0, 0, view.rootIndex())
        while index.isValid():
            rect = view.visualRect(index)
            if rect.top() >= 0 and rect.bottom() <= view.viewport().height():
                shown += 1
            index = view.indexBelow(index)
    return shown


def test_f_fits_every_column_and_more_cards(qtbot: QtBot, board_window: MainWindow, page: BoardPage) -> None:
    board_window.resize(960, 600)
    page.set_zoom(1.65)  # the presenting size
    qtbot.waitUntil(lambda: page.width() < 1000)
    QApplication.processEvents()
    before = cards_in_view(page)
    view = page.columns[0].view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F)
    QApplication.processEvents()
    assert page.zoom < 1.65
    viewport = page.scroller.viewport()
    for column in page.columns:  # every column in view, none scrolled off to the right
        right = column.mapTo(viewport, column.rect().topRight()).x()
        assert right <= viewport.width(), column.section_id
    assert cards_in_view(page) > before
    fitted = all(content_height(c, 10**6) <= c.view.viewport().height() for c in page.columns)
    assert fitted or page.zoom <= 1.65 * 0.6 + 1e-6
    qtbot.keyClick(view, Qt.Key.Key_F)  # again: back to where it was
    assert page.zoom == 1.65
