"""Messages between the window and its room's server process: length-prefixed frames on a pipe.

Each frame is a 4-byte big-endian length and that many bytes. The server process writes JSON
(it speaks for devices on an untrusted network, so the window reads nothing richer from it);
the window writes pickles (the server process is the window's own child, and a board snapshot
pickles in a fraction of the time a JSON round trip takes).
"""

from __future__ import annotations

import json
import pickle
import struct
from typing import Any, BinaryIO

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
