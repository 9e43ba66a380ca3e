"""The demo board: a realistic post-mortem of a checkout outage, with deterministic ids."""

from __future__ import annotations

from pmdesk.model.board import (
    Action,
    Board,
    Card,
    Incident,
    Participant,
    Session,
    Theme,
    TimelineEvent,
    Vote,
)
from pmdesk.model.templates import default_agenda, default_sections

_DAY = "2026-11-20T"
_Z = "+00:00"

_TIMELINE = (
    ("14:02", "trigger", "Config push #4471 to payments-gateway: connection pool max lowered from 200 to 20"),
    ("14:05", "note", "Checkout p99 latency climbs from 350 ms to 4 s; no alert fires yet"),
    ("14:09", "detection", "Synthetic checkout probe fails three times in a row and pages the on-call"),
    ("14:12", "escalation", "On-call (Ben) declares SEV1 and pulls in Ana as incident commander"),
    ("14:15", "communication", "Status page: 'Some customers cannot complete checkout'"),
    ("14:24", "action", "Scaled checkout-api from 12 to 24 pods; errors unchanged"),
    ("14:31", "action", "Priya spots 'pool exhausted' errors in payments-gateway logs"),
    ("14:38", "mitigation", "Config push #4471 rolled back with the deploy tool's one-click revert"),
    ("14:41", "mitigation", "Checkout error rate back under 0.5%"),
    ("15:30", "resolution", "Queued orders replayed; status page resolved"),
)

_PEOPLE = (
    ("p1", "Ana Ruiz", "Incident commander", "ana@example.org", "#1f77b4", True),
    ("p2", "Ben Okafor", "On-call SRE", "ben@example.org", "#d62728", False),
    ("p3", "Priya Nair", "Payments engineer", "priya@example.org", "#2ca02c", False),
    ("p4", "Tom Becker", "Checkout team lead", "tom@example.org", "#9467bd", False),
    ("p5", "Mei Chen", "Customer support", "mei@example.org", "#ff7f0e", False),
)

_THEMES = (
    ("t1", "went-well", "Fast, safe rollback"),
    ("t2", "lessons", "Alerting saw symptoms late"),
    ("t3", "future", "Guard rails for config pushes"),
    ("t4", "ongoing", "Runbooks and ownership"),
)

# (id, section, author, theme, text)
_CARDS = (
    ("c1", "went-well", "p2", "t1", "One-click revert in the deploy tool took under a minute"),
    ("c2", "went-well", "p1", "t1", "We had the previous config version tagged, so nobody had to guess"),
    ("c3", "went-well", "p5", None, "Support had a status page link to send customers within 10 minutes"),
    ("c4", "went-well", "p3", None, "Payments logs said 'pool exhausted' in plain words - easy to spot"),
    ("c5", "went-well", "p4", None, "Incident channel stayed calm and on topic"),
    ("c6", "went-well", "p1", None, "Order replay script worked first time; no lost orders"),
    ("c7", "lessons", "p2", "t2", "The synthetic probe caught it, not our error-rate alerts"),
    ("c8", "lessons", "p3", "t2", "Gateway pool metrics exist but nobody alerts on them"),
    ("c9", "lessons", "p4", "t2", "Latency alert threshold (10 s p99) is far above what customers tolerate"),
    ("c10", "lessons", "p2", None, "Scaling checkout-api was a reasonable guess but cost us 7 minutes"),
    ("c11", "lessons", "p1", None, "The config change looked harmless in review: one number in a YAML file"),
    ("c12", "lessons", "p5", None, "Customers retried and created duplicate carts; support saw it first"),
    ("c13", "future", "p3", "t3", "Validate pool sizes against expected peak traffic in CI"),
    ("c14", "future", "p4", "t3", "Canary config pushes to 5% of gateway pods first"),
    ("c15", "future", "p1", "t3", "Show the diff of effective values, not just the YAML diff, in review"),
    ("c16", "future", "p2", None, "Add a 'what changed in the last hour' panel to the on-call dashboard"),
    (
        "c17",
        "future",
        "p5",
        None,
        "Template for the first status page update so nobody writes it from scratch",
    ),
    ("c18", "future", "p3", None, "Game day: practise a gateway config rollback"),
    ("c19", "ongoing", "p4", "t4", "Nobody clearly owns payments-gateway config"),
    ("c20", "ongoing", "p2", "t4", "The gateway runbook still describes the old deploy tool"),
    ("c21", "ongoing", "p3", None, "Config service has no schema: any value is accepted"),
    ("c22", "ongoing", "p1", None, "Alert fatigue: 40+ low-value pages a week on the checkout rotation"),
    ("c23", "ongoing", "p5", None, "Support learns about incidents from customers before the status page"),
    ("c24", "ongoing", "p4", None, "Load tests run against a staging pool size that differs from prod"),
)

# (participant, target); None is a dot counted by a show of hands in the room.
_VOTES = (
    ("p1", "t3"), ("p1", "t2"), ("p1", "c21"),
    ("p2", "t2"), ("p2", "t2"), ("p2", "c22"),
    ("p3", "t3"), ("p3", "c21"), ("p3", "t4"),
    ("p4", "t3"), ("p4", "t4"),
    ("p5", "c23"), ("p5", "t2"),
    (None, "t3"), (None, "c23"),
)  # fmt: skip

_ACTIONS = (
    ("a1", "Alert on payments-gateway connection pool saturation above 80%", "p3", "2026-12-04",
     "in-progress", "high", "t2"),
    ("a2", "Add pool-size validation and a 5% canary step to config pushes", "p4", "2026-12-11",
     "open", "high", "t3"),
    ("a3", "Name an owner for payments-gateway config and update its runbook", "p1", "2026-12-08",
     "open", "medium", "t4"),
    ("a4", "Post the first status page update from a template within 10 minutes", "p5", "2026-12-15",
     "open", "low", "c23"),
)  # fmt: skip


def demo_board() -> Board:
    """A complete, valid demo board (the same every time)."""
    sections = default_sections()
    return Board(
        incident=Incident(
            title="Checkout API outage after a payments-gateway config push",
            reference="INC-2041",
            kind="outage",
            severity="SEV1",
            services=["checkout-api", "payments-gateway", "status-page"],
            started_at=f"{_DAY}14:02:00{_Z}",
            detected_at=f"{_DAY}14:09:00{_Z}",
            mitigated_at=f"{_DAY}14:41:00{_Z}",
            resolved_at=f"{_DAY}15:30:00{_Z}",
            summary=(
                "A config push lowered the payments-gateway connection pool from 200 to 20. Under the "
                "afternoon peak the pool ran out and checkout requests failed for 39 minutes."
            ),
            impact="18% of checkout attempts failed; about 2,300 customers affected; no orders lost.",
            initial_response=(
                "The synthetic probe paged the on-call at 14:09. Scaling checkout-api did not help; "
                "the pool errors were found at 14:31 and the push was rolled back at 14:38."
            ),
        ),
        timeline=[
            TimelineEvent(f"e{n}", f"{_DAY}{hhmm}:00{_Z}", kind, text)
            for n, (hhmm, kind, text) in enumerate(_TIMELINE, start=1)
        ],
        participants=[Participant(*row) for row in _PEOPLE],
        sections=sections,
        themes=[Theme(id_, section, label) for id_, section, label in _THEMES],
        cards=[Card(id_, section, text, author, theme) for id_, section, author, theme, text in _CARDS],
        votes=[Vote(participant, target) for participant, target in _VOTES],
        actions=[Action(*row) for row in _ACTIONS],
        session=Session(
            date="2026-11-26",
            votes_per_participant=3,
            votes_hidden=False,
            takeaways="",
            check_in="2026-12-17",
            start_time="10:00",
        ),
        agenda=default_agenda(),
    )
