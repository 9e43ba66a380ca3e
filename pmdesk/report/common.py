"""What every export shares: names for ids, labels, formatted times."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pmdesk.model.board import Board, Card, Participant, Session, Theme
from pmdesk.model.derived import Ranked, cards_by_theme, ranking, section_items, tallies
from pmdesk.model.labels import label, plural  # noqa: F401  (every export names values and counts alike)
from pmdesk.model.readiness import action_gaps  # noqa: F401  (the report marks the same gaps)
from pmdesk.model.templates import PRIME_DIRECTIVE, PRIME_DIRECTIVE_AUTHOR  # noqa: F401  (quoted)
from pmdesk.model.times import parse_date, parse_time

NO_NAME = "(no name)"  # a participant whose name was left empty (the format allows it)


def ranked_label(entry: Ranked) -> str:
    """What a Top priorities row names: the theme's label or the card's text ("(empty card)")."""
    return entry.label if entry.label.strip() else "(empty card)"


def format_time(text: str | None) -> str:
    """An ISO time as ``20 Nov 2026 14:02 UTC`` (or ``UTC+01:00``), in the offset it was given."""
    try:
        value = parse_time(text)
    except ValueError:
        return text or ""
    if value is None:
        return ""
    offset = value.strftime("%z")  # +0100
    zone = "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{value.day} {value.strftime('%b %Y %H:%M')} {zone}"


def format_date(text: str | None) -> str:
    """A ``YYYY-MM-DD`` date as ``Thu 26 Nov 2026``; the raw text if malformed; '' for None."""
    try:
        value = parse_date(text)
    except ValueError:
        return text or ""
    return value.strftime("%a %d %b %Y") if value else ""


def format_session(session: Session) -> str:
    """When the post-mortem was held: ``Thu 26 Nov 2026 at 10:00``; '' when no date is set."""
    day = format_date(session.date)
    if not day:
        return ""
    return f"{day} at {session.start_time}" if session.start_time else day


@dataclass(frozen=True)
class View:
    """Look-ups over a board that every export needs."""

    board: Board

    def person(self, participant_id: str | None) -> Participant | None:
        """The participant with this id, or None."""
        return self._people.get(participant_id or "")

    def name(self, participant_id: str | None) -> str:
        """The participant's name ("(no name)" when it is blank), or '' when unknown or unset."""
        person = self.person(participant_id)
        if person is None:
            return ""
        return person.name if person.name.strip() else NO_NAME

    @cached_property
    def _people(self) -> dict[str, Participant]:
        return {person.id: person for person in self.board.participants}

    def theme_cards(self, theme_id: str) -> list[Card]:
        """A theme's cards in board order."""
        return self._members.get(theme_id, [])

    @cached_property
    def _members(self) -> dict[str, list[Card]]:
        return cards_by_theme(self.board)

    def facilitator(self) -> Participant | None:
        """The facilitator, if one is marked."""
        return next((p for p in self.board.participants if p.facilitator), None)

    def source_text(self, source_id: str | None) -> str:
        """What an action answers: the theme's label or the card's text; '' if none."""
        if not source_id:
            return ""
        for theme in self.board.themes:
            if theme.id == source_id:
                return theme.label or "(unlabelled theme)"
        for card in self.board.cards:
            if card.id == source_id:
                return card.text
        return ""

    def section_title(self, section_id: str) -> str:
        """The title of a section by id."""
        return next((s.title for s in self.board.sections if s.id == section_id), section_id)

    def ranked_items(self, section_id: str) -> list[tuple[Card | Theme, int]]:
        """A section's themes and loose cards with their dots, most dots first (stable)."""
        counts = tallies(self.board)
        items = [(item, counts[item.id]) for item in section_items(self.board, section_id)]
        items.sort(key=lambda pair: -pair[1])
        return items

    def top(self) -> list[Ranked]:
        """Themes and loose cards with dots, across sections, most dots first."""
        return ranking(self.board)
