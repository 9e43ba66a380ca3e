"""The report's record of the meeting and its page layout."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pypdf import PdfReader

from pmdesk.model.demo import demo_board
from pmdesk.report.markdown import to_markdown
from pmdesk.report.pdf import write_pdf


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
