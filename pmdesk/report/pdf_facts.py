"""The PDF's first parts: the cover and "What happened"."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from pmdesk.model.derived import durations, time_order_flag
from pmdesk.model.times import human_duration
from pmdesk.report.common import (
    PRIME_DIRECTIVE,
    PRIME_DIRECTIVE_AUTHOR,
    View,
    format_session,
    format_time,
    label,
)
from pmdesk.report.fonts import markup, needs_shaping
from pmdesk.report.pdf_outline import Heading
from pmdesk.report.pdf_styles import WIDTH, cell, head, para, paras, style_for, styles, table


def _joined(parts: list[str], separator: str, style: str) -> Paragraph | None:
    """One paragraph of the non-empty user texts, escaped and joined (None if all are empty)."""
    shown = [part for part in parts if part]
    if not shown:
        return None
    shaped = needs_shaping("".join(shown))
    return Paragraph(separator.join(markup(part, shaped) for part in shown), style_for(style, "".join(shown)))


def cover(view: View) -> list[Flowable]:
    """The cover page: title, reference, kind, severity, the people, the Prime Directive."""
    board = view.board
    incident = board.incident
    story: list[Flowable] = [
        Spacer(1, 18 * mm),
        Heading("BLAMELESS POST-MORTEM", styles()["cover_kicker"], outline="Cover", level=0),
        para(incident.title, "cover_title"),
    ]
    line = _joined([incident.reference, label(incident.kind), incident.severity], "  ·  ", "cover_meta")
    if line:
        story.append(line)
    held = format_session(board.session)
    if held:
        story.append(para(held, "cover_meta", "Session held "))
    story.append(Spacer(1, 10 * mm))
    facilitator = view.facilitator()
    if facilitator:
        story.append(para(view.name(facilitator.id), "body", "<b>Facilitator</b>  "))
    if board.participants:
        story.append(Spacer(1, 3 * mm))
        story.append(Paragraph("<b>Participants</b>", styles()["body"]))
        for person in board.participants:
            extra = f" — {person.role}" if person.role else ""
            dot = f'<font color="{_safe_colour(person.color)}">●</font> '
            story.append(para(view.name(person.id) + extra, "body", dot))
    story += [
        Spacer(1, 14 * mm),
        # One block: a long title or many people move all of it on, never the author alone.
        KeepTogether(
            [
                Paragraph("The Retrospective Prime Directive", styles()["h3"]),
                Paragraph(f"“{escape(PRIME_DIRECTIVE)}”", styles()["quote"]),
                Paragraph(f"— {PRIME_DIRECTIVE_AUTHOR}", styles()["quote_by"]),
                Spacer(1, 4 * mm),
                Paragraph(
                    "This review looks at systems and decisions, not at people to blame.",
                    styles()["small"],
                ),
            ]
        ),
        PageBreak(),
    ]
    return story


def _safe_colour(text: str) -> str:
    """A ``#rrggbb`` colour from the board, or the accent colour if it is anything else."""
    ok = len(text) == 7 and text[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in text[1:])
    return text if ok else "#2563eb"


def _labelled(title: str, text: str) -> list[Flowable]:
    """A small heading and its user text, or nothing when the text is empty."""
    if not text.strip():
        return []
    return [Paragraph(title, styles()["h3"]), *paras(text)]


def facts(view: View) -> list[Flowable]:
    """What happened: summary, impact, response, services, times, the timeline table."""
    incident = view.board.incident
    story: list[Flowable] = [Heading("What happened", styles()["h1"], outline="What happened", level=0)]
    story += _labelled("Summary", incident.summary)
    story += _labelled("Impact", incident.impact)
    story += _labelled("Initial response", incident.initial_response)
    if incident.services:
        story.append(Paragraph("Services", styles()["h3"]))
        story.append(_joined(incident.services, ", ", "body") or Paragraph("—", styles()["body"]))
    story.append(Paragraph("Times", styles()["h3"]))
    spans = durations(incident)
    rows = [
        [head("Started"), head("Detected"), head("Mitigated"), head("Resolved")],
        [
            cell(format_time(incident.started_at) or "—"),
            cell(format_time(incident.detected_at) or "—"),
            cell(format_time(incident.mitigated_at) or "—"),
            cell(format_time(incident.resolved_at) or "—"),
        ],
        [
            Paragraph("", styles()["cell"]),
            cell(human_duration(spans.to_detect), prefix="<b>Time to detect</b><br/>"),
            cell(human_duration(spans.to_mitigate), prefix="<b>Time to mitigate</b><br/>"),
            cell(human_duration(spans.to_resolve), prefix="<b>Time to resolve</b><br/>"),
        ],
    ]
    times: list[Flowable] = [table(rows, [WIDTH / 4] * 4, zebra=False)]
    flag = time_order_flag(incident)
    if flag:  # as the window flags it: the durations above are computed from these times
        times.append(Paragraph(f'<font color="#b91c1c"><b>{escape(flag)}</b></font>', styles()["body"]))
    story.append(KeepTogether(times))
    story += _timeline(view)
    return story


def _timeline(view: View) -> list[Flowable]:
    """The timeline as a table, in the board's order (as the window shows it)."""
    events = view.board.timeline  # the board's order, as the window shows it
    if not events:
        return []
    widths = [40 * mm, 31 * mm, WIDTH - 71 * mm]  # "Communication" fits its column
    rows = [[head("When"), head("Kind"), head("What")]]
    rows += [
        [cell(format_time(event.at) or "—"), cell(label(event.kind)), cell(event.text, width=widths[2])]
        for event in events
    ]
    return [Paragraph("Timeline", styles()["h3"]), table(rows, widths)]
