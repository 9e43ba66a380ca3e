"""A progress dialog for a big edit (thousands of cards in one step) past half a second."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from pmdesk.model.edits import Edit, primitives
from pmdesk.store.batch_write import BIG_BATCH

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

SHOW_AFTER = 0.5  # seconds: quicker edits never flash a dialog
STEPS = 100


class BusyProgress:
    """``progress(done, total)`` for Document.apply: a window-modal dialog once 0.5 s have passed.

    Showing and moving it lets Qt paint the window while the edit goes on (the edit itself stays
    one transaction: it cannot be cancelled halfway).
    """

    def __init__(self, label: str) -> None:
        self.label = label
        self.started = time.monotonic()
        self.dialog: QProgressDialog | None = None

    def __call__(self, done: int, total: int) -> None:
        """Report ``done`` of ``total``; show the dialog once the edit has taken 0.5 s."""
        if self.dialog is None:
            if time.monotonic() - self.started < SHOW_AFTER:
                return
            if not isinstance(QCoreApplication.instance(), QApplication):
                return  # no window to show it in (the headless room)
            from PySide6.QtWidgets import QProgressDialog  # imported by the first big edit

            dialog = QProgressDialog(f"{self.label}…", "", 0, STEPS, QApplication.activeWindow())
            dialog.setWindowTitle("pmdesk")
            dialog.setCancelButton(None)  # one transaction: it cannot stop halfway
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(0)
            dialog.setAutoClose(False)
            self.dialog = dialog
        self.dialog.setValue(min(STEPS, STEPS * done // max(total, 1)))  # paints (window-modal)

    def close(self) -> None:
        """Take the dialog down, if it was shown."""
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None


@contextlib.contextmanager
def busy_for(edit: Edit, label: str) -> Iterator[BusyProgress | None]:
    """A BusyProgress for an edit big enough to take a while, or None."""
    if sum(1 for _ in primitives(edit)) <= BIG_BATCH:
        yield None
        return
    progress = BusyProgress(label)
    try:
        yield progress
    finally:
        progress.close()
