"""Writing files so that a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(path: Path, mode: int = 0o644) -> Iterator[Path]:
    """Yield a temp path beside ``path``; when the block succeeds, fsync it and rename it over ``path``.

    The temp file keeps ``path``'s suffix, so writers that choose a format by suffix still work.
    """
    path = Path(path)
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.stem}.", suffix=f"{path.suffix}.tmp", dir=path.parent
    )
    os.close(handle)
    temp = Path(temp_name)
    os.chmod(temp, mode)  # mkstemp makes 0600; boards and exports are ordinary documents
    try:
        yield temp
        with open(temp, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to ``path`` through a temp file and an atomic rename."""
    with atomic_path(path) as temp:
        temp.write_bytes(data)
