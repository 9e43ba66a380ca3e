"""Earlier incidents like a board: the library's boards with the same services or similar text.

Similar text is judged on the incident's facts and themes (title, summary, impact, initial
response, theme labels): the significant terms of this board that other boards' facts and themes
(or their cards) also hold, weighted by how rare each term is in the library. Qt-free.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pmdesk.library.index import ActionRow, BoardInfo, Library
from pmdesk.library.recurs import terms
from pmdesk.library.register import select, today
from pmdesk.model.board import Board
from pmdesk.report.related import RelatedAction, RelatedIncident

QUERY_TERMS = 16  # the board's terms asked of the index
MIN_SHARED_TERMS = 2  # a board is similar when its facts and themes share this many terms
_SOURCES = ("incident", "theme", "card")
_FIELDS = ("title", "summary", "impact", "initial_response")


@dataclass(frozen=True)
class Related:
    """An earlier incident like the board, why, and its open actions."""

    board: BoardInfo
    services: tuple[str, ...]
    similar: tuple[str, ...]
    score: float
    open_actions: tuple[ActionRow, ...]

    def for_report(self, on: str | None = None, same_services_only: bool = True) -> RelatedIncident:
        """As the report shows it: its open actions only when it shares a service (by default)."""
        day = on or today()
        shown = self.open_actions if (self.services or not same_services_only) else ()
        return RelatedIncident(
            self.board.title,
            self.board.date,
            self.services,
            self.similar,
            tuple(RelatedAction(a.text, a.owner, a.due, a.status, a.overdue(day)) for a in shown),
        )


def board_terms(board: Board) -> dict[str, str]:
    """The board's significant terms from its facts and theme labels (stem -> word), title first."""
    incident = board.incident
    found: dict[str, str] = {}
    for text in [*(getattr(incident, name) for name in _FIELDS), *(theme.label for theme in board.themes)]:
        for key, word in terms(text).items():
            found.setdefault(key, word)
    return found


def related(
    library: Library,
    folders: Iterable[Path],
    board: Board,
    path: Path | None = None,
    limit: int = 5,
) -> list[Related]:
    """The library's incidents most like ``board`` (not itself, nor a copy of it), most alike first."""
    roots = list(folders)
    boards = library.boards(roots)
    own = path.resolve() if path is not None else None
    incident = board.incident
    mine = {s.casefold(): s for s in incident.services if s.strip()}

    def itself(info: BoardInfo) -> bool:
        same_copy = bool(incident.reference) and (info.reference, info.title) == (
            incident.reference,
            incident.title,
        )
        return info.path == own or same_copy

    candidates = {i: info for i, info in boards.items() if not itself(info)}
    if not candidates:
        return []
    shared_services = {
        board_id: tuple(mine[s.casefold()] for s in info.services if s.casefold() in mine)
        for board_id, info in candidates.items()
    }
    shared_terms = _shared_terms(library, board, candidates, len(boards))
    scored = []
    for board_id, info in candidates.items():
        services = tuple(dict.fromkeys(shared_services[board_id]))
        found = shared_terms.get(board_id, [])
        similar = len(found) >= MIN_SHARED_TERMS
        if not services and not similar:
            continue
        weight = sum(w for _word, w in found) if similar else 0.0
        scored.append(
            (3.0 * len(services) + weight, info, services, tuple(w for w, _ in found) if similar else ())
        )
    scored.sort(key=lambda item: (-item[0], item[1].date is None, _desc(item[1].date), str(item[1].path)))
    chosen = scored[:limit]
    wanted = {info.id for _s, info, _sv, _sm in chosen}
    actions: dict[int, list[ActionRow]] = {}
    for row in select(library.actions(roots), open_only=True):
        if row.board.id in wanted:
            actions.setdefault(row.board.id, []).append(row)
    return [
        Related(info, services, similar[:6], score, tuple(actions.get(info.id, [])))
        for score, info, services, similar in chosen
    ]


def _desc(date: str | None) -> tuple[int, ...]:
    return tuple(-ord(c) for c in (date or ""))


def _shared_terms(
    library: Library, board: Board, candidates: dict[int, BoardInfo], total: int
) -> dict[int, list[tuple[str, float]]]:
    """For each candidate board, the board's terms its facts and themes hold, with their weights."""
    words = list(board_terms(board).values())[:QUERY_TERMS]
    marks = ", ".join("?" * len(_SOURCES))
    found: dict[int, list[tuple[str, float]]] = {}
    for word in words:
        match = '"' + word.replace('"', '""') + '"'
        if any(not ch.isascii() for ch in word):
            sql = "SELECT DISTINCT e.board FROM cjk JOIN entries e ON e.id = cjk.rowid WHERE cjk MATCH ?"
        else:
            sql = (
                "SELECT DISTINCT e.board FROM words JOIN entries e ON e.id = words.rowid WHERE words MATCH ?"
            )
        rows = library.conn.execute(f"{sql} AND e.kind IN ({marks})", [match, *_SOURCES]).fetchall()
        holding = [row[0] for row in rows if row[0] in candidates]
        if not holding:
            continue
        weight = math.log(1 + total / len(rows))
        for board_id in holding:
            found.setdefault(board_id, []).append((word, weight))
    return found


def related_for_report(
    library: Library, folders: Iterable[Path], board: Board, path: Path | None = None, limit: int = 5
) -> list[RelatedIncident]:
    """The related incidents as the PDF report's "Related incidents" section takes them."""
    return [item.for_report() for item in related(library, folders, board, path, limit)]
