"""The "What happened" page: the incident form beside the timeline."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QSplitter, QWidget

from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.facts.incident_form import IncidentForm
from pmdesk.ui.facts.look import enlarge
from pmdesk.ui.facts.timeline_view import TimelinePanel


class FactsPage(QWidget):
    """Prepare the facts before the meeting: incident on the left, timeline on the right."""

    def __init__(self, qt_document: QtDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = IncidentForm(qt_document)
        self.timeline = TimelinePanel(qt_document)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.form)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(scroll)
        splitter.addWidget(self.timeline)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        enlarge(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(splitter)
