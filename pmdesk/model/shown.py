"""User text inside a message: one line, no terminal control, nothing that reorders the text.

Every error line on stderr and every error dialog shows file names and values through these, so
a newline cannot fake a second message, an ANSI escape cannot recolour or clear a terminal, and a
right-to-left override cannot make a name read backwards.
"""

from __future__ import annotations

import unicodedata

# Bidirectional controls (isolates, embeddings, overrides, marks): they reorder what follows them.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
MAX_QUOTED = 60


def _escaped(char: str) -> str:
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _needs_escape(char: str) -> bool:
    return char in _BIDI or unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp")


def shown(text: str) -> str:
    """``text`` with control, line-breaking, surrogate and bidi characters written as escapes."""
    if text.isprintable():
        return text  # the common case: every character this escapes is "not printable"
    return "".join(_escaped(char) if _needs_escape(char) else char for char in text)


def isolated(text: str) -> str:
    """User text set apart for the bidirectional algorithm (FSI … PDI): its direction, and any
    override or embedding it leaves open, end with it instead of reordering what follows."""
    return f"\u2068{text}\u2069"


def quoted_text(text: str, limit: int = MAX_QUOTED) -> str:
    """Text in double quotes, shortened past ``limit`` characters, with ``\\`` and ``"`` escaped too."""
    short = text if len(text) <= limit else text[: limit - 3] + "..."
    return '"' + shown(short.replace("\\", "\\\\").replace('"', '\\"')) + '"'
