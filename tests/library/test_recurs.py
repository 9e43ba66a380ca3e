"""What recurs across the library, and earlier incidents like a board."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmdesk.library.index import Library
from pmdesk.library.recurs import (
    format_minutes,
    incident_times,
    overview,
    per_quarter,
    quarter_of,
    recurring,
    terms,
    times_per_quarter,
)
from pmdesk.library.related import related, related_for_report
from pmdesk.model.board import Action
from pmdesk.model.demo import demo_board
from tests.library.boards import plain_board, write


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "boards"
    write(
        root / "a.pmdesk",
        plain_board(
            "Checkout down",
            "2026-02-10",
            ["Connection pool exhausted under load", "Nobody paged the on-call"],
            ["Alerting gaps"],
            ["checkout-api", "db"],
            minutes=(10, 40, 90),
        ),
    )
    write(
        root / "b.pmdesk",
        plain_board(
            "Search slow",
            "2026-05-03",
            ["The connection pools were exhausted again", "Dashboards were missing"],
            ["Capacity"],
            ["search"],
            kind="critical-bug",
            severity="SEV3",
            minutes=(5, 20, 60),
        ),
    )
    write(
        root / "c.pmdesk",
        plain_board(
            "Payments failing",
            "2026-11-20",
            ["Pool exhaustion on the payments database", "Alerting was silent"],
            ["Alerting gaps", "Runbook missing"],
            ["payments", "db"],
            minutes=(30, 50, 120),
        ),
    )
    return root


def test_terms_are_stemmed_without_stopwords() -> None:
    found = terms("The connection pools were Exhausted")
    assert set(found) == {"connection", "pool", "exhaust"}
    assert found["pool"] == "pools"
    assert terms("監控告警") == {"監控": "監控", "控告": "控告", "告警": "告警"}


def test_quotes_and_dashes_around_a_word_are_not_part_of_its_name() -> None:
    """What recurs named a group "easy · exhausted' · logs" after 'pool exhausted' in quotes."""
    found = terms(
        "Logs said 'pool exhausted' in plain words; a 'what changed in the last hour' panel -- done-"
    )
    assert found["exhaust"] == "exhausted" and found["hour"] == "hour" and found["done"] == "done"
    assert all(not name.startswith(("'", "-")) and not name.endswith(("'", "-")) for name in found.values())
    assert terms("Paged at nine o'clock")["o'clock"] == "o'clock"  # an apostrophe inside a word stays


def test_texts_that_come_back_are_grouped_with_their_incidents(library: Library, folder: Path) -> None:
    library.update([folder])
    groups = recurring(library, [folder])
    pool = next(g for g in groups if "pool" in g.label or "pools" in g.label)
    assert pool.incidents == 3
    assert [b.title for b in pool.boards] == ["Payments failing", "Search slow", "Checkout down"]
    assert "exhausted" in pool.terms or "exhaustion" in pool.terms  # grouped by the shared term
    assert {t.text for t in pool.texts} >= {"Connection pool exhausted under load"}
    alerting = next(g for g in groups if g.terms[0] == "alerting")
    assert alerting.incidents == 2 and alerting.texts[0].kind == "theme"
    assert {b.title for b in alerting.boards} == {"Checkout down", "Payments failing"}
    # a term of one incident only does not recur
    assert not any("dashboards" in g.terms for g in groups)
    assert all(g.incidents >= 2 for g in groups)


def test_incidents_per_quarter_by_kind_and_severity(library: Library, folder: Path) -> None:
    library.update([folder])
    quarters = per_quarter(library.boards([folder]).values())
    assert [q.quarter for q in quarters] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert quarters[1].by_kind == {"critical-bug": 1} and quarters[1].by_severity == {"SEV3": 1}
    assert quarters[2].total == 0  # an empty quarter still shows
    assert quarter_of("2026-12-31") == "2026-Q4" and quarter_of("bad") is None


def test_times_to_detect_mitigate_and_resolve_over_time(library: Library, folder: Path) -> None:
    library.update([folder])
    times = incident_times(library, [folder])
    assert [(t.to_detect, t.to_mitigate, t.to_resolve) for t in times] == [
        (10, 40, 90),
        (5, 20, 60),
        (30, 50, 120),
    ]
    per = times_per_quarter(times)
    assert [(q.quarter, q.to_detect) for q in per] == [("2026-Q1", 10), ("2026-Q2", 5), ("2026-Q4", 30)]
    assert (
        format_minutes(45) == "45 min" and format_minutes(200) == "3 h 20 min" and format_minutes(None) == "—"
    )
    whole = overview(library, [folder])
    assert whole.boards == 3 and whole.recurring and len(whole.quarters) == 4 and len(whole.times) == 3


def test_related_incidents_share_services_or_text_and_bring_open_actions(
    library: Library, folder: Path, tmp_path: Path
) -> None:
    owner = demo_board().participants[0]
    earlier = plain_board("Database failover", "2026-01-05", services=["db"])
    earlier.actions = [
        Action("a1", "Add a pool size alarm", owner=owner.id, due="2026-02-01", status="open"),
        Action("a2", "Write the runbook", owner=owner.id, status="done"),
    ]
    write(folder / "old.pmdesk", earlier)
    write(folder / "other.pmdesk", plain_board("Unrelated", "2026-03-01", services=["cdn"]))
    library.update([folder])
    current = plain_board(
        "Checkout down again",
        "2026-11-28",
        services=["checkout-api", "db"],
        summary="The connection pool was exhausted during checkout",
    )
    found = related(library, [folder], current, path=tmp_path / "current.pmdesk")
    titles = [item.board.title for item in found]
    assert "Unrelated" not in titles
    assert titles[0] == "Checkout down"  # two shared services and similar text
    assert set(titles) >= {"Payments failing", "Database failover", "Search slow"}
    failover = next(item for item in found if item.board.title == "Database failover")
    assert failover.services == ("db",)
    assert [a.text for a in failover.open_actions] == ["Add a pool size alarm"]
    search = next(item for item in found if item.board.title == "Search slow")
    assert not search.services and "pool" in search.similar
    # a board is never related to itself
    itself = related(library, [folder], earlier, path=folder / "old.pmdesk")
    assert "Database failover" not in [item.board.title for item in itself]
    report = related_for_report(library, [folder], current, tmp_path / "current.pmdesk")
    shown = next(item for item in report if item.title == "Database failover")
    assert shown.actions[0].overdue and shown.reason == "same services: db"
