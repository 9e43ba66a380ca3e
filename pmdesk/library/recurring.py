"""What recurs across incidents: the terms that theme labels and cards of several boards share."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pmdesk.library.index import BoardInfo, Library

_WORD = re.compile(r"[^\W\d_]{4,}")
# Words too common in post-mortems to say anything on their own.
_COMMON = """
    about above after again against also because been before being below between both could does doing
    down during each from further have having here into itself just more most much must nobody none only
    other ours over same should some such than that their theirs them then there these they this those
    through under until very were what when where which while whom will with would your yours
"""
STOPWORDS = frozenset(_COMMON.split())
_SUFFIXES = ("ings", "ing", "edly", "ed", "s")


def term(word: str) -> str:
    """A word folded to its rough stem, so 'alerts', 'alerting' and 'alerted' are one term."""
    word = word.casefold()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def terms(text: str) -> set[str]:
    """The distinct terms of a text (words of four letters or more, common words left out)."""
    return {term(word) for word in _WORD.findall(text) if word.casefold() not in STOPWORDS}


@dataclass(frozen=True)
class Recurrence:
    """A term that comes back in several incidents, with one example text from each."""

    term: str
    word: str  # the term as first written (lower case), to show
    examples: list[tuple[BoardInfo, str, str]]  # (board, kind, text), newest incident first

    @property
    def incidents(self) -> int:
        """In how many incidents the term appears."""
        return len(self.examples)


def recurring(
    library: Library, folders: Iterable[Path], at_least: int = 2, limit: int = 40
) -> list[Recurrence]:
    """The terms of theme labels and cards that appear in ``at_least`` incidents, most incidents first.

    A term found in nearly every board of a large library (over 80 %) says nothing and is left out.
    """
    boards = library.boards(folders)
    found: dict[str, dict[int, tuple[str, str]]] = {}
    words: dict[str, str] = {}
    rows = library.conn.execute(
        "SELECT board, kind, text FROM entries WHERE kind IN ('theme', 'card') ORDER BY kind DESC, id"
    )
    for board_id, kind, text in rows:
        if board_id not in boards:
            continue
        for word in _WORD.findall(text):
            if word.casefold() in STOPWORDS:
                continue
            each = term(word)
            words.setdefault(each, word.casefold())
            found.setdefault(each, {}).setdefault(board_id, (kind, text))
    ceiling = len(boards) * 0.8 if len(boards) >= 10 else len(boards) + 1
    order = {board_id: position for position, board_id in enumerate(boards)}
    result = [
        Recurrence(
            each,
            words[each],
            [
                (boards[b], kind, text)
                for b, (kind, text) in sorted(places.items(), key=lambda p: order[p[0]])
            ],
        )
        for each, places in found.items()
        if at_least <= len(places) < ceiling
    ]
    result.sort(key=lambda r: (-r.incidents, r.term))
    return result[:limit]
