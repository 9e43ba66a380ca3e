"""Blind voting: highlighting a person never shows where they placed their dots."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pmdesk.ui.board.board_data import DIM_ROLE
from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.board.participants_bar import ParticipantsBar
from tests.ui.board.helpers import column


def _avatar_click(qtbot: QtBot, page: BoardPage, person_id: str) -> None:
    bar = page.participants_bar
    assert isinstance(bar, ParticipantsBar)
    avatar = next(a for a in bar.avatars if a.person_id == person_id)
    qtbot.mouseClick(avatar, Qt.MouseButton.LeftButton)


def _hide_tallies(qtbot: QtBot, page: BoardPage) -> None:
    view = column(page, "went-well").view
    view.setFocus()
    qtbot.keyClick(
        view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert page.qt_document.board.session.votes_hidden


def test_highlight_with_hidden_tallies_shows_only_authorship(qtbot: QtBot, page: BoardPage) -> None:
    _hide_tallies(qtbot, page)
    _avatar_click(qtbot, page, "p3")  # Priya voted for t4, a theme of Tom's and Ben's cards
    model = page.model
    assert model.highlight == "p3"
    assert not model.index_of("c4").data(DIM_ROLE)  # her own card stands out
    assert model.index_of("t4").data(DIM_ROLE)  # her dot on t4 does not show


def test_hiding_tallies_after_highlighting_hides_the_dots_too(qtbot: QtBot, page: BoardPage) -> None:
    _avatar_click(qtbot, page, "p3")
    model = page.model
    assert not model.index_of("t4").data(DIM_ROLE)  # tallies shown: her dot counts
    _hide_tallies(qtbot, page)
    assert model.index_of("t4").data(DIM_ROLE)
