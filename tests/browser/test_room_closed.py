"""A phone when the room closes or its connection drops: said in a fixed banner, every control off.

The room is served headless (``LocalGateway``) on 127.0.0.1; one headless Chromium the size of a
small phone (360×740) joins and is driven like a person. Selenium runs on this thread: nothing
here waits for a GUI thread.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By

from pmdesk.model.demo import demo_board
from pmdesk.model.edits import Edit
from pmdesk.room.gateway import EditBuilder, LocalGateway, RoomPhase
from pmdesk.room.server import RoomConfig, RoomServer
from pmdesk.store.board_file import create_file
from tests.browser.test_two_phones import act, join, wait

SMALL_PHONE = (360, 740)
NEW_CARD = "//textarea[@aria-label='New card in Lessons learned']"


class HeldGateway(LocalGateway):
    """A gateway whose next ``apply`` waits until the test lets it go (then fails, as on closing)."""

    def __init__(self, path: Path, phase: RoomPhase) -> None:
        super().__init__(path, phase)
        self.hold = False
        self.arrived = threading.Event()
        self.release = threading.Event()

    def apply(self, build: EditBuilder) -> Edit:
        """Wait while held, then refuse as a closing window does; else apply."""
        if self.hold:
            self.arrived.set()
            self.release.wait(20)
            raise RuntimeError("The room is closed.")
        return super().apply(build)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[RoomServer, HeldGateway]]:
    path = tmp_path / "room.pmdesk"
    create_file(path, demo_board())
    phase = RoomPhase(mode="write", title="Individual reflection", ends_at=time.time() + 600)
    gateway = HeldGateway(path, phase)
    server = RoomServer(gateway, "127.0.0.1", 0, RoomConfig(keepalive_seconds=1.0))
    server.start()
    yield server, gateway
    gateway.release.set()
    server.close()
    gateway.close()


def small_phone(phones: Callable[[], Any], url: str) -> Any:
    driver = phones()
    driver.set_window_size(*SMALL_PHONE)
    join(driver, url, "Ana Ruiz")
    return driver


def controls(driver: Any) -> list[tuple[str, bool]]:
    """Every button and text field of the page: (its text or label, enabled)."""
    read: list[list[tuple[str, bool]]] = []

    def attempt(d: Any) -> bool:  # read again if the page redrew meanwhile
        found = d.find_elements(By.CSS_SELECTOR, "button, textarea")
        shown = [e for e in found if e.is_displayed()]
        read.append([(e.text or e.get_attribute("aria-label") or "", e.is_enabled()) for e in shown])
        return True

    wait(driver, attempt)
    return read[-1]


def banner_in_view(driver: Any) -> str:
    """The banner's text when it shows inside the viewport, else ""."""
    script = (
        "const b = document.getElementById('banner'); if (!b || b.hidden) return '';"
        "const r = b.getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0 ? b.textContent : '';"
    )
    return str(driver.execute_script(script))


def test_closing_the_room_says_so_in_view_stops_the_clock_and_disables_everything(
    served: tuple[RoomServer, HeldGateway], phones: Callable[[], Any]
) -> None:
    server, _gateway = served
    phone = small_phone(phones, server.url)
    act(phone, NEW_CARD, lambda e: e.send_keys("Half a thought"))
    # The countdown runs (its first minute: starting Chromium on a busy machine takes seconds).
    wait(phone, lambda d: re.search(r"(?:9:[0-5]\d|10:00)$", d.find_element(By.ID, "clock").text))
    phone.execute_script("window.scrollTo(0, document.body.scrollHeight)")  # read far down the page
    assert phone.execute_script("return window.scrollY") > 0

    server.close()  # Close the room
    wait(phone, lambda d: "The room is closed" in banner_in_view(d), 10)
    assert phone.find_element(By.ID, "phase-title").text == "Room closed"
    assert not phone.find_element(By.ID, "clock").is_displayed()
    found = controls(phone)
    assert found and not any(enabled for _name, enabled in found), found
    assert phone.find_element(By.XPATH, NEW_CARD).get_attribute("value") == "Half a thought"


def test_a_card_in_flight_when_the_room_closes_stays_in_its_field_marked_not_sent(
    served: tuple[RoomServer, HeldGateway], phones: Callable[[], Any]
) -> None:
    server, gateway = served
    phone = small_phone(phones, server.url)
    gateway.hold = True
    act(phone, NEW_CARD, lambda e: e.send_keys("The pager rota was stale"))
    act(phone, NEW_CARD + "/following-sibling::div/button[text()='Add card']", lambda e: e.click())
    assert gateway.arrived.wait(10)
    server.close()
    wait(phone, lambda d: "The room is closed" in banner_in_view(d), 10)
    gateway.release.set()  # the laptop refuses the card it was holding

    kept = "The pager rota was stale"
    wait(phone, lambda d: d.find_element(By.XPATH, NEW_CARD).get_attribute("value") == kept)
    note = phone.find_element(By.CSS_SELECTOR, "p.notsent").text
    assert note.startswith("Not sent")
    assert not any(enabled for _name, enabled in controls(phone))


def test_a_dropped_connection_disables_the_page_and_it_recovers_when_the_room_answers_again(
    served: tuple[RoomServer, HeldGateway], phones: Callable[[], Any]
) -> None:
    server, _gateway = served
    quiet = threading.Event()  # set: the laptop's room sends nothing on open streams (Wi-Fi gone)
    heard = server.wait_change

    def wait_change(seen: int, timeout: float) -> int:
        while quiet.is_set() and not server.closing:
            time.sleep(0.05)
        return heard(seen, timeout)

    server.wait_change = wait_change  # type: ignore[method-assign]
    phone = small_phone(phones, server.url)
    act(phone, NEW_CARD, lambda e: e.send_keys("Typed while offline"))
    quiet.set()
    phone.execute_cdp_cmd("Network.enable", {})
    offline = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
    phone.execute_cdp_cmd("Network.emulateNetworkConditions", offline)
    wait(phone, lambda d: "No connection to the room" in banner_in_view(d), 15)
    assert not any(enabled for _name, enabled in controls(phone))
    assert not phone.find_element(By.ID, "clock").is_displayed()

    quiet.clear()
    phone.execute_cdp_cmd("Network.emulateNetworkConditions", {**offline, "offline": False})
    wait(phone, lambda d: not d.find_element(By.ID, "banner").is_displayed(), 15)
    found = controls(phone)
    assert found and all(enabled for _name, enabled in found), found
    assert phone.find_element(By.ID, "clock").is_displayed()
    assert phone.find_element(By.XPATH, NEW_CARD).get_attribute("value") == "Typed while offline"
