"""Each heading drawn gets its own bookmark, even when an earlier heading's memory is reused."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from pmdesk.model.demo import demo_board
from pmdesk.report.fonts import register_fonts
from pmdesk.report.pdf import write_pdf
from pmdesk.report.pdf_outline import Heading, NumberedCanvas
from pmdesk.report.pdf_styles import styles


def test_headings_freed_between_pages_keep_one_bookmark_each() -> None:
    register_fonts()
    out = io.BytesIO()
    canvas = NumberedCanvas(out)
    titles = ["One", "Two", "Three"]
    for title in titles:
        # Freed before the next one is made, as reportlab frees split parts: CPython hands the
        # next heading the same address, so a bookmark keyed on id() took the previous one's place.
        heading = Heading(title, styles()["h1"], outline=title, level=0)
        heading.wrapOn(canvas, 400, 100)
        heading.drawOn(canvas, 50, 500)
        canvas.showPage()
        del heading
    canvas.save()
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert [entry.title for entry in reader.outline] == titles
    assert [reader.get_destination_page_number(entry) for entry in reader.outline] == [0, 1, 2]


def test_the_reports_bookmarks_open_the_page_of_their_heading(tmp_path: Path) -> None:
    path = tmp_path / "demo.pdf"
    write_pdf(demo_board(), path)
    reader = PdfReader(path)
    pages = {
        entry.title: reader.get_destination_page_number(entry)
        for entry in reader.outline
        if not isinstance(entry, list)
    }
    # Cover on page 1, the facts after it, and the board after the facts (every bookmark once
    # opened page 1).
    assert pages["Cover"] == 0
    assert 0 < pages["What happened"] < pages["The board"] <= pages["Actions"] < len(reader.pages)
    board_page = reader.pages[pages["The board"]].extract_text()
    assert "What went well" in board_page
