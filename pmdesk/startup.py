"""How long after its process started something happened: the lines ``--quit-after-show`` prints.

    pmdesk: first frame painted 382 ms after process start (CPU 379 ms); clock 1795930536.822086
    pmdesk: window complete 420 ms after process start; clock 1795930536.860000

A person reads the milliseconds; a tool that started the process itself (the benchmark) takes
the ``clock`` value, ``time.time()`` in seconds, and subtracts its own start time.
"""

from __future__ import annotations

import importlib
import os
import time

# The line as a regular expression (format it with what=...): ms, cpu (or None) and clock.
LINE_PATTERN = (
    r"{what} (?P<ms>\d+) ms after process start(?: \(CPU (?P<cpu>\d+) ms\))?; clock (?P<clock>[\d.]+)"
)
_IMPORTED = time.time()  # the fallback start, where the process's own start time cannot be read

# The Qt-free modules the window needs before its first frame (their own imports come along).
WINDOW_CORE = (
    "pmdesk.store.document",
    "pmdesk.store.opening",
    "pmdesk.model.card_ops",
    "pmdesk.model.vote_ops",
    "pmdesk.model.room_ops",
    "pmdesk.model.recorder",
    "pmdesk.model.drops",
    "pmdesk.model.derived",
    "pmdesk.model.board_session",
    "pmdesk.errorlog",
    "pmdesk.resources",
)


def import_core() -> None:
    """Import the window's Qt-free modules before PySide6: once PySide6 is imported, it reads the
    source file of every module imported after it (to see whether it uses PySide6's
    ``__feature__`` switches), which made importing them about a third slower."""
    for name in WINDOW_CORE:
        importlib.import_module(name)


def process_start() -> float:
    """When this process started, as a ``time.time()`` value (Linux: from /proc, to 10 ms)."""
    try:
        with open("/proc/self/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        ticks = int(fields[19])  # field 22, starttime: clock ticks after boot
        age = time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError, AttributeError):
        return _IMPORTED
    return time.time() - age


def since_start_line(what: str, cpu: bool = False) -> str:
    """``WHAT N ms after process start[ (CPU N ms)]; clock T`` for now."""
    now = time.time()
    elapsed = max(0.0, now - process_start())
    cpu_part = f" (CPU {time.process_time() * 1000:.0f} ms)" if cpu else ""
    return f"{what} {elapsed * 1000:.0f} ms after process start{cpu_part}; clock {now:.6f}"
