"""File ▸ Export and File ▸ Email Report…: exports run on a worker thread with a progress dialog.

The board is deep-copied on the GUI thread (a few milliseconds even for thousands of cards), so
the worker never reads the live board while the facilitator keeps editing. reportlab is imported
only inside the worker, when the first PDF is written; the job machinery (export_jobs) is imported
when the first export starts, so start-up pays only for the menu.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QKeySequence

from pmdesk.export_file import TargetRefused, check_target
from pmdesk.model.labels import safe_file_stem
from pmdesk.model.shown import shown
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.plain import confirm_replace

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from pmdesk.ui.export_jobs import ExportJob


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
    ExportFormat("eml", "&Email Draft…", ".eml", "Email messages (*.eml)"),
    ExportFormat("json", "Board &JSON…", ".json", "JSON files (*.json)"),
)
FORMAT_BY_KEY = {fmt.key: fmt for fmt in FORMATS}
OPENER_WAIT_MS = 10_000  # how long xdg-open is watched for a failure to open the email draft
OPENER_POLL_MS = 100


# --- the window side ------------------------------------------------------------------------


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
        # Replaceable in tests (opening a URL would start the user's mail client); None: xdg-open.
        self.open_url: Callable[[QUrl], bool] | None = None
        self.last_message: QMessageBox | None = None

    # --- menus -------------------------------------------------------------------------

    def install_actions(self) -> None:
        """Fill File ▸ Export and add File ▸ Email Report… after it."""
        for fmt in FORMATS:
            action = QAction(fmt.menu_text, self.window)
            action.setObjectName(f"export_{fmt.key}")
            action.triggered.connect(lambda _checked=False, key=fmt.key: self.export_dialog(key))
            self.window.export_menu.addAction(action)
            self.actions[fmt.key] = action
        email = QAction("Email Re&port…", self.window)
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
        from PySide6.QtWidgets import QFileDialog

        # The dialog does not ask about replacing: a name pmdesk refuses (the board itself, any
        # board) is refused at once, and pmdesk asks about the name it will really write.
        name, _ = QFileDialog.getSaveFileName(
            self.window, f"Export {spec.menu_text.replace('&', '').rstrip('…')}", str(suggested),
            f"{spec.file_filter};;All files (*)", options=QFileDialog.Option.DontConfirmOverwrite,
        )  # fmt: skip
        if not name:
            return
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(spec.suffix)
        document = self.window.qt_document.document
        try:
            check_target(path, replace=True, source=None if document.untitled else document.path)
        except TargetRefused as refused:
            self.window.show_error("Export failed", f"{shown(path.name)} could not be written.\n\n{refused}")
            return
        if os.path.lexists(path) and not self._confirm_replace(path):
            return
        self.start(fmt, path)

    def _confirm_replace(self, path: Path) -> bool:
        return confirm_replace(self.window, path)

    def email_folder(self) -> Path:
        """Where Email Report… writes the draft: beside the board, else a pmdesk temp folder."""
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
            self.window.show_error(
                "Email report failed", f"No folder to write the draft in: {shown(str(error))}"
            )
            return None
        path = folder / f"{self.suggested_stem()}.eml"
        return self.start("eml", path, then=self._open_draft)

    # --- running -----------------------------------------------------------------------

    def start(self, fmt: str, path: Path, then: Callable[[Path], None] | None = None) -> ExportJob:
        """Export a copy of the board as it is now to ``path`` on the worker thread."""
        from pmdesk.ui.export_jobs import ExportJob, Running

        source = self.window.qt_document.document.path
        job = ExportJob(copy.deepcopy(self.window.qt_document.board), fmt, path, source)
        running = Running(self, self.window, job, self._job_done, then)
        self.jobs.append(job)
        running.ended.connect(lambda: self.jobs.remove(job) if job in self.jobs else None)
        self.pool.start(job)
        return job

    def wait(self, msecs: int = -1) -> bool:
        """Block until every export has finished (tests and closing)."""
        return self.pool.waitForDone(msecs)

    def _job_done(self, job: ExportJob, written: str) -> None:
        if job.notes:
            self.show_notes(job.notes)
        self.exported.emit(job.fmt, written)

    def show_notes(self, notes: list[str]) -> None:
        """Say what the export left out (addresses the email draft could not carry), without blocking."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Export")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText("The file was written, but note:\n\n" + "\n".join(f"• {shown(note)}" for note in notes))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_message = box
        box.open()

    def _open_draft(self, path: Path) -> None:
        """Hand the draft to the mail client; say where it is if none takes it."""
        from PySide6.QtGui import QDesktopServices

        url = QUrl.fromLocalFile(str(path))
        if self.open_url is not None:
            if not self.open_url(url):
                self._draft_not_opened(path)
            return
        opener = shutil.which("xdg-open") if sys.platform.startswith("linux") else None
        if opener is None:
            if not QDesktopServices.openUrl(url):
                self._draft_not_opened(path)
            return
        # QDesktopServices only says whether xdg-open started, not whether anything opened the
        # draft: xdg-open's own exit status says that (3: no program for .eml files).
        try:
            process = subprocess.Popen(
                [opener, str(path)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # the mail client outlives pmdesk
            )
        except OSError:
            self._draft_not_opened(path)
            return
        self._watch_opener(process, path, OPENER_WAIT_MS // OPENER_POLL_MS)

    def _watch_opener(self, process: subprocess.Popen[bytes], path: Path, looks_left: int) -> None:
        """Look at the opener now and then; a failure within OPENER_WAIT_MS is shown."""
        status = process.poll()
        if status is None:
            if looks_left > 0:
                QTimer.singleShot(
                    OPENER_POLL_MS, self, lambda: self._watch_opener(process, path, looks_left - 1)
                )
            return  # still running after a while: a mail client has it open
        if status != 0:
            self._draft_not_opened(path)

    def _draft_not_opened(self, path: Path) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Email report")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            "No mail client opened the draft. It is saved here, with the PDF report attached:\n\n"
            f"{shown(str(path))}\n\nOpen it with your mail program, or attach the PDF by hand."
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_message = box
        box.open()  # window-modal, but does not block the caller


def _writable(folder: Path) -> bool:
    """True if a file can be created in ``folder``."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def install(window: MainWindow) -> ExportController:
    """Add File ▸ Export (every format) and File ▸ Email Report… to ``window``."""
    controller = ExportController(window)
    controller.install_actions()
    return controller
