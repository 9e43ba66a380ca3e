"""Presentation mode: large type, the projector theme, no editing chrome, and the audience window.

With two screens the audience window goes full screen on the second one and the main window
stays the facilitator's console. With one screen the main window itself goes full screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import QFont, QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QStatusBar,
    QTextEdit,
    QToolBar,
    QWidget,
)

from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.audience import AudienceView, AudienceWindow
from pmdesk.ui.meeting.controller import MeetingController
from pmdesk.ui.meeting.header import AgendaBar, TimerBox
from pmdesk.ui.meeting.tone_focus import FocusPage, TonePage
from pmdesk.ui.page_contract import PageKey, Presentable, Zoomable
from pmdesk.ui.palette import DARK, PALETTES, PROJECTOR, Palette, apply_palette

# Other areas' pages scale from their own normal size; these factors bring their body text to
# at least 28 px on a 1080p projector at zoom 1.0 (board cards are 13 pt ≈ 17 px at zoom 1).
# Everything presented also scales with the screen (see ``screen_scale``).
PAGE_ZOOM: dict[str, float] = {PageKey.BOARD: 1.65, PageKey.REVIEW: 1.3, PageKey.PRIORITIES: 1.65}
# Pages without set_zoom are scaled through their font while presenting alone.
FONT_ZOOM: dict[str, float] = {PageKey.ACTIONS: 2.0, PageKey.WRAP_UP: 2.0, PageKey.FACTS: 1.6}
QWIDGETSIZE_MAX = 16777215
ZOOM_STEPS = (0.6, 0.75, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)
REFERENCE = (1920, 1080)  # the screen the presentation's sizes are chosen for
EDITORS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox)


def screen_scale(screen: QScreen | None) -> float:
    """How large a presentation is drawn on ``screen``, against a 1920×1080 projector."""
    if screen is None:
        return 1.0
    size = screen.geometry()
    scale = min(size.width() / REFERENCE[0], size.height() / REFERENCE[1])
    return max(0.5, min(2.0, scale))


class Presenter(QObject):
    """Turns presentation mode on and off and owns the audience window."""

    def __init__(
        self,
        window: MainWindow,
        controller: MeetingController,
        tone: TonePage,
        focus: FocusPage,
        room: AudienceView,
        timer: TimerBox,
        agenda: AgendaBar,
        chosen_theme: Callable[[], Palette],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.tone, self.focus, self.room, self.timer = tone, focus, room, timer
        self.agenda = agenda
        self.chosen_theme = chosen_theme
        self.zoom = 1.0
        self.audience: AudienceWindow | None = None
        self._hidden: list[QWidget] = []
        self._was_full_screen = False
        self._solo = False
        self._pages_zoomed = False
        self._geometry = QRect()
        self._fonts: dict[QWidget, QFont] = {}  # other areas' pages were zoomed for presenting
        window.pages.on_built(self._page_built)
        self.hint: QWidget | None = None  # the blameless hint: the facilitator's, never projected

    def editor_has_focus(self) -> bool:
        """True while a text field, editor or find line of the window has the keyboard (Esc is theirs)."""
        focus = QApplication.focusWidget()
        return isinstance(focus, EDITORS) and focus.window() is self.window

    def large_header(self) -> bool:
        """True while the room reads this window's header (presenting on one screen)."""
        return self.presenting and self._solo

    def projected_zoom(self) -> float:
        """The zoom of what the room sees on this window's screen: the chosen zoom, scaled to the screen."""
        return self.zoom * screen_scale(self.window.screen())

    @property
    def presenting(self) -> bool:
        """True in presentation mode."""
        return self.controller.presenting

    def audience_visible(self) -> bool:
        """True while the audience window is shown."""
        return self.audience is not None and self.audience.isVisible()

    # --- on and off ----------------------------------------------------------------------

    def toggle(self) -> None:
        """F5: start or stop presenting."""
        self.stop() if self.presenting else self.start()

    def start(self) -> None:
        """Present: on the second screen if there is one, else full screen here."""
        if self.presenting:
            return
        self.controller.presenting = True
        screens = QGuiApplication.screens()
        self._solo = len(screens) < 2
        if self._solo:
            self._hide_chrome()
            self._was_full_screen = self.window.isFullScreen()
            self._geometry = self.window.geometry()
            screen = self.window.screen() or QGuiApplication.primaryScreen()
            self.window.setGeometry(screen.geometry())  # without a window manager (Xvfb) too
            self.window.showFullScreen()
        else:
            self.show_audience(True, screen_index=1)
        if not self.controller.clock.started:
            self.controller.clock.start()
        self.apply_look()
        self.controller.show_view()
        self.controller.room_changed.emit()
        self.controller.phase_changed.emit(self.controller.phase_id or "")

    def stop(self) -> None:
        """Leave presentation mode; everything comes back as it was."""
        if not self.presenting:
            return
        self.controller.presenting = False
        if self._solo:
            self._show_chrome()
            if not self._was_full_screen:
                self.window.showNormal()
                self.window.setGeometry(self._geometry)
        elif self.audience is not None:
            self.audience.hide()
        self.apply_look()
        if self.window.current_page() is self.window.pages.get(PageKey.ROOM):
            self.controller.show_view()
        self.controller.phase_changed.emit(self.controller.phase_id or "")

    def escape(self) -> None:
        """Esc while presenting (and no editor has the keyboard): leave focus mode, then presenting."""
        if self.window.current_page() is self.focus and self.controller.phase_id == "discussion":
            self.leave_focus()
        else:
            self.stop()

    def leave_focus(self) -> None:
        """Back from focus mode to the board."""
        key = PageKey.BOARD if PageKey.BOARD in self.window.pages else PageKey.TONE
        self.window.show_page(key)

    # --- audience window -----------------------------------------------------------------

    def show_audience(self, on: bool, screen_index: int | None = None) -> None:
        """Open (on a screen, full screen) or close the audience window."""
        if not on:
            if self.audience is not None:
                self.audience.hide()
            return
        if self.audience is None:
            self.audience = AudienceWindow(self.controller, self.focus, PALETTES[PROJECTOR])
            self.audience.activated.connect(self._keep_keys_here)
            apply_palette(self.audience, self.room_theme())
        screens = QGuiApplication.screens()
        if screen_index is not None and screen_index < len(screens):
            screen = screens[screen_index]
            self.audience.setScreen(screen)
            self.audience.setGeometry(screen.geometry())
            self.audience.showFullScreen()
        else:
            self.audience.show()
        self.audience.view.set_look(self.room_theme(), self.zoom * screen_scale(self.audience.screen()))
        self._keep_keys_here()
        self.controller.room_changed.emit()

    def _keep_keys_here(self) -> None:
        """The keyboard stays with the facilitator's window, whatever the audience window does."""
        if self.window.isVisible():
            self.window.activateWindow()

    def close_audience(self) -> None:
        """Close the audience window for good (the main window is closing)."""
        if self.audience is not None:
            self.audience.close()
            self.audience.deleteLater()
            self.audience = None

    # --- chrome, theme, zoom -------------------------------------------------------------

    def _hide_chrome(self) -> None:
        """Hide menus, toolbars, tabs and the status bar; menus keep their shortcuts."""
        window = self.window
        self._hidden = [
            w
            for w in [window.tabs.tabBar(), *window.findChildren(QToolBar), *window.findChildren(QStatusBar)]
            if w.isVisible()
        ]
        for widget in self._hidden:
            widget.setVisible(False)
        # A hidden menu bar disables its actions' shortcuts; a zero-height one keeps them.
        window.menuBar().setMaximumHeight(0)
        for button in self._facilitator_buttons():
            button.setVisible(False)

    def _show_chrome(self) -> None:
        for widget in self._hidden:
            widget.setVisible(True)
        self._hidden = []
        self.window.menuBar().setMaximumHeight(QWIDGETSIZE_MAX)
        for button in self._facilitator_buttons():
            button.setVisible(True)

    def _facilitator_buttons(self) -> list[QWidget]:
        """Header buttons the room need not see (their keys still work)."""
        return [self.timer.edit, self.timer.plus_one, self.timer.plus_two]

    def room_theme(self) -> Palette:
        """What the room sees: dark when the facilitator chose dark, else high contrast."""
        chosen = self.chosen_theme()
        return chosen if chosen.name == DARK else PALETTES[PROJECTOR]

    def look_theme(self) -> Palette:
        """The theme the main window shows now."""
        return self.room_theme() if self.presenting and self._solo else self.chosen_theme()

    def apply_look(self) -> None:
        """Colours and sizes for the current mode: the projector theme on whatever the room sees."""
        solo = self.presenting and self._solo
        here = self.look_theme()
        # The room's theme on this window alone; other board windows keep the chosen theme.
        apply_palette(self.window, here, everywhere=not solo)
        zoom = self.projected_zoom() if solo else 1.0
        self.tone.set_look(here, max(zoom, 0.75) if solo else 0.85)
        self.focus.set_look(here, zoom if solo else 0.85)
        self.focus.set_presenting(solo)
        self.room.set_look(here, zoom if solo else 0.6)
        self.timer.set_theme(here, large=solo)
        self.agenda.set_theme(here, large=solo)
        self.agenda.refresh()
        if self.hint is not None and hasattr(self.hint, "set_projected"):
            self.hint.set_projected(solo)
        if solo or self._pages_zoomed:  # leave the facilitator's own zoom alone otherwise
            # Only pages already built; a page built later gets the same look (_page_built).
            for key in list(self.window.pages):
                page = self.window.pages.get(key)
                if page is not None:
                    self._present_page(key, page, solo)
            self._pages_zoomed = solo
        if self.audience is not None:
            apply_palette(self.audience, self.room_theme())
            self.audience.view.set_look(self.room_theme(), self.zoom * screen_scale(self.audience.screen()))

    def _page_built(self, key: str, page: QWidget) -> None:
        if self._pages_zoomed:
            self._present_page(key, page, True)

    def _present_page(self, key: str, page: Any, solo: bool) -> None:
        """Give one page of another area the presenting look (or its own look back)."""
        if page is self.focus:
            return
        if key in PAGE_ZOOM and isinstance(page, Zoomable):
            page.set_zoom(PAGE_ZOOM[key] * self.projected_zoom() if solo else 1.0)
        if isinstance(page, Presentable):
            page.set_presenting(solo)
        elif key in FONT_ZOOM:
            self._scale_font(page, FONT_ZOOM[key] * self.projected_zoom() if solo else None)

    def _scale_font(self, page: QWidget, factor: float | None) -> None:
        """Scale a page without its own zoom through its font (None restores it)."""
        if page not in self._fonts:
            self._fonts[page] = page.font()
        if factor is None:
            page.setFont(self._fonts.pop(page))
            return
        font = QFont(self._fonts[page])
        font.setPointSizeF(font.pointSizeF() * factor)
        page.setFont(font)

    def zoom_by(self, steps: int) -> None:
        """Ctrl +/−: one step larger or smaller (0 resets): the room's view, or else the page shown."""
        if not (self.presenting and self._solo):
            page: Any = self.window.current_page()
            if isinstance(page, Zoomable):
                current = float(getattr(page, "zoom", 1.0))
                page.set_zoom(1.0 if steps == 0 else current * (1.15 if steps > 0 else 1 / 1.15))
            return
        if steps == 0:
            self.zoom = 1.0
        else:
            larger = [z for z in ZOOM_STEPS if z > self.zoom + 1e-6]
            smaller = [z for z in ZOOM_STEPS if z < self.zoom - 1e-6]
            if steps > 0 and larger:
                self.zoom = larger[0]
            elif steps < 0 and smaller:
                self.zoom = smaller[-1]
        self.apply_look()
