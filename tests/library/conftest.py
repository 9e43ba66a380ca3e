"""Fixtures shared by the library's tests: an index of their own, and the CLI's environment."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmdesk.library.index import Library


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    """An empty index in the test's own cache folder."""
    made = Library(tmp_path / "cache" / "index.sqlite3")
    yield made
    made.close()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment for the real command line: its cache in the test's folder, this checkout first."""
    made = dict(os.environ)
    made["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    made["PYTHONPATH"] = str(Path(__file__).parents[2])
    return made
