"""Draws cards and themes as plain-text notes, with author colour, initials and dots."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from pmdesk.ui.board.board_data import KIND_ROLE, THEME_ROLE, Look
from pmdesk.ui.board.section_model import SectionModel
from pmdesk.ui.palette import Palette, current_palette, ink_on

Index = QModelIndex | QPersistentModelIndex
MAX_SHOWN = 1200  # characters drawn on a card; the full text is in the tooltip and the editor
BASE_POINT_SIZE = 13.0


class CardTextEditor(QPlainTextEdit):
    """In-place editor: Enter commits, Shift+Enter starts a new line, Escape cancels."""

    committed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter commits; Shift+Enter is a newline."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.committed.emit()
            return
        super().keyPressEvent(event)


HEIGHT_CACHE_SIZE = 5_000  # row heights remembered per column (more than a column usually holds)
PICTURES_KEPT = 24  # card pictures kept per column (each is a few hundred KB): a screenful and then some
PICTURE_MAX_HEIGHT = 600  # taller cards are drawn each time (their pictures would be large)
_WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
_V_CENTER = int(Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class CardDelegate(QStyledItemDelegate):
    """One per column view: it knows the view's width to wrap text and caches row heights."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        self.zoom = 1.0
        self.votes_hidden = False
        self.drop_target: QPersistentModelIndex | None = None
        self._heights: dict[tuple[object, ...], int] = {}
        # Pictures of the rows painted last, by everything they depend on (a repaint after an
        # edit draws each unchanged card by copying its picture).
        self._pictures: dict[tuple[object, ...], QPixmap] = {}
        self._drawn: dict[tuple[object, ...], None] = {}  # cards drawn once, without a picture yet
        self._set_fonts()

    # --- geometry ---------------------------------------------------------------------------

    def set_zoom(self, factor: float) -> None:
        """Scale fonts and spacing."""
        self.zoom = factor
        self._heights.clear()
        self._set_fonts()

    def _set_fonts(self) -> None:
        base = QFont(self.view.font())
        base.setPointSizeF(BASE_POINT_SIZE * self.zoom)
        self.text_font = base
        self.label_font = QFont(base)
        self.label_font.setBold(True)
        self.label_font.setPointSizeF(BASE_POINT_SIZE * 1.08 * self.zoom)
        self.small_font = QFont(base)
        self.small_font.setPointSizeF(BASE_POINT_SIZE * 0.78 * self.zoom)
        self.badge_font = QFont(self.small_font)
        self.badge_font.setBold(True)
        self.initials_font = QFont(self.badge_font)
        self.initials_font.setPointSizeF(BASE_POINT_SIZE * 0.6 * self.zoom)
        self.text_metrics = QFontMetrics(self.text_font)
        self.label_metrics = QFontMetrics(self.label_font)
        self.small_metrics = QFontMetrics(self.small_font)

    def _px(self, value: float) -> int:
        return round(value * self.zoom)

    def _indent(self, index: Index) -> int:
        """A theme's cards stand indented under it (the column's rows are flat)."""
        return 0 if index.data(THEME_ROLE) is None else self._indentation()

    def _indent_of(self, look: Look) -> int:
        return self._indentation() if look.in_theme else 0

    def _indentation(self) -> int:
        return int(getattr(self.view, "indentation", lambda: 0)())

    @staticmethod
    def _shown(kind: object, text: str) -> tuple[str, bool]:
        if kind == "theme" and not text:
            return "(unlabelled theme — F2 to name it)", True
        if len(text) > MAX_SHOWN:
            text = text[:MAX_SHOWN] + "…"
        return text, False

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """Wrapped text height plus footer, cached by text and width."""
        width, height = self.row_size(index)
        return QSize(width, height)

    def row_size(self, index: Index) -> tuple[int, int]:
        """The row's text width and height at the view's width now (cached by text and width)."""
        # A view lays every row of its column out again after each insert: this runs once per
        # row then, so it asks the model one question instead of one per role.
        model = index.model()
        assert isinstance(model, SectionModel)  # a column shows its own section's model, always
        measure = model.measure(index.row())
        if measure is None:
            return 0, 0
        kind, text, in_theme = measure
        text, _ = self._shown(kind, text)
        indent = self._indentation() if in_theme else 0
        width = max(60, self.view.viewport().width() - indent - self._px(4 + 4 + 7 + 14 + 12))
        # Keyed by the text's hash, not the text: the cache must not keep every typed version alive.
        key = (kind, hash(text), len(text), width, self.zoom)
        height = self._heights.get(key)
        if height is None:
            metrics = self.label_metrics if kind == "theme" else self.text_metrics
            box = metrics.boundingRect(QRect(0, 0, width, 1_000_000), _WRAP, text)
            height = box.height() + self._footer_height() + self._px(2 * 12 + 2 * 5)
            if len(self._heights) > HEIGHT_CACHE_SIZE:
                self._heights.clear()
            self._heights[key] = height
        return width, height

    def _footer_height(self) -> int:
        return self.small_metrics.height() + self._px(10)

    # --- painting ---------------------------------------------------------------------------

    def look(self, index: Index) -> Look:
        """Everything a row's picture depends on that the row itself says (its column model's answer)."""
        model = index.model()
        assert isinstance(model, SectionModel)  # a column shows its own section's model, always
        return model.look(index)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Draw a card or a theme (never as rich text), from a picture kept of it if it is unchanged."""
        look = self.look(index)
        if look.kind not in ("card", "theme"):
            return
        # What option.state says, asked of the view: reading option.state would make PySide6
        # build QStyle's many enums before the first frame.
        view = self.view
        selection = view.selectionModel()
        selected = selection is not None and selection.isSelected(index)
        focused = view.hasFocus() and view.currentIndex() == index
        is_drop = self.drop_target is not None and self.drop_target == QPersistentModelIndex(index)
        expanded = look.kind == "theme" and getattr(view, "isExpanded", lambda _i: True)(index)
        target = option.rect
        width, height = target.width(), target.height()
        ratio = painter.device().devicePixelRatioF()
        state = (selected, focused, is_drop, expanded)
        colours = current_palette(self.view)  # looked up once a paint: the window's theme
        key = (look, width, height, state, self.zoom, self.votes_hidden, ratio, id(colours))
        picture = self._pictures.pop(key, None)
        if picture is None and key not in self._drawn:
            # Drawn straight the first time (the first frame paints every card once); a card
            # painted again unchanged gets its picture.
            self._drawn[key] = None
            if len(self._drawn) > PICTURES_KEPT:
                del self._drawn[next(iter(self._drawn))]
            self._draw(painter, target, look, state, colours)
            return
        if picture is None and height <= PICTURE_MAX_HEIGHT and width > 0 and height > 0:
            picture = QPixmap(round(width * ratio), round(height * ratio))
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)
            on_picture = QPainter(picture)
            self._draw(on_picture, QRect(0, 0, width, height), look, state, colours)
            on_picture.end()
        if picture is None:  # a very tall card: drawn each time
            self._draw(painter, target, look, state, colours)
            return
        self._pictures[key] = picture  # the most recently used last
        if len(self._pictures) > PICTURES_KEPT:
            del self._pictures[next(iter(self._pictures))]
        painter.drawPixmap(target.topLeft(), picture)

    def _draw(
        self, painter: QPainter, area: QRect, look: Look, state: tuple[bool, bool, bool, bool], c: Palette
    ) -> None:
        selected, focused, is_drop, expanded = state
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if look.dim:
            painter.setOpacity(0.28)
        indent = self._indent_of(look) if look.kind == "card" else 0
        rect = area.adjusted(indent + self._px(4), self._px(5), -self._px(4), -self._px(5))
        theme = look.kind == "theme"
        strip_color = QColor(c.accent if theme else look.color)
        background = QColor(c.theme_card if theme else c.base)
        if is_drop:
            background = QColor(c.warning)
        border = QColor(c.focus) if selected or is_drop else QColor(c.border)
        thick = max(self._px(3), c.focus_width)
        painter.setPen(QPen(border, thick if selected or is_drop else 1))
        painter.setBrush(background)
        radius = self._px(8)
        painter.drawRoundedRect(rect, radius, radius)
        strip = QRect(rect.left(), rect.top(), self._px(7), rect.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(strip_color)
        painter.drawRoundedRect(strip, radius / 2, radius / 2)
        if not theme and look.pending:  # from a device, face down in the room
            painter.setPen(QPen(QColor(c.muted), max(2, self._px(2)), Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), radius, radius)
        if focused and not selected:
            painter.setPen(QPen(QColor(c.focus), c.focus_width, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), radius, radius)

        text, placeholder = self._shown(look.kind, look.text)
        left = strip.right() + self._px(14)
        inner = QRect(left, rect.top() + self._px(12), rect.right() - left - self._px(12), 0)
        # The row is as tall as sizeHint made it: the text's height is what is left of it.
        text_height = area.height() - self._footer_height() - self._px(2 * 12 + 2 * 5)
        inner.setHeight(max(text_height, self.text_metrics.height()))
        painter.setFont(self.label_font if theme else self.text_font)
        text_colour = c.theme_card_text if theme else c.base_text
        painter.setPen(QColor(c.muted if placeholder else text_colour))
        painter.drawText(inner, _WRAP, text)
        footer = QRect(left, inner.bottom() + self._px(8), inner.width(), 0)
        self._paint_footer(painter, look, footer, expanded, c)
        painter.restore()

    def _paint_footer(self, painter: QPainter, look: Look, area: QRect, expanded: bool, c: Palette) -> None:
        metrics = self.small_metrics
        area.setHeight(metrics.height() + self._px(6))
        x = area.left()
        painter.setFont(self.small_font)
        theme = look.kind == "theme"
        if theme:
            count = look.cards
            arrow = "▾" if expanded else "▸"
            painter.setPen(QColor(c.muted))
            label = f"{arrow} {count} card{'s' if count != 1 else ''}"
            painter.drawText(area, _V_CENTER, label)
            x += metrics.horizontalAdvance(label) + self._px(12)
        else:
            badge = look.initials
            name = look.author_name
            if badge:
                size = area.height()
                circle = QRect(x, area.top(), size, size)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(look.color))
                painter.drawEllipse(circle)
                painter.setPen(QColor(ink_on(QColor(look.color).name())))
                painter.setFont(self.initials_font)
                painter.drawText(circle, _CENTER, badge[:2])
                painter.setFont(self.small_font)
                x += size + self._px(6)
                painter.setPen(QColor(c.muted))
                shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, max(0, area.width() // 2))
                painter.drawText(QRect(x, area.top(), area.width(), area.height()), 0x80, shown)
                x += metrics.horizontalAdvance(shown) + self._px(12)
        if not theme and look.pending:
            painter.setPen(QColor(c.muted))
            label = "▼ face down"
            painter.drawText(QRect(x, area.top(), area.width(), area.height()), 0x80, label)
            x += metrics.horizontalAdvance(label) + self._px(12)
        if look.notes:
            painter.setPen(QColor(c.muted))
            painter.drawText(QRect(x, area.top(), area.width(), area.height()), 0x80, "✎ notes")
        self._paint_dots(painter, look, area, c)

    def _paint_dots(self, painter: QPainter, look: Look, area: QRect, c: Palette) -> None:
        votes = look.votes
        if votes <= 0 and not self.votes_hidden:
            return
        painter.setFont(self.badge_font)
        if self.votes_hidden:
            text, color = "● ?", c.muted
            if votes <= 0 and look.in_theme:
                return
        else:
            text, color = ("●" * min(votes, 5)) + f" {votes}", c.dots
        painter.setPen(QColor(color))
        painter.drawText(area, _RIGHT, text)

    # --- editing ----------------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        """Plain-text editors: a line for a theme's label, a box for a card's text."""
        if index.data(KIND_ROLE) == "theme":
            line = QLineEdit(parent)
            line.setFont(self.label_font)
            line.setPlaceholderText("Name this theme, then Enter")
            return line
        editor = CardTextEditor(parent)
        editor.setFont(self.text_font)
        editor.committed.connect(lambda: self._commit_and_close(editor))
        return editor

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        """Load the text to edit."""
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
            editor.selectAll()
        elif isinstance(editor, QLineEdit):
            editor.setText(text)
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        """Commit as one edit."""
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        """The editor covers the card, leaving the colour strip visible."""
        rect = option.rect.adjusted(
            self._indent(index) + self._px(14), self._px(8), -self._px(8), -self._px(8)
        )
        editor.setGeometry(rect)
