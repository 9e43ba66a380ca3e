"""A board reopened mid-meeting comes back where the meeting stood: phase, page, countdown."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pmdesk.store.board_file import BoardFile
from pmdesk.store.document import Document
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.install import Meeting
from tests.ui.conftest import open_board_window, reopen
from tests.ui.meeting.conftest import FakeTime
from tests.ui.meeting.test_agenda import page_key

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def open_again(qtbot: QtBot, board_path: Path, settings: QSettings) -> Iterator[Callable[[], MainWindow]]:
    """Open the board file in a new window, as File ▸ Open does after the first one closed."""
    opened: list[Document] = []

    def open_window() -> MainWindow:
        main, document = open_board_window(qtbot, board_path, settings)
        opened.append(document)
        main.windowHandle().requestActivate()  # the window that opened takes the keyboard
        qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
        return main

    yield open_window
    for document in opened:
        document.close()


def close(window: MainWindow) -> None:
    """Close the window as the facilitator does (Ctrl+Q's path), and its file."""
    window.close()
    window.qt_document.document.close()


def meeting_of(window: MainWindow) -> Meeting:
    found = window.findChild(Meeting)
    assert found is not None
    return found


def test_reopening_mid_meeting_comes_back_to_the_phase_and_the_page_shown(
    qtbot: QtBot,
    window: MainWindow,
    meeting: Meeting,
    fake_time: FakeTime,
    board_path: Path,
    open_again: Callable[[], MainWindow],
) -> None:
    steps = window.qt_document.undo_stack.count()
    qtbot.mouseClick(meeting.agenda.buttons["themes"], Qt.MouseButton.LeftButton)
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)  # Prioritization: the board, voting
    fake_time.advance(100)
    qtbot.keyClick(window, Qt.Key.Key_7, CTRL)  # a look at the Actions table while voting
    assert page_key(window) == "actions"
    assert window.qt_document.undo_stack.count() == steps  # where the meeting stands is no undo step
    close(window)
    with closing(reopen(board_path)) as document:
        session = document.board.session
        assert (session.current_phase, session.current_page) == ("prioritization", "actions")

    again = open_again()
    resumed = meeting_of(again)
    assert resumed.controller.phase_id == "prioritization"
    assert resumed.agenda.buttons["prioritization"].isChecked()
    assert page_key(again) == "actions"
    assert resumed.timer.timer.label.text() == "03:20"  # 5 min planned, 100 s already spent
    assert resumed.timer.pause.text() == "Start"  # the time it was closed was not spent in the phase
    qtbot.keyClick(again, Qt.Key.Key_4, CTRL)
    assert page_key(again) == "board"
    assert again.pages["board"].voting  # type: ignore[attr-defined]


def test_the_page_shown_follows_tabs_and_phases(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, board_path: Path, open_again: Callable[[], MainWindow]
) -> None:
    qtbot.mouseClick(meeting.agenda.buttons["discussion"], Qt.MouseButton.LeftButton)
    assert page_key(window) == "focus"
    close(window)
    again = open_again()
    assert meeting_of(again).controller.phase_id == "discussion"
    assert page_key(again) == "focus"
    qtbot.keyClick(again, Qt.Key.Key_8, CTRL)
    assert page_key(again) == "wrap-up"
    again.qt_document.document.close()
    with closing(reopen(board_path)) as document:
        session = document.board.session
        assert (session.current_phase, session.current_page) == ("discussion", "wrap-up")


def test_a_board_whose_meeting_has_not_begun_opens_on_the_board_and_stays_unwritten(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, board_path: Path
) -> None:
    assert page_key(window) == "board"
    assert meeting.controller.phase_id == "tone"
    before = board_path.read_bytes()
    qtbot.keyClick(window, Qt.Key.Key_7, CTRL)  # looking through the board before the meeting
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    assert page_key(window) == "facts"
    close(window)
    assert board_path.read_bytes() == before
    with closing(reopen(board_path)) as document:
        session = document.board.session
        assert (session.current_phase, session.current_page) == (None, None)


def test_reopening_in_group_discussion_comes_back_to_the_item_in_focus(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, board_path: Path, open_again: Callable[[], MainWindow]
) -> None:
    steps = window.qt_document.undo_stack.count()
    qtbot.mouseClick(meeting.agenda.buttons["discussion"], Qt.MouseButton.LeftButton)
    focus = window.pages["focus"]
    assert page_key(window) == "focus" and focus.hasFocus()
    for _ in range(3):
        qtbot.keyClick(focus, Qt.Key.Key_Right)  # the facilitator walks the board
    discussed = meeting.focus.current_item()
    assert discussed is not None and meeting.focus.index() == 3
    assert window.qt_document.undo_stack.count() == steps  # walking the board is no undo step
    close(window)
    with closing(reopen(board_path)) as document:
        assert document.board.session.current_item == discussed.id

    again = open_again()
    resumed = meeting_of(again)
    assert page_key(again) == "focus"
    item = resumed.focus.current_item()
    assert item is not None and item.id == discussed.id  # not the board's first card
    qtbot.keyClick(again.pages["focus"], Qt.Key.Key_Left)
    again.qt_document.document.close()
    with closing(reopen(board_path)) as document:
        assert document.board.session.current_item == resumed.focus.items()[2].id


def test_reflection_cards_revealed_stay_revealed_when_the_board_is_reopened(
    qtbot: QtBot,
    window: MainWindow,
    meeting: Meeting,
    board_path: Path,
    open_again: Callable[[], MainWindow],
) -> None:
    qtbot.mouseClick(meeting.agenda.buttons["reflection"], Qt.MouseButton.LeftButton)
    assert meeting.controller.cards_hidden_from_room()
    qtbot.mouseClick(meeting.reveal_cards, Qt.MouseButton.LeftButton)
    assert meeting.reveal_cards.isChecked() and meeting.reveal_cards.text() == "Cards shown"
    assert BoardFile.read_snapshot(board_path).session.cards_revealed
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # Undo: face down again, the button too
    assert not meeting.reveal_cards.isChecked() and meeting.reveal_cards.text() == "Reveal cards"
    assert meeting.controller.cards_hidden_from_room()
    assert not BoardFile.read_snapshot(board_path).session.cards_revealed
    qtbot.keyClick(window, Qt.Key.Key_Y, CTRL)  # Redo: revealed again
    assert meeting.reveal_cards.isChecked() and not meeting.controller.cards_hidden_from_room()
    close(window)

    again = open_again()
    resumed = meeting_of(again)
    assert resumed.controller.phase_id == "reflection"
    assert resumed.reveal_cards.isChecked() and resumed.reveal_cards.text() == "Cards shown"
    assert not resumed.controller.cards_hidden_from_room()  # the room still sees the cards
    qtbot.mouseClick(resumed.reveal_cards, Qt.MouseButton.LeftButton)  # turned face down on purpose
    assert resumed.controller.cards_hidden_from_room()
    assert not BoardFile.read_snapshot(board_path).session.cards_revealed


def test_on_a_read_only_board_reveal_cards_still_turns_them_for_the_room(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.mouseClick(meeting.agenda.buttons["reflection"], Qt.MouseButton.LeftButton)
    monkeypatch.setattr(window.qt_document.document.file, "read_only", True)
    errors: list[str] = []
    window.qt_document.failed.connect(errors.append)
    qtbot.mouseClick(meeting.reveal_cards, Qt.MouseButton.LeftButton)
    assert not meeting.controller.cards_hidden_from_room() and meeting.reveal_cards.isChecked()
    qtbot.mouseClick(meeting.reveal_cards, Qt.MouseButton.LeftButton)
    assert meeting.controller.cards_hidden_from_room() and not meeting.reveal_cards.isChecked()
    assert errors == [] and not BoardFile.read_snapshot(board_path).session.cards_revealed
