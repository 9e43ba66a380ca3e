"""The "What happened" form: the incident's fields, its times and the durations between them."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pmdesk.model import labels
from pmdesk.model.board import INCIDENT_KINDS, UNTITLED
from pmdesk.model.board_ops import TIME_FIELDS, set_incident_field
from pmdesk.model.changes import Changes
from pmdesk.model.derived import durations, time_order_flag
from pmdesk.model.times import human_duration
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.facts.date_field import DateField, Kind
from pmdesk.ui.facts.when import iso_to_qdate, iso_to_qdatetime
from pmdesk.ui.focus import DEFAULT_TEXT
from pmdesk.ui.palette import current_palette
from pmdesk.ui.plain import plain_label
from pmdesk.ui.refresh import follow

SEVERITIES = ("SEV1", "SEV2", "SEV3", "SEV4")
TIME_LABELS = {
    "started_at": "Started",
    "detected_at": "Detected",
    "mitigated_at": "Mitigated",
    "resolved_at": "Resolved",
}
TEXT_FIELDS = (
    ("summary", "Summary", "What happened, in two or three sentences"),
    ("impact", "Impact", "Who was affected, how many, for how long"),
    ("initial_response", "Initial response", "What was done first, and by whom (no blame)"),
)


def services_of(text: str) -> list[str]:
    """Service names from comma-separated text."""
    return [name.strip() for name in text.split(",") if name.strip()]


class IncidentForm(QWidget):
    """Edits every field of the incident; each field is one undo step while typing."""

    def __init__(self, qt_document: QtDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qt_document = qt_document
        outer = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(form)

        self.title = self._line("title", "e.g. Checkout API outage after a config push")
        self.title.setProperty(DEFAULT_TEXT, UNTITLED)  # Ctrl+1 on a new board selects it
        form.addRow("&Title", self.title)
        self.reference = self._line("reference", "e.g. INC-2041")
        form.addRow("&Reference", self.reference)
        self.kind = QComboBox(self)
        self.kind.addItems([labels.label(kind) for kind in INCIDENT_KINDS])
        self.kind.activated.connect(lambda row: self._set("kind", INCIDENT_KINDS[row]))
        form.addRow("&Kind", self.kind)
        self.severity = QComboBox(self)
        self.severity.setEditable(True)
        self.severity.addItems(list(SEVERITIES))
        self.severity.currentTextChanged.connect(lambda text: self._set("severity", text.strip()))
        form.addRow("Se&verity", self.severity)
        self.services = QLineEdit(self)
        self.services.setPlaceholderText("e.g. checkout-api, payments-gateway")
        self.services.setToolTip("Affected services, separated by commas")
        self.services.textEdited.connect(lambda text: self._set("services", services_of(text)))
        form.addRow("&Services", self.services)

        self.times: dict[str, DateField] = {}
        for name in TIME_FIELDS:
            field = DateField(Kind.DATETIME, TIME_LABELS[name].lower() + " time", self)
            field.default = self._default_time
            field.edited.connect(lambda value, name=name: self._set_time(name, value))
            field.refused.connect(qt_document.failed.emit)
            self.times[name] = field
            form.addRow(TIME_LABELS[name], field)

        grid = QGridLayout()
        self.duration_labels: dict[str, QLabel] = {}
        for column, (key, text) in enumerate(
            (
                ("to_detect", "Time to detect"),
                ("to_mitigate", "Time to mitigate"),
                ("to_resolve", "Time to resolve"),
            )
        ):
            caption = plain_label(text, self)
            value = plain_label("—", self)
            value.setObjectName(key)
            value.setStyleSheet("font-size:18pt;font-weight:bold;")
            grid.addWidget(caption, 0, column)
            grid.addWidget(value, 1, column)
            self.duration_labels[key] = value
        outer.addLayout(grid)
        self.order_warning = plain_label("", self)
        self.order_warning.setObjectName("order_warning")
        self.restyle()
        self.order_warning.setVisible(False)
        outer.addWidget(self.order_warning)

        self.texts: dict[str, QPlainTextEdit] = {}
        for name, label, hint in TEXT_FIELDS:
            caption = plain_label(label, self)
            caption.setStyleSheet("font-weight:bold;margin-top:6px;")
            edit = QPlainTextEdit(self)
            edit.setPlaceholderText(hint)
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(80)
            edit.setMaximumHeight(140)
            edit.textChanged.connect(lambda name=name, edit=edit: self._set(name, edit.toPlainText()))
            caption.setBuddy(edit)
            outer.addWidget(caption)
            outer.addWidget(edit)
            self.texts[name] = edit
        outer.addStretch(1)
        self.follower = follow(qt_document, ("incident",), self.refresh, self)
        self.refresh()

    def restyle(self) -> None:
        """Colours of the current theme."""
        c = current_palette(self)
        self.order_warning.setStyleSheet(
            f"background:{c.warning};color:{c.warning_text};border:1px solid {c.border};"
            "border-radius:4px;padding:6px 10px;"
        )

    def _line(self, name: str, hint: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(hint)
        edit.textEdited.connect(lambda text: self._set(name, text))
        return edit

    def _set(self, name: str, value: object) -> None:
        if getattr(self.qt_document.board.incident, name) != value:
            self.qt_document.attempt(set_incident_field, name, value, merge_key=f"incident.{name}")

    def _set_time(self, name: str, value: str | None) -> None:
        if getattr(self.qt_document.board.incident, name) != value:
            self.qt_document.attempt(set_incident_field, name, value)

    def _default_time(self) -> QDateTime:
        """A newly set time starts at the latest known incident time, or the session day."""
        board = self.qt_document.board
        for name in reversed(TIME_FIELDS):
            known = iso_to_qdatetime(getattr(board.incident, name))
            if known is not None:
                return known
        day = iso_to_qdate(board.session.date)
        return QDateTime.currentDateTime() if day is None else QDateTime(day, QTime(9, 0))

    # --- following the document ------------------------------------------------------------

    def refresh(self, changes: Changes | None = None) -> None:
        """Show the incident as the document holds it, leaving fields that already agree alone."""
        incident = self.qt_document.board.incident
        # A keystroke in a text field sets that field alone: the times, their durations and
        # their order (date parsing and formatting, the costly part) stay as they are.
        times_changed = changes is None or changes.concerns(*(f"incident.{name}" for name in TIME_FIELDS))
        for widget, value in ((self.title, incident.title), (self.reference, incident.reference)):
            if widget.text() != value:
                widget.setText(value)
                if not widget.hasFocus():
                    widget.setCursorPosition(0)  # show the start of a long title
        if services_of(self.services.text()) != incident.services:
            self.services.setText(", ".join(incident.services))
        self._quietly(self.kind, lambda: self.kind.setCurrentIndex(self._kind_row(incident.kind)))
        if self.severity.currentText().strip() != incident.severity:
            self._quietly(self.severity, lambda: self.severity.setCurrentText(incident.severity))
        for name, edit in self.texts.items():
            value = getattr(incident, name)
            if edit.toPlainText() != value:
                self._quietly(edit, partial(edit.setPlainText, value))
        if not times_changed:
            return
        for name, field in self.times.items():
            field.set_value(getattr(incident, name))
        spans = durations(incident)
        for key, label in self.duration_labels.items():
            label.setText(human_duration(getattr(spans, key)))
        flag = time_order_flag(incident)
        self.order_warning.setText(flag + " Check them.")
        self.order_warning.setVisible(bool(flag))

    @staticmethod
    def _kind_row(kind: str) -> int:
        return INCIDENT_KINDS.index(kind) if kind in INCIDENT_KINDS else len(INCIDENT_KINDS) - 1

    @staticmethod
    def _quietly(widget: QWidget, change: Callable[[], None]) -> None:
        widget.blockSignals(True)
        try:
            change()
        finally:
            widget.blockSignals(False)
