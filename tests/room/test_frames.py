"""The frames between the window and its room's process: whole messages however the bytes arrive."""

from __future__ import annotations

import io
import os
import struct
import threading

import pytest

from pmdesk.room.frames import (
    MAX_FROM_SERVER,
    JsonFrames,
    PipeSender,
    json_frame,
    pickle_frame,
    read_pickle_frame,
)


def test_messages_split_anywhere_come_out_whole_and_in_order() -> None:
    data = json_frame({"op": "apply", "id": 1, "text": "Ünïcode ✓"}) + json_frame(
        {"op": "devices", "count": 3}
    )
    for cut in range(len(data) + 1):
        frames = JsonFrames()
        got = frames.feed(data[:cut]) + frames.feed(data[cut:])
        assert got == [{"op": "apply", "id": 1, "text": "Ünïcode ✓"}, {"op": "devices", "count": 3}]


@pytest.mark.parametrize(
    "data",
    [
        struct.pack(">I", MAX_FROM_SERVER + 1),  # a length no message of the room's process has
        struct.pack(">I", 3) + b"[1]",  # not an object
        struct.pack(">I", 4) + b"{no}",  # not JSON
        struct.pack(">I", 2) + b"\xff\xfe",  # not UTF-8
        struct.pack(">I", 200_000) + b"[" * 200_000,  # nested deeper than the parser goes
    ],
)
def test_what_is_not_the_protocol_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError):
        JsonFrames().feed(data)


def test_the_windows_frames_read_back_until_the_pipe_ends() -> None:
    stream = io.BytesIO(pickle_frame({"op": "changed"}) + pickle_frame({"id": 2, "ok": True}) + b"\x00\x00")
    assert read_pickle_frame(stream) == {"op": "changed"}
    assert read_pickle_frame(stream) == {"id": 2, "ok": True}
    assert read_pickle_frame(stream) is None  # a frame cut short is the end


def test_sending_never_waits_for_the_reader_and_finishing_delivers_every_frame_in_order() -> None:
    read_end, write_end = os.pipe()
    sender = PipeSender(os.fdopen(write_end, "wb", buffering=0))
    for n in range(10):  # a megabyte, far more than a pipe holds, and nobody reads yet
        sender.send(pickle_frame({"n": n, "blob": b"x" * 100_000}))
    finished: list[bool] = []
    closing = threading.Thread(target=lambda: finished.append(sender.finish(10)))
    closing.start()
    got = []
    with os.fdopen(read_end, "rb") as reader:
        while (message := read_pickle_frame(reader)) is not None:
            got.append(message["n"])
    closing.join(10)
    assert finished == [True]
    assert got == list(range(10))


def test_a_reader_that_is_gone_costs_the_sender_nothing() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    sender = PipeSender(os.fdopen(write_end, "wb", buffering=0))
    for n in range(3):
        sender.send(pickle_frame({"n": n, "blob": b"x" * 100_000}))
    assert sender.finish(10)
