"""Fixtures for the meeting tests: the meeting of the window, and a clock moved by hand."""

from __future__ import annotations

import pytest

from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.install import Meeting


class FakeTime:
    """A monotonic clock moved by hand."""

    def __init__(self) -> None:
        self.t = 5000.0

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        """Let time pass."""
        self.t += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    """A clock that only moves when told."""
    return FakeTime()


@pytest.fixture
def meeting(window: MainWindow, fake_time: FakeTime) -> Meeting:
    """The window's meeting, its clock replaced by ``fake_time``."""
    found = window.findChild(Meeting)
    assert found is not None
    found.controller.clock.now = fake_time
    return found
