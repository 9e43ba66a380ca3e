"""The header above the pages: the agenda stepper, the countdown and its buttons."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QWidget,
)

from pmdesk.model.agenda_clock import spent_text
from pmdesk.model.board_ops import set_phase_field
from pmdesk.ui.focus import focus_ring
from pmdesk.ui.meeting.controller import SHORT_TITLES, MeetingController
from pmdesk.ui.palette import LIGHT, PALETTES, Palette, set_sheet
from pmdesk.ui.plain import menu_text, plain_label, plain_tooltip
from pmdesk.ui.refresh import follow

TICK_MS = 250


def _tool(text: str, parent: QWidget) -> QToolButton:
    """A compact button with a text."""
    button = QToolButton(parent)
    button.setText(text)
    return button


class AgendaBar(QWidget):
    """The eight phases as buttons (current one highlighted), with previous and next."""

    def __init__(self, controller: MeetingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("AgendaBar")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.previous = self._arrow("◀", "Previous phase (Ctrl+PgUp, Alt+Left)", controller.previous_phase)
        self.next = self._arrow("▶", "Next phase (Ctrl+PgDown, Alt+Right)", controller.next_phase)
        self.buttons: dict[str, QToolButton] = {}
        # Only the current phase shows its name (the others their number and a tooltip):
        # the header row is shared with the participants bar and must fit 1366 px.
        self.compact = True
        self.numbers_shown = True  # a narrow screen keeps only the arrows and the current phase
        self.set_theme(PALETTES[LIGHT], large=False)
        self.rebuild()
        controller.phase_changed.connect(lambda _id: self.refresh())
        follow(controller.qt_document, ("agenda",), self._on_changed)

    def _arrow(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        button.clicked.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return button

    def set_theme(self, theme: Palette, large: bool) -> None:
        """Colours of the theme; larger buttons when presenting; the current phase stands out."""
        size = 17 if large else 12
        self.setStyleSheet(
            f"QToolButton{{font-size:{size}px;padding:3px 6px;color:{theme.button_text};"
            f"background:{theme.button};border:1px solid {theme.muted};border-radius:4px;}}"
            f"QToolButton:checked{{background:{theme.accent};color:{theme.accent_text};font-weight:bold;"
            f"border:2px solid {theme.text};}}" + focus_ring(theme, "QToolButton")
        )

    def style_buttons(self, theme: Palette, large: bool, *buttons: QWidget) -> None:
        """Give other header buttons the stepper's look."""
        size = 17 if large else 12
        for button in buttons:
            kind = type(button).__name__ if type(button).__name__.startswith("Q") else "QAbstractButton"
            button.setStyleSheet(
                f"{kind}{{font-size:{size}px;padding:3px 8px;color:{theme.button_text};"
                f"background:{theme.button};border:1px solid {theme.muted};border-radius:4px;}}"
                + focus_ring(theme, kind)
            )

    def show_numbers(self, on: bool) -> None:
        """Show the other phases' numbers (True), or only the current phase between the arrows."""
        if on != self.numbers_shown:
            self.numbers_shown = on
            self.refresh()

    def _on_changed(self, _edit: object) -> None:
        if [p.id for p in self.controller.phases()] != list(self.buttons):
            self.rebuild()
        else:
            self.refresh()

    def rebuild(self) -> None:
        """Make one button per phase of the agenda."""
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget not in (self.previous, self.next):
                widget.deleteLater()
        self.buttons.clear()
        self._layout.addWidget(self.previous)
        for index, phase in enumerate(self.controller.phases()):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setObjectName(f"phase-{phase.id}")
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
            button.clicked.connect(partial(self._clicked, index))
            self.buttons[phase.id] = button
            self._layout.addWidget(button)
        self._layout.addWidget(self.next)
        self.refresh()

    def _clicked(self, index: int, _checked: bool = False) -> None:
        self.controller.go_to(index)

    def refresh(self) -> None:
        """Highlight the current phase; tooltips carry titles, minutes and time spent."""
        current = self.controller.current()
        phases = self.controller.phases()
        widest = 0  # the current phase's button is as wide as the widest name: ◀ ▶ never move
        for number, phase in enumerate(phases, start=1):
            button = self.buttons.get(phase.id)
            if button is None:
                continue
            name = SHORT_TITLES.get(phase.id, phase.title)
            button.ensurePolished()
            metrics = button.fontMetrics()
            bold_extra = metrics.averageCharWidth() * len(name) // 6
            widest = max(widest, metrics.horizontalAdvance(f"{number} {name}") + bold_extra)
        for number, phase in enumerate(phases, start=1):
            button = self.buttons.get(phase.id)
            if button is None:
                continue
            is_current = current is not None and phase.id == current.id
            button.setChecked(is_current)
            button.setVisible(is_current or self.numbers_shown)
            name = SHORT_TITLES.get(phase.id, phase.title)
            button.setText(f"{number}" if self.compact and not is_current else menu_text(f"{number} {name}"))
            button.ensurePolished()
            if is_current:
                text_width = button.fontMetrics().horizontalAdvance(f"{number} {name}")
                button.setMinimumWidth(button.sizeHint().width() - text_width + widest)  # never elided
            else:
                button.setMinimumWidth(button.sizeHint().width())
            spent = "" if phase.actual_seconds is None else f", {spent_text(phase.actual_seconds)} spent"
            button.setToolTip(plain_tooltip(f"{phase.title} — {phase.minutes} min{spent}"))
        index = self.controller.index()
        self.previous.setEnabled(index > 0)
        self.updateGeometry()
        self.next.setEnabled(0 <= index < len(self.buttons) - 1)


class TimerLabel(QWidget):
    """The countdown itself: click or Space (when it has focus) pauses and resumes."""

    def __init__(self, controller: MeetingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("AgendaTimer")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = plain_label("", self, wrap=False)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.label)
        self.setToolTip("Click or press Space to pause or resume (Ctrl+Space anywhere)")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Space pauses and resumes."""
        if event.key() == Qt.Key.Key_Space:
            self.controller.clock.toggle()
            self.parent_box().refresh()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Show the focus ring."""
        super().focusInEvent(event)
        self.parent_box().refresh()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Hide the focus ring."""
        super().focusOutEvent(event)
        self.parent_box().refresh()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click pauses and resumes."""
        if event.button() == Qt.MouseButton.LeftButton:
            self.controller.clock.toggle()
            self.parent_box().refresh()

    def parent_box(self) -> TimerBox:
        """The box this label sits in."""
        parent = self.parentWidget()
        assert isinstance(parent, TimerBox)
        return parent


class TimerBox(QWidget):
    """Phase title, countdown, pause/resume, +1 and +2 minutes, minutes editor."""

    def __init__(self, controller: MeetingController, theme: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.theme = theme
        self.large = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.title = plain_label("", self, wrap=False)
        self.title.setObjectName("PhaseTitle")
        self.title.setVisible(False)  # the stepper shows the phase; the title is in the tooltip
        self.timer = TimerLabel(controller, self)
        self.pause = _tool("Start", self)
        self.pause.setToolTip("Pause or resume the countdown (Ctrl+Space)")
        self.pause.clicked.connect(self._toggle)
        self.plus_one = _tool("+1", self)
        self.plus_one.setToolTip("One more minute for this phase")
        self.plus_one.clicked.connect(partial(self.add_minutes, 1))
        self.plus_two = _tool("+2", self)
        self.plus_two.setToolTip("Two more minutes for this phase")
        self.plus_two.clicked.connect(partial(self.add_minutes, 2))
        self.edit = _tool("Minutes…", self)
        self.edit.setToolTip("Plan the minutes of each phase")
        self.edit.clicked.connect(self.edit_minutes)
        for widget in (self.title, self.timer, self.pause, self.plus_one, self.plus_two, self.edit):
            layout.addWidget(widget)
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.refresh)
        self.ticker.start()
        controller.phase_changed.connect(lambda _id: self.refresh())
        follow(controller.qt_document, ("agenda",), lambda _changes: self.refresh())
        self.refresh()

    def _toggle(self, _checked: bool = False) -> None:
        self.toggle()

    def toggle(self) -> None:
        """Pause or resume the countdown."""
        self.controller.clock.toggle()
        self.refresh()

    def add_minutes(self, minutes: int, _checked: bool = False) -> None:
        """Give the current phase more time."""
        self.controller.clock.add_minutes(minutes)
        self.refresh()

    def edit_minutes(self, _checked: bool = False) -> None:
        """Open the dialog that plans each phase's minutes."""
        edit_minutes_dialog(self.controller, self)

    def set_theme(self, theme: Palette, large: bool) -> None:
        """Colours of the theme; a large countdown when presenting."""
        self.theme = theme
        self.large = large
        self.refresh()

    def state(self) -> str:
        """``normal``, ``amber`` or ``over``."""
        return self.controller.clock.state(self.controller.minutes())

    def text(self) -> str:
        """The countdown as shown."""
        return self.controller.clock.display(self.controller.minutes())

    def refresh(self) -> None:
        """Show the time left and colour it by state."""
        clock = self.controller.clock
        phase = self.controller.current()
        self.title.setText(f"{phase.title} · {phase.minutes} min" if phase else "No agenda")
        self.timer.label.setText(self.text())
        self.timer.setToolTip(
            plain_tooltip(f"{self.title.text()} — click or press Space to pause or resume (Ctrl+Space)")
        )
        self.pause.setText("Pause" if clock.running else ("Resume" if clock.started else "Start"))
        t = self.theme
        background, colour = {
            "amber": (t.amber, t.amber_text),
            "over": (t.over, t.over_text),
        }.get(self.state(), (t.button, t.button_text))
        size = 44 if self.large else 22
        self.timer.label.setMinimumWidth(round(size * 4.2))
        # The countdown takes the keyboard (Space pauses): its ring is drawn on the label.
        ring = t.focus if self.timer.hasFocus() else background
        # Each second's tick comes here: a style sheet is set only when it changes.
        set_sheet(
            self.timer.label,
            f"background:{background};color:{colour};font-size:{size}px;font-weight:bold;"
            f"font-family:monospace;padding:2px 12px;border-radius:6px;"
            f"border:{t.focus_width}px solid {ring};",
        )
        set_sheet(self.title, f"font-size:{size * 2 // 3}px;font-weight:bold;color:{t.text};")
        small = 17 if self.large else 12
        for button in (self.pause, self.plus_one, self.plus_two, self.edit):
            set_sheet(
                button,
                f"QToolButton{{font-size:{small}px;padding:3px 8px;color:{t.button_text};"
                f"background:{t.button};border:1px solid {t.muted};border-radius:4px;}}"
                + focus_ring(t, "QToolButton"),
            )


class MinutesDialog(QDialog):
    """Planned minutes for each phase; OK writes the changed ones (each undoable)."""

    def __init__(self, controller: MeetingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle("Agenda minutes")
        form = QFormLayout(self)
        self.spins: dict[str, QSpinBox] = {}
        for phase in controller.phases():
            spin = QSpinBox(self)
            spin.setRange(1, 240)
            spin.setSuffix(" min")
            spin.setValue(phase.minutes)
            self.spins[phase.id] = spin
            form.addRow(plain_label(phase.title, self, wrap=False), spin)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def apply(self) -> None:
        """Push one edit per changed phase."""
        for phase in self.controller.phases():
            spin = self.spins.get(phase.id)
            if spin is not None and spin.value() != phase.minutes:
                self.controller.qt_document.attempt(set_phase_field, phase.id, "minutes", spin.value())


def edit_minutes_dialog(controller: MeetingController, parent: QWidget) -> None:
    """Open the minutes dialog and apply it when accepted."""
    dialog = MinutesDialog(controller, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        dialog.apply()
