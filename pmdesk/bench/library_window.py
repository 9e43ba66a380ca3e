"""The Library window on a big library: time to open, and the longest the GUI thread is busy.

Run by ``python -m pmdesk.bench.library`` in a child process (offscreen), on its library.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from pmdesk.bench.figures import Ticks


def measure(folder: Path, index: Path, actions: int) -> tuple[float, float, float]:
    """(seconds to the window shown, seconds until indexed with all ``actions`` listed, longest stall).

    Raises TimeoutError if the actions are not all listed within two minutes.
    """
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = QSettings(str(index.parent / "bench-settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("library/folders", [str(folder)])
    from pmdesk.ui.library.window import LibraryWindow

    start = time.perf_counter()
    window = LibraryWindow(settings, lambda _path: None, index_path=index)
    window.show()
    window.reindex()
    app.processEvents()
    shown = time.perf_counter() - start
    ticks = Ticks(5)
    ticks.start()
    while window.indexer is not None or window.actions_view.model.rowCount() < actions:
        app.processEvents()
        if time.perf_counter() - start > 120:
            listed = window.actions_view.model.rowCount()
            raise TimeoutError(f"the Library window listed {listed} of {actions} actions in 120 s")
    ready = time.perf_counter() - start
    for _ in range(20):
        app.processEvents()
        time.sleep(0.005)
    ticks.stop()
    window.close()
    return shown, ready, max(ticks.gaps, default=0.0)


if __name__ == "__main__":
    opened, ready, stall = measure(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
    print(f"{opened} {ready} {stall}")
