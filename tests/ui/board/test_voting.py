"""Dot voting, blind tallies, highlighting a person, Top priorities, and a drag with real events."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pmdesk.ui.board.board_data import DIM_ROLE
from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.board.participants_bar import ParticipantsBar
from pmdesk.ui.board.priorities import PrioritiesPage
from pmdesk.ui.main_window import MainWindow
from tests.ui.board.helpers import click, column, saved_board


def _bar(page: BoardPage) -> ParticipantsBar:
    assert isinstance(page.participants_bar, ParticipantsBar)
    return page.participants_bar


def _avatar_click(qtbot: QtBot, page: BoardPage, person_id: str) -> None:
    avatar = next(a for a in _bar(page).avatars if a.person_id == person_id)
    qtbot.mouseClick(avatar, Qt.MouseButton.LeftButton)


def test_vote_until_the_budget_refuses(
    qtbot: QtBot, board_window: MainWindow, page: BoardPage, board_path: Path
) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is column(page, "went-well").view)
    qtbot.keyClick(column(page, "went-well").view, Qt.Key.Key_V)  # V starts voting
    assert page.voting and page.voting_bar.isVisible()
    _avatar_click(qtbot, page, "p5")  # Mei has placed 2 of 3 dots
    assert page.voting_bar.voter == "p5"
    assert next(a for a in _bar(page).avatars if a.person_id == "p5").dots == 1
    click(qtbot, page, "c1")  # a card in a theme: the dot goes on the theme
    assert page.qt_document.board.votes[-1].participant == "p5"
    assert page.qt_document.board.votes[-1].target == "t1"
    click(qtbot, page, "c3")
    assert "Mei Chen has placed all 3 dots" in board_window.statusBar().currentMessage()
    click(qtbot, page, "c3", Qt.KeyboardModifier.AltModifier)  # a room dot, outside every budget
    click(qtbot, page, "t1", Qt.KeyboardModifier.ShiftModifier)  # Shift+click takes Mei's dot back
    board = saved_board(page, board_path)
    assert [(v.participant, v.target) for v in board.votes if v.target in ("t1", "c3")] == [(None, "c3")]


def test_keys_place_and_remove_dots(qtbot: QtBot, page: BoardPage, board_path: Path) -> None:
    page.start_voting(True)
    page.voting_bar.set_voter("p4")  # Tom has one dot left
    click(qtbot, page, "c24", Qt.KeyboardModifier.ShiftModifier)  # nothing to take back: refused
    view = column(page, "ongoing").view
    click(qtbot, page, "t4", Qt.KeyboardModifier.ControlModifier)
    page.start_voting(True)
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert page.model.counts["t4"] == 3
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Period)
    board = saved_board(page, board_path)
    assert sum(1 for v in board.votes if v.participant == "p4") == 3


def test_hide_and_reveal_tallies(
    qtbot: QtBot, page: BoardPage, board_window: MainWindow, board_path: Path
) -> None:
    priorities = board_window.pages["priorities"]
    assert isinstance(priorities, PrioritiesPage)
    assert priorities.model.rowCount() > 0
    page.start_voting(True)
    qtbot.mouseClick(page.voting_bar.reveal, Qt.MouseButton.LeftButton)
    assert page.qt_document.board.session.votes_hidden
    assert page.voting_bar.reveal.text() == "Reveal tallies"
    assert column(page, "went-well").view.card_delegate.votes_hidden
    board_window.show_page("priorities")  # a hidden page catches up when it is shown
    assert priorities.model.rowCount() == 0 and "hidden" in priorities.note.text()
    board_window.show_page("board")
    qtbot.mouseClick(page.voting_bar.reveal, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.voting_bar.reveal, Qt.MouseButton.LeftButton)
    assert saved_board(page, board_path).session.votes_hidden


def test_budget_spin_box_sets_the_session(qtbot: QtBot, page: BoardPage, board_path: Path) -> None:
    page.start_voting(True)
    spin = page.voting_bar.budget
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "5")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert saved_board(page, board_path).session.votes_per_participant == 5


def test_clicking_an_avatar_highlights_their_cards(qtbot: QtBot, page: BoardPage) -> None:
    _avatar_click(qtbot, page, "p3")
    model = page.model
    assert model.highlight == "p3"
    assert not model.index_of("c4").data(DIM_ROLE)  # Priya's card
    assert model.index_of("c5").data(DIM_ROLE)  # Tom's card
    assert not model.index_of("t3").data(DIM_ROLE)  # Priya's dot and card
    _avatar_click(qtbot, page, "p3")
    assert model.highlight is None and not model.index_of("c5").data(DIM_ROLE)


def test_priorities_model_passes_tester(qtmodeltester: ModelTester, board_window: MainWindow) -> None:
    priorities = board_window.pages["priorities"]
    assert isinstance(priorities, PrioritiesPage)
    qtmodeltester.check(priorities.model)
    rows = [[priorities.model.index(r, c).data() for c in range(5)] for r in range(2)]
    assert rows == [  # a tie: both rank 1, in board order
        ["1", "Alerting saw symptoms late", "Theme", "Lessons learned", "4"],
        ["1", "Guard rails for config pushes", "Theme", "Future considerations", "4"],
    ]


def test_drag_events_group_a_card_onto_a_card(qtbot: QtBot, page: BoardPage, board_path: Path) -> None:
    target_view = column(page, "lessons").view
    data = page.model.mimeData([page.model.index_of("c22")])
    target = page.index_of("c10")
    target_view.scrollTo(target)
    point = QPointF(target_view.visualRect(target).center())
    actions = Qt.DropAction.MoveAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    viewport = target_view.viewport()
    enter = QDragEnterEvent(point.toPoint(), actions, data, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(point.toPoint(), actions, data, buttons, mods)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    assert target_view.card_delegate.drop_target is not None  # the card under the pointer lights up
    drop = QDropEvent(point, actions, data, buttons, mods)
    QApplication.sendEvent(viewport, drop)
    assert target_view.card_delegate.drop_target is None
    theme = page.model.cards["c10"].theme
    assert theme is not None and page.model.cards["c22"].theme == theme
    assert page.qt_document.undo_stack.undoText() == "Group cards"
    board = saved_board(page, board_path)
    assert {c.id for c in board.cards if c.theme == theme} == {"c10", "c22"}
    assert all(c.section == "lessons" for c in board.cards if c.theme == theme)


def test_alt_number_chooses_the_voter_while_voting(
    qtbot: QtBot, board_window: MainWindow, page: BoardPage, board_path: Path
) -> None:
    view = column(page, "went-well").view
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    qtbot.keyClick(view, Qt.Key.Key_V)
    qtbot.keyClick(view, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert page.voting_bar.voter == page.qt_document.board.participants[1].id
    author_before = page.author
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.AltModifier)
    assert page.voting_bar.voter is None  # room dots
    assert page.author == author_before  # the author of the next cards is untouched


def test_pressing_a_card_and_letting_go_elsewhere_places_no_dot(
    qtbot: QtBot, page: BoardPage, board_path: Path
) -> None:
    """A dot was placed as the button went down: a drag (or a press thought better of) voted."""
    qtbot.keyClick(column(page, "went-well").view, Qt.Key.Key_V)
    assert page.voting
    votes = len(page.qt_document.board.votes)
    view = column(page, "went-well").view
    first, other = page.index_of("c3"), page.index_of("c4")
    start, end = view.visualRect(first).center(), view.visualRect(other).center()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), pos=(start + end) / 2)
    qtbot.mouseMove(view.viewport(), pos=end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert len(page.qt_document.board.votes) == votes
    click(qtbot, page, "c3")  # a click on the card still places its dot
    assert len(page.qt_document.board.votes) == votes + 1
    board = saved_board(page, board_path)
    assert len(board.votes) == votes + 1 and board.votes[-1].target == "c3"
