"""The last resort for an unexpected error: its traceback goes to a log file, the user gets one line.

Log files live in ``<data folder>/logs`` (``~/.local/share/pmdesk/pmdesk/logs`` by default, the
folder that also holds untitled boards); the newest ``KEEP`` are kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from pathlib import Path
from types import TracebackType

KEEP = 20
MAX_SUMMARY = 300


def data_folder() -> Path:
    """The user's pmdesk data folder, where Qt's AppDataLocation puts it on Linux."""
    base = os.environ.get("XDG_DATA_HOME", "")
    root = Path(base) if os.path.isabs(base) else Path.home() / ".local" / "share"
    return root / "pmdesk" / "pmdesk"


def summary(error: BaseException) -> str:
    """``Type: message`` on one line (control characters escaped), at most MAX_SUMMARY characters."""
    from pmdesk.model.shown import shown

    message = shown(str(error).strip())
    text = f"{type(error).__name__}: {message}" if message else type(error).__name__
    return text if len(text) <= MAX_SUMMARY else text[: MAX_SUMMARY - 1] + "…"


def _report(error: BaseException, tb: TracebackType | None, context: str) -> str:
    import platform  # imported here: the window installs this handler at start, and start is timed
    import traceback

    from pmdesk import __version__

    lines = traceback.format_exception(type(error), error, tb)
    return (
        f"pmdesk {__version__} internal error, {dt.datetime.now().isoformat(timespec='seconds')}\n"
        f"while: {context}\n"
        f"Python {platform.python_version()} on {platform.platform()}"
        f"{' (bundle)' if getattr(sys, 'frozen', False) else ''}\n\n" + "".join(lines)
    )


def _prune(folder: Path) -> None:
    logs = sorted(folder.glob("error-*.log"), key=lambda p: p.name, reverse=True)
    for old in logs[KEEP:]:
        old.unlink(missing_ok=True)


def write_log(error: BaseException, tb: TracebackType | None = None, context: str = "") -> Path | None:
    """Write the error's traceback to a new log file and return its path (None if none could be
    written, in the data folder nor in the temporary folder)."""
    import tempfile

    text = _report(error, tb if tb is not None else error.__traceback__, context or " ".join(sys.argv))
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    for folder in (data_folder() / "logs", Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"error-{stamp}-{os.getpid()}.log"
            path.write_text(text, encoding="utf-8", errors="backslashreplace")
        except OSError:
            continue
        if folder.name == "logs":
            with contextlib.suppress(OSError):
                _prune(folder)
        return path
    return None


def internal_error_line(error: BaseException, log: Path | None) -> str:
    """What the user reads about an unexpected error: what it was, and where its details are."""
    from pmdesk.model.shown import shown

    where = f"details in {shown(str(log))}" if log is not None else "no log file could be written"
    return f"internal error ({summary(error)}); {where}"
