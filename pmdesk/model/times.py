"""Times and dates as the board stores them (ISO 8601 strings) and the durations between them."""

from __future__ import annotations

import datetime as dt

# Times and dates a board holds: a day inside Python's years 1..9999 on each side, so that any
# time zone can show them (converting 0001-01-01T00:00+00:00 to UTC−1 overflows).
FIRST_YEAR = 2
LAST_YEAR = 9998


def _in_range(value: dt.date, text: str) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"{text!r} is outside the years {FIRST_YEAR} to {LAST_YEAR}")


def parse_time(text: str | None) -> dt.datetime | None:
    """An ISO 8601 time with an offset, or None for None; ValueError if malformed."""
    if text is None:
        return None
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"time {text!r} has no offset")
    _in_range(value, text)
    return value


def parse_date(text: str | None) -> dt.date | None:
    """A ``YYYY-MM-DD`` date, or None for None; ValueError if malformed."""
    if text is None:
        return None
    if len(text) != 10:
        raise ValueError(f"date {text!r} is not YYYY-MM-DD")
    value = dt.date.fromisoformat(text)
    _in_range(value, text)
    return value


def parse_clock(text: str | None) -> dt.time | None:
    """A local wall-clock time ``HH:MM`` (24-hour), or None for None; ValueError if malformed."""
    if text is None:
        return None
    if len(text) != 5 or text[2] != ":" or not (text[:2] + text[3:]).isdigit():
        raise ValueError(f"time of day {text!r} is not HH:MM")
    return dt.time(int(text[:2]), int(text[3:]))


def is_clock(text: object) -> bool:
    """True if ``text`` is a 24-hour ``HH:MM`` time of day."""
    try:
        return isinstance(text, str) and parse_clock(text) is not None
    except ValueError:
        return False


def is_time(text: object) -> bool:
    """True if ``text`` is an ISO 8601 time with an offset."""
    try:
        return isinstance(text, str) and parse_time(text) is not None
    except ValueError:
        return False


def is_date(text: object) -> bool:
    """True if ``text`` is a ``YYYY-MM-DD`` date."""
    try:
        return isinstance(text, str) and parse_date(text) is not None
    except ValueError:
        return False


def timestamp_of(text: object) -> float | None:
    """The POSIX timestamp of an ISO 8601 time with an offset (None if ``text`` is not one)."""
    try:
        value = parse_time(text) if isinstance(text, str) else None
    except ValueError:
        return None
    return None if value is None else value.timestamp()


def time_sort_key(text: str | None) -> tuple[int, float]:
    """Sort key that puts times in order and unknown times last."""
    stamp = timestamp_of(text)
    return (1, 0.0) if stamp is None else (0, stamp)


def human_duration(seconds: float | None) -> str:
    """A duration such as ``7 min``, ``1 h 28 min`` or ``2 d 3 h``; a dash when unknown."""
    if seconds is None:
        return "—"
    sign = "−" if seconds < 0 else ""
    minutes = round(abs(seconds) / 60)
    if minutes < 60:
        return f"{sign}{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{sign}{hours} h {minutes} min" if minutes else f"{sign}{hours} h"
    days, hours = divmod(hours, 24)
    return f"{sign}{days} d {hours} h" if hours else f"{sign}{days} d"
