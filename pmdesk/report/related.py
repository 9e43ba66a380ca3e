"""Earlier incidents related to a board, as the report shows them (filled in by the library)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RelatedAction:
    """An open action of an earlier incident."""

    text: str
    owner: str
    due: str | None
    status: str
    overdue: bool = False


@dataclass(frozen=True)
class RelatedIncident:
    """An earlier incident like this one: its title and date, why it is related, its open actions."""

    title: str
    date: str | None
    services: tuple[str, ...]  # the services it shares with this board
    similar: tuple[str, ...]  # terms its text shares with this board's
    actions: tuple[RelatedAction, ...] = ()  # its open actions (on the shared services)

    @property
    def reason(self) -> str:
        """Why it is related, in one line."""
        parts = []
        if self.services:
            parts.append("same services: " + ", ".join(self.services))
        if self.similar:
            parts.append("similar text: " + ", ".join(self.similar))
        return "; ".join(parts)
