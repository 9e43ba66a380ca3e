"""Messages between the window and its room's server process: length-prefixed frames on a pipe.

Each frame is a 4-byte big-endian length and that many bytes. The server process writes JSON
(it speaks for devices on an untrusted network, so the window reads nothing richer from it);
the window writes pickles (the server process is the window's own child, and a board snapshot
pickles in a fraction of the time a JSON round trip takes).
"""

from __future__ import annotations

import contextlib
import json
import pickle
import struct
import threading
from collections import deque
from typing import IO, Any, BinaryIO

HEADER = struct.Struct(">I")
MAX_FROM_SERVER = 1 << 20  # the window reads no frame longer than this from the server process


def json_frame(message: dict[str, Any]) -> bytes:
    """A frame holding ``message`` as JSON (the server process's side)."""
    data = json.dumps(message, ensure_ascii=False).encode("utf-8")
    return HEADER.pack(len(data)) + data


def pickle_frame(message: dict[str, Any]) -> bytes:
    """A frame holding ``message`` pickled (the window's side)."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(len(data)) + data


def read_pickle_frame(stream: BinaryIO) -> dict[str, Any] | None:
    """The next message from the window, blocking; None at the end of the stream."""
    header = _read_exactly(stream, HEADER.size)
    if header is None:
        return None
    data = _read_exactly(stream, HEADER.unpack(header)[0])
    if data is None:
        return None
    message = pickle.loads(data)  # from the parent process, never from the network
    return message if isinstance(message, dict) else None


def _read_exactly(stream: BinaryIO, size: int) -> bytes | None:
    parts: list[bytes] = []
    while size > 0:
        part = stream.read(size)
        if not part:
            return None
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


class JsonFrames:
    """Reads the server process's frames from bytes as they arrive (the window's side)."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[dict[str, Any]]:
        """Take ``data`` and return the messages it completes (ValueError: not the protocol)."""
        self._buffer += data
        messages: list[dict[str, Any]] = []
        while len(self._buffer) >= HEADER.size:
            (size,) = HEADER.unpack_from(self._buffer)
            if size > MAX_FROM_SERVER:
                raise ValueError(f"a message of {size} bytes from the room's server")
            end = HEADER.size + size
            if len(self._buffer) < end:
                break
            try:
                value = json.loads(bytes(self._buffer[HEADER.size : end]).decode("utf-8"))
            except RecursionError:  # arrays nested deeper than the parser goes
                raise ValueError("a message from the room's server is nested too deep") from None
            del self._buffer[:end]
            if not isinstance(value, dict):
                raise ValueError("a message from the room's server is not an object")
            messages.append(value)
        return messages


class PipeSender:
    """Writes frames to a pipe on a thread of its own, in the order sent (the window's side).

    ``send`` never waits for the reader: the GUI thread and the document's writer thread both
    send, and neither may stall while the process on the other end is slow to read (a pipe takes
    64 KB; a board of 5,000 cards pickles to about 500 KB).
    """

    def __init__(self, pipe: IO[bytes]) -> None:
        self._pipe = pipe
        self._queue: deque[bytes | None] = deque()
        self._ready = threading.Condition()
        self._finishing = False
        self._thread = threading.Thread(target=self._run, name="pmdesk-room-pipe", daemon=True)
        self._thread.start()

    def send(self, frame: bytes) -> None:
        """Queue ``frame`` for the pipe (dropped once ``finish`` was called)."""
        with self._ready:
            if not self._finishing:
                self._queue.append(frame)
                self._ready.notify()

    def finish(self, timeout: float) -> bool:
        """Write every frame sent so far, then close the pipe; False if not done within ``timeout``."""
        with self._ready:
            if not self._finishing:
                self._finishing = True
                self._queue.append(None)
                self._ready.notify()
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        broken = False  # the reader is gone: what is left is dropped
        while True:
            with self._ready:
                self._ready.wait_for(lambda: self._queue)
                frame = self._queue.popleft()
            if frame is None:
                break
            if broken:
                continue
            view = memoryview(frame)
            try:
                while view:  # a pipe may take a long frame in parts
                    view = view[self._pipe.write(view) or 0 :]
                self._pipe.flush()
            except (OSError, ValueError):
                broken = True
        with contextlib.suppress(OSError):
            self._pipe.close()
