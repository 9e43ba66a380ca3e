"""Dragging cards: the picture that follows the pointer, and a column header that takes drops.

The picture sits below and to the right of the pointer, half transparent, so the line that
shows where the cards will land (drawn up to a margin above or below the pointer) stays in view.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QAbstractItemView, QWidget

from pmdesk.ui.board.board_model import BoardModel
from pmdesk.ui.palette import current_palette

# Qt draws the drop line at a row's edge when the pointer is within 12 px of it: the picture
# starts further down than that.
PICTURE_OFFSET = QPoint(18, 20)
PICTURE_OPACITY = 0.75
PICTURE_MAX_HEIGHT = 240


def drag_for(view: QAbstractItemView, indexes: list[QModelIndex]) -> QDrag:
    """A drag of ``indexes`` whose picture leaves the drop line visible."""
    drag = QDrag(view)
    drag.setMimeData(view.model().mimeData(indexes))
    area = QRect()
    for index in indexes:
        area = area.united(view.visualRect(index))
    area = area.intersected(view.viewport().rect())
    if area.height() > PICTURE_MAX_HEIGHT:
        area.setHeight(PICTURE_MAX_HEIGHT)
    if area.isValid() and not area.isEmpty():
        shot = view.viewport().grab(area)
        picture = QPixmap(shot.size())
        picture.setDevicePixelRatio(shot.devicePixelRatio())
        picture.fill(Qt.GlobalColor.transparent)
        painter = QPainter(picture)
        painter.setOpacity(PICTURE_OPACITY)
        painter.drawPixmap(0, 0, shot)
        painter.end()
        drag.setPixmap(picture)
    drag.setHotSpot(-PICTURE_OFFSET)
    return drag


class SectionHeader(QWidget):
    """A column's title and prompt; cards dropped on it go to the top of its section."""

    def __init__(self, model: BoardModel, section_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.section_id = section_id
        self.lit = False
        self.setObjectName("SectionHeader")
        self.setAcceptDrops(True)

    def _accepts(self, event: QDropEvent) -> bool:
        section = self.model.index_of(self.section_id)
        move = Qt.DropAction.MoveAction
        return bool(section.isValid() and self.model.canDropMimeData(event.mimeData(), move, 0, 0, section))

    def _answer(self, event: QDropEvent) -> None:
        accepted = self._accepts(event)
        if accepted:
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()
        self._light(accepted)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Take cards that can move into this section, and light up."""
        self._answer(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """As on entering."""
        self._answer(event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        """Not a target any more."""
        self._light(False)

    def dropEvent(self, event: QDropEvent) -> None:
        """Move the cards to the top of this section (one undo step)."""
        self._light(False)
        section = self.model.index_of(self.section_id)
        move = Qt.DropAction.MoveAction
        if section.isValid() and self.model.dropMimeData(event.mimeData(), move, 0, 0, section):
            event.setDropAction(move)
            event.accept()
        else:
            event.ignore()

    def _light(self, on: bool) -> None:
        if on != self.lit:
            self.lit = on
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """A frame in the focus colour while cards hover over the header."""
        if not self.lit:
            return
        colours = current_palette(self)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        tint = QColor(colours.focus)
        tint.setAlpha(40)
        painter.setBrush(tint)
        painter.setPen(QPen(QColor(colours.focus), 3))
        painter.drawRoundedRect(self.rect().adjusted(2, 2, -2, -2), 8, 8)
        painter.end()
