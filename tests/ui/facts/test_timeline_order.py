"""A timeline imported out of order: a pasted event goes to its time among the timed events, and
the window, the PDF and the Markdown all show the board's order."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pmdesk.model.board import Board
from pmdesk.model.demo import demo_board
from pmdesk.report.markdown import to_markdown
from pmdesk.report.pdf import pdf_bytes
from pmdesk.store.document import Document
from pmdesk.store.json_format import board_from_json, board_to_json
from pmdesk.ui.facts.facts_page import FactsPage
from pmdesk.ui.facts.timeline_model import TEXT
from pmdesk.ui.main_window import MainWindow


def local(hour: int) -> str:
    """An ISO time on the incident's day in the machine's local time, as pasted lines are read."""
    return dt.datetime(2026, 11, 20, hour, 0).astimezone().isoformat()


@pytest.fixture
def board_path(tmp_path: Path) -> Path:
    """The demo board imported from JSON whose timeline is out of time order."""
    data = board_to_json(demo_board())
    data["timeline"] = [
        {"id": "e1", "at": local(15), "kind": "note", "text": "later"},
        {"id": "e2", "at": None, "kind": "note", "text": "sometime"},
        {"id": "e3", "at": local(14), "kind": "note", "text": "earlier"},
    ]
    path = tmp_path / "imported.pmdesk"
    Document.create(path, board_from_json(data)).close()
    return path


def shown_texts(window: MainWindow) -> list[str]:
    """The timeline's texts as the window lists them, top to bottom."""
    page = window.pages["facts"]
    assert isinstance(page, FactsPage)
    model = page.timeline.model
    return [model.index(row, TEXT).data() for row in range(model.rowCount())]


def pdf_text(board: Board) -> str:
    """The PDF report's text."""
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes(board))).pages)


def in_order(text: str, words: list[str]) -> bool:
    """True if each word appears in ``text`` after the one before it."""
    places = [text.index(word) for word in words]
    return places == sorted(places)


def test_a_pasted_event_goes_before_the_first_later_one_and_every_report_prints_that_order(
    qtbot: QtBot, facts_window: MainWindow, saved: Callable[[], Board]
) -> None:
    facts_window.show_page("facts")
    page = facts_window.pages["facts"]
    assert isinstance(page, FactsPage)
    assert shown_texts(facts_window) == ["later", "sometime", "earlier"]  # the import kept its order
    QApplication.clipboard().setText("2026-11-20 14:30 Paged\n")
    page.timeline.table.setFocus()
    qtbot.keyClick(page.timeline.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    expected = ["Paged", "later", "sometime", "earlier"]
    assert shown_texts(facts_window) == expected
    board = saved()
    assert [event.text for event in board.timeline] == expected
    markdown = to_markdown(board)
    timeline = markdown[markdown.index("### Timeline") :]
    assert in_order(timeline, ["| Paged", "| later", "| sometime", "| earlier"])
    text = pdf_text(board)
    timeline = text[text.index("Timeline") :]
    assert in_order(timeline, ["Paged", "later", "sometime", "earlier"])
