"""Each column has its own model of its section's rows, which follows single edits row by row."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pmdesk.model import card_ops
from pmdesk.ui.board.board_data import ID_ROLE, KIND_ROLE, THEME_ROLE
from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.board.mime import CARDS_MIME
from tests.ui.board.helpers import click, column, saved_board
from tests.ui.board.test_board_rows import EDITS


def _rows(page: BoardPage) -> dict[str, list[str]]:
    return {c.section_id: list(c.section_model.rows) for c in page.columns}


def _expected(page: BoardPage) -> dict[str, list[str]]:
    return {c.section_id: page.model.section_rows(c.section_id) for c in page.columns}


def _shown_ids(page: BoardPage) -> dict[str, list[str]]:
    """What each column's model answers, row by row."""
    found = {}
    for c in page.columns:
        model = c.view.model()
        found[c.section_id] = [str(model.index(row, 0).data(ID_ROLE)) for row in range(model.rowCount())]
    return found


def test_every_column_model_passes_the_model_tester(qtmodeltester: ModelTester, page: BoardPage) -> None:
    for c in page.columns:
        qtmodeltester.check(c.section_model)


@pytest.mark.parametrize("name", list(EDITS))
def test_one_edit_changes_only_the_rows_it_touches(
    qtmodeltester: ModelTester, page: BoardPage, name: str
) -> None:
    resets: list[str] = []
    for c in page.columns:
        qtmodeltester.check(c.section_model)  # and keeps checking every signal from here on
        c.section_model.modelReset.connect(lambda s=c.section_id: resets.append(s))
    document = page.qt_document
    assert _rows(page) == _expected(page) == _shown_ids(page)
    for _ in range(2):
        assert document.attempt(EDITS[name])
        assert _rows(page) == _expected(page) == _shown_ids(page)
        document.undo_stack.undo()
        assert _rows(page) == _expected(page) == _shown_ids(page)
        document.undo_stack.redo()
        assert _rows(page) == _expected(page) == _shown_ids(page)
        document.undo_stack.undo()
    assert resets == []


def test_an_edit_in_one_column_leaves_the_other_columns_models_alone(page: BoardPage) -> None:
    heard: list[str] = []
    for c in page.columns:
        for signal in (c.section_model.rowsInserted, c.section_model.rowsRemoved, c.section_model.rowsMoved):
            signal.connect(lambda *_args, s=c.section_id: heard.append(s))
    assert page.qt_document.attempt(card_ops.move_card, "c3", "went-well", before=None)
    assert page.qt_document.attempt(card_ops.add_card, "lessons", "A new card", card_id="cn1")
    assert set(heard) == {"went-well", "lessons"}


def test_ctrl_down_moves_the_selected_card_and_it_stays_selected(qtbot: QtBot, page: BoardPage) -> None:
    view = column(page, "went-well").view
    click(qtbot, page, "c3")
    before = page.model.items_in("went-well").index("c3")
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert page.model.items_in("went-well").index("c3") == before + 1
    assert [i.data(ID_ROLE) for i in view.selectionModel().selectedIndexes()] == ["c3"]
    assert view.currentIndex().data(ID_ROLE) == "c3"


def test_a_card_joining_a_folded_theme_arrives_hidden_and_shows_when_unfolded(page: BoardPage) -> None:
    view = column(page, "lessons").view
    rows = column(page, "lessons").section_model
    view.setExpanded(page.index_of("t2"), False)
    assert all(view.isRowHidden(row, QModelIndex()) for row in rows.cards_of("t2"))
    assert page.qt_document.attempt(card_ops.move_card, "c11", "lessons", theme_id="t2")
    joined = page.index_of("c11")
    assert view.isRowHidden(joined.row(), joined.parent())
    view.setExpanded(page.index_of("t2"), True)
    assert not any(view.isRowHidden(row, joined.parent()) for row in rows.cards_of("t2"))
    page.qt_document.undo_stack.undo()  # c11 leaves the theme again: a loose card shows
    view.setExpanded(page.index_of("t2"), False)
    back = page.index_of("c11")
    assert not view.isRowHidden(back.row(), back.parent())


def test_a_drop_between_rows_of_another_column_is_one_edit(page: BoardPage, board_path: Path) -> None:
    source = column(page, "went-well")
    target = column(page, "lessons")
    data = source.section_model.mimeData([page.index_of("c3")])
    assert data.hasFormat("application/x-pmdesk-cards")
    steps = page.qt_document.undo_stack.count()
    row = page.index_of("c12").row()
    assert target.section_model.dropMimeData(data, Qt.DropAction.MoveAction, row, 0, QModelIndex())
    assert page.qt_document.undo_stack.count() == steps + 1
    lessons = [c.id for c in saved_board(page, board_path).cards if c.section == "lessons"]
    assert lessons.index("c3") == lessons.index("c12") - 1


def test_the_column_and_board_models_move_cards_by_id_only(page: BoardPage) -> None:
    target = column(page, "lessons").section_model
    for model in (target, page.model):
        assert model.mimeTypes() == [CARDS_MIME]
        assert model.supportedDragActions() == model.supportedDropActions() == Qt.DropAction.MoveAction
    text = QMimeData()
    text.setText('["c3"]')  # ids as plain text (another program's drop) are not a move
    steps = page.qt_document.undo_stack.count()
    assert not target.canDropMimeData(text, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert not target.dropMimeData(text, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert page.qt_document.undo_stack.count() == steps


@pytest.mark.parametrize("seed", [7, 11, 23])
def test_many_random_edits_and_undos_keep_every_model_equal_to_a_fresh_one(
    page: BoardPage, seed: int
) -> None:
    import random

    from pmdesk.ui.board.board_model import BoardModel
    from tests.ui.board.test_board_rows import dump

    chance = random.Random(seed)
    document = page.qt_document
    for step in range(80):
        board = document.board
        cards = [c.id for c in board.cards]
        loose = [c.id for c in board.cards if c.theme is None]
        sections = [s.id for s in board.sections]
        themes = [t.id for t in board.themes]
        kind = chance.choice(["add", "move", "move", "group", "join", "leave", "ungroup", "delete", "undo"])
        if kind == "add":
            document.attempt(card_ops.add_card, chance.choice(sections), f"card {step}", card_id=f"r{step}")
        elif kind == "move" and cards:
            target = chance.choice(sections)
            before = chance.choice([None, *[c.id for c in board.cards if c.section == target]])
            document.attempt(card_ops.move_card, chance.choice(cards), target, before=before)
        elif kind == "group" and len(loose) >= 2:
            document.attempt(card_ops.group_cards, chance.sample(loose, 2), f"theme {step}")
        elif kind == "join" and themes and loose:
            theme = chance.choice(themes)
            section = next(t.section for t in board.themes if t.id == theme)
            mine = [c for c in loose if next(x.section for x in board.cards if x.id == c) == section]
            if mine:
                document.attempt(card_ops.add_to_theme, [chance.choice(mine)], theme)
        elif kind == "leave":
            themed = [c.id for c in board.cards if c.theme is not None]
            if themed:
                document.attempt(card_ops.remove_from_theme, [chance.choice(themed)])
        elif kind == "ungroup" and themes:
            document.attempt(card_ops.ungroup, chance.choice(themes))
        elif kind == "delete" and cards:
            document.attempt(card_ops.delete_cards, [chance.choice(cards)])
        elif kind == "undo" and document.undo_stack.canUndo():
            document.undo_stack.undo()
        assert dump(page.model) == dump(BoardModel(document)), (step, kind)
        assert _rows(page) == _expected(page) == _shown_ids(page), (step, kind)
    assert document.undo_stack.count() > 30  # most of the edits were made


def test_what_a_row_is_measured_by_agrees_with_what_it_shows(page: BoardPage) -> None:
    """A row's height is asked once per row per layout, in one call: it must match its roles."""
    assert page.qt_document.attempt(card_ops.add_card, "lessons", "A card\nof two lines", card_id="cn1")
    seen = set()
    for c in page.columns:
        model = c.section_model
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            kind, text, in_theme = model.measure(row) or ("", "", False)
            assert (kind, text, in_theme) == (
                index.data(KIND_ROLE),
                index.data(Qt.ItemDataRole.DisplayRole),
                index.data(THEME_ROLE) is not None,
            )
            seen.add((kind, in_theme))
        assert model.measure(model.rowCount()) is None
    assert {("card", False), ("card", True), ("theme", False)} <= seen
