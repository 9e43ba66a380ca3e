"""The window's room served from a process of its own: ``pmdesk --room-worker HOST LANG DIR``.

Python runs one thread at a time. With the room's HTTP server on threads of the window's own
process, the GUI thread waited for the interpreter while the server parsed requests and built
thirty devices' states, and the window's frames stretched past 16 ms while a room wrote. The
window (``pmdesk.ui.room.server_process``) therefore starts this process, which runs the same
``RoomServer`` over a ``PipeGateway``: each device's change goes to the window as a named
command (``pmdesk.room.commands``) and is answered once the window has committed it; a board
snapshot comes back once per change, however many devices ask; the phase comes with every
change notice. Standard input and output carry the frames of ``pmdesk.room.frames``; the
process ends when the window says so or its pipe closes (the window is gone).
"""

from __future__ import annotations

import itertools
import os
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, BinaryIO, TypeVar

from pmdesk.model.board import Board
from pmdesk.model.edits import EditError
from pmdesk.room.commands import CardExists, RoomCommand
from pmdesk.room.config import RoomConfig
from pmdesk.room.frames import json_frame, read_pickle_frame
from pmdesk.room.gateway import RoomPhase, RoomUnavailable, Watcher, Watchers
from pmdesk.store.errors import BoardFileError

T = TypeVar("T")
FLAG = "--room-worker"
CALL_TIMEOUT = 15.0  # seconds a device's change may wait for the window before it is withdrawn
ANSWER_TIMEOUT = 2.0  # seconds the last answers may take to reach their devices at the end
DEVICES_POLL = 0.25  # seconds between looks at the number of joined devices
# How a refusal the window sends back is raised again here, for the handler to answer.
ERRORS: dict[str, Callable[[str], Exception]] = {
    "edit": EditError,
    "exists": CardExists,
    "file": BoardFileError,
    "unavailable": RoomUnavailable,
}


class PipeGateway:
    """A RoomGateway whose board is in the window's process, across a pipe (thread-safe)."""

    def __init__(self, send: Callable[[dict[str, Any]], None], timeout: float = CALL_TIMEOUT) -> None:
        self._send = send
        self.timeout = timeout
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._calls: dict[int, Future[dict[str, Any]]] = {}
        self._watchers = Watchers()
        self._phase = RoomPhase()
        self._closed = False

    def apply(self, build: Callable[[Board], object]) -> object:
        """Send the command to the window; return once it is committed there."""
        if not isinstance(build, RoomCommand):
            raise TypeError("the window's room applies RoomCommands only")
        return self._call({"op": "apply", "command": build.to_json()})

    def read(self, look: Callable[[Board], T]) -> T:
        """Run ``look`` on a snapshot of the window's board, fetched for this call."""
        board = self._call({"op": "board"})["board"]
        if not isinstance(board, Board):
            raise RoomUnavailable("The facilitator's window sent no board.")
        return look(board)

    def phase(self) -> RoomPhase:
        """The phase the window last announced."""
        return self._phase

    def watch(self, watcher: Watcher) -> None:
        """Call ``watcher`` after every change the window announces."""
        self._watchers.add(watcher)

    def unwatch(self, watcher: Watcher) -> None:
        """Stop calling ``watcher``."""
        self._watchers.remove(watcher)

    # --- from the window -------------------------------------------------------------------

    def received(self, message: dict[str, Any]) -> None:
        """Take one message from the window: an answer to a call, or a change with the phase."""
        if "id" in message:
            with self._lock:
                future = self._calls.pop(message["id"], None)
            if future is not None:
                future.set_result(message)
        elif message.get("op") == "changed":
            phase = message.get("phase")
            if isinstance(phase, RoomPhase):
                self._phase = phase
            self._watchers.notify()

    def close(self) -> None:
        """The window is gone or closed the room: fail every call still waiting."""
        with self._lock:
            self._closed = True
            calls, self._calls = list(self._calls.values()), {}
        for future in calls:
            future.set_result({"error": "unavailable", "message": "The room is closed."})

    # --- machinery -------------------------------------------------------------------------

    def _call(self, message: dict[str, Any]) -> dict[str, Any]:
        future: Future[dict[str, Any]] = Future()
        with self._lock:
            if self._closed:
                raise RoomUnavailable("The room is closed.")
            call = next(self._ids)
            self._calls[call] = future
        self._send({**message, "id": call})
        try:
            answer = future.result(self.timeout)
        except FutureTimeout:
            if message.get("op") != "apply":  # a snapshot that comes late is merely dropped
                with self._lock:
                    self._calls.pop(call, None)
                raise RoomUnavailable("The facilitator's window is busy; try again.") from None
            # Withdrawn, unless the window has started on it: then its real answer follows, however
            # long the disk takes ("try again" for an edit then applied would make a page place a
            # dot twice). The window always answers; if it goes, ``close`` answers instead.
            self._send({"op": "cancel", "id": call})
            answer = future.result()
        error = answer.get("error")
        if error is not None:
            raise ERRORS.get(str(error), RoomUnavailable)(str(answer.get("message", "")))
        return answer


class Channel:
    """The process's side of the pipe: frames out on stdout (from any thread), in from stdin."""

    def __init__(self, incoming: BinaryIO, outgoing: BinaryIO) -> None:
        self.incoming = incoming
        self._outgoing = outgoing
        self._lock = threading.Lock()

    def send(self, message: dict[str, Any]) -> None:
        """Write one message to the window (a closed pipe is ignored: the window is gone)."""
        with self._lock:
            try:
                self._outgoing.write(json_frame(message))
                self._outgoing.flush()
            except (OSError, ValueError):
                pass


def serve(channel: Channel, host: str, config: RoomConfig) -> int:
    """Serve the room until the window says close or goes away; the exit status."""
    from pmdesk.room.server import RoomServer

    gateway = PipeGateway(channel.send)
    try:
        server = RoomServer(gateway, host=host, port=0, config=config)
    except (OSError, ValueError) as error:
        channel.send({"op": "failed", "message": getattr(error, "strerror", None) or str(error)})
        return 1
    server.start()
    channel.send({"op": "ready", "url": server.url})
    stop = threading.Event()
    counting = threading.Thread(target=_count_devices, args=(server.devices, channel, stop), daemon=True)
    counting.start()
    try:
        # "close" stops the listening and ends the streams, but the answers to the edits under
        # way still come; the window closes the pipe once they have.
        while (message := read_pickle_frame(channel.incoming)) is not None:
            if message.get("op") == "close":
                server.close()
            else:
                gateway.received(message)
    finally:
        stop.set()
        gateway.close()
        server.close()
        server.wait_idle(ANSWER_TIMEOUT)  # the devices get their answers before the process ends
    return 0


def _count_devices(count: Callable[[], int], channel: Channel, stop: threading.Event) -> None:
    shown = 0
    while not stop.wait(DEVICES_POLL):
        now = count()
        if now != shown:
            shown = now
            channel.send({"op": "devices", "count": now})


def main(argv: list[str]) -> int:
    """``HOST LANG DIR``: serve the window's room over standard input and output."""
    if len(argv) != 3:
        print(f"usage: pmdesk {FLAG} HOST LANG DIR", file=sys.stderr)
        return 2
    host, lang, direction = argv
    # Ctrl+C in the window's terminal is the window's to handle; this process ends with its pipe.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Nothing but frames may reach the window's pipe: they go out on a descriptor of their own,
    # and whatever else writes to the standard output (a print, a library's C code) goes to stderr.
    if sys.stdout is not None:
        sys.stdout.flush()
    outgoing = os.fdopen(os.dup(1), "wb")
    try:
        os.dup2(2, 1)
    except OSError:  # no stderr: the rest goes nowhere
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, 1)
        os.close(nowhere)
    sys.stdout = sys.stderr
    channel = Channel(sys.stdin.buffer, outgoing)
    return serve(channel, host, RoomConfig(lang=lang, dir=direction))
