"""Step through every phase, editing and presenting, and report header widgets that overlap or are cut."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from pmdesk.app import complete_window, fit_to_screen
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.install import Meeting
from tests.ui.probes.common import first_view, overlaps, settle


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
    if meeting.presenter.large_header():  # the room reads this header: no facilitator's buttons
        timer = meeting.timer
        found += [
            f"{where}: {b.text()} shown"
            for b in (timer.edit, timer.plus_one, timer.plus_two)
            if b.isVisible()
        ]
    return found


def arrows(meeting: Meeting, window: MainWindow) -> tuple[int, int]:
    """Where the stepper's ◀ and ▶ are in the window (x)."""
    agenda = meeting.agenda
    return agenda.previous.mapTo(window, agenda.previous.rect().topLeft()).x(), agenda.next.mapTo(
        window, agenda.next.rect().topLeft()
    ).x()


def main() -> None:
    folder, mode = Path(sys.argv[1]), sys.argv[2]
    app, window = first_view(folder)
    if mode == "started":  # as the application opens a board: most of the screen, the meeting added after
        fit_to_screen(window)
        window.show()
        settle(app)
        complete_window(window)
    else:
        complete_window(window)
        window.setGeometry(app.screens()[0].availableGeometry())
        window.show()
    meeting = window.findChild(Meeting)
    assert meeting is not None
    window.activateWindow()
    settle(app)
    found: list[str] = problems(window, meeting, f"{mode} at start")
    if mode == "presenting":
        QTest.keyClick(window, Qt.Key.Key_F5)
        settle(app)
    places: dict[str, tuple[int, int]] = {}
    for index, phase in enumerate(meeting.controller.phases()):
        meeting.controller.go_to(index)
        settle(app)
        found += problems(window, meeting, f"{mode} {phase.id}")
        places[phase.id] = arrows(meeting, window)
    print(
        json.dumps(
            {
                "problems": found,
                "width": window.width(),
                "presenting": meeting.controller.presenting,
                "arrows": places,
                "caption": window.pages["board"].participants_bar.caption.isVisible(),  # type: ignore[attr-defined]
            }
        )
    )
    window.close()


if __name__ == "__main__":
    main()
