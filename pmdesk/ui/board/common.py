"""Small helpers of the board window: plain tooltips, initials, colours, composed edits."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pmdesk.model.board import Board
from pmdesk.model.edits import Batch, Edit, EditError, apply_edit

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


Step = Callable[[Board], Batch]


def compose(board: Board, name: str, steps: Sequence[Step]) -> Batch:
    """Build several operations one after another into ONE named batch (one undo step).

    Each step is built on the board as the earlier steps left it; the board is restored
    before returning, so the document applies the whole batch for real.
    """
    built: list[Edit] = []
    inverses: list[Edit] = []
    try:
        for step in steps:
            try:
                batch = step(board)
            except EditError as error:
                if str(error) == "nothing to change" and len(steps) > 1:
                    continue  # one of several cards already stands where it goes
                raise
            inverses.append(apply_edit(board, batch))
            built.append(batch)
    finally:
        for inverse in reversed(inverses):
            apply_edit(board, inverse)
    if not built:
        raise EditError("nothing to change")
    return Batch(name, tuple(built))
