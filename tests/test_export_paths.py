"""Where `pmdesk export -o` may write, run as a person runs it: the real command in its own process.

A board is never replaced; another file only with --force; a link is written through; devices,
FIFOs and folders are refused; `-o -` is standard output; errors name the user's path.
"""

from __future__ import annotations

import os
import pty
import re
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pmdesk.model.card_ops import set_card_field
from pmdesk.model.demo import demo_board
from pmdesk.store.document import Document
from pmdesk.store.lock import BoardLock

TEXT = ("json", "md", "csv", "ics")


def pmdesk(*args: str | Path, **options: object) -> subprocess.CompletedProcess[bytes]:
    """Run the pmdesk command in its own process (stdout and stderr captured unless redirected)."""
    command = [sys.executable, "-m", "pmdesk", *map(str, args)]
    if "stdout" not in options:
        options["stdout"] = subprocess.PIPE
    return subprocess.run(command, stderr=subprocess.PIPE, timeout=60, check=False, **options)  # type: ignore[call-overload, no-any-return]


def refused(done: subprocess.CompletedProcess[bytes], message: str) -> None:
    """Exit status 2 and one error line that holds ``message``."""
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert err.count("\n") == 1 and err.startswith("pmdesk: error: "), err
    assert message in err, err
    assert "Traceback" not in err and ".tmp" not in err


@pytest.fixture
def board(tmp_path: Path) -> Path:
    path = tmp_path / "b.pmdesk"
    Document.create(path, demo_board()).close()
    return path


def litter(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith((".tmp", "-journal")))


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_the_board_being_exported_is_never_replaced(board: Path, force: list[str]) -> None:
    before = board.read_bytes()
    refused(pmdesk("export", board, "--format", "pdf", "-o", board, *force), "is the board being exported")
    link = board.parent / "link.json"
    link.symlink_to(board.name)
    refused(pmdesk("export", board, "--format", "json", "-o", link, *force), "is the board being exported")
    assert board.read_bytes() == before and link.is_symlink()
    assert litter(board.parent) == []


def test_another_board_is_never_replaced_even_with_force(board: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.pmdesk"
    Document.create(other, demo_board()).close()
    renamed = tmp_path / "backup.db"  # a board under another name is still a board
    renamed.write_bytes(other.read_bytes())
    journal = tmp_path / "other.pmdesk-journal"
    for target, message in [
        (other, "the name of a pmdesk board"),
        (renamed, "holds a pmdesk board or another SQLite database"),
        (journal, "the name of a pmdesk board"),
        (tmp_path / "new.pmdesk", "the name of a pmdesk board"),
    ]:
        before = target.read_bytes() if target.exists() else None
        refused(pmdesk("export", board, "--format", "md", "-o", target, "--force"), message)
        assert (target.read_bytes() if target.exists() else None) == before
    assert not journal.exists() and not (tmp_path / "new.pmdesk").exists()


def test_a_board_open_in_a_window_is_not_replaced(board: Path, tmp_path: Path) -> None:
    open_board = tmp_path / "open.pmdesk"
    document = Document.create(open_board, demo_board())
    try:
        assert BoardLock.is_locked(open_board)
        before = open_board.read_bytes()
        refused(pmdesk("export", board, "--format", "csv", "-o", open_board, "--force"), "pmdesk board")
        assert open_board.read_bytes() == before
        card = document.board.cards[0]
        document.apply(set_card_field(document.board, card.id, "text", "Edited after the refusal"))
    finally:
        document.close()
    assert Document.open(open_board).board.cards[0].text == "Edited after the refusal"


def test_an_existing_file_is_replaced_only_with_force(board: Path, tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_text("keep me", encoding="utf-8")
    target.chmod(0o640)
    refused(pmdesk("export", board, "--format", "md", "-o", target), "notes.md: already exists (use --force")
    assert target.read_text(encoding="utf-8") == "keep me"
    done = pmdesk("export", board, "--format", "md", "-o", target, "--force")
    assert done.returncode == 0, done.stderr
    assert target.read_text(encoding="utf-8").startswith("# Post-mortem")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the replaced file's permissions are kept


def test_the_default_target_beside_the_board_needs_force_too(board: Path) -> None:
    assert pmdesk("export", board, "--format", "ics").returncode == 0
    written = board.with_suffix(".ics")
    assert written.read_bytes().startswith(b"BEGIN:VCALENDAR")
    refused(pmdesk("export", board, "--format", "ics"), "b.ics: already exists (use --force")
    assert pmdesk("export", board, "--format", "ics", "--force").returncode == 0


def test_a_link_is_written_through_and_stays_a_link(board: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    refused(pmdesk("export", board, "--format", "csv", "-o", link), "link.csv: already exists")
    assert pmdesk("export", board, "--format", "csv", "-o", link, "--force").returncode == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(b"\xef\xbb\xbfAction,")
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "made.md")
    refused(pmdesk("export", board, "--format", "md", "-o", dangling), "already exists as a link")
    assert pmdesk("export", board, "--format", "md", "-o", dangling, "--force").returncode == 0
    assert dangling.is_symlink() and (tmp_path / "made.md").read_text(encoding="utf-8").startswith("# ")
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    refused(pmdesk("export", board, "--format", "md", "-o", loop, "--force"), "loop.md: a link that cannot")
    assert litter(tmp_path) == []


@pytest.mark.parametrize("device", ["/dev/full", "/dev/null"])
def test_a_device_is_refused(board: Path, device: str) -> None:
    refused(pmdesk("export", board, "--format", "pdf", "-o", device, "--force"), f"{device}: is a device")
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_a_fifo_is_refused_without_hanging(board: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    refused(pmdesk("export", board, "--format", "md", "-o", fifo, "--force"), "pipe.md: is a FIFO")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_folder_or_a_missing_folder_is_named_and_left_clean(board: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    refused(pmdesk("export", board, "--format", "md", "-o", folder, "--force"), f"{folder}: is a folder")
    assert os.listdir(folder) == []
    missing = tmp_path / "nowhere" / "x.md"
    refused(pmdesk("export", board, "--format", "md", "-o", missing), f"{missing}: no such folder")


def test_a_write_that_fails_names_the_users_file_not_the_temp_file(board: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"

    def small_files() -> None:  # the PDF is bigger than this: the write fails part way
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    done = pmdesk("export", board, "--format", "pdf", "-o", target, preexec_fn=small_files)
    refused(done, f"{target}: File too large")
    assert not target.exists() and litter(tmp_path) == []


@pytest.mark.parametrize("fmt", TEXT)
def test_dash_writes_text_formats_to_stdout(board: Path, tmp_path: Path, fmt: str) -> None:
    done = pmdesk("export", board, "--format", fmt, "-o", "-")
    assert done.returncode == 0 and done.stderr == b""
    target = tmp_path / f"out.{fmt}"
    assert pmdesk("export", board, "--format", fmt, "-o", target).returncode == 0

    def stable(data: bytes) -> bytes:  # a calendar is stamped with the time it was made
        return re.sub(rb"DTSTAMP:\d{8}T\d{6}Z", b"DTSTAMP", data)

    assert stable(done.stdout) == stable(target.read_bytes())


def test_a_file_named_dash_is_written_with_dot_slash_dash(board: Path, tmp_path: Path) -> None:
    """ "-o ./-" wrote to standard output: the path ./- read as "-" once it was a Path."""
    done = pmdesk("export", board, "--format", "md", "-o", "./-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == b""
    assert (tmp_path / "-").read_text(encoding="utf-8").startswith("# Post-mortem")


def test_import_reads_standard_input_from_dash_and_a_file_named_dash_from_dot_slash_dash(
    board: Path, tmp_path: Path
) -> None:
    text = pmdesk("export", board, "--format", "json").stdout
    done = pmdesk("import", "-", tmp_path / "piped.pmdesk", input=text)
    assert done.returncode == 0, done.stderr
    assert pmdesk("export", tmp_path / "piped.pmdesk", "--format", "json").stdout == text
    bad = pmdesk("import", "-", tmp_path / "bad.pmdesk", input=b"{")
    refused(bad, "pmdesk: error: standard input: not JSON")
    assert not (tmp_path / "bad.pmdesk").exists()
    (tmp_path / "-").write_bytes(text)
    done = pmdesk("import", "./-", tmp_path / "from-file.pmdesk", cwd=tmp_path, input=b"not read")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("fmt", ["pdf", "eml"])
def test_binary_formats_go_to_a_pipe_but_not_a_terminal(board: Path, fmt: str) -> None:
    primary, secondary = pty.openpty()
    try:
        refused(pmdesk("export", board, "--format", fmt, "-o", "-", stdout=secondary), "is binary")
    finally:
        os.close(primary)
        os.close(secondary)
    done = pmdesk("export", board, "--format", fmt, "-o", "-")
    assert done.returncode == 0
    assert done.stdout.startswith(b"%PDF" if fmt == "pdf" else b"To: ")


def test_a_reader_that_stops_early_ends_the_export_quietly(tmp_path: Path) -> None:
    from pmdesk.bench.boards import big_board

    big = tmp_path / "big.pmdesk"
    Document.create(big, big_board(3000)).close()
    command = f"{sys.executable} -m pmdesk export {big} --format json | head -c 10 >/dev/null"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, timeout=60)
    assert b"Traceback" not in done.stderr and done.stderr == b""


def kill_inside(target: Path, what: str) -> None:
    """Run a child that is SIGKILLed in the middle of writing ``target`` (an import or an export)."""
    code = f"""
import os, signal, sqlite3
from pathlib import Path
from pmdesk.model.card_ops import set_card_field
from pmdesk.model.demo import demo_board
target = Path({str(target)!r})
if {what!r} == "import":
    import pmdesk.store.board_file as board_file
    real = board_file.write_board
    def write_then_die(conn, board):
        real(conn, board)  # every row is in the temp file and its journal, not yet committed
        os.kill(os.getpid(), signal.SIGKILL)
    board_file.write_board = write_then_die
    board_file.create_file(target, demo_board())
else:
    from pmdesk.atomic import atomic_path
    with atomic_path(target) as temp:
        temp.write_bytes(b"half a report")
        os.kill(os.getpid(), signal.SIGKILL)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr


def age(folder: Path) -> None:
    """Make the leftovers a minute old (pmdesk leaves fresh temp files alone)."""
    for name in litter(folder):
        os.utime(folder / name, (os.path.getmtime(folder / name) - 60,) * 2)


def test_a_killed_export_leaves_litter_that_the_next_export_removes(board: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    kill_inside(target, "export")
    assert len(litter(tmp_path)) == 1 and not target.exists()
    age(tmp_path)
    assert pmdesk("export", board, "--format", "md", "-o", target).returncode == 0
    assert litter(tmp_path) == [] and target.exists()


def test_a_killed_import_leaves_litter_that_the_next_import_removes(tmp_path: Path) -> None:
    target = tmp_path / "new.pmdesk"
    kill_inside(target, "import")
    left = litter(tmp_path)
    assert len(left) == 2 and left[1].endswith(".tmp-journal"), left
    age(tmp_path)
    source = tmp_path / "board.json"
    assert pmdesk("export", kill_free_board(tmp_path), "--format", "json", "-o", source).returncode == 0
    assert pmdesk("import", source, target).returncode == 0
    assert litter(tmp_path) == []
    assert Document.open(target).board == demo_board()


def kill_free_board(folder: Path) -> Path:
    path = folder / "sub" / "demo.pmdesk"
    path.parent.mkdir()
    Document.create(path, demo_board()).close()
    return path


def test_a_live_writers_temp_file_is_left_alone(tmp_path: Path) -> None:
    import fcntl

    from pmdesk.atomic import remove_leftovers

    target = tmp_path / "x.pdf"
    live = tmp_path / ".x.abcd1234.pdf.tmp"
    live.write_bytes(b"being written")
    os.utime(live, (0, 0))
    with open(live, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert remove_leftovers(target) == []
    assert live.exists()
    assert remove_leftovers(target) == [live]
