"""The blameless-language hint: find participants' names and blaming phrases in card text.

It only finds; it never blocks an edit and never changes text. The phrases come from a plain
text file (one phrase per line, ``#`` starts a comment) so they are easy to extend.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

NAME = "name"
PHRASE = "phrase"

SUGGESTION = (
    "Could this card describe the system or the conditions instead of a person? "
    "For example: what made the mistake easy to make, or hard to notice?"
)


@dataclass(frozen=True)
class Match:
    """One finding in a text: a participant's name or a blaming phrase, as it appears."""

    kind: str
    found: str
    start: int


def parse_phrases(text: str) -> list[str]:
    """The phrases of a phrases file: one a line, blank lines and ``#`` comments skipped."""
    phrases = []
    for line in text.splitlines():
        phrase = line.split("#", 1)[0].strip()
        if phrase:
            phrases.append(phrase)
    return phrases


def _words_pattern(words: str) -> str:
    """A case-insensitive pattern for ``words`` as whole words, any spacing, any apostrophe."""
    parts = []
    for word in words.split():
        parts.append("['’]?".join(re.escape(piece) for piece in word.replace("’", "'").split("'")))
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


def name_variants(names: Iterable[str]) -> list[str]:
    """Whole participant names (at least two letters), longest first.

    Only a whole name counts: a participant called "Support lead" makes "support lead" a name,
    never "support" alone, so ordinary words of a role-like name do not fire the hint.
    """
    variants = {clean for clean in (" ".join(name.split()) for name in names) if len(clean) >= 2}
    return sorted(variants, key=lambda v: (-len(v), v.casefold()))


class BlamelessMatcher:
    """Finds names of people and blaming phrases, word by word, ignoring case."""

    def __init__(self, phrases: Iterable[str], names: Iterable[str] = ()) -> None:
        self._phrases = self._compile(sorted(set(phrases), key=len, reverse=True))
        self._names = self._compile(name_variants(names))

    @staticmethod
    def _compile(words: list[str]) -> re.Pattern[str] | None:
        if not words:
            return None
        return re.compile("|".join(_words_pattern(w) for w in words), re.IGNORECASE)

    def matches(self, text: str) -> list[Match]:
        """Every finding in ``text``, in reading order."""
        found: list[Match] = []
        for kind, pattern in ((NAME, self._names), (PHRASE, self._phrases)):
            if pattern is not None:
                found.extend(Match(kind, m.group(0), m.start()) for m in pattern.finditer(text))
        return sorted(found, key=lambda match: match.start)

    def fires(self, text: str) -> bool:
        """True when the text names someone or uses blaming phrasing."""
        return bool(self.matches(text))


def hint_message(matches: list[Match]) -> str:
    """A gentle, plain-text hint for the findings in one card."""
    names = list(dict.fromkeys(m.found for m in matches if m.kind == NAME))
    phrases = list(dict.fromkeys(m.found for m in matches if m.kind == PHRASE))
    said = []
    if names:
        said.append("names " + ", ".join(f"“{n}”" for n in names))
    if phrases:
        said.append("says " + ", ".join(f"“{p}”" for p in phrases))
    return f"This card {' and '.join(said)}. {SUGGESTION}"
