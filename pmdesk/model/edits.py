"""Edits: small value objects that change a board and give back their inverse.

Four primitives change a board: ``SetField``, ``Insert``, ``Remove`` and ``Reorder``.
A ``Batch`` groups primitives into one user-visible step with a name ("Group cards").
``apply_edit`` applies any edit to a board in memory and returns the edit that undoes it;
the store writes the same primitives to the file, so memory and disk never disagree.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pmdesk.model.board import Board

SINGLETONS = ("incident", "session")


class EditError(ValueError):
    """An edit that would break the board's rules; the message is for the user."""


class NothingToChange(EditError):
    """An operation that would leave the board as it is (a card dropped where it stands)."""


@dataclass(frozen=True)
class SetField:
    """Set one field of one item (``item_id`` None for the incident or the session)."""

    collection: str
    item_id: str | None
    name: str
    value: Any


@dataclass(frozen=True)
class Insert:
    """Insert an item into a list at ``index``."""

    collection: str
    index: int
    item: Any


@dataclass(frozen=True)
class Remove:
    """Remove the item at ``index`` of a list."""

    collection: str
    index: int


@dataclass(frozen=True)
class Reorder:
    """Move the item at ``source`` of a list so that it ends up at ``target``."""

    collection: str
    source: int
    target: int


@dataclass(frozen=True)
class Batch:
    """Several primitive edits applied as one step, named for the Undo menu."""

    name: str
    edits: tuple[Edit, ...]


Primitive = SetField | Insert | Remove | Reorder
Edit = SetField | Insert | Remove | Reorder | Batch


def edit_name(edit: Edit) -> str:
    """The name of an edit as shown in the Undo and Redo menu items."""
    if isinstance(edit, Batch):
        return edit.name
    return type(edit).__name__


def primitives(edit: Edit) -> Iterator[Primitive]:
    """The primitive edits of an edit, in the order they apply."""
    if isinstance(edit, Batch):
        for child in edit.edits:
            yield from primitives(child)
    else:
        yield edit


def items_of(board: Board, collection: str) -> list[Any]:
    """The list of a board named ``collection`` (cards, themes, votes, ...)."""
    if collection in SINGLETONS or not hasattr(board, collection):
        raise EditError(f"unknown list {collection!r}")
    items = getattr(board, collection)
    if not isinstance(items, list):
        raise EditError(f"unknown list {collection!r}")
    return items


def find_index(board: Board, collection: str, item_id: str) -> int:
    """The index of the item with ``item_id`` in a list, or raise EditError."""
    for index, item in enumerate(items_of(board, collection)):
        if item.id == item_id:
            return index
    raise EditError(f"no item {item_id!r} in {collection}")


def target_of(board: Board, collection: str, item_id: str | None) -> Any:
    """The object a SetField on ``collection``/``item_id`` changes."""
    if collection in SINGLETONS:
        return getattr(board, collection)
    if item_id is None:
        raise EditError(f"an item of {collection} needs an id")
    return items_of(board, collection)[find_index(board, collection, item_id)]


def _copy_value(value: Any) -> Any:
    return list(value) if isinstance(value, list | tuple) else value


def apply_edit(board: Board, edit: Edit) -> Edit:
    """Apply ``edit`` to ``board`` in memory and return the edit that undoes it."""
    if isinstance(edit, Batch):
        undone: list[Edit] = []
        try:
            for child in edit.edits:
                undone.append(apply_edit(board, child))
        except BaseException:
            for inverse in reversed(undone):
                apply_edit(board, inverse)
            raise
        return Batch(edit.name, tuple(reversed(undone)))
    if isinstance(edit, SetField):
        target = target_of(board, edit.collection, edit.item_id)
        if not hasattr(target, edit.name) or edit.name == "id":
            raise EditError(f"{edit.collection} has no field {edit.name!r} to set")
        old = getattr(target, edit.name)
        setattr(target, edit.name, _copy_value(edit.value))
        return SetField(edit.collection, edit.item_id, edit.name, _copy_value(old))
    if isinstance(edit, Insert):
        items = items_of(board, edit.collection)
        if not 0 <= edit.index <= len(items):
            raise EditError(f"cannot insert at {edit.index} in {edit.collection}")
        # Items hold only strings, numbers and booleans: a shallow copy keeps the edit's own
        # item apart from the board's (a later SetField must not change an undo step).
        items.insert(edit.index, copy.copy(edit.item))
        return Remove(edit.collection, edit.index)
    if isinstance(edit, Remove):
        items = items_of(board, edit.collection)
        if not 0 <= edit.index < len(items):
            raise EditError(f"nothing at {edit.index} in {edit.collection}")
        item = items.pop(edit.index)
        return Insert(edit.collection, edit.index, item)
    if isinstance(edit, Reorder):
        items = items_of(board, edit.collection)
        if not (0 <= edit.source < len(items) and 0 <= edit.target < len(items)):
            raise EditError(f"cannot move {edit.source} to {edit.target} in {edit.collection}")
        items.insert(edit.target, items.pop(edit.source))
        return Reorder(edit.collection, edit.target, edit.source)
    raise TypeError(f"not an edit: {edit!r}")


def merged(name: str, first: Edit, then: Edit) -> Batch:
    """One batch doing ``first`` then ``then``, with overwritten field settings dropped.

    Typing merges every keystroke into one undo step; without compaction the step would hold
    (and replay) one SetField per keystroke. A SetField is dropped when a later SetField sets
    the same field of the same item with no structural edit in between.
    """
    flat = [*primitives(first), *primitives(then)]
    keep = [True] * len(flat)
    last: dict[tuple[str, str | None, str], int] = {}
    for index, edit in enumerate(flat):
        if isinstance(edit, SetField):
            key = (edit.collection, edit.item_id, edit.name)
            if key in last:
                keep[last[key]] = False
            last[key] = index
        else:
            last.clear()
    return Batch(name, tuple(edit for edit, kept in zip(flat, keep, strict=True) if kept))
