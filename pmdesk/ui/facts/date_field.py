"""A date, date-and-time or time-of-day field that takes typing and has a calendar.

The field shows its value the way pmdesk writes dates (``Thu 10 Dec 2026``), takes what a person
types (``2026-12-10``, the locale's ``10/12/2026``, ``14:05``), and on Enter or leaving the field
either stores the new value or refuses it with a one-line message, keeping the text for fixing.
Emptying an optional field clears the value. Alt+↓ (or the calendar icon) opens a calendar.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QStyle, QVBoxLayout, QWidget

from pmdesk.ui.facts.typed_dates import (
    FIRST_YEAR,
    LAST_YEAR,
    TypedDateError,
    example_date,
    parse_clock,
    parse_typed_date,
    parse_typed_datetime,
    show_date,
    show_datetime,
)
from pmdesk.ui.facts.when import iso_to_qdate, iso_to_qdatetime, qdate_to_iso, qdatetime_to_iso

INVALID_STYLE = "QLineEdit{border:2px solid #c62828;}"


class Kind(Enum):
    """What a field holds and stores: ``YYYY-MM-DD``, an ISO time with offset, or ``HH:MM``."""

    DATE = "date"
    DATETIME = "datetime"
    CLOCK = "clock"


SAMPLES = {  # the widest values each kind shows, to size the field
    Kind.DATE: "Wed 30 Sep 2026",
    Kind.DATETIME: "Wed 30 Sep 2026  23:59:59",
    Kind.CLOCK: "23:59",
}


class DateField(QLineEdit):
    """Typed dates and times with a calendar; ``edited`` gives the stored form, or None when emptied."""

    edited = Signal(object)
    refused = Signal(str)  # a one-line message for the user

    def __init__(self, kind: Kind, label: str, parent: QWidget | None = None, optional: bool = True) -> None:
        super().__init__(parent)
        self.kind = kind
        self.optional = optional
        self._value: str | None = None
        self.problem: str | None = None
        self.default: Callable[[], QDateTime] = QDateTime.currentDateTime  # the calendar's start
        self.setAccessibleName(label)
        example = {
            Kind.DATE: f"2026-12-10 or {example_date(QLocale())}",
            Kind.DATETIME: "2026-11-20 14:02, or just 14:02",
            Kind.CLOCK: "09:30",
        }[kind]
        shorter = {Kind.DATE: "2026-12-10", Kind.DATETIME: "14:02", Kind.CLOCK: "09:30"}[kind]
        unset = "not set — " if optional else ""
        # Longest first: the field shows the longest hint that fits its width (the tooltip says it all).
        self.hints = [f"{unset}type {example}", f"{unset}type {shorter}", unset.rstrip(" —") or f"{shorter}"]
        self.setPlaceholderText(self.hints[0])
        self.setToolTip(
            f"Type the {label} ({example}); Enter or Tab keeps it"
            + ("; empty clears it" if optional else "")
            + ("; Alt+↓ opens a calendar" if kind is not Kind.CLOCK else "")
        )
        self.calendar_action: QAction | None = None
        if kind is not Kind.CLOCK:
            icon = QIcon.fromTheme(
                "x-office-calendar",
                self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView),
            )
            self.calendar_action = self.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
            self.calendar_action.setToolTip("Pick from a calendar (Alt+↓)")
            self.calendar_action.triggered.connect(self.open_calendar)
        self.editingFinished.connect(self.commit)
        self.setMinimumWidth(
            self.fontMetrics().horizontalAdvance(SAMPLES[kind]) + (56 if self.calendar_action else 24)
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A narrower field shows a shorter hint, never one cut off."""
        super().resizeEvent(event)
        self.fit_hint()

    def fit_hint(self) -> None:
        """Show the longest of ``hints`` that fits the field's width (the shortest if none does)."""
        room = self.width() - (56 if self.calendar_action else 24)
        metrics = self.fontMetrics()
        hint = next((h for h in self.hints if metrics.horizontalAdvance(h) <= room), self.hints[-1])
        if hint != self.placeholderText():
            self.setPlaceholderText(hint)

    # --- value ----------------------------------------------------------------------------

    def value(self) -> str | None:
        """The stored form of what the field holds (not of unconfirmed typing)."""
        return self._value

    def set_value(self, text: str | None) -> None:
        """Show a stored value without emitting ``edited``; typing in progress survives other edits."""
        if text == self._value and self.hasFocus():
            return
        self._value = text
        self._mark(None)
        shown = self.shown(text)
        if self.text() != shown:
            self.setText(shown)
            self.setCursorPosition(0)

    def shown(self, text: str | None) -> str:
        """How a stored value reads in the field."""
        if text is None:
            return ""
        if self.kind is Kind.DATE:
            date = iso_to_qdate(text)
            return text if date is None else show_date(date)
        if self.kind is Kind.DATETIME:
            value = iso_to_qdatetime(text)
            return text if value is None else show_datetime(value)
        return text

    def parse(self, typed: str) -> str | None:
        """The stored form of typed text (None for empty); TypedDateError with a message if wrong."""
        if not typed.strip():
            if not self.optional:
                raise TypedDateError(f"The {self.accessibleName()} cannot be empty")
            return None
        if typed == self.shown(self._value):
            return self._value
        if self.kind is Kind.DATE:
            return qdate_to_iso(parse_typed_date(typed))
        if self.kind is Kind.CLOCK:
            return parse_clock(typed).toString("HH:mm")
        fallback = iso_to_qdatetime(self._value) or self.default()
        return qdatetime_to_iso(parse_typed_datetime(typed, fallback))

    def commit(self) -> bool:
        """Store what was typed (emitting ``edited`` if it changed), or refuse it; True if stored."""
        try:
            new = self.parse(self.text())
        except TypedDateError as error:
            self._mark(str(error))
            self.refused.emit(str(error))
            return False
        self._mark(None)
        changed = new != self._value
        self._value = new
        shown = self.shown(new)
        if self.text() != shown:
            self.setText(shown)
        if changed:
            self.edited.emit(new)
        return True

    def _mark(self, problem: str | None) -> None:
        self.problem = problem
        self.setStyleSheet(INVALID_STYLE if problem else "")
        if problem:
            self.setToolTip(problem)

    # --- keys and the calendar --------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Alt+↓ or F4 opens the calendar; Esc puts back the stored value; other keys type."""
        key = event.key()
        if self.calendar_action and (
            key == Qt.Key.Key_F4
            or (key == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier)
        ):
            self.open_calendar()
            return
        if key == Qt.Key.Key_Escape and self.text() != self.shown(self._value):
            self.set_value(self._value)
            return
        super().keyPressEvent(event)

    def current_date(self) -> QDate:
        """The date the calendar opens on: the typed or stored one, else the default."""
        try:
            stored = self.parse(self.text())
        except TypedDateError:
            stored = self._value
        if self.kind is Kind.DATE:
            return iso_to_qdate(stored) or self.default().date()
        value = iso_to_qdatetime(stored)
        return value.date() if value is not None else self.default().date()

    def open_calendar(self) -> CalendarPopup:
        """Show a calendar below the field; picking a day stores it (keeping the time of day)."""
        popup = CalendarPopup(self, self.current_date())
        popup.picked.connect(self._picked)
        popup.move(self.mapToGlobal(QPoint(0, self.height())))
        popup.show()
        popup.calendar.setFocus()
        return popup

    def _picked(self, date: QDate) -> None:
        if self.kind is Kind.DATE:
            self.setText(show_date(date))
        else:
            previous = iso_to_qdatetime(self._value) or self.default()
            self.setText(show_datetime(QDateTime(date, previous.time())))
        self.commit()
        self.setFocus()


class CalendarPopup(QWidget):
    """A calendar in a popup window; Enter or a click picks, Esc closes."""

    picked = Signal(QDate)

    def __init__(self, field: QWidget, date: QDate) -> None:
        super().__init__(field, Qt.WindowType.Popup)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.calendar = QCalendarWidget(self)
        self.calendar.setDateRange(QDate(FIRST_YEAR, 1, 1), QDate(LAST_YEAR, 12, 31))
        self.calendar.setSelectedDate(date)
        self.calendar.setGridVisible(True)
        self.calendar.activated.connect(self._pick)
        self.calendar.clicked.connect(self._pick)
        layout.addWidget(self.calendar)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.calendar.installEventFilter(self)

    def _pick(self, date: QDate) -> None:
        self.close()
        self.picked.emit(date)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Esc closes without picking."""
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
        ):
            self.close()
            return True
        return super().eventFilter(watched, event)


def report_to(field: DateField, show: Callable[[str], object]) -> DateField:
    """Send a field's refusals to ``show`` (the window's status bar); the field, for chaining."""
    field.refused.connect(show)
    return field
