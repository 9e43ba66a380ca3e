"""Opening board files: every bad file gets its message and stays byte-identical."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pmdesk.model.board import Board
from pmdesk.model.board_ops import set_session_field
from pmdesk.model.card_ops import add_card, set_card_hint_silenced
from pmdesk.model.demo import demo_board
from pmdesk.model.room_ops import add_device_card, reveal_cards
from pmdesk.store import board_file, versions
from pmdesk.store.board_file import BoardFile, create_file
from pmdesk.store.document import Document
from pmdesk.store.errors import BoardFileError, ReadOnlyError

HERE = Path(__file__).parent


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refuse(path: Path, message: str) -> None:
    """Opening ``path`` fails with ``message`` and leaves the file byte-identical."""
    before = sha256(path)
    with pytest.raises(BoardFileError, match=message):
        BoardFile.open(path)
    assert sha256(path) == before


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.pmdesk"
    create_file(path, demo_board())
    return path


def test_a_good_file_reads_back_the_board(demo_file: Path) -> None:
    file = BoardFile.open(demo_file)
    try:
        assert file.read() == demo_board()
        assert file.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert file.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        file.close()


def test_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "notes.pmdesk"
    path.write_bytes(b"Dear diary, " * 100)
    refuse(path, "not an SQLite database")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pmdesk"
    path.write_bytes(b"")
    refuse(path, "the file is empty")


def test_foreign_sqlite_database(tmp_path: Path) -> None:
    path = tmp_path / "other.pmdesk"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    refuse(path, "not a pmdesk board")


def test_truncated(demo_file: Path) -> None:
    data = demo_file.read_bytes()
    demo_file.write_bytes(data[: len(data) // 2])
    refuse(demo_file, "truncated")


def test_short_header(demo_file: Path) -> None:
    demo_file.write_bytes(demo_file.read_bytes()[:50])
    refuse(demo_file, "truncated")


def test_newer_version(demo_file: Path) -> None:
    conn = sqlite3.connect(demo_file)
    conn.execute("PRAGMA user_version = 7")
    conn.commit()
    conn.close()
    refuse(
        demo_file, rf"newer pmdesk \(board format 7; this pmdesk reads up to {board_file.SCHEMA_VERSION}\)"
    )


def test_a_folder_and_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BoardFileError, match="is a folder"):
        BoardFile.open(tmp_path)
    with pytest.raises(BoardFileError, match="no such file"):
        BoardFile.open(tmp_path / "nothing.pmdesk")


def test_open_in_another_process(demo_file: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, str(HERE / "hold_child.py"), str(demo_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "open"
        refuse(demo_file, "already open in another pmdesk window")
    finally:
        child.communicate(timeout=10)
    BoardFile.open(demo_file).close()  # free again once the other process closed it


def test_read_only_file_opens_read_only(demo_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    demo_file.chmod(0o444)
    if os.geteuid() == 0:  # root may write anything: make the check see what a user would
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, mode: mode != os.W_OK and real_access(p, mode))
    before = sha256(demo_file)
    document = Document.open(demo_file)
    try:
        assert document.read_only
        assert document.board == demo_board()
        with pytest.raises(ReadOnlyError, match="read-only"):
            document.apply(add_card(document.board, "lessons", "x"))
        assert document.board == demo_board()
    finally:
        document.close()
    assert sha256(demo_file) == before


def test_an_older_file_is_migrated_after_a_backup(demo_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = demo_file.read_bytes()

    def fill_takeaways(conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE session SET takeaways = 'upgraded'")

    version = board_file.SCHEMA_VERSION
    for module in (board_file, versions):
        monkeypatch.setattr(module, "SCHEMA_VERSION", version + 1)
    monkeypatch.setattr(versions, "MIGRATIONS", {version: fill_takeaways})
    file = BoardFile.open(demo_file)
    try:
        assert file.conn.execute("PRAGMA user_version").fetchone()[0] == version + 1
        assert file.read().session.takeaways == "upgraded"
        assert file.read().cards == demo_board().cards
    finally:
        file.close()
    backup = demo_file.with_name(f"demo.pmdesk.v{version}.bak")
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version
        assert conn.execute("SELECT takeaways FROM session").fetchone()[0] == demo_board().session.takeaways
        assert conn.execute("SELECT count(*) FROM cards").fetchone()[0] == len(demo_board().cards)
    finally:
        conn.close()
    assert len(original) > 0


def drop_cards_revealed(conn: sqlite3.Connection) -> None:
    """Take away what board format 6 added to the session."""
    conn.execute("ALTER TABLE session DROP COLUMN cards_revealed")


def drop_current_item(conn: sqlite3.Connection) -> None:
    """Take away what board formats 5 and 6 added to the session."""
    drop_cards_revealed(conn)
    conn.execute("ALTER TABLE session DROP COLUMN current_item")


def drop_current_phase_and_page(conn: sqlite3.Connection) -> None:
    """Take away what board formats 4 and 5 added to the session."""
    drop_current_item(conn)
    conn.execute("ALTER TABLE session DROP COLUMN current_phase")
    conn.execute("ALTER TABLE session DROP COLUMN current_page")


def make_older(path: Path, version: int, take_away: Callable[[sqlite3.Connection], None]) -> None:
    """Turn a board file back into board format ``version`` (``take_away`` drops what came later)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        take_away(conn)
        conn.execute(f"PRAGMA user_version = {version}")
    finally:
        conn.close()


def backup_of(path: Path, version: int, table: str) -> tuple[int, set[str]]:
    """The board format of the backup an upgrade from ``version`` left, and ``table``'s columns there."""
    backup = sqlite3.connect(path.with_name(f"{path.name}.v{version}.bak"))
    try:
        found = backup.execute("PRAGMA user_version").fetchone()[0]
        return found, {row[1] for row in backup.execute(f"PRAGMA table_info({table})")}
    finally:
        backup.close()


def reopened_board(path: Path) -> Board:
    """The board as the file holds it after the upgraded document was closed."""
    reopened = Document.open(path)
    try:
        return reopened.board
    finally:
        reopened.close()


def make_version_1(path: Path) -> None:
    """Turn a board file into what pmdesk's first board format wrote (no start time, no hint flags)."""

    def take_away(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE session DROP COLUMN start_time")
        conn.execute("ALTER TABLE cards DROP COLUMN hint_silenced")
        conn.execute("ALTER TABLE cards DROP COLUMN pending")
        drop_current_phase_and_page(conn)

    make_older(path, 1, take_away)


def test_a_version_1_board_gains_the_session_start_and_card_hints(demo_file: Path) -> None:
    make_version_1(demo_file)
    document = Document.open(demo_file)
    try:
        expected = demo_board()
        expected.session.start_time = None  # version 1 had no start time
        assert document.board == expected
        document.apply(set_card_hint_silenced(document.board, "c3", True))
        document.apply(set_session_field(document.board, "start_time", "09:30"))
    finally:
        document.close()
    backup = demo_file.with_name("demo.pmdesk.v1.bak")
    conn = sqlite3.connect(backup)  # the version-1 board as it was, beside the upgraded one
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "hint_silenced" not in {row[1] for row in conn.execute("PRAGMA table_info(cards)")}
    finally:
        conn.close()
    reopened = Document.open(demo_file)
    try:
        assert reopened.board.cards[2].hint_silenced and reopened.board.session.start_time == "09:30"
    finally:
        reopened.close()
    assert board_file.SCHEMA_VERSION >= 2


def test_a_version_2_board_gains_pending_cards(demo_file: Path) -> None:
    def take_away(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE cards DROP COLUMN pending")
        drop_current_phase_and_page(conn)

    make_older(demo_file, 2, take_away)
    document = Document.open(demo_file)
    try:
        assert document.board == demo_board()  # every card of an older board is revealed
        document.apply(add_device_card(document.board, "dev1", "lessons", "From a phone", None))
    finally:
        document.close()
    backup = sqlite3.connect(demo_file.with_name("demo.pmdesk.v2.bak"))
    try:  # the version-2 board as it was, beside the upgraded one
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 2
        assert "pending" not in {row[1] for row in backup.execute("PRAGMA table_info(cards)")}
        assert backup.execute("SELECT count(*) FROM cards").fetchone()[0] == len(demo_board().cards)
    finally:
        backup.close()
    reopened = Document.open(demo_file)
    try:
        assert [card.id for card in reopened.board.cards if card.pending] == ["dev1"]
    finally:
        reopened.close()
    assert board_file.SCHEMA_VERSION >= 3


def test_a_version_3_board_gains_where_the_meeting_stands(demo_file: Path) -> None:
    make_older(demo_file, 3, drop_current_phase_and_page)
    document = Document.open(demo_file)
    try:
        assert document.board == demo_board()  # an older board's meeting has not begun
        document.apply(set_session_field(document.board, "current_phase", "discussion"))
        document.apply(set_session_field(document.board, "current_page", "focus"))
    finally:
        document.close()
    version, columns = backup_of(demo_file, 3, "session")  # the version-3 board as it was, beside
    assert version == 3
    assert "current_phase" not in columns
    session = reopened_board(demo_file).session
    assert (session.current_phase, session.current_page) == ("discussion", "focus")
    assert board_file.SCHEMA_VERSION >= 4


def test_a_version_4_board_gains_the_item_in_focus(demo_file: Path) -> None:
    def take_away(conn: sqlite3.Connection) -> None:
        drop_current_item(conn)
        conn.execute("UPDATE session SET current_phase = 'discussion', current_page = 'focus'")

    make_older(demo_file, 4, take_away)
    document = Document.open(demo_file)
    try:
        session = document.board.session
        assert (session.current_phase, session.current_page, session.current_item) == (
            "discussion",
            "focus",
            None,  # an older board's discussion comes back at its first item
        )
        document.apply(set_session_field(document.board, "current_item", "c3"))
    finally:
        document.close()
    version, columns = backup_of(demo_file, 4, "session")  # the version-4 board as it was, beside
    assert version == 4
    assert "current_item" not in columns
    assert reopened_board(demo_file).session.current_item == "c3"
    assert board_file.SCHEMA_VERSION >= 5


def test_a_version_5_board_gains_whether_the_cards_were_revealed(demo_file: Path) -> None:
    make_older(demo_file, 5, drop_cards_revealed)
    document = Document.open(demo_file)
    try:
        assert document.board == demo_board()  # an older board's cards are face down until revealed
        assert not document.board.session.cards_revealed
        document.apply(reveal_cards(document.board))
    finally:
        document.close()
    version, columns = backup_of(demo_file, 5, "session")  # the version-5 board as it was, beside
    assert version == 5
    assert "cards_revealed" not in columns
    assert reopened_board(demo_file).session.cards_revealed
    assert board_file.SCHEMA_VERSION == 6


def test_a_failed_write_changes_neither_file_nor_memory(demo_file: Path) -> None:
    document = Document.open(demo_file)
    try:
        before = sha256(demo_file)
        batch = add_card(document.board, "lessons", "ok", card_id="c1")  # a duplicate primary key
        with pytest.raises(BoardFileError, match="could not be saved"):
            document.apply(batch)
        assert document.board == demo_board()
        assert sha256(demo_file) == before
    finally:
        document.close()


@pytest.mark.slow  # fifty processes killed mid-edit: about 25 s, and fewer kills on a loaded machine
def test_sigkill_never_loses_a_committed_edit(tmp_path: Path) -> None:
    path = tmp_path / "killed.pmdesk"
    create_file(path, demo_board())
    rng = random.Random(20261126)
    reported: list[str] = []
    deadline = time.monotonic() + 180  # a bound for a hung child, not a speed test (the machine may be busy)
    kills = 0
    while kills < 50 and time.monotonic() < deadline:
        child = subprocess.Popen(
            [sys.executable, str(HERE / "edit_child.py"), str(path), f"k{kills}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        first = child.stdout.readline().strip()
        assert first, "the child committed nothing"
        reported.append(first)
        time.sleep(rng.uniform(0, 0.06))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        reported.extend(line for line in out.split() if line)
        assert child.returncode == -signal.SIGKILL
        kills += 1
    assert kills >= 50
    file = BoardFile.open(path)
    try:
        assert file.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {card.id for card in file.read().cards}
    finally:
        file.close()
    missing = [card_id for card_id in reported if card_id not in stored]
    assert missing == []
    assert len(reported) > 50


def test_snapshot_reads_a_board_that_is_open_for_editing(tmp_path: Path) -> None:
    path = tmp_path / "open.pmdesk"
    document = Document.create(path)
    document.apply(add_card(document.board, "went-well", "written while open", card_id="c-open"))
    snapshot = BoardFile.read_snapshot(path)
    document.close()
    assert [card.text for card in snapshot.cards] == ["written while open"]
