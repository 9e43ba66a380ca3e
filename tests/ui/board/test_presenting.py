"""On the projector the board shows cards without editing chrome."""

from __future__ import annotations

from pmdesk.ui.board.board_page import BoardPage


def test_presenting_hides_entries_and_n_brings_one_back(page: BoardPage) -> None:
    page.set_presenting(True)
    assert all(not column.entry.isVisible() for column in page.columns)
    page.focus_card_entry(page.columns[1].section_id)
    assert page.columns[1].entry.isVisible()
    assert not page.columns[0].entry.isVisible()
    page.set_presenting(False)
    assert all(column.entry.isVisible() for column in page.columns)
