"""The window's room server, run in a process of its own (``pmdesk.room.worker``).

The process speaks HTTP to the devices; this object is its other end in the window. The GUI
thread reads the process's messages as they arrive (a QSocketNotifier on the pipe, no thread of
its own): a device's change comes as a named command, which is checked, queued on the window's
gateway as one undoable edit, and answered once durably committed, from the thread that wrote
it (or refused, or withdrawn when the process gave up waiting); a request for the board is
answered with a snapshot. Every change of the board or of the phase is announced to the process
with the phase. What the window sends is queued for a thread that writes the pipe
(``PipeSender``), so no thread of the window waits for the process to read. So the window's
process runs no Python for the network, and the GUI thread never waits for the interpreter or
the pipe while a room writes.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import threading
import time
from concurrent.futures import CancelledError, Future
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QSocketNotifier

import pmdesk
from pmdesk.model.edits import Edit, EditError
from pmdesk.room.commands import CardExists, RoomCommand
from pmdesk.room.config import RoomConfig
from pmdesk.room.frames import JsonFrames, PipeSender, pickle_frame
from pmdesk.room.gateway import RoomUnavailable
from pmdesk.room.worker import FLAG
from pmdesk.store.errors import BoardFileError
from pmdesk.ui.room.gateway import WindowGateway

START_TIMEOUT = 15.0  # seconds: a cold start of the process on a slow laptop
MAX_CALL_ID = 2**53  # the process numbers its calls 1, 2, 3…: nothing else is an id
MAX_DEVICES = RoomConfig().max_devices  # the process lets no more join
READ_AT_ONCE = 256 * 1024  # bytes read from the process in one turn of the event loop
STOP_TIMEOUT = 5.0  # seconds for the edits under way to be answered, and again for the process to end


def worker_command(*args: str) -> tuple[str, list[str]]:
    """The program and arguments that start the room's process (the bundle runs itself)."""
    if getattr(sys, "frozen", False):
        return sys.executable, [FLAG, *args]
    # -P: not the current folder's "pmdesk", whatever it holds; worker_env says where this one is.
    return sys.executable, ["-P", "-m", "pmdesk", FLAG, *args]


def worker_env() -> dict[str, str]:
    """The process's environment: the window's, with this pmdesk's folder first on the path.

    Not an installed pmdesk's folder (site-packages): the interpreter finds that by itself, after
    the standard library. Put on the path, it came first, and a stale backport installed beside
    pmdesk (PyPI's old ``pathlib``) replaced the standard module, so the room could not start.
    """
    env = dict(os.environ)
    if not getattr(sys, "frozen", False):
        here = Path(pmdesk.__file__).resolve().parent.parent
        if not _site_folder(here):
            env["PYTHONPATH"] = os.pathsep.join(part for part in (str(here), env.get("PYTHONPATH")) if part)
    return env


def _site_folder(folder: Path) -> bool:
    """True if ``folder`` is one where this interpreter finds installed packages by itself."""
    import site

    folders = [*site.getsitepackages(), site.getusersitepackages()]
    return any(folder == Path(each).resolve() for each in folders)


def call_id(value: object) -> int | None:
    """The id of one of the process's calls, or None for anything else (``True`` is no id here)."""
    return value if type(value) is int and 0 < value <= MAX_CALL_ID else None


def error_answer(error: BaseException) -> dict[str, Any]:
    """How a refused or failed edit is told to the process (``pmdesk.room.worker.ERRORS``)."""
    if isinstance(error, CardExists):
        return {"error": "exists", "message": str(error)}
    if isinstance(error, EditError):
        return {"error": "edit", "message": str(error)}
    if isinstance(error, BoardFileError):
        return {"error": "file", "message": str(error)}
    if isinstance(error, CancelledError):
        return {"error": "unavailable", "message": "The facilitator's window is busy; try again."}
    if isinstance(error, RoomUnavailable):
        return {"error": "unavailable", "message": str(error)}
    return {"error": "failed", "message": "Something went wrong on the facilitator's laptop."}


class ServerProcess(QObject):
    """The room's server process, as the window's RoomControl sees a server."""

    def __init__(self, gateway: WindowGateway, host: str, lang: str, direction: str) -> None:
        super().__init__(gateway)
        self.gateway = gateway
        self._args = (host, lang, direction)
        self._process: subprocess.Popen[bytes] | None = None
        self._notifier: QSocketNotifier | None = None
        self._frames = JsonFrames()
        self._sender: PipeSender | None = None  # the GUI thread and the document's writer both send
        self._lock = threading.Lock()
        self._answered = threading.Condition(self._lock)  # a call was answered (``_calls`` shrank)
        self._calls: dict[int, Future[Edit]] = {}  # edits under way, until their answer is sent
        self._url = ""
        self._devices = 0
        self._failure: str | None = None
        self._closing = False
        self._early: list[dict[str, Any]] = []  # messages read with the first one

    # --- Server ------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The join URL the process listens at."""
        return self._url

    def start(self) -> None:
        """Start the process and wait until it listens (OSError if it cannot)."""
        program, args = worker_command(*self._args)
        # A window started without a standard error (sys.stderr None) has reused its descriptor
        # for one of its own (the display's connection): the process must not write there.
        errors = subprocess.DEVNULL if sys.stderr is None else None
        process = subprocess.Popen(
            [program, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            bufsize=0,
            env=worker_env(),
        )
        self._process = process
        assert process.stdout is not None and process.stdin is not None
        self._sender = PipeSender(process.stdin)
        first = self._first_message(process.stdout.fileno())
        if first.get("op") != "ready" or not isinstance(first.get("url"), str):
            process.kill()  # it failed or is not the room's server: nothing of it is worth waiting for
            self._stop()
            raise OSError(str(first.get("message") or "the room's server did not start"))
        self._url = first["url"]
        os.set_blocking(process.stdout.fileno(), False)
        self._notifier = QSocketNotifier(process.stdout.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)
        self.gateway.watch(self._changed)
        self._changed()
        early, self._early = self._early, []
        self._take_all(early)

    def devices(self) -> int:
        """How many devices have joined, as the process last said."""
        return self._devices

    def failure(self) -> str | None:
        """Why the process stopped by itself (None while it serves, or after ``close``)."""
        return self._failure

    def close(self) -> None:
        """Close the room: each device hears so, and the edits under way are answered first."""
        if self._closing:
            return
        self._closing = True
        self.gateway.unwatch(self._changed)
        self._write({"op": "close"})
        with self._answered:  # answered from the writer's thread, as each is saved
            self._answered.wait_for(lambda: not self._calls, STOP_TIMEOUT)
        self._stop()

    # --- machinery ---------------------------------------------------------------------------

    def _first_message(self, fd: int) -> dict[str, Any]:
        deadline = time.monotonic() + START_TIMEOUT
        while (left := deadline - time.monotonic()) > 0:
            if not select.select([fd], [], [], left)[0]:
                break
            data = os.read(fd, 65536)
            if not data:
                break
            try:
                messages = self._frames.feed(data)
            except ValueError:  # something else wrote to its output (not pmdesk's room, or a print)
                return {
                    "op": "failed",
                    "message": "the room's server answered in a way pmdesk does not understand",
                }
            if messages:
                self._early = messages[1:]  # taken once the window reads the pipe
                return messages[0]
        return {"op": "failed", "message": "the room's server did not answer"}

    def _stop(self) -> None:
        """Send what is queued and close the pipe (the process ends then); kill it if it lingers."""
        process, notifier, sender = self._process, self._notifier, self._sender
        if process is None:
            return
        self._notifier = None
        if notifier is not None and shiboken6.isValid(notifier):
            notifier.setEnabled(False)  # before its pipe closes
            notifier.deleteLater()
        if sender is not None and not sender.finish(STOP_TIMEOUT):
            process.kill()  # it stopped reading: its pipe breaks and the sender ends
            sender.finish(STOP_TIMEOUT)
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()

    def _write(self, message: dict[str, Any]) -> None:
        """Send one message to the process (from any thread, never waiting for it to read)."""
        sender = self._sender
        if sender is not None:
            sender.send(pickle_frame(message))  # pickled now: a board as it is at this moment

    def _changed(self) -> None:
        self._write({"op": "changed", "phase": self.gateway.phase()})

    def _read(self) -> None:
        process = self._process
        if process is None or process.stdout is None or process.stdout.closed:
            return
        chunks: list[bytes] = []
        ended = False
        try:
            # At most READ_AT_ONCE for each turn of the event loop: whatever is left is read at the
            # next turn (the notifier fires while the pipe holds data), so a process that floods
            # its pipe cannot keep the window from its other events.
            while len(chunks) < READ_AT_ONCE // 65536:
                chunk = os.read(process.stdout.fileno(), 65536)
                if not chunk:
                    ended = True
                    break
                chunks.append(chunk)
        except BlockingIOError:
            pass
        except OSError:
            ended = True
        try:
            messages = self._frames.feed(b"".join(chunks))
        except ValueError:  # not the protocol: the process is not to be trusted any more
            messages, ended = [], True
            process.kill()
        self._take_all(messages)
        if ended and self._notifier is not None:
            self._notifier.setEnabled(False)
            if not self._closing:
                self._failure = "The room's server stopped."

    def _take_all(self, messages: list[dict[str, Any]]) -> None:
        withdrawn = {call_id(m.get("id")) for m in messages if m.get("op") == "cancel"} - {None}
        for message in messages:
            self._take(message, withdrawn)

    def _take(self, message: dict[str, Any], withdrawn: set[int | None]) -> None:
        """Act on one message; anything but the documented shapes is ignored (it faces the network)."""
        op, call = message.get("op"), call_id(message.get("id"))
        if op == "devices":
            count = message.get("count")
            if type(count) is int and 0 <= count <= MAX_DEVICES:
                self._devices = count
        elif call is None:
            return
        elif op == "cancel":
            with self._lock:
                future = self._calls.get(call)
            if future is not None:
                future.cancel()  # only if the GUI thread has not started on it
        elif op == "board":
            # Pickled at once, as it is now: the snapshot needs no copy first.
            self._write({"id": call, "board": self.gateway.qt_document.board})
        elif op == "apply" and call in withdrawn:
            self._write({"id": call, **error_answer(CancelledError())})
        elif op == "apply":
            self._apply(call, message.get("command"))

    def _apply(self, call: int, value: object) -> None:
        try:
            command = RoomCommand.from_json(value)
            future = self.gateway.submit(command)
        except ValueError as error:
            self._write({"id": call, **error_answer(EditError(str(error)))})
            return
        except RoomUnavailable as error:
            self._write({"id": call, **error_answer(error)})
            return
        with self._lock:
            self._calls[call] = future
        future.add_done_callback(lambda done: self._answer(call, done))

    def _answer(self, call: int, done: Future[Edit]) -> None:
        """Tell the process how the edit went (on whichever thread finished it)."""
        if done.cancelled():  # withdrawn by the process, or the room closed first
            why = (
                RoomUnavailable("The room is closed.")
                if self._closing or self.gateway.closed
                else CancelledError()
            )
            self._write({"id": call, **error_answer(why)})
        else:
            error = done.exception()
            self._write({"id": call, **({"ok": True} if error is None else error_answer(error))})
        with self._answered:  # sent before the pipe closes: ``close`` waits for this
            self._calls.pop(call, None)
            self._answered.notify_all()
