"""Real boards for the library's tests, written by the store from the demo board."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pmdesk.model.board import Action, Board, Card
from pmdesk.model.demo import demo_board
from pmdesk.store.board_file import create_file


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
