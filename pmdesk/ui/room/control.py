"""Opening and closing the room from the window: the server, its gateway, the join slide.

Meeting ▸ Open the Room… (and the button on the Room view) asks where to listen, starts the
room's server with a ``WindowGateway``, and puts the join slide on the projector. The meeting's
phase and countdown reach the devices through the gateway; the number of joined devices is
polled once a second. Close the Room (or closing the window) stops the server and ends every
device's connection.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Protocol

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog

from pmdesk.model.board_ops import set_session_field
from pmdesk.model.shown import shown
from pmdesk.room.gateway import RoomPhase, mode_of_agenda_phase
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.controller import MeetingController
from pmdesk.ui.room.addresses import Address
from pmdesk.ui.room.dialog import OpenRoomDialog, RoomRequest
from pmdesk.ui.room.gateway import WindowGateway
from pmdesk.ui.room.slide import RoomShown

POLL_MS = 1000
COUNTDOWN_SLACK = 2.0  # seconds the countdown's end may drift before devices are told again
_open_rooms = 0  # rooms open in this process: the collector's long-lived objects stay frozen meanwhile


def _hold_still(opening: bool) -> None:
    """While a room is open, the garbage collector leaves the objects from before it alone.

    Under a room's load (every change copies the board for the devices, every request makes
    JSON) the collector's full pass came about once in 300 cards, and walking the window's
    objects made it a GUI stall of about 100 ms on a busy machine. Frozen, those objects are not
    walked again until the room closes; what becomes garbage meanwhile is freed as usual, or,
    if it is in a reference cycle, once the room closes.
    """
    global _open_rooms
    _open_rooms += 1 if opening else -1
    if opening and _open_rooms == 1:
        gc.freeze()
    elif not opening and _open_rooms == 0:
        gc.unfreeze()


class Server(Protocol):
    """What the window needs of the room's server (``pmdesk.room.server.RoomServer``)."""

    @property
    def url(self) -> str:
        """The join URL."""
        ...

    def start(self) -> None:
        """Start serving."""
        ...

    def devices(self) -> int:
        """How many devices joined."""
        ...

    def close(self) -> None:
        """Stop serving and end every connection."""
        ...

    def failure(self) -> str | None:
        """Why the server stopped by itself; None while it serves."""
        ...


ServerFactory = Callable[[WindowGateway, str], Server]


def real_server(gateway: WindowGateway, host: str) -> Server:
    """The room's HTTP server on ``host`` at a free port, its page in the laptop's language direction.

    It runs in a process of its own (pmdesk/ui/room/server_process.py), so the window's frames
    do not wait while the room's devices are served.
    """
    from pmdesk.room.page import direction_of, room_language
    from pmdesk.ui.room.server_process import ServerProcess

    lang = room_language()
    return ServerProcess(gateway, host, lang, direction_of(lang))


class RoomControl(QObject):
    """The room of one window: open or closed, its server and what the projector shows of it."""

    changed = Signal()  # opened, closed, or its counts changed

    def __init__(
        self,
        window: MainWindow,
        controller: MeetingController,
        server_factory: ServerFactory = real_server,
        addresses: Callable[[], list[Address]] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.server_factory = server_factory
        self.addresses = addresses
        self.server: Server | None = None
        self.gateway: WindowGateway | None = None
        self.request: RoomRequest | None = None
        self.dialog: OpenRoomDialog | None = None  # the dialog while it is open (tests answer it)
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.refresh)
        self.voting = False  # the room is open and the meeting is in prioritization
        controller.phase_changed.connect(lambda _id: self._follow_phase())
        window.closing.connect(self.close)
        window.destroyed.connect(lambda _obj=None: self.close())

    @property
    def is_open(self) -> bool:
        """True while the room serves devices."""
        return self.server is not None

    # --- opening and closing -------------------------------------------------------------

    def open_dialog(self) -> None:
        """Ask where to listen and open the room (or close it, if it is open)."""
        if self.is_open:
            self.close()
            return
        if self.window.qt_document.document.read_only:
            self.window.show_error("The room cannot open", "This board is read-only: it cannot take cards.")
            return
        addresses = self.addresses() if self.addresses is not None else None
        dialog = OpenRoomDialog(self.window, addresses)
        self.dialog = dialog
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            self.dialog = None
        if accepted:
            self.open(dialog.request())

    def open(self, request: RoomRequest) -> bool:
        """Start serving on ``request.host``; False (with a message) if it cannot listen there."""
        if self.is_open:
            self.close()
        self.request = request
        gateway = WindowGateway(self.window.qt_document, self.room_phase(), parent=self)
        try:
            server = self.server_factory(gateway, request.host)
            server.start()
        except (OSError, ImportError) as error:
            gateway.close()
            gateway.deleteLater()
            self.request = None
            reason = getattr(error, "strerror", None) or str(error)
            self.window.show_error(
                "The room could not open", f"pmdesk cannot serve on {request.host}: {shown(str(reason))}"
            )
            return False
        self.gateway, self.server = gateway, server
        _hold_still(True)
        self.controller.room = RoomShown(server.url, request.ssid, request.password, 0)
        self.controller.join_shown = True
        self.poll.start()
        self._announce()
        self._follow_phase()
        return True

    def close(self) -> None:
        """Stop the server and disconnect every device; the board keeps what they wrote."""
        server, gateway = self.server, self.gateway
        if server is None and gateway is None:
            return
        self.server = self.gateway = None
        self.request = None
        self.voting = False
        if gateway is not None:
            gateway.close()  # first: a device's call waiting for this thread fails at once
        if server is not None:
            server.close()
            _hold_still(False)
        if gateway is not None and shiboken6.isValid(gateway):
            gateway.deleteLater()  # with the server's end of the pipe, if it is the gateway's child
        self.controller.room = None
        self.controller.join_shown = False
        if shiboken6.isValid(self) and shiboken6.isValid(self.controller):  # not when going with the window
            self.poll.stop()
            self._announce()

    def show_join(self, on: bool) -> None:
        """Show the join slide on the projector, or the phase's own view with a join line."""
        if self.is_open and self.controller.join_shown != on:
            self.controller.join_shown = on
            self._announce()

    # --- following the meeting -----------------------------------------------------------

    def room_phase(self) -> RoomPhase:
        """The meeting as devices see it: write, vote or view; the countdown; names optional."""
        controller = self.controller
        phase = controller.current()
        anonymous = self.request.anonymous if self.request is not None else True
        if phase is None:
            return RoomPhase(mode="view", title="", anonymous=anonymous)
        clock = controller.clock
        ends_at = paused = None
        if clock.started and clock.current == phase.id:
            left = clock.remaining(controller.minutes())
            if clock.running:
                ends_at = time.time() + left
            else:
                paused = left
        return RoomPhase(mode_of_agenda_phase(phase.id), phase.title, ends_at, paused, anonymous)

    def _follow_phase(self) -> None:
        """Tell the devices of the phase; voting starts with the room open: the tallies go hidden."""
        voting = self.is_open and self.controller.phase_id == "prioritization"
        starts, self.voting = voting and not self.voting, voting
        if starts:
            self.vote_blind()
        self.refresh()

    def vote_blind(self) -> None:
        """Hide the tallies (one undoable edit, said in the status bar): the devices vote blind.

        Phones promise that a person's dots stay private until the facilitator reveals the
        votes; a tally that moves on the projector as each dot lands would break that promise.
        Done once as voting starts with the room open (or the room opens during voting), so a
        facilitator who then shows the tallies on purpose keeps them shown (the phones say so).
        """
        document = self.window.qt_document
        if document.board.session.votes_hidden:
            return
        if document.attempt(set_session_field, "votes_hidden", True):
            self.window.statusBar().showMessage(
                "Tallies hidden: the room's devices vote blind. Reveal tallies (or Undo) shows them.", 10000
            )

    def refresh(self) -> None:
        """Tell devices about a new phase or countdown, and the projector about new devices."""
        gateway, server, room = self.gateway, self.server, self.controller.room
        if gateway is None or server is None or room is None:
            return
        phase, old = self.room_phase(), gateway.phase()
        same_end = (phase.ends_at is None) == (old.ends_at is None) and (
            phase.ends_at is None or old.ends_at is None or abs(phase.ends_at - old.ends_at) < COUNTDOWN_SLACK
        )
        paused_same = (phase.paused_remaining is None) == (old.paused_remaining is None)
        if not (same_end and paused_same) or (phase.mode, phase.title) != (old.mode, old.title):
            gateway.set_phase(phase)
        failure = server.failure()
        if failure is not None:
            self.close()
            self.window.show_error(
                "The room closed",
                f"{failure} The board keeps every card it took. Open the room again to go on: "
                "the devices join again with the new code on the projector.",
            )
            return
        devices = server.devices()
        if devices != room.devices:
            self.controller.room = RoomShown(room.url, room.ssid, room.password, devices)
            self._announce()

    def _announce(self) -> None:
        self.controller.room_changed.emit()
        self.changed.emit()


def room_button_text(control: RoomControl) -> str:
    """The Room view's button: open or close."""
    return "Close the room" if control.is_open else "Open the room…"
