"""Typed dates and times: ISO, the locale's form, pmdesk's own form; impossible ones refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from pmdesk.ui.facts.typed_dates import (
    TypedDateError,
    parse_clock,
    parse_typed_date,
    parse_typed_datetime,
    show_date,
)

GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)
US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
UK = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
DAY = QDate(2026, 12, 10)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("2026-12-10", US),
        (" 2026-12-10 ", GERMAN),
        ("10.12.2026", GERMAN),
        ("10.12.26", GERMAN),
        ("12/10/2026", US),
        ("12/10/26", US),
        ("10/12/2026", UK),
        ("Thu 10 Dec 2026", US),
        ("10 Dec 2026", UK),
        ("10 December 2026", UK),
    ],
)
def test_a_date_is_read_in_iso_the_locales_form_and_pmdesks(text: str, locale: QLocale) -> None:
    assert parse_typed_date(text, locale) == DAY


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1789-07-14", "the year 1789 is not plausible; dates run from 2000 to 2099"),
        ("14.07.1789", "the year 1789 is not plausible"),
        ("2026-02-30", "is not a day of the calendar"),
        ("31.02.2026", "is not a date: type it like 2026-12-10 or 10.12.26"),
        ("next tuesday", "is not a date"),
    ],
)
def test_impossible_dates_are_refused_with_a_message(text: str, message: str) -> None:
    with pytest.raises(TypedDateError, match=message):
        parse_typed_date(text, GERMAN)


def test_times_of_day() -> None:
    assert parse_clock("09:30") == QTime(9, 30)
    assert parse_clock("9.30") == QTime(9, 30)
    assert parse_clock("930") == QTime(9, 30)
    assert parse_clock("2:05 pm") == QTime(14, 5)
    assert parse_clock("12:00 AM") == QTime(0, 0)
    for bad in ("25:00", "9:75", "noon", "13:00 pm"):
        with pytest.raises(TypedDateError, match="not a time of day"):
            parse_clock(bad)


def test_date_and_time_take_what_is_missing_from_the_current_value() -> None:
    current = QDateTime(QDate(2026, 11, 20), QTime(14, 2))
    assert parse_typed_datetime("14:35", current, US) == QDateTime(QDate(2026, 11, 20), QTime(14, 35))
    assert parse_typed_datetime("2026-11-21", current, US) == QDateTime(QDate(2026, 11, 21), QTime(14, 2))
    assert parse_typed_datetime("2026-11-21 09:05", current, US) == QDateTime(
        QDate(2026, 11, 21), QTime(9, 5)
    )
    assert parse_typed_datetime("10.12.26 14:05", current, GERMAN) == QDateTime(DAY, QTime(14, 5))
    assert parse_typed_datetime("10.12.26", current, GERMAN) == QDateTime(DAY, QTime(14, 2))
    assert parse_typed_datetime("12/10/26 2:05 PM", current, US) == QDateTime(DAY, QTime(14, 5))
    shown = f"{show_date(DAY)}  16:20"
    assert parse_typed_datetime(shown, current) == QDateTime(DAY, QTime(16, 20))
    with pytest.raises(TypedDateError, match="1789"):
        parse_typed_datetime("1789-07-14T10:00:00+00:00", current, US)
