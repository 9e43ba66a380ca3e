"""Every theme's text colours are readable on a washed-out projector (contrast at least 7:1)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from pmdesk.ui.palette import PALETTES, PROJECTOR, contrast_ratio, qt_palette, text_pairs


def test_contrast_formula() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1)


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_every_text_colour_reaches_7_to_1(name: str) -> None:
    for what, fg, bg in text_pairs(PALETTES[name]):
        assert contrast_ratio(fg, bg) >= 7, f"{name}: {what} {fg} on {bg}"


def test_projector_palette_roles_reach_7_to_1() -> None:
    from PySide6.QtGui import QPalette

    pal = qt_palette(PALETTES[PROJECTOR])
    role = QPalette.ColorRole
    for fg, bg in ((role.WindowText, role.Window), (role.Text, role.Base), (role.ButtonText, role.Button)):
        ratio = contrast_ratio(pal.color(fg).name(), pal.color(bg).name())
        assert ratio >= 7, (fg, bg, ratio)


def _ink(image: QImage, background: str) -> str:
    """The colour in ``image`` that stands out most from ``background`` (the text's own colour)."""
    seen = {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}
    return max(seen, key=lambda colour: contrast_ratio(colour, background))


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_an_empty_fields_hint_is_paler_than_what_is_typed(qtbot: QtBot, name: str) -> None:
    """In the high-contrast theme the hint of an empty field was as black as a value typed into it."""
    theme = PALETTES[name]
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.setPalette(qt_palette(theme))
    edit.resize(320, 34)
    edit.setPlaceholderText("e.g. INC-2041")
    hint = _ink(edit.grab().toImage(), theme.base)
    qtbot.keyClicks(edit, "INC-2041")
    typed = _ink(edit.grab().toImage(), theme.base)
    assert contrast_ratio(hint, theme.base) >= 7  # still readable from the back of the room
    assert contrast_ratio(hint, typed) >= 1.5, f"hint {hint}, typed {typed}"


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_a_button_that_is_off_reads_paler_than_one_that_is_on(qtbot: QtBot, name: str) -> None:
    """The room's moderation buttons wait switched off for the first cards: they looked pressable."""
    theme = PALETTES[name]
    inks = []
    for enabled in (True, False):
        button = QPushButton("Reveal")
        qtbot.addWidget(button)
        button.setPalette(qt_palette(theme))
        button.resize(160, 34)
        button.setEnabled(enabled)
        inks.append(_ink(button.grab().toImage(), theme.button))
    on, off = inks
    assert contrast_ratio(off, on) >= 1.5, f"off {off}, on {on}"
    assert contrast_ratio(off, theme.button) >= (7 if name == PROJECTOR else 4.5)  # still readable
