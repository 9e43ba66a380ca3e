"""Export jobs: write one export of a private copy of the board on a worker thread.

Imported when the first export starts, not at start-up: the window's menu needs none of it.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog

from pmdesk.export_file import TargetRefused
from pmdesk.model.board import Board
from pmdesk.model.shown import shown

if TYPE_CHECKING:
    from pmdesk.ui.main_window import MainWindow

Progress = Callable[[float], None]
STEPS = 1000  # resolution of the progress bar
LET_GO_POLL_MS = 5  # how often an ended export looks again whether its worker is past its last emit


class ExportCancelled(Exception):
    """Raised from the progress callback when the user pressed Cancel."""


def write_export(
    board: Board, fmt: str, path: Path, progress: Progress, source: Path | None = None
) -> list[str]:
    """Write ``board`` to ``path`` as ``fmt`` by the command line's rules; the notes for the user.

    The file dialog has already asked before replacing a file; a board is never replaced.
    """
    from pmdesk.export_file import write_export as write_checked

    return write_checked(board, fmt, path, progress, replace=True, source=source)


class _JobSignals(QObject):
    """Signals of one export job, delivered to the GUI thread (queued across threads)."""

    progress = Signal(int)  # 0 .. STEPS
    finished = Signal(str)  # the path written
    failed = Signal(str)  # a message for the user
    cancelled = Signal()


class ExportJob(QRunnable):
    """Write one export of a private copy of the board, off the GUI thread.

    The job lets go of its copy of the board as soon as the file is written (or not), before it
    reports the end: the job object itself lives on until the pool and the GUI thread have both
    let go of it. What the GUI still reads of it afterwards (``notes``, ``fmt``, ``path``) are
    plain Python attributes.
    """

    def __init__(self, board: Board, fmt: str, path: Path, source: Path | None = None) -> None:
        super().__init__()
        self.board: Board | None = board
        self.fmt = fmt
        self.path = path
        self.source = source  # the board's own file, which an export never replaces
        self.notes: list[str] = []  # what the user is told besides "written" (addresses left out)
        self.signals = _JobSignals()
        self._cancel = threading.Event()
        self._last_step = -1
        # Set once run() no longer touches ``signals``: until then the GUI thread must not delete
        # them (a QObject deleted while another thread emits through it is undefined behaviour).
        self.let_go = threading.Event()

    def cancel(self) -> None:
        """Ask the job to stop at its next progress report."""
        self._cancel.set()

    def _progress(self, fraction: float) -> None:
        if self._cancel.is_set():
            raise ExportCancelled
        step = int(max(0.0, min(fraction, 1.0)) * STEPS)
        if step != self._last_step:  # one queued signal per visible step, not per flowable
            self._last_step = step
            self.signals.progress.emit(step)

    def run(self) -> None:
        """Write the file, let go of the board's copy, then report how it went through ``signals``."""
        board, self.board = self.board, None
        outcome, detail = self._write(board)
        # The copy goes now, on this thread, before the window hears that the export ended: it
        # does not wait for the job object to go, which the GUI thread still holds (the progress
        # dialog's owner until its deferred deletion), as may a traceback kept of an error.
        del board
        try:
            if outcome == "finished":
                self.signals.finished.emit(detail)
            elif outcome == "failed":
                self.signals.failed.emit(detail)
            else:
                self.signals.cancelled.emit()
        finally:
            self.let_go.set()

    def _write(self, board: Board | None) -> tuple[str, str]:
        """Write the export of ``board``: ("finished", path), ("failed", message) or ("cancelled", "")."""
        if board is None:  # run twice: the copy went with the first run
            return "failed", "this export has already run"
        try:
            self.notes = write_export(board, self.fmt, self.path, self._progress, self.source)
        except ExportCancelled:
            return "cancelled", ""
        except TargetRefused as error:
            return "failed", str(error)
        except (OSError, ValueError, UnicodeError) as error:
            where = f"{error.filename}: " if isinstance(error, OSError) and error.filename else ""
            detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            return "failed", f"{where}{detail}"
        except Exception as error:  # reportlab raises its own types (LayoutError, ...)
            # Shown to the user, and the traceback kept on stderr so a real bug is not hidden.
            traceback.print_exc()
            return "failed", f"{type(error).__name__}: {error}"
        return "finished", str(self.path)


class Running(QObject):
    """One export in flight: its progress dialog and what happens when it ends.

    A QObject living on the GUI thread, so the job's signals reach these slots queued.
    """

    ended = Signal()

    def __init__(
        self,
        owner: QObject,
        window: MainWindow,
        job: ExportJob,
        done: Callable[[ExportJob, str], None],
        then: Callable[[Path], None] | None,
    ) -> None:
        """``done(job, written)`` tells the owner; ``then(path)`` follows (opening a draft)."""
        super().__init__(owner)
        self.window = window
        self.job = job
        self.done = done
        self.then = then
        self.dialog = QProgressDialog(f"Writing {job.path.name}…", "Cancel", 0, STEPS, window)
        self.dialog.setWindowTitle("Export")
        self.dialog.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable
        self.dialog.setMinimumDuration(300)  # quick exports never flash a dialog
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setValue(0)
        self.dialog.canceled.connect(job.cancel)
        # The job's signals belong to this object from now on, so they are deleted on the GUI
        # thread with it, never on the worker thread that drops the job.
        job.signals.setParent(self)
        job.signals.progress.connect(self.on_progress)
        job.signals.finished.connect(self.on_finished)
        job.signals.failed.connect(self.on_failed)
        job.signals.cancelled.connect(self.on_cancelled)

    @Slot(int)
    def on_progress(self, step: int) -> None:
        """Move the progress bar."""
        self.dialog.setValue(step)

    @Slot(str)
    def on_finished(self, written: str) -> None:
        """Say where the file went; run the follow-up (open the email draft)."""
        self._end()
        self.window.statusBar().showMessage(f"Exported {shown(written)}", 8000)
        self.done(self.job, written)
        if self.then is not None:
            self.then(Path(written))

    @Slot(str)
    def on_failed(self, message: str) -> None:
        """Show why the export failed."""
        self._end()
        self.window.show_error(
            "Export failed", f"{shown(self.job.path.name)} could not be written.\n\n{shown(message)}"
        )

    @Slot()
    def on_cancelled(self) -> None:
        """Cancelled: nothing was written (the temp file is gone)."""
        self._end()

    def _end(self) -> None:
        self.dialog.canceled.disconnect(self.job.cancel)
        self.dialog.close()
        self.dialog.deleteLater()
        self.ended.emit()
        self._go_when_let_go()

    def _go_when_let_go(self) -> None:
        """Delete this object (and the job's signals with it) once the worker thread is past its
        last emit: the end is heard as soon as it is posted, which on a busy machine can be
        before the worker's emit has returned."""
        if self.job.let_go.is_set():
            self.deleteLater()
        else:
            QTimer.singleShot(LET_GO_POLL_MS, self, self._go_when_let_go)
