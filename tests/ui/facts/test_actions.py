"""The actions table: model tester, create from a theme, marks, overdue, filter, sort, undo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from pmdesk.model.board import Board
from pmdesk.model.board_ops import add_action, set_action_field
from pmdesk.ui.facts.actions_model import DUE, MARKS_ROLE, OWNER, PRIORITY, SOURCE, STATUS, TEXT
from pmdesk.ui.facts.actions_page import ActionsPage
from pmdesk.ui.facts.date_field import DateField
from pmdesk.ui.facts.install import create_action_from_selection
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.palette import current_palette


def page_of(window: MainWindow) -> ActionsPage:
    page = window.pages["actions"]
    assert isinstance(page, ActionsPage)
    window.show_page("actions")
    return page


def edit_cell(qtbot: QtBot, page: ActionsPage, row: int, column: int) -> QWidget:
    index = page.proxy.index(row, column)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.table.focusWidget()
    assert editor is not None
    return editor


def open_editor(qtbot: QtBot, page: ActionsPage) -> QLineEdit:
    """The line editing a new action's text."""
    qtbot.waitUntil(lambda: page.table.findChild(QLineEdit) is not None)
    line = page.table.findChild(QLineEdit)
    assert isinstance(line, QLineEdit)
    return line


def commit(qtbot: QtBot, page: ActionsPage, editor: QWidget) -> None:
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.state() != QAbstractItemView.State.EditingState)
    QApplication.processEvents()


class FakeBoardPage(QWidget):
    """Stands in for the board page: it only reports a selection."""

    def __init__(self, ids: list[str]) -> None:
        super().__init__()
        self.ids = ids

    def selected_ids(self) -> list[str]:
        return self.ids


def test_model_passes_qt_model_tester(qtmodeltester: object, facts_window: MainWindow) -> None:
    page = page_of(facts_window)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    qtmodeltester.check(page.proxy)  # type: ignore[attr-defined]
    page.add(source="t1")
    page.table.sortByColumn(DUE, Qt.SortOrder.DescendingOrder)
    page.set_filter("open")
    facts_window.qt_document.undo_stack.undo()
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_create_action_from_a_theme_by_op(facts_window: MainWindow, saved: Callable[[], Board]) -> None:
    page = page_of(facts_window)
    assert facts_window.qt_document.attempt(add_action, "Alert on pool use", "t2", action_id="ax")
    row = page.model.row_of("ax")
    assert page.model.index(row, SOURCE).data() == "Theme: Alerting saw symptoms late"
    assert saved().actions[-1].source == "t2"


def test_create_action_from_selection_menu(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    menu = facts_window.board_menu.actions()
    create = next(a for a in menu if a.text().replace("&", "") == "Create Action from Selection")
    assert create.shortcut().toString() == "Ctrl+Shift+A"
    facts_window.add_page("board", FakeBoardPage(["nope", "t3", "c1"]), "Board")
    create.trigger()
    page = page_of(facts_window)
    assert facts_window.current_page() is page
    line = page.table.focusWidget()
    assert isinstance(line, QLineEdit)
    qtbot.keyClicks(line, "Canary every config push")
    commit(qtbot, page, line)
    action = saved().actions[-1]
    assert (action.text, action.source) == ("Canary every config push", "t3")


def test_a_new_action_left_empty_with_escape_is_withdrawn(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    before = [action.id for action in facts_window.qt_document.board.actions]
    steps = facts_window.qt_document.undo_stack.index()
    action_id = create_action_from_selection(facts_window)
    page = page_of(facts_window)
    line = open_editor(qtbot, page)
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.table.state() != QAbstractItemView.State.EditingState)
    assert page.model.row_of(str(action_id)) < 0
    assert facts_window.qt_document.undo_stack.index() == steps  # it was undone, not deleted on top
    assert [action.id for action in saved().actions] == before


def test_a_new_action_left_empty_with_enter_is_withdrawn(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    before = len(facts_window.qt_document.board.actions)
    page = page_of(facts_window)
    page.add()
    line = open_editor(qtbot, page)
    commit(qtbot, page, line)
    assert len(saved().actions) == before


def test_a_new_action_is_kept_when_the_facilitator_moves_on_to_its_owner(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    facts_window.activateWindow()
    page = page_of(facts_window)
    action_id = page.add()
    line = open_editor(qtbot, page)
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    source_row = page.model.row_of(str(action_id))
    owner = page.proxy.mapFromSource(page.model.index(source_row, OWNER))
    viewport = page.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=page.table.visualRect(owner).center())
    qtbot.waitUntil(lambda: page.table.findChild(QLineEdit) is None or not line.isVisible())
    QApplication.processEvents()
    assert page.model.row_of(str(action_id)) >= 0
    assert any(action.id == action_id for action in saved().actions)


def test_a_new_action_is_kept_when_the_facilitator_tabs_on_to_its_owner(
    qtbot: QtBot, facts_window: MainWindow
) -> None:
    page = page_of(facts_window)
    action_id = page.add()
    line = open_editor(qtbot, page)
    qtbot.keyClick(line, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert page.model.row_of(str(action_id)) >= 0


def test_create_action_without_a_board_page(facts_window: MainWindow) -> None:
    action_id = create_action_from_selection(facts_window)
    board = facts_window.qt_document.board
    assert board.actions[-1].id == action_id and board.actions[-1].source is None


def test_missing_owner_and_due_are_marked(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    page = page_of(facts_window)
    page.add()
    qtbot.keyClicks(page.table.focusWidget(), "Write the runbook")
    commit(qtbot, page, page.table.focusWidget())
    row = page.proxy.rowCount() - 1
    assert page.proxy.index(row, TEXT).data(MARKS_ROLE) == {"no-owner", "no-due"}
    assert page.proxy.index(row, OWNER).data() == "no owner"
    assert not page.proxy.index(row, OWNER).data(Qt.ItemDataRole.DecorationRole).isNull()
    assert "No owner yet" in page.proxy.index(row, OWNER).data(Qt.ItemDataRole.ToolTipRole)
    combo = edit_cell(qtbot, page, row, OWNER)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText("Priya Nair"))
    commit(qtbot, page, combo)
    assert page.proxy.index(row, TEXT).data(MARKS_ROLE) == {"no-due"}
    date_edit = edit_cell(qtbot, page, row, DUE)
    assert isinstance(date_edit, DateField) and date_edit.calendar_action is not None
    qtbot.keyClicks(date_edit, "2026-12-20")
    commit(qtbot, page, date_edit)
    assert page.proxy.index(row, TEXT).data(MARKS_ROLE) == set()
    assert page.proxy.index(row, OWNER).data(Qt.ItemDataRole.DecorationRole) is None
    action = saved().actions[-1]
    assert (action.text, action.owner, action.due) == ("Write the runbook", "p3", "2026-12-20")


def test_overdue_rows_are_highlighted_with_a_fixed_today(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    page = page_of(facts_window)  # today is 10 Dec 2026: a1 (4 Dec) and a3 (8 Dec) are overdue
    overdue = [page.model.index(row, TEXT).data(MARKS_ROLE) == {"overdue"} for row in range(4)]
    assert overdue == [True, False, True, False]
    background = page.model.index(0, PRIORITY).data(Qt.ItemDataRole.BackgroundRole)
    assert background is not None and background.color().name() == current_palette().warning
    assert page.model.index(1, PRIORITY).data(Qt.ItemDataRole.BackgroundRole) is None
    assert "Overdue" in page.model.index(0, TEXT).data(Qt.ItemDataRole.ToolTipRole)
    assert "2 overdue" in page.summary.text()
    combo = edit_cell(qtbot, page, 0, STATUS)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("done"))
    commit(qtbot, page, combo)
    assert page.model.index(0, TEXT).data(MARKS_ROLE) == set()
    assert saved().actions[0].status == "done"


def test_filter_open_and_overdue(facts_window: MainWindow) -> None:
    page = page_of(facts_window)
    assert facts_window.qt_document.attempt(set_action_field, "a4", "status", "dropped")
    page.filters.button(1).click()
    assert page.proxy.rowCount() == 3
    page.filters.button(2).click()
    shown = [page.proxy.index(row, TEXT).data() for row in range(page.proxy.rowCount())]
    assert shown == [
        facts_window.qt_document.board.actions[0].text,
        facts_window.qt_document.board.actions[2].text,
    ]
    page.filters.button(0).click()
    assert page.proxy.rowCount() == 4


def test_sort_by_due_and_priority(facts_window: MainWindow) -> None:
    page = page_of(facts_window)
    page.table.sortByColumn(DUE, Qt.SortOrder.DescendingOrder)
    assert page.proxy.index(0, DUE).data() == "Tue 15 Dec 2026"
    page.table.sortByColumn(PRIORITY, Qt.SortOrder.AscendingOrder)
    assert [page.proxy.index(row, PRIORITY).data() for row in range(4)] == ["High", "High", "Medium", "Low"]


def test_delete_and_undo(qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]) -> None:
    page = page_of(facts_window)
    page.table.setFocus()
    page.table.selectRow(0)
    page.table.selectionModel().select(
        page.proxy.index(2, 0),
        page.table.selectionModel().SelectionFlag.Select | page.table.selectionModel().SelectionFlag.Rows,
    )
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert [a.id for a in facts_window.qt_document.board.actions] == ["a2", "a4"]
    assert facts_window.qt_document.undo_stack.count() == 1
    facts_window.qt_document.undo_stack.undo()
    assert page.model.rowCount() == 4
    assert [a.id for a in saved().actions] == ["a1", "a2", "a3", "a4"]


def test_source_combo_lists_themes_and_cards(qtbot: QtBot, facts_window: MainWindow) -> None:
    page = page_of(facts_window)
    combo = edit_cell(qtbot, page, 3, SOURCE)
    assert isinstance(combo, QComboBox)
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[0] == "(none)" and any(label.startswith("Theme: Runbooks") for label in labels)
    combo.setCurrentIndex(combo.findData("t4"))
    commit(qtbot, page, combo)
    assert facts_window.qt_document.board.actions[3].source == "t4"
    assert page.model.index(3, SOURCE).data() == "Theme: Runbooks and ownership"
    assert page.model.index(3, SOURCE, QModelIndex()).data(Qt.ItemDataRole.ToolTipRole).startswith("<p")


def test_choice_editors_show_their_longest_choice_whole(qtbot: QtBot, facts_window: MainWindow) -> None:
    page = page_of(facts_window)
    for column in (OWNER, PRIORITY, STATUS):
        page.table.setColumnWidth(column, 40)
        combo = edit_cell(qtbot, page, 0, column)
        assert isinstance(combo, QComboBox)
        longest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
        assert combo.width() > longest, (column, combo.width(), longest)
        qtbot.keyClick(combo, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: page.table.state() != QAbstractItemView.State.EditingState)


def test_tab_from_the_last_cell_leaves_the_table(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    page = page_of(facts_window)
    last = page.proxy.rowCount() - 1
    combo = edit_cell(qtbot, page, last, SOURCE)  # the table's last cell
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("t4"))
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: page.table.state() != QAbstractItemView.State.EditingState)
    focused = QApplication.focusWidget()
    assert focused is not None and not page.table.isAncestorOf(focused) and focused is not page.table
    assert page.table.currentIndex().row() == last  # not round to the first row
    assert saved().actions[last].source == "t4"


def test_one_action_is_counted_and_undone_in_the_singular(qtbot: QtBot, facts_window: MainWindow) -> None:
    """The summary read "1 actions"."""
    page = page_of(facts_window)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert facts_window.qt_document.undo_stack.undoText() in ("Delete action", "Delete 1 action")
    for _ in range(2):
        page.table.selectRow(0)
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.summary.text().startswith("1 action  ·")


def test_undoing_a_deletion_selects_the_action_it_brings_back(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    """After Del and Ctrl+Z the selection stayed on the row below, so the next Del removed another."""
    page = page_of(facts_window)
    page.table.setFocus()
    page.table.selectRow(0)
    deleted = page.proxy.index(0, TEXT).data()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.table
    current = page.table.currentIndex()
    assert current.row() == 0 and current.sibling(0, TEXT).data() == deleted
    assert [index.row() for index in page.table.selectionModel().selectedRows()] == [0]
