"""Every focusable control of the header and the voting bar shows a focus ring in every theme."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.palette import PALETTE_NAMES


def theme_action(window: MainWindow, title: str) -> QAction:
    """View ▸ Theme ▸ ``title``."""
    for action in window.view_menu.actions():
        menu = action.menu()
        if menu is not None and action.text().replace("&", "") == "Theme":
            return next(a for a in menu.actions() if a.text().replace("&", "").strip()[1:].strip() == title)
    raise LookupError(title)


def changed_pixels(before: QImage, after: QImage) -> int:
    """How many pixels differ between two grabs of the same widget."""
    if before.size() != after.size():
        return before.width() * before.height()
    return sum(
        1
        for y in range(before.height())
        for x in range(before.width())
        if before.pixelColor(x, y) != after.pixelColor(x, y)
    )


def controls(window: MainWindow) -> list[QWidget]:
    """The header's focusable controls and the voting bar's spin box."""
    header = [
        w
        for w in window.centralWidget().findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not window.tabs.isAncestorOf(w)
        and (isinstance(w, QAbstractButton) or w.objectName() == "AgendaTimer")
    ]
    page = window.pages["board"]
    assert isinstance(page, BoardPage)
    return [*header, page.voting_bar.findChild(QSpinBox)]


@pytest.mark.parametrize("title", list(PALETTE_NAMES.values()))
def test_focus_ring_on_header_buttons_and_voting_spin_box(
    qtbot: QtBot, window: MainWindow, title: str
) -> None:
    theme_action(window, title).trigger()
    next(a for a in window.board_menu.actions() if a.text().replace("&", "") == "Dot Voting").trigger()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    missing = []
    found = controls(window)
    assert len(found) >= 10, [type(w).__name__ for w in found]
    for widget in found:
        window.tabs.setFocus()
        qtbot.wait(5)
        before = widget.grab().toImage()
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus)
        qtbot.wait(5)
        changed = changed_pixels(before, widget.grab().toImage())
        perimeter = 2 * (widget.width() + widget.height())
        if changed < perimeter * 0.6:  # a ring goes most of the way round
            text = getattr(widget, "text", lambda: "")()
            missing.append(f"{type(widget).__name__} {text!r}: {changed} pixels changed of {perimeter}")
    assert not missing, "no focus ring:\n" + "\n".join(missing)
