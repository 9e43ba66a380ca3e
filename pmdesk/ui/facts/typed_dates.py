"""Dates and times as a person types them: ISO, the locale's own form, or the form pmdesk shows.

Each parser returns a Qt value or raises :class:`TypedDateError` whose message is one line for the
user. Dates outside :data:`FIRST_YEAR`–:data:`LAST_YEAR` are refused: an incident, a session, a
due date or a check-in in 1789 is a typing slip, not a fact.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

FIRST_YEAR, LAST_YEAR = 2000, 2099
BASE_YEAR = 1950  # a two-digit year "26" is 2026, "99" is 1999 (then refused as out of range)
DATE_FORMAT = "ddd d MMM yyyy"  # how a date is shown
TIME_FORMAT = "HH:mm"
EXTRA_DATE_FORMATS = ("d MMM yyyy", "d MMMM yyyy", "ddd d MMMM yyyy", "MMM d yyyy", "MMMM d yyyy")
ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?:[:.h](?P<m>\d{2}))?(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?\s*m\.?)?", re.IGNORECASE
)
CLOCK_DIGITS = re.compile(r"(?P<h>\d{1,2})(?P<m>\d{2})")
TRAILING_CLOCK = re.compile(
    r"(?P<date>.*?)[\s,T]*(?P<clock>\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s*m\.?)?)", re.IGNORECASE
)


class TypedDateError(ValueError):
    """Typed text that is not a date or time pmdesk accepts; the message is for the user."""


def _quoted(text: str) -> str:
    shown = text if len(text) <= 40 else text[:37] + "..."
    return f"“{shown}”"


def _in_range(date: QDate, text: str) -> QDate:
    if not FIRST_YEAR <= date.year() <= LAST_YEAR:
        raise TypedDateError(
            f"{_quoted(text)}: the year {date.year()} is not plausible; "
            f"dates run from {FIRST_YEAR} to {LAST_YEAR}"
        )
    return date


def date_formats(locale: QLocale) -> list[str]:
    """The formats a typed date is tried in: the locale's short and long forms, then pmdesk's."""
    formats = []
    for kind in (QLocale.FormatType.ShortFormat, QLocale.FormatType.LongFormat):
        form = locale.dateFormat(kind)
        if "yyyy" not in form and "yy" in form:
            formats.append(form.replace("yy", "yyyy"))
        formats.append(form)
    return [*formats, DATE_FORMAT, *EXTRA_DATE_FORMATS]


def example_date(locale: QLocale) -> str:
    """How the locale writes 10 December 2026, for messages and placeholders."""
    return locale.toString(QDate(2026, 12, 10), locale.dateFormat(QLocale.FormatType.ShortFormat))


def parse_typed_date(text: str, locale: QLocale | None = None) -> QDate:
    """A date typed as ``2026-12-10``, in the locale's form, or as pmdesk shows it."""
    locale = locale or QLocale()
    clean = " ".join(text.replace(",", " ").split())
    iso = ISO_DATE.fullmatch(clean)
    if iso:
        date = QDate(*(int(part) for part in iso.groups()))
        if not date.isValid():
            raise TypedDateError(f"{_quoted(text)} is not a day of the calendar")
        return _in_range(date, text)
    for form in date_formats(locale):
        for reader in (locale, QLocale.c()):
            date = reader.toDate(clean, form.replace(",", ""), BASE_YEAR)
            if date.isValid():
                return _in_range(date, text)
    raise TypedDateError(f"{_quoted(text)} is not a date: type it like 2026-12-10 or {example_date(locale)}")


def parse_clock(text: str) -> QTime:
    """A time of day typed as ``14:05``, ``9.30``, ``930``, ``2:05 pm``."""
    clean = text.strip()
    match = CLOCK.fullmatch(clean) or CLOCK_DIGITS.fullmatch(clean)
    if match is None:
        raise TypedDateError(f"{_quoted(text)} is not a time of day: type it like 14:05")
    parts = match.groupdict()
    hour, minute, second = int(parts["h"]), int(parts.get("m") or 0), int(parts.get("s") or 0)
    ampm = (parts.get("ampm") or "").replace(".", "").replace(" ", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise TypedDateError(f"{_quoted(text)} is not a time of day")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    time = QTime(hour, minute, second)
    if not time.isValid():
        raise TypedDateError(f"{_quoted(text)} is not a time of day: hours 0–23, minutes 0–59")
    return time


def parse_typed_datetime(text: str, fallback: QDateTime, locale: QLocale | None = None) -> QDateTime:
    """A local date and time; a missing date or time of day is taken from ``fallback``.

    ``14:35`` keeps the day, ``2026-11-21`` keeps the time of day; ISO with an offset is
    turned into local time.
    """
    clean = " ".join(text.split())
    try:
        value = dt.datetime.fromisoformat(clean)
    except ValueError:
        value = None
    if value is not None and ("T" in clean or ":" in clean):
        if value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)
        date = _in_range(QDate(value.year, value.month, value.day), text)
        return QDateTime(date, QTime(value.hour, value.minute, value.second))
    match = TRAILING_CLOCK.fullmatch(clean)
    day = match["date"].strip() if match else clean
    if match is None or day:
        try:  # "10.12.26" is a German date, not the 10th at 12:26
            return QDateTime(parse_typed_date(clean, locale), fallback.time())
        except TypedDateError:
            if match is None:
                raise
    assert match is not None
    time = parse_clock(match["clock"])
    return QDateTime(parse_typed_date(day, locale) if day else fallback.date(), time)


def show_date(date: QDate, locale: QLocale | None = None) -> str:
    """A date as pmdesk shows it: ``Thu 10 Dec 2026``."""
    return (locale or QLocale()).toString(date, DATE_FORMAT)


def show_datetime(value: QDateTime, locale: QLocale | None = None) -> str:
    """A local date and time as pmdesk shows it: ``Fri 20 Nov 2026  14:02`` (seconds if any)."""
    time = value.time()
    form = "HH:mm:ss" if time.second() else TIME_FORMAT
    return f"{show_date(value.date(), locale)}  {time.toString(form)}"
