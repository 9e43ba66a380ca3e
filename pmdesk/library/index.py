"""The library's index: updated incrementally from folders of boards, then searched.

Each board is known by its path, size, modification time and inode: an unchanged board is not
read again, a moved one (same size, time and inode at a new path) is renamed in the index, and
a deleted one is dropped. Bad files are remembered with their reason until they change, so each
update names them again without reading them again.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pmdesk.library.extract import action_rows, board_facts, entries
from pmdesk.library.reading import Skipped, read_board
from pmdesk.library.schema import WORDS_TOKENIZER, default_index_path, open_index
from pmdesk.library.text import MARK_END, MARK_START, Query, Segments, cjk_grams, parse_query, plain, snippet

BOARD_SUFFIX = ".pmdesk"
COMMIT_EVERY = 100  # boards per transaction while indexing (others see progress between them)
RANK_AT_MOST = 1000  # with a limit, more matches than this are not ranked (see Library.search)
Progress = Callable[[int, int], None]
Stat = tuple[int, int, int]  # size, modification time (ns), inode


class LibraryError(Exception):
    """A folder that cannot be a library (missing, or holding the index itself); for the user."""


@dataclass(frozen=True)
class BoardInfo:
    """A board of the library as the index knows it."""

    id: int
    path: Path
    title: str
    reference: str
    kind: str
    severity: str
    services: tuple[str, ...]
    date: str | None


@dataclass(frozen=True)
class Hit:
    """One text of one board that matches a search."""

    board: BoardInfo
    kind: str
    item: str
    segments: Segments  # the one-line snippet, as (text, matched) pieces

    @property
    def text(self) -> str:
        """The snippet without its highlights."""
        return plain(self.segments)


@dataclass(frozen=True)
class Problem:
    """A file of the library that was not read, and why."""

    path: Path
    reason: str


@dataclass
class UpdateReport:
    """What an update did."""

    indexed: int = 0
    unchanged: int = 0
    moved: int = 0
    removed: int = 0
    problems: list[Problem] = field(default_factory=list)
    stopped: bool = False


def resolve_folders(folders: Iterable[Path]) -> list[Path]:
    """The library's folders (or single boards) as absolute paths; LibraryError for a missing one."""
    roots: list[Path] = []
    for folder in folders:
        path = Path(folder).expanduser()
        if not path.exists():
            raise LibraryError(f"{folder}: no such folder")
        roots.append(path.resolve())
    return list(dict.fromkeys(roots))


def scan(roots: list[Path]) -> dict[str, Stat]:
    """Every .pmdesk file under the roots (hidden folders and linked folders skipped), with its stat."""
    found: dict[str, Stat] = {}
    for root in roots:
        if not root.is_dir():
            _add(found, str(root))
            continue
        for folder, folders, files in os.walk(root):
            folders[:] = sorted(name for name in folders if not name.startswith("."))
            for name in sorted(files):
                if name.lower().endswith(BOARD_SUFFIX):
                    _add(found, os.path.join(folder, name))
    return found


def _add(found: dict[str, Stat], path: str) -> None:
    try:
        info = os.stat(path)
    except OSError:
        return
    if stat.S_ISREG(info.st_mode):
        found[path] = (info.st_size, info.st_mtime_ns, info.st_ino)


def _within(path: str, roots: list[Path]) -> bool:
    return any(path == str(root) or path.startswith(str(root).rstrip("/") + "/") for root in roots)


def _reason(path: str, message: str) -> str:
    """The store's message without the file name it starts with (the full path is shown instead)."""
    prefix = os.path.basename(path) + ": "
    return message[len(prefix) :] if message.startswith(prefix) else message


class Library:
    """The index over one or more folders of boards (one index per user, in the cache folder)."""

    def __init__(self, index_path: Path | None = None) -> None:
        self.index_path = Path(index_path) if index_path is not None else default_index_path()
        self.conn = open_index(self.index_path)
        self._generation = 0  # bumped by each update: the boards' cache is stale
        self._boards_key: tuple[int, int] | None = None
        self._all_boards: list[tuple[str, BoardInfo]] = []
        self._scoped: dict[tuple[Path, ...], dict[int, BoardInfo]] = {}

    def close(self) -> None:
        """Close the index."""
        self.conn.close()

    # --- updating ------------------------------------------------------------------------

    def update(
        self,
        folders: Iterable[Path],
        progress: Progress | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> UpdateReport:
        """Bring the index up to date with the folders; read only new and changed boards."""
        roots = resolve_folders(folders)
        index = self.index_path.resolve()
        for root in roots:
            if _within(str(index), [root]):
                raise LibraryError(
                    f"{root}: holds the library's own index ({index}); set XDG_CACHE_HOME elsewhere"
                )
        found = scan(roots)
        conn = self.conn
        known = {
            path: (board_id, (size, mtime, inode))
            for board_id, path, size, mtime, inode in conn.execute(
                "SELECT id, path, size, mtime_ns, inode FROM boards"
            )
            if _within(path, roots)
        }
        failed = {
            path: (size, mtime, reason)
            for path, size, mtime, reason in conn.execute("SELECT path, size, mtime_ns, reason FROM problems")
            if _within(path, roots)
        }
        report = UpdateReport()
        changed = [path for path, info in found.items() if known.get(path, (0, None))[1] != info]
        report.unchanged = len(found) - len(changed)
        vanished = {path: row for path, row in known.items() if path not in found}
        conn.execute("BEGIN IMMEDIATE")
        try:
            by_stat = {info: (path, board_id) for path, (board_id, info) in vanished.items()}
            for path in list(changed):
                old = by_stat.pop(found[path], None) if path not in known else None
                if old is not None:
                    conn.execute("UPDATE boards SET path = ? WHERE id = ?", (path, old[1]))
                    del vanished[old[0]]
                    changed.remove(path)
                    report.moved += 1
            for _path, (board_id, _info) in vanished.items():
                self._drop(board_id)
            report.removed = len(vanished)
            conn.executemany("DELETE FROM problems WHERE path = ?", [(p,) for p in failed if p not in found])
            for done, path in enumerate(changed, start=1):
                if should_stop is not None and should_stop():
                    report.stopped = True
                    break
                self._update_one(path, found[path], known.get(path, (None, None))[0], failed, report)
                if done % COMMIT_EVERY == 0:
                    conn.execute("COMMIT")
                    conn.execute("BEGIN IMMEDIATE")
                if progress is not None:
                    progress(done, len(changed))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            self._generation += 1
            raise
        self._generation += 1
        report.problems.sort(key=lambda problem: str(problem.path))
        return report

    def _update_one(
        self,
        path: str,
        info: Stat,
        board_id: int | None,
        failed: dict[str, tuple[int, int, str]],
        report: UpdateReport,
    ) -> None:
        earlier = failed.get(path)
        if earlier is not None and earlier[:2] == info[:2]:
            report.problems.append(Problem(Path(path), earlier[2]))
            return
        try:
            board = read_board(Path(path))
        except Skipped as skipped:
            reason = _reason(path, str(skipped))
            report.problems.append(Problem(Path(path), reason))
            if board_id is not None and skipped.lasting:
                self._drop(board_id)  # a passing skip keeps what was read before, to be read again
            if skipped.lasting:
                self.conn.execute(
                    "INSERT OR REPLACE INTO problems (path, size, mtime_ns, reason) VALUES (?, ?, ?, ?)",
                    (path, info[0], info[1], reason),
                )
            return
        self.conn.execute("DELETE FROM problems WHERE path = ?", (path,))
        self._store(path, info, board_id, board)
        report.indexed += 1

    def _drop(self, board_id: int) -> None:
        conn = self.conn
        conn.execute("DELETE FROM entries WHERE board = ?", (board_id,))
        conn.execute("DELETE FROM actions WHERE board = ?", (board_id,))
        conn.execute("DELETE FROM boards WHERE id = ?", (board_id,))

    def _store(self, path: str, info: Stat, board_id: int | None, board: object) -> None:
        from pmdesk.model.board import Board

        assert isinstance(board, Board)
        conn = self.conn
        if board_id is not None:
            self._drop(board_id)
        facts = board_facts(board)
        columns = ["path", "size", "mtime_ns", "inode", *facts]
        cursor = conn.execute(
            f"INSERT INTO boards ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            (path, *info, *facts.values()),
        )
        new_id = cursor.lastrowid
        conn.executemany(
            "INSERT INTO entries (board, kind, item, text) VALUES (?, ?, ?, ?)",
            [(new_id, entry.kind, entry.item, entry.text) for entry in entries(board)],
        )
        rows = conn.execute("SELECT id, text FROM entries WHERE board = ?", (new_id,)).fetchall()
        conn.executemany("INSERT INTO words (rowid, text) VALUES (?, ?)", rows)
        grams = [(entry_id, cjk_grams(text)) for entry_id, text in rows]
        conn.executemany("INSERT INTO cjk (rowid, grams) VALUES (?, ?)", [row for row in grams if row[1]])
        conn.executemany(
            "INSERT INTO actions (board, position, action_id, text, owner, owner_email, due, priority, "
            "status, answers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(new_id, *row) for row in action_rows(board)],
        )

    # --- reading ---------------------------------------------------------------------------

    def boards(self, folders: Iterable[Path]) -> dict[int, BoardInfo]:
        """The indexed boards under the folders, by index id (newest incident first)."""
        roots = resolve_folders(folders)
        key = (self.conn.execute("PRAGMA data_version").fetchone()[0], self._generation)
        if self._boards_key != key:
            rows = self.conn.execute(
                "SELECT id, path, title, reference, kind, severity, services, date FROM boards "
                "ORDER BY date IS NULL, date DESC, path"
            )
            self._all_boards = [
                (
                    row[1],
                    BoardInfo(
                        row[0],
                        Path(row[1]),
                        row[2],
                        row[3],
                        row[4],
                        row[5],
                        tuple(json.loads(row[6])),
                        row[7],
                    ),
                )
                for row in rows
            ]
            self._boards_key = key
            self._scoped.clear()
        scope = tuple(roots)
        if scope not in self._scoped:
            self._scoped[scope] = {info.id: info for path, info in self._all_boards if _within(path, roots)}
        return self._scoped[scope]

    def search(self, folders: Iterable[Path], text: str, limit: int | None = None) -> list[Hit]:
        """The texts that match ``text`` (stemmed words, CJK substrings), grouped by board.

        The best matches by FTS5's bm25 come first, and boards in the order of their best hit; a
        board's hits in board order. With a ``limit`` and more matches than RANK_AT_MOST, the
        newest indexed matches are taken instead of ranking them all (ranking costs per match).
        """
        query = parse_query(text)
        if query.empty:
            return []
        boards = self.boards(folders)
        if not boards:
            return []
        if query.words:
            sql = "SELECT rowid FROM words WHERE words MATCH ?"
            params: list[object] = [query.words_match()]
            if query.cjk:
                sql += " AND rowid IN (SELECT rowid FROM cjk WHERE cjk MATCH ?)"
                params.append(query.cjk_match())
        else:
            sql, params = "SELECT rowid FROM cjk WHERE cjk MATCH ?", [query.cjk_match()]
        order = " ORDER BY rank"
        if limit is not None:
            count = self.conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
            order = " ORDER BY rank" if count <= RANK_AT_MOST else " ORDER BY rowid DESC"
            if len(boards) == self._board_count():
                order += f" LIMIT {int(limit)}"
        return self._hits(self._ranked(sql + order, params, boards, limit), boards, query)

    def _ranked(
        self, sql: str, params: list[object], boards: dict[int, BoardInfo], limit: int | None
    ) -> list[tuple[int, int]]:
        """(entry id, board id) of the matches in the boards, in the query's order, at most ``limit``."""
        ranked: list[tuple[int, int]] = []
        cursor = self.conn.execute(sql, params)
        while limit is None or len(ranked) < limit:
            chunk = [row[0] for row in cursor.fetchmany(500)]
            if not chunk:
                break
            owners = dict(
                self.conn.execute(
                    f"SELECT id, board FROM entries WHERE id IN ({', '.join('?' * len(chunk))})", chunk
                ).fetchall()
            )
            ranked += [(entry_id, owners[entry_id]) for entry_id in chunk if owners.get(entry_id) in boards]
        cursor.close()
        return ranked if limit is None else ranked[:limit]

    def _board_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM boards").fetchone()[0])

    def _hits(self, ranked: list[tuple[int, int]], boards: dict[int, BoardInfo], query: Query) -> list[Hit]:
        order: dict[int, int] = {}
        for _entry, board_id in ranked:
            order.setdefault(board_id, len(order))
        found: dict[int, tuple[str, str, str]] = {}
        ids = [entry_id for entry_id, _board in ranked]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = self.conn.execute(
                f"SELECT id, kind, item, text FROM entries WHERE id IN ({', '.join('?' * len(chunk))})", chunk
            )
            found.update((row[0], row[1:]) for row in rows)
        marked = self._highlighted(query, {entry_id: text for entry_id, (_k, _i, text) in found.items()})
        hits = []
        for entry_id, board_id in sorted(ranked, key=lambda pair: (order[pair[1]], pair[0])):
            kind, item, _text = found[entry_id]
            hits.append(Hit(boards[board_id], kind, item, snippet(marked[entry_id], query.cjk)))
        return hits

    def _highlighted(self, query: Query, texts: dict[int, str]) -> dict[int, str]:
        """The texts with their word matches between MARK_START and MARK_END (by FTS5's highlight()).

        Only these few texts are highlighted, in a small temporary FTS5 table with the same
        tokenizer, so the cost does not grow with the number of matches in the whole library.
        """
        if not query.words or not texts:
            return texts
        conn = self.conn
        conn.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.marking USING fts5 (text, tokenize='{WORDS_TOKENIZER}')"
        )
        conn.execute("DELETE FROM temp.marking")
        conn.executemany("INSERT INTO temp.marking (rowid, text) VALUES (?, ?)", texts.items())
        rows = conn.execute(
            "SELECT rowid, highlight(marking, 0, ?, ?) FROM temp.marking WHERE marking MATCH ?",
            [MARK_START, MARK_END, query.words_match()],
        )
        marked = dict(texts)
        marked.update(rows)
        conn.execute("DELETE FROM temp.marking")
        return marked

    # --- actions ---------------------------------------------------------------------------

    def actions(self, folders: Iterable[Path]) -> list[ActionRow]:
        """Every action of every board under the folders (sorted by due date, then board and place)."""
        boards = self.boards(folders)
        rows = self.conn.execute(
            "SELECT board, position, action_id, text, owner, owner_email, due, priority, status, answers "
            "FROM actions ORDER BY due IS NULL, due, board, position"
        )
        return [ActionRow(boards[row[0]], *row[2:]) for row in rows if row[0] in boards]


OPEN_STATUSES = ("open", "in-progress")


@dataclass(frozen=True)
class ActionRow:
    """One action of one board of the library."""

    board: BoardInfo
    action_id: str
    text: str
    owner: str
    owner_email: str
    due: str | None
    priority: str
    status: str
    answers: str

    @property
    def is_open(self) -> bool:
        """True while the action is neither done nor dropped."""
        return self.status in OPEN_STATUSES

    def overdue(self, today: str) -> bool:
        """True when the action is open and its due date (YYYY-MM-DD) is before ``today``."""
        return self.is_open and bool(self.due) and str(self.due) < today
