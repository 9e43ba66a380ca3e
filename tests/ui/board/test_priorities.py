"""Top priorities: the ranking table's model."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester

from pmdesk.model import vote_ops
from pmdesk.model.board_ops import set_session_field
from pmdesk.ui.board.priorities import RankingModel
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
