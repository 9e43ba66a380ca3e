"""The PDF report: every piece of the board is in it, fonts are embedded, big text works."""

from __future__ import annotations

import re
import time
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from pmdesk.model.board import Board, Card, Incident, Section
from pmdesk.report.pdf import write_pdf


def norm(text: str) -> str:
    """NFKC, whitespace removed: line wrapping may break text anywhere between words."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture(scope="module")
def text(hostile_pdf: Path) -> str:
    """All the PDF's text, normalised."""
    return norm("".join(page.extract_text() for page in PdfReader(hostile_pdf).pages))


def rtl_ok(needle: str, text: str) -> bool:
    """RTL words may come out in visual order: accept each word, forwards or reversed."""
    return all(norm(w) in text or norm(w)[::-1] in text for w in needle.split())


def test_every_field_is_in_the_pdf(board: Board, text: str) -> None:
    incident = board.incident
    for field in (
        incident.title,
        incident.reference,
        incident.severity,
        incident.summary,
        incident.impact,
        incident.initial_response,
        *incident.services,
    ):
        assert norm(field) in text, field
    for person in board.participants:
        assert norm(person.name) in text or rtl_ok(person.name, text), person.name
    for theme in board.themes:
        assert norm(theme.label) in text
        assert norm(theme.notes) in text
    for event in board.timeline:
        assert norm(event.text) in text or rtl_ok(event.text, text), event.text
    for action in board.actions:
        assert norm(action.text) in text
    assert norm(board.session.takeaways) in text
    assert norm("everyone did the best job they could") in text


def test_every_card_is_in_the_pdf(board: Board, text: str) -> None:
    for card in board.cards:
        if any(unicodedata.bidirectional(c) in ("R", "AL") for c in card.text):
            assert rtl_ok(card.text, text), card.text
        elif len(card.text) > 2000:  # split over pages: header and footer lines come between
            assert norm(card.text[:300]) in text and norm(card.text[-300:]) in text
            assert (
                text.count(norm("A long card that goes on and on.")) >= 195
            )  # one may straddle a page break
        else:
            assert norm(card.text) in text, card.text[:40]


def test_tallies_and_missing_owner_are_shown(text: str) -> None:
    assert norm("● 3") in text
    assert norm("⚠ no owner") in text and norm("⚠ no due date") in text
    assert norm("page 2 of") in text


def test_fonts_are_embedded(hostile_pdf: Path) -> None:
    reader = PdfReader(hostile_pdf)
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert descriptor is not None, font
            descriptor = descriptor.get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            embedded.add(str(font["/BaseFont"]).split("+")[-1])
    assert {"DejaVuSans", "DejaVuSans-Bold", "DroidSansFallback", "Symbola"} <= embedded


def test_outline_and_metadata(hostile_pdf: Path, board: Board) -> None:
    reader = PdfReader(hostile_pdf)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:2] == ["Cover", "What happened"]
    assert {"The board", "Top priorities", "Actions", "Wrap-up"} <= set(titles)
    assert reader.metadata.title == f"Post-mortem: {board.incident.title}"
    assert reader.metadata.author == "Ana <Ruiz> & Co"


def test_one_megabyte_card(tmp_path: Path) -> None:
    big = ("word " * 9 + "sentence. ") * 20_000 + "THE-END"
    board = Board(Incident("Big"), sections=[Section("s", "S")], cards=[Card("c", "s", big)])
    path = tmp_path / "big.pdf"
    started = time.perf_counter()
    write_pdf(board, path)
    assert time.perf_counter() - started < 30  # the 5 s budget is a benchmark, not a test
    last = PdfReader(path).pages[-2].extract_text() + PdfReader(path).pages[-3].extract_text()
    assert "THE-END" in last or "THE-END" in PdfReader(path).pages[-1].extract_text()


def test_progress_ends_at_one_and_file_is_atomic(board: Board, tmp_path: Path) -> None:
    seen: list[float] = []
    path = tmp_path / "r.pdf"
    write_pdf(board, path, seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen)
    assert path.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]
