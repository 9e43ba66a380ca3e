"""Review and Focus lay out the start of a huge text, never megabytes; the board keeps all of it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from pmdesk.model.demo import demo_board
from pmdesk.store.board_file import BoardFile
from pmdesk.store.document import Document
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.plain import SHOWN_CHARACTERS

HUGE = 2_000_000


@pytest.fixture
def board_path(tmp_path: Path) -> Path:
    """The demo board with a 2 MB card and a 2 MB summary."""
    board = demo_board()
    board.cards[0].text = "card " * (HUGE // 5)
    board.incident.summary = "fact " * (HUGE // 5)
    path = tmp_path / "huge.pmdesk"
    Document.create(path, board).close()
    return path


@pytest.mark.parametrize("page", ["review", "focus"])
def test_a_page_shows_the_start_of_a_huge_text(
    qtbot: QtBot, window: MainWindow, board_path: Path, page: str
) -> None:
    window.show_page(page)
    qtbot.waitUntil(lambda: window.pages.is_built(page))
    texts = [label.text() for label in window.pages[page].findChildren(QLabel)]
    longest = max(texts, key=len)
    assert len(longest) < SHOWN_CHARACTERS + 40
    more = re.search(r"… ([\d,]+) more characters\Z", longest)
    assert more is not None and int(more[1].replace(",", "")) >= HUGE - SHOWN_CHARACTERS - 5
    stored = BoardFile.read_snapshot(board_path)
    assert len(stored.cards[0].text) == HUGE and len(stored.incident.summary) == HUGE
