"""Writing a board file on a thread of its own, in order, for edits already applied in memory.

The window's room applies the devices' edits to the board at once (the views show them), and the
file write, which waits for the disk (a COMMIT with ``synchronous=FULL`` flushes it several
times), runs here instead of on the GUI thread. Each write is one transaction, or several
queued ones are committed together in one (each edit stays whole inside one transaction); its
Future is done only once that transaction is durable, so whoever waits on it (a device waiting
for "saved") hears it only then. Writes are committed in the order they were queued, and a
write made directly on the file waits for the queue to drain first (``drain``), so the file
always receives the edits in the order the board did.

If a write fails (a full disk), it and every write queued after it fail (each was made on the
board the failed one left), and the queue refuses further writes until the document has gone
back to what the file holds (``reset``).

The thread is not a daemon: when the program ends, every writer still running commits what is
queued and stops (as ``stop`` does) before the interpreter goes, rather than being dropped
mid-queue with it.
"""

from __future__ import annotations

import threading
import weakref
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmdesk.model.edits import Primitive
from pmdesk.store.errors import BoardFileError

if TYPE_CHECKING:  # imported at the first write, not at the window's start
    from concurrent.futures import Future

Write = Callable[[list[Primitive]], None]
# Primitives committed in one transaction at most when several queued writes are joined: a
# bound on how long one transaction holds the file (and on what a failure takes with it).
MAX_JOINED = 2000
# Writers whose thread is running, stopped when the program ends (before its threads are joined).
_RUNNING: weakref.WeakSet[FileWriter] = weakref.WeakSet()


def _stop_all() -> None:
    for writer in list(_RUNNING):
        writer.stop()


# Python's hook that runs before the interpreter joins its threads (concurrent.futures uses it);
# without it, the thread is a daemon as a last resort, so that the program can end at all.
_register_atexit = getattr(threading, "_register_atexit", None)
if _register_atexit is not None:
    _register_atexit(_stop_all)


@dataclass
class _Queued:
    edits: list[Primitive]
    done: Future[None]


class FileWriter:
    """Commits queued writes in order on a thread of its own; ``drain`` waits until none is left."""

    def __init__(self, write: Write, name: str) -> None:
        self._write = write
        self._name = name
        self._queue: deque[_Queued] = deque()
        self._busy = False  # a transaction is under way
        self._failed: BoardFileError | None = None
        self._stopped = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(
            target=self._run, name="pmdesk-writer", daemon=_register_atexit is None
        )
        _RUNNING.add(self)
        self._thread.start()

    @property
    def failed(self) -> BoardFileError | None:
        """The error of the write that failed, until ``reset``."""
        return self._failed

    def submit(self, edits: list[Primitive]) -> Future[None]:
        """Queue a write; its Future is done once it is durable (or holds the BoardFileError)."""
        from concurrent.futures import Future

        done: Future[None] = Future()
        with self._cond:
            if self._stopped:
                raise BoardFileError(f"{self._name}: the board is closed")
            if self._failed is not None:
                raise self._failed
            self._queue.append(_Queued(edits, done))
            self._cond.notify_all()
        return done

    def drain(self) -> None:
        """Wait until every queued write is committed or has failed."""
        with self._cond:
            self._cond.wait_for(lambda: not self._queue and not self._busy)

    def reset(self) -> None:
        """Accept writes again after a failure (the document matches its file again)."""
        with self._cond:
            self._failed = None

    def stop(self) -> None:
        """Commit what is queued, then end the thread."""
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        if self._thread is not threading.current_thread():
            self._thread.join()
        _RUNNING.discard(self)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._queue or self._stopped)
                if not self._queue:
                    return
                group = [self._queue.popleft()]
                size = len(group[0].edits)
                while self._queue and size + len(self._queue[0].edits) <= MAX_JOINED:
                    size += len(self._queue[0].edits)
                    group.append(self._queue.popleft())
                self._busy = True
            failure: BoardFileError | None = None
            try:
                self._write([edit for queued in group for edit in queued.edits])
            except BaseException as error:  # handed to whoever waits on the writes
                failure = error if isinstance(error, BoardFileError) else BoardFileError(str(error))
                with self._cond:
                    self._failed = failure
                    group.extend(self._queue)  # made on the board the failed write left
                    self._queue.clear()
            for queued in group:
                if failure is None:
                    queued.done.set_result(None)
                else:
                    queued.done.set_exception(failure)
            with self._cond:
                self._busy = False
                self._cond.notify_all()
