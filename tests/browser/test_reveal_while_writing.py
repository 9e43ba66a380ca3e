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


def test_a_reveal_while_people_write_shows_the_revealed_cards_under_each_section(
    served: tuple[RoomServer, HeldGateway], phones: Callable[[], Any]
) -> None:
    server, gateway = served
    phone = small_phone(phones, server.url)
    wait(phone, lambda d: len(d.find_elements(By.CSS_SELECTOR, "textarea")) >= 2)
    phone.execute_script(ADD_CARD, "Our pager rota was out of date")
    main_text = "return document.querySelector('main').innerText"
    wait(phone, lambda d: "Our pager rota" in d.execute_script(main_text))
    assert not phone.find_elements(By.CSS_SELECTOR, ".revealed")  # private: nothing face up yet

    gateway.apply(reveal_cards)

    def revealed(d: Any) -> bool:
        found = d.find_elements(By.CSS_SELECTOR, ".revealed")
        return any("Our pager rota was out of date" in e.text for e in found)

    wait(phone, revealed)
    main = phone.execute_script(main_text)
    assert "The facilitator has revealed the cards" in main
    assert not phone.find_elements(By.CSS_SELECTOR, ".card.mine")  # no longer its own to edit
