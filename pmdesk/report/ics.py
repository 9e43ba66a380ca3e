"""Due dates and the check-in as iCalendar (RFC 5545): a VTODO per action, a VEVENT for the check-in."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from pmdesk.atomic import write_atomic
from pmdesk.model.board import Board
from pmdesk.model.times import parse_date
from pmdesk.report.common import View, label

PRODID = "-//pmdesk//post-mortem report//EN"
PRIORITY = {"high": 1, "medium": 5, "low": 9}
STATUS = {"open": "NEEDS-ACTION", "in-progress": "IN-PROCESS", "done": "COMPLETED", "dropped": "CANCELLED"}


# RFC 5545 3.1: CONTROL (every C0 character but HTAB, and DEL) may not appear in a value; the C1
# controls are removed too (a calendar shows them as boxes or acts on them).
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), *range(0x0A, 0x20), *range(0x7F, 0xA0)])


def escape_text(text: str) -> str:
    """A TEXT value escaped per RFC 5545 3.3.11 (backslash, semicolon, comma, newline), controls removed."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return text.translate(_CONTROLS)


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _uid(board: Board, kind: str, item_id: str) -> str:
    """A UID stable for one item of one incident across exports."""
    seed = f"{board.incident.reference}|{board.incident.title}|{kind}|{item_id}"
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32] + "@pmdesk"


def _date(text: str | None) -> str | None:
    try:
        value = parse_date(text)
    except ValueError:
        return None
    return value.strftime("%Y%m%d") if value else None


def to_ics(board: Board, now: dt.datetime | None = None) -> str:
    """The calendar as text with CRLF line ends."""
    view = View(board)
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    title = board.incident.title
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
    for action in board.actions:
        due = _date(action.due)
        if due is None:
            continue
        owner = view.name(action.owner) or "no owner"
        description = f"Owner: {owner}\nPriority: {label(action.priority)}\nPost-mortem: {title}"
        source = view.source_text(action.source)
        if source:
            description += f"\nAnswers: {source}"
        lines += [
            "BEGIN:VTODO",
            f"UID:{_uid(board, 'action', action.id)}",
            f"DTSTAMP:{stamp}",
            f"SUMMARY:{escape_text(action.text)}",
            f"DESCRIPTION:{escape_text(description)}",
            f"DUE;VALUE=DATE:{due}",
            f"PRIORITY:{PRIORITY.get(action.priority, 0)}",
            f"STATUS:{STATUS.get(action.status, 'NEEDS-ACTION')}",
            "END:VTODO",
        ]
    check_in = _date(board.session.check_in)
    if check_in:
        end = (dt.datetime.strptime(check_in, "%Y%m%d") + dt.timedelta(days=1)).strftime("%Y%m%d")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid(board, 'check-in', 'session')}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{check_in}",
            f"DTEND;VALUE=DATE:{end}",
            f"SUMMARY:{escape_text('Post-mortem check-in: ' + title)}",
            f"DESCRIPTION:{escape_text(f'Follow up the actions of the post-mortem: {title}')}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def write_ics(board: Board, path: Path) -> None:
    """Write the iCalendar file atomically."""
    write_atomic(Path(path), to_ics(board).encode("utf-8"))
