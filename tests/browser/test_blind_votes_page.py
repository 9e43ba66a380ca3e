"""What a phone says about the privacy of its dots is true: it follows the board's hidden tallies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from selenium.webdriver.common.by import By

from pmdesk.model.board_ops import set_session_field
from pmdesk.room.server import RoomServer
from tests.browser.test_room_closed import HeldGateway, served, small_phone
from tests.browser.test_two_phones import text_of, wait

__all__ = ["served"]


def test_the_phone_says_its_dots_are_private_only_while_the_tallies_are_hidden(
    served: tuple[RoomServer, HeldGateway], phones: Callable[[], Any]
) -> None:
    server, gateway = served
    phone = small_phone(phones, server.url)
    gateway.update_phase(mode="vote", title="Prioritization")  # the demo board shows its tallies
    wait(phone, lambda d: d.find_elements(By.CSS_SELECTOR, "p.votes-privacy"))
    shown = text_of(phone, "p.votes-privacy")
    assert "private" not in shown and "everyone sees the counts" in shown

    gateway.apply(lambda board: set_session_field(board, "votes_hidden", True))
    wait(
        phone,
        lambda d: (
            "private until the facilitator reveals" in d.find_element(By.CSS_SELECTOR, "p.votes-privacy").text
        ),
    )
