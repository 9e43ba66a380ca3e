"""The window's last resort: an unexpected error becomes a dialog and a log file, never a crash.

Every change is committed to the board file the moment it is made, and an edit that fails
half-way is rolled back in memory and in the file, so after an error the board on screen is
the board on disk: the dialog says so, and the window goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication

from pmdesk.errorlog import internal_error_line, summary, write_log

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def dialog_text(error: BaseException, log: Path | None) -> str:
    """The dialog's message: what went wrong, that the board is safe, where the details are."""
    where = f"The details were written to {log}." if log is not None else "No log file could be written."
    return (
        f"Something went wrong inside pmdesk: {summary(error)}\n\n"
        "Your board is safe: every change up to this one is saved in its file, and nothing was "
        "written half-way. You can go on working; if the window looks wrong, close the board and "
        f"open it again.\n\n{where}"
    )


class ErrorHandler(QObject):
    """Catches what a slot or an event handler raises (Python hands it to ``sys.excepthook``)."""

    def __init__(self, app: QApplication, interactive: bool = True) -> None:
        super().__init__(app)
        self.interactive = interactive
        self.box: QMessageBox | None = None
        self.errors = 0
        self._previous: ExceptHook | None = None

    def install(self) -> None:
        """Make this handler ``sys.excepthook`` (``uninstall`` puts the previous one back)."""
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        """Restore the hook that was there before ``install``."""
        if self._previous is not None and sys.excepthook == self.handle:
            sys.excepthook = self._previous
        self._previous = None

    def handle(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        """Log the error, print its one line, and show it (once at a time) in a dialog."""
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        box = self._report(error, tb)
        if box is not None:
            box.open()  # not exec(): no nested event loop inside the code that just failed

    def report_at_start(self, error: BaseException) -> None:
        """An error before the window could show: the same line and log, and a dialog to close."""
        box = self._report(error, error.__traceback__)
        if box is not None:
            box.exec()  # there is no event loop yet; started from a launcher, this is all one sees

    def _report(self, error: BaseException, tb: TracebackType | None) -> QMessageBox | None:
        self.errors += 1
        log = write_log(error, tb, context="the window")
        print(f"pmdesk: error: {internal_error_line(error, log)}", file=sys.stderr, flush=True)
        if not self.interactive or (self.box is not None and self.box.isVisible()):
            return None  # one dialog at a time: an error in painting would otherwise repeat it forever
        from PySide6.QtWidgets import QMessageBox  # not at start-up: most windows never need one

        box = QMessageBox(QMessageBox.Icon.Critical, "pmdesk: internal error", "")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(dialog_text(error, log))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.ApplicationModal)
        box.destroyed.connect(self._forget_box)
        self.box = box
        return box

    def _forget_box(self) -> None:
        self.box = None
