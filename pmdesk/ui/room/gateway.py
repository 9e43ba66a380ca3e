"""The window's side of the room's gateway: every call from the server runs on the GUI thread.

The room's server calls ``apply`` and ``read`` from its own threads. Each call becomes a job
sent to the GUI thread through a queued signal; the server's thread waits on a Future for the
result (an edit pushed on the window's undo stack and durably committed, or the EditError that
refused it). Edits that arrive while the GUI thread is busy are applied together when it gets to
them, each its own undo step, each built on the board the earlier ones left. The GUI thread
applies them to the board (the views follow at once) and hands the file write to the document's
writer thread (``QtDocument.push_each_later``): waiting for the disk never holds up the window,
and each device is answered from there, once its card is durably committed. The window's own
edits, undo and redo wait for those writes before theirs, so the file gets every edit in the
board's order. A job that waited too long is cancelled before it runs, so a device is never told
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
from pmdesk.room.board_thread import GROUP_NAME, MAX_GROUP, build_in_order
from pmdesk.room.gateway import EditBuilder, RoomPhase, RoomUnavailable, Watcher, Watchers
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.refresh import follow

# What a device sees of the board (pmdesk/room/state.py): a change to anything else (the
# timeline, the actions, the incident's facts, the agenda's times, the takeaways typed at
# Wrap-up, the page the meeting is on) tells the devices nothing.
SEEN_BY_DEVICES = (
    "cards",
    "themes",
    "sections",
    "participants",
    "votes",
    "session.votes_hidden",
    "session.cards_revealed",
    "session.votes_per_participant",
)

T = TypeVar("T")
CALL_TIMEOUT = 15.0  # seconds a device's request may wait for the window (a modal dialog, a busy PDF)


class WindowGateway(QObject):
    """A RoomGateway over the window's document: GUI-thread calls, undo steps, change notices."""

    _job = Signal(object)  # (function, Future), run on the GUI thread
    _edits = Signal()  # edits are waiting in ``_pending``: commit them as one group

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
        self._watchers = Watchers()
        self._waiting: set[Future[Any]] = set()
        self._pending: list[tuple[EditBuilder, Future[Edit]]] = []
        self._closed = False
        self._job.connect(self._run, Qt.ConnectionType.QueuedConnection)
        self._edits.connect(self._commit_pending, Qt.ConnectionType.QueuedConnection)
        self._follower = follow(qt_document, SEEN_BY_DEVICES, self._board_changed)

    # --- RoomGateway ---------------------------------------------------------------------

    def apply(self, build: EditBuilder) -> Edit:
        """Build and push the edit on the GUI thread (one undo step); return once committed."""
        if self._closed:  # first: a closed gateway may be gone on Qt's side
            raise RoomUnavailable("The room is closed.")
        if QThread.currentThread() is self.thread():
            return self._on_gui(lambda: self._commit_now(build))
        return self._wait(self.submit(build))

    def submit(self, build: EditBuilder) -> Future[Edit]:
        """Queue the edit for the GUI thread without waiting; the Future is answered once durable.

        Cancelling the Future before the GUI thread gets to it leaves the board untouched.
        """
        future: Future[Edit] = Future()
        with self._lock:
            if self._closed:
                raise RoomUnavailable("The room is closed.")
            self._waiting.add(future)
            self._pending.append((build, future))
            first = len(self._pending) == 1
        future.add_done_callback(self._forget)
        if first:  # one queued call drains whatever has gathered by the time it runs
            self._edits.emit()
        return future

    def read(self, look: Callable[[Board], T]) -> T:
        """Run ``look`` on the board on the GUI thread, between edits."""
        return self._on_gui(lambda: look(self.qt_document.board))

    def phase(self) -> RoomPhase:
        """The phase the window last set (an immutable value: safe from any thread)."""
        return self._phase

    def watch(self, watcher: Watcher) -> None:
        """Call ``watcher`` after every change of the board or the phase."""
        self._watchers.add(watcher)

    def unwatch(self, watcher: Watcher) -> None:
        """Stop calling ``watcher``."""
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
            future.cancel()  # a device's edit already applied waits for its write instead
        with contextlib.suppress(RuntimeError, TypeError):  # already gone with the document
            self._follower.stop()

    @property
    def closed(self) -> bool:
        """True once the room closed."""
        return self._closed

    # --- machinery -----------------------------------------------------------------------

    def _on_gui(self, job: Callable[[], T]) -> T:
        if self._closed:  # first: a closed gateway may be gone on Qt's side
            raise RoomUnavailable("The room is closed.")
        if QThread.currentThread() is self.thread():
            return job()
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise RoomUnavailable("The room is closed.")
            self._waiting.add(future)
        self._job.emit((job, future))
        return self._wait(future)

    def _wait(self, future: Future[T]) -> T:
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

    def _forget(self, future: Future[Any]) -> None:
        with self._lock:
            self._waiting.discard(future)

    def _commit_pending(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, []
        started = [(build, future) for build, future in pending if future.set_running_or_notify_cancel()]
        for start in range(0, len(started), MAX_GROUP):
            self._commit(started[start : start + MAX_GROUP])

    def _commit_now(self, build: EditBuilder) -> Edit:
        future: Future[Edit] = Future()
        future.set_running_or_notify_cancel()
        self._commit([(build, future)])
        return future.result()

    def _commit(self, jobs: list[tuple[EditBuilder, Future[Edit]]]) -> None:
        """Build the edits in order, apply those the board allows, answer each once durable."""
        built: list[tuple[Future[Edit], Edit]] = []
        made_all = build_in_order(self.qt_document.board, [build for build, _ in jobs])
        for (_, future), made in zip(jobs, made_all, strict=True):
            if isinstance(made, BaseException):
                future.set_exception(made)
            else:
                built.append((future, made))
        if not built:
            return
        try:
            edits = tuple(edit for _, edit in built)
            durable = self.qt_document.push_each_later(edits, GROUP_NAME, origin=self)
        except BaseException as error:  # handed to the server's threads, which decide
            for future, _ in built:
                future.set_exception(error)
            return

        def answer(done: Future[None]) -> None:  # on the writer thread, once the commit is durable
            error = done.exception()
            for future, edit in built:
                if error is None:
                    future.set_result(edit)
                else:
                    future.set_exception(error)

        durable.add_done_callback(answer)

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
        self._watchers.notify()
