"""Deleting several items of a board list as one undo step."""

from __future__ import annotations

from collections.abc import Callable

from pmdesk.model.board import Board
from pmdesk.model.edits import Batch, Edit, find_index


def delete_all(
    board: Board, collection: str, delete_one: Callable[[Board, str], Batch], ids: list[str], noun: str
) -> Edit | None:
    """One edit deleting every item of ``ids`` (last first, so earlier indices stay right)."""
    if not ids:
        return None
    ordered = sorted(ids, key=lambda item_id: find_index(board, collection, item_id), reverse=True)
    batches = tuple(delete_one(board, item_id) for item_id in ordered)
    if len(batches) == 1:
        return batches[0]
    return Batch(f"Delete {len(batches)} {noun}", batches)
