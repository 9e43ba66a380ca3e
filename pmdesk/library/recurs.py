"""What recurs across a library: themes and card texts that come back, incidents per quarter, and
how long incidents took to detect, mitigate and resolve over time. Qt-free; read from the index.
"""

from __future__ import annotations

import functools
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pmdesk.library.index import BoardInfo, Library
from pmdesk.library.text import CJK_RUN
from pmdesk.model.times import human_duration, parse_time

RECURRING_KINDS = ("theme", "card")
MIN_INCIDENTS = 2  # a term is recurring when the texts of at least this many incidents hold it
MAX_TERMS = 300  # the most frequent recurring terms considered for grouping
GROUP_OVERLAP = 0.6  # terms group together when this share of the texts holding either hold both
COVERED = 0.8  # a lone term is left out when groups of several terms already show this share of its texts
EXAMPLES = 3  # texts kept per group beyond one for each board

_WORD = re.compile(r"[^\W\d_][\w'-]*")
_STOP_TEXT = (
    "a about above after again against all also am an and any are as at be because been before being "
    "below between both but by can could did do does doing down during each few for from further had "
    "has have having he her here hers him his how i if in into is it its itself just me more most my "
    "no nor not now of off on once only or other our ours out over own same she should so some such "
    "than that the their theirs them then there these they this those through to too under until up "
    "very was we were what when where which while who whom why will with would you your yours get got "
    "one two via per us let lot make made use used using didn don't doesn't isn't wasn't weren't"
)
STOPWORDS = frozenset(_STOP_TEXT.split())


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A word reduced to a rough stem, so 'restore', 'restored' and 'restoring' group together."""
    word = word.casefold().strip("'-")
    for suffix in ("ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            return word + ("y" if suffix == "ies" else "")
    return word


def terms(text: str) -> dict[str, str]:
    """The text's significant terms: each stem with the first surface form it had (CJK as pairs)."""
    found: dict[str, str] = {}
    for run in CJK_RUN.findall(text):
        for i in range(max(len(run) - 1, 1)):
            pair = run[i : i + 2]
            if len(pair) == 2:
                found.setdefault(pair, pair)
    for word in _WORD.findall(CJK_RUN.sub(" ", text)):
        lowered = word.casefold().rstrip("'-")  # a closing quote or a dash is not part of the word
        if len(lowered) < 3 or lowered in STOPWORDS:
            continue
        found.setdefault(stem(lowered), lowered)
    return found


@dataclass(frozen=True)
class RecurringText:
    """One theme or card of one board that holds a recurring term."""

    board: BoardInfo
    kind: str  # "theme" or "card"
    text: str


@dataclass(frozen=True)
class Recurrence:
    """Texts that come back across incidents, grouped by the terms they share."""

    terms: tuple[str, ...]  # the lead term first
    boards: tuple[BoardInfo, ...]  # newest incident first
    texts: tuple[RecurringText, ...]  # a few examples, one per board first
    count: int  # how many texts hold the lead term

    @property
    def incidents(self) -> int:
        """In how many incidents the texts appear."""
        return len(self.boards)

    @property
    def label(self) -> str:
        """The group's terms as one line."""
        return " · ".join(self.terms)


def recurring(
    library: Library, folders: Iterable[Path], min_incidents: int = MIN_INCIDENTS, limit: int = 50
) -> list[Recurrence]:
    """Themes and card texts that come back in at least ``min_incidents`` incidents, most widespread first."""
    boards = library.boards(folders)
    if not boards:
        return []
    marks = ", ".join("?" * len(RECURRING_KINDS))
    rows = library.conn.execute(
        f"SELECT board, kind, text FROM entries WHERE kind IN ({marks}) ORDER BY board, id", RECURRING_KINDS
    )
    texts: list[RecurringText] = []
    by_term: dict[str, list[int]] = defaultdict(list)  # stem -> positions in texts
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    for board_id, kind, text in rows:
        info = boards.get(board_id)
        if info is None:
            continue
        position = len(texts)
        texts.append(RecurringText(info, kind, " ".join(text.split())))
        for key, form in terms(text).items():
            by_term[key].append(position)
            surface[key][form] += 1
    board_sets = {key: frozenset(texts[p].board.id for p in found) for key, found in by_term.items()}
    candidates = [key for key, ids in board_sets.items() if len(ids) >= min_incidents]
    candidates.sort(key=lambda key: (-len(board_sets[key]), -len(by_term[key]), key))
    candidates = candidates[:MAX_TERMS]
    members = {key: _bits(by_term[key], len(texts)) for key in candidates}
    used: set[str] = set()
    formed: list[tuple[list[str], int]] = []
    for lead in candidates:
        if lead in used:
            continue
        used.add(lead)
        held = members[lead]
        joined = [key for key in candidates if key not in used and _alike(members[key], held)]
        used.update(joined)
        formed.append(([lead, *joined], held))  # the texts as a bit set: one bit per text
    # A lone word whose texts the groups of several words already show says nothing more.
    shown = 0
    for keys, held in formed:
        if len(keys) > 1:
            shown |= held
    groups: list[Recurrence] = []
    for keys, found in formed:
        if len(keys) == 1 and (members[keys[0]] & shown).bit_count() >= COVERED * found.bit_count():
            continue
        positions = by_term[keys[0]]
        group_boards = sorted(
            {texts[p].board for p in positions},
            key=lambda b: (b.date is not None, b.date or ""),
            reverse=True,
        )
        groups.append(
            Recurrence(
                tuple(surface[key].most_common(1)[0][0] for key in keys[:4]),
                tuple(group_boards),
                _examples([texts[p] for p in positions]),
                len(positions),
            )
        )
        if len(groups) >= limit:
            break
    return groups


def _bits(positions: list[int], size: int) -> int:
    """The positions as a bit set (an int): intersecting two is fast however many texts there are."""
    flags = bytearray((size + 7) // 8)
    for position in positions:
        flags[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(flags, "little")


def _alike(some: int, other: int) -> bool:
    """True when two terms are held by mostly the same texts (Jaccard index at least GROUP_OVERLAP)."""
    return (some & other).bit_count() >= GROUP_OVERLAP * (some | other).bit_count()


def _examples(found: list[RecurringText]) -> tuple[RecurringText, ...]:
    """One text for each board (themes first), then a few other texts of theirs."""
    found = sorted(found, key=lambda t: t.kind != "theme")
    chosen: list[RecurringText] = []
    seen_boards: set[int] = set()
    for item in found:
        if item.board.id not in seen_boards:
            chosen.append(item)
            seen_boards.add(item.board.id)
    seen_texts = {item.text.casefold() for item in chosen}
    for item in found:
        if len(chosen) >= len(seen_boards) + EXAMPLES:
            break
        if item.text.casefold() not in seen_texts:
            chosen.append(item)
            seen_texts.add(item.text.casefold())
    return tuple(chosen)


# --- incidents per quarter, and times ---------------------------------------------------------


def quarter_of(date: str | None) -> str | None:
    """'2026-Q4' for a date in October to December 2026; None for no or a malformed date."""
    if not date or len(date) < 7 or not date[:4].isdigit() or not date[5:7].isdigit():
        return None
    month = int(date[5:7])
    if not 1 <= month <= 12:
        return None
    return f"{date[:4]}-Q{(month - 1) // 3 + 1}"


def quarters_between(first: str, last: str) -> list[str]:
    """Every quarter from ``first`` to ``last`` (both 'YYYY-Qn'), so gaps show as empty quarters."""
    year, q = int(first[:4]), int(first[-1])
    found: list[str] = []
    while (year, q) <= (int(last[:4]), int(last[-1])) and len(found) < 400:
        found.append(f"{year:04d}-Q{q}")
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return found


@dataclass
class QuarterCount:
    """How many incidents a quarter had, by kind and by severity."""

    quarter: str
    by_kind: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        """Every incident of the quarter."""
        return sum(self.by_kind.values())


def per_quarter(boards: Iterable[BoardInfo]) -> list[QuarterCount]:
    """Incidents per quarter by kind and severity, oldest quarter first, empty quarters included."""
    counts: dict[str, QuarterCount] = {}
    for info in boards:
        quarter = quarter_of(info.date)
        if quarter is None:
            continue
        count = counts.setdefault(quarter, QuarterCount(quarter))
        count.by_kind[info.kind or "unknown"] += 1
        count.by_severity[info.severity or "unrated"] += 1
    if not counts:
        return []
    return [counts.get(q) or QuarterCount(q) for q in quarters_between(min(counts), max(counts))]


@dataclass(frozen=True)
class Times:
    """One incident's time to detect, mitigate and resolve, in minutes (None when not known)."""

    board: BoardInfo
    to_detect: float | None
    to_mitigate: float | None
    to_resolve: float | None


MEASURES = ("to_detect", "to_mitigate", "to_resolve")


def _minutes(start: str | None, end: str | None) -> float | None:
    try:
        begin, finish = parse_time(start), parse_time(end)
    except ValueError:
        return None
    if begin is None or finish is None or finish < begin:
        return None
    return (finish - begin).total_seconds() / 60


def incident_times(library: Library, folders: Iterable[Path]) -> list[Times]:
    """The incidents' times to detect, mitigate and resolve, oldest incident first."""
    boards = library.boards(folders)
    rows = library.conn.execute("SELECT id, started_at, detected_at, mitigated_at, resolved_at FROM boards")
    found: list[Times] = []
    for board_id, started, detected, mitigated, resolved in rows:
        info = boards.get(board_id)
        if info is None:
            continue
        times = Times(
            info, _minutes(started, detected), _minutes(started, mitigated), _minutes(started, resolved)
        )
        if any(getattr(times, m) is not None for m in MEASURES):
            found.append(times)
    found.sort(key=lambda t: (t.board.date or "", str(t.board.path)))
    return found


@dataclass(frozen=True)
class QuarterTimes:
    """The median minutes to detect, mitigate and resolve of a quarter's incidents."""

    quarter: str
    to_detect: float | None
    to_mitigate: float | None
    to_resolve: float | None
    incidents: int


def times_per_quarter(times: Iterable[Times]) -> list[QuarterTimes]:
    """Median times per quarter, oldest first (quarters without a known time left out)."""
    grouped: dict[str, list[Times]] = defaultdict(list)
    for item in times:
        quarter = quarter_of(item.board.date)
        if quarter is not None:
            grouped[quarter].append(item)
    result = []
    for quarter in sorted(grouped):
        items = grouped[quarter]
        medians: list[float | None] = []
        for measure in MEASURES:
            values = [v for v in (getattr(i, measure) for i in items) if v is not None]
            medians.append(statistics.median(values) if values else None)
        result.append(QuarterTimes(quarter, medians[0], medians[1], medians[2], len(items)))
    return result


def format_minutes(minutes: float | None) -> str:
    """Minutes as '45 min', '3 h 20 min' or '2 d 4 h' ('—' when not known)."""
    return human_duration(None if minutes is None else minutes * 60)


@dataclass
class Overview:
    """Everything the "What recurs" view shows, computed in one go (off the GUI thread)."""

    boards: int
    recurring: list[Recurrence]
    quarters: list[QuarterCount]
    times: list[QuarterTimes]


def overview(library: Library, folders: Iterable[Path]) -> Overview:
    """What recurs across the library's folders (the index brought up to date beforehand)."""
    roots = list(folders)
    boards = library.boards(roots)
    return Overview(
        len(boards),
        recurring(library, roots),
        per_quarter(boards.values()),
        times_per_quarter(incident_times(library, roots)),
    )
