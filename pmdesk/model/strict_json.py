"""JSON text parsed strictly: a key given twice, NaN and Infinity are refused; any integer parses.

Python's own parser keeps the last of two equal keys without a word, accepts ``NaN`` (not JSON),
and raises a bare ValueError for an integer of more than 4,300 digits. Every JSON that pmdesk
reads from a person (boards, section templates, dragged cards) goes through :func:`loads`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pmdesk.model.shown import quoted_text

# Integers longer than this are kept approximately (they are far outside every range pmdesk
# accepts) and shown in messages by their first digits and their length.
EXACT_DIGITS = 40
SHOWN_DIGITS = 12
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class JsonError(ValueError):
    """JSON that pmdesk does not read: where (a JSON path, may be empty) and why, for the user."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


class HugeInt(int):
    """An integer literal too long to keep exactly; compares as a number of its size and sign."""

    digits: int
    text: str

    def __new__(cls, literal: str) -> HugeInt:
        """The number written as ``literal`` (a JSON integer), kept to its sign and magnitude."""
        negative = literal.startswith("-")
        digits = len(literal) - negative
        value = int(literal) if digits <= EXACT_DIGITS else (-1 if negative else 1) * 10 ** (EXACT_DIGITS + 1)
        self = super().__new__(cls, value)
        self.digits = digits
        self.text = f"{literal[: SHOWN_DIGITS + negative]}… ({digits:,} digits)"
        return self

    def __repr__(self) -> str:
        """Its first digits and how many there are."""
        return self.text

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        """As :meth:`__repr__`, whatever the format spec."""
        return self.text


def _parse_int(literal: str) -> int:
    return int(literal) if len(literal) <= 20 else HugeInt(literal)


def _refuse_constant(name: str) -> Any:
    raise JsonError("", f"not JSON ({name} is not a JSON number)")


class _Pairs(dict[str, Any]):
    """An object that had a key more than once (the first such key is kept for the message)."""

    duplicate: str


def loads(text: str) -> Any:
    """Parse JSON text; JsonError with a located one-line message for anything pmdesk refuses."""
    seen_duplicate = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal seen_duplicate
        result = dict(items)
        if len(result) == len(items):
            return result
        seen_duplicate = True
        marked = _Pairs(result)
        keys: set[str] = set()
        for key, _value in items:
            if key in keys:
                marked.duplicate = key
                break
            keys.add(key)
        return marked

    try:
        value = json.loads(
            text, object_pairs_hook=pairs, parse_int=_parse_int, parse_constant=_refuse_constant
        )
    except json.JSONDecodeError as error:
        raise JsonError("", f"not JSON ({error.msg} at line {error.lineno} column {error.colno})") from error
    except RecursionError as error:
        raise JsonError("", "not JSON (nested too deeply)") from error
    if seen_duplicate:
        _refuse_duplicates(value)
    return value


def key_path(path: str, key: str) -> str:
    """``path`` followed by an object's key: ``.name``, or ``["odd key"]`` for any other key."""
    if _NAME.match(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{quoted_text(key)}]"


def _refuse_duplicates(value: Any) -> None:
    """Raise JsonError at the first object (in reading order) that has a key twice."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, _Pairs):
            raise JsonError(key_path(path, item.duplicate), "the key is given more than once")
        if isinstance(item, dict):
            stack.extend(reversed([(key_path(path, k), v) for k, v in item.items()]))
        elif isinstance(item, list):
            stack.extend(reversed([(f"{path}[{i}]", v) for i, v in enumerate(item)]))
