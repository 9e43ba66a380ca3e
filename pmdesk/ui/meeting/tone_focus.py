"""The meeting's own pages: Set the tone, and Focus (one card or theme, large)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from pmdesk.model.board import Card, Theme
from pmdesk.model.card_ops import set_card_field, set_theme_field
from pmdesk.model.derived import board_items
from pmdesk.model.room_ops import without_pending
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.meeting.render import Look, focus_view, tone_view
from pmdesk.ui.palette import Palette as Colours
from pmdesk.ui.plain import plain_label
from pmdesk.ui.refresh import follow

RENDERED_MARGIN = 1.2  # a rendered page's side margins, in the look's text sizes


class _Rendered(QScrollArea):
    """A page whose content is rebuilt from the board with a Look (colours and zoom)."""

    def __init__(self, colours: Colours, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = Look(colours, 1.0)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.body: QWidget | None = None

    def set_look(self, colours: Colours, zoom: float) -> None:
        """New colours or zoom; rebuild."""
        self.look = Look(colours, zoom)
        self.rebuild()

    def set_zoom(self, factor: float) -> None:
        """Scale the page's text."""
        self.set_look(self.look.colours, factor)

    def build(self) -> QWidget:
        """The content, built fresh."""
        raise NotImplementedError

    def rebuild(self, _edit: object = None) -> None:
        """Replace the content."""
        holder = QWidget()
        holder.setObjectName("RenderedPage")
        holder.setStyleSheet(f"QWidget#RenderedPage{{background:{self.look.colours.window};}}")
        layout = QVBoxLayout(holder)
        margin = self.look.px(RENDERED_MARGIN)
        layout.setContentsMargins(margin, margin // 2, margin, margin // 2)
        layout.addWidget(self.build())
        self.setWidget(holder)  # the old content is deleted by the scroll area
        self.body = holder


class TonePage(_Rendered):
    """Set the tone: the Prime Directive and the blameless reminder, large."""

    def __init__(self, colours: Colours, parent: QWidget | None = None) -> None:
        super().__init__(colours, parent)
        self.setObjectName("TonePage")
        self.rebuild()

    def build(self) -> QWidget:
        """The tone texts."""
        return tone_view(self.look)


class _FocusView(_Rendered):
    """The large display of the focused item (rebuilt on every change)."""

    def __init__(self, page: FocusPage, colours: Colours) -> None:
        super().__init__(colours, page)
        self.page = page
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def build(self) -> QWidget:
        """The focused item with its position among all items."""
        items = self.page.items()
        position = f"{self.page.index() + 1} of {len(items)}" if items else ""
        return focus_view(self.look, self.page.qt_document.board, self.page.current_item(), position)


class FocusPage(QWidget):
    """Discussion: one card or theme large with its notes; arrows move through every section."""

    focus_changed = Signal()
    left = Signal()  # Esc: back to the board

    def __init__(self, qt_document: QtDocument, colours: Colours, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FocusPage")
        self.qt_document = qt_document
        # The item the meeting was discussing when the board was last open (board format 5).
        self.current_id: str | None = qt_document.board.session.current_item
        self.presenting = False
        self._filling = False
        self.view = _FocusView(self, colours)
        self.hint = plain_label(
            "← → move between cards and themes · Tab writes notes · Esc returns to the board", wrap=False
        )
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("FocusNotes")
        self.notes.setPlaceholderText("Discussion notes for this card…")
        self.notes.setMaximumHeight(140)
        self.notes.setTabChangesFocus(True)  # Tab leaves the notes; Esc goes back to walking the board
        self.notes.installEventFilter(self)
        self.notes.textChanged.connect(self._notes_edited)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint, 0, Qt.AlignmentFlag.AlignHCenter)
        self.notes_row = QHBoxLayout()  # the notes line up with the item shown above them
        self.notes_row.addWidget(self.notes)
        layout.addLayout(self.notes_row)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.follower = follow(qt_document, ("cards", "themes", "sections"), self._update, self)
        self.follower.request()

    # --- items ---------------------------------------------------------------------------

    def items(self) -> list[Card | Theme]:
        """Every section's loose cards and themes, section by section (not the cards still face down)."""
        return board_items(without_pending(self.qt_document.board))

    def index(self) -> int:
        """The position of the focused item (0 if it is gone)."""
        ids = [item.id for item in self.items()]
        return ids.index(self.current_id) if self.current_id in ids else 0

    def current_item(self) -> Card | Theme | None:
        """The focused card or theme."""
        items = self.items()
        return items[self.index()] if items else None

    def step(self, delta: int) -> None:
        """Focus the next (+1) or previous (-1) item, stopping at the ends."""
        items = self.items()
        if not items:
            return
        target = max(0, min(len(items) - 1, self.index() + delta))
        self.current_id = items[target].id
        self.rebuild()
        self.focus_changed.emit()

    def enter(self) -> None:
        """Shown for the discussion: take the keyboard."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_first_input(self) -> bool:
        """Ctrl+5 and a lost focus land on the page itself, so ← → walk the board at once."""
        self.enter()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Esc in the notes hands the keyboard back to the page (a second Esc leaves for the board)."""
        if (
            watched is self.notes
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self.enter()
            return True
        return super().eventFilter(watched, event)

    def set_look(self, colours: Colours, zoom: float) -> None:
        """Colours and zoom of the display."""
        self.view.look = Look(colours, zoom)
        self.rebuild()

    def set_zoom(self, factor: float) -> None:
        """Scale the display's text."""
        self.set_look(self.view.look.colours, factor)

    def set_presenting(self, presenting: bool) -> None:
        """Hide the notes editor while presenting."""
        self.presenting = presenting
        self.rebuild()

    # --- keys and notes ------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows move through the items; Esc returns to the board."""
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            self.step(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp):
            self.step(-1)
        elif key == Qt.Key.Key_Escape:
            self.left.emit()
        else:
            super().keyPressEvent(event)

    def _notes_edited(self) -> None:
        item = self.current_item()
        if self._filling or item is None:
            return
        text = self.notes.toPlainText()
        build = set_theme_field if isinstance(item, Theme) else set_card_field
        self.qt_document.attempt(build, item.id, "notes", text, merge_key=f"notes:{item.id}")

    def rebuild(self) -> None:
        """Show the focused item again (now if the page is seen, else when it is shown)."""
        self.follower.request()

    def _update(self, _changes: object = None) -> None:
        """Show the focused item; fill the notes editor unless it already holds them."""
        item = self.current_item()
        self.current_id = item.id if item is not None else None
        self.view.rebuild()
        look = self.view.look
        self.hint.setStyleSheet(f"color:{look.colours.muted};font-size:{look.px(0.5)}px;")
        self.hint.setVisible(not self.presenting)
        margin = look.px(RENDERED_MARGIN)
        self.notes_row.setContentsMargins(margin, 0, margin, 0)
        self.notes.setVisible(item is not None and not self.presenting)
        kind = "theme" if isinstance(item, Theme) else "card"
        self.notes.setPlaceholderText(f"Discussion notes for this {kind}…")
        if item is not None and item.notes != self.notes.toPlainText():
            self._filling = True
            self.notes.setPlainText(item.notes)
            self._filling = False
