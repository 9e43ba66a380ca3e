"""Values computed from a board: tallies, ranking, dots left, incident durations."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from pmdesk.model.board import Board, Card, Incident, Theme
from pmdesk.model.times import parse_time


def tallies(board: Board) -> Counter[str]:
    """Dots per target id (cards and themes)."""
    return Counter(vote.target for vote in board.votes)


def dots_used(board: Board, participant_id: str) -> int:
    """How many dots a participant has placed."""
    return sum(1 for vote in board.votes if vote.participant == participant_id)


def dots_left(board: Board, participant_id: str) -> int:
    """How many dots a participant may still place."""
    return board.session.votes_per_participant - dots_used(board, participant_id)


def theme_cards(board: Board, theme_id: str) -> list[Card]:
    """The cards of a theme, in board order."""
    return [card for card in board.cards if card.theme == theme_id]


def section_items(board: Board, section_id: str) -> list[Card | Theme]:
    """What a section column shows, in order: loose cards and themes.

    A theme stands where its first card stands; themes without cards come last.
    """
    return _items(board, [card for card in board.cards if card.section == section_id], section_id)


def board_items(board: Board) -> list[Card | Theme]:
    """Every section's loose cards and themes, section by section, in one pass over the cards."""
    return [item for items in items_by_section(board).values() for item in items]


def items_by_section(board: Board) -> dict[str, list[Card | Theme]]:
    """Each section's loose cards and themes in column order, by section id (one pass)."""
    by_section: dict[str, list[Card]] = {section.id: [] for section in board.sections}
    for card in board.cards:
        by_section.setdefault(card.section, []).append(card)
    return {section.id: _items(board, by_section[section.id], section.id) for section in board.sections}


def cards_in_sections(board: Board, section_ids: set[str]) -> dict[str, list[Card]]:
    """The cards of some sections in board order, by section id in board order (one pass)."""
    by_section: dict[str, list[Card]] = {s.id: [] for s in board.sections if s.id in section_ids}
    if len(by_section) == 1:  # the usual edit: one section, one comprehension
        (only,) = by_section
        by_section[only] = [card for card in board.cards if card.section == only]
        return by_section
    for card in board.cards:
        if card.section in by_section:
            by_section[card.section].append(card)
    return by_section


def column_items(board: Board, cards: list[Card], section_id: str) -> list[Card | Theme]:
    """``section_items`` from the section's cards (as ``cards_in_sections`` gives them)."""
    return _items(board, cards, section_id)


def cards_by_theme(board: Board) -> dict[str, list[Card]]:
    """Each theme's cards in board order, by theme id (one pass; themes without cards are absent)."""
    members: dict[str, list[Card]] = {}
    for card in board.cards:
        if card.theme is not None:
            members.setdefault(card.theme, []).append(card)
    return members


def _items(board: Board, cards: list[Card], section_id: str) -> list[Card | Theme]:
    items: list[Card | Theme] = []
    themes = {theme.id: theme for theme in board.themes if theme.section == section_id}
    shown: set[str] = set()
    for card in cards:
        if card.theme is None:
            items.append(card)
        elif card.theme not in shown and card.theme in themes:
            shown.add(card.theme)
            items.append(themes[card.theme])
    items.extend(theme for theme_id, theme in themes.items() if theme_id not in shown)
    return items


class Ranked(NamedTuple):
    """A theme or loose card with its dot tally, for the Top priorities view."""

    target: Card | Theme
    section_id: str
    votes: int

    @property
    def label(self) -> str:
        """The theme's label or the card's text."""
        if isinstance(self.target, Theme):
            return self.target.label or "(unlabelled theme)"
        return self.target.text


def ranking(board: Board, section_id: str | None = None) -> list[Ranked]:
    """Themes and loose cards with at least one dot, most dots first (stable by board order)."""
    counts = tallies(board)
    ranked = [
        Ranked(item, item.section, counts[item.id])
        for section in board.sections
        if section_id in (None, section.id)
        for item in section_items(board, section.id)
        if counts[item.id] > 0
    ]
    ranked.sort(key=lambda entry: -entry.votes)
    return ranked


class Durations(NamedTuple):
    """Incident durations in seconds, measured from the start; None where a time is missing."""

    to_detect: float | None
    to_mitigate: float | None
    to_resolve: float | None


def _between(start: str | None, end: str | None) -> float | None:
    try:
        begin, finish = parse_time(start), parse_time(end)
    except ValueError:
        return None
    if begin is None or finish is None:
        return None
    return (finish - begin).total_seconds()


def durations(incident: Incident) -> Durations:
    """Time to detect, to mitigate and to resolve."""
    start = incident.started_at
    return Durations(
        _between(start, incident.detected_at),
        _between(start, incident.mitigated_at),
        _between(start, incident.resolved_at),
    )


def time_order_problems(incident: Incident) -> list[str]:
    """Human-readable warnings for incident times out of order (never blocking)."""
    order = [
        ("started", incident.started_at),
        ("detected", incident.detected_at),
        ("mitigated", incident.mitigated_at),
        ("resolved", incident.resolved_at),
    ]
    known = []
    for name, text in order:
        try:
            value = parse_time(text)
        except ValueError:
            continue
        if value is not None:
            known.append((name, value))
    problems = []
    for index, (name, value) in enumerate(known):
        for earlier_name, earlier in known[:index]:
            if value < earlier:
                problems.append(f"{name.capitalize()} is before {earlier_name}")
    return problems


def time_order_flag(incident: Incident) -> str:
    """The flag the window and the reports show when the incident's times are out of order ("" if not)."""
    problems = time_order_problems(incident)
    return "⚠ Times out of order: " + "; ".join(problems) + "." if problems else ""
