"""Exports of a board: PDF report, Markdown, actions CSV, iCalendar, email draft.

reportlab is imported only when a PDF (or an email draft, which attaches one) is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pmdesk.model.board import Board

EXPORT_FORMATS: dict[str, tuple[str, str]] = {
    "pdf": ("PDF report", ".pdf"),
    "md": ("Markdown report", ".md"),
    "csv": ("Actions as CSV", ".csv"),
    "ics": ("Due dates and check-in (iCalendar)", ".ics"),
    "eml": ("Email draft with the PDF attached", ".eml"),
}


def export(board: Board, fmt: str, path: Path, progress: Callable[[float], None] | None = None) -> None:
    """Write the board to ``path`` in format ``fmt`` (a key of EXPORT_FORMATS), atomically."""
    path = Path(path)
    if fmt == "pdf":
        from pmdesk.report.pdf import write_pdf

        write_pdf(board, path, progress)
        return
    if fmt == "md":
        from pmdesk.report.markdown import write_markdown

        write_markdown(board, path)
    elif fmt == "csv":
        from pmdesk.report.csv_export import write_csv

        write_csv(board, path)
    elif fmt == "ics":
        from pmdesk.report.ics import write_ics

        write_ics(board, path)
    elif fmt == "eml":
        from pmdesk.report.email_draft import write_email

        write_email(board, path, progress)
    else:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}")
    if progress is not None:
        progress(1.0)
