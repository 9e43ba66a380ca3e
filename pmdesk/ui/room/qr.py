"""QR codes for the projector: the join URL and the hotspot's Wi-Fi, drawn crisply at any size.

``segno`` makes the matrix; ``QrCode`` paints it with a whole number of pixels per module and a
quiet zone of four modules (what readers need to find the code), never smoothed or stretched.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4  # modules of light border around the code (ISO/IEC 18004)
# A Wi-Fi QR's special characters (the ZXing "WIFI:" format, as phones read it).
_WIFI_SPECIAL = '\\;,":'


def wifi_escape(text: str) -> str:
    """Escape ``\\ ; , " :`` with a backslash, as the WIFI: format requires."""
    return "".join("\\" + char if char in _WIFI_SPECIAL else char for char in text)


def wifi_payload(ssid: str, password: str) -> str:
    """The text of a Wi-Fi join QR: WPA with a password, an open network without one."""
    if password:
        return f"WIFI:T:WPA;S:{wifi_escape(ssid)};P:{wifi_escape(password)};;"
    return f"WIFI:T:nopass;S:{wifi_escape(ssid)};;"


def qr_matrix(text: str) -> list[list[bool]]:
    """The code's modules, dark = True, with the quiet zone included."""
    import segno  # only when a room opens (its import takes a while)

    # UTF-8, as phones read a Wi-Fi code: segno's default for text that fits Latin-1 writes
    # "Café" as Latin-1 bytes, which readers that guess the encoding take for Shift JIS.
    code = segno.make(text, error="m", micro=False, encoding="utf-8")
    return [[bool(module) for module in row] for row in code.matrix_iter(scale=1, border=QUIET_ZONE)]


def qr_image(text: str, module_px: int = 8) -> QImage:
    """The code as a black-on-white image, ``module_px`` pixels per module, quiet zone included."""
    matrix = qr_matrix(text)
    side = len(matrix) * module_px
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_matrix(painter, matrix, QRect(0, 0, side, side))
    painter.end()
    return image


def paint_matrix(painter: QPainter, matrix: list[list[bool]], area: QRect) -> QRect:
    """Paint ``matrix`` as large as fits in ``area`` with whole-pixel modules; the rectangle used."""
    count = len(matrix)
    module = max(1, min(area.width(), area.height()) // count) if count else 1
    side = module * count
    left = area.x() + (area.width() - side) // 2
    top = area.y() + (area.height() - side) // 2
    painter.fillRect(left, top, side, side, QColor("white"))
    dark = QColor("black")
    for y, row in enumerate(matrix):
        x = 0
        while x < count:
            if row[x]:
                start = x
                while x < count and row[x]:
                    x += 1
                painter.fillRect(left + start * module, top + y * module, (x - start) * module, module, dark)
            else:
                x += 1
    return QRect(left, top, side, side)


class QrCode(QWidget):
    """A QR code that fills its square, black on white whatever the theme, pixel-exact."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.matrix = qr_matrix(text)
        self.drawn = QRect()  # where the code was painted last (tests and screenshots read it)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(len(self.matrix) * 3, len(self.matrix) * 3)

    def modules(self) -> int:
        """Modules across, quiet zone included."""
        return len(self.matrix)

    def sizeHint(self) -> QSize:
        """Six pixels a module unless the layout gives more."""
        side = len(self.matrix) * 6
        return QSize(side, side)

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Whole-pixel modules, no smoothing, centred."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(Qt.PenStyle.NoPen)
        self.drawn = paint_matrix(painter, self.matrix, self.rect())
        painter.end()
