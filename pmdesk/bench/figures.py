"""Small helpers the benchmark's measurements share."""

from __future__ import annotations

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
