"""Bringing the library's index up to date on a worker thread, with progress for the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from pmdesk.library.index import Library, UpdateReport
from pmdesk.ui.library.library_thread import LibraryThread


class Indexer(LibraryThread):
    """Updates the index for some folders on its own thread and its own connection to the index.

    ``done`` carries the UpdateReport.
    """

    progressed = Signal(int, int)  # boards read, boards to read
    failure = "The library could not be indexed"

    def __init__(self, index_path: Path, folders: list[Path], parent: QObject | None = None) -> None:
        super().__init__(index_path, folders, parent)
        self._stop = False

    def stop(self) -> None:
        """Ask the update to stop after the board it is reading (what it read is kept)."""
        self._stop = True

    def work(self, library: Library) -> UpdateReport:
        """Run the update (on the worker thread)."""
        return library.update(self.folders, progress=self.progressed.emit, should_stop=self.stopping)

    def stopping(self) -> bool:
        """Whether to stop: asked by the window, or the window is going away (what was read is kept)."""
        return self._stop or self.isInterruptionRequested()
