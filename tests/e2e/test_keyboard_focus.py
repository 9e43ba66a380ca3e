"""Keyboard focus in the room: always somewhere visible and useful, and on the focused column's cards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pmdesk.model.templates import new_board
from pmdesk.store.board_file import create_file
from tests.e2e.conftest import RoomFactory
from tests.e2e.room import Room, card, theme


def click_item(window: Room, text: str, modifiers: str = "") -> None:
    """Click a card or theme on its text, as a person picks it."""
    x, y, width, _height = window.item(text)
    window.click(x + width // 2, y + 12, modifiers=modifiers)


def focused(window: Room) -> dict[str, Any]:
    """The focused widget, which must exist and be on screen."""
    focus = window.focus()
    assert focus is not None, "nothing has the keyboard"
    assert focus["visible"], focus
    return focus


def test_ctrl_digit_puts_the_cursor_in_the_pages_first_input(room: RoomFactory) -> None:
    window = room()
    window.key("ctrl+8")
    window.type("Rollbacks are cheap")
    window.key("ctrl+1")
    assert focused(window)["text"].startswith("Checkout API outage")  # the incident title
    window.type(" (SEV1)")
    window.key("ctrl+7")
    assert focused(window)["class"] == "ActionsTable"
    window.key("ctrl+4")
    assert focused(window)["class"] == "CardView"
    board = window.export()
    assert board["session"]["takeaways"] == "Rollbacks are cheap"
    assert board["incident"]["title"].endswith("config push (SEV1)")


def test_ctrl_1_on_a_new_board_selects_the_untitled_title_so_typing_replaces_it(
    room: RoomFactory, tmp_path: Path
) -> None:
    path = tmp_path / "new.pmdesk"
    create_file(path, new_board())
    window = room(path)
    window.key("ctrl+1")
    window.type("Queue backlog")
    window.key("Tab")
    assert window.export()["incident"]["title"] == "Queue backlog"
    window.key("ctrl+4", "ctrl+1")  # a named incident's title is continued, not replaced
    window.type(" at peak")
    window.key("Tab")
    assert window.export()["incident"]["title"] == "Queue backlog at peak"


def test_ctrl_g_groups_the_focused_columns_cards_only(room: RoomFactory) -> None:
    window = room()
    click_item(window, "Fast, safe rollback")  # a theme, selected in the first column
    click_item(window, "Gateway pool metrics exist", modifiers="ctrl")  # cards in the second
    click_item(window, "Latency alert threshold", modifiers="ctrl")
    window.key("ctrl+g")
    window.type("Alerting gaps")
    window.key("Return")
    board = window.export()
    grouped = theme(board, "Alerting gaps")
    assert grouped["section"] == "lessons"
    assert card(board, "Gateway pool metrics exist")["theme"] == grouped["id"]
    assert card(board, "Latency alert threshold")["theme"] == grouped["id"]
    rollback = theme(board, "Fast, safe rollback")
    in_rollback = [c["text"][:9] for c in board["cards"] if c["theme"] == rollback["id"]]
    assert in_rollback == ["One-click", "We had th"]
    assert not [c for c in board["cards"] if c["text"] == "Alerting gaps"]


def test_left_and_right_walk_the_columns(room: RoomFactory) -> None:
    window = room()
    click_item(window, "Incident channel stayed calm")
    first = focused(window)["rect"]
    window.key("Right")
    second = focused(window)
    assert second["class"] == "CardView" and second["rect"][0] > first[0]
    window.key("Delete")  # acts on the card now selected in the second column, not on the first's
    window.key("Left")
    assert focused(window)["rect"] == first
    board = window.export()
    assert card(board, "Incident channel stayed calm")
    assert len(board["cards"]) == 23


def test_focus_comes_back_after_find_a_dialog_and_undo(room: RoomFactory) -> None:
    window = room()
    window.key("ctrl+1")
    window.key("ctrl+f")  # from another page: to the board's find
    assert window.page() == "board" and focused(window)["class"] == "FindLine"
    window.type("status page link")
    window.key("Return", "Escape")
    assert focused(window)["class"] == "CardView"
    window.key("ctrl+shift+n")  # the found card's notes
    window.key("Escape")
    assert focused(window)["class"] == "CardView"
    window.key("Delete")
    window.key("ctrl+z")
    assert focused(window)["class"] == "CardView"
    window.key("ctrl+shift+n")  # the keys still act on the card that shows as selected
    window.type("Link was pinned in the channel")
    window.key("ctrl+Return")
    note = card(window.export(), "Support had a status page link")["notes"]
    assert note == "Link was pinned in the channel"


def test_undo_and_redo_from_the_card_entry_right_after_adding_a_card(room: RoomFactory) -> None:
    """Ctrl+Z in the entry emptied by Enter did nothing: the card just added stayed."""
    window = room()
    window.key("ctrl+4")
    window.key("ctrl+Return")  # the current column's entry
    assert focused(window)["class"] == "CardEntry"
    window.type("Wrong column for this")
    window.key("Return")
    assert [c["text"] for c in window.export()["cards"]].count("Wrong column for this") == 1
    window.key("ctrl+z")
    assert "Wrong column for this" not in [c["text"] for c in window.export()["cards"]]
    assert focused(window)["class"] == "CardEntry"  # still where the facilitator types
    window.key("ctrl+shift+z")
    assert [c["text"] for c in window.export()["cards"]].count("Wrong column for this") == 1
    window.type("half typed")
    window.key("ctrl+z")  # typing in the entry is undone in the entry first
    assert focused(window)["text"] == ""
    assert [c["text"] for c in window.export()["cards"]].count("Wrong column for this") == 1


def test_focus_page_walk_annotate_and_walk_on_by_keyboard(room: RoomFactory) -> None:
    """Ctrl+5 put the cursor in the notes (← → moved the caret, not the card) and Esc in the
    notes left for the board, so only the first card could be annotated without the mouse."""
    window = room()
    window.key("ctrl+5")
    assert window.page() == "focus" and focused(window)["name"] == "FocusPage"
    window.key("Right")
    window.key("Tab")
    assert focused(window)["name"] == "FocusNotes"
    window.type("Talked it through")
    window.key("Escape")
    assert window.page() == "focus" and focused(window)["name"] == "FocusPage"
    window.key("Right")
    window.key("Tab")
    window.type("Next one too")
    annotated = [c["notes"] for c in window.export()["cards"] + window.export()["themes"] if c["notes"]]
    assert sorted(annotated) == ["Next one too", "Talked it through"]
