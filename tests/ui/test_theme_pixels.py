"""Every page in every theme, drawn offscreen: each text's contrast against its background, from the pixels.

High contrast (and whatever is presented) needs 7:1; light and dark at least 4.5:1 (WCAG AA).
Participants' avatars carry the participant's own colour and need 4.5:1 in every theme.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from pmdesk.ui.board.dialogs import NotesDialog, ParticipantDialog
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.header import MinutesDialog
from pmdesk.ui.meeting.install import Meeting
from pmdesk.ui.meeting.sections_dialog import SectionsDialog
from pmdesk.ui.palette import DARK, LIGHT, PALETTES, PROJECTOR
from tests.ui.contrast import samples

PAGES = ["facts", "tone", "review", "board", "focus", "priorities", "actions", "wrap-up", "room"]
NEEDED = {LIGHT: 4.5, DARK: 4.5, PROJECTOR: 7.0}
PARTICIPANT_COLOURED = {"Avatar"}


def low_contrast(window: MainWindow, needed: float) -> list[str]:
    """The texts of the window below ``needed``, described."""
    found = []
    for sample in samples(window):
        floor = 4.5 if sample.what in PARTICIPANT_COLOURED else needed
        if sample.ratio < floor:
            colours = f"{sample.foreground} on {sample.background}"
            found.append(f"{sample.what} {sample.text!r}: {colours} = {sample.ratio:.2f}")
    return found


def show(qtbot: QtBot, window: MainWindow, key: str) -> None:
    window.show_page(key)
    QApplication.processEvents()
    qtbot.wait(30)


@pytest.mark.parametrize("theme", [LIGHT, DARK, PROJECTOR])
def test_every_page_reads_in_every_theme(qtbot: QtBot, window: MainWindow, theme: str) -> None:
    meeting = window.findChild(Meeting)
    assert meeting is not None
    meeting.theme_actions[theme].trigger()
    window.resize(1366, 768)
    problems: dict[str, list[str]] = {}
    for key in PAGES:
        show(qtbot, window, key)
        found = low_contrast(window, NEEDED[theme])
        if found:
            problems[key] = found
    assert problems == {}


@pytest.mark.parametrize("theme", [LIGHT, DARK])
def test_every_presented_page_reaches_7_to_1(qtbot: QtBot, window: MainWindow, theme: str) -> None:
    meeting = window.findChild(Meeting)
    assert meeting is not None
    meeting.theme_actions[theme].trigger()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert meeting.controller.presenting
    problems: dict[str, list[str]] = {}
    for key in PAGES:
        show(qtbot, window, key)
        found = low_contrast(window, 7.0)
        if found:
            problems[key] = found
    assert problems == {}


def ring_width(widget: QWidget, colour: str) -> int:
    """How many pixels in from the widget's left edge, halfway down, are of ``colour``."""
    image = widget.grab().toImage()
    middle = image.height() // 2
    width = 0
    while width < image.width() and image.pixelColor(width, middle).name() == colour:
        width += 1
    return width


def test_high_contrast_draws_thick_focus_rings(qtbot: QtBot, window: MainWindow) -> None:
    meeting = window.findChild(Meeting)
    assert meeting is not None
    meeting.theme_actions[PROJECTOR].trigger()
    ring = PALETTES[PROJECTOR].focus
    show(qtbot, window, "facts")
    title = window.pages["facts"].findChild(QLineEdit)
    assert title is not None
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    assert ring_width(title, ring) >= 3
    meeting.present.setFocus()
    qtbot.waitUntil(meeting.present.hasFocus)
    assert ring_width(meeting.present, ring) >= 3
    meeting.theme_actions[LIGHT].trigger()  # the ordinary themes keep the style's own ring
    assert ring_width(title, ring) < 3


@pytest.mark.parametrize("theme", [LIGHT, DARK, PROJECTOR])
def test_dialogs_read_in_every_theme(qtbot: QtBot, window: MainWindow, theme: str) -> None:
    meeting = window.findChild(Meeting)
    assert meeting is not None
    meeting.theme_actions[theme].trigger()
    board = window.qt_document.board
    dialogs: list[QDialog] = [
        MinutesDialog(meeting.controller, window),
        SectionsDialog(window.qt_document, window),
        NotesDialog("Notes", board.cards[0].text, "Probe paged first", window),
        ParticipantDialog("Participant", board.participants[0], window),
    ]
    problems: dict[str, list[str]] = {}
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        found = low_contrast(dialog, NEEDED[theme])
        if found:
            problems[type(dialog).__name__] = found
        dialog.reject()
    assert problems == {}
