"""What is still missing before the post-mortem report goes out (the wrap-up checklist)."""

from __future__ import annotations

import datetime as dt

from pmdesk.model.board import Action, Board
from pmdesk.model.times import parse_date

CLOSED = ("done", "dropped")  # statuses of actions nobody needs to chase


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split()) or "(untitled action)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def action_gaps(action: Action) -> list[str]:
    """What an action lacks: "owner", "due date" (in that order)."""
    missing = []
    if action.owner is None:
        missing.append("owner")
    if action.due is None:
        missing.append("due date")
    return missing


def report_gaps(board: Board) -> list[str]:
    """Human-readable gaps before the report goes out; an empty list means ready."""
    gaps = []
    if not board.actions:
        gaps.append("No actions yet")
    for action in board.actions:
        missing = action_gaps(action)
        if missing:
            gaps.append(f"Action “{_short(action.text)}” has no {' and no '.join(missing)}")
    if not board.session.takeaways.strip():
        gaps.append("No key takeaways written")
    if board.session.votes_hidden:
        gaps.append("Vote tallies are still hidden: reveal them")
    if board.session.check_in is None:
        gaps.append("No follow-up check-in date")
    if board.session.date is None:
        gaps.append("No session date: when was this post-mortem held?")
    return gaps


def is_overdue(action: Action, today: dt.date) -> bool:
    """Due before today and neither done nor dropped."""
    try:
        due = parse_date(action.due)
    except ValueError:
        return False
    return due is not None and due < today and action.status not in CLOSED


def source_label(board: Board, source: str | None) -> str:
    """A theme's label or a card's text, as an action's source is shown."""
    if source is None:
        return ""
    for theme in board.themes:
        if theme.id == source:
            return f"Theme: {theme.label or '(unlabelled theme)'}"
    for card in board.cards:
        if card.id == source:
            return card.text
    return "(removed)"
