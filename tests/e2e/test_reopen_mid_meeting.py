"""A facilitator closes the board mid-meeting and opens it again: the meeting is where it was."""

from __future__ import annotations

from tests.e2e.conftest import RoomFactory

PHASE = "[c for c in window().children() if type(c).__name__ == 'Meeting'][0].controller.phase_id"


def test_the_reopened_board_comes_back_to_the_phase_and_page(room: RoomFactory) -> None:
    window = room()
    for _phase in range(3):
        window.key("ctrl+Next")  # Tone, Facts, Reflection: the meeting at Group discussion
    window.wait_until(lambda: window.page() == "focus", what="the Focus page of the discussion")
    window.key("ctrl+7")  # a look at the actions during the discussion
    assert window.page() == "actions"
    window.close()
    session = window.export()["session"]
    assert (session["current_phase"], session["current_page"]) == ("discussion", "actions")

    again = room(window.board)
    assert again.page() == "actions"
    assert again.ask(PHASE) == "discussion"
    again.key("ctrl+Prior")  # back one phase, from where it stood
    assert again.ask(PHASE) == "reflection"
    assert again.page() == "board"
