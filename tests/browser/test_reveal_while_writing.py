"""A reveal during individual reflection: a phone's cards do not vanish, they show on its board."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from selenium.webdriver.common.by import By

from pmdesk.model.room_ops import reveal_cards
from pmdesk.room.server import RoomServer
from tests.browser.test_room_closed import HeldGateway, served, small_phone
from tests.browser.test_two_phones import wait

__all__ = ["served"]

ADD_CARD = """
const area = document.querySelectorAll('textarea')[1];
area.value = arguments[0];
area.dispatchEvent(new Event('input'));
document.querySelectorAll('button.primary')[1].click();
"""


MAIN_TEXT = "return document.querySelector('main').innerText"


def writing_phone(phones: Callable[[], Any], url: str) -> Any:
    """A small phone joined to the room, its card fields shown."""
    phone = small_phone(phones, url)
    wait(phone, lambda d: len(d.find_elements(By.CSS_SELECTOR, "textarea")) >= 2)
    return phone


def write_card(phone: Any, text: str) -> None:
    """Add a card in the second section and wait until the page shows it."""
    phone.execute_script(ADD_CARD, text)
    wait(phone, lambda d: text in d.execute_script(MAIN_TEXT))


def test_a_reveal_while_people_write_shows_the_revealed_cards_under_each_section(
    served: tuple[RoomServer, HeldGateway], phones: Callable[[], Any]
) -> None:
    server, gateway = served
    phone = writing_phone(phones, server.url)
    write_card(phone, "Our pager rota was out of date")
    assert not phone.find_elements(By.CSS_SELECTOR, ".revealed")  # private: nothing face up yet

    gateway.apply(reveal_cards)

    def revealed(d: Any) -> bool:
        found = d.find_elements(By.CSS_SELECTOR, ".revealed")
        return any("Our pager rota was out of date" in e.text for e in found)

    wait(phone, revealed)
    main = phone.execute_script(MAIN_TEXT)
    assert "The facilitator has revealed the cards" in main
    assert not phone.find_elements(By.CSS_SELECTOR, ".card.mine")  # no longer its own to edit
