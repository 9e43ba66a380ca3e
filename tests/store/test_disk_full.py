"""A full disk: the message says so and what was kept; nothing is half-written, no leftovers."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmdesk.model.card_ops import set_card_field
from pmdesk.model.demo import demo_board
from pmdesk.store.board_file import BoardFile, create_file
from pmdesk.store.document import Document
from pmdesk.store.errors import BoardFileError


def test_an_edit_on_a_full_database_says_disk_full_and_keeps_the_last_saved_board(tmp_path: Path) -> None:
    path = tmp_path / "b.pmdesk"
    document = Document.create(path, demo_board())
    card = document.board.cards[0]
    document.apply(set_card_field(document.board, card.id, "text", "Saved before the disk filled"))
    conn = document.file.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk full" (SQLITE_FULL)
    with pytest.raises(BoardFileError) as raised:
        document.apply(set_card_field(document.board, card.id, "text", "x" * 200_000))
    message = str(raised.value)
    assert "the disk is full, so this change was not saved" in message
    assert "up to the change before it" in message and "rollback" not in message
    assert document.board.cards[0].text == "Saved before the disk filled"  # the window shows the file
    document.close()
    assert BoardFile.read_snapshot(path).cards[0].text == "Saved before the disk filled"


@contextlib.contextmanager
def tiny_disk(folder: Path, size: str = "512k") -> Iterator[Path]:
    """A small tmpfs at ``folder`` (root only; skipped elsewhere)."""
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=False
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, leave: int) -> None:
    """Fill the disk, then free ``leave`` bytes."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    os.truncate(filler, max(0, filler.stat().st_size - leave))


def test_a_real_full_disk(tmp_path: Path) -> None:
    with tiny_disk(tmp_path / "disk") as disk:
        path = disk / "b.pmdesk"
        document = Document.create(path, demo_board())
        fill(disk, 8192)
        card = document.board.cards[0]
        with pytest.raises(BoardFileError, match="the disk is full, so this change was not saved"):
            document.apply(set_card_field(document.board, card.id, "text", "y" * 400_000))
        with pytest.raises(BoardFileError, match=r"copy\.pmdesk: the disk is full, so no copy was written"):
            document.save_copy(disk / "copy.pmdesk")
        with pytest.raises(
            BoardFileError, match=r"new\.pmdesk: the disk is full, so the board was not written"
        ):
            create_file(disk / "new.pmdesk", demo_board())
        document.close()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pmdesk",
                "export",
                str(path),
                "--format",
                "pdf",
                "-o",
                str(disk / "r.pdf"),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 2
        assert (
            done.stderr == f"pmdesk: error: {disk / 'r.pdf'}: the disk is full: nothing was written, "
            "and a file already there is unchanged\n"
        )
        assert sorted(os.listdir(disk)) == ["b.pmdesk", "filler"]
        assert BoardFile.read_snapshot(path) == demo_board()
