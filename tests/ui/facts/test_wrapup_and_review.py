"""Wrap-up (takeaways, check-in, live checklist) and the Review-the-facts presentation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from pmdesk.model.board import Board
from pmdesk.model.board_ops import set_action_field, set_incident_field, set_session_field
from pmdesk.ui.facts.presentation import FactsPresentation
from pmdesk.ui.facts.wrapup_page import WrapUpPage
from pmdesk.ui.main_window import MainWindow


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
    qtbot.mouseClick(page.check_in.check, Qt.MouseButton.LeftButton)
    listed = gaps(page)
    assert listed[0].startswith("Action “Add pool-size validation") and listed[0].endswith("has no owner")
    assert "Vote tallies are still hidden: reveal them" in listed
    assert "No follow-up check-in date" in listed
    assert page.status.text() == "4 things still missing:"
    qtbot.mouseClick(page.check_in.check, Qt.MouseButton.LeftButton)
    page.check_in.edit.setDate(QDate(2027, 1, 8))
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
