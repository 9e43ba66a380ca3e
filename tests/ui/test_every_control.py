"""Every menu item and every button of the window, used as a person uses it, does what it says.

From a normal state (the Board shown, a card or theme selected by a click) each QAction is
triggered as a menu does and each button is clicked with the mouse; a dialog it opens is
cancelled. No error may show, and the board file must change exactly for the controls that edit
the board. A control missing from the tables below fails the test: say what a new one does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from pmdesk.store.board_file import BoardFile
from pmdesk.store.json_format import board_json_text
from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.export_menu import ExportController
from pmdesk.ui.main_window import MainWindow
from tests.ui.board.helpers import card_by_text, click

CARD = "Payments logs said 'pool exhausted' in plain words - easy to spot"  # a loose card
THEMED = "One-click revert in the deploy tool took under a minute"  # a card in a theme
THEME = "Fast, safe rollback"

# Menu path -> (what is selected first, whether the board file changes).
ACTIONS: dict[str, tuple[str, bool]] = {
    "File/New Board": ("card", False),
    "File/New Board from Template…": ("card", False),
    "File/Open…": ("card", False),
    "File/Library…": ("card", False),
    "File/Save As…": ("card", False),
    "File/Save a Copy…": ("card", False),
    "File/Save Sections as Template…": ("card", False),
    "File/Export/PDF…": ("card", False),
    "File/Export/Markdown…": ("card", False),
    "File/Export/Actions CSV…": ("card", False),
    "File/Export/Calendar (.ics)…": ("card", False),
    "File/Export/Email Draft…": ("card", False),
    "File/Export/Board JSON…": ("card", False),
    "File/Email Report…": ("card", False),
    "Edit/Undo": ("card", True),  # after Delete Cards (see PREPARE)
    "Edit/Redo": ("card", True),  # after Delete Cards and Undo
    "Edit/Cut Cards": ("card", True),
    "Edit/Copy Cards as Text": ("card", False),
    "Edit/Paste Lines as Cards": ("card", True),  # what Copy put on the clipboard
    "Edit/Delete Cards": ("card", True),
    "Edit/Find…": ("card", False),
    "View/Go to/1  What happened": ("card", False),
    "View/Go to/2  Set the tone": ("card", False),
    "View/Go to/3  Review the facts": ("card", False),
    "View/Go to/4  Board": ("card", False),
    "View/Go to/5  Focus": ("card", False),
    "View/Go to/6  Top priorities": ("card", False),
    "View/Go to/7  Actions": ("card", False),
    "View/Go to/8  Wrap-up": ("card", False),
    "View/Go to/9  Room view": ("card", False),
    "View/Full Screen": ("card", False),
    "View/Fit Board to Window": ("card", False),
    "View/Collapse All Themes": ("card", False),
    "View/Expand All Themes": ("card", False),
    "View/Sort Columns by Votes": ("card", False),
    "View/Presentation Mode": ("card", True),  # the meeting begins: its phase and page are kept
    "View/Audience Window": ("card", False),
    "View/Zoom In": ("card", False),
    "View/Zoom Out": ("card", False),
    "View/Reset Zoom": ("card", False),
    "View/Theme/1  Light": ("card", False),
    "View/Theme/2  Dark": ("card", False),
    "View/Theme/3  High contrast (projector)": ("card", False),
    "Board/New Card in This Column": ("card", False),
    "Board/Notes…": ("card", False),
    "Board/Group into Theme": ("card", True),
    "Board/Ungroup / Take out of Theme": ("themed card", True),
    "Board/Move to Theme…": ("card", False),  # the picker is cancelled
    "Board/Merge Theme into…": ("theme", False),  # the picker is cancelled
    "Board/Move Up": ("card", True),
    "Board/Move Down": ("card", True),
    "Board/Move to Previous Section": ("card", False),  # the first column has none before it
    "Board/Move to Next Section": ("card", True),
    "Board/Dot Voting": ("card", False),
    "Board/Place a Dot": ("card", True),  # while voting (see PREPARE)
    "Board/Take a Dot Back": ("card", True),  # a dot placed just before
    "Board/Hide / Reveal Tallies": ("card", True),
    "Board/Author of Next Cards/0  No Author": ("card", False),
    "Board/Author of Next Cards/1  Ana Ruiz": ("card", False),
    "Board/Author of Next Cards/2  Ben Okafor": ("card", False),
    "Board/Author of Next Cards/3  Priya Nair": ("card", False),
    "Board/Author of Next Cards/4  Tom Becker": ("card", False),
    "Board/Author of Next Cards/5  Mei Chen": ("card", False),
    "Board/Add Participant…": ("card", False),
    "Board/Change Author of Selected Cards…": ("card", False),  # the picker is cancelled
    "Board/Create Action from Selection": ("card", True),
    "Board/Sections…": ("card", False),
    "Meeting/Next Phase": ("card", True),  # the time spent in the phase left is written
    "Meeting/Previous Phase": ("card", True),  # the phase under way is kept
    "Meeting/Pause or Resume Timer": ("card", False),
    "Meeting/Add 1 Minute": ("card", False),  # the countdown, not the plan
    "Meeting/Add 2 Minutes": ("card", False),
    "Meeting/Plan Minutes…": ("card", False),
    "Meeting/Reveal Cards": ("card", True),  # kept in the board: reopened, the cards stay revealed
    "Meeting/Reveal Votes": ("card", False),
    "Meeting/Open the Room…": ("card", False),  # its dialog is cancelled
    "Meeting/Show Join Code": ("card", False),  # the room is closed: it asks to open it (cancelled)
    "Help/About pmdesk": ("card", False),
}
# Controls used first, to reach the state a control acts on.
PREPARE = {
    "Edit/Undo": ["Edit/Delete Cards"],
    "Edit/Redo": ["Edit/Delete Cards", "Edit/Undo"],
    "Edit/Paste Lines as Cards": ["Edit/Copy Cards as Text"],
    "Board/Place a Dot": ["Board/Dot Voting"],
    "Board/Take a Dot Back": ["Board/Dot Voting", "Board/Place a Dot"],
}
# Left out: Close and Quit end the window (tests/ui/test_main_window.py covers them).
SKIPPED = {"File/Close", "File/Quit"}
# They act on cards from devices, which the demo board has none of: tests/ui/room/test_moderation.py.
SKIPPED |= {"Board/Hide Face-Down Cards", "Board/Merge Duplicate Cards"}
# Controls that leave a mode on: the control that turns it off again.
UNDO_BY = {
    "View/Full Screen": "View/Full Screen",
    "View/Sort Columns by Votes": "View/Sort Columns by Votes",
    "View/Presentation Mode": "View/Presentation Mode",
    "View/Audience Window": "View/Audience Window",
    "View/Zoom In": "View/Reset Zoom",
    "View/Zoom Out": "View/Reset Zoom",
    "View/Theme/2  Dark": "View/Theme/1  Light",
    "View/Theme/3  High contrast (projector)": "View/Theme/1  Light",
    "View/Collapse All Themes": "View/Expand All Themes",
    "View/Fit Board to Window": "View/Fit Board to Window",
    "Board/Dot Voting": "Board/Dot Voting",
    "Meeting/Next Phase": "Meeting/Previous Phase",
    "Meeting/Pause or Resume Timer": "Meeting/Pause or Resume Timer",
}

# Page, button (text, else tool tip's start) -> whether the board file changes.
BUTTONS: dict[tuple[str, str], bool] = {
    ("facts", "Add event"): True,
    ("facts", "Delete event"): True,
    ("facts", "Paste lines"): True,  # a time line is on the clipboard
    ("actions", "All"): False,
    ("actions", "Open"): False,
    ("actions", "Overdue"): False,
    ("actions", "Add action"): True,
    ("actions", "Delete action"): True,
}


class DialogCloser:
    """Cancels every modal dialog or popup as it opens, and notes warnings shown."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self.close)
        self.timer.start(20)

    def close(self) -> None:
        """Reject the active modal dialog or popup."""
        for widget in (QApplication.activeModalWidget(), QApplication.activePopupWidget()):
            if widget is None or not widget.isVisible():
                continue
            if isinstance(widget, QMessageBox) and widget.icon() in (
                QMessageBox.Icon.Warning,
                QMessageBox.Icon.Critical,
            ):
                self.errors.append(widget.text())
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()


def menu_actions(window: MainWindow) -> Iterator[tuple[str, QAction]]:
    """Every action of the menu bar (submenus walked), named by its path: "Board/Group into Theme"."""

    def walk(menu_action: QAction, path: str) -> Iterator[tuple[str, QAction]]:
        menu = menu_action.menu()
        assert menu is not None
        menu.aboutToShow.emit()  # menus filled when shown (Open Recent) are filled
        for action in menu.actions():
            if action.isSeparator() or not action.isVisible() or action.text() == "(none)":
                continue
            name = f"{path}/{action.text().replace('&', '')}"
            if action.menu() is not None:
                yield from walk(action, name)
            else:
                yield name, action

    for top in window.menuBar().actions():
        yield from walk(top, top.text().replace("&", ""))


def snapshot(path: Path) -> str:
    """The board as the file holds it, as JSON text."""
    return board_json_text(BoardFile.read_snapshot(path))


class Walk:
    """Puts the window back in its normal state before each control."""

    def __init__(self, window: MainWindow, qtbot: QtBot, path: Path) -> None:
        self.window = window
        self.qtbot = qtbot
        self.path = path
        self.start = window.qt_document.undo_stack.index()
        self.closer = DialogCloser()
        self.page = window.pages["board"]
        assert isinstance(self.page, BoardPage)
        exports = window.findChild(ExportController)
        assert exports is not None
        self.exports = exports
        exports.open_url = self._opened
        self.opened: list[str] = []
        self.failures: list[str] = []
        window.qt_document.failed.connect(self.failures.append)

    def _opened(self, url: QUrl) -> bool:
        self.opened.append(url.toLocalFile())
        return True

    def prepare(self, selection: str) -> str:
        """Undo what the last control did, show the Board, select by clicking; the file's text."""
        self.exports.wait()
        QApplication.processEvents()
        stack = self.window.qt_document.undo_stack
        while stack.index() > self.start:
            stack.undo()
        self.closer.errors.clear()
        self.failures.clear()
        self.window.show_page("board")
        text = {"card": CARD, "themed card": THEMED, "theme": None}[selection]
        board = self.window.qt_document.board
        item = card_by_text(board, text) if text else next(t.id for t in board.themes if t.label == THEME)
        click(self.qtbot, self.page, item)
        assert self.page.selected_ids() == [item]
        return snapshot(self.path)

    def errors(self) -> list[str]:
        """Error messages shown since ``prepare``: warning boxes and refusals."""
        self.exports.wait()
        self.qtbot.wait(30)
        return [*self.closer.errors, *self.failures]


@pytest.fixture
def walk(window: MainWindow, qtbot: QtBot, board_path: Path) -> Iterator[Walk]:
    """The walk over the window; its dialog closer stops with the test."""
    walk = Walk(window, qtbot, board_path)
    yield walk
    walk.closer.timer.stop()


def test_every_menu_item_does_what_it_says(
    walk: Walk, window: MainWindow, qtbot: QtBot, board_path: Path
) -> None:
    actions = dict(menu_actions(window))
    named = {name for name in actions if name not in SKIPPED}
    assert named == set(ACTIONS), "each menu item needs a line in ACTIONS"
    problems = []
    for name, (selection, edits) in ACTIONS.items():
        walk.prepare(selection)
        for step in PREPARE.get(name, []):
            actions[step].trigger()
        walk.exports.wait()
        before = snapshot(board_path)
        walk.failures.clear()
        if not actions[name].isEnabled():
            problems.append(f"{name}: disabled")
        actions[name].trigger()
        errors = walk.errors()
        changed = snapshot(board_path) != before
        if errors or changed != edits:
            problems.append(f"{name}: errors {errors}, file changed: {changed} (expected {edits})")
        for step in [*PREPARE.get(name, []), name]:
            if step in UNDO_BY:
                actions[UNDO_BY[step]].trigger()
    assert not problems, "\n".join(problems)


def test_every_button_does_what_it_says(
    walk: Walk, window: MainWindow, qtbot: QtBot, board_path: Path
) -> None:
    seen = set()
    problems = []
    for page in ("facts", "board", "actions", "wrap-up"):
        window.show_page(page)
        qtbot.wait(10)  # a page built now is shown on the next turn of the event loop
        buttons = [
            b
            for b in window.pages[page].findChildren(QAbstractButton)
            if b.isVisible() and b.isEnabled() and (b.text() or b.toolTip())
        ]
        for button in buttons:
            label = (button.text() or button.toolTip()).replace("&", "")
            key = (page, label)
            seen.add(key)
            if key not in BUTTONS:
                continue
            before = walk.prepare("card")
            window.show_page(page)
            qtbot.wait(10)
            table = getattr(window.pages[page], "table", None) or getattr(
                getattr(window.pages[page], "timeline", None), "table", None
            )
            if table is not None:  # the first row selected, as a person picks the row to act on
                rect = table.visualRect(table.model().index(0, 1))
                qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            QApplication.clipboard().setText("14:05 Rollback started")
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            errors = walk.errors()
            changed = snapshot(board_path) != before
            if errors or changed != BUTTONS[key]:
                problems.append(f"{key}: errors {errors}, file changed: {changed} (expected {BUTTONS[key]})")
    assert set(BUTTONS) <= seen
    assert not problems, "\n".join(problems)
