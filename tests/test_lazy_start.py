"""What the window imports before its first frame, and once it is complete: only what it shows.

Each module the first frame does not need costs start-up time (see docs/benchmark.md); these
tests run the real start (``pmdesk.app.run`` on the demo board) in a fresh process and list
the modules loaded when the first frame was painted and when the window was complete.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pmdesk.model.demo import demo_board
from pmdesk.store.document import Document

PROBE = """
import json, sys
from pathlib import Path
import pmdesk.app as app

seen = []
classes = []
complete_window = app.complete_window

def complete(window):
    seen.append(sorted(sys.modules))  # the first frame is painted: the rest is added now
    # PySide6 builds a class (and its enums) when it is first touched; the rest are not there yet
    from PySide6 import QtCore, QtGui, QtWidgets
    classes.extend(sorted(n for m in (QtCore, QtGui, QtWidgets) for n in vars(m) if n.startswith("Q")))
    complete_window(window)
    seen.append(sorted(sys.modules))

app.complete_window = complete
status = app.run(Path(sys.argv[1]), quit_after_show=True)
print(json.dumps({"status": status, "first_frame": seen[0], "complete": seen[1], "classes": classes}))
"""

# Never before the first frame: the meeting's parts, the room, export, the Library, pages not shown.
NOT_IN_FIRST_FRAME = (
    "pmdesk.ui.meeting.install",
    "pmdesk.ui.meeting.presenter",
    "pmdesk.ui.room",
    "pmdesk.room",
    "PySide6.QtNetwork",
    "pmdesk.ui.export_menu",
    "pmdesk.ui.library",
    "pmdesk.ui.facts.facts_page",
    "pmdesk.ui.facts.actions_page",
    "pmdesk.ui.board.priorities",
    "concurrent.futures",  # the first write brings it
    "importlib.resources",  # pmdesk.resources reads its folder directly
    "shlex",
)
# PySide6 classes the first frame does without: each builds its enums when first touched.
NOT_BUILT_BY_FIRST_FRAME = (
    "QTextEdit",  # text fields are asked for it by class name
    "QMetaMethod",  # the board model's dataChanged, made when first asked
    "QMessageBox",
    "QProgressDialog",
    "QTextCursor",
)
# Not even in the complete window: only a command or a dialog that needs them imports them.
NOT_IN_WINDOW = (
    "pmdesk.room.server",
    "http.server",
    "segno",  # the room's QR codes: made when the room opens
    "reportlab",
    "pmdesk.report.pdf",  # the PDF report (its light helpers may be loaded)
    "pmdesk.report.fonts",
    "pmdesk.library",
    "sqlite_utils",
    "pypdf",
    "PySide6.QtSvg",
)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """The modules loaded at the first frame and at the complete window, on the demo board."""
    folder = tmp_path_factory.mktemp("lazy-start")
    board = folder / "demo.pmdesk"
    Document.create(board, demo_board()).close()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(folder), XDG_RUNTIME_DIR=str(folder))
    root = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(board)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["status"] == 0, done.stderr
    return {
        "first_frame": set(found["first_frame"]),
        "complete": set(found["complete"]),
        "classes": set(found["classes"]),
    }


def _under(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules for name in names if m == name or m.startswith(name + "."))


def test_the_first_frame_has_the_board_and_nothing_it_does_not_show(loaded: dict[str, set[str]]) -> None:
    first = loaded["first_frame"]
    assert "pmdesk.ui.board.board_page" in first  # the snapshot is of a window showing its board
    assert _under(first, NOT_IN_FIRST_FRAME) == []


def test_the_first_frame_builds_no_qt_class_it_does_not_use(loaded: dict[str, set[str]]) -> None:
    built = loaded["classes"]
    assert {"QTreeView", "QPlainTextEdit"} <= built  # the snapshot sees the classes the board uses
    assert sorted(built.intersection(NOT_BUILT_BY_FIRST_FRAME)) == []


def test_the_complete_window_has_the_meeting_but_no_server_qr_report_or_library(
    loaded: dict[str, set[str]],
) -> None:
    complete = loaded["complete"]
    assert "pmdesk.ui.meeting.install" in complete  # the snapshot is of the complete window
    assert _under(complete, NOT_IN_WINDOW) == []
