"""Fixtures for the room's window side: the meeting of the window (as the meeting tests use it)."""

from __future__ import annotations

from tests.ui.meeting.conftest import fake_time, meeting

__all__ = ["fake_time", "meeting"]
