"""File ▸ Export and File ▸ Email report…: exports run on a worker thread with a progress dialog.

The board is deep-copied on the GUI thread (a few milliseconds even for thousands of cards), so
the worker never reads the live board while the facilitator keeps editing. reportlab is imported
only inside the worker, when the first PDF is written.
"""

from __future__ import annotations

import copy
import json
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QStandardPaths, Qt, QThreadPool, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from pmdesk.model.board import Board
from pmdesk.ui.main_window import MainWindow

Progress = Callable[[float], None]
STEPS = 1000  # resolution of the progress bar


@dataclass(frozen=True)
class ExportFormat:
    """One entry of File ▸ Export."""

    key: str
    menu_text: str
    suffix: str
    file_filter: str


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("pdf", "&PDF…", ".pdf", "PDF documents (*.pdf)"),
    ExportFormat("md", "&Markdown…", ".md", "Markdown (*.md)"),
    ExportFormat("csv", "Actions &CSV…", ".csv", "CSV files (*.csv)"),
    ExportFormat("ics", "Calendar (.&ics)…", ".ics", "iCalendar files (*.ics)"),
    ExportFormat("eml", "&Email draft…", ".eml", "Email messages (*.eml)"),
    ExportFormat("json", "Board &JSON…", ".json", "JSON files (*.json)"),
)
FORMAT_BY_KEY = {fmt.key: fmt for fmt in FORMATS}


class ExportCancelled(Exception):
    """Raised from the progress callback when the user pressed Cancel."""


# --- the work (runs on a worker thread; no widgets here) ------------------------------------


def write_export(board: Board, fmt: str, path: Path, progress: Progress) -> None:
    """Write ``board`` to ``path`` as ``fmt``: the report formats, plus ``json``."""
    if fmt == "json":
        from pmdesk.atomic import write_atomic
        from pmdesk.store.json_format import board_to_json

        text = json.dumps(board_to_json(board), indent=2, ensure_ascii=False) + "\n"
        write_atomic(path, text.encode("utf-8"))
        progress(1.0)
    elif fmt == "eml":
        write_email_with_progress(board, path, progress)
    else:
        from pmdesk.report import export

        export(board, fmt, path, progress)


def write_email_with_progress(board: Board, path: Path, progress: Progress) -> None:
    """The .eml draft with the PDF attached; the PDF's progress is the draft's progress."""
    from pmdesk.atomic import write_atomic
    from pmdesk.report.email_draft import to_email
    from pmdesk.report.pdf import write_pdf

    with tempfile.TemporaryDirectory(prefix="pmdesk-") as folder:
        pdf_path = Path(folder) / "report.pdf"
        write_pdf(board, pdf_path, lambda fraction: progress(min(fraction, 0.98)))
        pdf = pdf_path.read_bytes()
    write_atomic(path, to_email(board, pdf).as_bytes())
    progress(1.0)


class _JobSignals(QObject):
    """Signals of one export job, delivered to the GUI thread (queued across threads)."""

    progress = Signal(int)  # 0 .. STEPS
    finished = Signal(str)  # the path written
    failed = Signal(str)  # a message for the user
    cancelled = Signal()


class ExportJob(QRunnable):
    """Write one export of a private copy of the board, off the GUI thread."""

    def __init__(self, board: Board, fmt: str, path: Path) -> None:
        super().__init__()
        self.board = board
        self.fmt = fmt
        self.path = path
        self.signals = _JobSignals()
        self._cancel = threading.Event()
        self._last_step = -1

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
        """Write the file; report success, failure or cancellation through ``signals``."""
        try:
            write_export(self.board, self.fmt, self.path, self._progress)
        except ExportCancelled:
            self.signals.cancelled.emit()
        except (OSError, ValueError, UnicodeError) as error:
            where = f"{error.filename}: " if isinstance(error, OSError) and error.filename else ""
            detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self.signals.failed.emit(f"{where}{detail}")
        except Exception as error:  # reportlab raises its own types (LayoutError, ...)
            self.signals.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.signals.finished.emit(str(self.path))


# --- the window side ------------------------------------------------------------------------


def safe_file_stem(title: str) -> str:
    """A file name stem from an incident title (letters, digits, spaces, - and _)."""
    stem = "".join(ch if ch.isalnum() or ch in " -_" else "-" for ch in title).strip(" -")
    return stem[:80].strip() or "post-mortem"


class ExportController(QObject):
    """The export actions of one window, their jobs and progress dialogs."""

    exported = Signal(str, str)  # format key, path written (for tests and the status bar)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("ExportController")
        self.window = window
        self.pool = QThreadPool(self)  # owned by the window: waits for running jobs on close
        self.pool.setMaxThreadCount(1)
        self.jobs: list[ExportJob] = []
        self.actions: dict[str, QAction] = {}
        # Replaceable in tests: opening a URL would start the user's mail client.
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.last_message: QMessageBox | None = None

    # --- menus -------------------------------------------------------------------------

    def install_actions(self) -> None:
        """Fill File ▸ Export and add File ▸ Email report… after it."""
        for fmt in FORMATS:
            action = QAction(fmt.menu_text, self.window)
            action.setObjectName(f"export_{fmt.key}")
            action.triggered.connect(lambda _checked=False, key=fmt.key: self.export_dialog(key))
            self.window.export_menu.addAction(action)
            self.actions[fmt.key] = action
        email = QAction("Email re&port…", self.window)
        email.setObjectName("email_report")
        email.setShortcut(QKeySequence("Ctrl+Shift+E"))
        email.setStatusTip("Write an email draft with the PDF report attached and open it")
        email.triggered.connect(lambda _checked=False: self.email_report())
        menu_actions = self.window.file_menu.actions()
        after = menu_actions.index(self.window.export_menu.menuAction()) + 1
        if after < len(menu_actions):
            self.window.file_menu.insertAction(menu_actions[after], email)
        else:
            self.window.file_menu.addAction(email)
        self.actions["email_report"] = email

    # --- choosing where ----------------------------------------------------------------

    def default_folder(self) -> Path:
        """The board's folder, or Documents for an untitled board (which lives in app data)."""
        document = self.window.qt_document.document
        if not document.untitled and document.path.parent.is_dir():
            return document.path.parent
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    def suggested_stem(self) -> str:
        """The board file's name, or the incident's title for an untitled board."""
        document = self.window.qt_document.document
        if not document.untitled:
            return document.path.stem
        return safe_file_stem(self.window.qt_document.board.incident.title)

    def export_dialog(self, fmt: str) -> None:
        """Ask where to write ``fmt``, then export there in the background."""
        spec = FORMAT_BY_KEY[fmt]
        suggested = self.default_folder() / f"{self.suggested_stem()}{spec.suffix}"
        name, _ = QFileDialog.getSaveFileName(
            self.window, f"Export {spec.menu_text.replace('&', '').rstrip('…')}", str(suggested),
            f"{spec.file_filter};;All files (*)",
        )  # fmt: skip
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(spec.suffix)
        self.start(fmt, path)

    def email_folder(self) -> Path:
        """Where Email report… writes the draft: beside the board, else a pmdesk temp folder."""
        document = self.window.qt_document.document
        folder = document.path.parent
        if not document.untitled and folder.is_dir() and _writable(folder):
            return folder
        temp = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation)
        folder = Path(temp or tempfile.gettempdir()) / "pmdesk-exports"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def email_report(self) -> ExportJob | None:
        """Write the .eml draft with the PDF attached, then open it in the mail client."""
        try:
            folder = self.email_folder()
        except OSError as error:
            self.window.show_error("Email report failed", f"No folder to write the draft in: {error}")
            return None
        path = folder / f"{self.suggested_stem()}.eml"
        return self.start("eml", path, then=self._open_draft)

    # --- running -----------------------------------------------------------------------

    def start(self, fmt: str, path: Path, then: Callable[[Path], None] | None = None) -> ExportJob:
        """Export a copy of the board as it is now to ``path`` on the worker thread."""
        job = ExportJob(copy.deepcopy(self.window.qt_document.board), fmt, path)
        job.setAutoDelete(False)  # Python keeps it until its signals have been handled
        running = _Running(self, job, then)
        self.jobs.append(job)
        running.ended.connect(lambda: self.jobs.remove(job) if job in self.jobs else None)
        self.pool.start(job)
        return job

    def wait(self, msecs: int = -1) -> bool:
        """Block until every export has finished (tests and closing)."""
        return self.pool.waitForDone(msecs)

    def _open_draft(self, path: Path) -> None:
        if self.open_url(QUrl.fromLocalFile(str(path))):
            return
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Email report")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            "No mail client opened the draft. It is saved here, with the PDF report attached:\n\n"
            f"{path}\n\nOpen it with your mail program, or attach the PDF by hand."
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_message = box
        box.open()  # window-modal, but does not block the caller


class _Running(QObject):
    """One export in flight: its progress dialog and what happens when it ends.

    A QObject living on the GUI thread, so the job's signals reach these slots queued.
    """

    ended = Signal()

    def __init__(
        self, controller: ExportController, job: ExportJob, then: Callable[[Path], None] | None
    ) -> None:
        super().__init__(controller)
        self.controller = controller
        self.job = job
        self.then = then
        window = controller.window
        self.dialog = QProgressDialog(f"Writing {job.path.name}…", "Cancel", 0, STEPS, window)
        self.dialog.setWindowTitle("Export")
        self.dialog.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable
        self.dialog.setMinimumDuration(300)  # quick exports never flash a dialog
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setValue(0)
        self.dialog.canceled.connect(job.cancel)
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
        window = self.controller.window
        window.statusBar().showMessage(f"Exported {written}", 8000)
        self.controller.exported.emit(self.job.fmt, written)
        if self.then is not None:
            self.then(Path(written))

    @Slot(str)
    def on_failed(self, message: str) -> None:
        """Show why the export failed."""
        self._end()
        self.controller.window.show_error(
            "Export failed", f"{self.job.path.name} could not be written.\n\n{message}"
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
        self.deleteLater()


def _writable(folder: Path) -> bool:
    """True if a file can be created in ``folder``."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def install(window: MainWindow) -> ExportController:
    """Add File ▸ Export (every format) and File ▸ Email report… to ``window``."""
    controller = ExportController(window)
    controller.install_actions()
    return controller
