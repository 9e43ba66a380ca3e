"""Drag and drop on the board model: ids out in pmdesk's MIME type, and a drop planned as one edit."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt

from pmdesk.model import drops
from pmdesk.model.board import Card, Theme
from pmdesk.ui.board.board_rows import Node
from pmdesk.ui.board.mime import CardMoves, decode_ids, encode_ids
from pmdesk.ui.document_adapter import QtDocument

Index = QModelIndex | QPersistentModelIndex


class BoardDrops(CardMoves):
    """The board model's drag and drop (see ``BoardModel``): cards and themes move, as one edit."""

    qt_document: QtDocument
    cards: dict[str, Card]
    themes: dict[str, Theme]

    def node(self, index: Index) -> Node:
        """The node behind an index (the board model's)."""
        raise NotImplementedError

    def new_theme(self, theme_id: str) -> None:
        """A drop made a new theme (the board model asks for its label)."""
        raise NotImplementedError

    def mimeData(self, indexes: Sequence[QModelIndex], /) -> QMimeData:
        """The ids of the dragged cards and themes."""
        return self.mime_of([self.node(index).item_id for index in indexes if index.isValid()])

    def mime_of(self, ids: list[str]) -> QMimeData:
        """MIME data carrying these cards' and themes' ids (pmdesk's private type)."""
        return encode_ids([item for item in dict.fromkeys(ids) if item in self.cards or item in self.themes])

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Whether dropping here would do something."""
        return self._plan(data, row, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Group, join, merge or move, as ONE undo step."""
        plan = self._plan(data, row, parent)
        if plan is None:
            return False
        if not self.qt_document.attempt(plan.build):
            return False
        if plan.new_theme:
            self.new_theme(plan.new_theme)
        return True

    def _plan(self, data: QMimeData, row: int, parent: Index) -> drops.DropPlan | None:
        ids = [item for item in decode_ids(data) if item in self.cards or item in self.themes]
        if not ids or not parent.isValid() or self.qt_document.document.read_only:
            return None
        target = self.node(parent)
        children = [child.item_id for child in target.children]
        if target.kind == "theme" and row == len(children) and target.parent is not None:
            # Just below a theme's last card: after the theme, in its section, not inside it.
            section = target.parent
            row = section.children.index(target) + 1
            target = section
            children = [child.item_id for child in section.children]
        # The cards go before the first card from that row on that is not one of them (a card
        # dropped just above itself, or at the top of its own theme's column, stays in place).
        moving = set(ids)
        before = None
        for child in target.children[row:] if row >= 0 else []:
            cards = [c.item_id for c in child.children] if child.item_id in self.themes else [child.item_id]
            before = next((card for card in cards if card not in moving), None)
            if before is not None:
                break
        return drops.plan_drop(self.qt_document.board, ids, target.kind, target.item_id, row, before)
