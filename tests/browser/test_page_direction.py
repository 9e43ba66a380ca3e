"""A right-to-left room: the page is laid out right to left and every text reads in its own direction."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.by import By

from pmdesk.model.demo import demo_board
from pmdesk.room.gateway import LocalGateway, RoomPhase
from pmdesk.room.server import RoomConfig, RoomServer
from pmdesk.store.document import Document
from tests.browser.test_room_closed import small_phone
from tests.browser.test_two_phones import wait


@pytest.fixture
def hebrew_room(tmp_path: Path) -> Iterator[RoomServer]:
    """A room whose laptop speaks Hebrew, on a board with one section titled in Hebrew."""
    path = tmp_path / "room.pmdesk"
    board = demo_board()
    board.sections[1] = replace(board.sections[1], title="לקחים")
    Document.create(path, board).close()
    gateway = LocalGateway(path, RoomPhase(mode="write", ends_at=time.time() + 600))
    server = RoomServer(gateway, "127.0.0.1", 0, RoomConfig(lang="he", dir="rtl"))
    server.start()
    yield server
    server.close()
    gateway.close()


def direction(driver: Any, css: str, text: str) -> str:
    """The computed direction of the element matching ``css`` whose text contains ``text``."""
    script = (
        "const e = [...document.querySelectorAll(arguments[0])]"
        ".find(x => x.textContent.includes(arguments[1]));"
        "return e ? getComputedStyle(e).direction : null;"
    )
    found: list[str] = []
    wait(driver, lambda d: found.append(d.execute_script(script, css, text)) or found[-1] is not None)
    return found[-1]


def test_english_words_on_a_right_to_left_page_keep_their_order(
    hebrew_room: RoomServer, phones: Callable[[], Any]
) -> None:
    phone = small_phone(phones, hebrew_room.url)
    wait(phone, lambda d: d.find_elements(By.CSS_SELECTOR, "p.facedown"), seconds=40)  # a loaded machine
    assert phone.execute_script("return getComputedStyle(document.body).direction") == "rtl"
    assert direction(phone, "p.facedown", "face down in the room") == "ltr"  # "0 cards …", not "… 0"
    assert direction(phone, "p.hint", "Only you see them") == "ltr"
    assert direction(phone, "h2", "לקחים") == "rtl"
    assert direction(phone, "h2", "What went well") == "ltr"
