"""What the room sees: a read-only view of the current phase, and the window that shows it.

The view is built from the board alone. While reflection cards are face down it holds
no card text at all, only a count per section, so nothing can leak onto the projector.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from pmdesk.model.room_ops import pending_counts, without_pending
from pmdesk.ui.meeting import render
from pmdesk.ui.meeting.controller import MeetingController
from pmdesk.ui.meeting.tone_focus import FocusPage
from pmdesk.ui.page_contract import Zoomable
from pmdesk.ui.palette import Palette
from pmdesk.ui.plain import plain_label
from pmdesk.ui.refresh import follow


class AudienceView(QWidget):
    """The current phase's presentation, rebuilt from the board whenever it changes."""

    built = Signal()  # the view's content was rebuilt

    def __init__(
        self,
        controller: MeetingController,
        focus: FocusPage | None,
        colours: Palette,
        show_timer: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AudienceView")
        self.controller = controller
        self.focus = focus
        self.look = render.Look(colours, 1.0)
        self.show_timer = show_timer
        self._facts: Any = None  # the facts area's presentation, made when first needed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.setContentsMargins(24, 12, 24, 0)
        self.title = plain_label("", self, wrap=False)
        self.timer = plain_label("", self, wrap=False)
        self.timer.setObjectName("AudienceTimer")
        top.addWidget(self.title, 1)
        top.addWidget(self.timer)
        layout.addLayout(top)
        self.stack = QStackedWidget(self)
        self.canvas = QScrollArea(self.stack)
        self.canvas.setWidgetResizable(True)
        self.canvas.setFrameShape(QFrame.Shape.NoFrame)
        self.stack.addWidget(self.canvas)
        layout.addWidget(self.stack, 1)
        self.ticker = QTimer(self)
        self.ticker.setInterval(250)
        self.ticker.timeout.connect(self.update_timer)
        self.timer.setVisible(show_timer)
        if show_timer:
            self.ticker.start()
        # Whatever phase is shown, the room sees the board: every change set concerns it.
        self.follower = follow(controller.qt_document, (), self._update, self)
        controller.room_changed.connect(self.refresh)
        if focus is not None:
            focus.focus_changed.connect(self.refresh)
        self.refresh()

    def set_look(self, colours: Palette, zoom: float) -> None:
        """New colours or zoom."""
        self.look = render.Look(colours, zoom)
        if self._facts is not None and hasattr(self._facts, "set_colours"):
            self._facts.set_colours(colours)
        if isinstance(self._facts, Zoomable):
            self._facts.set_zoom(zoom)
        self.refresh()

    def refresh(self) -> None:
        """Build the view of the current phase (now if seen, else when shown)."""
        self.follower.request()

    def _update(self, _changes: object = None) -> None:
        c = self.look.colours
        self.setStyleSheet(f"QWidget#AudienceView{{background:{c.window};}}")
        self.setAutoFillBackground(True)
        phase = self.controller.current()
        self.title.setText(phase.title if phase else "")
        self.title.setStyleSheet(f"font-size:{self.look.px(0.9)}px;font-weight:bold;color:{c.muted};")
        self.update_timer()
        phase_id = phase.id if phase else ""
        related = self.controller.shown_related if phase_id == "facts" else None
        facts = self._facts_widget() if phase_id == "facts" and related is None else None
        if facts is not None:
            self.stack.setCurrentWidget(facts)
            earlier = self.canvas.takeWidget()  # nothing the room saw before stays behind the facts
            if earlier is not None:
                earlier.deleteLater()
            self.built.emit()
            return
        self.stack.setCurrentWidget(self.canvas)
        holder = QWidget()
        holder.setObjectName("AudienceBody")
        holder.setStyleSheet(f"QWidget#AudienceBody{{background:{c.window};}}")
        body = QVBoxLayout(holder)
        margin = self.look.px(1.0)
        body.setContentsMargins(margin, margin // 2, margin, margin // 2)
        body.addWidget(self._build(phase_id), 1)
        room = self.controller.room
        if room is not None and not self.controller.join_shown:
            from pmdesk.ui.room.slide import join_line

            body.addWidget(join_line(self.look, room))
        self.canvas.setWidget(holder)
        self.built.emit()

    def _build(self, phase_id: str) -> QWidget:
        everything = self.controller.board
        look = self.look
        room = self.controller.room
        if room is not None and self.controller.join_shown:
            from pmdesk.ui.room.slide import room_slide

            return room_slide(look, everything, room, pending_counts(everything))
        if phase_id == "facts" and self.controller.shown_related is not None:
            from pmdesk.report.related import RelatedIncident
            from pmdesk.ui.meeting.related_slide import related_view

            assert isinstance(self.controller.shown_related, RelatedIncident)
            return related_view(look, self.controller.shown_related)
        if phase_id == "reflection" and self.controller.cards_hidden_from_room():
            return render.sections_view(look, everything, face_down=True)  # counts only, never text
        board = without_pending(everything)  # cards from devices show only once revealed
        if phase_id == "tone":
            return render.tone_view(look)
        if phase_id == "reflection":
            return render.sections_view(look, board, face_down=False)
        if phase_id == "discussion":
            item = self.focus.current_item() if self.focus is not None else None
            items = self.focus.items() if self.focus is not None else []
            position = f"{self.focus.index() + 1} of {len(items)}" if self.focus and items else ""
            return render.focus_view(look, board, item, position)
        if phase_id == "prioritization":
            return render.ranking_view(look, board, hidden=board.session.votes_hidden)
        if phase_id == "actions":
            return render.actions_view(look, board)
        if phase_id == "wrap-up":
            return render.wrap_up_view(look, board)
        return render.sections_view(look, board, face_down=False)

    def _facts_widget(self) -> QWidget:
        """The facts area's presentation, made once."""
        if self._facts is None:
            from pmdesk.ui.facts.review import FactsPresentation

            self._facts = FactsPresentation(self.controller.qt_document, self.stack)
            self._facts.colours = self.look.colours
            self._facts.set_zoom(self.look.zoom)
            self.stack.addWidget(self._facts)
        return self._facts

    def update_timer(self) -> None:
        """The countdown, coloured by state."""
        if not self.show_timer:
            return
        clock = self.controller.clock
        minutes = self.controller.minutes()
        c = self.look.colours
        background, colour = {"amber": (c.amber, c.amber_text), "over": (c.over, c.over_text)}.get(
            clock.state(minutes), (c.window, c.text)
        )
        self.timer.setText(clock.display(minutes))
        self.timer.setStyleSheet(
            f"font-size:{self.look.px(2.0)}px;font-weight:bold;font-family:monospace;"
            f"color:{colour};background:{background};padding:0 16px;border-radius:8px;"
        )


class AudienceWindow(QWidget):
    """A separate top-level window for the projector: the audience view with a big timer.

    It never takes the keyboard: the facilitator's keys keep going to the main window.
    """

    activated = Signal()  # the window system made it active anyway (a click on the projector)

    def __init__(self, controller: MeetingController, focus: FocusPage | None, colours: Palette) -> None:
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setObjectName("AudienceWindow")
        self.setWindowTitle("pmdesk — audience")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view = AudienceView(controller, focus, colours, show_timer=True, parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.resize(1280, 720)
        self.closing_allowed = False
        self.view.built.connect(self._no_focus)
        self._no_focus()

    def _no_focus(self) -> None:
        """Nothing in the window takes keyboard focus (scroll areas would by default)."""
        for widget in self.findChildren(QWidget):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def changeEvent(self, event: QEvent) -> None:
        """Activated all the same: hand the keyboard back."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.activated.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closed by hand: just hide, the console keeps it."""
        self.hide()
        event.accept()
