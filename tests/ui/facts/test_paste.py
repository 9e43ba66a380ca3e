"""Parsing pasted timeline lines (no Qt needed)."""

import datetime as dt

from pmdesk.ui.facts.paste import guess_kind, parse_lines

DAY = dt.date(2026, 11, 20)


def local(text: str) -> str:
    return dt.datetime.fromisoformat(text).astimezone().isoformat(timespec="seconds")


def test_each_timed_line_is_an_event_on_the_given_day() -> None:
    events = parse_lines("14:02 Config push to gateway\n\n14:09:30 Probe paged on-call\n", DAY)
    assert events == [
        (local("2026-11-20T14:02:00"), "trigger", "Config push to gateway"),
        (local("2026-11-20T14:09:30"), "detection", "Probe paged on-call"),
    ]


def test_full_dates_tabs_and_dashes() -> None:
    events = parse_lines("2026-11-21 09:15\tRolled back\n2026-11-21T10:00 - All resolved", DAY)
    assert events == [
        (local("2026-11-21T09:15:00"), "mitigation", "Rolled back"),
        (local("2026-11-21T10:00:00"), "resolution", "All resolved"),
    ]


def test_untimed_lines_continue_the_previous_event() -> None:
    events = parse_lines("14:02 Pool lowered\nfrom 200 to 20\n", DAY)
    assert events == [(local("2026-11-20T14:02:00"), "note", "Pool lowered from 200 to 20")]
    assert parse_lines("just words", DAY) == [(None, "note", "just words")]


def test_times_past_midnight_roll_to_the_next_day() -> None:
    events = parse_lines("23:50 Deploy starts\n00:10 Alert fires", DAY)
    assert events[1][0] == local("2026-11-21T00:10:00")


def test_kind_guesses() -> None:
    assert guess_kind("PagerDuty alert fired") == "detection"
    assert guess_kind("Mitigated by failover") == "mitigation"
    assert guess_kind("Status page resolved") == "resolution"
    assert guess_kind("Deploy 4471 went out") == "trigger"
    assert guess_kind("Coffee") == "note"
