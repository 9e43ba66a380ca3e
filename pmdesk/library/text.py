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


def marked_segments(marked: str, cjk: tuple[str, ...] = ()) -> Segments:
    """Text with MARK_START/MARK_END around matches, plus CJK substrings, as (text, matched) pieces."""
    chars: list[str] = []
    flags: list[bool] = []
    inside = False
    for char in marked:
        if char == MARK_START:
            inside = True
        elif char == MARK_END:
            inside = False
        else:
            chars.append(char)
            flags.append(inside)
    plain = "".join(chars)
    for run in cjk:
        start = plain.find(run)
        while start >= 0:
            flags[start : start + len(run)] = [True] * len(run)
            start = plain.find(run, start + 1)
    return _join(chars, flags)


def _join(chars: list[str], flags: list[bool]) -> Segments:
    segments: Segments = []
    for char, flag in zip(chars, flags, strict=True):
        if segments and segments[-1][1] == flag:
            segments[-1] = (segments[-1][0] + char, flag)
        else:
            segments.append((char, flag))
    return segments


def snippet(marked: str, cjk: tuple[str, ...] = (), width: int = 160, before: int = 50) -> Segments:
    """One line around the first match of ``marked`` (see marked_segments), '…' where it is cut.

    White space (line breaks, tabs) is folded to single spaces, so a snippet is one line.
    """
    found = [i for i in [marked.find(MARK_START), *(marked.find(run) for run in cjk)] if i >= 0]
    first = min(found) if found else 0
    low, high = max(0, first - 4 * before), first + 4 * width
    cut_front, cut_back = low > 0, high < len(marked)
    if cut_front or cut_back:
        inside = marked.rfind(MARK_START, 0, low) > marked.rfind(MARK_END, 0, low)
        marked = (MARK_START if inside else "") + marked[low:high]
    return _window(marked_segments(marked, cjk), width, before, cut_front, cut_back)


def _window(segments: Segments, width: int, before: int, cut_front: bool, cut_back: bool) -> Segments:
    chars: list[str] = []
    flags: list[bool] = []
    for text, flag in segments:
        for char in text:
            if char.isspace():
                if chars and chars[-1] == " ":
                    continue
                char = " "
            chars.append(char)
            flags.append(flag)
    first = flags.index(True) if True in flags else 0
    start = max(0, first - before)
    if start:  # begin at a word
        space = "".join(chars[start:first]).find(" ")
        start = start + space + 1 if 0 <= space < first - start else start
    end = min(len(chars), start + width)
    if end < len(chars):
        space = "".join(chars[start:end]).rfind(" ")
        end = start + space if space > first - start + 10 else end
    out_chars, out_flags = chars[start:end], flags[start:end]
    while out_chars and out_chars[0] == " ":
        out_chars, out_flags = out_chars[1:], out_flags[1:]
    while out_chars and out_chars[-1] == " ":
        out_chars, out_flags = out_chars[:-1], out_flags[:-1]
    result = _join(out_chars, out_flags)
    if start > 0 or cut_front:
        result.insert(0, ("…", False))
    if end < len(chars) or cut_back:
        result.append(("…", False))
    return result


def plain(segments: Segments) -> str:
    """The snippet's text without highlights."""
    return "".join(text for text, _flag in segments)
