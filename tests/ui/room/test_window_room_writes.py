"""The window's room writes off the GUI thread: a device hears "saved" only once the card is on disk.

The board file's write is held back (as a slow disk would) while the window goes on: the card
shows on the laptop at once, the phone waits, and the window's own undo and redo reach the file
after the card, in order. A write that fails brings the window back to what the file holds;
an undo pressed just then changes nothing saved, and closing or quitting just then keeps the
window open to say so.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QThread, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pmdesk.app import Application
from pmdesk.model.card_ops import delete_cards
from pmdesk.model.edits import Primitive
from pmdesk.model.room_ops import add_device_card
from pmdesk.store.board_file import BoardFile
from pmdesk.store.errors import BoardFileError
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.install import Meeting
from pmdesk.ui.room.dialog import RoomRequest
from pmdesk.ui.room.gateway import WindowGateway
from tests.ui.meeting.test_presentation import go
from tests.ui.room.test_window_room_load import post

KEY = "test-device-0001-abcdefgh"


class SlowDisk:
    """Holds every write made off the GUI thread until ``release`` (or fails it, with ``fail``)."""

    def __init__(self, window: MainWindow) -> None:
        self.file = window.qt_document.document.file
        self.real = self.file.write
        self.gui = window.thread()
        self.release = threading.Event()
        self.fail: BoardFileError | None = None
        self.waiting = threading.Event()

    def write(self, edits: Iterable[Primitive], *args: object) -> None:
        if QThread.currentThread() is not self.gui:
            self.waiting.set()
            assert self.release.wait(20)
            if self.fail is not None:
                raise self.fail
        self.real(edits, *args)  # type: ignore[arg-type]


@pytest.fixture
def room(qtbot: QtBot, window: MainWindow, meeting: Meeting) -> Iterator[str]:
    """The room open on 127.0.0.1 in individual reflection, one phone joined; its join URL."""
    go(qtbot, meeting, "reflection")
    control = meeting.room_control
    assert control.open(RoomRequest("127.0.0.1", anonymous=True))
    assert control.server is not None
    url = control.server.url
    joined: list[int] = []  # from a thread: the join reads the board on the GUI thread
    threading.Thread(target=lambda: joined.append(post(url, "/join", KEY, {"participant": None}))).start()
    qtbot.waitUntil(lambda: joined == [200], timeout=10000)
    yield url
    control.close()


@pytest.fixture
def disk(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> Iterator[SlowDisk]:
    slow = SlowDisk(window)
    monkeypatch.setattr(slow.file, "write", slow.write)
    yield slow
    slow.release.set()


def send_card(url: str, client_id: str, text: str) -> list[int]:
    """POST a card from the phone on a thread of its own; the list gets its status."""
    statuses: list[int] = []
    body = {"id": client_id, "section": "lessons", "text": text, "author": None}
    threading.Thread(target=lambda: statuses.append(post(url, "/cards", KEY, body)), daemon=True).start()
    return statuses


def on_disk(path: Path) -> list[tuple[str, str]]:
    return [(card.id, card.text) for card in BoardFile.read_snapshot(path).cards]


def in_window(window: MainWindow) -> list[tuple[str, str]]:
    return [(card.id, card.text) for card in window.qt_document.board.cards]


def edit_action(window: MainWindow, text: str) -> QAction:
    """The Edit menu's action whose text starts with ``text`` (Undo …, Redo …)."""
    menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Edit")
    return next(a for a in menu.actions() if a.text().replace("&", "").startswith(text))


def texts(cards: list[tuple[str, str]]) -> list[str]:
    return [text for _, text in cards]


def card_held_on_disk(
    qtbot: QtBot, window: MainWindow, room: str, disk: SlowDisk, card_id: str, text: str
) -> list[int]:
    """A phone's card on the board, its write held by the slow disk; the phone's answers."""
    statuses = send_card(room, card_id, text)
    qtbot.waitUntil(lambda: text in texts(in_window(window)), timeout=10000)
    assert disk.waiting.wait(10)
    return statuses


def full_disk() -> BoardFileError:
    """The error a write on a full disk raises."""
    return BoardFileError("demo.pmdesk: the disk is full, so this change was not saved")


def test_the_phone_hears_saved_only_once_the_card_is_on_disk_and_the_window_goes_on_meanwhile(
    qtbot: QtBot, window: MainWindow, room: str, disk: SlowDisk, board_path: Path
) -> None:
    statuses = card_held_on_disk(qtbot, window, room, disk, "card001", "Phone card on a slow disk")
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=5000)  # the event loop turns meanwhile
    timer.stop()
    assert statuses == []  # not saved yet: the phone still waits
    assert "Phone card on a slow disk" not in texts(on_disk(board_path))
    disk.release.set()
    qtbot.waitUntil(lambda: statuses == [201], timeout=10000)
    assert "Phone card on a slow disk" in texts(on_disk(board_path))


def test_undo_and_redo_during_the_write_reach_the_file_after_it_in_order(
    qtbot: QtBot, window: MainWindow, room: str, disk: SlowDisk, board_path: Path
) -> None:
    statuses = card_held_on_disk(qtbot, window, room, disk, "card002", "Phone card undone at once")
    threading.Timer(0.3, disk.release.set).start()
    edit_action(window, "Undo").trigger()  # waits for the card's write, then writes its own
    assert "Phone card undone at once" not in texts(in_window(window))
    assert on_disk(board_path) == in_window(window)
    qtbot.waitUntil(lambda: statuses == [201], timeout=10000)  # it was saved, then undone
    edit_action(window, "Redo").trigger()
    assert "Phone card undone at once" in texts(on_disk(board_path))
    assert on_disk(board_path) == in_window(window)


def test_a_window_edit_during_the_write_is_written_after_the_card(
    qtbot: QtBot, window: MainWindow, room: str, disk: SlowDisk, board_path: Path
) -> None:
    first = window.qt_document.board.cards[0]
    statuses = card_held_on_disk(qtbot, window, room, disk, "card003", "Phone card before the laptop's edit")
    threading.Timer(0.3, disk.release.set).start()
    assert window.qt_document.attempt(delete_cards, [first.id])
    assert on_disk(board_path) == in_window(window)
    assert first.id not in [card_id for card_id, _ in on_disk(board_path)]
    qtbot.waitUntil(lambda: statuses == [201], timeout=10000)


def test_a_write_that_fails_says_not_saved_and_the_window_shows_the_file_again(
    qtbot: QtBot, window: MainWindow, room: str, disk: SlowDisk, board_path: Path
) -> None:
    before = on_disk(board_path)
    disk.fail = full_disk()
    disk.release.set()
    statuses = send_card(room, "card004", "Phone card on a full disk")
    qtbot.waitUntil(lambda: statuses == [503], timeout=10000)
    qtbot.waitUntil(lambda: in_window(window) == before, timeout=10000)
    qtbot.waitUntil(lambda: window.qt_document.undo_stack.count() == 0, timeout=10000)
    box = window.not_saved_box
    assert box is not None and box.isVisible() and "the disk is full" in box.text()
    box.close()
    disk.fail = None
    again = send_card(room, "card004", "Phone card on a full disk")  # the page sends it again
    qtbot.waitUntil(lambda: again == [201], timeout=10000)
    assert texts(on_disk(board_path)).count("Phone card on a full disk") == 1
    assert on_disk(board_path) == in_window(window)


def test_an_undo_pressed_as_the_write_fails_changes_nothing_that_was_saved(
    qtbot: QtBot, window: MainWindow, room: str, disk: SlowDisk, board_path: Path
) -> None:
    disk.release.set()
    added = send_card(room, "card005", "Phone card moved on a full disk")
    qtbot.waitUntil(lambda: added == [201], timeout=10000)
    before = on_disk(board_path)
    card_id = next(card_id for card_id, text in before if text == "Phone card moved on a full disk")
    disk.release.clear()
    disk.waiting.clear()
    moved: list[int] = []  # the phone moves its card to the first section: the write fails
    body = {"section": "went-well"}
    path = f"/cards/{card_id}"
    threading.Thread(target=lambda: moved.append(post(room, path, KEY, body)), daemon=True).start()
    qtbot.waitUntil(lambda: in_window(window)[6][0] == card_id, timeout=10000)
    assert disk.waiting.wait(10)
    disk.fail = full_disk()
    disk.release.set()
    deadline = time.monotonic() + 10  # the GUI thread hears of the failure at its next turn
    while moved != [503] and time.monotonic() < deadline:
        time.sleep(0.01)
    assert moved == [503]
    # The facilitator's Undo comes right behind the news of the failure, before any other event.
    QTimer.singleShot(0, edit_action(window, "Undo").trigger)
    qtbot.waitUntil(lambda: window.qt_document.undo_stack.count() == 0, timeout=10000)
    qtbot.wait(50)
    assert on_disk(board_path) == before  # no saved card moved by an undo of the lost move
    assert in_window(window) == before


def test_closing_the_window_as_a_write_fails_keeps_it_open_and_says_so(
    qtbot: QtBot, window: MainWindow, room: str, disk: SlowDisk, board_path: Path
) -> None:
    before = on_disk(board_path)
    statuses = card_held_on_disk(qtbot, window, room, disk, "card006", "Phone card as the window closes")
    disk.fail = full_disk()
    threading.Timer(0.2, disk.release.set).start()
    assert not window.close()  # the facilitator closes the window while the card is written
    assert window.isVisible()
    box = window.not_saved_box
    assert box is not None and box.isVisible() and "the disk is full" in box.text()
    assert in_window(window) == before == on_disk(board_path)
    qtbot.waitUntil(lambda: statuses == [503], timeout=10000)
    box.close()
    assert window.close()  # nothing is left to write: it closes


def test_quitting_as_a_write_fails_keeps_the_window_open_and_says_so(
    qtbot: QtBot, tmp_path: Path, board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    application = Application(qt_app, settings, tmp_path / "data", interactive=False)
    window = application.open_path(board_path)
    assert window is not None
    quits: list[int] = []
    monkeypatch.setattr(qt_app, "quit", lambda: quits.append(1))
    try:
        before = on_disk(board_path)
        disk = SlowDisk(window)
        monkeypatch.setattr(disk.file, "write", disk.write)
        disk.fail = full_disk()
        card = add_device_card(window.qt_document.board, "dev-quit", "lessons", "Card as pmdesk quits", None)
        window.qt_document.push_each_later((card,), "Add card from a device")
        threading.Timer(0.2, disk.release.set).start()
        application.quit()  # File ▸ Quit while the card is being written
        assert quits == [] and window.isVisible()
        box = window.not_saved_box
        assert box is not None and box.isVisible() and "the disk is full" in box.text()
        assert in_window(window) == before == on_disk(board_path)
    finally:
        window.close()


def test_a_failed_write_on_a_file_that_cannot_be_read_back_is_said_and_the_window_still_closes(
    qtbot: QtBot, window: MainWindow, room: str, disk: SlowDisk, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk.fail = BoardFileError("demo.pmdesk: the change could not be saved (disk I/O error)")

    def unreadable() -> None:
        raise BoardFileError("demo.pmdesk: the file is damaged (disk I/O error)")

    monkeypatch.setattr(disk.file, "read", unreadable)
    disk.release.set()
    statuses = send_card(room, "card007", "Phone card on a failing disk")
    qtbot.waitUntil(lambda: statuses == [503], timeout=10000)
    qtbot.waitUntil(lambda: window.not_saved_box is not None, timeout=10000)
    box = window.not_saved_box
    assert box is not None and box.isVisible() and "disk I/O error" in box.text()
    box.close()
    assert window.close()  # the facilitator was told; the window does not refuse to close


def test_a_window_edit_made_as_the_write_fails_is_refused_and_said_and_nothing_saved_is_lost(
    qtbot: QtBot, window: MainWindow, room: str, disk: SlowDisk, board_path: Path
) -> None:
    before = on_disk(board_path)
    first = window.qt_document.board.cards[0]
    statuses = card_held_on_disk(qtbot, window, room, disk, "card008", "Phone card before a full disk")
    disk.fail = full_disk()
    threading.Timer(0.2, disk.release.set).start()
    refusals: list[str] = []
    window.qt_document.failed.connect(refusals.append)
    assert not window.qt_document.attempt(delete_cards, [first.id])  # waits for the card's write
    assert in_window(window) == before == on_disk(board_path)
    box = window.not_saved_box
    assert box is not None and box.isVisible() and "the disk is full" in box.text()
    assert refusals and all("the disk is full" in message for message in refusals)
    qtbot.waitUntil(lambda: statuses == [503], timeout=10000)
    qtbot.waitUntil(lambda: window.qt_document.undo_stack.count() == 0, timeout=10000)
    assert window.qt_document.attempt(delete_cards, [first.id])  # the next try is written
    assert first.id not in [card_id for card_id, _ in on_disk(board_path)]
    disk.release.set()


def test_closing_the_window_during_the_write_closes_once_the_card_is_on_disk(
    qtbot: QtBot, window: MainWindow, room: str, disk: SlowDisk, board_path: Path
) -> None:
    statuses = card_held_on_disk(qtbot, window, room, disk, "card009", "Phone card as the window closes")
    threading.Timer(0.2, disk.release.set).start()
    assert window.close()
    assert "Phone card as the window closes" in texts(on_disk(board_path))
    qtbot.waitUntil(lambda: statuses == [201], timeout=10000)


def test_an_undo_of_a_card_whose_write_then_fails_leaves_the_board_as_last_saved(
    qtbot: QtBot, window: MainWindow, room: str, disk: SlowDisk, board_path: Path
) -> None:
    before = on_disk(board_path)
    statuses = card_held_on_disk(qtbot, window, room, disk, "card010", "Phone card undone as its write fails")
    disk.fail = full_disk()
    threading.Timer(0.2, disk.release.set).start()
    edit_action(window, "Undo").trigger()  # waits for the card's write, which fails
    assert in_window(window) == before == on_disk(board_path)
    box = window.not_saved_box
    assert box is not None and box.isVisible() and "the disk is full" in box.text()
    qtbot.waitUntil(lambda: statuses == [503], timeout=10000)
    qtbot.waitUntil(lambda: window.qt_document.undo_stack.count() == 0, timeout=10000)


def test_a_device_card_that_lands_just_after_a_failed_write_keeps_its_undo_step(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, room: str, disk: SlowDisk, board_path: Path
) -> None:
    before = on_disk(board_path)
    disk.fail = full_disk()
    disk.release.set()
    document = window.qt_document
    lost = add_device_card(document.board, "dev-lost", "lessons", "Phone card on a full disk", None)
    durable = document.push_each_later((lost,), "Add card from a device")
    with pytest.raises(BoardFileError):
        durable.result(10)
    assert not document.settle()  # the window hears of the failure: back to what the file holds
    assert in_window(window) == before
    disk.fail = None
    gateway = meeting.room_control.gateway
    assert gateway is not None
    # A phone's card that the window takes before its next turn of the event loop.
    gateway.apply(lambda board: add_device_card(board, "dev-kept", "lessons", "Phone card after it", None))
    qtbot.wait(50)  # the event loop turns: the history of before the failure is dropped
    assert "Phone card after it" in texts(on_disk(board_path))
    assert document.undo_stack.count() == 1
    edit_action(window, "Undo").trigger()
    assert in_window(window) == before == on_disk(board_path)


def test_closing_the_room_during_the_write_still_tells_the_phone_its_card_is_saved(
    qtbot: QtBot,
    window: MainWindow,
    room: str,
    disk: SlowDisk,
    board_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    forget = WindowGateway._forget

    def held_up(gateway: WindowGateway, future: Future[object]) -> None:
        time.sleep(0.3)  # the writer thread, between marking the card saved and answering the phone
        forget(gateway, future)

    monkeypatch.setattr(WindowGateway, "_forget", held_up)
    statuses = card_held_on_disk(qtbot, window, room, disk, "card011", "Phone card as the room closes")
    threading.Timer(0.2, disk.release.set).start()
    close = window.findChild(QAction, "OpenRoomAction")
    assert isinstance(close, QAction) and close.text().replace("&", "") == "Close the Room"
    close.trigger()
    assert "Phone card as the room closes" in texts(on_disk(board_path))
    qtbot.waitUntil(lambda: statuses != [], timeout=10000)
    assert statuses == [201]
