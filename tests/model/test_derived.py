"""Values computed from a board: each section's column, each theme's cards."""

from __future__ import annotations

from pmdesk.model.board import Theme
from pmdesk.model.demo import demo_board
from pmdesk.model.derived import board_items, cards_by_theme, items_by_section, section_items, theme_cards


def test_items_by_section_is_each_sections_column_in_one_pass() -> None:
    board = demo_board()
    by_section = items_by_section(board)
    assert list(by_section) == [section.id for section in board.sections]
    for section in board.sections:
        assert by_section[section.id] == section_items(board, section.id)
    assert board_items(board) == [item for items in by_section.values() for item in items]


def test_cards_by_theme_matches_each_themes_cards() -> None:
    board = demo_board()
    members = cards_by_theme(board)
    assert members, "the demo board has themes with cards"
    for theme in board.themes:
        assert members.get(theme.id, []) == theme_cards(board, theme.id)


def test_a_theme_without_cards_stands_last_in_its_column() -> None:
    board = demo_board()
    section = board.sections[0].id
    board.themes.append(Theme("empty", section, "Nothing yet"))
    column = items_by_section(board)[section]
    assert column[-1].id == "empty"
    assert "empty" not in cards_by_theme(board)
