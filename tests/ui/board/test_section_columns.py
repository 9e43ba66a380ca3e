"""Sections added, removed, moved or renamed change only their own column on the Board page.

The other columns stay the same widgets, with their scroll position, selection, folded themes and
the card being typed in their entry; Undo and Redo do the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pmdesk.bench.boards import many_sections_board
from pmdesk.bench.window_edits import section_edits
from pmdesk.model.card_ops import add_card
from pmdesk.store.document import Document
from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.board.section_column import SectionColumn
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.sections_dialog import SectionsDialog
from tests.ui.board.helpers import click, column, saved_board
from tests.ui.conftest import open_board_window

CTRL = Qt.KeyboardModifier.ControlModifier
DEMO_SECTIONS = ["went-well", "lessons", "future", "ongoing"]


def ids(page: BoardPage) -> list[str]:
    return [c.section_id for c in page.columns]


def in_strip(page: BoardPage) -> list[SectionColumn]:
    """The columns in the order the strip lays them out."""
    layout = page.strip_layout
    found = [layout.itemAt(i).widget() for i in range(layout.count())]
    assert all(isinstance(w, SectionColumn) for w in found)
    return found  # type: ignore[return-value]


def press(qtbot: QtBot, page: BoardPage, key: Qt.Key, section_id: str = "lessons") -> None:
    """Back in the window from the dialog, a key with Ctrl in a column's cards."""
    window = page.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view = column(page, section_id).view
    view.setFocus()
    qtbot.keyClick(view, key, CTRL)


class Marks:
    """What a person has going on in the columns: a scrolled column, a selection, a folded theme,
    a card half typed."""

    def __init__(self, qtbot: QtBot, page: BoardPage) -> None:
        document = page.qt_document
        for n in range(14):
            assert document.attempt(add_card, "lessons", f"Lesson number {n} with a few words to wrap", None)
        lessons = column(page, "lessons")
        qtbot.waitUntil(lambda: lessons.view.verticalScrollBar().maximum() > 0)
        self.card = next(c.id for c in document.board.cards if c.section == "went-well" and c.theme is None)
        click(qtbot, page, self.card)
        page.columns[2].section_model.folded.add("t3")
        page.columns[2].view.apply_folds(0, len(page.columns[2].section_model.rows) - 1)
        bar = lessons.view.verticalScrollBar()
        bar.setValue(bar.maximum())
        self.scroll = bar.value()
        assert self.scroll > 0
        ongoing = column(page, "ongoing")
        ongoing.entry.setFocus()
        qtbot.keyClicks(ongoing.entry, "half a thought")
        self.widgets = {c.section_id: c for c in page.columns}

    def kept(self, page: BoardPage) -> None:
        """Every column the edit did not concern is the same widget, as it was left."""
        same = {s: column(page, s) is widget for s, widget in self.widgets.items()}
        selected = page.columns[0].view.selectionModel().selectedIndexes()
        assert [column(page, "went-well").section_model.item_id(i) for i in selected] == [self.card]
        assert column(page, "lessons").view.verticalScrollBar().value() == self.scroll
        assert column(page, "future").section_model.folded == {"t3"}
        assert column(page, "ongoing").entry.toPlainText() == "half a thought"
        assert in_strip(page) == page.columns
        assert all(same.values()), same


def test_adding_moving_renaming_removing_a_section_touches_its_column_only(
    qtbot: QtBot, board_window: MainWindow, page: BoardPage, dialog: SectionsDialog, board_path: Path
) -> None:
    marks = Marks(qtbot, page)
    dialog.list.setCurrentRow(1)
    qtbot.mouseClick(dialog.add, Qt.MouseButton.LeftButton)
    new_id = page.qt_document.board.sections[2].id
    assert ids(page) == ["went-well", "lessons", new_id, "future", "ongoing"]
    marks.kept(page)
    new = page.columns[2]
    assert new.title.text() == "New section"
    qtbot.waitUntil(new.isVisible)

    qtbot.keyClicks(dialog.title, "Surprises")  # the dialog selected the new title for typing
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert page.columns[2] is new and new.title.text() == "Surprises"

    qtbot.mouseClick(dialog.down, Qt.MouseButton.LeftButton)
    assert ids(page) == ["went-well", "lessons", "future", new_id, "ongoing"]
    assert page.columns[3] is new
    marks.kept(page)

    dialog.close()
    board_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is board_window)
    view = page.columns[0].view
    view.setFocus()
    for _ in range(3):  # move, rename, add
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert ids(page) == DEMO_SECTIONS
    assert new.isHidden()  # on its way out
    marks.kept(page)
    assert QApplication.focusWidget() is view

    qtbot.keyClick(view, Qt.Key.Key_Y, CTRL)  # redo the add (Ctrl+Shift+Z in a real X session)
    assert ids(page) == ["went-well", "lessons", new_id, "future", "ongoing"]
    marks.kept(page)

    dialog.show()
    dialog.list.setCurrentRow(2)
    qtbot.mouseClick(dialog.remove, Qt.MouseButton.LeftButton)  # empty: no question asked
    assert ids(page) == DEMO_SECTIONS
    marks.kept(page)

    board = saved_board(page, board_path)
    assert [s.id for s in board.sections] == DEMO_SECTIONS
    assert len([c for c in board.cards if c.section == "lessons"]) == 20


def test_removing_a_section_moves_its_cards_into_the_chosen_column(
    qtbot: QtBot,
    page: BoardPage,
    dialog: SectionsDialog,
    board_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    widgets = {c.section_id: c for c in page.columns}
    board = page.qt_document.board
    held = sorted(c.id for c in board.cards if c.section == "future")
    monkeypatch.setattr(dialog, "ask_destination", lambda _section: "ongoing")
    dialog.list.setCurrentRow(2)
    qtbot.mouseClick(dialog.remove, Qt.MouseButton.LeftButton)
    assert ids(page) == ["went-well", "lessons", "ongoing"]
    ongoing = column(page, "ongoing")
    assert ongoing is widgets["ongoing"]
    assert set(held) <= set(ongoing.section_model.rows)
    assert ongoing.count.text() == "12"

    press(qtbot, page, Qt.Key.Key_Z)
    assert ids(page) == DEMO_SECTIONS
    for section_id in ("went-well", "lessons", "ongoing"):
        assert column(page, section_id) is widgets[section_id]
    back = column(page, "future")
    assert back is not widgets["future"]
    assert set(held) <= set(back.section_model.rows)
    assert back.count.text() == "6" and ongoing.count.text() == "6"
    assert sorted(c.id for c in saved_board(page, board_path).cards if c.section == "future") == held


def test_removing_a_section_with_its_cards_and_undoing_it(
    qtbot: QtBot, page: BoardPage, dialog: SectionsDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    widgets = {c.section_id: c for c in page.columns}
    rows = list(column(page, "went-well").section_model.rows)
    monkeypatch.setattr(dialog, "ask_destination", lambda _section: None)  # delete them
    dialog.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove, Qt.MouseButton.LeftButton)
    assert ids(page) == ["lessons", "future", "ongoing"]
    press(qtbot, page, Qt.Key.Key_Z)
    assert ids(page) == DEMO_SECTIONS
    assert column(page, "went-well").section_model.rows == rows
    assert all(column(page, s) is widgets[s] for s in DEMO_SECTIONS[1:])


def test_the_board_models_pass_the_model_tester_while_sections_change(
    qtbot: QtBot,
    qtmodeltester: object,
    page: BoardPage,
    dialog: SectionsDialog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    qtmodeltester.check(column(page, "ongoing").section_model)  # type: ignore[attr-defined]
    monkeypatch.setattr(dialog, "ask_destination", lambda _section: "ongoing")
    dialog.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.add, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.down, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.up, Qt.MouseButton.LeftButton)
    dialog.list.setCurrentRow(2)
    qtbot.mouseClick(dialog.remove, Qt.MouseButton.LeftButton)  # its cards into "ongoing"
    stack = page.qt_document.undo_stack
    for _ in range(4):
        stack.undo()
    for _ in range(4):
        stack.redo()
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    qtmodeltester.check(column(page, "ongoing").section_model)  # type: ignore[attr-defined]


def test_the_benchmarks_section_figure_adds_and_undoes_through_the_window(
    qtbot: QtBot, tmp_path: Path, settings: QSettings
) -> None:
    path = tmp_path / "sections.pmdesk"
    Document.create(path, many_sections_board(12, 2)).close()
    window, document = open_board_window(qtbot, path, settings)
    try:
        found = section_edits(QApplication.instance(), window, 2)
        assert found["sections"] == 12 and found["add_p50_ms"] > 0 and found["rebuild_p50_ms"] > 0
        page = window.pages["board"]
        assert isinstance(page, BoardPage)
        assert ids(page) == [f"s{n}" for n in range(12)]
    finally:
        document.close()
    reopened = Document.open(path)
    try:
        assert [s.id for s in reopened.board.sections] == [f"s{n}" for n in range(12)]
    finally:
        reopened.close()


LONG_TITLE = (
    "Lessons learned about the connection pool, the load balancer health checks, the paging policy"
    " and the way the incident channel was run during the first hour"
)


def test_a_long_section_title_takes_three_lines_and_the_rest_is_in_its_tooltip(
    qtbot: QtBot, page: BoardPage, dialog: SectionsDialog, board_path: Path
) -> None:
    lessons = column(page, "lessons")
    short_header = lessons.header.height()
    dialog.list.setCurrentRow(1)
    dialog.title.setFocus()
    dialog.title.selectAll()
    qtbot.keyClicks(dialog.title, LONG_TITLE)
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    title = lessons.title
    qtbot.waitUntil(lambda: title.text().endswith("…"))
    assert title.text().count("\n") == 2  # three lines
    assert LONG_TITLE in title.toolTip()
    line = title.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: lessons.header.height() < short_header + 3 * line)
    assert {c.header.height() for c in page.columns} == {lessons.header.height()}  # aligned
    page.window().resize(1900, 1000)  # wider: fewer lines, still the whole title or "…"
    qtbot.waitUntil(lambda: title.text().count("\n") <= 2 and title.width() > 300)
    assert column(page, "went-well").title.text() == "What went well"
    assert column(page, "went-well").title.toolTip() == ""
    assert saved_board(page, board_path).sections[1].title == LONG_TITLE
