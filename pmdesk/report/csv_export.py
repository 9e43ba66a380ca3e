"""The actions as CSV for spreadsheets: UTF-8 with a BOM, owner names, the source's text."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from pmdesk.atomic import write_atomic
from pmdesk.model.board import Board
from pmdesk.report.common import View

_FORMULA_TRIGGERS = frozenset("=+-@|")
_LEADING_TRIGGERS = frozenset("\t\r\n")
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
                defuse(cell)
                for cell in (
                    action.text,
                    person.name if person else "",
                    person.email if person else "",
                    action.due or "",
                    action.priority,
                    action.status,
                    view.source_text(action.source),
                )
            ]
        )
    return buffer.getvalue()


def defuse(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP's CSV-injection rule, applied to every cell).

    A cell is prefixed with ``'`` when it starts with a tab, a CR or a line feed, or when its first
    character after white space and invisible characters is ``= + - @ |`` or a look-alike that a
    spreadsheet may read as one (fullwidth ``＝``, small ``﹦``: anything that NFKC folds to them).
    """
    if not text:
        return text
    if text[0] in _LEADING_TRIGGERS:
        return "'" + text
    start = 0
    while start < len(text) and (text[start].isspace() or unicodedata.category(text[start]) in ("Cc", "Cf")):
        start += 1
    first = unicodedata.normalize("NFKC", text[start : start + 1])[:1]
    return "'" + text if first and first in _FORMULA_TRIGGERS else text


def csv_bytes(board: Board) -> bytes:
    """The actions CSV as a file holds it: UTF-8 with a BOM."""
    return to_csv(board).encode("utf-8-sig")


def write_csv(board: Board, path: Path) -> None:
    """Write the actions CSV atomically, UTF-8 with a BOM."""
    write_atomic(Path(path), csv_bytes(board))
