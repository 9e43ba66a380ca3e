"""How the board's values are named for people and for files, in one place."""

from __future__ import annotations


def label(value: str) -> str:
    """A board enum value as words: ``in-progress`` → ``In progress``, ``customer-impact`` →
    ``Customer impact`` (incident kinds, event kinds, priorities, statuses)."""
    return value.replace("-", " ").capitalize()


def plural(count: int, word: str, words: str | None = None) -> str:
    """A count with its noun: ``1 dot``, ``3 dots``, ``0 dots``."""
    return f"{count} {word if count == 1 else words or word + 's'}"


def safe_file_stem(title: str, fallback: str = "post-mortem") -> str:
    """A file name stem from a title: letters, digits, spaces, - and _ (others become -)."""
    stem = "".join(ch if ch.isalnum() or ch in " -_" else "-" for ch in title).strip(" -")
    return stem[:80].strip() or fallback


def safe_attachment_name(name: str) -> str:
    """A file name any mail client accepts: ASCII letters, digits, ``-``, ``_`` and ``.``."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "-" for c in name)
