"""The benchmark's harness: its folder and environment, child processes, medians, the table."""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmdesk.startup import LINE_PATTERN


@dataclass
class Row:
    """One line of the table."""

    what: str
    figure: str
    budget: str
    baseline: str
    ok: bool | None  # None: not measured


class Bench:
    """The benchmark's folder, environment and settings."""

    def __init__(self, folder: Path, quick: bool) -> None:
        self.folder = folder
        self.quick = quick
        self.big_cards = 5000
        self.pdf_cards = 2000
        self.home = folder / "home"
        self.home.mkdir(mode=0o700)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
        # An installed pmdesk starts from compiled bytecode (pip and PyInstaller both write it):
        # the warm-up runs write it here, even where PYTHONDONTWRITEBYTECODE is set.
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.env.update(
            PYTHONPYCACHEPREFIX=str(folder / "pycache"),
            QT_QPA_PLATFORM="offscreen",
            HOME=str(self.home),
            XDG_CONFIG_HOME=str(self.home / "config"),
            XDG_DATA_HOME=str(self.home / "data"),
            XDG_RUNTIME_DIR=str(self.home),
        )

    def run(self, args: Sequence[str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """Run a command in the benchmark's environment; raise with its stderr if it fails."""
        done = subprocess.run(
            list(args), capture_output=True, text=True, env=self.env, timeout=timeout, cwd=self.folder
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:4])}… exited {done.returncode}: {done.stderr[-800:]}")
        return done

    def timed(self, args: Sequence[str]) -> float:
        """Wall seconds from process start to exit."""
        start = time.perf_counter()
        self.run(args)
        return time.perf_counter() - start

    def to_first_paint(self, args: Sequence[str]) -> tuple[float, float, float]:
        """Wall seconds from starting a process to the first frame it reports, its CPU seconds by
        then, and wall seconds to the complete window (pmdesk reports it; else the first frame)."""
        start = time.time()  # the child reports time.time() too: the same clock
        done = self.run(args)
        match = re.search(LINE_PATTERN.format(what="first frame painted"), done.stdout)
        if match is None or match["cpu"] is None:
            raise RuntimeError(f"{' '.join(args[:4])}… reported no first frame: {done.stdout[-300:]}")
        complete = re.search(LINE_PATTERN.format(what="window complete"), done.stdout)
        finished = float((complete or match)["clock"])
        return float(match["clock"]) - start, int(match["cpu"]) / 1000, finished - start

    def child(self, *args: str, timeout: float = 900) -> dict[str, Any]:
        """Run ``pmdesk.bench.child`` and parse the JSON it prints."""
        done = self.run([sys.executable, "-m", "pmdesk.bench.child", *args], timeout=timeout)
        result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        return result


def medians(
    bench: Bench,
    commands: dict[str, list[str]],
    runs: int,
    how: Callable[[Sequence[str]], tuple[float, ...]],
) -> dict[str, tuple[float, ...]]:
    """The median of each figure ``how(command)`` returns, per command (runs interleaved, so
    that drift hits every command alike)."""
    found: dict[str, list[tuple[float, ...]]] = {name: [] for name in commands}
    for command in commands.values():  # one warm-up each: the page cache, bytecode
        how(command)
    for _ in range(runs):
        for name, command in commands.items():
            found[name].append(how(command))
    return {name: tuple(map(statistics.median, zip(*values, strict=True))) for name, values in found.items()}


def table(rows: list[Row]) -> str:
    """The rows as a markdown table."""
    lines = ["| what | measured | budget | baseline (same run) | |", "|---|---|---|---|---|"]
    for row in rows:
        mark = "—" if row.ok is None else ("ok" if row.ok else "**MISSED**")
        lines.append(f"| {row.what} | {row.figure} | {row.budget} | {row.baseline} | {mark} |")
    return "\n".join(lines)
