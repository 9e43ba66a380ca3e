"""Review the facts: "What happened" read-only and large for the projector, timeline first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from pmdesk.model import labels
from pmdesk.model.board import Board
from pmdesk.model.board_ops import TIME_FIELDS
from pmdesk.model.derived import durations, time_order_problems
from pmdesk.model.times import human_duration
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.facts.kinds import KIND_COLORS, kind_label
from pmdesk.ui.facts.timeline_model import event_time_text
from pmdesk.ui.facts.when import to_local
from pmdesk.ui.palette import Palette, current_palette
from pmdesk.ui.plain import plain_label
from pmdesk.ui.refresh import follow

BASE_PX = 22  # body text at zoom 1: readable from the back of a meeting room
TIME_NAMES = ("Started", "Detected", "Mitigated", "Resolved")


class FactsPresentation(QScrollArea):
    """A large, read-only, scrolling view of the incident that follows the document."""

    def __init__(self, qt_document: QtDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qt_document = qt_document
        self.zoom = 1.0
        self.colours: Palette | None = None  # None: the window's theme; the audience window sets its own
        self.setObjectName("FactsPresentation")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.follower = follow(qt_document, ("incident", "timeline"), self.rebuild, self)
        self.rebuild()

    def showEvent(self, event: QShowEvent) -> None:
        """Take the keyboard when shown, so Page Down (or a presenter's clicker) scrolls."""
        super().showEvent(event)
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Home, End and Space scroll too (Page Up/Down and arrows as usual)."""
        bar = self.verticalScrollBar()
        if event.key() == Qt.Key.Key_Home:
            bar.setValue(bar.minimum())
        elif event.key() == Qt.Key.Key_End:
            bar.setValue(bar.maximum())
        elif event.key() == Qt.Key.Key_Space:
            bar.setValue(bar.value() + bar.pageStep())
        else:
            super().keyPressEvent(event)

    def set_zoom(self, factor: float) -> None:
        """Scale every text of the presentation (1.0 is the normal projector size)."""
        self.zoom = max(0.4, min(4.0, factor))
        self.rebuild()

    def set_colours(self, colours: Palette | None) -> None:
        """Draw in these colours (None: the window's theme)."""
        self.colours = colours
        self.rebuild()

    def restyle(self) -> None:
        """The window's theme changed."""
        self.rebuild()

    def _c(self) -> Palette:
        return self.colours or current_palette(self)

    def _px(self, scale: float) -> int:
        return round(BASE_PX * scale * self.zoom)

    def _label(self, text: str, scale: float = 1.0, color: str | None = None, bold: bool = False) -> QLabel:
        label = plain_label(text)
        weight = "bold" if bold else "normal"
        colour = color or self._c().text
        label.setStyleSheet(f"font-size:{self._px(scale)}px;color:{colour};font-weight:{weight};")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setIndent(0)
        return label

    def _heading(self, text: str) -> QLabel:
        label = self._label(text, 1.25, self._c().accent, bold=True)
        label.setStyleSheet(label.styleSheet() + f"margin-top:{self._px(0.9)}px;")
        return label

    # --- building ------------------------------------------------------------------------

    def rebuild(self, _edit: object = None) -> None:
        """Lay the page out again from the board (cheap: a timeline is tens of rows)."""
        board = self.qt_document.board
        position = self.verticalScrollBar().value()
        c = self._c()
        self.setStyleSheet(f"QScrollArea#FactsPresentation, QWidget#FactsPage {{background:{c.window};}}")
        page = QWidget()
        page.setObjectName("FactsPage")
        outer = QHBoxLayout(page)
        column = QVBoxLayout()
        column.setSpacing(self._px(0.35))
        outer.addStretch(1)
        outer.addLayout(column, 12)
        outer.addStretch(1)
        margin = self._px(1.2)
        outer.setContentsMargins(margin, margin, margin, margin)

        incident = board.incident
        column.addWidget(self._label(incident.title, 1.7, c.text, bold=True))
        meta = [incident.reference, labels.label(incident.kind), incident.severity]
        meta.append(", ".join(incident.services))
        column.addWidget(self._label("  ·  ".join(part for part in meta if part), 1.0, c.muted))

        column.addWidget(self._heading("Timeline"))
        column.addLayout(self._timeline(board))
        for name, title in (
            ("summary", "Summary"),
            ("impact", "Impact"),
            ("initial_response", "Initial response"),
        ):
            column.addWidget(self._heading(title))
            text = getattr(incident, name).strip()
            column.addWidget(self._label(text or "(not written yet)", 1.0, c.text if text else c.muted))
        column.addWidget(self._heading("Times"))
        column.addLayout(self._times(board))
        column.addStretch(1)
        self.setWidget(page)
        self.verticalScrollBar().setValue(position)

    def _timeline(self, board: Board) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(self._px(0.8))
        grid.setVerticalSpacing(self._px(0.45))
        grid.setColumnStretch(2, 1)
        day = None
        started = to_local(board.incident.started_at)
        day = started.date().isoformat() if started else board.session.date
        if not board.timeline:
            grid.addWidget(self._label("(no events yet)", 1.0, self._c().muted), 0, 0)
        for row, event in enumerate(board.timeline):
            when = self._label(event_time_text(event.at, day), 1.0, self._c().text, bold=True)
            grid.addWidget(when, row, 0, Qt.AlignmentFlag.AlignTop)
            chip = plain_label(kind_label(event.kind), wrap=False)
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            chip.setStyleSheet(
                f"background:{KIND_COLORS.get(event.kind, KIND_COLORS['note'])};color:white;font-weight:bold;"
                f"font-size:{self._px(0.72)}px;border-radius:{self._px(0.3)}px;"
                f"padding:{self._px(0.12)}px {self._px(0.45)}px;"
            )
            grid.addWidget(chip, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self._label(event.text, 1.0), row, 2, Qt.AlignmentFlag.AlignTop)
        return grid

    def _times(self, board: Board) -> QVBoxLayout:
        box = QVBoxLayout()
        incident = board.incident
        spans = durations(incident)
        c = self._c()
        tiles = QHBoxLayout()
        tiles.setSpacing(self._px(0.8))
        for caption, seconds in (
            ("Time to detect", spans.to_detect),
            ("Time to mitigate", spans.to_mitigate),
            ("Time to resolve", spans.to_resolve),
        ):
            tile = QFrame()
            tile.setObjectName("DurationTile")
            tile.setStyleSheet(
                f"QFrame#DurationTile{{background:{c.theme_card};border:1px solid {c.border};"
                "border-radius:10px;}"
            )
            inner = QVBoxLayout(tile)
            inner.setContentsMargins(self._px(0.8), self._px(0.5), self._px(0.8), self._px(0.5))
            inner.addWidget(self._label(caption, 0.85, c.theme_card_text))
            inner.addWidget(self._label(human_duration(seconds), 1.9, c.theme_card_text, bold=True))
            tiles.addWidget(tile)
        tiles.addStretch(1)
        box.addLayout(tiles)
        stamps = []
        for name, field in zip(TIME_NAMES, TIME_FIELDS, strict=True):
            local = to_local(getattr(incident, field))
            stamps.append(f"{name} {local.strftime('%a %d %b %H:%M') if local else '—'}")
        box.addWidget(self._label("     ".join(stamps), 0.9, c.muted))
        problems = time_order_problems(incident)
        if problems:
            warning = self._label("⚠ Times out of order: " + "; ".join(problems), 0.9, c.warning_text)
            warning.setStyleSheet(warning.styleSheet() + f"background:{c.warning};padding:6px;")
            box.addWidget(warning)
        return box
