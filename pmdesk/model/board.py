"""The board's dataclasses: everything a post-mortem board holds, in display order."""

from __future__ import annotations

from dataclasses import dataclass, field

INCIDENT_KINDS = (
    "outage",
    "customer-impact",
    "critical-bug",
    "deployment-failure",
    "security",
    "other",
)
EVENT_KINDS = (
    "trigger",
    "detection",
    "escalation",
    "action",
    "communication",
    "mitigation",
    "resolution",
    "note",
)
ACTION_STATUSES = ("open", "in-progress", "done", "dropped")
ACTION_PRIORITIES = ("high", "medium", "low")
DEFAULT_VOTES_PER_PARTICIPANT = 3


UNTITLED = "Untitled incident"  # a new board's title until the facilitator names the incident


@dataclass
class Incident:
    """What happened: the facts prepared before the meeting."""

    title: str = UNTITLED
    reference: str = ""
    kind: str = "outage"
    severity: str = ""
    services: list[str] = field(default_factory=list)
    started_at: str | None = None
    detected_at: str | None = None
    mitigated_at: str | None = None
    resolved_at: str | None = None
    summary: str = ""
    impact: str = ""
    initial_response: str = ""


@dataclass
class TimelineEvent:
    """One timestamped event of the incident's timeline."""

    id: str
    at: str | None = None
    kind: str = "note"
    text: str = ""


@dataclass
class Participant:
    """A person in the room (or who wrote cards)."""

    id: str
    name: str
    role: str = ""
    email: str = ""
    color: str = "#1f77b4"
    facilitator: bool = False


@dataclass
class Section:
    """A column of the board, such as "What went well"."""

    id: str
    title: str
    prompt: str = ""


@dataclass
class Theme:
    """A group of cards of one section, with a label."""

    id: str
    section: str
    label: str = ""
    notes: str = ""


@dataclass
class Card:
    """One contribution: a sticky note in a section, maybe inside a theme."""

    id: str
    section: str
    text: str = ""
    author: str | None = None
    theme: str | None = None
    notes: str = ""
    hint_silenced: bool = False
    # Written on a participant's device and not yet revealed: face down on the projector,
    # left out of the report (pmdesk/model/room_ops.py).
    pending: bool = False


@dataclass
class Vote:
    """One dot on a card or theme; ``participant`` None is a room dot outside every budget."""

    participant: str | None
    target: str


@dataclass
class Action:
    """A follow-up action with an owner and a due date."""

    id: str
    text: str = ""
    owner: str | None = None
    due: str | None = None
    status: str = "open"
    priority: str = "medium"
    source: str | None = None


@dataclass
class Session:
    """Facts about the meeting itself (``start_time`` is the local wall-clock ``HH:MM``)."""

    date: str | None = None
    votes_per_participant: int = DEFAULT_VOTES_PER_PARTICIPANT
    votes_hidden: bool = False
    takeaways: str = ""
    check_in: str | None = None
    start_time: str | None = None
    # Where the meeting stands, so a board reopened mid-meeting comes back to it: the id of the
    # agenda phase under way and the window's page shown ("board", "actions", ...).
    current_phase: str | None = None
    current_page: str | None = None
    # The card or theme in focus on the Focus page (group discussion), so it comes back there.
    current_item: str | None = None
    # The room has been shown the reflection cards (Reveal cards); until then it sees them face
    # down. Kept in the board so a board reopened mid-meeting does not hide them again.
    cards_revealed: bool = False


@dataclass
class AgendaPhase:
    """One time-boxed phase of the meeting."""

    id: str
    title: str
    minutes: int
    actual_seconds: int | None = None


@dataclass
class Board:
    """The whole post-mortem board."""

    incident: Incident = field(default_factory=Incident)
    timeline: list[TimelineEvent] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    session: Session = field(default_factory=Session)
    agenda: list[AgendaPhase] = field(default_factory=list)


# The lists of a board that hold items with ids, by the name used in edits, the store and JSON.
ITEM_TYPES: dict[str, type] = {
    "timeline": TimelineEvent,
    "participants": Participant,
    "sections": Section,
    "themes": Theme,
    "cards": Card,
    "actions": Action,
    "agenda": AgendaPhase,
    "votes": Vote,
}
