"""Writing files so that a reader sees the old file or the new one, never half of one.

The new content goes to a hidden temp file beside the target (``.NAME.XXXX.SUFFIX.tmp``), is
flushed to disk, and is renamed over the target. A pmdesk killed while writing leaves its temp
file (and SQLite's ``-journal`` of it) behind; the next write beside the same target removes
such leftovers once no live pmdesk holds them (each writer keeps its temp file locked).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: leftovers are not cleaned, only ignored
    fcntl = None  # type: ignore[assignment]

TEMP_SUFFIX = ".tmp"
SIDECARS = ("", "-journal", "-wal", "-shm")
STALE_SECONDS = 2.0  # a temp file this old and unlocked belongs to no live writer
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
DISK_FULL_MESSAGE = "the disk is full: nothing was written, and a file already there is unchanged"


def user_error(error: OSError, path: Path) -> OSError:
    """``error`` as the user should read it: about ``path`` (never a temp file), "disk full" said plainly."""
    detail = DISK_FULL_MESSAGE if error.errno in DISK_FULL else error.strerror or str(error)
    return type(error)(error.errno or 0, detail, str(path))


@contextlib.contextmanager
def atomic_path(path: Path, mode: int | None = None) -> Iterator[Path]:
    """Yield a temp path beside ``path``; when the block succeeds, fsync it and rename it over ``path``.

    The temp file keeps ``path``'s suffix, so writers that choose a format by suffix still work.
    ``mode`` defaults to the mode of the file being replaced, or 0o644 for a new file. An OSError
    names ``path``, not the temp file, and says "disk full" when the disk is full.
    """
    path = Path(path)
    if mode is None:
        mode = _existing_mode(path)
    remove_leftovers(path)
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.stem}.", suffix=f"{path.suffix}{TEMP_SUFFIX}", dir=path.parent
        )
    except OSError as error:
        raise user_error(error, path) from error
    temp = Path(temp_name)
    try:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)  # "a live writer owns this": see remove_leftovers
        os.chmod(temp, mode)  # mkstemp makes 0600; boards and exports are ordinary documents
        yield temp
        with open(temp, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temp, path)
        _sync_folder(path.parent)
    except BaseException as error:
        for sidecar in SIDECARS:
            Path(f"{temp}{sidecar}").unlink(missing_ok=True)
        if isinstance(error, OSError) and (error.filename in (None, temp_name) or error.errno in DISK_FULL):
            raise user_error(error, path) from error
        raise
    finally:
        os.close(handle)


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to ``path`` through a temp file and an atomic rename."""
    with atomic_path(path) as temp:
        temp.write_bytes(data)


def is_temp_of(name: str, path: Path) -> bool:
    """True if ``name`` is a temp file (or its SQLite sidecar) that atomic_path made for ``path``."""
    for sidecar in SIDECARS:
        end = f"{path.suffix}{TEMP_SUFFIX}{sidecar}"
        middle = len(name) - len(path.stem) - len(end) - 2
        if middle > 0 and name.startswith(f".{path.stem}.") and name.endswith(end):
            return True
    return False


def remove_leftovers(path: Path) -> list[Path]:
    """Delete temp files for ``path`` left by a killed pmdesk (unlocked, a few seconds old); those removed."""
    if fcntl is None:
        return []
    removed: list[Path] = []
    try:
        entries = [entry for entry in os.scandir(path.parent) if is_temp_of(entry.name, path)]
    except OSError:
        return []
    now = time.time()
    for entry in sorted(entries, key=lambda e: e.name):
        temp = Path(entry.path)
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < STALE_SECONDS:
                continue
            name = str(temp)
            base = Path(
                next(name[: len(name) - len(end)] for end in reversed(SIDECARS) if name.endswith(end))
            )
            # a link, or a file this user cannot open, might be a live writer's: left alone
            if base.exists() and flock_held(base, follow_symlinks=False, unreadable=True):
                continue
            temp.unlink()
            removed.append(temp)
        except OSError:
            continue
    return removed


def flock_held(path: Path, *, follow_symlinks: bool = True, unreadable: bool = False) -> bool:
    """True if some other open file holds an flock on ``path``; ``unreadable`` if it cannot be opened.

    The probe never blocks: a FIFO or a device opens without waiting for a writer. An flock that
    cannot be taken for any reason counts as held. ``follow_symlinks=False`` refuses a link
    (the open fails, so the answer is ``unreadable``).
    """
    if fcntl is None:
        return False
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow_symlinks else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError:
        return unreadable
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def _existing_mode(path: Path) -> int:
    try:
        info = os.stat(path)
    except OSError:
        return 0o644
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else 0o644


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
