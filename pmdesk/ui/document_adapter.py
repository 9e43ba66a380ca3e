"""The Qt side of a document: one change signal, one undo stack, one way to push edits.

Every applied edit, undo and redo is announced once, as a change set (``pmdesk.model.changes``),
on ``changed``; views follow it through ``pmdesk.ui.refresh.follow``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from pmdesk.model.board import Board
from pmdesk.model.changes import Changes, changes_of
from pmdesk.model.edits import Batch, Edit, EditError, edit_name, merged
from pmdesk.store.document import Document
from pmdesk.store.errors import BoardFileError, ReadOnlyError
from pmdesk.ui.busy import busy_for

if TYPE_CHECKING:
    from concurrent.futures import Future

# Steps kept for Undo: far more than a meeting needs, and a bound on memory over a long session.
UNDO_LIMIT = 1000


class EditCommand(QUndoCommand):
    """One undo step: an edit that was applied, and its inverse.

    The edit is applied before the command is pushed (so a refused edit never reaches the
    stack); the first ``redo`` that QUndoStack.push calls therefore does nothing. A step made
    before the board went back to its file (a write in the background failed) is never applied:
    its indexes refer to the board as it was.
    """

    def __init__(
        self,
        document: Document,
        edit: Edit,
        inverse: Edit,
        merge_key: str | None,
        on_error: Callable[[str], None],
        on_step: Callable[[Edit], None] = lambda _edit: None,
    ) -> None:
        super().__init__(edit_name(edit))
        self._document = document
        self._on_error = on_error
        self._on_step = on_step
        self._edit = edit
        self._inverse = inverse
        self._merge_key = merge_key
        self._applied = True
        self._reverts = document.reverts

    def _stale(self, step: str) -> bool:
        """True (and the user told) if the board went back to its file since this step was made."""
        if self._document.reverts == self._reverts:
            return False
        self._on_error(f"{step} skipped: the board went back to what its file holds")
        return True

    def redo(self) -> None:
        """Apply the edit again (skipped on the push, which follows the first apply)."""
        if self._applied:
            self._applied = False
            return
        if self._stale("Redo"):
            return
        try:
            with busy_for(self._edit, f"Redo {self.text()}") as progress:
                self._inverse = self._document.apply(self._edit, progress)
        except (EditError, BoardFileError) as error:
            self._on_error(f"Redo failed: {error}")
            return
        self._on_step(self._edit)

    def undo(self) -> None:
        """Apply the inverse."""
        if self._stale("Undo"):
            return
        applied = self._inverse
        try:
            with busy_for(applied, f"Undo {self.text()}") as progress:
                self._edit = self._document.apply(applied, progress)
        except (EditError, BoardFileError) as error:
            self._on_error(f"Undo failed: {error}")
            return
        self._on_step(applied)

    @property
    def merge_key(self) -> str | None:
        """Edits pushed with the same key right after this one join it (typing in one field)."""
        return self._merge_key

    def absorb(self, edit: Edit, inverse: Edit) -> None:
        """Make an edit just applied part of this step (its inverse undoes both)."""
        name = self.text()
        self._edit = merged(name, self._edit, edit)
        self._inverse = merged(name, inverse, self._inverse)


class QtDocument(QObject):
    """Wraps a Document for the window: ``push`` edits, listen to ``changed``."""

    changed = Signal(object)  # the Changes of the edit just applied (also on undo and redo)
    failed = Signal(str)  # a message for the user when an edit is refused
    # An edit the board's rules allowed but the file could not take (a full disk, a lost
    # folder): also in ``failed``, and worth more than a status-bar line.
    not_saved = Signal(str)
    # After an undo or redo has been applied and every view has followed it: its Changes
    # (the board shows what the step brought back, and the keyboard goes there). Views listen
    # through pmdesk.ui.refresh.follow_steps, as they follow ``changed`` through ``follow``.
    stepped = Signal(object)
    _write_failed = Signal()  # from the writer thread: a write of ``push_each_later`` failed

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self._origin: object = None
        self._told = ""  # the last failure ``settle`` reported without the board going back
        # The undo history no longer matches the board (a write or a step failed): it is dropped
        # at the next turn of the event loop, or before the next step is pushed if that comes first.
        self._history_stale = False
        document.subscribe(self._applied)
        document.subscribe_reverted(self._reverted)
        self._write_failed.connect(self._settle, Qt.ConnectionType.QueuedConnection)

    def _applied(self, edit: Edit) -> None:
        self.changed.emit(changes_of(edit, self._origin))

    def announce_everything(self) -> None:
        """Tell every view the whole board may differ (another file, another read-only state)."""
        self.changed.emit(Changes.everything())

    @property
    def board(self) -> Board:
        """The board as it is now (read it, never change it directly)."""
        return self.document.board

    def push(self, edit: Edit | None, merge_key: str | None = None, origin: object = None) -> bool:
        """Apply an edit as one undo step; False (and ``failed``) if it was refused.

        ``origin`` is the view making the change; its change set names it.
        """
        if edit is None:
            return False
        try:
            self.push_strict(edit, merge_key, origin)
        except (EditError, BoardFileError) as error:
            self.failed.emit(str(error))
            if isinstance(error, BoardFileError) and not isinstance(error, ReadOnlyError):
                self.not_saved.emit(str(error))
            return False
        return True

    def push_strict(self, edit: Edit, merge_key: str | None = None, origin: object = None) -> None:
        """Apply an edit as one undo step, raising EditError or BoardFileError if it is refused.

        For callers that report refusals themselves (the room tells the device, not the window).
        """
        self._origin = origin
        try:
            with busy_for(edit, edit_name(edit)) as progress:
                inverse = self.document.apply(edit, progress)
        finally:
            self._origin = None
        self._drop_stale_history()
        top = self._mergeable_top(merge_key)
        if top is not None:
            top.absorb(edit, inverse)
        else:
            self.undo_stack.push(
                EditCommand(self.document, edit, inverse, merge_key, self._step_failed, self._stepped)
            )

    def push_each_later(self, edits: tuple[Edit, ...], name: str, origin: object = None) -> Future[None]:
        """Apply edits now, each its own undo step, and commit them on the file's writer thread.

        The views follow at once; the returned Future is done once the edits are durably
        committed (one transaction). Raises EditError or BoardFileError and applies none of them
        if they are refused; if the write fails later, the board goes back to what the file
        holds, the undo history is cleared and ``failed`` and ``not_saved`` say so.
        """
        group: Edit = edits[0] if len(edits) == 1 else Batch(name, edits)
        self._origin = origin
        try:
            inverse, durable = self.document.apply_later(group)
        finally:
            self._origin = None
        if len(edits) == 1:
            undos = [inverse]
        else:
            assert isinstance(inverse, Batch)
            undos = list(reversed(inverse.edits))
        self._drop_stale_history()
        for edit, undo in zip(edits, undos, strict=True):
            self.undo_stack.push(
                EditCommand(self.document, edit, undo, None, self._step_failed, self._stepped)
            )
        durable.add_done_callback(self._written)
        return durable

    def _written(self, done: Future[None]) -> None:
        """On the writer thread: a failed write is taken care of on the GUI thread."""
        if done.exception() is not None:
            with contextlib.suppress(RuntimeError):  # the window is gone with its document
                self._write_failed.emit()

    def settle(self) -> bool:
        """Wait for the writes queued in the background; False if one failed (the user was told).

        After a failure the board is back to what its file holds (see ``_reverted``). If the
        file could not even be read back, that is said here, once (later calls return True).
        """
        reverts = self.document.reverts
        try:
            self.document.settle()
        except BoardFileError as error:
            if self.document.reverts != reverts:
                return False  # ``_reverted`` has told the user
            if str(error) == self._told:
                return True
            self._told = str(error)
            self.failed.emit(str(error))
            self.not_saved.emit(str(error))
            return False
        return True

    def _settle(self) -> None:
        """A write in the background failed: bring the board back to its file (see ``_reverted``)."""
        self.settle()

    def _reverted(self, error: BoardFileError) -> None:
        message = f"{error} The board is as last saved; the undo history was cleared."
        self.failed.emit(message)
        self.not_saved.emit(message)
        self.announce_everything()
        self._drop_history_later()

    def _mergeable_top(self, merge_key: str | None) -> EditCommand | None:
        """The step that typing with ``merge_key`` continues, if it is the newest one.

        Merging here rather than through QUndoCommand.mergeWith: Qt deletes a merged command
        in C++ while its Python wrapper (and the edits it holds) stays alive, so every
        keystroke leaked.
        """
        stack = self.undo_stack
        if merge_key is None or stack.index() == 0 or stack.index() != stack.count():
            return None
        if stack.cleanIndex() == stack.index():
            return None
        top = stack.command(stack.index() - 1)
        return top if isinstance(top, EditCommand) and top.merge_key == merge_key else None

    def _stepped(self, edit: Edit) -> None:
        self.stepped.emit(changes_of(edit))

    def _step_failed(self, message: str) -> None:
        # The stack has already moved its index; its history no longer matches the board, so it
        # is dropped (after QUndoStack has finished the step). The board and file stay as they are.
        self.failed.emit(f"{message}. The undo history was cleared; the board is as shown.")
        self._drop_history_later()

    def _drop_history_later(self) -> None:
        """Drop the undo history once the step under way is over (QUndoStack is inside it now).

        A step pushed before then (a device's card taken at once) drops it first, so the new
        step is kept: only the history from before the failure goes.
        """
        self._history_stale = True
        QTimer.singleShot(0, self, self._drop_stale_history)

    def _drop_stale_history(self) -> None:
        if self._history_stale:
            self._history_stale = False
            self.undo_stack.clear()

    def attempt(
        self,
        build: object,
        *args: object,
        merge_key: str | None = None,
        origin: object = None,
        **kwargs: object,
    ) -> bool:
        """Build an edit with an operation (``build(board, *args)``) and push it; report refusals."""
        try:
            edit = build(self.board, *args, **kwargs)  # type: ignore[operator]
        except EditError as error:
            self.failed.emit(str(error))
            return False
        return self.push(edit, merge_key, origin)
