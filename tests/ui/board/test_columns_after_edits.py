"""Every column keeps showing its own section after edits that reset the board model."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from pmdesk.model.card_ops import group_cards, move_card
from pmdesk.ui.board.board_data import ID_ROLE, THEME_ROLE
from pmdesk.ui.board.board_page import BoardPage


def _shown(page: BoardPage) -> dict[str, list[str]]:
    shown = {}
    for column in page.columns:
        model = column.view.model()
        assert model is column.section_model, f"column {column.section_id} lost its rows"
        rows = [model.index(r, 0) for r in range(model.rowCount())]
        # The section's own rows: a theme's cards follow it, and are checked by the board model's tests.
        shown[column.section_id] = [str(i.data(ID_ROLE)) for i in rows if i.data(THEME_ROLE) is None]
    return shown


def _expected(page: BoardPage) -> dict[str, list[str]]:
    from pmdesk.model.derived import section_items

    board = page.qt_document.board
    return {s.id: [item.id for item in section_items(board, s.id)] for s in board.sections}


def test_columns_survive_add_group_move_and_undo(qtbot: QtBot, page: BoardPage) -> None:
    document = page.qt_document
    assert _shown(page) == _expected(page)
    page.columns[0].entry.setPlainText("a new card")
    page.columns[0]._submit("a new card")
    assert _shown(page) == _expected(page)
    loose = [c.id for c in document.board.cards if c.theme is None][:2]
    assert document.attempt(group_cards, loose, "pair")
    assert _shown(page) == _expected(page)
    card = document.board.cards[0]
    assert document.attempt(move_card, card.id, document.board.sections[2].id)
    assert _shown(page) == _expected(page)
    for _ in range(3):
        document.undo_stack.undo()
        assert _shown(page) == _expected(page)
    top = page.columns[1].view.visualRect(page.columns[1].section_model.index(0, 0))
    assert top.height() > 0  # rows are laid out, not a blank column
