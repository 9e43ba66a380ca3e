"""What the library keeps of a board: its facts, its searchable texts and its actions."""

from __future__ import annotations

import json
from dataclasses import dataclass

from pmdesk.library.text import clean
from pmdesk.model.board import Board
from pmdesk.report.common import View

# The kinds of thing a search hit can be, as the command line prints them.
KINDS = ("incident", "timeline", "card", "card-notes", "theme", "theme-notes", "action", "takeaways")


@dataclass(frozen=True)
class Entry:
    """One searchable text of a board."""

    kind: str
    item: str  # the card's, theme's, action's or event's id; the field's name for the incident
    text: str


def board_facts(board: Board) -> dict[str, object]:
    """The board's columns in the index: title, date, kind, severity, services, times."""
    incident = board.incident
    date = board.session.date or (incident.started_at or "")[:10] or None
    return {
        "title": incident.title,
        "reference": incident.reference,
        "kind": incident.kind,
        "severity": incident.severity,
        "services": json.dumps(incident.services, ensure_ascii=False),
        "date": date,
        "started_at": incident.started_at,
        "detected_at": incident.detected_at,
        "mitigated_at": incident.mitigated_at,
        "resolved_at": incident.resolved_at,
        "cards": len(board.cards),
    }


def entries(board: Board) -> list[Entry]:
    """Every text of the board a search can find, in board order (empty texts left out)."""
    incident = board.incident
    found = [
        Entry("incident", "title", incident.title),
        Entry("incident", "reference", incident.reference),
        Entry("incident", "services", ", ".join(incident.services)),
        Entry("incident", "summary", incident.summary),
        Entry("incident", "impact", incident.impact),
        Entry("incident", "initial_response", incident.initial_response),
    ]
    found += [Entry("timeline", event.id, event.text) for event in board.timeline]
    for theme in board.themes:
        found += [Entry("theme", theme.id, theme.label), Entry("theme-notes", theme.id, theme.notes)]
    for card in board.cards:
        found += [Entry("card", card.id, card.text), Entry("card-notes", card.id, card.notes)]
    found += [Entry("action", action.id, action.text) for action in board.actions]
    found.append(Entry("takeaways", "session", board.session.takeaways))
    return [Entry(e.kind, e.item, clean(e.text)) for e in found if e.text.strip()]


def action_rows(board: Board) -> list[tuple[object, ...]]:
    """The actions as index rows: position, id, text, owner, owner's email, due, priority, status, answers."""
    view = View(board)
    rows: list[tuple[object, ...]] = []
    for position, action in enumerate(board.actions):
        person = view.person(action.owner)
        rows.append(
            (
                position,
                action.id,
                action.text,
                person.name if person else "",
                person.email if person else "",
                action.due,
                action.priority,
                action.status,
                view.source_text(action.source),
            )
        )
    return rows
