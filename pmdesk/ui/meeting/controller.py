"""The meeting's session state: the current phase, its clock, what each phase shows.

The clock and whether reflection cards are face down live here, in memory. The board keeps
what a facilitator expects back when the board is reopened mid-meeting: the time actually
spent per phase (``agenda[].actual_seconds``, written when a phase is left and every minute),
the phase under way, the page shown and the item in focus during discussion
(``session.current_phase``, ``session.current_page``, ``session.current_item``).
None of these is a user's change: they are written outside the undo stack.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from pmdesk.model.agenda_clock import AgendaClock, Now
from pmdesk.model.board import AgendaPhase, Board
from pmdesk.model.board_ops import set_phase_field, set_session_field
from pmdesk.model.edits import Batch, Edit, EditError
from pmdesk.model.room_ops import pending_cards, reveal_cards
from pmdesk.store.errors import BoardFileError, ReadOnlyError
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.page_contract import CardBoard, Enterable, PageKey

if TYPE_CHECKING:
    from pmdesk.ui.main_window import MainWindow
    from pmdesk.ui.room.slide import RoomShown


class Screens(Protocol):
    """What the controller asks of presentation mode (kept as a protocol: presentation uses the
    controller, not the other way round)."""

    def audience_visible(self) -> bool:
        """True while the audience window is shown."""
        ...


# Which page each phase of the default agenda brings to the front (first one that exists).
PHASE_PAGES: dict[str, tuple[PageKey, ...]] = {
    "tone": (PageKey.TONE,),
    "facts": (PageKey.REVIEW, PageKey.FACTS),
    "reflection": (PageKey.BOARD,),
    "discussion": (PageKey.FOCUS,),
    "themes": (PageKey.BOARD,),
    "prioritization": (PageKey.BOARD, PageKey.PRIORITIES),
    "actions": (PageKey.ACTIONS,),
    "wrap-up": (PageKey.WRAP_UP,),
}
SHORT_TITLES = {
    "tone": "Tone",
    "facts": "Facts",
    "reflection": "Reflection",
    "discussion": "Discussion",
    "themes": "Themes",
    "prioritization": "Voting",
    "actions": "Actions",
    "wrap-up": "Wrap-up",
}


SAVE_EVERY_MS = 60_000


class MeetingController(QObject):
    """Moves between phases, keeps the clock, records time spent, and brings up each view."""

    phase_changed = Signal(str)  # the id of the phase now current
    room_changed = Signal()  # something the room sees changed (face down, focus item, zoom)

    def __init__(self, window: MainWindow, now: Now = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.clock = AgendaClock(now=now)
        # Whether the room sees reflection cards face down, on a board that cannot keep it
        # (read-only); otherwise the board's ``session.cards_revealed`` says.
        self._face_down_here: bool | None = None
        self.presenting = False
        self.presenter: Screens | None = None  # set by the meeting's install
        self.room: RoomShown | None = None  # the room open to devices (pmdesk.ui.room.control)
        self.join_shown = False  # the projector shows the room's join slide
        self.shown_related: object | None = None  # an earlier incident the room sees instead of the facts
        self.focus_item: Callable[[], str | None] | None = None  # the Focus page's item (set by the meeting)
        phases = self.phases()
        stored = self.board.session.current_phase
        first = phases[0].id if phases else None
        self.phase_id: str | None = stored if any(p.id == stored for p in phases) else first
        if self.phase_id is not None:
            self.clock.switch(self.phase_id)
        # A board reopened mid-meeting: each countdown goes on from the time already spent.
        self.clock.carry_on({p.id: p.actual_seconds for p in phases if p.actual_seconds})
        # A killed or crashed pmdesk loses at most a minute of the time spent in a phase.
        self.saver = QTimer(self)
        self.saver.setInterval(SAVE_EVERY_MS)
        self.saver.timeout.connect(self.save_progress)
        self.saver.start()

    # --- reading -------------------------------------------------------------------------

    @property
    def qt_document(self) -> QtDocument:
        """The window's document."""
        return self.window.qt_document

    @property
    def board(self) -> Board:
        """The board as it is now."""
        return self.window.qt_document.board

    def phases(self) -> list[AgendaPhase]:
        """The agenda of the board."""
        return list(self.board.agenda)

    def current(self) -> AgendaPhase | None:
        """The current phase (the first one if the current one was removed)."""
        phases = self.phases()
        found = next((p for p in phases if p.id == self.phase_id), None)
        return found or (phases[0] if phases else None)

    def index(self) -> int:
        """The position of the current phase in the agenda."""
        phase = self.current()
        return self.phases().index(phase) if phase is not None else -1

    def minutes(self) -> int:
        """The planned minutes of the current phase."""
        phase = self.current()
        return phase.minutes if phase is not None else 0

    @property
    def cards_face_down(self) -> bool:
        """True until the facilitator reveals the reflection cards (kept in the board)."""
        if self._face_down_here is not None:
            return self._face_down_here
        return not self.board.session.cards_revealed

    def cards_hidden_from_room(self) -> bool:
        """True while the room sees reflection cards face down."""
        return self.phase_id == "reflection" and self.cards_face_down

    # --- moving --------------------------------------------------------------------------

    def go_to(self, index: int) -> None:
        """Make the phase at ``index`` current and bring up its view; the clock starts if it never ran."""
        self.shown_related = None
        phases = self.phases()
        if not phases:
            return
        phase = phases[max(0, min(index, len(phases) - 1))]
        if phase.id != self.phase_id:
            self._leave(self.phase_id)
            self._record(self.clock.switch(phase.id))
            self.phase_id = phase.id
        if not self.clock.started:
            self.clock.start()
        self.show_view()
        self.remember()
        self.phase_changed.emit(phase.id)
        self.room_changed.emit()

    def resume(self) -> None:
        """Come back to where the board's meeting stood when it was last open: the page shown
        (or the phase's view), with voting on again in the voting phase. The clock waits for
        Start (the time the board was closed was not spent in the phase)."""
        session = self.board.session
        if session.current_phase is None and session.current_page is None:
            return  # a meeting not begun: the window opens on the board, as always
        stored = session.current_page
        key = (
            stored if stored is not None and stored in self.window.pages else self._page(self.phase_id or "")
        )
        if key is None:
            return
        board_page = self.window.pages.get(PageKey.BOARD)
        if self.phase_id == "prioritization" and isinstance(board_page, CardBoard):
            board_page.start_voting(True)  # as when the phase was entered (tallies stay as they are)
        self.window.go_to_page(key)
        self.phase_changed.emit(self.phase_id or "")

    def remember(self) -> None:
        """Write the phase under way, the page shown and the item in focus into the board, when one moved.

        Only once the meeting has begun (a phase was entered, now or before the board was
        last closed): looking through a board before, or without, a meeting leaves its file as it was.
        """
        session = self.board.session
        if not self.clock.started and session.current_phase is None:
            return
        tabs = self.window.tabs
        page = self.window.pages.key_at(tabs.currentIndex()) if tabs.currentIndex() >= 0 else None
        wanted = {"current_phase": self.phase_id, "current_page": page}
        if self.focus_item is not None:
            wanted["current_item"] = self.focus_item()
        moved: list[Edit] = [
            set_session_field(self.board, name, value)
            for name, value in wanted.items()
            if getattr(session, name) != value
        ]
        if moved:
            self._write(Batch("Where the meeting stands", tuple(moved)), "where the meeting stands")

    def show_related(self, item: object | None) -> None:
        """Show an earlier incident (a RelatedIncident) in the room instead of the facts; None: the facts."""
        self.shown_related = item
        self.room_changed.emit()

    def next_phase(self) -> None:
        """Go to the next phase."""
        self.go_to(self.index() + 1)

    def previous_phase(self) -> None:
        """Go to the previous phase (nothing is lost going back)."""
        self.go_to(self.index() - 1)

    def set_cards_face_down(self, face_down: bool) -> None:
        """Hide or reveal reflection cards in the room, as one undo step kept in the board.

        Revealing turns over the cards from devices too. On a read-only board the room's view
        changes all the same, for this window only.
        """
        board, document = self.board, self.qt_document
        if document.document.read_only:
            self._face_down_here = face_down
        elif not face_down and (pending_cards(board) or not board.session.cards_revealed):
            if document.attempt(reveal_cards):
                return  # the board's change turns them (``cards_turned``)
        elif (
            face_down
            and board.session.cards_revealed
            and document.attempt(set_session_field, "cards_revealed", False)
        ):
            return
        self.cards_turned()

    def cards_turned(self) -> None:
        """The reflection cards were revealed or turned face down (also by Undo): the room follows."""
        self.room_changed.emit()
        self.phase_changed.emit(self.phase_id or "")

    def reveal_votes(self) -> None:
        """Show the dot tallies (an undoable board edit)."""
        if self.board.session.votes_hidden:
            self.qt_document.attempt(set_session_field, "votes_hidden", False)
        self.room_changed.emit()
        self.phase_changed.emit(self.phase_id or "")

    # --- time ----------------------------------------------------------------------------

    def save_progress(self) -> None:
        """Write the time counted so far while the countdown runs (every minute)."""
        if self.clock.running:
            self.record_now(leaving=False)

    def record_now(self, leaving: bool = True) -> None:
        """Write the time counted in the current phase so far (on close: ``leaving``, rounded)."""
        self._record(self.clock.take_unrecorded(leaving=leaving))

    def _record(self, spent: tuple[str, int] | None) -> None:
        """Add seconds to a phase's actual time, in the file but not on the undo stack.

        Time spent is a fact about the meeting, not a user's change: undoing it with Ctrl+Z
        would be surprising, and one edit per phase change keeps the file's history small.
        """
        if spent is None:
            return
        phase_id, seconds = spent
        phase = next((p for p in self.board.agenda if p.id == phase_id), None)
        if phase is None:
            return
        total = (phase.actual_seconds or 0) + seconds
        self._write(
            set_phase_field(self.board, phase_id, "actual_seconds", total), "the time spent in this phase"
        )

    def _write(self, edit: Edit, what: str) -> None:
        """Apply an edit of the meeting's own to the board and its file, not on the undo stack."""
        try:
            self.qt_document.document.apply(edit)
        except ReadOnlyError:
            pass  # on a read-only board the meeting runs on; this is simply not kept
        except (EditError, BoardFileError) as error:
            self.qt_document.failed.emit(f"{what[0].upper()}{what[1:]} could not be saved: {error}")

    # --- views ---------------------------------------------------------------------------

    def _page(self, phase_id: str) -> str | None:
        for key in PHASE_PAGES.get(phase_id, ()):
            if key in self.window.pages:
                return key
        return None

    def _leave(self, phase_id: str | None) -> None:
        if phase_id == "prioritization":
            board_page = self.window.pages.get(PageKey.BOARD)
            if isinstance(board_page, CardBoard):
                board_page.start_voting(False)

    def show_view(self) -> None:
        """Bring up what the current phase needs."""
        phase_id = self.phase_id or ""
        if phase_id == "reflection" and self.presenting and self.cards_face_down and self._solo():
            self.window.show_page(PageKey.ROOM)  # one screen: the room must not read cards being written
            return
        key = self._page(phase_id)
        if key is not None:
            self.window.show_page(key)
        page = self.window.pages[key] if key is not None else None  # shown: built
        if phase_id == "reflection" and isinstance(page, CardBoard):
            page.focus_card_entry()
        elif phase_id == "discussion" and isinstance(page, Enterable):
            page.enter()
        elif phase_id == "prioritization":
            self._start_voting(page)

    def _solo(self) -> bool:
        """True when presenting on the main window itself (no audience window)."""
        return self.presenter is None or not self.presenter.audience_visible()

    def _start_voting(self, page: object) -> None:
        # Blind voting: hide the tallies when voting starts on a board with no dots yet; a board
        # that already has dots (voting resumed, or revealed earlier) is left as it is.
        if not self.board.votes and not self.board.session.votes_hidden:
            self.qt_document.attempt(set_session_field, "votes_hidden", True)
        if isinstance(page, CardBoard):
            page.start_voting(True)
