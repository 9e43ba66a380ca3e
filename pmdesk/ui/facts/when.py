"""Date and time fields that may be "not set", and conversions between Qt and stored ISO text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QDateTimeEdit, QHBoxLayout, QWidget

from pmdesk.model.times import parse_date, parse_time

TIME_FORMAT = "ddd d MMM yyyy  HH:mm"
DATE_FORMAT = "ddd d MMM yyyy"


def to_local(text: str | None) -> dt.datetime | None:
    """A stored time as a naive local time (None for missing or malformed)."""
    try:
        value = parse_time(text)
    except ValueError:
        return None
    return None if value is None else value.astimezone().replace(tzinfo=None)


def iso_to_qdatetime(text: str | None) -> QDateTime | None:
    """A stored ISO time as a local QDateTime."""
    local = to_local(text)
    if local is None:
        return None
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second))


def qdatetime_to_iso(value: QDateTime) -> str:
    """A local QDateTime as ISO text with the machine's local offset."""
    date, time = value.date(), value.time()
    naive = dt.datetime(date.year(), date.month(), date.day(), time.hour(), time.minute(), time.second())
    return naive.astimezone().isoformat(timespec="seconds")


def iso_to_qdate(text: str | None) -> QDate | None:
    """A stored ``YYYY-MM-DD`` as a QDate."""
    try:
        value = parse_date(text)
    except ValueError:
        return None
    return None if value is None else QDate(value.year, value.month, value.day)


def qdate_to_iso(value: QDate) -> str:
    """A QDate as ``YYYY-MM-DD``."""
    return f"{value.year():04d}-{value.month():02d}-{value.day():02d}"


class OptionalDateTime(QWidget):
    """A check box ("set") and a date-time picker in local time; ``edited`` gives ISO text or None."""

    edited = Signal(object)

    def __init__(self, label: str, parent: QWidget | None = None, date_only: bool = False) -> None:
        super().__init__(parent)
        self.date_only = date_only
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(self)
        self.check.setToolTip(f"Uncheck when the {label} is not known")
        self.check.setAccessibleName(f"{label} set")
        self.edit: QDateTimeEdit = QDateEdit(self) if date_only else QDateTimeEdit(self)
        self.edit.setDisplayFormat(DATE_FORMAT if date_only else TIME_FORMAT)
        self.edit.setCalendarPopup(True)
        self.edit.setAccessibleName(label)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.default: Callable[[], QDateTime] = QDateTime.currentDateTime  # where a checked field starts
        self._has_value = False
        self.check.toggled.connect(self._on_toggled)
        self.edit.dateTimeChanged.connect(lambda _value: self._emit())

    def value(self) -> str | None:
        """What the field holds: ISO text, or None when not set."""
        if not self.check.isChecked():
            return None
        if self.date_only:
            return qdate_to_iso(self.edit.date())
        return qdatetime_to_iso(self.edit.dateTime())

    def set_value(self, text: str | None) -> None:
        """Show a stored value without emitting ``edited``."""
        if text == self.value():
            return
        shown = self._parse(text)
        self.blockSignals(True)
        self.check.blockSignals(True)
        self.edit.blockSignals(True)
        self.check.setChecked(shown is not None)
        self.edit.setEnabled(shown is not None)
        if shown is not None:
            self.edit.setDateTime(shown)
            self._has_value = True
        self.edit.blockSignals(False)
        self.check.blockSignals(False)
        self.blockSignals(False)

    def _parse(self, text: str | None) -> QDateTime | None:
        if self.date_only:
            date = iso_to_qdate(text)
            return None if date is None else QDateTime(date, QTime(0, 0))
        return iso_to_qdatetime(text)

    def _on_toggled(self, checked: bool) -> None:
        self.edit.setEnabled(checked)
        if checked and not self._has_value:
            self.edit.blockSignals(True)
            self.edit.setDateTime(self.default())
            self.edit.blockSignals(False)
            self._has_value = True
        self._emit()

    def _emit(self) -> None:
        self.edited.emit(self.value())
