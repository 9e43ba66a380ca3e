"""Measure text contrast from a window's pixels: for every piece of text, its colour against its background.

In the rectangle a text occupies, the background is the most common colour and the text is the
colour that stands out most from it (antialiasing only adds colours between the two). Each
rectangle is taken inside borders and frames, so a dark outline cannot pass for dark text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from pmdesk.ui.palette import contrast_ratio

MIN_PIXELS = 3  # a colour must cover this many pixels to count as text, not a stray antialiased one


@dataclass(frozen=True)
class Sample:
    """One piece of text as drawn: where, what, and its colours."""

    what: str
    text: str
    foreground: str
    background: str
    ratio: float


def window_image(window: QWidget) -> QImage:
    """The window as drawn, 32 bits a pixel."""
    return window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def measure(image: QImage, rect: QRect) -> tuple[str, str, float] | None:
    """(text colour, background colour, contrast) inside ``rect``; None if it holds one colour only."""
    rect = rect.intersected(QRect(0, 0, image.width(), image.height()))
    if rect.width() < 2 or rect.height() < 2:
        return None
    data = bytes(image.constBits())
    per_line = image.bytesPerLine()
    counts: Counter[bytes] = Counter()
    for y in range(rect.top(), rect.bottom() + 1):
        row = data[y * per_line + rect.left() * 4 : y * per_line + (rect.right() + 1) * 4]
        counts.update(row[i : i + 4] for i in range(0, len(row), 4))
    background_bytes, _ = counts.most_common(1)[0]
    background = _hex(background_bytes)
    best: tuple[float, str] | None = None
    for colour, count in counts.items():
        if count < MIN_PIXELS or colour == background_bytes:
            continue
        ratio = contrast_ratio(_hex(colour), background)
        if best is None or ratio > best[0]:
            best = (ratio, _hex(colour))
    if best is None:
        return None
    return best[1], background, best[0]


def _hex(pixel: bytes) -> str:
    blue, green, red = pixel[0], pixel[1], pixel[2]  # 0xAARRGGBB, little-endian
    return f"#{red:02x}{green:02x}{blue:02x}"


def _inside(widget: QWidget, root: QWidget, rect: QRect, inset: int) -> QRect:
    top_left = widget.mapTo(root, rect.topLeft())
    return QRect(top_left, rect.size()).adjusted(inset, inset, -inset, -inset)


def text_rects(root: QWidget) -> list[tuple[str, str, QRect]]:
    """(kind, text, rectangle in ``root``) for every visible text of the window."""
    found: list[tuple[str, str, QRect]] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.visibleRegion().isEmpty():
            continue
        name = type(widget).__name__
        if isinstance(widget, QLabel) and widget.text().strip() and widget.pixmap().isNull():
            found.append((name, widget.text(), _inside(widget, root, widget.contentsRect(), 0)))
        elif isinstance(widget, QAbstractButton) and widget.text().strip():
            found.append((name, widget.text(), _inside(widget, root, widget.rect(), 4)))
        elif isinstance(widget, QLineEdit) and (widget.text() or widget.placeholderText()):
            found.append(
                (name, widget.text() or widget.placeholderText(), _inside(widget, root, widget.rect(), 3))
            )
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            text = widget.toPlainText() or widget.placeholderText()
            if text.strip():
                viewport = widget.viewport()
                found.append((name, text[:40], _inside(viewport, root, viewport.rect(), 2)))
        elif isinstance(widget, QComboBox) and widget.currentText().strip() and not widget.isEditable():
            found.append(
                (name, widget.currentText(), _inside(widget, root, widget.rect().adjusted(0, 0, -22, 0), 4))
            )
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                found.append((name, widget.tabText(index), _inside(widget, root, widget.tabRect(index), 4)))
        elif isinstance(widget, QHeaderView) and widget.orientation().name == "Horizontal":
            model = widget.model()
            for section in range(widget.count()):
                if widget.isSectionHidden(section) or model is None:
                    continue
                rect = QRect(
                    widget.sectionViewportPosition(section), 0, widget.sectionSize(section), widget.height()
                )
                text = str(model.headerData(section, widget.orientation()) or "")
                if text:
                    found.append((name, text, _inside(widget.viewport(), root, rect, 3)))
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            found += _item_rects(widget, root)
    return found


def _item_rects(view: QAbstractItemView, root: QWidget) -> list[tuple[str, str, QRect]]:
    if isinstance(view, QListWidget):  # its model's methods are not reachable from Python
        items = [view.item(row) for row in range(view.count())]
        viewport = view.viewport()
        return [
            ("QListWidget", item.text(), _inside(viewport, root, view.visualItemRect(item), 3))
            for item in items
            if item.text().strip() and viewport.rect().contains(view.visualItemRect(item))
        ]
    model = view.model()
    if model is None:
        return []
    card_like = hasattr(view, "card_delegate")
    found: list[tuple[str, str, QRect]] = []
    viewport = view.viewport()
    stack = [view.rootIndex()]
    while stack and len(found) < 400:
        parent = stack.pop()
        for row in range(model.rowCount(parent)):
            for column in range(model.columnCount(parent)):
                index = model.index(row, column, parent)
                rect = view.visualRect(index)
                if column == 0 and model.rowCount(index) > 0:
                    stack.append(index)
                if not rect.isValid() or not viewport.rect().contains(rect):
                    continue
                text = str(index.data() or "")
                if not text.strip():
                    continue
                if card_like:  # inside the card: past its colour strip and its border
                    zoom = float(getattr(getattr(view, "card_delegate", None), "zoom", 1.0))
                    rect = rect.adjusted(
                        round(24 * zoom), round(14 * zoom), -round(14 * zoom), -round(10 * zoom)
                    )
                    found.append(("card", text[:40], _inside(viewport, root, rect, 0)))
                else:
                    found.append((type(view).__name__, text[:40], _inside(viewport, root, rect, 3)))
    return found


def samples(window: QWidget) -> list[Sample]:
    """Every visible text of the window with its measured contrast."""
    image = window_image(window)
    found = []
    for what, text, rect in text_rects(window):
        measured = measure(image, rect)
        if measured is not None:
            found.append(Sample(what, text, *measured))
    return found
