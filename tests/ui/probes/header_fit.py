"""Step through every phase, editing and presenting, and report header widgets that overlap or are cut."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.install import Meeting
from tests.ui.probes.common import demo_window, overlaps, settle


def header_widgets(window: MainWindow, meeting: Meeting) -> list[QWidget]:
    """The buttons and labels of the header row, each on its own."""
    found: list[QWidget] = []
    header = window.header
    for index in range(header.count()):
        item = header.itemAt(index)
        widget = item.widget() if item is not None else None
        if widget is None:
            continue
        parts = [w for w in widget.findChildren(QWidget) if isinstance(w, QAbstractButton | QLabel)]
        parts = [w for w in parts if w is not meeting.timer.timer.label and w is not meeting.timer.title]
        found += parts or [widget]
    return found


def problems(window: MainWindow, meeting: Meeting, where: str) -> list[str]:
    """What is wrong with the header now."""
    found = [f"{where}: {p}" for p in overlaps(header_widgets(window, meeting), window)]
    label = meeting.timer.timer.label
    if label.width() < label.sizeHint().width():
        found.append(f"{where}: timer cut ({label.width()} < {label.sizeHint().width()} px)")
    return found


def main() -> None:
    folder, mode = Path(sys.argv[1]), sys.argv[2]
    app, window, meeting = demo_window(folder)
    screen = app.screens()[0]
    window.setGeometry(screen.availableGeometry())
    window.show()
    window.activateWindow()
    settle(app)
    found: list[str] = []
    if mode == "presenting":
        QTest.keyClick(window, Qt.Key.Key_F5)
        settle(app)
    for index, phase in enumerate(meeting.controller.phases()):
        meeting.controller.go_to(index)
        settle(app)
        found += problems(window, meeting, f"{mode} {phase.id}")
    print(
        json.dumps({"problems": found, "width": window.width(), "presenting": meeting.controller.presenting})
    )
    window.close()


if __name__ == "__main__":
    main()
