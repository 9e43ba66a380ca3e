"""The Wrap-up page: key takeaways, the follow-up check-in date and what is missing before the report."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from pmdesk.model.board_ops import set_session_field
from pmdesk.model.readiness import report_gaps
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.facts.date_field import DateField, Kind
from pmdesk.ui.facts.look import enlarge
from pmdesk.ui.palette import current_palette
from pmdesk.ui.plain import plain_label
from pmdesk.ui.refresh import follow

NOTE_STYLE = "background:{};color:{};border-radius:6px;padding:10px 14px;font-size:{}pt;font-weight:bold;"


class WrapUpPage(QWidget):
    """Close the meeting: takeaways, when the session was held, the check-in, a live checklist."""

    def __init__(self, qt_document: QtDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qt_document = qt_document
        enlarge(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        left = QVBoxLayout()
        heading = plain_label("Key takeaways", self)
        left.addWidget(heading)
        self.headings = [heading]
        self.presenting = False
        self.takeaways = QPlainTextEdit(self)
        self.takeaways.setPlaceholderText("What the team wants everyone to remember, one per line")
        self.takeaways.setStyleSheet("font-size:14pt;")
        self.takeaways.setTabChangesFocus(True)
        self.takeaways.textChanged.connect(self._takeaways_typed)
        heading.setBuddy(self.takeaways)
        left.addWidget(self.takeaways, 1)
        dates = QGridLayout()
        self.session_date = self._field(Kind.DATE, "session date", "date")
        self.start_time = self._field(Kind.CLOCK, "session start time", "start_time")
        self.check_in = self._field(Kind.DATE, "check-in date", "check_in")
        self.check_in.default = self._default_check_in
        rows = (
            ("Session held &on", self.session_date, "at", self.start_time),
            ("Follow-up &check-in", self.check_in, None, None),
        )
        for row, (caption, field, then, second) in enumerate(rows):
            dates.addWidget(self._buddy(caption, field), row, 0)
            dates.addWidget(field, row, 1)
            if then is not None and second is not None:
                dates.addWidget(self._buddy(then, second), row, 2)
                dates.addWidget(second, row, 3)
        dates.setColumnStretch(4, 1)
        left.addLayout(dates)
        layout.addLayout(left, 3)

        right = QVBoxLayout()
        heading = plain_label("Before the report goes out", self)
        right.addWidget(heading)
        self.headings.append(heading)
        self.status = plain_label("", self)
        self.status.setObjectName("readiness")
        right.addWidget(self.status)
        self.gaps = QListWidget(self)
        self.gaps.setWordWrap(True)
        self.gaps.setStyleSheet("QListWidget{font-size:13pt;} QListWidget::item{padding:6px;}")
        right.addWidget(self.gaps, 1)
        # The list takes the height while it shows; once it hides (ready), this spacer does, so
        # the note stays under its heading instead of the column's height being shared out.
        right.addStretch(0)
        layout.addLayout(right, 2)
        follow(qt_document, ("actions", "session"), self.refresh, self)
        self.set_presenting(False)

    def _buddy(self, caption: str, field: QWidget) -> QLabel:
        label = QLabel(caption, self)  # pmdesk's own caption, with its mnemonic
        label.setBuddy(field)
        return label

    def _field(self, kind: Kind, label: str, name: str) -> DateField:
        """A session date or time field that writes ``name`` as one undo step."""
        field = DateField(kind, label, self)
        field.setObjectName(name)
        field.edited.connect(lambda value: self.qt_document.attempt(set_session_field, name, value))
        field.refused.connect(self.qt_document.failed.emit)
        return field

    def _takeaways_typed(self) -> None:
        text = self.takeaways.toPlainText()
        if text != self.qt_document.board.session.takeaways:
            self.qt_document.attempt(set_session_field, "takeaways", text, merge_key="session.takeaways")

    def _default_check_in(self) -> QDateTime:
        """Two weeks after today: a usual follow-up distance."""
        return QDateTime(QDate.currentDate().addDays(14), QTime(0, 0))

    def set_presenting(self, on: bool) -> None:
        """Large text on the projector; headings stay larger than the text under them."""
        self.presenting = on
        size = 24 if on else 14
        self.takeaways.setStyleSheet(f"font-size:{size}pt;")
        self.gaps.setStyleSheet(f"QListWidget{{font-size:{size - 1}pt;}} QListWidget::item{{padding:6px;}}")
        for heading in self.headings:
            heading.setStyleSheet(f"font-size:{size + 2}pt;font-weight:bold;")
        self.refresh()

    def restyle(self) -> None:
        """Colours of the current theme."""
        self.refresh()

    def refresh(self, _edit: object = None) -> None:
        """Show the session as the document holds it and recheck what is missing."""
        session = self.qt_document.board.session
        if self.takeaways.toPlainText() != session.takeaways:
            self.takeaways.blockSignals(True)
            self.takeaways.setPlainText(session.takeaways)
            self.takeaways.blockSignals(False)
        self.session_date.set_value(session.date)
        self.start_time.set_value(session.start_time)
        self.check_in.set_value(session.check_in)
        gaps = report_gaps(self.qt_document.board)
        c, size = current_palette(self), 22 if self.presenting else 14
        self.gaps.clear()
        icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for gap in gaps:
            self.gaps.addItem(QListWidgetItem(icon, gap))
        self.gaps.setVisible(bool(gaps))
        if gaps:
            self.status.setText(f"{len(gaps)} thing{'s' if len(gaps) != 1 else ''} still missing:")
            self.status.setStyleSheet(NOTE_STYLE.format(c.warning, c.warning_text, size))
        else:
            self.status.setText("✓ Ready: every action has an owner and a due date, takeaways are written.")
            self.status.setStyleSheet(NOTE_STYLE.format(c.ok, c.ok_text, size))
