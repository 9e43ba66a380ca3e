"""The library benchmark runs end to end on a small library (the real run is 1,000 boards)."""

from __future__ import annotations

import pytest

from pmdesk.bench.library import main


def test_the_library_benchmark_prints_every_figure(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--boards", "6", "--cards", "30"])
    table = capsys.readouterr().out
    for what in ("first index", "nothing changed", "one board changed", "search as the window"):
        assert what in table
