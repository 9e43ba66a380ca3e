"""The report's "Related incidents" section: earlier incidents like this one, and their open actions."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from pmdesk.report.common import format_date, label
from pmdesk.report.pdf_outline import Heading
from pmdesk.report.pdf_styles import FRAME_TEXT, cell, head, para, styles, table
from pmdesk.report.related import RelatedIncident

ACTION_WIDTHS = [FRAME_TEXT - 84 * mm, 32 * mm, 28 * mm, 24 * mm]  # within the frame's text width


def related_part(related: list[RelatedIncident]) -> list[Flowable]:
    """Each related incident's title, date and why it is related, then its open actions."""
    story: list[Flowable] = [
        CondPageBreak(50 * mm),
        Heading("Related incidents", styles()["h1"], outline="Related incidents", level=0),
    ]
    if not related:
        return [*story, Paragraph("No earlier incident in the library is like this one.", styles()["small"])]
    for item in related:
        date = format_date(item.date) if item.date else "no date"
        story.append(para(item.title or "(untitled)", "h3", suffix=f" <font size=9>· {date}</font>"))
        if item.reason:
            story.append(para(item.reason, "small"))
        if not item.actions:
            continue
        rows = [[head("Open action"), head("Owner"), head("Due"), head("Status")]]
        for action in item.actions:
            due = format_date(action.due) if action.due else "—"
            rows.append(
                [
                    cell(action.text or "(no text)", width=ACTION_WIDTHS[0]),
                    cell(action.owner or "no owner", width=ACTION_WIDTHS[1]),
                    cell(
                        due, suffix=' <font color="#b91c1c"><b>overdue</b></font>' if action.overdue else ""
                    ),
                    cell(label(action.status)),
                ]
            )
        story.append(table(rows, ACTION_WIDTHS))
    return story
