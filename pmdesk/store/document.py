"""The live document: a board in memory and its file, changed only through edits."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pmdesk.model.board import Board
from pmdesk.model.edits import Edit, Primitive, apply_edit, primitives
from pmdesk.model.templates import new_board
from pmdesk.store.batch_write import BIG_BATCH, Progress
from pmdesk.store.board_file import BoardFile, create_file
from pmdesk.store.errors import BoardFileError, ReadOnlyError
from pmdesk.store.lock import BoardLock
from pmdesk.store.writer import FileWriter

if TYPE_CHECKING:
    from concurrent.futures import Future

UNTITLED_PREFIX = "untitled-"
Listener = Callable[[Edit], None]
# Called after the board went back to what its file holds (a write in the background failed),
# with the reason; every view must then show the board again.
Reverted = Callable[[BoardFileError], None]


class Document:
    """A board and its open file. ``apply`` is the one way to change either."""

    def __init__(self, file: BoardFile, untitled: bool = False) -> None:
        self.file = file
        self.board: Board = file.read()
        self.untitled = untitled
        self._listeners: list[Listener] = []
        self._reverted: list[Reverted] = []
        self._writer: FileWriter | None = None  # made by the first ``apply_later``
        # How many times the board went back to its file: an inverse kept from before refers to
        # a board that is gone (its indexes may now point at other items).
        self.reverts = 0

    # --- opening and creating ------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> Document:
        """Open a board file (BoardFileError with a message if it is not a good one)."""
        path = Path(path)
        file = BoardFile.open(path)
        try:
            return cls(file, untitled=path.name.startswith(UNTITLED_PREFIX))
        except BaseException:
            file.close()  # a board that breaks a rule leaves the file unlocked for the next try
            raise

    @classmethod
    def open_held(cls, path: Path) -> Document:
        """A read-only copy of a board another pmdesk window holds (BoardFileError if it is not good)."""
        file = BoardFile.open_held(Path(path))
        try:
            return cls(file)
        except BaseException:
            file.close()
            raise

    @classmethod
    def create(cls, path: Path, board: Board | None = None, overwrite: bool = False) -> Document:
        """Write a new board file and open it."""
        create_file(Path(path), board or new_board(), overwrite=overwrite)
        return cls.open(path)

    @classmethod
    def create_untitled(cls, folder: Path, board: Board | None = None) -> Document:
        """A new board in ``folder`` (the user's data folder) that lives there until saved."""
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        for attempt in range(1000):
            path = folder / f"{UNTITLED_PREFIX}{stamp}{'-' + str(attempt) if attempt else ''}.pmdesk"
            if not path.exists():
                return cls.create(path, board)
        raise BoardFileError("cannot find a free name for a new board")

    @property
    def path(self) -> Path:
        """Where the board lives now."""
        return self.file.path

    @property
    def read_only(self) -> bool:
        """True when the file could not be opened for writing."""
        return self.file.read_only

    @property
    def notice(self) -> str | None:
        """Why a board is open read-only although its file is writable (a WAL board, a crash)."""
        return self.file.notice

    # --- changing ------------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener(edit)`` after every applied edit."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop calling ``listener``."""
        self._listeners.remove(listener)

    def subscribe_reverted(self, listener: Reverted) -> None:
        """Call ``listener(error)`` after the board went back to its file (see ``apply_later``)."""
        self._reverted.append(listener)

    def apply(self, edit: Edit, progress: Progress | None = None) -> Edit:
        """Apply an edit to the board and the file in one transaction; return its inverse.

        EditError (the board's rules) and BoardFileError (the file) leave both unchanged.
        ``progress(done, total)`` is called while a big batch is written. Writes still queued by
        ``apply_later`` are committed first, so the file receives every edit in the board's order.
        """
        if self.read_only:
            raise ReadOnlyError(f"{self.path.name} is read-only: changes cannot be saved")
        self.settle()
        edits = list(primitives(edit))
        big = len(edits) > BIG_BATCH
        if big and progress is not None:
            progress(0, 10)
        inverse = apply_edit(self.board, edit)
        try:
            if big:
                if progress is not None:
                    progress(2, 10)
                steps = None if progress is None else _scaled(progress, 2, 9, 10)
                self.file.write(edits, self.board, steps)
            else:
                self.file.write(edits)
        except BaseException:
            apply_edit(self.board, inverse)
            raise
        if big and progress is not None:
            progress(9, 10)
        self._tell(edit)
        return inverse

    def apply_later(self, edit: Edit) -> tuple[Edit, Future[None]]:
        """Apply an edit to the board now and commit it to the file on a writer thread.

        Returns the inverse and a Future that is done once the edit is durably committed (one
        transaction, perhaps shared with edits queued just before or after it), or that holds
        the BoardFileError that kept it from the disk. Listeners hear of the edit at once. If a
        write fails, the board goes back to what the file holds at the next ``settle`` (the
        window calls it as soon as it hears; ``apply`` calls it too) and ``subscribe_reverted``
        listeners are told. A big batch is written at once, as by ``apply``.
        """
        if self.read_only:
            raise ReadOnlyError(f"{self.path.name} is read-only: changes cannot be saved")
        edits = list(primitives(edit))
        if len(edits) > BIG_BATCH:
            inverse = self.apply(edit)
            from concurrent.futures import Future

            done: Future[None] = Future()
            done.set_result(None)
            return inverse, done
        if self._writer is None:
            self._writer = FileWriter(self._write, self.path.name)
        elif self._writer.failed is not None:
            self.settle()
        inverse = apply_edit(self.board, edit)
        try:
            done = self._writer.submit(edits)
        except BaseException:
            apply_edit(self.board, inverse)
            raise
        self._tell(edit)
        return inverse, done

    def settle(self) -> None:
        """Wait for the writes ``apply_later`` queued; if one failed, go back to the file and raise.

        The board is read back from the file in place (the same Board object), so it holds
        exactly what was durably committed; the BoardFileError of the failed write is raised
        after the ``subscribe_reverted`` listeners have been told. If the file cannot be read
        back, the board stays as it is, every later write is refused, and each ``settle`` raises.
        """
        writer = self._writer
        if writer is None:
            return
        writer.drain()
        failure = writer.failed
        if failure is None:
            return
        try:
            stored = self.file.read()
        except BoardFileError as error:  # the board cannot go back: it keeps refusing writes
            raise BoardFileError(
                f"{failure} The file could not be read back either ({error}): the board shows "
                "changes that are not saved; nothing more is written to it."
            ) from error
        for name in (field.name for field in dataclasses.fields(self.board)):
            setattr(self.board, name, getattr(stored, name))
        self.reverts += 1
        writer.reset()
        for listener in list(self._reverted):
            listener(failure)
        raise failure

    def _write(self, edits: list[Primitive]) -> None:
        self.file.write(edits)  # the file of the moment: Save As moves it (after ``settle``)

    def _tell(self, edit: Edit) -> None:
        for listener in list(self._listeners):
            listener(edit)

    # --- saving and closing ----------------------------------------------------------------

    def save_as(self, target: Path) -> None:
        """Copy the board to ``target`` and continue there; an untitled board's file is removed."""
        target = Path(target).resolve()
        if _same_file(target, self.path):
            return
        stranded = self._settle_to_copy()
        if target.exists() and BoardLock.is_locked(target):
            raise BoardFileError(f"{target.name}: open in another pmdesk window")
        self._copy_to(target, stranded)
        old_path, was_untitled = self.path, self.untitled
        new_file = BoardFile.open(target)
        self.file.close()
        self.file = new_file
        self.untitled = False
        if stranded and self._writer is not None:
            self._writer.reset()  # the new file holds the board as shown: writes go there now
        if was_untitled:
            old_path.unlink(missing_ok=True)

    def save_copy(self, target: Path) -> None:
        """Write a copy of the board to ``target`` and stay on the current file.

        The board's own file and a board open in another window are refused: replacing either
        under its open connection would make every later edit there fail.
        """
        target = Path(target)
        if _same_file(target, self.path):
            raise BoardFileError(
                f"{target.name}: that is this board's own file; a copy needs another name or folder"
            )
        if target.exists() and BoardLock.is_locked(target):
            raise BoardFileError(f"{target.name}: open in another pmdesk window")
        self._copy_to(target, self._settle_to_copy())

    def _settle_to_copy(self) -> bool:
        """``settle`` before copying the file; True if the file could not be read back.

        After a failed write that took the board back, the board is what the file holds (the
        listeners were told), so a copy of the file is whole: Save As to another disk is how a
        facilitator goes on after a full disk. If the file could not even be read back, the
        board in memory is the only whole copy of the meeting, so the copy is written from it.
        """
        reverts = self.reverts
        try:
            self.settle()
        except BoardFileError:
            return self.reverts == reverts
        return False

    def _copy_to(self, target: Path, stranded: bool) -> None:
        """Copy the file to ``target``; the board in memory instead when its file is ``stranded``."""
        if stranded:
            create_file(target, self.board, overwrite=True)
        else:
            self.file.save_copy(target)

    def close(self) -> BoardFileError | None:
        """Commit the writes still queued, close the file and release its lock.

        Returns the error of a queued write that failed (the file keeps what was committed
        before it), for the caller to report; None if every write reached the file.
        """
        failure = None
        if self._writer is not None:
            self._writer.stop()
            failure = self._writer.failed
            self._writer = None
        self.file.close()
        return failure


def _same_file(a: Path, b: Path) -> bool:
    """True if both paths are one file (through links, other spellings, hard links)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def _scaled(progress: Progress, start: int, end: int, total: int) -> Progress:
    """``progress`` for a part of the work: its own steps mapped onto ``start``..``end`` of ``total``."""

    def report(done: int, steps: int) -> None:
        progress(start + (end - start) * done // max(steps, 1), total)

    return report


def find_untitled(folder: Path) -> list[Path]:
    """Untitled boards left in ``folder`` by earlier runs and not open now, newest first."""
    if not folder.is_dir():
        return []
    found = [
        path
        for path in folder.glob(f"{UNTITLED_PREFIX}*.pmdesk")
        if path.stat().st_size > 0 and not BoardLock.is_locked(path)
    ]
    return sorted(found, key=os.path.getmtime, reverse=True)
