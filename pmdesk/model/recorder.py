"""Build a named batch of primitive edits by trying them on the board and rolling back."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any

from pmdesk.model.board import Board
from pmdesk.model.edits import (
    Batch,
    Edit,
    Insert,
    NothingToChange,
    Remove,
    Reorder,
    SetField,
    apply_edit,
    find_index,
    items_of,
    primitives,
    target_of,
)


class Recorder:
    """Applies primitives to a board while an operation is built, then undoes them all.

    Operations read the board as it is after each step (indices shift as items move),
    and the document later applies the finished batch for real, to memory and file.
    """

    def __init__(self, board: Board, name: str) -> None:
        self.board = board
        self.name = name
        self.done: list[Edit] = []
        self._inverses: list[Edit] = []
        self.batch: Batch | None = None

    def _do(self, edit: Edit) -> None:
        self._inverses.append(apply_edit(self.board, edit))
        self.done.append(edit)

    def set(self, collection: str, item_id: str | None, name: str, value: Any) -> None:
        """Set a field unless it already holds ``value``."""
        if getattr(target_of(self.board, collection, item_id), name) != value:
            self._do(SetField(collection, item_id, name, value))

    def insert(self, collection: str, index: int, item: Any) -> None:
        """Insert ``item`` at ``index`` of a list."""
        self._do(Insert(collection, index, item))

    def append(self, collection: str, item: Any) -> None:
        """Append ``item`` to a list."""
        self.insert(collection, len(items_of(self.board, collection)), item)

    def remove(self, collection: str, item_id: str) -> None:
        """Remove the item with ``item_id``."""
        self._do(Remove(collection, find_index(self.board, collection, item_id)))

    def remove_at(self, collection: str, index: int) -> None:
        """Remove the item at ``index`` (for votes, which have no id)."""
        self._do(Remove(collection, index))

    def include(self, edit: Edit) -> None:
        """Make an edit built by another operation part of this one (deleting a person's cards)."""
        for primitive in primitives(edit):
            self._do(primitive)

    def move(self, collection: str, source: int, target: int) -> None:
        """Move the item at ``source`` to ``target`` unless it is there already."""
        if source != target:
            self._do(Reorder(collection, source, target))

    def rollback(self) -> None:
        """Undo everything recorded so far, leaving the board as it was."""
        for inverse in reversed(self._inverses):
            apply_edit(self.board, inverse)
        self._inverses.clear()


@contextmanager
def recording(board: Board, name: str) -> Iterator[Recorder]:
    """Record an operation; afterwards ``recorder.batch`` holds it and the board is unchanged."""
    recorder = Recorder(board, name)
    try:
        yield recorder
    finally:
        recorder.rollback()
    if not recorder.done:
        raise NothingToChange("nothing to change")
    recorder.batch = Batch(name, tuple(recorder.done))


def finished(recorder: Recorder) -> Batch:
    """The batch a finished recording produced."""
    assert recorder.batch is not None
    return recorder.batch


Step = Callable[[Board], Batch]


def compose(board: Board, name: str, steps: Sequence[Step]) -> Batch:
    """Build several operations one after another into ONE named batch (one undo step).

    Each step is built on the board as the earlier steps left it; the board is restored
    before returning, so the document applies the whole batch for real. A step with nothing
    to change is skipped when there are others (one of several cards already stands there).
    """
    built: list[Edit] = []
    inverses: list[Edit] = []
    try:
        for step in steps:
            try:
                batch = step(board)
            except NothingToChange:
                if len(steps) > 1:
                    continue
                raise
            inverses.append(apply_edit(board, batch))
            built.append(batch)
    finally:
        for inverse in reversed(inverses):
            apply_edit(board, inverse)
    if not built:
        raise NothingToChange("nothing to change")
    return Batch(name, tuple(built))


def compose_each(board: Board, name: str, build: Callable[[Board, str], Batch], ids: Sequence[str]) -> Batch:
    """``build(board, id)`` for every id as ONE named batch; a single id keeps ``build``'s own name."""
    if len(ids) == 1:
        return build(board, ids[0])
    return compose(board, name, [partial(_build_one, build, item_id) for item_id in ids])


def _build_one(build: Callable[[Board, str], Batch], item_id: str, board: Board) -> Batch:
    return build(board, item_id)
