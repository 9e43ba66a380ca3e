"""Shared test configuration: no display, and a private home and temp folder in memory.

- Qt tests run offscreen unless a test starts its own X server.
- Each test process (each pytest-xdist worker too) gets a home of its own: HOME and the XDG
  folders point into it, so no test reads or writes the user's settings (Qt's QtProject.conf,
  pmdesk's settings, error log, templates, library index), and two runs at once never share one.
- ``tmp_path`` lives in /dev/shm (tmpfs) when there is one: every board edit is an SQLite commit,
  and a commit's fsync on the disk cost 3-6 ms (2,000 keystrokes took 20 s, in memory 1 s).
  No test can observe what fsync adds (surviving a power cut); crashes and SIGKILLs behave the
  same in memory, since the page cache outlives the killed process either way.
- ``-n auto`` (pytest-xdist, in pyproject's addopts): a run of the whole suite spreads its test
  files over one worker per core; a run of named files or folders stays in one process, which starts
  faster (``-n 2`` asks for workers anyway, ``-n 0`` for none).
- Each test starts in the light theme: the theme is the application's (QApplication's palette),
  and a test that presents or switches themes must not colour the tests after it.
- Hypothesis has no per-example deadline: no property here is a speed test, and a deadline
  fails a test at random when the machine is busy.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("pmdesk", deadline=None)
settings.load_profile("pmdesk")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

MEMORY = Path("/dev/shm")
if "PYTEST_DEBUG_TEMPROOT" not in os.environ and MEMORY.is_dir() and os.access(MEMORY, os.W_OK):
    os.environ["PYTEST_DEBUG_TEMPROOT"] = str(MEMORY)  # pytest's own setting for tmp_path's root


def _private_home() -> Path:
    """A fresh home with its XDG folders, for this process and every process it starts."""
    home = Path(tempfile.mkdtemp(prefix="pmdesk-test-home-", dir=os.environ.get("PYTEST_DEBUG_TEMPROOT")))
    folders = {
        "HOME": home,
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_STATE_HOME": home / ".local" / "state",
        "XDG_RUNTIME_DIR": home / "runtime",
    }
    for name, folder in folders.items():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.environ[name] = str(folder)
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    return home


HOME = _private_home()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: a worker per core for the whole suite, none for a run of named tests."""
    if config.args_source != pytest.Config.ArgsSource.TESTPATHS:
        return 0
    return len(os.sched_getaffinity(0))


@pytest.fixture(autouse=True)
def light_theme_first() -> None:
    """Start each test in the light theme, if an earlier test in this process built a window."""
    palette = sys.modules.get("pmdesk.ui.palette")
    widgets = sys.modules.get("PySide6.QtWidgets")
    if palette is not None and widgets is not None and widgets.QApplication.instance() is not None:
        palette.start_palette(palette.PALETTES[palette.LIGHT])
