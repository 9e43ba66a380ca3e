"""The report's record of the meeting and its page layout."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.platypus import Flowable, Table

from pmdesk.model.board import Board, TimelineEvent
from pmdesk.model.demo import demo_board
from pmdesk.report import pdf as pdf_module
from pmdesk.report.common import View
from pmdesk.report.email_draft import body_text
from pmdesk.report.markdown import to_markdown
from pmdesk.report.pdf import write_pdf
from pmdesk.report.pdf_board import actions_part
from pmdesk.report.pdf_keep import WithNext, is_heading
from pmdesk.report.pdf_styles import WIDTH


def page_texts(path: Path) -> list[str]:
    """Each page's text, NFKC-normalised, runs of white space made one space."""
    return [
        re.sub(r"\s+", " ", unicodedata.normalize("NFKC", page.extract_text()))
        for page in PdfReader(path).pages
    ]


def test_the_cover_prints_the_session_date_and_start_not_the_incidents(tmp_path: Path) -> None:
    board = demo_board()  # the incident was on 20 Nov; the post-mortem met on 26 Nov at 10:00
    write_pdf(board, tmp_path / "r.pdf")
    cover = page_texts(tmp_path / "r.pdf")[0]
    assert "Session held Thu 26 Nov 2026 at 10:00" in cover
    assert "20 Nov" not in cover
    assert "Session held Thu 26 Nov 2026 at 10:00" in to_markdown(board)
    board.session.start_time = None
    write_pdf(board, tmp_path / "r.pdf")
    assert re.search(r"Session held Thu 26 Nov 2026(?! at)", page_texts(tmp_path / "r.pdf")[0])
    board.session.date = None
    write_pdf(board, tmp_path / "r.pdf")
    assert "Session held" not in page_texts(tmp_path / "r.pdf")[0]


@pytest.mark.parametrize("people", [5, 9, 14])
def test_the_prime_directive_is_never_split_from_its_author(tmp_path: Path, people: int) -> None:
    """A long title and many people pushed "— Norm Kerth" alone onto an otherwise empty page 2."""
    board = demo_board()
    board.incident.title = "Checkout, payments and billing all degraded for three hours after a push " * 2
    template = board.participants[-1]
    for number in range(len(board.participants), people):
        board.participants.append(replace(template, id=f"x{number}", name=f"Person {number}"))
    write_pdf(board, tmp_path / "r.pdf")
    pages = page_texts(tmp_path / "r.pdf")
    quote = next(n for n, text in enumerate(pages) if "Regardless of what we discover" in text)
    assert "Norm Kerth" in pages[quote]
    assert "not at people to blame" in pages[quote]
    assert "What happened" in pages[quote + 1]  # the cover's part ends there, no page of leftovers


def laid_out(board: Board, path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[int, list[Flowable]]:
    """Write the PDF and return the flowables placed on each page, in order."""
    placed: dict[int, list[Flowable]] = {}

    def record(doc: Any, flowable: Flowable) -> None:
        placed.setdefault(doc.page, []).append(flowable)

    monkeypatch.setattr(pdf_module._Report, "afterFlowable", record)
    write_pdf(board, path)
    return placed


def test_a_heading_is_never_the_last_thing_on_a_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ends = []
    for words in (0, 150, 276, 300, 408, 444, 480):  # each heading of "What happened" at a page end
        board = demo_board()
        board.incident.summary = " ".join(f"word{n}" for n in range(words))
        placed = laid_out(board, tmp_path / f"r{words}.pdf", monkeypatch)
        for page, flowables in placed.items():
            last = flowables[-1]
            ends.append(last)
            assert not is_heading(last), f"{words} words: page {page} ends with {last.getPlainText()!r}"
    assert any(isinstance(end, WithNext) for end in ends)  # a heading went over with what follows


def test_no_page_holds_a_single_row_of_a_table(tmp_path: Path) -> None:
    for count in range(14, 50, 3):
        board = demo_board()
        board.timeline = [
            TimelineEvent(f"e{n}", f"2026-11-20T14:{n:02d}:00+00:00", "note", f"Event{n:02d} happened")
            for n in range(count)
        ]
        write_pdf(board, tmp_path / "r.pdf")
        per_page = [len(re.findall(r"Event\d\d happened", text)) for text in page_texts(tmp_path / "r.pdf")]
        assert sum(per_page) == count
        assert 1 not in per_page, f"{count} events laid out as {per_page}"


def test_narrow_columns_do_not_wrap_into_towers(monkeypatch: pytest.MonkeyPatch) -> None:
    board = demo_board()
    board.cards[22].text = "Support learns about incidents from customers before the status page is updated"
    board.actions[0].source = "c23"
    board.actions[0].status = "in-progress"
    grid = next(f for f in actions_part(View(board)) if isinstance(f, Table))
    grid.wrap(WIDTH, 800)
    lines = [[sum(len(p.blPara.lines) for p in cell) for cell in row] for row in grid._cellvalues[1:]]
    for row in lines:
        assert max(row[1:5]) == 1, lines  # owner, due date, priority, status: one line each
        assert row[5] <= 4, lines  # what it answers
    assert lines[0][5] <= 4


def test_right_to_left_cards_are_right_aligned_with_their_bullet_on_the_right(tmp_path: Path) -> None:
    board = demo_board()
    board.cards[2].text = "שלום עולם, זה כרטיס בעברית"
    write_pdf(board, tmp_path / "r.pdf")
    where: dict[str, list[float]] = {"bullet": [], "hebrew": [], "latin": []}

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        if text.strip() == "•":
            where["bullet"].append(x)
        elif "שלום" in text or "םולש" in text:
            where["hebrew"].append(x)

    PdfReader(tmp_path / "r.pdf").pages[2].extract_text(visitor_text=visit)
    assert where["hebrew"], "the Hebrew card is on the board page"
    right = [x for x in where["bullet"] if x > 400]
    assert len(right) == 1, where["bullet"]  # the Hebrew card's bullet, at the right margin
    assert right[0] > max(where["hebrew"]) + 100  # its text ends near the bullet: right-aligned
    assert len([x for x in where["bullet"] if x < 100]) >= 15  # the other cards: on the left


def test_plurals_read_right() -> None:
    board = demo_board()
    body = body_text(board)
    assert "(1 dot) Alert fatigue" in body and "(4 dots)" in body
    board.actions[0].owner = None
    assert "**1 action still lacks an owner" in to_markdown(board)
    board.actions[1].owner = None
    assert "**2 actions still lack an owner" in to_markdown(board)
