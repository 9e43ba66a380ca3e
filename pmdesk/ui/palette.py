"""Colour themes: light, dark and a high-contrast projector theme, as palettes and style sheets.

Every text colour is chosen against its own background with a contrast ratio of at least
7:1 (WCAG AAA) in every theme, because a projector in a lit room washes contrast out.

The theme the facilitator chose is the application's: every window, dialog and menu. A window
the room sees (presenting on one screen, the audience window) can show a theme of its own, the
projector's, without recolouring the other windows: ``apply_palette`` without ``everywhere``.
Widgets that paint their own colours ask ``current_palette(self)`` for their window's theme.
"""

from __future__ import annotations

from typing import NamedTuple

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

LIGHT, DARK, PROJECTOR = "light", "dark", "projector"
PALETTE_NAMES = {LIGHT: "Light", DARK: "Dark", PROJECTOR: "High contrast (projector)"}
SETTINGS_KEY = "meeting/theme"


class Palette(NamedTuple):
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
    placeholder: str  # the hint in an empty field, on ``base``: readable, yet paler than what is typed
    disabled: str  # the text of a control that is off, on ``button`` and ``window``: readable, yet paler
    focus_width: int = 2  # pixels


# One row a colour: its value in the light, the dark and the projector theme.
COLOURS: tuple[tuple[str, str, str, str], ...] = (
    ("window", "#f6f6f3", "#1b1d21", "#ffffff"),
    ("text", "#111111", "#f2f2f2", "#000000"),
    ("muted", "#3d3d3d", "#c9c9c9", "#262626"),
    ("base", "#ffffff", "#25282d", "#ffffff"),
    ("base_text", "#111111", "#f2f2f2", "#000000"),
    ("button", "#e4e4df", "#33373e", "#e6e6e6"),
    ("button_text", "#111111", "#f2f2f2", "#000000"),
    ("accent", "#0b4f9c", "#9cc8ff", "#00307a"),
    ("accent_text", "#ffffff", "#0a1020", "#ffffff"),
    ("card", "#fff3a8", "#3b3420", "#fff07a"),
    ("card_text", "#1a1a1a", "#fff6d6", "#000000"),
    ("theme_card", "#dce9fb", "#1f3350", "#cfe3ff"),
    ("theme_card_text", "#0d1b2e", "#eef5ff", "#000000"),
    ("amber", "#ffb300", "#ffc233", "#ffb000"),
    ("amber_text", "#000000", "#000000", "#000000"),
    ("over", "#b3001b", "#ff7070", "#a30000"),
    ("over_text", "#ffffff", "#000000", "#ffffff"),
    ("hint", "#e8f1ff", "#24354d", "#e0ecff"),
    ("hint_text", "#0d1b2e", "#f0f6ff", "#000000"),
    ("column", "#eef1f6", "#24272d", "#ffffff"),
    ("column_text", "#111827", "#f2f2f2", "#000000"),
    ("warning", "#fff3cd", "#4a3b10", "#fff07a"),
    ("warning_text", "#3d2e00", "#fff1c7", "#000000"),
    ("ok", "#e3f4e1", "#1d3b22", "#d9f7d2"),
    ("ok_text", "#0f3d12", "#e3f7e3", "#000000"),
    ("border", "#aab4c3", "#5c636e", "#000000"),
    ("focus", "#0b4f9c", "#9cc8ff", "#000000"),
    ("dots", "#7c2410", "#ffb38a", "#8a1c00"),
    ("placeholder", "#575757", "#b4b4b4", "#575757"),
    ("disabled", "#5c5c5c", "#c4c4c4", "#484848"),
)


def _theme(name: str, column: int, focus_width: int = 2) -> Palette:
    """The theme whose colours stand in ``column`` of COLOURS."""
    colours = {row[0]: row[column] for row in COLOURS}
    return Palette(name=name, focus_width=focus_width, **colours)


PALETTES: dict[str, Palette] = {
    LIGHT: _theme(LIGHT, 1),
    DARK: _theme(DARK, 2),
    PROJECTOR: _theme(PROJECTOR, 3, focus_width=4),
}


_current = [PALETTES[LIGHT]]
THEME_PROPERTY = "pmdeskTheme"  # on a window with a theme of its own: the theme's name


def current_palette(owner: QObject | None = None) -> Palette:
    """The theme ``owner``'s window shows (a window the room sees may have its own); without an
    owner, or in a window without a theme of its own, the application's theme."""
    while owner is not None and not isinstance(owner, QWidget):
        owner = owner.parent()
    if owner is not None:
        name = owner.window().property(THEME_PROPERTY)
        if isinstance(name, str) and name in PALETTES:
            return PALETTES[name]
    return _current[0]


class _OwnThemes(QObject):
    """Keeps every widget of a window with a theme of its own in that theme's palette.

    Under a style sheet Qt gives each widget the application's palette, not its window's, when
    it is first polished and whenever a style sheet is set again: the window's is put back then.
    Installed on the application only while some window has a theme of its own.
    """

    def __init__(self) -> None:
        super().__init__()
        self.windows: list[QWidget] = []
        self.installed = False
        self._palettes: dict[str, QPalette] = {}

    def track(self, window: QWidget, own: bool) -> None:
        """Follow (or stop following) a window with a theme of its own."""
        self.windows = [w for w in self.windows if shiboken6.isValid(w) and w is not window]
        if own:
            self.windows.append(window)
        app = QApplication.instance()
        if app is not None and bool(self.windows) != self.installed:
            if self.windows:
                app.installEventFilter(self)
            else:
                app.removeEventFilter(self)
            self.installed = bool(self.windows)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A widget just polished or restyled in a window with a theme of its own takes that theme."""
        if event.type() in (QEvent.Type.Polish, QEvent.Type.StyleChange) and isinstance(watched, QWidget):
            window = watched.window()
            name = window.property(THEME_PROPERTY) if window is not watched else None
            if isinstance(name, str) and name in PALETTES:
                if name not in self._palettes:  # built once per theme, not once per widget
                    self._palettes[name] = qt_palette(PALETTES[name])
                _take_theme(watched, self._palettes[name])
        return False


def _take_theme(widget: QWidget, wanted: QPalette) -> None:
    """Give a widget the colours of ``wanted`` where it shows the application's; a colour of its
    own (a column's background, a style sheet's) stays."""
    have, application = widget.palette(), QApplication.palette(widget)
    mixed = QPalette(have)
    for role in THEMED_ROLES:
        if have.color(role) == application.color(role):
            mixed.setColor(role, wanted.color(role))
            if role in DISABLED_ROLES:
                mixed.setColor(_DISABLED, role, wanted.color(_DISABLED, role))
    if mixed != have:
        widget.setPalette(mixed)


_own_themes = _OwnThemes()


def start_palette(theme: Palette) -> None:
    """The application's palette before its first window is built (no re-polishing afterwards)."""
    _current[0] = theme
    QApplication.setPalette(qt_palette(theme))


def palette_named(name: object) -> Palette:
    """The theme called ``name``, or the light theme for anything unknown."""
    return PALETTES.get(str(name), PALETTES[LIGHT])


def text_pairs(theme: Palette) -> list[tuple[str, str, str]]:
    """(what, text colour, background colour) for every text colour the theme uses."""
    pairs = [(f[: -len("_text")], f) for f in theme._fields if f.endswith("_text")]
    pairs += [("card", "muted"), ("base", "muted"), ("column", "muted"), ("theme_card", "muted")]
    pairs += [("base", "dots"), ("theme_card", "dots"), ("base", "accent"), ("column", "accent")]
    pairs += [("base", "placeholder")]
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


def ink_on(hex_colour: str) -> str:
    """Black or white, whichever reads better on ``hex_colour`` (initials on a participant's colour)."""
    black, white = "#000000", "#ffffff"
    return black if contrast_ratio(black, hex_colour) > contrast_ratio(white, hex_colour) else white


_ROLE = QPalette.ColorRole
# The palette role each theme colour fills (the colour's field name).
ROLE_COLOURS = (
    (_ROLE.Window, "window"),
    (_ROLE.WindowText, "text"),
    (_ROLE.Base, "base"),
    (_ROLE.AlternateBase, "window"),
    (_ROLE.Text, "base_text"),
    (_ROLE.Button, "button"),
    (_ROLE.ButtonText, "button_text"),
    (_ROLE.Highlight, "accent"),
    (_ROLE.HighlightedText, "accent_text"),
    (_ROLE.ToolTipBase, "base"),
    (_ROLE.ToolTipText, "base_text"),
    (_ROLE.PlaceholderText, "placeholder"),
    (_ROLE.BrightText, "over_text"),
    (_ROLE.Link, "accent"),
)
THEMED_ROLES = tuple(role for role, _name in ROLE_COLOURS)
# The text a control that is off shows: paler than when it is on (a button that cannot be
# pressed looked like one that can), in the ``disabled`` colour.
DISABLED_ROLES = (_ROLE.WindowText, _ROLE.Text, _ROLE.ButtonText)
_DISABLED = QPalette.ColorGroup.Disabled


def qt_palette(theme: Palette) -> QPalette:
    """A QPalette for standard widgets in ``theme``."""
    pal = QPalette()
    for which, name in ROLE_COLOURS:
        pal.setColor(which, QColor(getattr(theme, name)))
    for which in DISABLED_ROLES:
        pal.setColor(_DISABLED, which, QColor(theme.disabled))
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


def set_sheet(widget: QWidget, sheet: str) -> None:
    """Give a widget a style sheet unless it has it already (setting one re-polishes the widget)."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


def apply_palette(widget: QWidget, theme: Palette, everywhere: bool = False) -> None:
    """Give a top-level widget (and so its children) the theme's palette.

    ``everywhere``: the application's theme, for its windows, dialogs and menus; the widget
    gives up a theme of its own. Otherwise the theme is this window's alone (the window the
    room sees), and other windows keep the application's. Widgets with a style sheet take the
    application's palette rather than their parent's, so it is set on each of them; widgets
    that paint their own colours (a ``restyle`` method) are told.
    """
    pal = qt_palette(theme)
    own = None if everywhere else theme.name
    changed = current_palette(widget) != theme or widget.property(THEME_PROPERTY) != own
    if everywhere:
        changed = changed or theme != _current[0] or QApplication.palette() != pal
        _current[0] = theme
        QApplication.setPalette(pal)
    widget.setProperty(THEME_PROPERTY, own)
    _own_themes.track(widget, own is not None)
    # Thick focus rings where the theme asks for them (high contrast); the style's own elsewhere.
    # (On the window's content, not the window: a style sheet would override its palette.)
    wanted = focus_style(theme) if theme.focus_width > 2 else ""
    central = widget.centralWidget() if isinstance(widget, QMainWindow) else None
    content = central if central is not None else widget
    if content.styleSheet() != wanted:
        changed = True
        content.setStyleSheet(wanted)
    widget.setPalette(pal)
    widget.setAutoFillBackground(True)
    if changed:  # (the window was built in these colours: nothing to re-polish)
        children = [widget, *widget.findChildren(QWidget)]
        for child in children:
            if child.styleSheet():  # a style sheet froze the palette it was polished with
                style = child.style()
                style.unpolish(child)
                style.polish(child)
        # Polished under a style sheet, widgets keep palettes of their own: the window's theme
        # on each (its own), or the application's inherited again.
        for child in children[1:]:
            if not child.isWindow():
                child.setPalette(pal if own is not None else QPalette())
        for child in children:
            restyle = getattr(child, "restyle", None)
            if callable(restyle) and shiboken6.isValid(child):  # a restyle may replace others
                restyle()
