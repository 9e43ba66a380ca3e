"""The board's item model: Qt's model tester, plain text, and drops through the mime methods."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pmdesk.model.card_ops import add_card
from pmdesk.model.templates import new_board
from pmdesk.store.document import Document
from pmdesk.ui.board.board_data import COLOR_ROLE, DIM_ROLE, KIND_ROLE, VOTES_ROLE
from pmdesk.ui.board.board_model import BoardModel
from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.board.mime import CARDS_MIME, decode_ids, encode_ids
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.main_window import MainWindow
from tests.ui.board.helpers import column, saved_board

HOSTILE = "<img src=x> <b>bold</b> & done"


def test_model_passes_qt_model_tester_on_demo_board(qtmodeltester: ModelTester, page: BoardPage) -> None:
    qtmodeltester.check(page.model)
    # and keeps passing while the board changes under it
    page.qt_document.attempt(add_card, "went-well", "One more", card_id="cz1")
    page.qt_document.undo_stack.undo()
    assert page.model.rowCount() == 4


def test_model_passes_qt_model_tester_on_empty_board(qtmodeltester: ModelTester, tmp_path: Path) -> None:
    document = Document.create(tmp_path / "empty.pmdesk", new_board())
    try:
        model = BoardModel(QtDocument(document))
        qtmodeltester.check(model)
        section = model.index(0, 0)
        assert model.rowCount(section) == 0 and section.data(KIND_ROLE) == "section"
    finally:
        document.close()


def test_find_dims_the_columns_cards_without_walking_the_tree_nothing_shows(
    qtbot: QtBot, board_window: MainWindow, page: BoardPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not page.model.viewed()  # each column shows its own model; none shows the tree
    walks: list[None] = []
    monkeypatch.setattr(page.model, "_repaint_tree", lambda: walks.append(None))
    went_well = column(page, "went-well").section_model
    repainted: list[tuple[int, int]] = []
    went_well.dataChanged.connect(lambda first, last, _roles: repainted.append((first.row(), last.row())))
    qtbot.keyClick(board_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.find_line, "rollback")
    assert repainted[-1] == (0, went_well.rowCount() - 1)  # each keystroke repaints the column
    dims = {
        went_well.item_id(went_well.index(row, 0)): went_well.index(row, 0).data(DIM_ROLE)
        for row in range(went_well.rowCount())
    }
    assert dims["t1"] is False and True in dims.values()  # the theme about rollback stands out
    assert not walks


def test_a_view_of_the_whole_tree_hears_every_row_repaint(page: BoardPage) -> None:
    heard: list[QModelIndex] = []
    page.model.dataChanged.connect(lambda first, _last, _roles: heard.append(first))
    assert page.model.viewed()
    page.model.refresh_all()
    model = page.model
    parents = {model.node(index.parent()).item_id for index in heard}  # "" for the root's sections
    board = page.qt_document.board
    themes = {theme.id for theme in board.themes if model.children_of(theme.id)}
    assert parents == {"", *(s.id for s in board.sections if model.items_in(s.id)), *themes}


def test_tree_follows_section_items(page: BoardPage) -> None:
    model = page.model
    went_well = model.index_of("went-well")
    first = model.index(0, 0, went_well)
    assert first.data(KIND_ROLE) == "theme" and first.data() == "Fast, safe rollback"
    assert model.index(0, 0, first).data().startswith("One-click")
    assert model.index_of("t3").data(VOTES_ROLE) == 4
    assert model.index_of("c1").data(COLOR_ROLE) == "#d62728"


def test_hostile_text_is_data_not_markup(page: BoardPage) -> None:
    page.add_card("lessons", HOSTILE)
    card_id = next(c.id for c in page.qt_document.board.cards if c.text == HOSTILE)
    index = page.model.index_of(card_id)
    assert index.data(Qt.ItemDataRole.DisplayRole) == HOSTILE
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img src=x&gt;" in tooltip and "<img" not in tooltip and "<b>" not in tooltip


def test_mime_carries_json_ids_only() -> None:
    data = encode_ids(["c1", "t2"])
    assert bytes(data.data(CARDS_MIME).data()) == b'["c1", "t2"]'
    assert decode_ids(data) == ["c1", "t2"]
    bad = encode_ids([])
    bad.setData(CARDS_MIME, b"\x80not json")
    assert decode_ids(bad) == []


def _drop(model: BoardModel, ids: list[str], row: int, parent: QModelIndex) -> bool:
    data = model.mimeData([model.index_of(i) for i in ids])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, row, 0, parent)
    return model.dropMimeData(data, Qt.DropAction.MoveAction, row, 0, parent)


def test_drop_card_on_card_groups_them_in_one_step(page: BoardPage, board_path: Path) -> None:
    model = page.model
    created: list[str] = []
    model.theme_created.connect(created.append)
    before = page.qt_document.undo_stack.count()
    assert _drop(model, ["c4"], -1, model.index_of("c3"))
    assert page.qt_document.undo_stack.count() == before + 1
    assert created and model.cards["c3"].theme == created[0] == model.cards["c4"].theme
    board = saved_board(page, board_path)
    theme = next(t for t in board.themes if t.id == created[0])
    assert {c.id for c in board.cards if c.theme == theme.id} == {"c3", "c4"}


def test_drop_on_theme_joins_and_moves_section(page: BoardPage, board_path: Path) -> None:
    model = page.model
    assert _drop(model, ["c16"], -1, model.index_of("t2"))  # a Future card into a Lessons theme
    board = saved_board(page, board_path)
    card = next(c for c in board.cards if c.id == "c16")
    assert card.theme == "t2" and card.section == "lessons"


def test_drop_between_rows_moves_out_of_theme_to_another_section(page: BoardPage, board_path: Path) -> None:
    model = page.model
    ongoing = model.index_of("ongoing")
    assert _drop(model, ["c1"], 0, ongoing)  # out of "Fast, safe rollback", to the top of Ongoing
    assert model.items_in("ongoing")[0] == "c1"
    page.qt_document.undo_stack.undo()
    assert model.cards["c1"].theme == "t1"
    page.qt_document.undo_stack.redo()
    board = saved_board(page, board_path)
    card = next(c for c in board.cards if c.id == "c1")
    assert card.section == "ongoing" and card.theme is None


def test_drop_theme_on_theme_merges(page: BoardPage, board_path: Path) -> None:
    model = page.model
    assert _drop(model, ["t4"], -1, model.index_of("t3"))
    board = saved_board(page, board_path)
    assert "t4" not in {t.id for t in board.themes}
    assert {c.id for c in board.cards if c.theme == "t3"} >= {"c19", "c20"}


def test_refused_drops(page: BoardPage) -> None:
    model = page.model
    data = model.mimeData([model.index_of("c3")])
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index_of("c3"))
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    theme = model.mimeData([model.index_of("t1")])
    assert not model.canDropMimeData(theme, Qt.DropAction.MoveAction, 0, 0, model.index_of("lessons"))
