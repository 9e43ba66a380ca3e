"""Bringing the library's index up to date on a worker thread, with progress for the window."""

from __future__ import annotations

from PySide6.QtCore import Signal

from pmdesk.library.index import Library, UpdateReport
from pmdesk.ui.library.library_thread import LibraryThread


class Indexer(LibraryThread):
    """Updates the index for some folders on its own thread and its own connection to the index.

    ``done`` carries the UpdateReport.
    """

    progressed = Signal(int, int)  # boards read, boards to read
    failure = "The library could not be indexed"

    def work(self, library: Library) -> UpdateReport:
        """Run the update (on the worker thread)."""
        return library.update(self.folders, progress=self.progressed.emit, should_stop=self.stopping)
