"""The room under load against the window: devices post cards to the room the window opened.

Run in a child of the benchmark (``python -m pmdesk.bench.child room-window BOARD``, offscreen):
the full main window on the board, the meeting in individual reflection, the room opened on
127.0.0.1 through Meeting ▸ Open the Room's own code path, the board page in front. The simulated
devices post from a process of their own (phones are not in the window's process) while the GUI
thread runs its event loop; a 5 ms timer's gaps measure how long the GUI thread is ever busy
(the frame time), and the board page's paints and the GUI thread's CPU time are counted
besides. Afterwards the board file is read: every card exactly once.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from pmdesk.bench.figures import Ticks, percentile
from pmdesk.bench.room_load import HOST, LoadResult, check_board, devices_process, sections_for
from pmdesk.ui.page_contract import PageKey

TICK_MS = 5
LIMIT = 90.0  # seconds: the event loop stops by itself even if a device thread hangs


def run(
    app: Any, window: Any, board: Path, participants: int = 30, cards_each: int = 10, one_column: bool = False
) -> dict[str, Any]:
    """Post ``participants`` × ``cards_each`` cards to the window's room in 9 s; the figures as a dict.

    The cards go into every section in turn, or all into one column (``one_column``).
    """
    from PySide6.QtCore import QEventLoop, QObject, QTimer

    from pmdesk.ui.meeting.install import Meeting
    from pmdesk.ui.room.dialog import RoomRequest

    meeting = window.findChild(Meeting)
    meeting.agenda.buttons["reflection"].click()
    window.show_page(PageKey.BOARD)
    app.processEvents()
    control = meeting.room_control
    if not control.open(RoomRequest(HOST, anonymous=True)):
        raise RuntimeError("the window's room did not open on 127.0.0.1")
    assert control.server is not None
    url = control.server.url
    sections = sections_for([section.id for section in window.qt_document.board.sections], one_column)

    outcome: dict[str, Any] = {}

    def load() -> None:
        try:
            outcome["load"] = devices_process(url, participants, cards_each, 9.0, sections)
        except (RuntimeError, OSError, ValueError, KeyError) as error:
            outcome["error"] = error

    paints = PaintClock()
    board_page = window.pages[PageKey.BOARD]
    board_page.installEventFilter(paints)
    for child in board_page.findChildren(QObject):
        child.installEventFilter(paints)

    loop = QEventLoop()
    ticks = Ticks(TICK_MS)
    done = QTimer()
    done.setInterval(50)
    started = time.perf_counter()
    devices = threading.Thread(target=load, name="bench-devices")
    done.timeout.connect(
        lambda: loop.quit() if not devices.is_alive() or time.perf_counter() - started > LIMIT else None
    )
    ticks.start()
    done.start()
    devices.start()
    cpu = time.thread_time()  # this thread's CPU time: the GUI thread's work, not its waiting
    wall = time.perf_counter()
    loop.exec()
    gui_cpu, gui_wall = time.thread_time() - cpu, time.perf_counter() - wall
    ticks.stop()
    done.stop()
    devices.join(timeout=5)
    control.close()
    if "load" not in outcome:
        raise RuntimeError(f"the devices did not finish: {outcome.get('error', 'time limit')}")
    result: LoadResult
    result, texts = outcome["load"]
    window.qt_document.document.close()
    check_board(board, result, texts)
    frames = [gap * 1000 for gap in ticks.gaps[1:]]
    return {
        "summary": result.summary(),
        "cards": result.cards,
        "on_board": result.on_board,
        "duplicates": result.duplicates,
        "failed": result.failed,
        "sent_within": result.sent_within,
        "p50_ms": result.p(50),
        "p95_ms": result.p(95),
        "max_ms": result.p(100),
        "tick_ms": TICK_MS,
        "gap_p95_ms": percentile(frames, 95),
        "gap_p99_ms": percentile(frames, 99),
        "gaps": len(frames),
        "gaps_over_16_ms": sum(1 for frame in frames if frame > 16),
        "gap_max_ms": max(frames, default=float("nan")),
        "paints": paints.count,
        "gui_cpu_s": gui_cpu,
        "gui_wall_s": gui_wall,
    }


class PaintClock:
    """Counts the board page's paint events (an event filter)."""

    def __new__(cls) -> Any:  # a QObject subclass made lazily: this module imports no Qt at load
        from PySide6.QtCore import QEvent, QObject

        class _Clock(QObject):
            def __init__(self) -> None:
                super().__init__()
                self.count = 0

            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    self.count += 1
                return False

        return _Clock()
