"""Measurements that run in a child process of the benchmark; each prints one JSON object.

    python -m pmdesk.bench.child edits BOARD N          edits through Document.apply (no Qt)
    python -m pmdesk.bench.child rss BOARD              RSS with the window open on BOARD
    python -m pmdesk.bench.child drag BOARD STEPS       drag steps over the board page's columns
    python -m pmdesk.bench.child session BOARD EDITS [SECONDS]  a long session through the window
    python -m pmdesk.bench.child batch BOARD CARDS      delete CARDS cards in one step, and undo
    python -m pmdesk.bench.child window-edits BOARD REPS KEYS   card edits and Summary keystrokes
    python -m pmdesk.bench.child room-window BOARD [one] devices post cards to the window's room
    python -m pmdesk.bench.child sections BOARD REPS    one section added at 99 sections, and undone

A child per measurement keeps one figure's memory and imports out of the others, and a crash in
the window shows as a missing figure, not a dead benchmark.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from pmdesk.bench.figures import idle, percentile
from pmdesk.ui.page_contract import PageKey


def rss_mb() -> float:
    """Resident memory of this process in MB (VmRSS; maxrss where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def edits(board: Path, count: int) -> dict[str, Any]:
    """Wall and CPU time of ``count`` card-text edits through Document.apply."""
    from pmdesk.model.card_ops import set_card_field
    from pmdesk.store.document import Document

    document = Document.open(board)
    cards = [card.id for card in document.board.cards]
    wall: list[float] = []
    cpu: list[float] = []
    try:
        for index in range(count):
            edit = set_card_field(document.board, cards[index % len(cards)], "text", f"Edited {index}")
            start_wall, start_cpu = time.perf_counter(), time.process_time()
            document.apply(edit)
            wall.append(time.perf_counter() - start_wall)
            cpu.append(time.process_time() - start_cpu)
    finally:
        document.close()
    return {
        "p50_ms": percentile(wall, 50) * 1000,
        "p95_ms": percentile(wall, 95) * 1000,
        "cpu_mean_ms": sum(cpu) / len(cpu) * 1000,
        "cpu_p95_ms": percentile(cpu, 95) * 1000,
    }


def _window(board: Path) -> tuple[Any, Any]:
    """The application and a full main window on ``board``, shown and painted."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from pmdesk.app import build_window
    from pmdesk.store.document import Document
    from pmdesk.ui.document_adapter import QtDocument
    from pmdesk.ui.main_window import WindowHooks

    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = QSettings(str(board.with_suffix(".ini")), QSettings.Format.IniFormat)
    qt_document = QtDocument(Document.open(board))
    hooks = WindowHooks(lambda: None, lambda _path: None, lambda: [], lambda: None)
    window = build_window(qt_document, hooks, settings)
    qt_document.setParent(window)
    window.resize(1400, 860)
    window.show()
    for _ in range(5):
        app.processEvents()
    return app, window


def rss(board: Path) -> dict[str, Any]:
    """RSS with the window open on ``board`` (and the board page in front when there is one)."""
    app, window = _window(board)
    if "board" in window.pages:
        window.show_page(PageKey.BOARD)
        app.processEvents()
    return {"rss_mb": rss_mb()}


def session(board: Path, count: int, limit: float) -> dict[str, Any]:
    """``count`` edits through the window's QtDocument, typing bursts with undo/redo; RSS growth.

    Stops early after ``limit`` seconds (and says so), so a slow window cannot stall the benchmark.
    """
    from pmdesk.model.card_ops import set_card_field

    app, window = _window(board)
    qt_document = window.qt_document
    cards = [card.id for card in qt_document.board.cards]
    stack = qt_document.undo_stack

    pushes: list[float] = []

    def step(index: int) -> None:
        card = cards[(index // 5) % len(cards)]
        # Five keystrokes in one field merge into one undo step, as typing does.
        edit = set_card_field(qt_document.board, card, "text", f"Typed {index}")
        start = time.perf_counter()
        qt_document.push(edit, f"t{index // 5}")
        pushes.append(time.perf_counter() - start)
        if index % 50 == 49:
            stack.undo()
        elif index % 50 == 24 and stack.canRedo():
            stack.redo()
        if index % 20 == 0:
            idle(app)

    warm = min(500, count // 10)
    for index in range(warm):
        step(index)
    idle(app)
    before = rss_mb()
    started = time.perf_counter()
    done = count
    for index in range(warm, count):
        step(index)
        if time.perf_counter() - started > limit:
            done = index + 1
            break
    idle(app)
    after = rss_mb()
    return {
        "edits": done,
        "asked": count,
        "push_p50_ms": percentile(pushes, 50) * 1000,
        "push_p95_ms": percentile(pushes, 95) * 1000,
        "seconds": time.perf_counter() - started,
        "rss_before_mb": before,
        "rss_after_mb": after,
        "growth_pct": (after - before) / before * 100,
        "undo_steps": stack.count(),
    }


def batch(board: Path, cards: int) -> dict[str, Any]:
    """Seconds to delete every card of a CARDS-card board in one step through the window, and undo."""
    from pmdesk.bench.boards import big_board
    from pmdesk.model.card_ops import delete_cards
    from pmdesk.store.board_file import create_file

    create_file(board, big_board(cards), overwrite=True)
    app, window = _window(board)
    window.show_page(PageKey.BOARD)
    idle(app)
    qt_document = window.qt_document
    start = time.perf_counter()
    assert qt_document.attempt(delete_cards, [card.id for card in qt_document.board.cards])
    idle(app)
    deleted = time.perf_counter() - start
    start = time.perf_counter()
    qt_document.undo_stack.undo()
    idle(app)
    undone = time.perf_counter() - start
    assert len(qt_document.board.cards) == cards
    return {"delete_s": deleted, "undo_s": undone}


def main(argv: list[str]) -> int:
    """Run one measurement and print its JSON."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    mode = argv[0]
    board = Path(argv[1])
    if mode == "edits":
        result = edits(board, int(argv[2]))
    elif mode == "rss":
        result = rss(board)
    elif mode == "drag":
        from pmdesk.bench.drag import drag

        app, window = _window(board)
        result = drag(app, window, int(argv[2]))
    elif mode == "batch":
        result = batch(board, int(argv[2]))
    elif mode == "window-edits":
        from pmdesk.bench.window_edits import run

        result = run(lambda: _window(board), int(argv[2]), int(argv[3]))
    elif mode == "room-window":
        from pmdesk.bench.room_window import run as room_window

        app, window = _window(board)
        result = room_window(app, window, board, one_column=argv[2:3] == ["one"])
    elif mode == "sections":
        from pmdesk.bench.boards import many_sections_board
        from pmdesk.bench.window_edits import section_edits
        from pmdesk.model.rules import MOST_SECTIONS
        from pmdesk.store.board_file import create_file

        create_file(board, many_sections_board(MOST_SECTIONS - 1, 10), overwrite=True)
        app, window = _window(board)
        result = section_edits(app, window, int(argv[2]))
    elif mode == "session":
        result = session(board, int(argv[2]), float(argv[3]) if len(argv) > 3 else 600.0)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)  # skip teardown: the figures are printed, and teardown is not what is measured


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
