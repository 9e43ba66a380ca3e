"""How timeline event kinds look: a colour, a letter badge icon and a readable name."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from pmdesk.model.labels import label

# Deep enough that white text on them reaches 7:1 (they carry the kind's name as white text).
KIND_COLORS = {
    "trigger": "#aa2222",
    "detection": "#9c3700",
    "escalation": "#6a1b9a",
    "action": "#1258a8",
    "communication": "#006069",
    "mitigation": "#246327",
    "resolution": "#1b5e20",
    "note": "#595959",
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
    return QColor(KIND_COLORS.get(kind, KIND_COLORS["note"]))


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
