"""Long columns: the first frame holds each section's first rows, the rest arrives right after."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pmdesk.bench.boards import big_board
from pmdesk.store.document import Document
from pmdesk.ui.board import board_model
from pmdesk.ui.board.board_data import KIND_ROLE, THEME_ROLE
from pmdesk.ui.board.board_model import FIRST_ROWS, BoardModel
from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.board.install import install
from pmdesk.ui.board.section_column import LONG_COLUMN
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.main_window import MainWindow, WindowHooks


@pytest.fixture
def long_document(tmp_path: Path) -> Iterator[Document]:
    """A board whose sections each hold well over FIRST_ROWS rows."""
    document = Document.create(tmp_path / "long.pmdesk", big_board(1600, mixed=False))
    yield document
    document.close()


def board_window(qtbot: QtBot, document: Document, settings: QSettings) -> tuple[MainWindow, BoardPage]:
    """A main window with the board area installed (not shown yet), and its Board page."""
    hooks = WindowHooks(lambda: None, lambda _path: None, lambda: [], lambda: None)
    window = MainWindow(QtDocument(document), hooks, settings)
    qtbot.addWidget(window)
    install(window)
    page = window.pages["board"]
    assert isinstance(page, BoardPage)
    return window, page


def test_a_long_section_starts_with_its_first_rows_and_gets_the_rest(
    qtmodeltester: ModelTester, long_document: Document
) -> None:
    model = BoardModel(QtDocument(long_document))
    section = model.index_of(long_document.board.sections[0].id)
    full = len(model.items_in(long_document.board.sections[0].id))
    assert full > FIRST_ROWS
    assert model.rowCount(section) == FIRST_ROWS
    qtmodeltester.check(model)
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.fetch_all()
    assert model.rowCount(section) == full
    assert (FIRST_ROWS, full - 1) in inserted
    qtmodeltester.check(model)


def test_asking_for_a_row_not_shown_yet_brings_in_the_rest(long_document: Document) -> None:
    model = BoardModel(QtDocument(long_document))
    section_id = long_document.board.sections[0].id
    last_id = model.items_in(section_id)[-1]
    assert not model.is_shown(last_id)
    index = model.index_of(last_id)
    assert index.isValid() and index.row() == len(model.items_in(section_id)) - 1
    assert model.is_shown(last_id)
    assert model.index(index.row(), 0, model.index_of(section_id)) == index


def test_themes_arriving_after_the_first_frame_are_unfolded(
    qtbot: QtBot, long_document: Document, settings: QSettings
) -> None:
    window, page = board_window(qtbot, long_document, settings)
    window.show()
    qtbot.waitExposed(window)
    column = page.columns[0]
    rows = column.section_model

    def top_rows() -> list[QModelIndex]:  # the section's own rows (themes and loose cards)
        shown = [rows.index(row, 0) for row in range(rows.rowCount())]
        return [index for index in shown if index.data(THEME_ROLE) is None]

    assert len(top_rows()) == FIRST_ROWS
    window.completed.emit()
    top = top_rows()
    assert len(top) == len(page.model.items_in(column.section_id)) > FIRST_ROWS
    late_themes = [index for index in top[FIRST_ROWS:] if index.data(KIND_ROLE) == "theme"]
    assert late_themes and all(column.view.isExpanded(theme) for theme in late_themes)


def test_a_long_column_scrolls_by_row_even_while_it_shows_only_its_first_rows(
    qtbot: QtBot, long_document: Document, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(board_model, "FIRST_ROWS", LONG_COLUMN - 50)
    _window, page = board_window(qtbot, long_document, settings)
    view = page.columns[0].view
    model = view.model()
    top = [row for row in range(model.rowCount()) if model.index(row, 0).data(THEME_ROLE) is None]
    assert len(top) < LONG_COLUMN
    assert view.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerItem


def test_a_repaint_of_every_row_brings_in_the_rows_held_back(
    qtmodeltester: ModelTester, long_document: Document
) -> None:
    model = BoardModel(QtDocument(long_document))
    qtmodeltester.check(model)
    model.highlight = long_document.board.participants[0].id
    model.refresh_all()  # names every row: they must all be in the model
    section = model.index_of(long_document.board.sections[0].id)
    assert model.rowCount(section) == len(model.items_in(long_document.board.sections[0].id))
