"""Dropping cards with drag events (onto a column's header, just below a theme, the picture); counts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pmdesk.model.board import Participant
from pmdesk.model.derived import section_items
from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.board.dialogs import RemoveParticipantDialog
from pmdesk.ui.board.drag_drop import drag_for
from tests.ui.board.helpers import column, saved_board

MOVE = Qt.DropAction.MoveAction
LEFT, NONE = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


def drop(page: BoardPage, ids: list[str], widget: QWidget, point: QPoint) -> tuple[bool, bool]:
    """Drag ``ids`` over ``widget`` and drop them at ``point``; (move accepted, drop accepted)."""
    data = page.model.mimeData([page.model.index_of(item) for item in ids])
    enter = QDragEnterEvent(point, MOVE, data, LEFT, NONE)
    QApplication.sendEvent(widget, enter)
    move = QDragMoveEvent(point, MOVE, data, LEFT, NONE)
    QApplication.sendEvent(widget, move)
    dropped = QDropEvent(QPointF(point), MOVE, data, LEFT, NONE)
    QApplication.sendEvent(widget, dropped)
    return move.isAccepted(), dropped.isAccepted()


def test_a_card_dropped_on_another_columns_header_goes_to_the_top_of_that_section(
    page: BoardPage, board_path: Path
) -> None:
    header = column(page, "lessons").header
    point = header.rect().center()
    data = page.model.mimeData([page.model.index_of("c5")])
    QApplication.sendEvent(header, QDragEnterEvent(point, MOVE, data, LEFT, NONE))
    assert header.lit  # the header shows it will take the card
    QApplication.sendEvent(header, QDragLeaveEvent())
    assert not header.lit
    assert drop(page, ["c5", "c6"], header, point) == (True, True)
    assert not header.lit
    assert page.qt_document.undo_stack.undoText() == "Move cards"
    board = saved_board(page, board_path)
    lessons = [c.id for c in board.cards if c.section == "lessons"]
    assert lessons[:2] == ["c5", "c6"]
    assert all(c.theme is None for c in board.cards if c.id in ("c5", "c6"))


def test_a_theme_dropped_on_a_header_is_refused(page: BoardPage) -> None:
    header = column(page, "lessons").header
    assert drop(page, ["t1"], header, header.rect().center()) == (False, False)


def test_a_drop_just_below_a_themes_last_card_lands_after_the_theme(
    page: BoardPage, board_path: Path
) -> None:
    view = column(page, "went-well").view
    last = page.index_of("c2")  # the last card of "Fast, safe rollback"
    view.scrollTo(last)
    rect = view.visualRect(last)
    point = QPoint(rect.center().x(), rect.bottom() - 1)
    assert drop(page, ["c6"], view.viewport(), point) == (True, True)
    board = saved_board(page, board_path)
    moved = next(c for c in board.cards if c.id == "c6")
    assert moved.theme is None and moved.section == "went-well"
    went_well = [c.id for c in board.cards if c.section == "went-well"]
    assert went_well.index("c6") == went_well.index("c2") + 1  # right after the theme's cards
    assert [c.id for c in board.cards if c.theme == "t1"] == ["c1", "c2"]


def test_a_drop_between_a_themes_cards_still_joins_it(page: BoardPage, board_path: Path) -> None:
    view = column(page, "went-well").view
    rect = view.visualRect(page.index_of("c2"))
    assert drop(page, ["c6"], view.viewport(), QPoint(rect.center().x(), rect.top() + 1)) == (True, True)
    board = saved_board(page, board_path)
    assert [c.id for c in board.cards if c.theme == "t1"] == ["c1", "c6", "c2"]


def test_the_drag_picture_sits_clear_of_the_drop_line(page: BoardPage) -> None:
    view = column(page, "went-well").view
    index = page.index_of("c3")
    view.setCurrentIndex(index)
    drag = drag_for(view, [index])
    assert not drag.pixmap().isNull()
    hot = drag.hotSpot()
    # The picture's top-left is at the pointer minus the hot spot: below and right of the
    # pointer, further than the 12 px within which Qt draws the drop line at a row's edge.
    assert hot.x() < 0 and hot.y() < -12
    assert drag.mimeData().hasFormat("application/x-pmdesk-cards")


def test_counts_in_the_remove_participant_question_read_right(qtbot: QtBot) -> None:
    ana = Participant("p1", "Ana Ruiz")
    one = RemoveParticipantDialog(ana, 1, [])
    qtbot.addWidget(one)
    assert one.question.text() == "Ana Ruiz wrote 1 card. What happens to it?"
    assert one.delete.text() == "Delete it"
    three = RemoveParticipantDialog(ana, 3, [])
    qtbot.addWidget(three)
    assert three.question.text() == "Ana Ruiz wrote 3 cards. What happens to them?"


def test_a_card_dropped_on_its_own_columns_header_goes_to_the_top_out_of_its_theme(
    page: BoardPage, board_path: Path
) -> None:
    """A card of a theme dropped on its own column's header went to the bottom of the column."""
    header = column(page, "went-well").header
    assert drop(page, ["c1"], header, header.rect().center()) == (True, True)
    board = saved_board(page, board_path)
    card = next(c for c in board.cards if c.id == "c1")
    assert card.theme is None and card.section == "went-well"
    first = section_items(board, "went-well")[0]
    assert getattr(first, "id", None) == "c1", section_items(board, "went-well")


def test_a_card_dropped_just_above_itself_stays_where_it_was(page: BoardPage, board_path: Path) -> None:
    view = column(page, "went-well").view
    rect = view.visualRect(page.index_of("c4"))
    above = QPoint(rect.center().x(), rect.top() + 1)  # the line between c3 and c4
    drop(page, ["c4"], view.viewport(), above)
    board = saved_board(page, board_path)
    went_well = [c.id for c in board.cards if c.section == "went-well"]
    assert went_well.index("c4") == went_well.index("c3") + 1
