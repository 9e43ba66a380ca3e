"""Conversions between Qt dates and times and the ISO text a board stores."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime

from pmdesk.model.times import parse_date, parse_time


def to_local(text: str | None) -> dt.datetime | None:
    """A stored time as a naive local time (None for missing or malformed)."""
    try:
        value = parse_time(text)
    except ValueError:
        return None
    return None if value is None else value.astimezone().replace(tzinfo=None)


def iso_to_qdatetime(text: str | None) -> QDateTime | None:
    """A stored ISO time as a local QDateTime."""
    local = to_local(text)
    if local is None:
        return None
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second))


def qdatetime_to_iso(value: QDateTime) -> str:
    """A local QDateTime as ISO text with the machine's local offset."""
    date, time = value.date(), value.time()
    naive = dt.datetime(date.year(), date.month(), date.day(), time.hour(), time.minute(), time.second())
    return naive.astimezone().isoformat(timespec="seconds")


def iso_to_qdate(text: str | None) -> QDate | None:
    """A stored ``YYYY-MM-DD`` as a QDate."""
    try:
        value = parse_date(text)
    except ValueError:
        return None
    return None if value is None else QDate(value.year, value.month, value.day)


def qdate_to_iso(value: QDate) -> str:
    """A QDate as ``YYYY-MM-DD``."""
    return f"{value.year():04d}-{value.month():02d}-{value.day():02d}"
