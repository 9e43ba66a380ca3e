"""Markdown, CSV, iCalendar and email exports, parsed back; the export() entry point."""

from __future__ import annotations

import csv
import email
import email.policy
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from pmdesk.model.board import Board
from pmdesk.report import EXPORT_FORMATS, export
from pmdesk.report.csv_export import COLUMNS
from pmdesk.report.ics import fold, to_ics
from pmdesk.report.markdown import md, to_markdown
from pmdesk.report.pdf import write_pdf


def test_markdown_escapes_and_holds_everything(board: Board) -> None:
    text = to_markdown(board)
    assert "<b>" not in text and "<img" not in text and "<script>" not in text
    assert "&lt;img src=x&gt;" in text
    assert "AT&amp;T" in text
    for card in board.cards:
        assert md(card.text.split("\n")[0]) in text
    for person in board.participants:
        assert md(person.name) in text
    for action in board.actions:
        assert md(action.text) in text
    assert "⚠ no owner" in text and "● 3" in text
    assert text.index("## What happened") < text.index("## The board") < text.index("## Actions")


def test_md_escape_is_inert() -> None:
    assert md("*a* _b_ [c](d) <e> & #") == r"\*a\* \_b\_ \[c\]\(d\) &lt;e&gt; &amp; \#"


def test_csv_has_bom_names_and_sources(board: Board, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    export(board, "csv", path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    assert rows[1][0] == board.actions[0].text
    assert rows[1][1] == "Ana <Ruiz> & Co"
    assert rows[1][6] == "Alert <routing> & paging 🔥"
    assert rows[2][1] == "" and rows[2][6] == board.cards[3].text
    assert len(rows) == 1 + len(board.actions)


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_ics_lines_fold_and_escape(board: Board) -> None:
    text = to_ics(board)
    assert "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
        line.encode("utf-8").decode("utf-8")  # no character cut in two
    lines = unfold(text)
    assert lines.count("BEGIN:VTODO") == 2  # the action without a due date has no to-do
    assert lines.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Fix \\; commas\\, and \\\\ backslashes" in lines
    assert "DUE;VALUE=DATE:20261205" in lines and "DTSTART;VALUE=DATE:20261210" in lines
    assert any(line.startswith("DESCRIPTION:Owner: سارة\\n") for line in lines)
    assert all(line.startswith("DTSTAMP:") for line in lines if "DTSTAMP" in line)


def test_ics_uids_are_stable(board: Board) -> None:
    uids = [line for line in unfold(to_ics(board)) if line.startswith("UID:")]
    assert uids == [line for line in unfold(to_ics(board)) if line.startswith("UID:")]
    assert len(set(uids)) == len(uids) == 3


def test_fold_keeps_utf8_characters_whole() -> None:
    folded = fold("SUMMARY:" + "🔥" * 40)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "SUMMARY:" + "🔥" * 40


def test_email_draft_parses_with_pdf_attached(board: Board, tmp_path: Path) -> None:
    path = tmp_path / "draft.eml"
    export(board, "eml", path)
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == f"Post-mortem: {board.incident.title}"
    addresses = {a.addr_spec for a in message["To"].addresses}
    assert addresses == {"ana@example.org", "li@example.org", "sara@example.org"}
    body = message.get_body(("plain",)).get_content()
    assert "Alert <routing> & paging 🔥" in body and "NO OWNER" in body
    attachments = list(message.iter_attachments())
    assert len(attachments) == 1
    assert attachments[0].get_content_type() == "application/pdf"
    assert attachments[0].get_content().startswith(b"%PDF")


@pytest.mark.parametrize("fmt", ["md", "csv", "ics"])
def test_export_writes_atomically(board: Board, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"out{EXPORT_FORMATS[fmt][1]}"
    path.write_text("old")
    seen: list[float] = []
    export(board, fmt, path, seen.append)
    assert path.read_bytes() != b"old" and seen == [1.0]
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_unknown_format_is_refused(board: Board, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export(board, "docx", tmp_path / "x")


def test_report_imports_no_qt() -> None:
    import subprocess
    import sys

    code = "import pmdesk.report.pdf, pmdesk.report.email_draft, sys; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_times_read_as_a_person_writes_them() -> None:
    from pmdesk.report.common import format_time

    assert format_time("2026-11-20T14:02:00+00:00") == "20 Nov 2026 14:02 UTC"
    assert format_time("2026-11-20T14:02:00-05:00") == "20 Nov 2026 14:02 UTC-05:00"
    assert format_time(None) == ""


def test_a_report_without_actions_does_not_claim_every_action_is_owned(tmp_path: Path) -> None:
    board = Board()
    assert "No actions to follow up." in to_markdown(board)
    assert "every action" not in to_markdown(board).lower()
    pdf = tmp_path / "report.pdf"
    export(board, "pdf", pdf)
    text = pdf_words(pdf)
    assert "No actions to follow up." in text
    assert "every action" not in text.lower()


def test_time_spent_under_a_minute_reads_in_seconds(board: Board, tmp_path: Path) -> None:
    board.agenda[1].actual_seconds = 40
    text = to_markdown(board)
    assert "| Set the tone | 5 min | 5 min |" in text
    assert "| Facts | 10 min | 40 s |" in text
    write_pdf(board, tmp_path / "r.pdf")
    pdf = "".join(page.extract_text() for page in PdfReader(tmp_path / "r.pdf").pages)
    assert "40 s" in pdf and "0 min" not in pdf.replace("10 min", "")


def imported_and_exported(folder: Path, board: dict[str, object], formats: tuple[str, ...]) -> None:
    """Import a board given as the JSON format's fields with the CLI (``b.pmdesk``), then export it
    in each format beside it (``b.md``, ``b.pdf``…)."""
    from pmdesk.cli import main

    source = folder / "board.json"
    source.write_text(json.dumps({"format": "pmdesk", "version": 1, **board}))
    assert main(["import", str(source), str(folder / "b.pmdesk")]) == 0
    for fmt in formats:
        assert main(["export", str(folder / "b.pmdesk"), "--format", fmt]) == 0


def pdf_words(path: Path) -> str:
    """A PDF's text, its words separated by single spaces."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_an_empty_card_with_dots_is_named_in_top_priorities(tmp_path: Path) -> None:
    """The board part calls it "(empty card)"; Top priorities showed a blank row for it."""
    board = {
        "incident": {"title": "Blank card"},
        "sections": [{"id": "s", "title": "Lessons"}],
        "cards": [{"id": "c", "section": "s", "text": "  "}],
        "votes": [{"participant": None, "target": "c"}],
    }
    imported_and_exported(tmp_path, board, ("md", "pdf", "eml"))
    markdown = (tmp_path / "b.md").read_text()
    assert "1. **● 1** \\(empty card\\) (Lessons)" in markdown
    pdf = pdf_words(tmp_path / "b.pdf")
    assert "Theme or card Section 1 ● 1 (empty card) Lessons" in pdf
    draft = email.message_from_bytes((tmp_path / "b.eml").read_bytes(), policy=email.policy.default)
    body = draft.get_body(preferencelist=("plain",))
    assert body is not None and "1. (1 dot) (empty card)" in body.get_content()


def test_a_participant_without_a_name_is_named_no_name(tmp_path: Path) -> None:
    """The format lets a name be empty; the report said nothing where the person was (an empty bullet)."""
    board = {
        "incident": {"title": "Nameless"},
        "participants": [{"id": "p", "name": " ", "role": "On-call"}],
        "sections": [{"id": "s", "title": "Lessons"}],
        "cards": [{"id": "c", "section": "s", "text": "Paged twice", "author": "p"}],
        "actions": [{"id": "a", "text": "Fix paging", "owner": "p", "due": "2026-12-01"}],
    }
    imported_and_exported(tmp_path, board, ("md", "pdf"))
    markdown = (tmp_path / "b.md").read_text()
    assert "- \\(no name\\) — On\\-call" in markdown
    assert "Paged twice — *\\(no name\\)*" in markdown
    pdf = pdf_words(tmp_path / "b.pdf")
    assert "● (no name) — On-call" in pdf
    assert pdf.count("(no name)") == 3  # in the participants, as the card's author and the action's owner
