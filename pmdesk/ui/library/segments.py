"""A delegate that paints a hit's snippet with its matches highlighted, never as rich text.

The snippet comes as (text, matched) pieces; each piece is drawn as plain text with QPainter,
so markup in a card (``<b>``, ``<img src=…>``) is shown exactly as typed.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

SEGMENTS_ROLE = Qt.ItemDataRole.UserRole + 1
HIGHLIGHT = QColor("#ffe08a")


class SegmentsDelegate(QStyledItemDelegate):
    """Paints items that carry SEGMENTS_ROLE as highlighted plain text; others as usual."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """Draw the row's background, then each piece of the snippet, matches on a highlight."""
        segments = index.data(SEGMENTS_ROLE)
        if not segments:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, option.widget)
        painter.save()
        painter.setClipRect(rect)
        bold = QFont(option.font)
        bold.setBold(True)
        x = rect.x() + 2
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        for text, matched in segments:
            if x >= rect.right():
                break
            font = bold if matched else option.font
            painter.setFont(font)
            width = painter.fontMetrics().horizontalAdvance(text)
            piece = QRect(x, rect.y(), width, rect.height())
            if matched and not selected:
                painter.fillRect(piece.adjusted(0, 2, 0, -2), HIGHLIGHT)
                painter.setPen(QColor("#000000"))
            else:
                painter.setPen(
                    option.palette.color(
                        option.palette.ColorRole.HighlightedText
                        if selected
                        else option.palette.ColorRole.Text
                    )
                )
            painter.drawText(
                piece,
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
                | int(Qt.TextFlag.TextSingleLine),
                text,
            )
            x += width
        painter.restore()
