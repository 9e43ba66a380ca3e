"""Real mouse drags on the board: press, move in steps, release, as a hand on a mouse does."""

from __future__ import annotations

from tests.e2e.conftest import RoomFactory
from tests.e2e.room import Room, card, theme


def centre(rect: list[int]) -> tuple[int, int]:
    """The middle of a screen rectangle."""
    x, y, width, height = rect
    return x + width // 2, y + height // 2


def drag_item(window: Room, text: str, target: tuple[int, int]) -> None:
    """Drag the card or theme whose text starts with ``text`` to a screen point."""
    window.drag(centre(window.item(text)), target)


def test_drag_onto_a_card_groups_the_two_into_a_new_theme(room: RoomFactory) -> None:
    window = room()
    drag_item(window, "Support had a status page", centre(window.item("Payments logs said")))
    window.type("Clear signals")
    window.key("Return")
    board = window.export()
    grouped = theme(board, "Clear signals")
    assert card(board, "Support had a status page")["theme"] == grouped["id"]
    assert card(board, "Payments logs said")["theme"] == grouped["id"]
    assert not window.errors()


def test_drag_into_a_theme_and_back_out(room: RoomFactory) -> None:
    window = room()
    rollback = theme(window.export(), "Fast, safe rollback")["id"]
    drag_item(window, "Incident channel stayed calm", centre(window.item("Fast, safe rollback")))
    assert window.wait_until(lambda: card(window.export(), "Incident channel")["theme"] == rollback)

    # Out again: between two loose cards of the column (just above a loose card's top edge).
    x, y, _width, _height = window.item("Payments logs said")
    drag_item(window, "One-click revert", (x + 60, y + 2))
    board = window.export()
    assert card(board, "One-click revert")["theme"] is None
    assert card(board, "One-click revert")["section"] == "went-well"
    assert card(board, "Incident channel stayed calm")["theme"] == rollback
    assert not window.errors()


def test_drag_onto_another_columns_header_moves_the_card_to_that_section(room: RoomFactory) -> None:
    window = room()
    header = window.ask("widget_center('QLabel', text='Lessons learned')")
    drag_item(window, "Incident channel stayed calm", (header[0], header[1]))
    assert window.wait_until(
        lambda: card(window.export(), "Incident channel stayed calm")["section"] == "lessons"
    )
    board = window.export()
    lessons = [c["text"] for c in board["cards"] if c["section"] == "lessons"]
    assert lessons[0].startswith("Incident channel stayed calm")  # at the top, under the header
    assert card(board, "Incident channel stayed calm")["theme"] is None
    assert not window.errors()


def test_drag_a_themes_card_onto_its_own_columns_header_puts_it_at_the_top(room: RoomFactory) -> None:
    """The card left its theme but went to the bottom of the column, not the top."""
    window = room()
    header = window.ask("widget_center('QLabel', text='What went well')")
    drag_item(window, "One-click revert", (header[0], header[1]))
    assert window.wait_until(lambda: card(window.export(), "One-click revert")["theme"] is None)
    top = window.ask("item_rect('One-click revert')")
    rollback = window.ask("item_rect('Fast, safe rollback')")
    assert top[1] < rollback[1]  # shown above the theme, first in the column
    assert not window.errors()
