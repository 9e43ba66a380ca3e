"""The open-actions register across a library: filters, and the table, CSV, JSON and iCalendar forms.

CSV cells go through the report's CSV-injection defence and iCalendar text through its escaping
(control characters removed), exactly as a single board's exports do.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import unicodedata
from collections.abc import Iterable

from pmdesk.library.index import ActionRow
from pmdesk.model.shown import shown
from pmdesk.report.common import label
from pmdesk.report.csv_export import defuse
from pmdesk.report.ics import PRIORITY, STATUS, escape_text, fold

FORMATS = ("table", "csv", "json", "ics")
COLUMNS = ("Board", "Date", "Action", "Owner", "Due", "Priority", "Status", "Answers", "Overdue", "File")
PRODID = "-//pmdesk//incident library actions//EN"


def today() -> str:
    """Today's local date as YYYY-MM-DD (what 'overdue' is measured against)."""
    return dt.date.today().isoformat()


def select(
    rows: Iterable[ActionRow],
    open_only: bool = False,
    overdue: bool = False,
    owner: str | None = None,
    on: str | None = None,
    service: str | None = None,
) -> list[ActionRow]:
    """The rows that pass the filters (owner and service compared without regard to case)."""
    day = on or today()
    wanted = owner.casefold().strip() if owner is not None else None
    kept = []
    for row in rows:
        if open_only and not row.is_open:
            continue
        if overdue and not row.overdue(day):
            continue
        if wanted is not None and row.owner.casefold().strip() != wanted:
            continue
        if service is not None and service.casefold() not in {s.casefold() for s in row.board.services}:
            continue
        kept.append(row)
    return kept


def _cells(row: ActionRow, day: str) -> list[str]:
    return [
        row.board.title,
        row.board.date or "",
        row.text,
        row.owner,
        row.due or "",
        row.priority,
        row.status,
        row.answers,
        "overdue" if row.overdue(day) else "",
        str(row.board.path),
    ]


def to_csv(rows: list[ActionRow], on: str | None = None) -> str:
    """The register as CSV text (every cell defused against spreadsheet formulas)."""
    day = on or today()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([defuse(cell) for cell in _cells(row, day)])
    return buffer.getvalue()


def to_json(rows: list[ActionRow], on: str | None = None) -> str:
    """The register as a JSON array of objects, one per action."""
    day = on or today()
    items = [
        {
            "board": str(row.board.path),
            "board_title": row.board.title,
            "board_date": row.board.date,
            "services": list(row.board.services),
            "id": row.action_id,
            "text": row.text,
            "owner": row.owner,
            "owner_email": row.owner_email,
            "due": row.due,
            "priority": row.priority,
            "status": row.status,
            "answers": row.answers,
            "overdue": row.overdue(day),
        }
        for row in rows
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def to_table(rows: list[ActionRow], on: str | None = None, width: int = 40) -> str:
    """The register as aligned plain-text columns (user text escaped and shortened to ``width``)."""
    day = on or today()
    header = ["Board", "Date", "Action", "Owner", "Due", "Priority", "Status", ""]
    lines = [header] + [
        [_cell(c, width) for c in _cells(row, day)[:7]] + ["OVERDUE" if row.overdue(day) else ""]
        for row in rows
    ]
    widths = [max(_width(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for line in lines:
        out.append("  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(line)).rstrip())
    return "\n".join(out) + "\n"


def _cell(text: str, width: int) -> str:
    text = shown(" ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "…"


def _width(text: str) -> int:
    """Columns a text takes in a terminal (East Asian wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _uid(seed: str) -> str:
    """A UID as a single board's export makes it (the same action keeps its UID in both)."""
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32] + "@pmdesk"


def to_ics(rows: list[ActionRow], now: dt.datetime | None = None) -> str:
    """The register as iCalendar: a to-do for each action with a due date."""
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    uids: set[str] = set()
    for row in rows:
        due = (row.due or "").replace("-", "")
        if len(due) != 8 or not due.isdigit():
            continue
        owner = row.owner or "no owner"
        description = f"Owner: {owner}\nPriority: {label(row.priority)}\nPost-mortem: {row.board.title}"
        if row.answers:
            description += f"\nAnswers: {row.answers}"
        uid = _uid(f"{row.board.reference}|{row.board.title}|action|{row.action_id}")
        if uid in uids:  # a copy of a board: its to-dos need UIDs of their own in this calendar
            uid = _uid(f"{row.board.path}|{row.board.reference}|{row.board.title}|action|{row.action_id}")
        uids.add(uid)
        lines += [
            "BEGIN:VTODO",
            f"UID:{uid}",
            f"DTSTAMP:{stamp}",
            f"SUMMARY:{escape_text(row.text)}",
            f"DESCRIPTION:{escape_text(description)}",
            f"DUE;VALUE=DATE:{due}",
            f"PRIORITY:{PRIORITY.get(row.priority, 0)}",
            f"STATUS:{STATUS.get(row.status, 'NEEDS-ACTION')}",
            "END:VTODO",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
