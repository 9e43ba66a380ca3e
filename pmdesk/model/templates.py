"""The default template: sections, agenda, and the texts shown while setting the tone."""

from __future__ import annotations

from pmdesk.model.board import UNTITLED, AgendaPhase, Board, Incident, Section, Session

PRIME_DIRECTIVE = (
    "Regardless of what we discover, we understand and truly believe that everyone did "
    "the best job they could, given what they knew at the time, their skills and "
    "abilities, the resources available, and the situation at hand."
)
PRIME_DIRECTIVE_AUTHOR = "Norm Kerth, Project Retrospectives"
BLAMELESS_REMINDER = (
    "This is a blameless post-mortem. We look for causes in systems, tools and "
    "conditions, not in people. Speak about what happened, not who is to blame."
)

DEFAULT_SECTIONS = (
    ("went-well", "What went well", "Positive responses, adaptations, and effective mitigations"),
    ("lessons", "Lessons learned", "What surprised us, what we now understand better"),
    ("future", "Future considerations", "What should we change, add or try next time"),
    ("ongoing", "What is an ongoing problem", "Risks and weaknesses that are still there"),
)

DEFAULT_AGENDA = (
    ("tone", "Set the tone", 5),
    ("facts", "Review the facts", 10),
    ("reflection", "Individual reflection", 10),
    ("discussion", "Group discussion", 20),
    ("themes", "Theme identification", 8),
    ("prioritization", "Prioritization", 5),
    ("actions", "Action planning", 12),
    ("wrap-up", "Wrap-up", 5),
)


def default_sections() -> list[Section]:
    """The four sections of the default template."""
    return [Section(id_, title, prompt) for id_, title, prompt in DEFAULT_SECTIONS]


def default_agenda() -> list[AgendaPhase]:
    """The eight phases of the session with their default minutes."""
    return [AgendaPhase(id_, title, minutes) for id_, title, minutes in DEFAULT_AGENDA]


def new_board(title: str = UNTITLED) -> Board:
    """An empty board with the default template."""
    return Board(
        incident=Incident(title=title),
        sections=default_sections(),
        session=Session(),
        agenda=default_agenda(),
    )
