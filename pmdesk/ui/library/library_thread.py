"""A worker thread with its own connection to the library's index, for work the GUI must not wait on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from pmdesk.library.index import Library, LibraryError


class LibraryThread(QThread):
    """Opens the index on its own thread, runs :meth:`work`, and reports ``done`` or ``failed``.

    Whatever goes wrong reaches the window as a one-line message: the library must never take
    the window (or a meeting) down. Every worker stops the same way: :meth:`stop` (or its window
    going away) asks, the work passes :meth:`stopping` to what reads boards so that it stops after
    the board under way, and a worker that was asked to stop reports nothing (its window has
    moved on); what it read stays in the index.
    """

    done = Signal(object)  # what work() returned
    failed = Signal(str)  # a message for the user
    failure = "The library could not be read"  # how an unexpected error's message starts

    def __init__(self, index_path: Path, folders: list[Path], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.index_path = index_path
        self.folders = folders
        if parent is not None:
            # A parent deletes its children right after ``destroyed``: a running thread deleted
            # that way aborts the whole application, so the parent waits for it first.
            parent.destroyed.connect(self._outlive_parent)

    def work(self, library: Library) -> object:
        """The thread's job, with ``library`` open; what it returns goes out through ``done``."""
        raise NotImplementedError

    def stop(self) -> None:
        """Ask the work to stop after the board it is reading (it then reports nothing)."""
        self.requestInterruption()

    def stopping(self) -> bool:
        """Whether the work should stop: asked to, or its window is going away."""
        return self.isInterruptionRequested()

    def run(self) -> None:
        """Open the index, do the work, close the index, then report (on the worker thread)."""
        try:
            library = Library(self.index_path)
        except OSError as error:
            self.failed.emit(f"The library's index cannot be opened ({error})")
            return
        result: object = None
        message: str | None = None
        try:
            result = self.work(library)
        except LibraryError as error:
            message = str(error)
        except Exception as error:  # a cache failure must not take the window down
            message = f"{self.failure} ({type(error).__name__}: {error})"
        finally:
            library.close()  # before reporting: once told, the window may let this thread go
        if self.stopping():
            return
        if message is None:
            self.done.emit(result)
        else:
            self.failed.emit(message)

    def _outlive_parent(self, _parent: object = None) -> None:
        self.stop()
        self.wait()
