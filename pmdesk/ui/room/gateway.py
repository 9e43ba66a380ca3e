"""The window's side of the room's gateway: every call from the server runs on the GUI thread.

The room's server calls ``apply`` and ``read`` from its own threads. Each call becomes a job
sent to the GUI thread through a queued signal; the server's thread waits on a Future for the
result (an edit pushed on the window's undo stack and durably committed, or the EditError that
refused it). A job that waited too long is cancelled before it runs, so a device is never told
"failed" for an edit that is applied afterwards. Closing the gateway fails every waiting call.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QThread, Signal

from pmdesk.model.board import Board
from pmdesk.model.edits import Edit
from pmdesk.room.gateway import EditBuilder, RoomPhase, Watcher
from pmdesk.ui.document_adapter import QtDocument

T = TypeVar("T")
CALL_TIMEOUT = 15.0  # seconds a device's request may wait for the window (a modal dialog, a busy PDF)


class RoomUnavailable(RuntimeError):
    """The window could not take the call: the room closed, or the window stayed busy too long."""


class WindowGateway(QObject):
    """A RoomGateway over the window's document: GUI-thread calls, undo steps, change notices."""

    _job = Signal(object)  # (function, Future), run on the GUI thread

    def __init__(
        self,
        qt_document: QtDocument,
        phase: RoomPhase,
        timeout: float = CALL_TIMEOUT,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else qt_document)
        self.qt_document = qt_document
        self.timeout = timeout
        self._phase = phase
        self._lock = threading.Lock()
        self._watchers: list[Watcher] = []
        self._waiting: set[Future[Any]] = set()
        self._closed = False
        self._job.connect(self._run, Qt.ConnectionType.QueuedConnection)
        qt_document.changed.connect(self._board_changed)

    # --- RoomGateway ---------------------------------------------------------------------

    def apply(self, build: EditBuilder) -> Edit:
        """Build and push the edit on the GUI thread (one undo step); return once committed."""

        def job() -> Edit:
            edit = build(self.qt_document.board)
            self.qt_document.push_strict(edit, origin=self)
            return edit

        return self._on_gui(job)

    def read(self, look: Callable[[Board], T]) -> T:
        """Run ``look`` on the board on the GUI thread, between edits."""
        return self._on_gui(lambda: look(self.qt_document.board))

    def phase(self) -> RoomPhase:
        """The phase the window last set (an immutable value: safe from any thread)."""
        return self._phase

    def watch(self, watcher: Watcher) -> None:
        """Call ``watcher`` after every change of the board or the phase."""
        with self._lock:
            self._watchers.append(watcher)

    def unwatch(self, watcher: Watcher) -> None:
        """Stop calling ``watcher``."""
        with self._lock:
            if watcher in self._watchers:
                self._watchers.remove(watcher)

    # --- the window's side ---------------------------------------------------------------

    def set_phase(self, phase: RoomPhase) -> None:
        """The meeting's phase, countdown or permissions changed: tell the devices."""
        if phase != self._phase:
            self._phase = phase
            self._notify()

    def close(self) -> None:
        """Refuse every further call and fail the ones still waiting (the room is closing)."""
        with self._lock:
            self._closed = True
            waiting = list(self._waiting)
            self._waiting.clear()
            self._watchers.clear()
        for future in waiting:
            future.cancel()
        with contextlib.suppress(RuntimeError, TypeError):  # already gone with the document
            self.qt_document.changed.disconnect(self._board_changed)

    @property
    def closed(self) -> bool:
        """True once the room closed."""
        return self._closed

    # --- machinery -----------------------------------------------------------------------

    def _on_gui(self, job: Callable[[], T]) -> T:
        if QThread.currentThread() is self.thread():
            if self._closed:
                raise RoomUnavailable("The room is closed.")
            return job()
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise RoomUnavailable("The room is closed.")
            self._waiting.add(future)
        self._job.emit((job, future))
        try:
            return future.result(self.timeout)
        except FutureTimeout:
            if future.cancel():
                raise RoomUnavailable("The facilitator's window is busy; try again.") from None
            return future.result()  # it had started: it finishes in a moment
        except CancelledError:
            raise RoomUnavailable("The room is closed.") from None
        finally:
            with self._lock:
                self._waiting.discard(future)

    def _run(self, item: tuple[Callable[[], Any], Future[Any]]) -> None:
        job, future = item
        if not future.set_running_or_notify_cancel():
            return  # the caller gave up or the room closed: nothing is applied
        try:
            future.set_result(job())
        except BaseException as error:  # handed to the server's thread, which decides
            future.set_exception(error)

    def _board_changed(self, _changes: object) -> None:
        self._notify()

    def _notify(self) -> None:
        with self._lock:
            watchers = list(self._watchers)
        for watcher in watchers:
            watcher()
