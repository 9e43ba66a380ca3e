"""Small helpers the benchmark's measurements share."""

from __future__ import annotations

import time
from typing import Any


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def idle(app: Any) -> None:
    """What a turn of the event loop does: pending events, then deleteLater'd objects.

    processEvents() outside exec() never runs deferred deletes, which would show as a leak.
    """
    from PySide6.QtCore import QCoreApplication, QEvent

    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class Ticks:
    """A timer ticking every ``interval_ms`` on the GUI thread, and the gaps between its ticks
    (seconds): the longest is the longest the GUI thread was busy."""

    def __init__(self, interval_ms: int) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def start(self) -> None:
        """Start ticking (the first gap counts from now)."""
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        """Stop ticking."""
        self.timer.stop()
