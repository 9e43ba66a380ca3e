"""Where an export may be written, and writing it: the one path for the command line and the window.

The rules, checked before anything is rendered and again just before the file is written:

- a pmdesk board is never replaced (nor its ``-journal``/``-wal``/``-shm``, nor any SQLite
  database), not even when replacing is allowed, and no export is written under a ``.pmdesk`` name;
- any other existing file is replaced only when ``replace`` is true (``--force``; in the window,
  the file dialog has asked);
- a symbolic link is written through: its target is replaced and the link stays;
- folders, devices, FIFOs and sockets are refused;
- a message names the path the user gave, never a temp file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pmdesk.atomic import user_error, write_atomic
from pmdesk.model.board import Board
from pmdesk.model.shown import shown

if TYPE_CHECKING:
    from pmdesk.report.related import RelatedIncident

TEXT_FORMATS = ("json", "md", "csv", "ics")
BINARY_FORMATS = ("pdf", "eml")
BOARD_SUFFIX = ".pmdesk"
SIDECAR_ENDS = ("-journal", "-wal", "-shm")
SQLITE_MAGIC = b"SQLite format 3\x00"
JOURNAL_MAGIC = (b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7", b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
Progress = Callable[[float], None]


class TargetRefused(Exception):
    """pmdesk will not write an export there; the message (naming the user's path) says why."""


def check_target(path: Path, replace: bool, source: Path | None = None) -> Path:
    """The file to write for an export to ``path`` (a link's target); TargetRefused if it must not be."""
    path = Path(path)
    name = shown(str(path))
    try:
        real = path.resolve()
    except (OSError, RuntimeError) as error:  # a loop of links
        raise TargetRefused(f"{name}: a link that cannot be followed ({error})") from error
    if source is not None and _same_file(real, source):
        raise TargetRefused(f"{name}: is the board being exported; an export never replaces a board")
    if _board_name(path) or _board_name(real):
        raise TargetRefused(
            f"{name}: the name of a pmdesk board; an export is never written as a board "
            "(to make a board from JSON, use pmdesk import)"
        )
    try:
        info = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise TargetRefused(f"{name}: cannot be checked ({error.strerror})") from error
    if info is None:
        if not real.parent.is_dir():
            raise TargetRefused(f"{name}: no such folder")
        if os.path.islink(path) and not replace:
            raise TargetRefused(f"{name}: already exists as a link (use --force to write through it)")
        return real
    if stat.S_ISDIR(info.st_mode):
        raise TargetRefused(f"{name}: is a folder; give a file name")
    if not stat.S_ISREG(info.st_mode):
        raise TargetRefused(f"{name}: is {_special_kind(info.st_mode)}, not a file; exports go to files only")
    if _holds_database(real):
        raise TargetRefused(
            f"{name}: holds a pmdesk board or another SQLite database; "
            "an export never replaces one, even with --force"
        )
    if not replace:
        raise TargetRefused(f"{name}: already exists (use --force to replace it)")
    return real


def write_export(
    board: Board,
    fmt: str,
    path: Path,
    progress: Progress | None = None,
    *,
    replace: bool,
    source: Path | None = None,
    related: list[RelatedIncident] | None = None,
) -> list[str]:
    """Check ``path``, render the export and write it atomically; the notes for the user.

    Raises TargetRefused, or OSError naming ``path`` when the file cannot be written.
    """
    check_target(path, replace, source)
    data, notes = render(board, fmt, progress, related)
    real = check_target(path, replace, source)  # again: rendering a big PDF takes a while
    try:
        write_atomic(real, data)
    except OSError as error:
        raise user_error(error, path) from error
    if progress is not None:
        progress(1.0)
    return notes


def render(
    board: Board, fmt: str, progress: Progress | None = None, related: list[RelatedIncident] | None = None
) -> tuple[bytes, list[str]]:
    """The export's bytes (exactly what the file holds) and the notes for the user."""
    if fmt == "json":
        from pmdesk.store.json_format import board_json_text

        return board_json_text(board).encode("utf-8"), []
    from pmdesk.report import render as render_report  # reportlab and friends only when needed

    if related is None:
        rendered = render_report(board, fmt, progress)
    else:
        rendered = render_report(board, fmt, progress, related=related)
    return rendered.data, rendered.notes


def _board_name(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(BOARD_SUFFIX) or any(name.endswith(BOARD_SUFFIX + end) for end in SIDECAR_ENDS)


def _holds_database(path: Path) -> bool:
    """True for an SQLite database or journal (a board under any name, or a part of one)."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(16)
    except OSError:
        return False
    return head.startswith(SQLITE_MAGIC) or any(head.startswith(magic) for magic in JOURNAL_MAGIC)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"
