"""The facilitator's choices on the board that live in the window, not in the board file."""

from __future__ import annotations

from dataclasses import dataclass

from pmdesk.model.board import Board
from pmdesk.model.derived import dots_left


@dataclass
class BoardSession:
    """Voting on or off, who votes, whose cards stand out, and what the find line looks for."""

    voting: bool = False
    voter: str | None = None  # a participant id, or None for the room's dots
    highlight: str | None = None  # a participant whose cards and dots stand out
    find: str = ""

    def chosen(self) -> str | None:
        """The avatar shown as chosen: the voter while voting, else the highlighted person."""
        return self.voter if self.voting else self.highlight

    def avatar_clicked(self, person_id: str) -> None:
        """While voting a click chooses the voter; otherwise it highlights a person, or stops."""
        if self.voting:
            self.voter = person_id
        else:
            self.highlight = None if self.highlight == person_id else person_id

    def first_voter(self, board: Board) -> str | None:
        """Who votes first when voting starts: the first person with dots left (or the first)."""
        people = board.participants
        if not people:
            return None
        return next((p.id for p in people if dots_left(board, p.id) > 0), people[0].id)
