"""A card the facilitator hides before the reveal: its author's phone says so (it did not vanish
without a word), and a card the phone deletes itself says nothing of the kind."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from selenium.webdriver.common.by import By

from pmdesk.model.board import Board
from pmdesk.model.moderation import hide_cards
from pmdesk.room.server import RoomServer
from tests.browser.test_reveal_while_writing import MAIN_TEXT, write_card, writing_phone
from tests.browser.test_room_closed import HeldGateway, served
from tests.browser.test_two_phones import wait

__all__ = ["served"]

STATUS = "return document.getElementById('status').textContent"


def card_id(gateway: HeldGateway, text: str) -> str:
    """The id of the card holding ``text``, as the laptop's board has it."""
    return gateway.read(lambda board: next(card.id for card in board.cards if card.text == text))


def test_a_hidden_card_is_said_to_be_set_aside_on_its_authors_phone(
    served: tuple[RoomServer, HeldGateway], phones: Callable[[], Any]
) -> None:
    server, gateway = served
    phone = writing_phone(phones, server.url)
    for text in ("Blame Bob for the outage", "Our pager rota was out of date"):
        write_card(phone, text)
    hidden = card_id(gateway, "Blame Bob for the outage")

    def hide(board: Board) -> Any:
        return hide_cards(board, [hidden])

    gateway.apply(hide)
    wait(phone, lambda d: "set one of your cards aside" in d.execute_script(STATUS))
    main = phone.execute_script(MAIN_TEXT)
    assert "Blame Bob" not in main and "Our pager rota was out of date" in main

    # The phone deletes its own card: "Deleted.", not a card set aside.
    phone.find_elements(By.CSS_SELECTOR, ".card.mine button")[-1].click()
    wait(phone, lambda d: "Our pager rota" not in d.execute_script(MAIN_TEXT))
    assert "aside" not in phone.execute_script(STATUS)
