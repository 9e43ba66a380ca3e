"""Exports of a board: PDF report, Markdown, actions CSV, iCalendar, email draft.

reportlab is imported only when a PDF (or an email draft, which attaches one) is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pmdesk.atomic import write_atomic
from pmdesk.model.board import Board
from pmdesk.model.room_ops import without_pending
from pmdesk.report.related import RelatedIncident

EXPORT_FORMATS: dict[str, tuple[str, str]] = {
    "pdf": ("PDF report", ".pdf"),
    "md": ("Markdown report", ".md"),
    "csv": ("Actions as CSV", ".csv"),
    "ics": ("Due dates and check-in (iCalendar)", ".ics"),
    "eml": ("Email draft with the PDF attached", ".eml"),
}
Progress = Callable[[float], None]


@dataclass
class Rendered:
    """An export's bytes, and what the user should be told about it (an address left out, ...)."""

    data: bytes
    notes: list[str] = field(default_factory=list)


def render(
    board: Board, fmt: str, progress: Progress | None = None, related: list[RelatedIncident] | None = None
) -> Rendered:
    """The board in format ``fmt`` (a key of EXPORT_FORMATS), exactly the bytes a file would hold.

    Cards still face down (written on devices, not yet revealed) are not part of the record yet.
    ``related`` (earlier incidents from the library) adds the PDF's "Related incidents" section.
    """
    board = without_pending(board)
    if fmt == "pdf":
        from pmdesk.report.pdf import pdf_bytes

        return Rendered(pdf_bytes(board, progress, related))
    if fmt == "md":
        from pmdesk.report.markdown import to_markdown

        return Rendered(to_markdown(board).encode("utf-8"))
    if fmt == "csv":
        from pmdesk.report.csv_export import csv_bytes

        return Rendered(csv_bytes(board))
    if fmt == "ics":
        from pmdesk.report.ics import to_ics

        return Rendered(to_ics(board).encode("utf-8"))
    if fmt == "eml":
        from pmdesk.report.email_draft import email_draft

        message, notes = email_draft(board, progress)
        return Rendered(message, notes)
    raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}")


def export(board: Board, fmt: str, path: Path, progress: Progress | None = None) -> list[str]:
    """Write the board to ``path`` in format ``fmt``, atomically; the notes for the user."""
    rendered = render(board, fmt, progress)
    write_atomic(Path(path), rendered.data)
    if progress is not None:
        progress(1.0)
    return rendered.notes
