"""Wrap-up (takeaways, check-in, live checklist) and the Review-the-facts presentation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from pmdesk.model.board import Board
from pmdesk.model.board_ops import set_action_field, set_incident_field, set_session_field
from pmdesk.ui.facts.review import FactsPresentation
from pmdesk.ui.facts.wrapup_page import WrapUpPage
from pmdesk.ui.main_window import MainWindow
from tests.ui.facts.test_incident_form import type_into


def wrapup_of(window: MainWindow) -> WrapUpPage:
    page = window.pages["wrap-up"]
    assert isinstance(page, WrapUpPage)
    window.show_page("wrap-up")
    return page


def gaps(page: WrapUpPage) -> list[str]:
    return [page.gaps.item(row).text() for row in range(page.gaps.count())]


def test_takeaways_typed_are_one_undo_step_and_clear_the_checklist(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    page = wrapup_of(facts_window)
    assert gaps(page) == ["No key takeaways written"]
    page.takeaways.setFocus()
    qtbot.keyClicks(page.takeaways, "Alert on saturation")
    qtbot.keyClick(page.takeaways, Qt.Key.Key_Return)
    qtbot.keyClicks(page.takeaways, "<b>Canary</b> config")
    assert facts_window.qt_document.undo_stack.count() == 1
    assert page.gaps.isHidden() and page.status.text().startswith("✓ Ready")
    assert saved().session.takeaways == "Alert on saturation\n<b>Canary</b> config"


def test_checklist_follows_actions_votes_and_check_in(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    page = wrapup_of(facts_window)
    qt_document = facts_window.qt_document
    assert qt_document.attempt(set_action_field, "a2", "owner", None)
    assert qt_document.attempt(set_session_field, "votes_hidden", True)
    type_into(qtbot, page.check_in, "")
    listed = gaps(page)
    assert listed[0].startswith("Action “Add pool-size validation") and listed[0].endswith("has no owner")
    assert "Vote tallies are still hidden: reveal them" in listed
    assert "No follow-up check-in date" in listed
    assert page.status.text() == "4 things still missing:"
    type_into(qtbot, page.check_in, "8 Jan 2027")
    assert "No follow-up check-in date" not in gaps(page)
    assert saved().session.check_in == "2027-01-08"


def test_review_shows_timeline_first_then_facts_and_zooms(facts_window: MainWindow) -> None:
    review = facts_window.pages["review"]
    assert isinstance(review, FactsPresentation)
    facts_window.show_page("review")
    labels = [label.text() for label in review.widget().findChildren(QLabel)]
    timeline_at = labels.index("Timeline")
    assert labels.index("Summary") > labels.index("14:02") > timeline_at
    assert labels.index("Impact") > labels.index("Summary")
    assert labels.index("Initial response") > labels.index("Impact")
    assert "1 h 28 min" in labels and "7 min" in labels
    assert all(
        label.textFormat() == Qt.TextFormat.PlainText for label in review.widget().findChildren(QLabel)
    )
    before = review.widget().findChildren(QLabel)[0].font().pixelSize()
    review.set_zoom(1.5)
    after = review.widget().findChildren(QLabel)[0].font().pixelSize()
    assert after > before


def test_review_follows_edits(facts_window: MainWindow) -> None:
    review = facts_window.pages["review"]
    assert isinstance(review, FactsPresentation)
    facts_window.show_page("review")
    assert facts_window.qt_document.attempt(set_incident_field, "impact", "<img src=x> nobody")
    labels = [label.text() for label in review.widget().findChildren(QLabel)]
    assert "<img src=x> nobody" in labels


def test_hidden_review_catches_up_when_shown(facts_window: MainWindow) -> None:
    review = facts_window.pages["review"]
    assert isinstance(review, FactsPresentation)
    facts_window.show_page("actions")
    assert facts_window.qt_document.attempt(set_incident_field, "impact", "edited while hidden")
    facts_window.show_page("review")
    labels = [label.text() for label in review.widget().findChildren(QLabel)]
    assert "edited while hidden" in labels


def test_review_scrolls_with_keys(qtbot: QtBot, facts_window: MainWindow) -> None:
    review = facts_window.pages["review"]
    assert isinstance(review, FactsPresentation)
    facts_window.resize(1000, 600)
    facts_window.show_page("review")
    review.setFocus()
    bar = review.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    qtbot.keyClick(review, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    qtbot.keyClick(review, Qt.Key.Key_Home)
    assert bar.value() == 0


def test_actions_and_wrap_up_read_large_while_presenting(facts_window: MainWindow) -> None:
    actions = facts_window.pages["actions"]
    wrap_up = facts_window.pages["wrap-up"]
    table = actions.table  # type: ignore[attr-defined]
    before = table.font().pointSizeF()
    actions.set_presenting(True)  # type: ignore[attr-defined]
    wrap_up.set_presenting(True)  # type: ignore[attr-defined]
    assert table.font().pointSizeF() > before * 1.5
    assert "24pt" in wrap_up.takeaways.styleSheet()  # type: ignore[attr-defined]
    actions.set_presenting(False)  # type: ignore[attr-defined]
    assert table.font().pointSizeF() == before


def test_the_session_date_and_start_time_are_typed_and_undoable(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    page = wrapup_of(facts_window)
    assert page.session_date.text() == "Thu 26 Nov 2026" and page.start_time.text() == "10:00"
    type_into(qtbot, page.session_date, "2026-11-27")
    type_into(qtbot, page.start_time, "2:30 pm")
    assert page.start_time.text() == "14:30"
    stack = facts_window.qt_document.undo_stack
    assert stack.undoText() == "Set session start time"
    type_into(qtbot, page.session_date, "")
    assert "No session date: when was this post-mortem held?" in gaps(page)
    stack.undo()
    assert page.session_date.text() == "Fri 27 Nov 2026"
    session = saved().session
    assert (session.date, session.start_time) == ("2026-11-27", "14:30")


def test_a_check_in_in_1789_is_refused_with_a_message(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    page = wrapup_of(facts_window)
    type_into(qtbot, page.check_in, "1789-07-14")
    assert "1789 is not plausible" in facts_window.statusBar().currentMessage()
    assert page.check_in.problem and page.check_in.text() == "1789-07-14"  # kept for fixing
    type_into(qtbot, page.start_time, "25:61")
    assert "not a time of day" in facts_window.statusBar().currentMessage()
    assert facts_window.qt_document.undo_stack.count() == 0
    session = saved().session
    assert (session.check_in, session.start_time) == ("2026-12-17", "10:00")


def test_date_fields_are_wide_enough_for_their_value(facts_window: MainWindow) -> None:
    page = wrapup_of(facts_window)
    for field in (page.session_date, page.start_time, page.check_in):
        assert field.width() > field.fontMetrics().horizontalAdvance(field.text()) + 8, field.accessibleName()
    facts_window.show_page("facts")
    for field in facts_window.pages["facts"].form.times.values():  # type: ignore[attr-defined]
        assert field.width() > field.fontMetrics().horizontalAdvance(field.text()) + 8


def test_the_ready_note_sits_under_its_heading_at_every_window_size(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    page = wrapup_of(facts_window)
    page.takeaways.setFocus()
    qtbot.keyClicks(page.takeaways, "Alert on saturation")
    assert page.status.text().startswith("✓ Ready")
    for width, height in ((1400, 860), (1920, 1080), (1600, 1000)):
        facts_window.resize(width, height)
        qtbot.waitUntil(lambda w=width: facts_window.width() == w)
        heading = page.headings[1]
        gap = page.status.geometry().top() - heading.geometry().bottom()
        assert 0 <= gap <= 24, (width, height, gap)
        assert page.status.height() <= 3 * page.status.sizeHint().height(), (width, page.status.height())
    assert saved().session.takeaways == "Alert on saturation"
