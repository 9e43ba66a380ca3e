"""Drag and drop payload: ids of cards and themes as JSON under a private MIME type."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, Qt

from pmdesk.model.strict_json import loads

CARDS_MIME = "application/x-pmdesk-cards"


class CardMoves:
    """What the board's item models (the board model and each column's) say of drag and drop:
    cards and themes move, never copy, and travel as their ids in pmdesk's own MIME type."""

    def supportedDropActions(self) -> Qt.DropAction:
        """Cards move; nothing is copied."""
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        """Cards move; nothing is copied."""
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        """Only pmdesk's card ids."""
        return [CARDS_MIME]


def encode_ids(ids: list[str]) -> QMimeData:
    """MIME data carrying ``ids`` (JSON; nothing for other programs)."""
    data = QMimeData()
    data.setData(CARDS_MIME, json.dumps(ids).encode("utf-8"))
    return data


def decode_ids(data: QMimeData | None) -> list[str]:
    """The ids a drag carries; [] for anything that is not a pmdesk payload."""
    if data is None or not data.hasFormat(CARDS_MIME):
        return []
    try:
        value = loads(bytes(data.data(CARDS_MIME).data()).decode("utf-8"))
    except ValueError:  # not JSON, not UTF-8, nested too deeply: not a pmdesk payload
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return []
    return value
