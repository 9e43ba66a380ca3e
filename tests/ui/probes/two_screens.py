"""Present with a laptop and a projector: the audience window never takes the keyboard."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.probes.common import demo_window, settle


def main() -> None:
    app, window, meeting = demo_window(Path(sys.argv[1]))
    laptop = app.screens()[0]
    window.setGeometry(laptop.availableGeometry())
    window.show()
    window.activateWindow()
    settle(app)
    QTest.keyClick(window, Qt.Key.Key_F5)
    settle(app)
    audience = meeting.presenter.audience
    answer: dict[str, object] = {"presenting": meeting.controller.presenting}
    answer["audience_shown"] = audience is not None and audience.isVisible()
    assert audience is not None
    answer["audience_screen"] = audience.screen().name()
    answer["active_is_main"] = QApplication.activeWindow() is window
    focus = QApplication.focusWidget()
    answer["focus_in_main"] = focus is not None and focus.window() is window
    answer["audience_focusable"] = [
        type(w).__name__
        for w in [audience, *audience.findChildren(QWidget)]
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    answer["refuses_focus"] = bool(audience.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus)
    audience.activateWindow()  # a click on the projector's picture
    settle(app)
    answer["active_after_click"] = QApplication.activeWindow() is window
    phase = meeting.controller.phase_id
    QTest.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    settle(app)
    answer["phase_moved"] = meeting.controller.phase_id != phase
    answer["laptop_large_header"] = meeting.timer.large
    print(json.dumps(answer))
    window.close()


if __name__ == "__main__":
    main()
