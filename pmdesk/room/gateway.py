"""The one interface between the room's server and the document: apply, read, phase, watch.

The server runs on its own threads. It never touches a Document directly: it hands a
``RoomGateway`` an *edit builder* (a function of the board that returns one edit), and the
gateway builds and applies it where the document lives, returning only once the edit is
durably committed. The headless room (``pmdesk room``) uses ``LocalGateway``, which does this
on the one thread that owns the board (one at a time, as under a lock); the window's gateway
marshals the same calls to the GUI thread and puts each edit on the undo stack.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

from pmdesk.model.board import Board
from pmdesk.model.edits import Edit
from pmdesk.room.board_thread import BoardThread
from pmdesk.store.document import Document

T = TypeVar("T")
EditBuilder = Callable[[Board], Edit]
Watcher = Callable[[], None]
# What devices may do now: write cards, place dots, or only look at the revealed board.
Mode = Literal["write", "vote", "view"]
MODES: tuple[Mode, ...] = ("write", "vote", "view")
# The agenda phases (pmdesk/model/templates.py) in which devices write or vote.
AGENDA_MODES: dict[str, Mode] = {"reflection": "write", "prioritization": "vote"}


@dataclass(frozen=True)
class RoomPhase:
    """What the room is doing, as devices see it.

    ``ends_at`` is the countdown's end in wall-clock seconds since the epoch (``time.time()``),
    None when no countdown runs; ``anonymous`` lets a device write without picking a name.
    """

    mode: Mode = "write"
    title: str = "Individual reflection"
    ends_at: float | None = None
    paused_remaining: float | None = None  # seconds left while the countdown is paused
    anonymous: bool = True


class RoomUnavailable(RuntimeError):
    """The board's holder could not take the call: the room closed, or the window stayed busy too long."""


def mode_of_agenda_phase(phase_id: str) -> Mode:
    """The device mode for an agenda phase id: reflection writes, prioritization votes, others view."""
    return AGENDA_MODES.get(phase_id, "view")


class RoomGateway(Protocol):
    """What the room's server needs from whoever holds the document (thread-safe: any thread calls)."""

    def apply(self, build: EditBuilder) -> object:
        """Build an edit from the current board and apply it; return after it is durably committed.

        ``build`` raises EditError (the board's rules: out of dots, a card gone) and the gateway
        lets it through unchanged; nothing is applied then. RoomUnavailable: the holder could
        not take it (closed, or too busy); BoardFileError: the file could not be written.
        """
        ...

    def read(self, look: Callable[[Board], T]) -> T:
        """Call ``look`` with the current board (no edit runs meanwhile) and return its result.

        ``look`` must not keep or change the board; it copies out what it needs.
        """
        ...

    def phase(self) -> RoomPhase:
        """The room's phase now (cheap; called on every request)."""
        ...

    def watch(self, watcher: Watcher) -> None:
        """Call ``watcher()`` (from any thread) after every change of the board or of the phase."""
        ...

    def unwatch(self, watcher: Watcher) -> None:
        """Stop calling ``watcher``."""
        ...


class Watchers:
    """A gateway's watchers: added and removed from any thread, each called after a change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watchers: list[Watcher] = []

    def add(self, watcher: Watcher) -> None:
        """Call ``watcher`` from now on."""
        with self._lock:
            self._watchers.append(watcher)

    def remove(self, watcher: Watcher) -> None:
        """Stop calling ``watcher`` (nothing if it was not there)."""
        with self._lock:
            if watcher in self._watchers:
                self._watchers.remove(watcher)

    def clear(self) -> None:
        """Stop calling any."""
        with self._lock:
            self._watchers.clear()

    def notify(self) -> None:
        """Call each watcher, outside the lock (a watcher may add or remove one)."""
        with self._lock:
            watchers = list(self._watchers)
        for watcher in watchers:
            watcher()


class LocalGateway:
    """A gateway that owns a Document on one thread of its own (the headless room).

    An SQLite connection belongs to the thread that opened it, so the board is opened, edited,
    read and closed on one thread; every call from the server's threads waits its turn there
    (the serialisation a lock would give, and what the window's GUI thread gives its gateway).
    Edits arriving together are committed together, each still one undo step
    (pmdesk/room/board_thread.py).
    """

    def __init__(self, path: Path, phase: RoomPhase | None = None) -> None:
        self._board = BoardThread(Path(path))
        self.document: Document = self._board.document
        self._phase = phase or RoomPhase()
        self._watchers = Watchers()
        self._closed = False

    @property
    def undo_stack(self) -> list[Edit]:
        """The inverses of the edits made through this gateway, newest last."""
        return self._board.undo_stack

    def apply(self, build: EditBuilder) -> Edit:
        """Build and apply an edit on the board's thread; return once committed."""
        edit = self._board.apply(build)
        self._notify()
        return edit

    def undo(self) -> None:
        """Undo the newest edit made through this gateway (IndexError if none)."""

        def job() -> None:
            inverse = self.undo_stack[-1]
            self.document.apply(inverse)
            self.undo_stack.pop()

        self._board.call(job)
        self._notify()

    def read(self, look: Callable[[Board], T]) -> T:
        """Run ``look`` on the board on the board's thread."""
        return self._board.call(lambda: look(self.document.board))

    def phase(self) -> RoomPhase:
        """The phase now."""
        return self._phase

    def set_phase(self, phase: RoomPhase) -> None:
        """Change the phase and tell the watchers."""
        self._phase = phase
        self._notify()

    def update_phase(self, **changes: Any) -> None:
        """Change some fields of the phase (``mode="vote"``) and tell the watchers."""
        self.set_phase(replace(self._phase, **changes))

    def watch(self, watcher: Watcher) -> None:
        """Call ``watcher`` after every change."""
        self._watchers.add(watcher)

    def unwatch(self, watcher: Watcher) -> None:
        """Stop calling ``watcher``."""
        self._watchers.remove(watcher)

    def close(self) -> None:
        """Close the board (on its thread) and stop the thread; closing twice does nothing."""
        if self._closed:
            return
        self._closed = True
        self._board.stop()

    def _notify(self) -> None:
        self._watchers.notify()
