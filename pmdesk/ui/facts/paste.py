"""Turn pasted lines such as ``14:02 Config push to gateway`` into timeline events (no Qt)."""

from __future__ import annotations

import datetime as dt
import re

LINE = re.compile(
    r"""^\s*
    (?:(?P<date>\d{4}-\d{2}-\d{2})[T\s]+)?
    (?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?
    (?:\s*(?:Z|UTC|[+-]\d{2}:?\d{2}))?
    [\s\-–—:|,]+
    (?P<text>.*\S)\s*$""",
    re.VERBOSE,
)

# First match wins: "status page resolved" is a resolution, not a page.
KIND_WORDS = (
    ("resolution", ("resolved", "resolution", "all clear")),
    ("mitigation", ("rollback", "rolled back", "roll back", "revert", "mitigat", "failover", "failed over")),
    ("detection", ("alert", "page", "paged", "detect", "noticed")),
    ("escalation", ("escalat", "declare", "incident commander")),
    ("trigger", ("deploy", "push", "release", "config change", "migration")),
)

Event = tuple[str | None, str, str]


def guess_kind(text: str) -> str:
    """The event kind suggested by the words of ``text`` ("note" when nothing matches)."""
    lower = text.lower()
    for kind, words in KIND_WORDS:
        if any(word in lower for word in words):
            return kind
    return "note"


def _local(day: dt.date, hour: int, minute: int, second: int) -> dt.datetime:
    naive = dt.datetime.combine(day, dt.time(hour, minute, second))
    return naive.astimezone()  # the machine's local offset for that day


def parse_lines(text: str, day: dt.date) -> list[Event]:
    """Events (ISO time with the local offset, kind, text), one per timed line.

    Lines without a time continue the previous event's text; a time-only line that falls
    more than 12 hours before the previous one is taken to be on the next day.
    """
    events: list[Event] = []
    previous: dt.datetime | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        match = LINE.match(line)
        if match is None or int(match["hour"]) > 23 or int(match["minute"]) > 59:
            if events:
                at, kind, before = events[-1]
                events[-1] = (at, kind, f"{before} {line}")
            else:
                events.append((None, guess_kind(line), line))
            continue
        on = dt.date.fromisoformat(match["date"]) if match["date"] else day
        when = _local(on, int(match["hour"]), int(match["minute"]), int(match["second"] or 0))
        if not match["date"] and previous is not None and when < previous - dt.timedelta(hours=12):
            when = _local(previous.date() + dt.timedelta(days=1), when.hour, when.minute, when.second)
        previous = when
        events.append((when.isoformat(timespec="seconds"), guess_kind(match["text"]), match["text"]))
    return [(at, guess_kind(body) if kind == "note" else kind, body) for at, kind, body in events]
