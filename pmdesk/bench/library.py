"""The library's benchmark: 1,000 boards of 200 cards (``python -m pmdesk.bench.library``).

It writes the library into a temp folder (each board a real, valid board file, with cards drawn
from a vocabulary of incident words, service names and Chinese text), then measures the first
index, a re-index with nothing changed, a re-index after one board changed, and searches as the
Library window makes them (the first 100 hits) and as ``pmdesk search`` makes them (every hit),
and prints each figure beside its budget.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from pmdesk.bench.boards import big_board
from pmdesk.library.index import Library
from pmdesk.model.board import Action
from pmdesk.store.board_file import create_file

WORDS = (
    "alert",
    "pager",
    "latency",
    "timeout",
    "retry",
    "queue",
    "backlog",
    "deploy",
    "rollback",
    "config",
    "push",
    "canary",
    "pool",
    "connection",
    "database",
    "replica",
    "failover",
    "restore",
    "backup",
    "snapshot",
    "disk",
    "memory",
    "leak",
    "cpu",
    "throttle",
    "cache",
    "eviction",
    "dns",
    "certificate",
    "expiry",
    "token",
    "rotation",
    "quota",
    "limit",
    "traffic",
    "spike",
    "load",
    "balancer",
    "health",
    "check",
    "probe",
    "runbook",
    "escalation",
    "handover",
    "dashboard",
    "metric",
    "threshold",
    "noisy",
    "flaky",
    "test",
    "staging",
    "production",
    "migration",
    "schema",
    "index",
    "lock",
    "deadlock",
    "contention",
    "thread",
    "worker",
    "cron",
    "job",
    "scheduler",
    "storage",
    "bucket",
    "permission",
    "secret",
    "vault",
    "network",
    "partition",
    "packet",
    "loss",
    "firewall",
    "proxy",
    "gateway",
    "upstream",
    "downstream",
    "dependency",
    "vendor",
    "outage",
    "customer",
    "impact",
    "status",
    "page",
    "communication",
    "incident",
    "commander",
    "scribe",
    "owner",
    "review",
    "postmortem",
    "lesson",
    "monitor",
    "observability",
    "tracing",
    "logging",
    "sampling",
    "retention",
    "alarm",
    "siren",
    "page",
    "oncall",
    "rota",
    "fatigue",
    "toil",
    "automation",
    "script",
    "manual",
    "step",
    "checklist",
    "approval",
    "change",
    "freeze",
    "release",
    "version",
    "upgrade",
    "downgrade",
    "patch",
)
FORMS = ("", "", "", "s", "ed", "ing")
CJK = (
    "监控告警延迟超时重试队列部署回滚配置推送连接池数据库副本故障恢复备份快照磁盘内存"
    "泄漏缓存证书过期令牌流量负载均衡健康检查值班升级发布版本补丁客户影响状态页面沟通"
)
# Every board's open follow-up actions: the Library window lists them all (4,000 for 1,000 boards).
ACTION_TEXTS = (
    "page the database owner",
    "add a replica alert",
    "rehearse the failover",
    "write the runbook",
)
ACTION_ROWS = (
    ("2025-01-15", "open", "high"),
    ("2025-02-01", "in-progress", "medium"),
    (None, "open", "low"),
    ("2024-12-01", "in-progress", "medium"),
)
SEARCHES = 200
WINDOW_LIMIT = 100  # the hits the Library window asks for (pmdesk.ui.library)
BUDGETS = {"first": 20.0, "unchanged": 0.5, "changed": 0.2, "search_p95": 0.050}


def card_text(rng: random.Random) -> str:
    """A card of 6-16 words, a service name now and then, or a Chinese sentence (one card in eight)."""
    if rng.random() < 0.125:
        start = rng.randrange(len(CJK) - 20)
        return CJK[start : start + rng.randint(8, 20)]
    words = [rng.choice(WORDS) + rng.choice(FORMS) for _ in range(rng.randint(6, 16))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), f"svc-{rng.randrange(400)}")
    return " ".join(words).capitalize()


def write_library(folder: Path, boards: int, cards: int, seed: int = 7) -> list[Path]:
    """``boards`` valid board files of ``cards`` cards each, in 10 subfolders; their paths."""
    template = folder / "template.pmdesk"
    board = big_board(cards, mixed=False)
    owners = [person.id for person in board.participants]
    board.actions = [
        Action(f"a{n}", f"Follow-up {n}: {ACTION_TEXTS[n]}", owners[n % len(owners)], due, status, priority)
        for n, (due, status, priority) in enumerate(ACTION_ROWS)
    ]
    create_file(template, board)
    rng = random.Random(seed)
    paths = []
    for number in range(boards):
        path = folder / "library" / f"{2016 + number % 10}" / f"incident-{number:04d}.pmdesk"
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template, path)
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute("BEGIN")
            conn.execute("UPDATE incident SET title = ?", (f"Incident {number}: {card_text(rng)[:60]}",))
            conn.executemany(
                "UPDATE cards SET text = ? WHERE position = ?", [(card_text(rng), i) for i in range(cards)]
            )
            conn.execute("COMMIT")
        finally:
            conn.close()
        paths.append(path)
    template.unlink()
    return paths


def queries(rng: random.Random, count: int) -> list[str]:
    """Searches a facilitator might type: a word in another form, two words, a service, CJK text."""
    made = []
    for number in range(count):
        kind = number % 4
        if kind == 0:
            made.append(rng.choice(WORDS) + rng.choice(("", "ed", "ing", "s")))
        elif kind == 1:
            made.append(f"{rng.choice(WORDS)} {rng.choice(WORDS)}")
        elif kind == 2:
            made.append(f"svc-{rng.randrange(400)}")
        else:
            start = rng.randrange(len(CJK) - 4)
            made.append(CJK[start : start + rng.randint(2, 4)])
    return made


def p95(values: list[float]) -> float:
    """The 95th percentile."""
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def measure(folder: Path, boards: int, cards: int) -> list[tuple[str, str, str, bool | None]]:
    """Every figure: (what, measured, budget, within it)."""
    start = time.perf_counter()
    paths = write_library(folder, boards, cards)
    written = time.perf_counter() - start
    root = folder / "library"
    library = Library(folder / "cache" / "library.sqlite3")
    try:
        start = time.perf_counter()
        report = library.update([root])
        first = time.perf_counter() - start
        assert report.indexed == boards and not report.problems, report
        start = time.perf_counter()
        again = library.update([root])
        unchanged = time.perf_counter() - start
        assert again.indexed == 0 and again.unchanged == boards
        changed_board = paths[len(paths) // 2]
        conn = sqlite3.connect(changed_board, isolation_level=None)
        conn.execute("UPDATE cards SET text = 'A freshly written card about quokkas' WHERE position = 0")
        conn.close()
        start = time.perf_counter()
        one = library.update([root])
        changed = time.perf_counter() - start
        assert one.indexed == 1 and library.search([root], "quokka")
        rng = random.Random(11)
        asked = queries(rng, SEARCHES)
        windowed, cpu, full, hits = [], [], [], []
        for query in asked:
            start, used = time.perf_counter(), time.process_time()
            library.search([root], query, limit=WINDOW_LIMIT)
            windowed.append(time.perf_counter() - start)
            cpu.append(time.process_time() - used)
        for query in asked[:40]:
            start = time.perf_counter()
            hits.append(len(library.search([root], query)))
            full.append(time.perf_counter() - start)
    finally:
        library.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pmdesk.bench.library_window",
            str(root),
            str(folder / "cache" / "library.sqlite3"),
            str(boards * len(ACTION_ROWS)),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    opened, ready, stall = (
        (float(x) for x in done.stdout.split()[-3:]) if done.returncode == 0 else (0.0, 0.0, 0.0)
    )
    window = (
        f"{opened * 1000:.0f} ms; looked for changes, every action listed at {ready:.2f} s"
        if done.returncode == 0
        else f"failed: {(done.stderr.strip().splitlines() or ['no output'])[-1]}"
    )
    size = os.path.getsize(folder / "cache" / "library.sqlite3") / 1e6
    return [
        (f"write the library ({boards} boards of {cards} cards)", f"{written:.1f} s", "—", None),
        (f"first index ({boards} boards; index {size:.0f} MB)", f"{first:.2f} s", "≤ 20 s", first <= 20),
        ("re-index, nothing changed", f"{unchanged * 1000:.0f} ms", "≤ 0.5 s", unchanged <= 0.5),
        ("re-index, one board changed", f"{changed * 1000:.0f} ms", "≤ 0.2 s", changed <= 0.2),
        (
            f"search as the window makes it (first 100 hits; {SEARCHES} queries)",
            f"p50 {statistics.median(windowed) * 1000:.1f} ms, p95 {p95(windowed) * 1000:.1f} ms "
            f"(CPU p95 {p95(cpu) * 1000:.1f} ms)",
            "p95 ≤ 50 ms",
            p95(windowed) <= 0.05,
        ),
        (
            "the Library window opens (shown, indexing started on its thread)",
            window,
            "≤ 0.5 s",
            opened <= 0.5 and done.returncode == 0,
        ),
        (
            "the window's longest busy stretch meanwhile (a 5 ms timer's longest gap)",
            f"{stall * 1000:.0f} ms",
            "stays responsive",
            None,
        ),
        (
            f"search as `pmdesk search` makes it (every hit, median {statistics.median(hits):.0f} hits; "
            "40 queries)",
            f"p50 {statistics.median(full) * 1000:.0f} ms, p95 {p95(full) * 1000:.0f} ms",
            "—",
            None,
        ),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Write the library, measure, print the table; exit 1 if a budget is missed."""
    parser = argparse.ArgumentParser(prog="python -m pmdesk.bench.library", description=__doc__)
    parser.add_argument("--boards", type=int, default=1000, help="how many boards (1,000)")
    parser.add_argument("--cards", type=int, default=200, help="cards per board (200)")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="pmdesk-library-bench-"))
    try:
        rows = measure(folder, args.boards, args.cards)
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print("| what | measured | budget | |")
    print("|---|---|---|---|")
    for what, figure, budget, ok in rows:
        mark = "—" if ok is None else "ok" if ok else "**MISSED**"
        print(f"| {what} | {figure} | {budget} | {mark} |")
    return 1 if any(ok is False for *_rest, ok in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
