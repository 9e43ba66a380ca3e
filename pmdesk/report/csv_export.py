"""The actions as CSV for spreadsheets: UTF-8 with a BOM, owner names, the source's text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pmdesk.atomic import write_atomic
from pmdesk.model.board import Board
from pmdesk.report.common import View

COLUMNS = ("Action", "Owner", "Owner email", "Due", "Priority", "Status", "Answers")


def to_csv(board: Board) -> str:
    """The actions table as CSV text (no BOM)."""
    view = View(board)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for action in board.actions:
        person = view.person(action.owner)
        writer.writerow(
            [
                _defuse(action.text),
                _defuse(person.name if person else ""),
                _defuse(person.email if person else ""),
                action.due or "",
                action.priority,
                action.status,
                _defuse(view.source_text(action.source)),
            ]
        )
    return buffer.getvalue()


def _defuse(text: str) -> str:
    """Keep a spreadsheet from running a cell as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_csv(board: Board, path: Path) -> None:
    """Write the actions CSV atomically, UTF-8 with a BOM."""
    write_atomic(Path(path), to_csv(board).encode("utf-8-sig"))
