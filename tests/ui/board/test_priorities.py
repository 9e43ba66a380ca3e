"""Top priorities: the ranking table's model."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pmdesk.model import vote_ops
from pmdesk.model.board_ops import set_section_field, set_session_field
from pmdesk.ui.board.priorities import SECTION, PrioritiesPage, RankingModel
from pmdesk.ui.main_window import MainWindow


def test_ranking_model_passes_qt_model_tester(qtmodeltester: ModelTester, board_window: MainWindow) -> None:
    document = board_window.qt_document
    model = RankingModel(document)
    qtmodeltester.check(model)  # and keeps checking while the ranking changes
    top = model.rows[0].target.id
    assert document.attempt(vote_ops.place_vote, None, "c24")
    assert document.attempt(set_session_field, "votes_hidden", True)
    assert model.rowCount() == 0
    document.undo_stack.undo()
    assert model.rowCount() > 0 and model.rows[0].target.id == top


def test_a_long_section_title_leaves_the_width_to_the_theme_or_card(
    qtbot: QtBot, board_window: MainWindow
) -> None:
    """A long section title took most of the table; the themes, the point of the page, wrapped in a strip."""
    document = board_window.qt_document
    board_window.resize(1366, 768)
    board_window.show_page("priorities")
    page = board_window.pages["priorities"]
    assert isinstance(page, PrioritiesPage)
    header = page.table.horizontalHeader()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    short = "What is an ongoing problem"  # the demo's sections fit on one line
    qtbot.waitUntil(lambda: header.sectionSize(SECTION) >= page.table.fontMetrics().horizontalAdvance(short))
    long_title = "Lessons learned about the way alerting, paging and escalation worked together (and did not)"
    assert document.attempt(set_section_field, "lessons", "title", long_title)
    qtbot.waitUntil(lambda: header.sectionSize(SECTION) <= page.table.viewport().width() // 4)
    assert header.sectionSize(1) > 2 * header.sectionSize(SECTION)
