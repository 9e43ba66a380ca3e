"""Editing "What happened": every field typed like a person, durations, out-of-order times."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from pmdesk.model.board import Board
from pmdesk.model.board_ops import set_incident_field
from pmdesk.model.times import parse_time
from pmdesk.report.markdown import to_markdown
from pmdesk.report.pdf import pdf_bytes
from pmdesk.store.document import Document
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.facts.date_field import DateField
from pmdesk.ui.facts.facts_page import FactsPage
from pmdesk.ui.facts.incident_form import IncidentForm
from pmdesk.ui.main_window import MainWindow


def page_of(window: MainWindow) -> FactsPage:
    page = window.pages["facts"]
    assert isinstance(page, FactsPage)
    window.show_page("facts")
    return page


def test_text_fields_typed_are_in_the_file(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    form = page_of(facts_window).form
    form.title.selectAll()
    qtbot.keyClicks(form.title, "Gateway <b>pool</b> & outage")
    qtbot.keyClick(form.reference, Qt.Key.Key_End)
    qtbot.keyClicks(form.reference, "-b")
    form.services.clear()
    qtbot.keyClicks(form.services, "checkout-api,  gateway , ")
    for name, edit in form.texts.items():
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, f"New {name}")
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        qtbot.keyClicks(edit, "second line")
    form.severity.lineEdit().selectAll()
    qtbot.keyClicks(form.severity.lineEdit(), "SEV2")
    form.kind.setFocus()
    qtbot.keyClick(form.kind, Qt.Key.Key_Down)  # outage → customer-impact
    assert form.services.text() == "checkout-api,  gateway , "  # not reset while typing
    board = saved()
    incident = board.incident
    assert incident.title == "Gateway <b>pool</b> & outage"
    assert incident.reference == "INC-2041-b"
    assert incident.services == ["checkout-api", "gateway"]
    assert incident.summary == "New summary\nsecond line"
    assert incident.impact == "New impact\nsecond line"
    assert incident.initial_response == "New initial_response\nsecond line"
    assert incident.severity == "SEV2"
    assert incident.kind == "customer-impact"


def test_typing_in_a_field_is_one_undo_step(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    form = page_of(facts_window).form
    stack = facts_window.qt_document.undo_stack
    form.texts["impact"].setFocus()
    form.texts["impact"].moveCursor(form.texts["impact"].textCursor().MoveOperation.End)
    qtbot.keyClicks(form.texts["impact"], " More.")
    qtbot.keyClick(form.reference, Qt.Key.Key_End)
    qtbot.keyClicks(form.reference, "X")
    assert stack.count() == 2
    stack.undo()
    assert form.reference.text() == "INC-2041"
    stack.undo()
    assert form.texts["impact"].toPlainText().endswith("no orders lost.")
    stack.redo()
    assert saved().incident.impact.endswith("no orders lost. More.")


def type_into(qtbot: QtBot, field: DateField, text: str) -> None:
    """Replace a date field's text by typing, then press Enter."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_times_and_durations(qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]) -> None:
    form = page_of(facts_window).form
    assert form.duration_labels["to_detect"].text() == "7 min"
    assert form.duration_labels["to_mitigate"].text() == "39 min"
    assert form.duration_labels["to_resolve"].text() == "1 h 28 min"
    detected = form.times["detected_at"]
    type_into(qtbot, detected, "14:32")  # the time of day alone keeps the day
    assert detected.text() == "Fri 20 Nov 2026  14:32"
    assert form.duration_labels["to_detect"].text() == "30 min"
    resolved = form.times["resolved_at"]
    type_into(qtbot, resolved, "")  # emptied: not known any more
    assert form.duration_labels["to_resolve"].text() == "—"
    incident = saved().incident
    assert incident.resolved_at is None
    assert parse_time(incident.detected_at) == parse_time("2026-11-20T14:32:00+00:00")
    assert parse_time(incident.detected_at).utcoffset() is not None  # type: ignore[union-attr]


def test_clearing_a_time_is_one_undo_step(qtbot: QtBot, facts_window: MainWindow) -> None:
    form = page_of(facts_window).form
    resolved = form.times["resolved_at"]
    type_into(qtbot, resolved, "")
    assert facts_window.qt_document.board.incident.resolved_at is None
    facts_window.qt_document.undo_stack.undo()
    assert resolved.text() == "Fri 20 Nov 2026  15:30"
    assert parse_time(facts_window.qt_document.board.incident.resolved_at) == parse_time(
        "2026-11-20T15:30:00Z"
    )
    assert form.duration_labels["to_resolve"].text() == "1 h 28 min"


def test_a_never_set_time_starts_at_the_latest_known_one(
    qtbot: QtBot, board_path: Path, settings: QSettings
) -> None:
    document = Document.open(board_path)
    qt_document = QtDocument(document)
    try:
        assert qt_document.attempt(set_incident_field, "resolved_at", None)
        form = IncidentForm(qt_document)
        qtbot.addWidget(form)
        form.show()
        qtbot.waitExposed(form)
        type_into(qtbot, form.times["resolved_at"], "14:45")  # on the day of the mitigated time
        assert form.duration_labels["to_resolve"].text() == "43 min"
    finally:
        document.close()


def test_out_of_order_times_are_flagged_not_blocked(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    form = page_of(facts_window).form
    assert form.order_warning.isHidden()
    type_into(qtbot, form.times["resolved_at"], "2026-11-20 14:05")
    assert form.order_warning.isVisible()
    assert "Resolved is before detected" in form.order_warning.text()
    assert form.duration_labels["to_resolve"].text() == "3 min"
    review = facts_window.pages["review"]
    assert "Times out of order" in " ".join(
        label.text() for label in review.findChildren(type(form.order_warning))
    )
    assert parse_time(saved().incident.resolved_at) == parse_time("2026-11-20T14:05:00+00:00")


def test_the_reports_flag_a_negative_time_to_detect_as_the_window_does(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    form = page_of(facts_window).form
    type_into(qtbot, form.times["detected_at"], "2026-11-20 13:50")  # before it started
    assert form.duration_labels["to_detect"].text().startswith("−")
    assert "Detected is before started" in form.order_warning.text()
    board = saved()
    flag = "Times out of order: Detected is before started."
    assert flag in to_markdown(board)
    pdf = PdfReader(io.BytesIO(pdf_bytes(board)))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "Time to detect −" in text and flag in text


def test_empty_title_is_refused_with_a_message(qtbot: QtBot, facts_window: MainWindow) -> None:
    form = page_of(facts_window).form
    form.title.selectAll()
    qtbot.keyClick(form.title, Qt.Key.Key_Backspace)
    assert facts_window.qt_document.board.incident.title.startswith("Checkout")
    assert "title" in facts_window.statusBar().currentMessage()


def test_emptied_fields_show_examples_not_values(qtbot: QtBot, facts_window: MainWindow) -> None:
    """In the projector theme a hint is nearly as dark as text: an empty Reference read "INC-2041"."""
    form = page_of(facts_window).form
    for edit in (form.title, form.reference, form.services):
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
        assert edit.text() == ""
        assert edit.placeholderText().startswith("e.g. ")
    assert facts_window.qt_document.board.incident.reference == ""


def test_an_emptied_time_shows_a_hint_that_fits_at_any_width(qtbot: QtBot, facts_window: MainWindow) -> None:
    """At 1280 px the long hint ("not set — type 2026-11-20 14:02, or just 14:02") was cut off."""
    resolved = page_of(facts_window).form.times["resolved_at"]
    type_into(qtbot, resolved, "")
    assert facts_window.qt_document.board.incident.resolved_at is None
    metrics = resolved.fontMetrics()
    for width in (1280, 1600, 1024):
        facts_window.resize(width, 860)
        qtbot.wait(50)
        hint = resolved.placeholderText()
        assert hint.startswith("not set")
        room = resolved.width() - 56  # the calendar icon takes the rest
        assert metrics.horizontalAdvance(hint) <= room or hint == "not set"
    facts_window.resize(1600, 860)
    qtbot.waitUntil(lambda: resolved.placeholderText() == "not set — type 2026-11-20 14:02, or just 14:02")
    assert "2026-11-20 14:02, or just 14:02" in resolved.toolTip()
