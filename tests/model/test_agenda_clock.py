"""The agenda clock, with a hand-driven clock instead of time.monotonic."""

from __future__ import annotations

import pytest

from pmdesk.model.agenda_clock import AgendaClock, format_seconds, spent_text


class FakeTime:
    """A monotonic clock moved by hand."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def fake() -> FakeTime:
    return FakeTime()


def test_format() -> None:
    assert format_seconds(300) == "05:00"
    assert format_seconds(59.2) == "01:00"
    assert format_seconds(59.0) == "00:59"
    assert format_seconds(0) == "00:00"
    assert format_seconds(-0.5) == "+00:00"
    assert format_seconds(-75) == "+01:15"
    assert format_seconds(3 * 3600) == "180:00"


def test_counts_down_then_amber_then_over(fake: FakeTime) -> None:
    clock = AgendaClock(now=fake)
    clock.switch("tone")
    clock.start()
    assert clock.display(5) == "05:00" and clock.state(5) == "normal"
    fake.t += 239
    assert clock.display(5) == "01:01" and clock.state(5) == "normal"
    fake.t += 1
    assert clock.state(5) == "amber"
    fake.t += 60
    assert clock.display(5) == "00:00" and clock.state(5) == "amber"
    fake.t += 30
    assert clock.display(5) == "+00:30" and clock.state(5) == "over"


def test_pause_stops_counting_and_resume_continues(fake: FakeTime) -> None:
    clock = AgendaClock(now=fake)
    clock.switch("tone")
    clock.start()
    fake.t += 10
    assert clock.toggle() is False
    fake.t += 500
    assert clock.elapsed() == 10
    assert clock.toggle() is True
    fake.t += 5
    assert clock.elapsed() == 15


def test_extra_minutes_extend_the_phase(fake: FakeTime) -> None:
    clock = AgendaClock(now=fake)
    clock.switch("tone")
    clock.start()
    fake.t += 330
    assert clock.state(5) == "over"
    clock.add_minutes(1)
    assert clock.display(5) == "00:30" and clock.state(5) == "amber"
    clock.add_minutes(2)
    assert clock.display(5) == "02:30" and clock.state(5) == "normal"


def test_switch_reports_time_once_and_revisits_accumulate(fake: FakeTime) -> None:
    clock = AgendaClock(now=fake)
    assert clock.switch("tone") is None
    clock.start()
    fake.t += 61.5
    assert clock.switch("facts") == ("tone", 62)  # rounded on leaving
    fake.t += 30
    assert clock.switch("tone") == ("facts", 30)
    assert clock.elapsed() == 61.5  # the countdown continues where it was left
    fake.t += 10.5
    assert clock.switch("facts") == ("tone", 10)  # the half second rounded up is taken back
    assert clock.elapsed("tone") == 72


def test_a_phase_left_within_a_second_records_its_time(fake: FakeTime) -> None:
    clock = AgendaClock(now=fake)
    clock.switch("tone")
    clock.start()
    fake.t += 0.4
    assert clock.switch("facts") == ("tone", 1)  # stepped through: run, not "not run yet"
    fake.t += 0.8
    assert clock.switch("reflection") == ("facts", 1)
    fake.t += 40.2
    assert clock.switch("tone") == ("reflection", 40)
    fake.t += 10.3  # tone was counted 0.4 s and recorded 1 s: the rest settles now
    assert clock.switch("facts") == ("tone", 10)


def test_the_minute_save_keeps_fractions_and_leaving_rounds(fake: FakeTime) -> None:
    clock = AgendaClock(now=fake)
    clock.switch("tone")
    clock.start()
    fake.t += 60.7
    assert clock.take_unrecorded() == ("tone", 60)
    fake.t += 0.1
    assert clock.take_unrecorded() is None
    assert clock.switch("facts") == ("tone", 1)  # 0.8 s left over, rounded on leaving


def test_time_spent_reads_in_seconds_under_a_minute() -> None:
    assert [spent_text(s) for s in (None, 0, 1, 40, 59, 60, 89, 90, 312)] == [
        "",
        "0 s",
        "1 s",
        "40 s",
        "59 s",
        "1 min",
        "1 min",
        "2 min",
        "5 min",
    ]


def test_nothing_counts_before_start(fake: FakeTime) -> None:
    clock = AgendaClock(now=fake)
    clock.switch("tone")
    fake.t += 100
    assert clock.elapsed() == 0
    assert clock.switch("facts") is None
    assert not clock.started


def test_take_unrecorded_for_the_current_phase(fake: FakeTime) -> None:
    clock = AgendaClock(now=fake)
    clock.switch("tone")
    clock.start()
    fake.t += 42
    assert clock.take_unrecorded() == ("tone", 42)
    assert clock.take_unrecorded() is None
    assert clock.running
