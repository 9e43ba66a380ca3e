"""Edits through the whole window: one card added, moved or grouped, and one keystroke in Summary.

Each figure is wall time from the user's action to the window having caught up (the event loop
idle again: layouts and repaints done). For card edits the file write (SQLite commit and its
fsyncs) is timed on its own and shown separately, since it does not depend on the views.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from pmdesk.bench.figures import idle, percentile
from pmdesk.ui.page_contract import PageKey


def _timed_writes(window: Any) -> list[float]:
    """Record the seconds each file write of the window's document takes, from now on."""
    file = window.qt_document.document.file
    writes: list[float] = []
    write = file.write

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return write(*args, **kwargs)
        finally:
            writes.append(time.perf_counter() - start)

    file.write = timed
    return writes


def card_edits(app: Any, window: Any, reps: int) -> dict[str, Any]:
    """Add, move and group one card on the board page, each undone afterwards (not timed)."""
    from pmdesk.model.card_ops import group_cards, move_card

    window.show_page(PageKey.BOARD)
    idle(app)
    page = window.pages[PageKey.BOARD]
    document = window.qt_document
    board = document.board
    sections = [section.id for section in board.sections]
    loose = {s: [c.id for c in board.cards if c.section == s and c.theme is None] for s in sections}
    writes = _timed_writes(window)

    def add(n: int) -> None:
        page.add_card(sections[n % len(sections)], f"A card typed in the meeting {n}")

    def move(n: int) -> None:
        section = sections[n % len(sections)]
        cards = loose[section]
        document.attempt(move_card, cards[n % len(cards)], section, cards[(n * 7 + 3) % len(cards)])

    def group(n: int) -> None:
        section = sections[n % len(sections)]
        cards = loose[section]
        document.attempt(group_cards, [cards[n % len(cards)], cards[(n + 5) % len(cards)]], "Theme")

    found: dict[str, Any] = {}
    for name, action in (("add", add), ("move", move), ("group", group)):
        total: list[float] = []
        written: list[float] = []
        cpu: list[float] = []
        for n in range(reps):
            writes.clear()
            start, cpu_start = time.perf_counter(), time.process_time()
            action(n)
            idle(app)
            total.append(time.perf_counter() - start)
            cpu.append(time.process_time() - cpu_start)
            written.append(sum(writes))
            document.undo_stack.undo()
            idle(app)
        views = [t - w for t, w in zip(total, written, strict=True)]
        found[name] = {
            "p50_ms": percentile(views, 50) * 1000,
            "p95_ms": percentile(views, 95) * 1000,
            "write_p50_ms": percentile(written, 50) * 1000,
            # CPU time of the whole step, the file write's own CPU included (its wait for the
            # disk is not CPU): on a loaded machine the wall time above grows, this much less.
            "cpu_p50_ms": percentile(cpu, 50) * 1000,
        }
    return found


def section_edits(app: Any, window: Any, reps: int) -> dict[str, Any]:
    """One section added in the middle of the board (Board ▸ Sections…' Add), then undone, each
    timed to the window idle again; against the columns all built again, as the page once did."""
    from pmdesk.model.board_ops import add_section

    window.show_page(PageKey.BOARD)
    idle(app)
    page = window.pages[PageKey.BOARD]
    document = window.qt_document
    middle = len(document.board.sections) // 2
    writes = _timed_writes(window)
    added: list[float] = []
    undone: list[float] = []
    written: list[float] = []
    for _ in range(reps):
        writes.clear()
        start = time.perf_counter()
        assert document.attempt(add_section, "New section", "", index=middle)
        idle(app)
        added.append(time.perf_counter() - start - sum(writes))
        written.append(sum(writes))
        writes.clear()
        start = time.perf_counter()
        document.undo_stack.undo()
        idle(app)
        undone.append(time.perf_counter() - start - sum(writes))
    rebuilt: list[float] = []
    for _ in range(max(3, reps // 5)):
        start = time.perf_counter()
        for column in list(page.columns):
            page._drop_column(column)
        page.columns = []
        page._build_columns()
        idle(app)
        rebuilt.append(time.perf_counter() - start)
    return {
        "sections": len(document.board.sections),
        "add_p50_ms": percentile(added, 50) * 1000,
        "add_p95_ms": percentile(added, 95) * 1000,
        "undo_p50_ms": percentile(undone, 50) * 1000,
        "write_p50_ms": percentile(written, 50) * 1000,
        "rebuild_p50_ms": percentile(rebuilt, 50) * 1000,
    }


def summary_keystrokes(app: Any, window: Any, keys: int) -> dict[str, Any]:
    """Median wall time of one keystroke in Summary, before and after every page was visited."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    def type_keys() -> float:
        window.show_page(PageKey.FACTS)
        idle(app)
        summary = window.pages[PageKey.FACTS].form.texts["summary"]
        summary.setFocus()
        summary.moveCursor(summary.textCursor().MoveOperation.End)
        idle(app)
        times: list[float] = []
        for n in range(keys):
            start = time.perf_counter()
            QTest.keyClick(summary, Qt.Key.Key_A if n % 7 else Qt.Key.Key_Space)
            idle(app)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    before = type_keys()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        for _ in range(3):
            idle(app)
    after = type_keys()
    return {"before_ms": before * 1000, "after_ms": after * 1000, "ratio": after / before}


def run(board_window: Callable[[], tuple[Any, Any]], reps: int, keys: int) -> dict[str, Any]:
    """Both measurements on one window (the keystrokes first, on a fresh window)."""
    app, window = board_window()
    result = {"summary": summary_keystrokes(app, window, keys)}
    result.update(card_edits(app, window, reps))
    return result
