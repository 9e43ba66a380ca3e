"""What the room sees when the facilitator brings an earlier incident to the projector."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pmdesk.model.labels import label
from pmdesk.report.related import RelatedIncident
from pmdesk.ui.meeting.render import Look, column


def related_view(look: Look, item: RelatedIncident) -> QWidget:
    """An earlier incident: its title and date, why it is like this one, and its open actions."""
    widget, layout = column(look.px(0.4))
    c = look.colours
    layout.addWidget(look.label("An earlier incident like this one", 0.9, c.muted, bold=True))
    layout.addWidget(look.label(item.title, 1.3, c.accent, bold=True))
    layout.addWidget(look.label(item.date or "no date", 0.9, c.muted))
    if item.reason:
        layout.addWidget(look.label(item.reason[:1].upper() + item.reason[1:], 0.9))
    layout.addWidget(look.label("Its open actions", 0.9, c.accent, bold=True))
    if not item.actions:
        layout.addWidget(look.label("None: every action is done or dropped.", 1.0, c.muted))
    for action in item.actions:
        owner = action.owner or "no owner"
        due = f" · due {action.due}" + (" (overdue)" if action.overdue else "") if action.due else ""
        layout.addWidget(
            look.note(f"{action.text}\n{owner} · {label(action.status)}{due}", c.card, c.card_text, 1.0)
        )
    layout.addStretch(1)
    return widget
