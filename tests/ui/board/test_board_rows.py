"""The board model follows single edits row by row (no reset), and columns keep their state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pmdesk.model import card_ops, vote_ops
from pmdesk.model.board import Board
from pmdesk.ui.board.board_data import ID_ROLE
from pmdesk.ui.board.board_model import BoardModel
from pmdesk.ui.board.board_page import BoardPage
from tests.ui.board.helpers import column

Op = Callable[[Board], Any]
EDITS: dict[str, Op] = {
    "add": lambda b: card_ops.add_card(b, "lessons", "A new card", card_id="cn1"),
    "move down": lambda b: card_ops.move_card(b, "c3", "went-well", before=None),
    "move up": lambda b: card_ops.move_card(b, "c6", "went-well", before="c3"),
    "move across": lambda b: card_ops.move_card(b, "c10", "future", before="c16"),
    "into a theme": lambda b: card_ops.move_card(b, "c11", "lessons", theme_id="t2"),
    "group": lambda b: card_ops.group_cards(b, ["c4", "c5"], "Grouped"),
    "join": lambda b: card_ops.add_to_theme(b, ["c21"], "t4"),
    "leave": lambda b: card_ops.remove_from_theme(b, ["c7"]),
    "ungroup": lambda b: card_ops.ungroup(b, "t3"),
    "merge": lambda b: card_ops.merge_themes(b, "t2", "t1"),
    "delete": lambda b: card_ops.delete_cards(b, ["c12", "c22"]),
    "text": lambda b: card_ops.set_card_field(b, "c16", "text", "Reworded"),
    "vote": lambda b: vote_ops.place_vote(b, None, "c17"),
}


def dump(model: BoardModel, parent: QModelIndex | None = None) -> list[Any]:
    """The tree as the views see it: ids, nested."""
    parent = parent or QModelIndex()
    rows = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        rows.append((index.data(ID_ROLE), dump(model, index)))
    return rows


@pytest.mark.parametrize("name", list(EDITS))
def test_one_edit_moves_rows_without_a_reset(qtmodeltester: ModelTester, page: BoardPage, name: str) -> None:
    model = page.model
    qtmodeltester.check(model)  # and keeps checking every signal from here on
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    document = page.qt_document
    for _ in range(2):  # the edit, then the same edit again after undo and redo
        assert document.attempt(EDITS[name])
        assert dump(model) == dump(BoardModel(document))
        document.undo_stack.undo()
        assert dump(model) == dump(BoardModel(document))
        document.undo_stack.redo()
        assert dump(model) == dump(BoardModel(document))
        document.undo_stack.undo()
    assert resets == []


def test_sorted_by_votes_a_dot_moves_one_row(qtmodeltester: ModelTester, page: BoardPage) -> None:
    model = page.model
    model.set_sort_by_votes(True)
    qtmodeltester.check(model)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    for _ in range(6):
        assert page.qt_document.attempt(vote_ops.place_vote, None, "c24")
    assert dump(model) == dump(_sorted(BoardModel(page.qt_document)))
    assert resets == []


def _sorted(model: BoardModel) -> BoardModel:
    model.set_sort_by_votes(True)
    return model


def test_columns_keep_selection_folds_and_scroll_across_edits(qtbot: QtBot, page: BoardPage) -> None:
    lessons = column(page, "lessons")
    view = lessons.view
    view.setExpanded(page.index_of("t2"), False)
    page.select(["c11"])
    qtbot.wait(1)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    scroll = bar.value()
    document = page.qt_document
    assert document.attempt(card_ops.add_card, "went-well", "Elsewhere")
    assert document.attempt(card_ops.group_cards, ["c3", "c4"], "A theme")
    assert document.attempt(card_ops.move_card, "c10", "lessons", before="c12")
    qtbot.wait(1)
    assert not view.isExpanded(page.index_of("t2"))
    assert [i.data(ID_ROLE) for i in view.selectionModel().selectedIndexes()] == ["c11"]
    assert view.currentIndex().data(ID_ROLE) == "c11"
    assert bar.value() == scroll
    new_theme = next(t.id for t in document.board.themes if t.label == "A theme")
    assert column(page, "went-well").view.isExpanded(page.index_of(new_theme))
