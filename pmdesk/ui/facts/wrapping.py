"""Item delegates whose row height fits their text wrapped at the width it is really drawn in.

A style sheet's item padding narrows the text when it is drawn, but not when Qt measures the
row, so a long text measured a line short is cut with "…". These measure inside the padding.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from pmdesk.ui.facts.delegates import ChoiceDelegate

Index = QModelIndex | QPersistentModelIndex
ITEM_PADDING = 8  # each side, as in the facts tables' style sheet (look.roomy_rows)
SPARE = 2 * ITEM_PADDING + 4  # the padding plus the cell's grid line and margins


def narrowed(option: QStyleOptionViewItem) -> QStyleOptionViewItem:
    """The option with its width less the padding the text is drawn inside."""
    inner = QStyleOptionViewItem(option)
    inner.rect.setWidth(max(20, option.rect.width() - SPARE))
    return inner


class WrappingDelegate(QStyledItemDelegate):
    """Plain cells whose height fits their wrapped text."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """Measured inside the padding."""
        return super().sizeHint(narrowed(option), index)


class WrappingChoiceDelegate(ChoiceDelegate):
    """Choice cells whose height fits their wrapped text."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """Measured inside the padding."""
        return super().sizeHint(narrowed(option), index)
