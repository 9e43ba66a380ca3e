"""Two phones in the room: private cards, face-down counts on the projector, the reveal, blind dots.

The window runs offscreen in this process and serves the room on 127.0.0.1; two headless
Chromium sessions the size of a phone join by the join URL and are driven like people (click
a name, type a card, press Add card, press + dot). Selenium runs on its own thread, because
every request the page makes waits for the window's GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QWidget
from pytestqt.qtbot import QtBot
from selenium.common.exceptions import (
    ElementNotInteractableException,
    NoSuchElementException,
    StaleElementReferenceException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from pmdesk.store.board_file import BoardFile
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.install import Meeting
from pmdesk.ui.room.control import RoomControl
from pmdesk.ui.room.dialog import OpenRoomDialog
from tests.browser.conftest import off_gui
from tests.ui.meeting.test_presentation import go, strings_held

ANA = ["Pager woke the wrong team", "Runbook link was dead"]  # Ana Ruiz, Lessons learned
BEN = ["Canary caught it in four minutes"]  # Ben Okafor, What went well


def open_room(qtbot: QtBot, window: MainWindow, control: RoomControl) -> str:
    """Meeting ▸ Open the Room…, choose 127.0.0.1 in the dialog, Open."""

    def fill() -> None:
        dialog = control.dialog
        if not isinstance(dialog, OpenRoomDialog):
            QTimer.singleShot(20, fill)
            return
        dialog.address.setCurrentIndex(dialog.address.findData("127.0.0.1"))
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)
    action = next(a for a in window.findChildren(QAction) if a.objectName() == "OpenRoomAction")
    action.trigger()
    assert control.server is not None
    return control.server.url


def wait(driver: Any, condition: Callable[[Any], Any], seconds: float = 15) -> Any:
    ignored = (StaleElementReferenceException, NoSuchElementException)  # the page redraws on changes
    return WebDriverWait(driver, seconds, poll_frequency=0.05, ignored_exceptions=ignored).until(condition)


def act(driver: Any, xpath: str, do: Callable[[Any], None]) -> None:
    """Find an element and act on it; the page redraws on every change, so retry a stale one."""

    def attempt(d: Any) -> bool:
        try:
            do(d.find_element(By.XPATH, xpath))
        except (StaleElementReferenceException, NoSuchElementException, ElementNotInteractableException):
            return False
        return True

    wait(driver, attempt)


def join(driver: Any, url: str, name: str) -> None:
    driver.get(url)
    act(driver, f"//div[@class='names']/button[span='{name}']", lambda e: e.click())
    wait(driver, lambda d: d.find_element(By.ID, "me").text == name)


def write(driver: Any, section_title: str, text: str) -> None:
    area = f"//textarea[@aria-label='New card in {section_title}']"
    act(driver, area, lambda e: (e.clear(), e.send_keys(text)))  # typed again whole if redrawn midway
    act(driver, area + "/following-sibling::div/button[text()='Add card']", lambda e: e.click())
    wait(driver, lambda d: any(text in c.text for c in d.find_elements(By.CSS_SELECTOR, ".card.mine")))


def face_down(driver: Any) -> list[str]:
    return [p.text for p in driver.find_elements(By.CSS_SELECTOR, "p.facedown")]


def text_of(driver: Any, css: str) -> str:
    """The text of the element at ``css``, read again if the page redrew it between find and read."""
    read: list[str] = []
    wait(driver, lambda d: read.append(d.find_element(By.CSS_SELECTOR, css).text) or True)
    return read[-1]


def dot(driver: Any, text: str) -> None:
    before = text_of(driver, "p.dots")
    act(
        driver,
        f"//div[contains(@class,'card')][span[text()='{text}']]//button[text()='+ dot']",
        lambda e: e.click(),
    )
    wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "p.dots").text != before)


def projector_counts(window: MainWindow) -> dict[str, int]:
    room = window.pages["room"]
    return {
        str(note.property("section")): int(note.property("count"))
        for note in room.findChildren(QFrame)
        if note.property("section") is not None
    }


def test_two_phones_write_privately_the_facilitator_reveals_and_they_vote_blind(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, board_path: Path, phones: Callable[[], Any]
) -> None:
    go(qtbot, meeting, "reflection")
    url = open_room(qtbot, window, meeting.room_control)
    assert url.startswith("http://127.0.0.1:")
    window.show_page("room")
    qtbot.waitUntil(lambda: window.pages["room"].findChild(QWidget, "RoomSlide") is not None)

    with ThreadPoolExecutor(2) as starting:  # both browsers start at once
        ana, ben = off_gui(qtbot, lambda: list(starting.map(lambda _i: phones(), range(2))), timeout=60)
    off_gui(qtbot, lambda: join(ana, url, "Ana Ruiz"))
    off_gui(qtbot, lambda: join(ben, url, "Ben Okafor"))
    qtbot.waitUntil(lambda: "2 devices joined" in strings_held(window.pages["room"]), timeout=5000)

    for text in ANA:
        off_gui(qtbot, lambda t=text: write(ana, "Lessons learned", t))
    off_gui(qtbot, lambda: write(ben, "What went well", BEN[0]))

    # Each phone sees its own cards and only counts of the other's.
    off_gui(qtbot, lambda: wait(ana, lambda d: "1 card face down in the room" in face_down(d)))
    off_gui(qtbot, lambda: wait(ben, lambda d: "2 cards face down in the room" in face_down(d)))
    ana_page, ben_page = off_gui(qtbot, lambda: (ana.page_source, ben.page_source))
    assert all(t in ana_page for t in ANA) and BEN[0] not in ana_page
    assert BEN[0] in ben_page and not any(t in ben_page for t in ANA)

    # The projector shows face-down counts, never the text; the laptop has the cards in full.
    qtbot.waitUntil(lambda: projector_counts(window).get("lessons") == 2, timeout=5000)
    assert projector_counts(window) == {"went-well": 1, "lessons": 2, "future": 0, "ongoing": 0}
    held = " ".join(strings_held(window.pages["room"]))
    assert not any(t in held for t in ANA + BEN)
    board = window.qt_document.board
    assert {c.text for c in board.cards if c.pending} == set(ANA + BEN)

    # The facilitator reveals: one undo step, ordinary cards with their authors.
    steps = window.qt_document.undo_stack.count()
    qtbot.mouseClick(meeting.reveal_cards, Qt.MouseButton.LeftButton)
    assert window.qt_document.undo_stack.count() == steps + 1
    assert not any(c.pending for c in window.qt_document.board.cards)

    # Blind voting on the phones: dots within the budget, no tallies shown.
    go(qtbot, meeting, "prioritization")
    off_gui(qtbot, lambda: wait(ana, lambda d: d.find_elements(By.CSS_SELECTOR, "p.dots")))
    off_gui(qtbot, lambda: wait(ben, lambda d: d.find_elements(By.CSS_SELECTOR, "p.dots")))
    off_gui(qtbot, lambda: (dot(ana, BEN[0]), dot(ana, ANA[1])))
    off_gui(qtbot, lambda: dot(ben, ANA[1]))
    tallies = off_gui(
        qtbot,
        lambda: ana.find_elements(By.CSS_SELECTOR, ".tally") + ben.find_elements(By.CSS_SELECTOR, ".tally"),
    )
    assert tallies == []

    meeting.room_control.close()
    saved = BoardFile.read_snapshot(board_path)
    texts = [c.text for c in saved.cards]
    for text in ANA + BEN:
        assert texts.count(text) == 1
    authors = {c.text: c.author for c in saved.cards}
    assert authors[BEN[0]] == "p2" and all(authors[t] == "p1" for t in ANA)
    ids = {c.text: c.id for c in saved.cards}
    dots = sorted((v.participant, v.target) for v in saved.votes)
    assert dots == sorted([("p1", ids[BEN[0]]), ("p1", ids[ANA[1]]), ("p2", ids[ANA[1]])])
    assert not any(c.pending for c in saved.cards)
