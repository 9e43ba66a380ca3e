"""The library's index: incremental, read-only on boards, stemmed and CJK search, bad files named."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from pmdesk.library import index as index_module
from pmdesk.library.index import Library, LibraryError
from pmdesk.library.text import MARK_END, MARK_START
from pmdesk.store.schema import SCHEMA_VERSION
from tests.library.boards import board, write


def files(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the hash of its bytes and its modification time."""
    return {
        str(p.relative_to(folder)): f"{hashlib.sha256(p.read_bytes()).hexdigest()} {p.stat().st_mtime_ns}"
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "boards"
    write(root / "2026" / "db.pmdesk", board("Database failover", ["We were Restoring the replica by hand"]))
    write(
        root / "dns.pmdesk",
        board("DNS outage", ["監控告警在七分钟后才触发", "The restore drill was skipped"]),
    )
    return root


def test_stemming_and_any_case_find_every_form(library: Library, folder: Path) -> None:
    library.update([folder])
    texts = {hit.text for hit in library.search([folder], "restore")}
    assert "We were Restoring the replica by hand" in texts
    assert "The restore drill was skipped" in texts
    assert {hit.text for hit in library.search([folder], "RESTORED")} == texts
    hit = next(h for h in library.search([folder], "restore") if "replica" in h.text)
    assert ("Restoring", True) in hit.segments
    assert hit.kind == "card" and hit.board.title == "Database failover"
    assert hit.board.path == (folder / "2026" / "db.pmdesk").resolve()


def test_cjk_is_found_by_any_substring_of_two_or_more_characters(library: Library, folder: Path) -> None:
    library.update([folder])
    for query in ("告警", "七分钟", "監控告警在七分钟后才触发"):
        hits = library.search([folder], query)
        assert [hit.board.title for hit in hits] == ["DNS outage"], query
    assert ("告警", True) in library.search([folder], "告警")[0].segments
    assert library.search([folder], "警在七分钟后才触发了") == []  # not a substring
    assert library.search([folder], "告") == []  # one character is too short to mean anything


def test_words_and_cjk_together_must_both_match(library: Library, folder: Path) -> None:
    write(folder / "mixed.pmdesk", board("Mixed", ["告警 came late after the restore"]))
    library.update([folder])
    assert [h.board.title for h in library.search([folder], "restore 告警")] == ["Mixed"]


def test_query_syntax_is_plain_text(library: Library, folder: Path) -> None:
    library.update([folder])
    for query in ('"', "NEAR(", "a OR", "*", "col:x", "^", "'); DROP TABLE boards; --", ""):
        library.search([folder], query)  # never an FTS5 syntax error
    assert library.search([folder], '(replica*) "hand"')[0].board.title == "Database failover"
    assert library.search([folder], "replica OR nothing") == []  # OR is a word here, not an operator


def test_an_unchanged_library_is_not_read_again(
    library: Library, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = library.update([folder])
    assert (first.indexed, first.unchanged) == (2, 0)
    reads: list[Path] = []
    real = index_module.read_board
    monkeypatch.setattr(index_module, "read_board", lambda path: reads.append(path) or real(path))
    again = library.update([folder])
    assert (again.indexed, again.unchanged, reads) == (0, 2, [])
    write(folder / "dns.pmdesk", board("DNS outage, revised", ["Now about certificates"]))
    changed = library.update([folder])
    assert (changed.indexed, changed.unchanged) == (1, 1)
    assert reads == [(folder / "dns.pmdesk").resolve()]
    assert library.search([folder], "certificate")[0].board.title == "DNS outage, revised"
    assert library.search([folder], "drill") == []  # the old text is gone from the index


def test_moved_and_deleted_boards_are_noticed(
    library: Library, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library.update([folder])
    (folder / "archive").mkdir()
    os.rename(folder / "dns.pmdesk", folder / "archive" / "dns-2026.pmdesk")
    monkeypatch.setattr(index_module, "read_board", lambda path: pytest.fail(f"read {path}"))
    report = library.update([folder])
    assert (report.moved, report.indexed, report.removed) == (1, 0, 0)
    assert (
        library.search([folder], "drill")[0].board.path == (folder / "archive" / "dns-2026.pmdesk").resolve()
    )
    (folder / "2026" / "db.pmdesk").unlink()
    report = library.update([folder])
    assert report.removed == 1
    assert library.search([folder], "replica") == []
    assert [info.title for info in library.boards([folder]).values()] == ["DNS outage"]


def test_bad_files_are_named_with_their_reason_and_never_written(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "boards"
    write(folder / "good.pmdesk", board("Good board", ["fine"]))
    (folder / "notes.pmdesk").write_text("just some notes\n")
    (folder / "empty.pmdesk").write_bytes(b"")
    foreign = sqlite3.connect(folder / "foreign.pmdesk")
    foreign.execute("CREATE TABLE t (x)")
    foreign.commit()
    foreign.close()
    newer = write(folder / "newer.pmdesk", board("From the future"))
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    good = (folder / "good.pmdesk").read_bytes()
    (folder / "truncated.pmdesk").write_bytes(good[: len(good) // 2])
    crashed = write(folder / "crashed.pmdesk", board("Crashed mid-edit"))
    crashed.with_name("crashed.pmdesk-journal").write_bytes(
        b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\x00" * 504
    )
    before = files(folder)

    report = library.update([folder])
    reasons = {problem.path.name: problem.reason for problem in report.problems}
    assert report.indexed == 1
    assert reasons["notes.pmdesk"] == "not a pmdesk board (not an SQLite database)"
    assert "empty" in reasons["empty.pmdesk"]
    assert "not a pmdesk board" in reasons["foreign.pmdesk"]
    assert "newer pmdesk" in reasons["newer.pmdesk"]
    assert "truncated" in reasons["truncated.pmdesk"]
    assert "crash" in reasons["crashed.pmdesk"] and "recover" in reasons["crashed.pmdesk"]
    assert files(folder) == before  # nothing recovered, created or touched in the library folder
    again = library.update([folder])
    assert {p.path.name: p.reason for p in again.problems} == reasons  # named again on each update
    assert files(folder) == before


def test_a_board_locked_by_a_writer_is_skipped_and_read_once_free(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "boards"
    path = write(folder / "busy.pmdesk", board("Busy board", ["pager"]))
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA locking_mode = EXCLUSIVE")
    writer.execute("BEGIN EXCLUSIVE")
    try:
        report = library.update([folder])
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert [p.reason for p in report.problems] == ["locked by another program that is writing it; try again"]
    assert library.update([folder]).indexed == 1  # a passing lock is not remembered as a fault
    assert library.search([folder], "pager")[0].board.title == "Busy board"


def test_a_wal_board_is_read_without_creating_files_beside_it(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "boards"
    path = write(folder / "wal.pmdesk", board("Write-ahead board", ["logged"]))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    before = files(folder)
    assert library.update([folder]).indexed == 1
    assert files(folder) == before
    assert library.search([folder], "logged")[0].board.title == "Write-ahead board"


def test_the_index_lives_in_the_cache_and_never_in_the_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "boards"
    write(folder / "a.pmdesk", board("A"))
    library = Library()
    try:
        assert library.index_path == tmp_path / "cache" / "pmdesk" / "library.sqlite3"
        library.update([folder])
        assert sorted(p.name for p in folder.iterdir()) == ["a.pmdesk"]
        with pytest.raises(LibraryError, match="holds the library's own index"):
            library.update([tmp_path])
        with pytest.raises(LibraryError, match="no such folder"):
            library.update([tmp_path / "missing"])
    finally:
        library.close()


def test_a_damaged_index_is_rebuilt(tmp_path: Path, folder: Path) -> None:
    index = tmp_path / "cache" / "index.sqlite3"
    index.parent.mkdir()
    index.write_bytes(b"garbage" * 100)
    library = Library(index)
    try:
        assert library.update([folder]).indexed == 2
    finally:
        library.close()


def test_search_is_limited_to_the_folders_asked(library: Library, tmp_path: Path, folder: Path) -> None:
    other = tmp_path / "other"
    write(other / "x.pmdesk", board("Elsewhere", ["restore elsewhere"]))
    library.update([folder, other])
    assert {h.board.title for h in library.search([other], "restore")} == {"Elsewhere"}
    assert "Elsewhere" not in {h.board.title for h in library.search([folder], "restore")}
    assert len(library.search([folder, other], "restore", limit=2)) == 2


def test_highlight_markers_cannot_be_forged_by_card_text(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "boards"
    hostile = f"{MARK_START}forged{MARK_END} <b>bold</b> & <img src=x> pager"
    write(folder / "h.pmdesk", board("Hostile", [hostile]))
    library.update([folder])
    (hit,) = [h for h in library.search([folder], "pager") if h.kind == "card"]
    assert [text for text, matched in hit.segments if matched] == ["pager"]
    assert hit.text == "forged <b>bold</b> & <img src=x> pager"


def test_hits_are_grouped_by_board_best_first(library: Library, folder: Path) -> None:
    write(folder / "z.pmdesk", board("Restore, restore, restore", ["restore"] * 3))
    library.update([folder])
    hits = library.search([folder], "restore")
    titles = [h.board.title for h in hits]
    assert titles == sorted(titles, key=titles.index)  # each board's hits together
    assert titles[0] == "Restore, restore, restore"


def test_a_long_card_gives_a_short_one_line_snippet(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "boards"
    text = ("padding words here\n" * 5000) + "the needle\tis here " + ("more text\n" * 5000)
    write(folder / "long.pmdesk", board("Long", [text]))
    library.update([folder])
    (hit,) = library.search([folder], "needle")
    assert "\n" not in hit.text and "\t" not in hit.text and len(hit.text) < 200
    assert hit.segments[0] == ("…", False) and hit.segments[-1] == ("…", False)


def test_the_index_survives_a_board_replaced_by_one_of_another_kind(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "boards"
    path = write(folder / "a.pmdesk", board("Was fine", ["pager"]))
    library.update([folder])
    path.write_text("now a text file, not a board")
    report = library.update([folder])
    assert [p.path.name for p in report.problems] == ["a.pmdesk"]
    assert library.search([folder], "pager") == []  # what it said before is no longer offered


def test_a_board_being_saved_in_a_window_is_read_once_the_commit_ends(tmp_path: Path) -> None:
    """A board open in pmdesk met in the middle of a commit (its journal written, the board's
    pages being written) is read once that commit ends, not skipped as "being saved"."""
    import threading
    import time

    from pmdesk.library.reading import read_board
    from pmdesk.store import opening
    from pmdesk.store.document import Document

    path = write(tmp_path / "boards" / "open.pmdesk", board("Open board", ["x" * 2000] * 300))
    document = Document.open(path)  # holds pmdesk's lock, as the window does
    commit = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        commit.execute("PRAGMA cache_size = 1")  # the change spills: the journal is synced, the board written
        commit.execute("BEGIN IMMEDIATE")
        commit.execute("UPDATE cards SET text = text || 'y'")
        assert opening.has_hot_journal(path)
        threading.Timer(0.3, lambda: commit.execute("COMMIT")).start()
        started = time.monotonic()
        cards = read_board(path).cards
        assert time.monotonic() - started >= 0.25  # it waited for the commit
        assert all(card.text.endswith("y") for card in cards)  # and read the committed board
    finally:
        while commit.in_transaction:
            time.sleep(0.01)
        commit.close()
        document.close()


def test_a_board_still_being_saved_keeps_its_entry_until_read_again(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from pmdesk.library import reading
    from pmdesk.store.document import Document

    folder = tmp_path / "boards"
    path = write(folder / "open.pmdesk", board("Open board", ["pager"] + ["x" * 2000] * 300))
    assert library.update([folder]).indexed == 1
    monkeypatch.setattr(reading, "COMMIT_WAIT_S", 0.0)  # a commit longer than the library waits
    document = Document.open(path)
    commit = sqlite3.connect(path, isolation_level=None)
    try:
        commit.execute("PRAGMA cache_size = 1")
        commit.execute("BEGIN IMMEDIATE")
        commit.execute("UPDATE cards SET text = text || 'y'")
        os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))  # the board changed on disk
        report = library.update([folder])
        assert [p.reason for p in report.problems] == ["being saved in a pmdesk window; try again"]
        assert library.search([folder], "pager")[0].board.title == "Open board"  # not gone meanwhile
    finally:
        commit.execute("COMMIT")
        commit.close()
        document.close()
    assert library.update([folder]).indexed == 1
