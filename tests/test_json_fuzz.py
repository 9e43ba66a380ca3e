"""`pmdesk import` on fuzzed JSON: every input is imported whole, or refused with one escaped line.

For each input: exit 0 and a board that opens, or exit 2 with exactly one `pmdesk: error:` line
(no raw control character, no traceback) and no file written, not even a temp file. Never an
internal error (exit 1).

CI runs a bounded number of examples. For a longer run:

    PMDESK_FUZZ_EXAMPLES=20000 python -m pytest tests/test_json_fuzz.py -q
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmdesk.cli import main
from pmdesk.model.demo import demo_board
from pmdesk.store.board_file import BoardFile
from pmdesk.store.json_format import board_to_json

EXAMPLES = int(os.environ.get("PMDESK_FUZZ_EXAMPLES", "150"))
BASE = board_to_json(demo_board())
BIG = re.compile(r'"@@BIG(-?)(\d+)@@"')

hostile_text = st.lists(
    st.one_of(
        st.characters(),  # every code point, lone surrogates included
        st.sampled_from(["\n", "\r", "\x1b[31m", "\x1b]0;title\x07", "\u202e", "\x00", '"', "\\", "\u2028"]),
    ),
    max_size=20,
).map("".join)
numbers = st.one_of(
    st.integers(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    # Integer literals too long for Python's int(): put into the text after json.dumps.
    st.builds(lambda sign, n: f"@@BIG{sign}{n}@@", st.sampled_from(["", "-"]), st.integers(4000, 20_000)),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, hostile_text)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=4),
    max_leaves=8,
)


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key and index path in ``data``."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths(value, (*prefix, index))
    return found


@st.composite
def board_inputs(draw: st.DrawFn) -> bytes:
    """A board's JSON with a few values replaced or removed, then perhaps damaged as text."""
    kind = draw(st.sampled_from(["board"] * 8 + ["bytes"]))
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    data: Any = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(paths(data)))
        if not path:
            data = draw(values)
            continue
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        if draw(st.integers(0, 3)) == 0:
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(values)
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    text = BIG.sub(lambda m: m.group(1) + "7" * int(m.group(2)), text)
    damage = draw(st.sampled_from(["none"] * 4 + ["truncate", "duplicate", "constant", "char"]))
    keys = list(re.finditer(r'"([A-Za-z_]+)": ', text))
    if damage == "truncate" and text:
        text = text[: draw(st.integers(0, len(text) - 1))]
    elif damage == "duplicate" and keys:
        key = draw(st.sampled_from(keys))
        text = text[: key.start()] + f'"{key.group(1)}": null, ' + text[key.start() :]
    elif damage == "constant" and keys:
        key = draw(st.sampled_from(keys))
        constant = draw(st.sampled_from(["NaN", "Infinity", "-Infinity"]))
        text = text[: key.end()] + constant + ", " + f'"{key.group(1)}x": ' + text[key.end() :]
    elif damage == "char" and text:
        at = draw(st.integers(0, len(text) - 1))
        text = text[:at] + draw(st.characters()) + text[at + 1 :]
    return text.encode("utf-8", "surrogatepass")


def check_import(raw: bytes) -> None:
    """Import ``raw``: a whole board, or one clean error line and nothing written."""
    with tempfile.TemporaryDirectory(prefix="pmdesk-fuzz-") as folder:
        source = Path(folder) / "BOARD.json"
        target = Path(folder) / "OUT.pmdesk"
        source.write_bytes(raw)
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = main(["import", str(source), str(target)])
        message = err.getvalue()
        assert status in (0, 2), message
        if status == 0:
            assert message == ""
            assert BoardFile.read_snapshot(target).incident.title.strip()
        else:
            assert message.startswith("pmdesk: error: ") and message.endswith("\n"), message
            line = message[:-1]
            assert "\n" not in line and "Traceback" not in line, message
            assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in line), repr(line)
            assert not any(
                c in line for c in "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
            )
            assert sorted(os.listdir(folder)) == ["BOARD.json"]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(board_inputs())
def test_fuzzed_json_is_imported_whole_or_refused_in_one_line(raw: bytes) -> None:
    check_import(raw)


def test_the_fuzzer_reaches_both_outcomes() -> None:
    """The generator is not degenerate: the untouched board imports, damaged ones are refused."""
    check_import(json.dumps(BASE).encode("utf-8"))
    check_import(json.dumps(BASE).replace('"format"', '"format": 1, "format"', 1).encode("utf-8"))
