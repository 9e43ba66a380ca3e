"""How timeline event kinds look: a colour, a letter badge icon and a readable name."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from pmdesk.model.labels import label

KIND_COLORS = {
    "trigger": "#c62828",
    "detection": "#e65100",
    "escalation": "#6a1b9a",
    "action": "#1565c0",
    "communication": "#00838f",
    "mitigation": "#2e7d32",
    "resolution": "#1b5e20",
    "note": "#616161",
}
KIND_LETTERS = {
    "trigger": "T",
    "detection": "D",
    "escalation": "E",
    "action": "A",
    "communication": "C",
    "mitigation": "M",
    "resolution": "R",
    "note": "N",
}


def kind_color(kind: str) -> QColor:
    """The colour that marks an event kind."""
    return QColor(KIND_COLORS.get(kind, "#616161"))


def kind_label(kind: str) -> str:
    """A kind as shown to people: "Detection"."""
    return label(kind)


def kind_pixmap(kind: str, size: int) -> QPixmap:
    """A round badge in the kind's colour with its letter."""
    ratio = 2.0
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(kind_color(kind))
    painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(6, int(size * 0.55)))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, KIND_LETTERS.get(kind, "?"))
    painter.end()
    return pixmap


@cache
def kind_icon(kind: str) -> QIcon:
    """The kind's badge as an icon (cached; needs a QGuiApplication)."""
    icon = QIcon()
    for size in (16, 24, 32):
        icon.addPixmap(kind_pixmap(kind, size))
    return icon
