"""Cards from devices: face down on the projector, in full on the laptop, moderated, then revealed."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from pmdesk.model.room_ops import add_device_card
from pmdesk.room.gateway import RoomPhase
from pmdesk.store.board_file import BoardFile
from pmdesk.ui.board.board_data import PENDING_ROLE
from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.install import Meeting
from pmdesk.ui.room.gateway import WindowGateway
from tests.ui.board.helpers import click
from tests.ui.meeting.test_presentation import go, strings_held

WRITTEN = [
    ("d1", "lessons", "Alerts were noisy <img src=x>"),
    ("d2", "lessons", "alerts were noisy!"),
    ("d3", "went-well", "Rollback was quick & easy"),
]


def arrive(qtbot: QtBot, window: MainWindow) -> None:
    """Three cards arrive from devices, through the room's gateway on a server thread."""
    gateway = WindowGateway(window.qt_document, RoomPhase())

    def send() -> None:
        for card_id, section, text in WRITTEN:
            gateway.apply(lambda b, c=card_id, s=section, t=text: add_device_card(b, c, s, t, None))

    thread = threading.Thread(target=send, daemon=True)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=5000)
    gateway.close()


def page_of(window: MainWindow) -> BoardPage:
    page = window.pages["board"]
    assert isinstance(page, BoardPage)
    return page


def button(window: MainWindow, name: str) -> QPushButton:
    found = window.findChild(QPushButton, name)
    assert isinstance(found, QPushButton)
    return found


def on_disk(path: Path) -> dict[str, bool]:
    """Card id -> pending, as the board file holds them."""
    return {card.id: card.pending for card in BoardFile.read_snapshot(path).cards}


def test_device_cards_are_face_down_in_the_room_and_in_full_on_the_laptop(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    go(qtbot, meeting, "reflection")
    arrive(qtbot, window)
    page = page_of(window)
    for card_id, _section, text in WRITTEN:
        index = page.model.index_of(card_id)
        assert index.data() == text and index.data(PENDING_ROLE) is True
    status = window.findChild(QLabel, "ModerationStatus")
    assert isinstance(status, QLabel) and status.isVisible()
    assert status.text().startswith("3 cards from devices face down")
    window.show_page("room")
    room = window.pages["room"]
    held = " ".join(strings_held(room))
    assert all(text not in held for _id, _s, text in WRITTEN)
    meeting.reveal_cards.click()  # the room's cards turn over, and the devices' with them
    held = " ".join(strings_held(room))
    assert all(text in held for _id, _s, text in WRITTEN)


def test_revealed_phases_never_show_a_face_down_card(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    arrive(qtbot, window)
    window.show_page("room")
    room = window.pages["room"]
    for phase in ("themes", "discussion", "prioritization"):
        go(qtbot, meeting, phase)
        window.show_page("room")
        held = " ".join(strings_held(room))
        assert all(text not in held for _id, _s, text in WRITTEN), phase


def test_merge_hide_and_reveal_each_one_undo_step(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, board_path: Path
) -> None:
    go(qtbot, meeting, "reflection")
    arrive(qtbot, window)
    window.show_page("board")
    page = page_of(window)
    stack = window.qt_document.undo_stack
    click(qtbot, page, "d1")
    click(qtbot, page, "d2", Qt.KeyboardModifier.ControlModifier)
    steps = stack.count()
    qtbot.mouseClick(button(window, "MergeDeviceCards"), Qt.MouseButton.LeftButton)
    assert stack.count() == steps + 1 and stack.undoText() == "Merge 2 duplicate cards"
    cards = on_disk(board_path)
    assert cards.get("d1") is True and "d2" not in cards

    click(qtbot, page, "d3")
    hide = next(a for a in window.findChildren(QAction) if a.objectName() == "HideCardsAction")
    hide.trigger()  # Board ▸ Hide Face-Down Cards
    assert "d3" not in on_disk(board_path)
    stack.undo()
    assert on_disk(board_path).get("d3") is True

    reveal = button(window, "RevealDeviceCards")
    assert reveal.text() == "Reveal 2 cards"
    qtbot.mouseClick(reveal, Qt.MouseButton.LeftButton)
    cards = on_disk(board_path)
    assert cards["d1"] is False and cards["d3"] is False
    assert not any(cards.values())
    assert not reveal.isVisible()
    assert stack.undoText() == "Reveal 2 cards"
    stack.undo()
    assert on_disk(board_path)["d1"] is True and on_disk(board_path)["d3"] is True


def test_hiding_a_revealed_card_is_refused_in_one_line(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, board_path: Path
) -> None:
    arrive(qtbot, window)
    window.show_page("board")
    page = page_of(window)
    revealed = next(card.id for card in window.qt_document.board.cards if not card.pending)
    click(qtbot, page, revealed)
    before = on_disk(board_path)
    qtbot.mouseClick(button(window, "HideDeviceCards"), Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage().startswith("Only cards still face down can be hidden")
    assert on_disk(board_path) == before


def test_the_board_on_the_projector_leaves_face_down_cards_out(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    go(qtbot, meeting, "reflection")
    meeting.reveal_cards.click()  # the room's cards are shown: presenting alone shows the board
    arrive(qtbot, window)  # more cards arrive from devices afterwards, face down
    page = page_of(window)
    assert page.model.index_of("d1").isValid()
    qtbot.keyClick(window, Qt.Key.Key_F5)  # one screen: the board is what the room sees
    assert meeting.controller.presenting and window.pages.current() is page
    assert not page.model.index_of("d1").isValid()
    held = " ".join(strings_held(page))
    assert all(text not in held for _id, _s, text in WRITTEN)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert not meeting.controller.presenting
    assert page.model.index_of("d1").isValid()  # back on the laptop: in full again
