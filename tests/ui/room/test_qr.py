"""QR codes for the projector: the right modules, a quiet zone, only black and white pixels."""

from __future__ import annotations

import segno
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from pmdesk.ui.room.qr import QUIET_ZONE, QrCode, qr_image, qr_matrix, wifi_escape, wifi_payload

URL = "http://192.168.1.20:43817/j/AbCdEfGhIjKlMnOpQrStUv"


def test_wifi_payload_escapes_every_special_character() -> None:
    assert wifi_escape('a\\b;c,d"e:f') == 'a\\\\b\\;c\\,d\\"e\\:f'
    assert wifi_payload("Room;1", 'pa:ss,wo"rd') == 'WIFI:T:WPA;S:Room\\;1;P:pa\\:ss\\,wo\\"rd;;'
    assert wifi_payload("Open café", "") == "WIFI:T:nopass;S:Open café;;"


def test_the_matrix_is_segnos_with_a_quiet_zone() -> None:
    matrix = qr_matrix(URL)
    code = segno.make(URL, error="m", micro=False)
    assert len(matrix) == code.symbol_size(border=QUIET_ZONE)[0]
    for row in (*matrix[:QUIET_ZONE], *matrix[-QUIET_ZONE:]):
        assert not any(row)
    for row in matrix:
        assert not any(row[:QUIET_ZONE]) and not any(row[-QUIET_ZONE:])
    inner = [row[QUIET_ZONE:-QUIET_ZONE] for row in matrix[QUIET_ZONE:-QUIET_ZONE]]
    assert inner == [[bool(m) for m in row] for row in code.matrix]


def test_the_image_has_whole_pixel_modules_in_pure_black_and_white() -> None:
    image = qr_image(URL, module_px=5)
    matrix = qr_matrix(URL)
    assert image.width() == image.height() == len(matrix) * 5
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            for dx, dy in ((0, 0), (4, 4), (2, 3)):
                colour = image.pixelColor(x * 5 + dx, y * 5 + dy)
                assert colour == (QColor("black") if dark else QColor("white"))


def test_the_widget_paints_a_square_code_of_whole_modules(qtbot: QtBot) -> None:
    code = QrCode(URL)
    qtbot.addWidget(code)
    code.resize(733, 511)
    code.show()
    qtbot.waitExposed(code)
    shot = code.grab().toImage()
    drawn = code.drawn
    modules = code.modules()
    assert drawn.width() == drawn.height()
    assert drawn.width() % modules == 0 and drawn.width() // modules == 511 // modules
    size = drawn.width() // modules
    matrix = qr_matrix(URL)
    for y in range(modules):
        for x in range(modules):
            colour = shot.pixelColor(drawn.x() + x * size + size // 2, drawn.y() + y * size + size // 2)
            assert colour == (QColor("black") if matrix[y][x] else QColor("white"))


def test_text_beyond_ascii_is_coded_as_utf8_not_latin1() -> None:
    text = "WIFI:T:WPA;S:Café;P:motdepasse;;"
    utf8 = segno.make(text, error="m", micro=False, encoding="utf-8")
    latin1 = segno.make(text, error="m", micro=False)
    inner = [row[QUIET_ZONE:-QUIET_ZONE] for row in qr_matrix(text)[QUIET_ZONE:-QUIET_ZONE]]
    assert inner == [[bool(m) for m in row] for row in utf8.matrix]
    assert inner != [[bool(m) for m in row] for row in latin1.matrix]
