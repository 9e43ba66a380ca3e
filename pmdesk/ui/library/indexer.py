"""Bringing the library's index up to date on a worker thread, with progress for the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal

from pmdesk.library.index import Library, LibraryError, UpdateReport


class Indexer(QThread):
    """Updates the index for some folders on its own thread and its own connection to the index."""

    progressed = Signal(int, int)  # boards read, boards to read
    done = Signal(object)  # the UpdateReport
    failed = Signal(str)  # a message for the user

    def __init__(self, index_path: Path, folders: list[Path], parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.index_path = index_path
        self.folders = folders
        self._stop = False

    def stop(self) -> None:
        """Ask the update to stop after the board it is reading (what it read is kept)."""
        self._stop = True

    def run(self) -> None:
        """Run the update (on the worker thread)."""
        try:
            library = Library(self.index_path)
        except OSError as error:
            self.failed.emit(f"The library's index cannot be opened ({error})")
            return
        try:
            report: UpdateReport = library.update(
                self.folders, progress=self.progressed.emit, should_stop=lambda: self._stop
            )
        except LibraryError as error:
            self.failed.emit(str(error))
        except Exception as error:  # a cache failure must not take the window down
            self.failed.emit(f"The library could not be indexed ({type(error).__name__}: {error})")
        else:
            self.done.emit(report)
        finally:
            library.close()
