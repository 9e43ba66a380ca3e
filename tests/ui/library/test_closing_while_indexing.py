"""Closing a board window while its Library is still reading a folder.

A worker thread destroyed while it runs makes Qt abort the whole process, taking every other
board window with it; a thread that is only waited for would freeze the other windows until it
had read every board. The reading stops after the board under way and the application goes on.
The windows run in a child process here, so an abort fails this test instead of the test run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from pmdesk.model.demo import demo_board
from tests.library.boards import write

CHILD = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pmdesk.app import build_window
from pmdesk.store.document import Document
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.library import install as library_install
from pmdesk.library.index import Library
from pmdesk.ui.library.window import FOLDERS_KEY
from pmdesk.ui.main_window import WindowHooks

app = QApplication(sys.argv)
root = Path(sys.argv[1])
settings = QSettings(str(root / "settings.ini"), QSettings.Format.IniFormat)
settings.setValue(FOLDERS_KEY, [str(root / "library")])
windows = []
for name in ("a.pmdesk", "b.pmdesk"):
    hooks = WindowHooks(lambda: None, lambda _path: None, lambda: [], lambda: None)
    qt_document = QtDocument(Document.open(root / name))
    window = build_window(qt_document, hooks, settings)
    qt_document.setParent(window)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    windows.append(window)
first, second = windows
first.findChild(QAction, "LibraryAction").trigger()  # File > Library...
library = library_install._shared[0]
while library.progress.value() < 1:
    app.processEvents()
reading = library.indexer is not None and library.progress.value() < library.progress.maximum()
print("closing while reading:", reading, flush=True)
first.close()  # the board window the Library was opened from (Alt+F4)
for _ in range(100):
    app.processEvents()
    QTest.qWait(10)
print("other window shown:", second.isVisible(), flush=True)
QTimer.singleShot(0, app.quit)
app.exec()
library = Library()
print("boards read:", len(library.boards([root / "library"])), flush=True)
library.close()
"""


def test_closing_the_board_window_stops_the_library_reading_and_the_app_goes_on(tmp_path: Path) -> None:
    for name in ("a.pmdesk", "b.pmdesk"):
        write(tmp_path / name, demo_board())
    original = write(tmp_path / "library" / "b0.pmdesk", demo_board())
    for number in range(1, 400):  # enough that reading them takes seconds
        shutil.copy(original, tmp_path / "library" / f"b{number}.pmdesk")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[3]),
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)], env=env, capture_output=True, text=True, timeout=120
    )
    assert "QThread: Destroyed" not in done.stderr
    assert done.returncode == 0, done.stderr[-2000:]
    assert "closing while reading: True" in done.stdout
    assert "other window shown: True" in done.stdout
    read = int(done.stdout.split("boards read:")[1].split()[0])
    assert 0 < read < 400  # it stopped reading; what it had read is kept


CLOSE_LIBRARY = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pmdesk.library.index import Library
from pmdesk.ui.library.recurs_view import RecursView
from pmdesk.ui.library.window import FOLDERS_KEY, LibraryWindow

app = QApplication(sys.argv)
root = Path(sys.argv[1])
folder = root / "library"
settings = QSettings(str(root / "settings.ini"), QSettings.Format.IniFormat)
settings.setValue(FOLDERS_KEY, [str(folder)])
window = LibraryWindow(settings, lambda _path: None, root / "index.sqlite3")
window.show()
window.reindex()
while window.progress.value() < 1:
    app.processEvents()
indexer = window.indexer
started = time.monotonic()
window.close()  # mid-read
print(f"library closed after {time.monotonic() - started:.2f} s", flush=True)
print("indexer running:", indexer.isRunning(), flush=True)

# The "What recurs" view's own worker reads the folder first when it keeps the index itself.
view = RecursView(root / "recurs.sqlite3", update=True)
view.set_folders([folder])
view.show()
worker = view.worker
time.sleep(0.1)
started = time.monotonic()
view.stop()
print(f"recurs stopped after {time.monotonic() - started:.2f} s", flush=True)
print("recurs running:", worker.isRunning(), flush=True)
for name in ("index.sqlite3", "recurs.sqlite3"):
    library = Library(root / name)
    print(name, "read:", len(library.boards([folder])), flush=True)
    library.close()
"""


def test_closing_the_library_mid_read_stops_its_workers_promptly(tmp_path: Path) -> None:
    original = write(tmp_path / "library" / "b0.pmdesk", demo_board())
    for number in range(1, 400):
        shutil.copy(original, tmp_path / "library" / f"b{number}.pmdesk")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(Path(__file__).resolve().parents[3]),
    }
    done = subprocess.run(
        [sys.executable, "-c", CLOSE_LIBRARY, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "QThread: Destroyed" not in done.stderr
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    assert "indexer running: False" in out and "recurs running: False" in out
    # Each stops after the board under way: far sooner than reading the 400 boards would take.
    for what in ("library closed", "recurs stopped"):
        assert float(out.split(f"{what} after")[1].split()[0]) < 5.0
    for name in ("index.sqlite3", "recurs.sqlite3"):
        assert int(out.split(f"{name} read:")[1].split()[0]) < 400  # what was read is kept
