"""What is still missing before the post-mortem report goes out (the wrap-up checklist)."""

from __future__ import annotations

from pmdesk.model.board import Action, Board


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
