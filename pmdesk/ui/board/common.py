"""Small helpers of the board window: a participant's initials and avatar colour."""

from __future__ import annotations

from pmdesk.model.board import Board

# A palette that reads well on a projector (Tableau 10, slightly deepened).
PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#17becf",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
)
NO_AUTHOR_COLOR = "#b0b7c3"
ACCENT = "#2563eb"


def initials(name: str) -> str:
    """Up to two initials of a name ("Ana Ruiz" → "AR")."""
    words = [word for word in name.split() if word]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].upper()
    return (words[0][0] + words[-1][0]).upper()


def next_color(board: Board) -> str:
    """The first palette colour no participant uses yet."""
    used = {person.color.lower() for person in board.participants}
    for color in PALETTE:
        if color not in used:
            return color
    return PALETTE[len(board.participants) % len(PALETTE)]
