"""Values computed from a board: each section's column, each theme's cards."""

from __future__ import annotations

from pmdesk.model.board import Theme
from pmdesk.model.demo import demo_board
from pmdesk.model.derived import board_items, cards_by_theme, items_by_section, section_items, theme_cards


def test_items_by_section_is_each_sections_column() -> None:
    board = demo_board()
    columns = {section: [item.id for item in items] for section, items in items_by_section(board).items()}
    assert columns == {
        "went-well": ["t1", "c3", "c4", "c5", "c6"],
        "lessons": ["t2", "c10", "c11", "c12"],
        "future": ["t3", "c16", "c17", "c18"],
        "ongoing": ["t4", "c21", "c22", "c23", "c24"],
    }
    assert [item.id for item in section_items(board, "lessons")] == columns["lessons"]
    assert [item.id for item in board_items(board)][:6] == ["t1", "c3", "c4", "c5", "c6", "t2"]


def test_cards_by_theme_lists_each_themes_cards_in_board_order() -> None:
    board = demo_board()
    members = {theme: [card.id for card in cards] for theme, cards in cards_by_theme(board).items()}
    assert members == {
        "t1": ["c1", "c2"],
        "t2": ["c7", "c8", "c9"],
        "t3": ["c13", "c14", "c15"],
        "t4": ["c19", "c20"],
    }
    assert [card.id for card in theme_cards(board, "t2")] == ["c7", "c8", "c9"]


def test_a_theme_without_cards_stands_last_in_its_column() -> None:
    board = demo_board()
    section = board.sections[0].id
    board.themes.append(Theme("empty", section, "Nothing yet"))
    column = items_by_section(board)[section]
    assert column[-1].id == "empty"
    assert "empty" not in cards_by_theme(board)
