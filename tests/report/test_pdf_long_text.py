"""Any length of text in any field renders in the PDF (a 3,000-character section title crashed)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pypdf import PdfReader

from pmdesk.model.board import Board
from pmdesk.model.demo import demo_board
from pmdesk.report.pdf import write_pdf

# Fields that hold a reference, a choice or a time rather than free text.
NOT_FREE_TEXT = {
    "id", "section", "author", "theme", "owner", "source", "target", "participant", "color", "kind",
    "status", "priority", "at", "started_at", "detected_at", "mitigated_at", "resolved_at", "date",
    "check_in", "due", "start_time",
}  # fmt: skip


def free_text_fields(board: Board) -> list[tuple[object, str]]:
    """(item, field name) for every free-text field of the board's first item of each kind."""
    items: list[object] = [board.incident, board.session]
    for name in ("timeline", "participants", "sections", "themes", "cards", "actions", "agenda"):
        items.extend(getattr(board, name)[:2])
    found = []
    for item in filter(None, items):
        for field in dataclasses.fields(item):  # type: ignore[arg-type]
            if field.name not in NOT_FREE_TEXT and isinstance(getattr(item, field.name), str):
                found.append((item, field.name))
    return found


def long_text(length: int, words: bool, tag: str) -> str:
    unit = f"{tag} word " if words else tag
    return (unit * (length // len(unit) + 1))[:length]


@pytest.mark.parametrize(
    ("length", "words"),
    [
        (3_000, True),
        (3_000, False),
        pytest.param(40_000, True, marks=pytest.mark.slow),
        pytest.param(40_000, False, marks=pytest.mark.slow),
    ],
)
def test_every_free_text_field_renders_at_any_length(tmp_path: Path, length: int, words: bool) -> None:
    board = demo_board()
    fields = free_text_fields(board)
    assert {name for _, name in fields} >= {"title", "prompt", "label", "text", "notes", "name", "takeaways"}
    for index, (item, name) in enumerate(fields):
        setattr(item, name, long_text(length, words, f"F{index}"))
    board.incident.services = [long_text(length, words, "service")]
    path = tmp_path / "long.pdf"
    write_pdf(board, path)
    reader = PdfReader(path)
    text = "".join(page.extract_text() for page in reader.pages[:40])
    assert "F0" in text and len(reader.pages) > 2
    titles = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    assert titles[:3] == ["Cover", "What happened", "The board"]


def test_a_section_title_longer_than_a_page_renders_with_one_bookmark(tmp_path: Path) -> None:
    board = demo_board()
    board.sections[0].title = long_text(60_000, True, "Title")
    path = tmp_path / "title.pdf"
    write_pdf(board, path)
    reader = PdfReader(path)
    sections = reader.outline[
        reader.outline.index(next(e for e in reader.outline if getattr(e, "title", "") == "The board")) + 1
    ]
    assert len(sections) == len(board.sections)
    assert sections[0].title.startswith("Title word")
