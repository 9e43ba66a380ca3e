"""Real boards for the library's tests, written by the store from the demo board, and the real CLI."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

from pmdesk.model.board import Action, Board, Card, Theme
from pmdesk.model.demo import demo_board
from pmdesk.store.board_file import create_file

Z = "+00:00"


def board(title: str, cards: list[str] = (), date: str = "2026-11-26", **incident: object) -> Board:  # type: ignore[assignment]
    """The demo board under another title and date, with extra cards in its first section."""
    made = demo_board()
    made.incident = dataclasses.replace(made.incident, title=title, **incident)  # type: ignore[arg-type]
    made.session.date = date
    section = made.sections[0].id
    made.cards += [Card(f"x{n}", section, text, made.participants[0].id) for n, text in enumerate(cards)]
    return made


def write(path: Path, made: Board) -> Path:
    """Write a board file (folders made as needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    create_file(path, made, overwrite=True)
    return path


def with_actions(made: Board, *actions: Action) -> Board:
    """The board with these actions instead of its own."""
    made.actions = list(actions)
    return made


def plain_board(
    title: str,
    date: str,
    cards: list[str] = (),  # type: ignore[assignment]
    themes: list[str] = (),  # type: ignore[assignment]
    services: list[str] = (),  # type: ignore[assignment]
    kind: str = "outage",
    severity: str = "SEV2",
    minutes: tuple[int, int, int] | None = None,
    summary: str = "",
) -> Board:
    """The demo board emptied of its cards, themes and actions, with these instead."""
    made = demo_board()
    made.cards, made.themes, made.actions, made.timeline, made.votes = [], [], [], [], []
    incident = made.incident
    incident.title, incident.kind, incident.severity = title, kind, severity
    incident.services, incident.summary, incident.impact, incident.initial_response = (
        list(services),
        summary,
        "",
        "",
    )
    incident.reference = ""
    start = f"{date}T10:00:00{Z}"
    incident.started_at = start
    if minutes is None:
        incident.detected_at = incident.mitigated_at = incident.resolved_at = None
    else:
        detect, mitigate, resolve = minutes
        incident.detected_at = f"{date}T10:{detect:02d}:00{Z}"
        incident.mitigated_at = f"{date}T{10 + mitigate // 60}:{mitigate % 60:02d}:00{Z}"
        incident.resolved_at = f"{date}T{10 + resolve // 60}:{resolve % 60:02d}:00{Z}"
    made.session.date = date
    made.session.takeaways = ""
    section = made.sections[0].id
    author = made.participants[0].id
    made.themes = [Theme(f"t{n}", section, label) for n, label in enumerate(themes)]
    made.cards = [Card(f"c{n}", section, text, author) for n, text in enumerate(cards)]
    return made


def earlier_incidents(folder: Path, open_action: str, done_action: str) -> Path:
    """Two earlier boards: a checkout failover with one open and one done action, and a CDN incident."""
    owner = demo_board().participants[0]
    earlier = plain_board("Checkout database failover", "2026-03-04", services=["checkout-api"])
    earlier.actions = [
        Action("a1", open_action, owner=owner.id, due="2026-04-01", status="open"),
        Action("a2", done_action, owner=owner.id, status="done"),
    ]
    write(folder / "failover.pmdesk", earlier)
    write(folder / "cdn.pmdesk", plain_board("CDN certificate expired", "2026-06-01", services=["cdn"]))
    return folder


def pmdesk(*args: object, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the real command line."""
    return subprocess.run(
        [sys.executable, "-m", "pmdesk", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
