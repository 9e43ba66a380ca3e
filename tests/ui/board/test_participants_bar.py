"""The avatar bar follows people and dots, and leaves its widgets alone while cards are typed."""

from __future__ import annotations

from pmdesk.model.board_ops import set_participant_field
from pmdesk.model.card_ops import set_card_field
from pmdesk.ui.board.participants_bar import ParticipantsBar
from pmdesk.ui.main_window import MainWindow


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
