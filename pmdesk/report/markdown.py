"""The report as Markdown for a wiki or an issue tracker: the PDF's structure, text escaped."""

from __future__ import annotations

import re
from pathlib import Path

from pmdesk.atomic import write_atomic
from pmdesk.model.agenda_clock import spent_text
from pmdesk.model.board import Board, Card, Theme
from pmdesk.model.derived import durations, time_order_flag
from pmdesk.model.times import human_duration
from pmdesk.report.common import (
    PRIME_DIRECTIVE,
    PRIME_DIRECTIVE_AUTHOR,
    View,
    action_gaps,
    format_date,
    format_session,
    format_time,
    label,
    plural,
    ranked_label,
)

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def md(text: str) -> str:
    """Plain text made inert in Markdown: specials backslash-escaped, < > & as entities."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def md_block(text: str) -> str:
    """Multi-line text: escaped, each line break kept as a Markdown hard break."""
    return "  \n".join(md(line) for line in text.split("\n"))


def md_cell(text: str) -> str:
    """Text for a table cell: escaped, on one line."""
    return "<br>".join(md(line) for line in text.split("\n")) or " "


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(md_cell(value) for value in row) + " |" for row in rows]
    return [*lines, ""]


def _cover(view: View) -> list[str]:
    board = view.board
    incident = board.incident
    out = [f"# Post-mortem: {md(incident.title)}", ""]
    meta = [md(x) for x in (incident.reference, label(incident.kind), incident.severity) if x]
    if meta:
        out += [" · ".join(meta), ""]
    if board.session.date:
        out += [f"Session held {md(format_session(board.session))}", ""]
    facilitator = view.facilitator()
    if facilitator:
        out += [f"**Facilitator:** {md(view.name(facilitator.id))}", ""]
    if board.participants:
        out += ["**Participants:**", ""]
        out += [
            f"- {md(view.name(p.id))}" + (f" — {md(p.role)}" if p.role else "") for p in board.participants
        ]
        out.append("")
    out += [f"> {PRIME_DIRECTIVE}", ">", f"> — {PRIME_DIRECTIVE_AUTHOR}", ""]
    return out


def _facts(view: View) -> list[str]:
    incident = view.board.incident
    out = ["## What happened", ""]
    for title, text in (
        ("Summary", incident.summary),
        ("Impact", incident.impact),
        ("Initial response", incident.initial_response),
    ):
        if text.strip():
            out += [f"### {title}", "", md_block(text), ""]
    if incident.services:
        out += ["### Services", "", ", ".join(md(s) for s in incident.services), ""]
    spans = durations(incident)
    out += ["### Times", ""]
    out += _table(
        ["Started", "Detected", "Mitigated", "Resolved"],
        [
            [
                format_time(t) or "—"
                for t in (
                    incident.started_at,
                    incident.detected_at,
                    incident.mitigated_at,
                    incident.resolved_at,
                )
            ]
        ],
    )
    out += [
        f"Time to detect: {human_duration(spans.to_detect)} · "
        f"time to mitigate: {human_duration(spans.to_mitigate)} · "
        f"time to resolve: {human_duration(spans.to_resolve)}",
        "",
    ]
    flag = time_order_flag(incident)
    if flag:  # as the window flags it
        out += [f"**{flag}**", ""]
    events = view.board.timeline  # the board's order, as the window shows it
    if events:
        out += ["### Timeline", ""]
        out += _table(
            ["When", "Kind", "What"],
            [[format_time(e.at) or "—", label(e.kind), e.text] for e in events],
        )
    return out


def _card_line(view: View, card: Card, votes: int, indent: str = "") -> list[str]:
    author = view.name(card.author)
    dots = f"**● {votes}** " if votes else ""
    by = f" — *{md(author)}*" if author else ""
    body = md(card.text).replace("\n", f"  \n{indent}  ")
    out = [f"{indent}- {dots}{body}{by}"]
    if card.notes.strip():
        out.append(f"{indent}  - *Notes:* " + md(card.notes).replace("\n", " "))
    return out


def _board(view: View) -> list[str]:
    out = ["## The board", ""]
    for section in view.board.sections:
        out += [f"### {md(section.title)}", ""]
        if section.prompt:
            out += [f"*{md(section.prompt)}*", ""]
        for item, votes in view.ranked_items(section.id):
            if isinstance(item, Theme):
                dots = f" ● {votes}" if votes else ""
                out.append(f"- **Theme: {md(item.label or '(unlabelled theme)')}**{dots}")
                for card in view.theme_cards(item.id):
                    out += _card_line(view, card, 0, "  ")
                if item.notes.strip():
                    out.append("  - *Theme notes:* " + md(item.notes).replace("\n", " "))
            else:
                out += _card_line(view, item, votes)
        out.append("")
    return out


def _priorities(view: View) -> list[str]:
    out = ["## Top priorities", ""]
    ranked = view.top()
    if not ranked:
        return [*out, "No dots were placed.", ""]
    for number, entry in enumerate(ranked, 1):
        kind = "Theme: " if isinstance(entry.target, Theme) else ""
        text = md(ranked_label(entry)).replace("\n", " ")
        out.append(f"{number}. **● {entry.votes}** {kind}{text} ({md(view.section_title(entry.section_id))})")
    return [*out, ""]


def _actions(view: View) -> list[str]:
    out = ["## Actions", ""]
    if not view.board.actions:
        return [*out, "No actions were agreed.", ""]
    rows = [
        [
            a.text,
            view.name(a.owner) or "⚠ no owner",
            format_date(a.due) or "⚠ no due date",
            label(a.priority),
            label(a.status),
            view.source_text(a.source),
        ]
        for a in view.board.actions
    ]
    return out + _table(["Action", "Owner", "Due", "Priority", "Status", "Answers"], rows)


def _wrap_up(view: View) -> list[str]:
    board = view.board
    out = ["## Wrap-up", "", "### Key takeaways", ""]
    out += [md_block(board.session.takeaways) if board.session.takeaways.strip() else "None.", ""]
    gaps = sum(1 for action in board.actions if action_gaps(action))
    out.append(
        "No actions to follow up."
        if not board.actions
        else "Every action has an owner and a due date."
        if not gaps
        else f"**{plural(gaps, 'action')} still lack{'s' * (gaps == 1)} an owner or a due date.**"
    )
    out += ["", f"**Check-in:** {md(format_date(board.session.check_in)) or 'not set'}", ""]
    if board.agenda:
        out += ["### Agenda: planned and actual time", ""]
        out += _table(
            ["Phase", "Planned", "Actual"],
            [[p.title, f"{p.minutes} min", spent_text(p.actual_seconds) or "—"] for p in board.agenda],
        )
    return out


def to_markdown(board: Board) -> str:
    """The whole report as Markdown text."""
    view = View(board)
    parts = _cover(view) + _facts(view) + _board(view) + _priorities(view)
    parts += _actions(view) + _wrap_up(view)
    return "\n".join(parts).rstrip("\n") + "\n"


def write_markdown(board: Board, path: Path) -> None:
    """Write the Markdown report atomically (UTF-8)."""
    write_atomic(Path(path), to_markdown(board).encode("utf-8"))
