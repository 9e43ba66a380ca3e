"""Colour themes: light, dark and a high-contrast projector theme, as palettes and style sheets.

Every text colour is chosen against its own background with a contrast ratio of at least
7:1 (WCAG AAA) in every theme, because a projector in a lit room washes contrast out.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import shiboken6
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

LIGHT, DARK, PROJECTOR = "light", "dark", "projector"
PALETTE_NAMES = {LIGHT: "Light", DARK: "Dark", PROJECTOR: "High contrast (projector)"}
SETTINGS_KEY = "meeting/theme"


@dataclass(frozen=True)
class Palette:
    """The colours of one theme (hex strings), in pairs of text on background."""

    name: str
    window: str
    text: str
    muted: str  # secondary text (prompts, authors) on ``window``
    base: str  # entry fields and lists
    base_text: str
    button: str
    button_text: str
    accent: str  # the current phase, selections
    accent_text: str
    card: str  # a sticky note
    card_text: str
    theme_card: str  # a theme (group of cards)
    theme_card_text: str
    amber: str  # the timer's last minute
    amber_text: str
    over: str  # the timer past zero
    over_text: str
    hint: str  # the blameless hint bar
    hint_text: str
    column: str  # a board column behind its cards
    column_text: str  # its heading
    warning: str  # a note that something is missing or out of order
    warning_text: str
    ok: str  # a note that all is ready
    ok_text: str
    border: str  # lines around cards and boxes
    focus: str  # the keyboard focus ring
    dots: str  # vote dots and tallies, on ``base`` and ``theme_card``
    focus_width: int = 2  # pixels


PALETTES: dict[str, Palette] = {
    LIGHT: Palette(
        name=LIGHT,
        window="#f6f6f3",
        text="#111111",
        muted="#3d3d3d",
        base="#ffffff",
        base_text="#111111",
        button="#e4e4df",
        button_text="#111111",
        accent="#0b4f9c",
        accent_text="#ffffff",
        card="#fff3a8",
        card_text="#1a1a1a",
        theme_card="#dce9fb",
        theme_card_text="#0d1b2e",
        amber="#ffb300",
        amber_text="#000000",
        over="#b3001b",
        over_text="#ffffff",
        hint="#e8f1ff",
        hint_text="#0d1b2e",
        column="#eef1f6",
        column_text="#111827",
        warning="#fff3cd",
        warning_text="#3d2e00",
        ok="#e3f4e1",
        ok_text="#0f3d12",
        border="#aab4c3",
        focus="#0b4f9c",
        dots="#7c2410",
    ),
    DARK: Palette(
        name=DARK,
        window="#1b1d21",
        text="#f2f2f2",
        muted="#c9c9c9",
        base="#25282d",
        base_text="#f2f2f2",
        button="#33373e",
        button_text="#f2f2f2",
        accent="#9cc8ff",
        accent_text="#0a1020",
        card="#3b3420",
        card_text="#fff6d6",
        theme_card="#1f3350",
        theme_card_text="#eef5ff",
        amber="#ffc233",
        amber_text="#000000",
        over="#ff7070",
        over_text="#000000",
        hint="#24354d",
        hint_text="#f0f6ff",
        column="#24272d",
        column_text="#f2f2f2",
        warning="#4a3b10",
        warning_text="#fff1c7",
        ok="#1d3b22",
        ok_text="#e3f7e3",
        border="#5c636e",
        focus="#9cc8ff",
        dots="#ffb38a",
    ),
    PROJECTOR: Palette(
        name=PROJECTOR,
        window="#ffffff",
        text="#000000",
        muted="#262626",
        base="#ffffff",
        base_text="#000000",
        button="#e6e6e6",
        button_text="#000000",
        accent="#00307a",
        accent_text="#ffffff",
        card="#fff07a",
        card_text="#000000",
        theme_card="#cfe3ff",
        theme_card_text="#000000",
        amber="#ffb000",
        amber_text="#000000",
        over="#a30000",
        over_text="#ffffff",
        hint="#e0ecff",
        hint_text="#000000",
        column="#ffffff",
        column_text="#000000",
        warning="#fff07a",
        warning_text="#000000",
        ok="#d9f7d2",
        ok_text="#000000",
        border="#000000",
        focus="#000000",
        dots="#8a1c00",
        focus_width=4,
    ),
}


_current = [PALETTES[LIGHT]]


def current_palette() -> Palette:
    """The theme the windows show now (widgets that paint their own colours read it)."""
    return _current[0]


def start_palette(theme: Palette) -> None:
    """The application's palette before its first window is built (no re-polishing afterwards)."""
    _current[0] = theme
    QApplication.setPalette(qt_palette(theme))


def palette_named(name: object) -> Palette:
    """The theme called ``name``, or the light theme for anything unknown."""
    return PALETTES.get(str(name), PALETTES[LIGHT])


def text_pairs(theme: Palette) -> list[tuple[str, str, str]]:
    """(what, text colour, background colour) for every text colour the theme uses."""
    pairs = [(f.name[: -len("_text")], f.name) for f in fields(theme) if f.name.endswith("_text")]
    pairs += [("card", "muted"), ("base", "muted"), ("column", "muted"), ("theme_card", "muted")]
    pairs += [("base", "dots"), ("theme_card", "dots"), ("base", "accent"), ("column", "accent")]
    found = [(f"{fg} on {bg}", getattr(theme, fg), getattr(theme, bg)) for bg, fg in pairs]
    found += [("text", theme.text, theme.window), ("muted", theme.muted, theme.window)]
    found += [("accent on window", theme.accent, theme.window), ("text on base", theme.text, theme.base)]
    return found


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """The relative luminance of an ``#rrggbb`` colour (WCAG 2)."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG contrast ratio between two colours, from 1 to 21."""
    a, b = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def qt_palette(theme: Palette) -> QPalette:
    """A QPalette for standard widgets in ``theme``."""
    pal = QPalette()
    role = QPalette.ColorRole
    for which, colour in (
        (role.Window, theme.window),
        (role.WindowText, theme.text),
        (role.Base, theme.base),
        (role.AlternateBase, theme.window),
        (role.Text, theme.base_text),
        (role.Button, theme.button),
        (role.ButtonText, theme.button_text),
        (role.Highlight, theme.accent),
        (role.HighlightedText, theme.accent_text),
        (role.ToolTipBase, theme.base),
        (role.ToolTipText, theme.base_text),
        (role.PlaceholderText, theme.muted),
        (role.BrightText, theme.over_text),
        (role.Link, theme.accent),
    ):
        pal.setColor(which, QColor(colour))
    return pal


FOCUSABLE = (
    "QLineEdit",
    "QPlainTextEdit",
    "QTextEdit",
    "QComboBox",
    "QAbstractSpinBox",
    "QPushButton",
    "QToolButton",
    "QTableView",
    "QListView",
    "QCheckBox",
    "QRadioButton",
)


def focus_style(theme: Palette) -> str:
    """A style sheet rule that draws the theme's focus ring around the focused control."""
    selectors = ", ".join(f"{name}:focus" for name in FOCUSABLE)
    return f"{selectors} {{ border: {theme.focus_width}px solid {theme.focus}; }}"


def apply_palette(widget: QWidget, theme: Palette, everywhere: bool = False) -> None:
    """Give a top-level widget (and so its children) the theme's palette.

    ``everywhere``: the theme of the application's windows, dialogs and menus. Widgets with a
    style sheet take the application's palette rather than their parent's, so it is set there
    too; widgets that paint their own colours (a ``restyle`` method) are told.
    """
    pal = qt_palette(theme)
    changed = everywhere and (theme != _current[0] or QApplication.palette() != pal)
    if everywhere:
        _current[0] = theme
        QApplication.setPalette(pal)
        # Thick focus rings where the theme asks for them (high contrast); the style's own elsewhere.
        # (On the window's content, not the window: a style sheet would override its palette.)
        wanted = focus_style(theme) if theme.focus_width > 2 else ""
        central = widget.centralWidget() if isinstance(widget, QMainWindow) else None
        content = central if central is not None else widget
        if content.styleSheet() != wanted:
            changed = True
            content.setStyleSheet(wanted)
            # Polished under a style sheet, widgets keep palettes of their own: inherit again.
            for child in widget.findChildren(QWidget):
                if not child.isWindow():
                    child.setPalette(QPalette())
    widget.setPalette(pal)
    widget.setAutoFillBackground(True)
    if changed:  # (the window was built in these colours: nothing to re-polish)
        children = [widget, *widget.findChildren(QWidget)]
        for child in children:
            if child.styleSheet():  # a style sheet froze the palette it was polished with
                style = child.style()
                style.unpolish(child)
                style.polish(child)
        for child in children:
            restyle = getattr(child, "restyle", None)
            if callable(restyle) and shiboken6.isValid(child):  # a restyle may replace others
                restyle()
