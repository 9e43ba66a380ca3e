"""The library benchmark runs end to end on a small library (the real run is 1,000 boards)."""

from __future__ import annotations

import pytest

from pmdesk.bench.library import main


def test_the_library_benchmark_prints_every_figure(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--boards", "6", "--cards", "30"])
    table = capsys.readouterr().out
    for what in ("first index", "nothing changed", "one board changed", "search as the window"):
        assert what in table
    # The window's figure is measured, not a timeout: it listed every board's open actions.
    window = next(line for line in table.splitlines() if "the Library window opens" in line)
    assert "every action listed at" in window and "failed" not in window, window
