"""The avatar bar follows people and dots, and leaves its widgets alone while cards are typed."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pmdesk.model.board_ops import set_participant_field, set_session_field
from pmdesk.model.card_ops import set_card_field
from pmdesk.ui.board.common import PALETTE
from pmdesk.ui.board.participants_bar import ParticipantsBar
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.palette import contrast_ratio


def _bar(window: MainWindow) -> ParticipantsBar:
    bar = window.findChild(ParticipantsBar)
    assert isinstance(bar, ParticipantsBar)
    return bar


def test_typing_on_a_card_keeps_the_avatars(board_window: MainWindow) -> None:
    bar = _bar(board_window)
    before = list(bar.avatars)
    card = board_window.qt_document.board.cards[0]
    assert board_window.qt_document.attempt(set_card_field, card.id, "text", "typed")
    assert bar.avatars == before


def test_renaming_a_person_updates_their_avatar(board_window: MainWindow) -> None:
    bar = _bar(board_window)
    person = board_window.qt_document.board.participants[0]
    assert board_window.qt_document.attempt(set_participant_field, person.id, "name", "Zoë Quinn")
    assert "Zoë Quinn" in bar.avatars[0].toolTip()


@pytest.mark.parametrize("colour", PALETTE)
def test_initials_read_on_every_avatar_colour(board_window: MainWindow, colour: str) -> None:
    """Orange, cyan or olive avatars took white initials at 2:1; the projector needs them readable."""
    person = board_window.qt_document.board.participants[0]
    board_window.qt_document.attempt(set_participant_field, person.id, "color", colour)
    assert board_window.qt_document.board.participants[0].color == colour
    avatar = _bar(board_window).avatars[0]
    image = avatar.grab().toImage()
    centre = image.rect().center()
    seen = Counter(
        image.pixelColor(x, y).name()
        for x in range(centre.x() - 12, centre.x() + 12)
        for y in range(centre.y() - 8, centre.y() + 8)
    )
    fill = seen.most_common(1)[0][0]
    assert fill == colour
    ink = max(seen, key=lambda found: contrast_ratio(found, fill))
    assert contrast_ratio(ink, fill) >= 4.5, f"initials {ink} on {fill}"


class _WindowsShown(QObject):
    """Notes every widget shown as a window of its own."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            self.shown.append(type(watched).__name__)
        return False


def test_typing_the_takeaways_keeps_the_avatars(board_window: MainWindow) -> None:
    bar = _bar(board_window)
    before = list(bar.avatars)
    for text in ("R", "Ro", "Rol"):
        assert board_window.qt_document.attempt(set_session_field, "takeaways", text, merge_key="t")
    assert bar.avatars == before


def test_avatars_rebuilt_twice_before_they_show_never_open_as_windows(
    qtbot: QtBot, board_window: MainWindow
) -> None:
    # Two quick edits in one turn of the event loop (keys typed fast) rebuild the avatars twice
    # before the first new ones were shown; none may open as a window (a window manager would
    # give it the keyboard).
    bar = _bar(board_window)
    watcher = _WindowsShown()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watcher)
    try:
        doc = board_window.qt_document
        first = doc.board.participants[0]
        assert doc.attempt(set_participant_field, first.id, "name", "Ana R.")
        assert doc.attempt(set_participant_field, first.id, "name", "Ana Ruiz-Soto")
        qtbot.wait(50)
    finally:
        app.removeEventFilter(watcher)
    assert watcher.shown == []
    assert [a.isVisible() for a in bar.avatars] == [True] * len(bar.avatars)
