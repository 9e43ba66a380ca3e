"""Operations on everything but cards, themes and dots, each one named, undoable batch."""

from __future__ import annotations

from typing import Any

from pmdesk.model.board import (
    Action,
    Board,
    Participant,
    Section,
    TimelineEvent,
)
from pmdesk.model.card_ops import delete_cards, dissolve_theme
from pmdesk.model.derived import dots_used
from pmdesk.model.edits import Batch, EditError, find_index, target_of
from pmdesk.model.ids import new_id
from pmdesk.model.labels import plural
from pmdesk.model.recorder import finished, recording
from pmdesk.model.rules import FIELDS, MOST_SECTIONS, require
from pmdesk.model.times import timestamp_of

TIME_FIELDS = ("started_at", "detected_at", "mitigated_at", "resolved_at")


def _single(board: Board, name: str, collection: str, item_id: str | None, field: str, value: Any) -> Batch:
    with recording(board, name) as rec:
        rec.set(collection, item_id, field, value)
    return finished(rec)


# --- incident and session ---------------------------------------------------------------


def set_incident_field(board: Board, name: str, value: Any) -> Batch:
    """Change one field of "What happened"."""
    if name == "services" and isinstance(value, tuple):
        value = list(value)
    if ("incident", name) not in FIELDS:
        raise EditError(f"the incident has no field {name!r}")
    require("incident", name, value)
    return _single(board, f"Edit {name.replace('_', ' ')}", "incident", None, name, value)


def set_session_field(board: Board, name: str, value: Any) -> Batch:
    """Change one field of the session (date, dots per participant, ...)."""
    if ("session", name) not in FIELDS:
        raise EditError(f"the session has no field {name!r}")
    require("session", name, value)
    if name == "votes_per_participant":
        for person in board.participants:
            if dots_used(board, person.id) > value:
                raise EditError(
                    f"{person.name} has already placed {plural(dots_used(board, person.id), 'dot')}; "
                    "remove some before lowering the budget."
                )
    names = {
        "votes_hidden": "Hide tallies" if value else "Reveal tallies",
        "cards_revealed": "Reveal cards" if value else "Turn cards face down",
        "date": "Set session date",
        "start_time": "Set session start time",
        "check_in": "Set check-in date",
    }
    return _single(board, names.get(name, f"Edit {name.replace('_', ' ')}"), "session", None, name, value)


# --- timeline ---------------------------------------------------------------------------


def _sorted_index(board: Board, at: str | None, skip: str | None = None) -> int:
    """Where an event at ``at`` goes in the timeline, whose order is the board's (never re-sorted).

    A timed event goes before the first timed event that is later (so after equal times), else
    right after the last timed event (first if none is timed); an event without a time goes last.
    On a timeline in time order that is its place in time; on one imported out of order the
    events already there keep their places, and every view and report prints this order.
    """
    others = [event for event in board.timeline if event.id != skip]
    stamp = timestamp_of(at)
    if stamp is None:
        return len(others)
    after_timed = 0
    for index, event in enumerate(others):
        other = timestamp_of(event.at)  # each time parsed once
        if other is not None:
            if other > stamp:
                return index
            after_timed = index + 1
    return after_timed


def add_event(board: Board, at: str | None, kind: str, text: str, event_id: str | None = None) -> Batch:
    """Add a timeline event at its place in time (see ``_sorted_index``)."""
    require("timeline", "at", at)
    require("timeline", "kind", kind)
    require("timeline", "text", text)
    with recording(board, "Add timeline event") as rec:
        rec.insert(
            "timeline",
            _sorted_index(board, at),
            TimelineEvent(event_id or new_id("e"), at, kind, text),
        )
    return finished(rec)


def add_events(board: Board, events: list[tuple[str | None, str, str]]) -> Batch:
    """Add several events (time, kind, text) as one step, as when pasting lines."""
    if not events:
        raise EditError("no events to add")
    with recording(board, f"Add {len(events)} timeline events") as rec:
        for at, kind, text in events:
            require("timeline", "at", at)
            require("timeline", "kind", kind)
            require("timeline", "text", text)
            rec.insert("timeline", _sorted_index(board, at), TimelineEvent(new_id("e"), at, kind, text))
    return finished(rec)


def set_event_field(board: Board, event_id: str, name: str, value: Any) -> Batch:
    """Change an event's time, kind or text; a new time moves it to its place in order."""
    if name not in ("at", "kind", "text"):
        raise EditError(f"timeline events have no field {name!r}")
    require("timeline", name, value)
    with recording(board, f"Edit event {'time' if name == 'at' else name}") as rec:
        rec.set("timeline", event_id, name, value)
        if name == "at":
            source = find_index(board, "timeline", event_id)
            rec.move("timeline", source, _sorted_index(board, value, skip=event_id))
    return finished(rec)


def delete_event(board: Board, event_id: str) -> Batch:
    """Delete a timeline event."""
    with recording(board, "Delete timeline event") as rec:
        rec.remove("timeline", event_id)
    return finished(rec)


# --- participants -----------------------------------------------------------------------


def add_participant(
    board: Board,
    name: str,
    color: str,
    role: str = "",
    email: str = "",
    participant_id: str | None = None,
) -> Batch:
    """Add a participant at the end of the avatar bar."""
    for field, value in (("name", name), ("role", role), ("email", email), ("color", color)):
        require("participants", field, value)
    with recording(board, "Add participant") as rec:
        rec.append("participants", Participant(participant_id or new_id("p"), name, role, email, color))
    return finished(rec)


def set_participant_field(board: Board, participant_id: str, name: str, value: Any) -> Batch:
    """Rename, recolour, or change role, email or the facilitator flag."""
    if name not in ("name", "role", "email", "color", "facilitator"):
        raise EditError(f"participants have no field {name!r}")
    require("participants", name, value)
    with recording(board, f"Set participant {name}") as rec:
        if name == "facilitator" and value:
            for other in board.participants:
                if other.facilitator and other.id != participant_id:
                    rec.set("participants", other.id, "facilitator", False)
        rec.set("participants", participant_id, name, value)
    return finished(rec)


def remove_participant(
    board: Board, participant_id: str, cards_to: str | None = None, delete_cards_too: bool = False
) -> Batch:
    """Remove a participant: their dots go, their actions lose the owner, their cards go to ``cards_to``
    (another participant, or nobody), or are deleted with ``delete_cards_too``."""
    target_of(board, "participants", participant_id)
    if cards_to == participant_id:
        raise EditError("choose someone else to take the cards")
    if cards_to is not None:
        find_index(board, "participants", cards_to)
    with recording(board, "Remove participant") as rec:
        written = [card.id for card in board.cards if card.author == participant_id]
        if delete_cards_too and written:
            rec.include(delete_cards(board, written))
        else:
            for card_id in written:
                rec.set("cards", card_id, "author", cards_to)
        for index in reversed(range(len(board.votes))):
            if board.votes[index].participant == participant_id:
                rec.remove_at("votes", index)
        for action in board.actions:
            if action.owner == participant_id:
                rec.set("actions", action.id, "owner", None)
        rec.remove("participants", participant_id)
    return finished(rec)


def move_item(board: Board, collection: str, item_id: str, target: int, name: str) -> Batch:
    """Move an item of a list to another position (sections, participants, actions, agenda)."""
    with recording(board, name) as rec:
        rec.move(collection, find_index(board, collection, item_id), target)
    return finished(rec)


# --- sections ---------------------------------------------------------------------------


def add_section(
    board: Board,
    title: str,
    prompt: str = "",
    section_id: str | None = None,
    index: int | None = None,
) -> Batch:
    """Add a section (a column); a board holds at most ``MOST_SECTIONS``."""
    require("sections", "title", title)
    require("sections", "prompt", prompt)
    if len(board.sections) >= MOST_SECTIONS:
        raise EditError(f"A board holds at most {MOST_SECTIONS} sections.")
    with recording(board, "Add section") as rec:
        at = len(board.sections) if index is None else index
        rec.insert("sections", at, Section(section_id or new_id("s"), title, prompt))
    return finished(rec)


def set_section_field(board: Board, section_id: str, name: str, value: str) -> Batch:
    """Rename a section or change its prompt."""
    if name not in ("title", "prompt"):
        raise EditError(f"sections have no field {name!r}")
    require("sections", name, value)
    return _single(board, f"Edit section {name}", "sections", section_id, name, value)


def remove_section(board: Board, section_id: str, cards_to: str | None = None) -> Batch:
    """Remove a section; its cards and themes move to ``cards_to``, or are deleted with it."""
    target_of(board, "sections", section_id)
    if len(board.sections) == 1:
        raise EditError("A board keeps at least one section.")
    if cards_to == section_id:
        raise EditError("choose another section for the cards")
    if cards_to is not None:
        find_index(board, "sections", cards_to)
    with recording(board, "Remove section") as rec:
        held = [card.id for card in board.cards if card.section == section_id]
        if cards_to is None:
            if held:
                rec.include(delete_cards(board, held))
            # Themes without cards are left; their dots and action links must go with them.
            for theme in [t for t in board.themes if t.section == section_id]:
                dissolve_theme(rec, theme.id, None)
        else:
            for theme in board.themes:
                if theme.section == section_id:
                    rec.set("themes", theme.id, "section", cards_to)
            for card_id in held:
                rec.set("cards", card_id, "section", cards_to)
        rec.remove("sections", section_id)
    return finished(rec)


def replace_sections(board: Board, sections: list[Section]) -> Batch:
    """Apply a template's sections to an empty board (one without cards or themes)."""
    if board.cards or board.themes:
        raise EditError("Templates apply to boards without cards.")
    if not sections:
        raise EditError("A template has at least one section.")
    if len(sections) > MOST_SECTIONS:
        raise EditError(f"A template has at most {MOST_SECTIONS} sections; this one has {len(sections):,}.")
    with recording(board, "Apply template") as rec:
        for section in list(board.sections):
            rec.remove("sections", section.id)
        for section in sections:
            rec.append("sections", Section(section.id, section.title, section.prompt))
    return finished(rec)


# --- actions ----------------------------------------------------------------------------


def _check_action_field(board: Board, name: str, value: Any) -> None:
    if name in ("text", "due", "status", "priority"):
        require("actions", name, value)
    elif name == "owner":
        if value is not None:
            find_index(board, "participants", value)
    elif name == "source":
        ids = {card.id for card in board.cards if not card.pending} | {theme.id for theme in board.themes}
        if value is not None and value not in ids:
            raise EditError("an action answers a card or a theme of this board")
    else:
        raise EditError(f"actions have no field {name!r}")


def add_action(
    board: Board,
    text: str = "",
    source: str | None = None,
    action_id: str | None = None,
    **fields: Any,
) -> Batch:
    """Add an action, maybe answering a card or theme (``source``)."""
    action = Action(action_id or new_id("a"), text, source=source)
    for name, value in {"text": text, "source": source, **fields}.items():
        _check_action_field(board, name, value)
        setattr(action, name, value)
    with recording(board, "Add action") as rec:
        rec.append("actions", action)
    return finished(rec)


def set_action_field(board: Board, action_id: str, name: str, value: Any) -> Batch:
    """Change an action's text, owner, due date, status, priority or source."""
    _check_action_field(board, name, value)
    return _single(board, f"Set action {name}", "actions", action_id, name, value)


def delete_action(board: Board, action_id: str) -> Batch:
    """Delete an action."""
    with recording(board, "Delete action") as rec:
        rec.remove("actions", action_id)
    return finished(rec)


# --- agenda -----------------------------------------------------------------------------


def set_phase_field(board: Board, phase_id: str, name: str, value: Any) -> Batch:
    """Change a phase's planned minutes, title, or the time actually spent."""
    if name not in ("minutes", "actual_seconds", "title"):
        raise EditError(f"agenda phases have no field {name!r}")
    require("agenda", name, value)
    names = {
        "minutes": "Set phase minutes",
        "actual_seconds": "Record time spent",
        "title": "Rename phase",
    }
    return _single(board, names[name], "agenda", phase_id, name, value)
