"""The library's worker threads: a window closed mid-work waits for them instead of aborting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Run in a process of its own: a thread deleted while it runs aborts the process (Qt's qFatal).
SCRIPT = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication, QWidget
from pmdesk.ui.library import recurs_view

def slow_overview(library, folders):
    time.sleep(0.5)
    return recurs_view.Overview(0, [], [], [])

recurs_view.overview = slow_overview
app = QApplication([])
view = recurs_view.RecursView(Path(sys.argv[1]) / "index.sqlite3")
folder = Path(sys.argv[1]) / "boards"
folder.mkdir()
view.set_folders([folder])
view.show()
assert view.worker is not None and view.worker.isRunning()
started = time.monotonic()
del view  # the view, and the worker thread it owns, are deleted while the thread still works
print(f"closed after {time.monotonic() - started:.2f} s")
"""


def test_a_view_deleted_while_its_thread_works_waits_for_it(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(Path(__file__).parents[3]))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "Destroyed while thread" not in done.stderr
    assert "closed after" in done.stdout
