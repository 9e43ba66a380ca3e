"""The PDF report: the document template, page decorations, and :func:`write_pdf`."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from pmdesk.atomic import write_atomic
from pmdesk.model.board import Board
from pmdesk.report.common import View
from pmdesk.report.fonts import markup
from pmdesk.report.pdf_board import actions_part, board_part, priorities_part, wrap_up_part
from pmdesk.report.pdf_facts import cover, facts
from pmdesk.report.pdf_keep import keep_headings
from pmdesk.report.pdf_outline import NumberedCanvas
from pmdesk.report.pdf_related import related_part
from pmdesk.report.pdf_styles import ACCENT, RULE, style_for
from pmdesk.report.related import RelatedIncident
from pmdesk.report.reportlab_fixes import install_fixes, reportlab_turn

Progress = Callable[[float], None]
HEADER_CHARS = 120


def build_story(board: Board, related: list[RelatedIncident] | None = None) -> list[Flowable]:
    """Every flowable of the report, in order ("Related incidents" only when ``related`` is given)."""
    view = View(board)
    story = [
        *cover(view),
        *facts(view),
        *board_part(view),
        *priorities_part(view),
        *actions_part(view),
        *wrap_up_part(view),
    ]
    if related is not None:
        story += related_part(related)
    return keep_headings(story)


class _Report(SimpleDocTemplate):
    """The document template: draws the header band and reports progress."""

    def __init__(self, path: io.BytesIO, board: Board, total: int, progress: Progress | None) -> None:
        view = View(board)
        facilitator = view.facilitator()
        incident = board.incident
        super().__init__(
            path,
            pagesize=A4,
            leftMargin=20 * mm,
            rightMargin=20 * mm,
            topMargin=22 * mm,
            bottomMargin=20 * mm,
            title=f"Post-mortem: {incident.title}",
            author=facilitator.name if facilitator else "pmdesk",
            subject=" · ".join(
                part for part in ("Blameless post-mortem", incident.reference, incident.kind) if part
            ),
            creator="pmdesk",
            keywords=["post-mortem", "incident review"],
        )
        title = incident.title
        if len(title) > HEADER_CHARS:
            title = title[:HEADER_CHARS] + "…"
        self._header = Paragraph(markup(title), style_for("header", title))
        self._total = max(total, 1)
        self._done = 0
        self._progress = progress
        self._last = -1.0

    def afterFlowable(self, flowable: Flowable) -> None:
        """Count laid-out flowables and report the fraction done now and then."""
        if self._progress is None:
            return
        self._done += 1
        fraction = min(self._done / self._total, 0.99)
        if fraction - self._last >= 0.01:
            self._last = fraction
            self._progress(fraction)

    def decorate(self, canvas: Canvas, doc: Any) -> None:
        """The header on every page but the cover: the incident's title and a rule."""
        canvas.saveState()
        top = A4[1] - 12 * mm
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(2)
        canvas.line(20 * mm, A4[1] - 6 * mm, 44 * mm, A4[1] - 6 * mm)
        if canvas.getPageNumber() == 1:
            canvas.showOutline()
        else:
            _, height = self._header.wrapOn(canvas, 140 * mm, 20 * mm)
            self._header.drawOn(canvas, 20 * mm, top - height + 4)
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            canvas.line(20 * mm, top - height, 190 * mm, top - height)
            canvas.line(20 * mm, 14 * mm, 190 * mm, 14 * mm)
        canvas.restoreState()


def pdf_bytes(
    board: Board, progress: Progress | None = None, related: list[RelatedIncident] | None = None
) -> bytes:
    """The board's post-mortem report as a PDF (``progress`` goes up to 0.99).

    ``related``: earlier incidents from the library, for a "Related incidents" section.
    """
    # One document at a time in a process (see reportlab_fixes); while another export builds,
    # this one waits, and a Cancel (raised from ``progress``) still stops it.
    with reportlab_turn(None if progress is None else lambda: progress(0.0)):
        install_fixes()
        story = build_story(board, related)
        buffer = io.BytesIO()
        doc = _Report(buffer, board, len(story), progress)
        doc.build(story, onFirstPage=doc.decorate, onLaterPages=doc.decorate, canvasmaker=NumberedCanvas)
    return buffer.getvalue()


def write_pdf(board: Board, path: Path, progress: Progress | None = None) -> None:
    """Write the board's post-mortem report as a PDF, atomically."""
    write_atomic(Path(path), pdf_bytes(board, progress))
    if progress is not None:
        progress(1.0)
