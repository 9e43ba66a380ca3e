"""The agenda's countdown: time per phase with pause, extra minutes and an injectable clock."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

AMBER_SECONDS = 60  # the last minute of a phase shows amber

Now = Callable[[], float]


def format_seconds(seconds: float) -> str:
    """``mm:ss`` for a countdown; ``+mm:ss`` past zero (hours fold into the minutes)."""
    if seconds < 0:
        over = int(-seconds)
        return f"+{over // 60:02d}:{over % 60:02d}"
    whole = math.ceil(seconds)  # 59.2 s left reads 01:00, so 00:00 shows only at zero
    return f"{whole // 60:02d}:{whole % 60:02d}"


def spent_text(seconds: int | None) -> str:
    """Time spent in a phase as people say it: ``40 s`` under a minute, else ``5 min``; '' if none."""
    if seconds is None:
        return ""
    if seconds < 60:
        return f"{seconds} s"
    return f"{math.floor(seconds / 60 + 0.5)} min"  # 90 s reads 2 min, half up


@dataclass
class _PhaseTime:
    elapsed: float = 0.0  # seconds counted in earlier visits and stretches
    extra: int = 0  # seconds added with +1/+2 min
    unrecorded: float = 0.0  # seconds counted since the last time it was written to the board


@dataclass
class AgendaClock:
    """Counts the time spent in each phase; only one phase's clock runs at a time.

    Time spent while paused does not count. Each phase keeps its own elapsed time, so going
    back to a phase continues its countdown where it was left.
    """

    now: Now = time.monotonic
    _phases: dict[str, _PhaseTime] = field(default_factory=dict)
    _current: str | None = None
    _running_since: float | None = None
    started: bool = False

    # --- state ---------------------------------------------------------------------------

    @property
    def current(self) -> str | None:
        """The id of the phase being timed."""
        return self._current

    @property
    def running(self) -> bool:
        """True while the clock counts."""
        return self._running_since is not None

    def _phase(self, phase_id: str) -> _PhaseTime:
        return self._phases.setdefault(phase_id, _PhaseTime())

    def _settle(self) -> None:
        """Move the running stretch into the current phase's counters."""
        if self._running_since is None or self._current is None:
            return
        moment = self.now()
        stretch = max(0.0, moment - self._running_since)
        phase = self._phase(self._current)
        phase.elapsed += stretch
        phase.unrecorded += stretch
        self._running_since = moment

    def elapsed(self, phase_id: str | None = None) -> float:
        """Seconds counted in a phase (the current one by default), including the running stretch."""
        phase_id = phase_id or self._current
        if phase_id is None:
            return 0.0
        total = self._phase(phase_id).elapsed
        if phase_id == self._current and self._running_since is not None:
            total += max(0.0, self.now() - self._running_since)
        return total

    def budget(self, minutes: int, phase_id: str | None = None) -> int:
        """The phase's time box in seconds: planned minutes plus extra time added."""
        phase_id = phase_id or self._current
        extra = self._phase(phase_id).extra if phase_id else 0
        return minutes * 60 + extra

    def remaining(self, minutes: int) -> float:
        """Seconds left in the current phase (negative when over time)."""
        return self.budget(minutes) - self.elapsed()

    def state(self, minutes: int) -> str:
        """``normal``, ``amber`` in the last minute, or ``over`` past zero."""
        left = self.remaining(minutes)
        if left < 0:
            return "over"
        if left <= AMBER_SECONDS:
            return "amber"
        return "normal"

    def display(self, minutes: int) -> str:
        """The countdown as shown: ``mm:ss`` or ``+mm:ss`` when over."""
        return format_seconds(self.remaining(minutes))

    # --- control -------------------------------------------------------------------------

    def start(self) -> None:
        """Start or resume counting the current phase."""
        self.started = True
        if self._running_since is None:
            self._running_since = self.now()

    def pause(self) -> None:
        """Stop counting (time while paused is not spent in the phase)."""
        self._settle()
        self._running_since = None

    def toggle(self) -> bool:
        """Pause when running, resume when paused; True if it runs afterwards."""
        if self.running:
            self.pause()
        else:
            self.start()
        return self.running

    def carry_on(self, spent: dict[str, int]) -> None:
        """Count seconds already spent in phases (a board reopened mid-meeting); none to record."""
        for phase_id, seconds in spent.items():
            self._phase(phase_id).elapsed = max(self._phase(phase_id).elapsed, float(seconds))

    def add_minutes(self, minutes: int) -> None:
        """Give the current phase more time."""
        if self._current is not None:
            self._phase(self._current).extra += minutes * 60

    def switch(self, phase_id: str) -> tuple[str, int] | None:
        """Make ``phase_id`` current; return (left phase, whole seconds to record) if any to record.

        The seconds are those counted since the left phase was last recorded, so revisits
        accumulate and nothing is recorded twice.
        """
        self._settle()
        left = self._current
        self._current = phase_id
        if left is None or left == phase_id:
            return None
        return self.take_unrecorded(left, leaving=True)

    def take_unrecorded(self, phase_id: str | None = None, leaving: bool = False) -> tuple[str, int] | None:
        """Whole seconds counted in a phase since it was last recorded, and mark them recorded.

        While the phase goes on (the minute's save) the fraction of a second waits for the next
        time. On ``leaving`` it is rounded, and a phase the clock ran in at all records at least
        one second: stepping through a phase is time spent in it, not a phase never run.
        """
        phase_id = phase_id or self._current
        if phase_id is None:
            return None
        if phase_id == self._current:
            self._settle()
        phase = self._phase(phase_id)
        if leaving:
            seconds = max(1, math.floor(phase.unrecorded + 0.5)) if phase.unrecorded > 0 else 0
        else:
            seconds = int(phase.unrecorded)
        if seconds <= 0:
            return None
        phase.unrecorded -= seconds  # what was rounded off (up or down) settles next time
        return phase_id, seconds
