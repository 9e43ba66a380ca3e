"""The window's gateway: a server thread's edit runs on the GUI thread, one undo step, committed."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from pmdesk.model.board import Board
from pmdesk.model.board_ops import add_event, set_incident_field, set_session_field
from pmdesk.model.card_ops import add_card
from pmdesk.model.edits import Edit, EditError
from pmdesk.model.room_ops import reveal_cards
from pmdesk.room.gateway import RoomPhase
from pmdesk.store.board_file import BoardFile
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.room.gateway import RoomUnavailable, WindowGateway


class Worker(threading.Thread):
    """A server thread making one call through the gateway."""

    def __init__(self, call: Callable[[], Any]) -> None:
        super().__init__(daemon=True)
        self.call = call
        self.result: Any = None
        self.error: BaseException | None = None
        self.on_gui: bool | None = None

    def run(self) -> None:
        try:
            self.result = self.call()
        except BaseException as error:
            self.error = error


def run(qtbot: QtBot, call: Callable[[], Any]) -> Worker:
    worker = Worker(call)
    worker.start()
    qtbot.waitUntil(lambda: not worker.is_alive(), timeout=5000)
    return worker


def section(board: Board) -> str:
    return board.sections[0].id


def test_an_edit_from_a_server_thread_is_committed_and_one_undo_step(
    qtbot: QtBot, window: MainWindow, board_path: Path
) -> None:
    qt_document = window.qt_document
    gateway = WindowGateway(qt_document, RoomPhase())
    threads: list[QThread] = []

    def build(board: Board) -> Edit:
        threads.append(QThread.currentThread())
        return add_card(board, section(board), "Retry storms <b>&amp;</b>", card_id="c-device")

    steps = qt_document.undo_stack.count()
    worker = run(qtbot, lambda: gateway.apply(build))
    assert worker.error is None
    assert threads == [window.thread()]  # built and applied on the GUI thread
    assert qt_document.undo_stack.count() == steps + 1
    on_disk = BoardFile.read_snapshot(board_path)  # committed: another reader sees it
    assert any(c.id == "c-device" and c.text == "Retry storms <b>&amp;</b>" for c in on_disk.cards)
    qt_document.undo_stack.undo()
    assert not any(c.id == "c-device" for c in qt_document.board.cards)


def test_a_refused_edit_reaches_the_server_thread_and_changes_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    qt_document = window.qt_document
    gateway = WindowGateway(qt_document, RoomPhase())
    before = qt_document.board
    steps = qt_document.undo_stack.count()

    def build(_board: Board) -> Edit:
        raise EditError("You have no dots left.")

    worker = run(qtbot, lambda: gateway.apply(build))
    assert isinstance(worker.error, EditError)
    assert qt_document.board == before
    assert qt_document.undo_stack.count() == steps
    assert window.statusBar().currentMessage() == ""  # the device is told, not the facilitator


def test_read_runs_on_the_gui_thread(qtbot: QtBot, window: MainWindow) -> None:
    gateway = WindowGateway(window.qt_document, RoomPhase())
    worker = run(qtbot, lambda: gateway.read(lambda board: (QThread.currentThread(), len(board.cards))))
    assert worker.result == (window.thread(), len(window.qt_document.board.cards))


def test_a_call_the_busy_window_cannot_take_in_time_is_never_applied_later(
    qtbot: QtBot, window: MainWindow
) -> None:
    qt_document = window.qt_document
    gateway = WindowGateway(qt_document, RoomPhase(), timeout=0.2)
    worker = Worker(lambda: gateway.apply(lambda b: add_card(b, section(b), "late", card_id="c-late")))
    worker.start()
    worker.join(5)  # the GUI thread is busy (here: waiting): the call times out
    assert isinstance(worker.error, RoomUnavailable)
    qtbot.wait(50)  # now the queued job is delivered: it must not run
    assert not any(c.id == "c-late" for c in qt_document.board.cards)


def test_closing_fails_the_waiting_calls_and_refuses_new_ones(qtbot: QtBot, window: MainWindow) -> None:
    qt_document = window.qt_document
    gateway = WindowGateway(qt_document, RoomPhase(), timeout=5)
    worker = Worker(lambda: gateway.apply(lambda b: add_card(b, section(b), "x", card_id="c-closed")))
    worker.start()
    qtbot.waitUntil(lambda: bool(gateway._waiting), timeout=2000)
    gateway.close()  # on the GUI thread, before the job could run
    worker.join(5)
    assert isinstance(worker.error, RoomUnavailable)
    qtbot.wait(50)
    assert not any(c.id == "c-closed" for c in qt_document.board.cards)
    with pytest.raises(RoomUnavailable):
        gateway.read(len)


def test_watchers_hear_the_windows_own_edits_undo_and_phase_changes(qtbot: QtBot, window: MainWindow) -> None:
    qt_document = window.qt_document
    gateway = WindowGateway(qt_document, RoomPhase())
    heard: list[int] = []
    gateway.watch(lambda: heard.append(1))
    qt_document.attempt(add_card, section(qt_document.board), "from the laptop")
    assert len(heard) == 1
    qt_document.undo_stack.undo()
    assert len(heard) == 2
    gateway.set_phase(RoomPhase(mode="vote", title="Prioritization"))
    assert len(heard) == 3 and gateway.phase().mode == "vote"
    gateway.set_phase(RoomPhase(mode="vote", title="Prioritization"))
    assert len(heard) == 3  # the same phase again is no change


def test_watchers_hear_only_what_devices_see_through_the_windows_refresh_path(
    qtbot: QtBot, window: MainWindow
) -> None:
    qt_document = window.qt_document
    gateway = WindowGateway(qt_document, RoomPhase())
    heard: list[int] = []
    gateway.watch(lambda: heard.append(1))
    assert qt_document.attempt(set_incident_field, "title", "Checkout outage, retold")
    assert qt_document.attempt(add_event, "2026-11-20T14:05:00+00:00", "note", "Paged the payments team")
    assert heard == []  # the incident and the timeline are not on a device's page
    assert qt_document.attempt(set_session_field, "votes_per_participant", 5)
    assert len(heard) == 1  # the dot budget is
    assert qt_document.attempt(reveal_cards)  # no card from a device: only the board's reveal
    assert len(heard) == 2  # the phones show the revealed cards from now on
    qt_document.announce_everything()  # another board, or the file read again after a failure
    assert len(heard) == 3
    gateway.close()
    assert qt_document.attempt(add_card, section(qt_document.board), "after the room closed")
    assert len(heard) == 3
