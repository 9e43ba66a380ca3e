"""The text of a board as the library indexes it, and a query as the index is asked it.

Latin text (and every script with spaces between words) goes to a Porter-stemming FTS5 table,
so "restore" finds "restored" and "Restoring". Chinese, Japanese and Korean are written without
spaces: each run of those characters is indexed as its overlapping character pairs, so any
substring of two or more characters is found (a trigram index cannot find a two-character one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Highlight markers inside the index: private-use characters removed from every indexed text,
# so no card can contain one and a snippet's highlights cannot be forged by what a card says.
MARK_START = "\ue000"
MARK_END = "\ue001"
_MARKERS = dict.fromkeys(map(ord, MARK_START + MARK_END))

_CJK_CHARS = (
    "\u1100-\u11ff\u3040-\u309f\u30a0-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff\uf900-\ufaff\uff66-\uff9f"
    "\U00020000-\U0003134f"
)
CJK_RUN = re.compile(f"[{_CJK_CHARS}]+")
_WORD = re.compile(r"\w+")
# Between two runs: a token no CJK query contains, so a phrase never spans two runs.
_RUN_GAP = " x "


def clean(text: str) -> str:
    """Text as the index stores it: the highlight markers taken out."""
    return text.translate(_MARKERS)


def cjk_grams(text: str) -> str:
    """The CJK runs of ``text`` as space-separated character pairs ('' when there are none)."""
    if text.isascii():
        return ""
    runs = CJK_RUN.findall(text)
    return _RUN_GAP.join(" ".join(_pairs(run)) for run in runs)


def _pairs(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)] or [run]


@dataclass(frozen=True)
class Query:
    """What the user typed, as FTS5 expressions that cannot carry FTS5 syntax of their own."""

    words: tuple[str, ...]  # Latin (and other spaced) words, each matched with stemming
    cjk: tuple[str, ...]  # CJK substrings of two or more characters

    @property
    def empty(self) -> bool:
        """True when there is nothing to search for."""
        return not self.words and not self.cjk

    def words_match(self) -> str:
        """The MATCH expression for the stemmed table: every word, each quoted (implicit AND)."""
        return " ".join('"' + word.replace('"', '""') + '"' for word in self.words)

    def cjk_match(self) -> str:
        """The MATCH expression for the CJK table: each substring as a phrase of its pairs."""
        return " ".join('"' + " ".join(_pairs(run)) + '"' for run in self.cjk)


def parse_query(text: str) -> Query:
    """Split what the user typed into words and CJK substrings (single CJK characters are ignored)."""
    text = clean(text)
    cjk = tuple(run for run in CJK_RUN.findall(text) if len(run) >= 2)
    rest = CJK_RUN.sub(" ", text)
    words = tuple(dict.fromkeys(word for word in _WORD.findall(rest)))
    return Query(words, tuple(dict.fromkeys(cjk)))


Segments = list[tuple[str, bool]]
_MARK_SPLIT = re.compile(f"([{MARK_START}{MARK_END}])")
_SPACES = re.compile(r"\s+")


def matched_ranges(marked: str, cjk: tuple[str, ...] = ()) -> tuple[str, list[tuple[int, int]]]:
    """The text without markers, and the (start, end) ranges of its matches, CJK substrings included."""
    parts: list[str] = []
    ranges: list[tuple[int, int]] = []
    position = begun = 0
    inside = False
    for part in _MARK_SPLIT.split(marked):
        if part == MARK_START:
            inside, begun = True, position
        elif part == MARK_END:
            if inside:
                ranges.append((begun, position))
            inside = False
        elif part:
            parts.append(part)
            position += len(part)
    if inside:
        ranges.append((begun, position))
    text = "".join(parts)
    for run in cjk:
        found = text.find(run)
        while found >= 0:
            ranges.append((found, found + len(run)))
            found = text.find(run, found + 1)
    return text, _merged(ranges)


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif end > start:
            merged.append((start, end))
    return merged


def snippet(marked: str, cjk: tuple[str, ...] = (), width: int = 160, before: int = 50) -> Segments:
    """One line around the first match of ``marked`` (MARK_START/MARK_END around matches), as pieces.

    White space (line breaks, tabs) is folded to single spaces, so a snippet is one line; '…'
    stands where the text is cut.
    """
    text, ranges = matched_ranges(marked, cjk)
    first = ranges[0][0] if ranges else 0
    start = max(0, first - before)
    if start:  # begin at a word
        space = _SPACES.search(text, start, first)
        start = space.end() if space else start
    end = min(len(text), start + width)
    if end < len(text):
        cut = max(text.rfind(" ", first, end), text.rfind("\n", first, end))
        end = cut if cut > first + 10 else end
    pieces: Segments = []
    position = start
    for low, high in ranges:
        low, high = max(low, start), min(high, end)
        if high <= low:
            continue
        if low > position:
            pieces.append((text[position:low], False))
        pieces.append((text[low:high], True))
        position = high
    if position < end:
        pieces.append((text[position:end], False))
    result: Segments = []
    for piece, matched in pieces:
        piece = _SPACES.sub(" ", piece)
        if result and result[-1][0].endswith(" ") and piece.startswith(" "):
            piece = piece[1:]
        if piece:
            result.append((piece, matched))
    if result:
        result[0] = (result[0][0].lstrip(" "), result[0][1])
        result[-1] = (result[-1][0].rstrip(" "), result[-1][1])
    result = [piece for piece in result if piece[0]]
    if start > 0:
        result.insert(0, ("…", False))
    if end < len(text) and text[end:].strip():
        result.append(("…", False))
    return result


def plain(segments: Segments) -> str:
    """The snippet's text without highlights."""
    return "".join(text for text, _flag in segments)
