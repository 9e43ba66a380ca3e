"""The timeline table: model tester, edits in place, time order, Ins/Del, paste of timed lines."""

from __future__ import annotations

import copy
from collections.abc import Callable

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pmdesk.model.board import Board
from pmdesk.model.times import parse_time
from pmdesk.ui.facts.date_field import DateField
from pmdesk.ui.facts.facts_page import FactsPage
from pmdesk.ui.facts.kinds import KIND_COLORS
from pmdesk.ui.facts.timeline_model import KIND, TEXT, TIME, TimelineModel
from pmdesk.ui.facts.timeline_view import TimelinePanel
from pmdesk.ui.main_window import MainWindow


def panel_of(window: MainWindow) -> TimelinePanel:
    page = window.pages["facts"]
    assert isinstance(page, FactsPage)
    window.show_page("facts")
    return page.timeline


def commit(qtbot: QtBot, panel: TimelinePanel, editor: QWidget, key: Qt.Key = Qt.Key.Key_Return) -> None:
    """Press a key in an editor; the delegate commits on the next turn of the event loop."""
    qtbot.keyClick(editor, key)
    qtbot.waitUntil(
        lambda: panel.table.state() != QAbstractItemView.State.EditingState or key == Qt.Key.Key_Tab
    )
    QApplication.processEvents()


def test_model_passes_qt_model_tester(qtmodeltester: object, facts_window: MainWindow) -> None:
    panel = panel_of(facts_window)
    qtmodeltester.check(panel.model)  # type: ignore[attr-defined]
    panel.model.setData(panel.model.index(0, TIME), QDateTime(QDate(2026, 11, 20), QTime(16, 0)))
    panel.add()
    facts_window.qt_document.undo_stack.undo()
    qtmodeltester.check(panel.model)  # type: ignore[attr-defined]


def test_shows_time_kind_icon_and_colour(facts_window: MainWindow) -> None:
    model = panel_of(facts_window).model
    assert model.index(0, TIME).data() == "14:02"
    assert model.index(0, KIND).data() == "Trigger"
    assert model.index(0, KIND).data(Qt.ItemDataRole.ForegroundRole).name() == KIND_COLORS["trigger"]
    assert not model.index(0, KIND).data(Qt.ItemDataRole.DecorationRole).isNull()
    assert model.index(0, TEXT).data().startswith("Config push #4471")


def test_new_time_moves_the_event_into_order(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    panel = panel_of(facts_window)
    index = panel.model.index(0, TIME)
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    editor = panel.table.focusWidget()
    assert isinstance(editor, DateField)
    qtbot.keyClicks(editor, "14:40")
    commit(qtbot, panel, editor)
    board = facts_window.qt_document.board
    assert board.timeline[7].text.startswith("Config push #4471 to")
    assert panel.table.currentIndex().row() == 7  # the selection followed the event
    assert [parse_time(event.at) for event in board.timeline] == sorted(
        parse_time(e.at) for e in board.timeline
    )
    assert saved().timeline[7].text.startswith("Config push #4471 to")


def test_a_typed_time_then_tab_writes_nothing_into_the_next_cells(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    panel = panel_of(facts_window)
    before = copy.deepcopy(facts_window.qt_document.board.timeline)
    index = panel.model.index(1, TIME)
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    editor = panel.table.focusWidget()
    assert editor.width() >= editor.fontMetrics().horizontalAdvance("Fri 20 Nov 2026  14:05")
    qtbot.keyClicks(editor, "14:07")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.wait(50)
    for key in "05":  # a person still typing the time after Tab
        qtbot.keyClick(QApplication.focusWidget(), key)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.wait(50)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    timeline = saved().timeline
    assert parse_time(timeline[1].at) == parse_time("2026-11-20T14:07:00+00:00")
    assert [(e.id, e.kind, e.text) for e in timeline] == [(e.id, e.kind, e.text) for e in before]


def test_an_impossible_time_is_refused_and_the_editor_stays(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    panel = panel_of(facts_window)
    messages: list[str] = []
    facts_window.qt_document.failed.connect(messages.append)
    index = panel.model.index(2, TIME)
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    editor = panel.table.focusWidget()
    qtbot.keyClicks(editor, "1789-07-14 10:00")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert panel.table.state() == QAbstractItemView.State.EditingState and editor.problem
    assert messages and "1789" in messages[-1] and "2000 to 2099" in messages[-1]
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert saved().timeline[2].at == "2026-11-20T14:09:00+00:00"


def test_kind_and_text_edited_in_place(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    panel = panel_of(facts_window)
    index = panel.model.index(1, KIND)
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    combo = panel.table.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("detection"))
    commit(qtbot, panel, combo, Qt.Key.Key_Tab)  # Tab goes on to edit the text
    line = panel.table.focusWidget()
    assert isinstance(line, QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "Latency <img src=x> climbs")
    commit(qtbot, panel, line)
    event = saved().timeline[1]
    assert (event.kind, event.text) == ("detection", "Latency <img src=x> climbs")


def test_ins_adds_after_the_current_event_and_del_deletes(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    panel = panel_of(facts_window)
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(2, TEXT))
    qtbot.keyClick(panel.table, Qt.Key.Key_Insert)
    time = panel.table.focusWidget()
    assert isinstance(time, DateField)  # the time first, a minute after the selected event
    commit(qtbot, panel, time, Qt.Key.Key_Tab)
    commit(qtbot, panel, panel.table.focusWidget(), Qt.Key.Key_Tab)  # the kind as it is
    line = panel.table.focusWidget()
    assert isinstance(line, QLineEdit)
    qtbot.keyClicks(line, "Dashboards checked")
    commit(qtbot, panel, line)
    board = facts_window.qt_document.board
    assert board.timeline[3].text == "Dashboards checked"
    assert parse_time(board.timeline[3].at) == parse_time("2026-11-20T14:10:00Z")
    panel.table.setCurrentIndex(panel.model.index(0, TEXT))
    panel.table.selectRow(0)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    timeline = saved().timeline
    assert len(timeline) == 10
    assert timeline[0].text.startswith("Checkout p99")
    assert timeline[2].text == "Dashboards checked"


def test_paste_adds_one_event_per_line_as_one_undo_step(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    panel = panel_of(facts_window)
    stack = facts_window.qt_document.undo_stack
    QApplication.clipboard().setText(
        "14:03 Deploy of gateway config finished\n"
        "14:07:30 Error alert fired\n"
        "2026-11-20 15:45 Postmortem scheduled\n"
    )
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert stack.count() == 1
    board = facts_window.qt_document.board
    assert len(board.timeline) == 13
    assert (board.timeline[1].kind, board.timeline[1].text) == (
        "trigger",
        "Deploy of gateway config finished",
    )
    assert parse_time(board.timeline[1].at) == parse_time("2026-11-20T14:03:00Z")
    assert board.timeline[3].kind == "detection"
    assert parse_time(board.timeline[3].at) == parse_time("2026-11-20T14:07:30Z")
    assert board.timeline[-1].text == "Postmortem scheduled"
    stack.undo()
    assert len(board.timeline) == 10
    stack.redo()
    assert len(saved().timeline) == 13


def test_model_from_scratch_follows_undo(qtbot: QtBot, facts_window: MainWindow) -> None:
    model = TimelineModel(facts_window.qt_document)
    panel = panel_of(facts_window)
    panel.table.setCurrentIndex(panel.model.index(0, TEXT))
    panel.delete_selected()
    assert model.rowCount() == 9
    facts_window.qt_document.undo_stack.undo()
    assert model.rowCount() == 10
    assert model.index(0, TEXT).data().startswith("Config push")


def test_add_event_opens_the_time_first_and_tab_from_the_last_cell_leaves_the_table(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    panel = panel_of(facts_window)
    last = panel.model.rowCount() - 1
    panel.table.setCurrentIndex(panel.model.index(last, TEXT))
    add = next(b for b in panel.findChildren(QPushButton) if b.text() == "&Add event")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    time = panel.table.focusWidget()
    assert isinstance(time, DateField)
    assert time.selectedText() == time.text() and "15:31" in time.text()  # typing replaces it
    qtbot.keyClicks(time, "15:45")
    commit(qtbot, panel, time, Qt.Key.Key_Tab)
    kind = panel.table.focusWidget()
    assert isinstance(kind, QComboBox)
    kind.setCurrentIndex(kind.findData("communication"))
    commit(qtbot, panel, kind, Qt.Key.Key_Tab)
    line = panel.table.focusWidget()
    assert isinstance(line, QLineEdit)
    qtbot.keyClicks(line, "Customers told it is over")
    qtbot.keyClick(line, Qt.Key.Key_Tab)  # from the table's last cell
    qtbot.waitUntil(lambda: panel.table.state() != QAbstractItemView.State.EditingState)
    assert QApplication.focusWidget() is add  # out of the table, not round to the first row
    assert panel.table.currentIndex().row() == panel.model.rowCount() - 1
    event = saved().timeline[-1]
    assert (parse_time(event.at), event.kind, event.text) == (
        parse_time("2026-11-20T15:45:00+00:00"),
        "communication",
        "Customers told it is over",
    )


def test_undoing_an_event_deletion_selects_the_event_it_brings_back(
    qtbot: QtBot, facts_window: MainWindow
) -> None:
    """After Del and Ctrl+Z the current row was the one before, so the next Del removed another event."""
    panel = facts_window.findChild(TimelinePanel)
    assert panel is not None
    table = panel.table
    table.setFocus()
    table.selectRow(3)
    restored = panel.model.item(3).id
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert panel.model.item(table.currentIndex().row()).id == restored
    assert [index.row() for index in table.selectionModel().selectedRows()] == [3]
    qtbot.keyClick(table, Qt.Key.Key_Delete)  # the same event again, as the selection shows
    assert restored not in [event.id for event in facts_window.qt_document.board.timeline]
