"""A lock that keeps a second pmdesk process from opening the same board."""

from __future__ import annotations

import os
from pathlib import Path

from pmdesk.atomic import flock_held
from pmdesk.store.errors import BoardFileError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock; SQLite's own locking remains
    fcntl = None  # type: ignore[assignment]


class BoardLock:
    """An advisory flock on the board file itself.

    The kernel drops it when the process dies, so a crashed pmdesk never leaves a stale
    lock, and it does not interfere with SQLite's own (fcntl) locks on the same file.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise BoardFileError if another process holds it."""
        if fcntl is None:
            return
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError as error:
            raise BoardFileError(f"{self.path.name}: cannot be read ({error.strerror})") from error
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(fd)
            raise BoardFileError(
                f"{self.path.name}: already open in another pmdesk window; close it there first"
            ) from error
        self._fd = fd

    def release(self) -> None:
        """Release the lock (idempotent)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    @staticmethod
    def is_locked(path: Path) -> bool:
        """True if another process holds the lock on ``path`` (False if it cannot be opened)."""
        return flock_held(path)
