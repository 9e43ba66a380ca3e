"""The thread that owns a board in the headless room, committing devices' edits in groups.

An SQLite connection belongs to the thread that opened it, so one thread opens the Document,
builds and applies every edit, answers every read and closes it. Edits that arrive while a
commit is under way are committed together in the next transaction (group commit): each is
still its own edit with its own undo step, each builder sees the board as the edits before it
in the group left it (two dots racing for the last one of a budget: the second is refused), and
every caller returns only once its edit is durably committed. Waiting for the disk then costs
one flush per group instead of one per card, which keeps a room of thirty people typing at once
well inside the latency budget on a slow disk.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pmdesk.model.board import Board
from pmdesk.model.edits import Batch, Edit, apply_edit
from pmdesk.store.document import Document
from pmdesk.store.errors import BoardFileError

T = TypeVar("T")
MAX_GROUP = 64
GROUP_NAME = "Cards from devices"


@dataclass
class _Job:
    future: Future[Any]
    build: Callable[[Board], Edit] | None = None  # an edit to build and commit
    call: Callable[[], Any] | None = None  # anything else, run alone, in order


class BoardThread:
    """Runs a Document on a thread of its own; ``apply`` commits edits in groups."""

    def __init__(self, path: Path) -> None:
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._lock = threading.Lock()
        self._stopped = False
        self.undo_stack: list[Edit] = []  # inverses, newest last
        opened: Future[Document] = Future()
        self._thread = threading.Thread(target=self._run, args=(Path(path), opened), name="pmdesk-board")
        self._thread.daemon = True
        self._thread.start()
        self.document = opened.result()

    def call(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on the board's thread and return its result."""
        future: Future[T] = Future()
        self._put(_Job(future, call=fn))
        return future.result()

    def apply(self, build: Callable[[Board], Edit]) -> Edit:
        """Build an edit on the board's thread and commit it; return once it is durable."""
        future: Future[Edit] = Future()
        self._put(_Job(future, build=build))
        return future.result()

    def stop(self) -> None:
        """Finish the jobs queued so far, close the document and end the thread."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
            self._jobs.put(None)
        self._thread.join()

    def _put(self, job: _Job) -> None:
        with self._lock:
            if self._stopped:
                raise BoardFileError(f"{self.document.path.name}: the board is closed")
            self._jobs.put(job)

    # --- on the board's thread -----------------------------------------------------------------

    def _run(self, path: Path, opened: Future[Document]) -> None:
        try:
            document = Document.open(path)
        except BaseException as error:
            opened.set_exception(error)
            return
        opened.set_result(document)
        try:
            while True:
                first = self._jobs.get()
                if first is None:
                    return
                jobs = [first]
                while len(jobs) < MAX_GROUP and jobs[-1] is not None and jobs[-1].build is not None:
                    try:
                        following = self._jobs.get_nowait()
                    except queue.Empty:
                        break
                    jobs.append(following)  # type: ignore[arg-type]
                stop = jobs[-1] is None
                work = [job for job in jobs if job is not None]
                builds = [job for job in work if job.build is not None]
                self._commit_group(document, builds)
                for job in work:
                    if job.call is not None:
                        self._run_call(job)
                if stop:
                    return
        finally:
            document.close()

    def _run_call(self, job: _Job) -> None:
        assert job.call is not None
        try:
            job.future.set_result(job.call())
        except BaseException as error:
            job.future.set_exception(error)

    def _commit_group(self, document: Document, builds: list[_Job]) -> None:
        if not builds:
            return
        built: list[tuple[_Job, Edit]] = []
        makers = [job.build for job in builds if job.build is not None]
        for job, outcome in zip(builds, build_in_order(document.board, makers), strict=True):
            if isinstance(outcome, BaseException):
                job.future.set_exception(outcome)
            else:
                built.append((job, outcome))
        if not built:
            return
        edits = tuple(edit for _, edit in built)
        try:
            inverse = document.apply(edits[0] if len(edits) == 1 else Batch(GROUP_NAME, edits))
        except BaseException as error:
            for job, _ in built:
                job.future.set_exception(error)
            return
        self.undo_stack.extend(inverses_of(edits, inverse))
        for job, edit in built:
            job.future.set_result(edit)


def build_in_order(board: Board, builds: list[Callable[[Board], Edit]]) -> list[Edit | BaseException]:
    """Build each edit on the board as the ones before it leave it; the board is left unchanged.

    A builder that raises (an EditError: out of dots, a card gone) gets its exception back in
    its place and the later builders do not see its edit.
    """
    outcomes: list[Edit | BaseException] = []
    inverses: list[Edit] = []
    try:
        for build in builds:
            try:
                edit = build(board)
                inverses.append(apply_edit(board, edit))  # the next builder sees it
            except BaseException as error:
                outcomes.append(error)
                continue
            outcomes.append(edit)
    finally:
        for inverse in reversed(inverses):
            apply_edit(board, inverse)
    return outcomes


def inverses_of(edits: tuple[Edit, ...], inverse: Edit) -> list[Edit]:
    """The inverse of each edit, in the edits' order, from the inverse of the group they made."""
    if len(edits) == 1:
        return [inverse]
    assert isinstance(inverse, Batch)
    return list(reversed(inverse.edits))
