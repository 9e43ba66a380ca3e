"""The Actions page's Add action button and Alt+digit for the next card's author, with real input."""

from __future__ import annotations

from tests.e2e.conftest import RoomFactory
from tests.e2e.room import card


def test_add_action_by_click_and_by_its_mnemonic(room: RoomFactory) -> None:
    window = room()
    window.key("ctrl+7")
    window.click_widget("QPushButton", text="Add action")
    window.type("Alert on pool saturation")
    window.key("Return")
    window.key("alt+a")
    window.type("Rehearse the rollback")
    window.key("Return")
    texts = [action["text"] for action in window.export()["actions"]]
    assert "Alert on pool saturation" in texts and "Rehearse the rollback" in texts
    assert not window.errors()


def test_alt_digit_chooses_the_next_author_only(room: RoomFactory) -> None:
    window = room()
    x, y, width, _height = window.item("Incident channel stayed calm")
    window.click(x + width // 2, y + 12)
    window.key("alt+2")  # Ben writes the next cards; Tom's selected card stays Tom's
    window.key("n")
    window.type("Status page updates were on time")
    window.key("Return", "Escape")
    board = window.export()
    assert card(board, "Incident channel stayed calm")["author"] == "p4"
    assert card(board, "Status page updates were on time")["author"] == "p2"
    x, y, width, _height = window.item("Incident channel stayed calm")
    window.click(x + width // 2, y + 12)
    window.key("ctrl+shift+u")
    window.key("3")  # the picker: Priya wrote the selected card
    assert window.wait_until(lambda: card(window.export(), "Incident channel stayed")["author"] == "p3")
