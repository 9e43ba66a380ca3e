"""Every theme's text colours are readable on a washed-out projector (contrast at least 7:1)."""

from __future__ import annotations

import pytest

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
