"""The main window: menus, the read-only banner, and the pages of the board."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

from pmdesk.model.labels import safe_file_stem
from pmdesk.model.shown import isolated, shown
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.focus import FocusKeeper, focus_page
from pmdesk.ui.lazy_pages import LazyPages, PageFactory
from pmdesk.ui.plain import confirm_replace, menu_text, plain_label
from pmdesk.ui.refresh import follow

FILE_FILTER = "pmdesk boards (*.pmdesk);;All files (*)"


def string_list(settings: QSettings, key: str) -> list[str]:
    """A list of strings from QSettings (which gives a lone string, None or a list)."""
    value = settings.value(key, [])
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value] if isinstance(value, list) else []


class WindowHooks:
    """What the composition root lets a window ask for: other windows, recent files."""

    def __init__(
        self,
        new_board: Callable[[], object],
        open_path: Callable[[Path], object],
        recent_files: Callable[[], list[Path]],
        quit_app: Callable[[], None],
        open_held: Callable[[Path], object] | None = None,
    ) -> None:
        self.new_board = new_board
        self.open_path = open_path
        self.recent_files = recent_files
        self.quit_app = quit_app
        # Open a board, read-only when another pmdesk window holds it (the Library opens with it).
        self.open_held = open_held


class MainWindow(QMainWindow):
    """One board in one window."""

    closing = Signal()  # the window accepted a close: write what is still in memory
    moved = Signal()  # Save As moved the board to another file (which may differ in read-only)
    completed = Signal()  # everything the first view left out is installed (see app.py)

    def __init__(self, qt_document: QtDocument, hooks: WindowHooks, settings: QSettings) -> None:
        super().__init__()
        self.qt_document = qt_document
        self.hooks = hooks
        self.settings = settings
        self.setObjectName("MainWindow")
        self.pages = LazyPages()
        self.setMinimumSize(960, 600)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = plain_label("", central)
        self.last_error: object = None  # the last error dialog shown (tests read it)
        self.not_saved_box: QMessageBox | None = None
        self.banner.setObjectName("ReadOnlyBanner")
        self.banner.setStyleSheet("background:#fff3cd;color:#3d2e00;padding:6px 12px;font-weight:bold;")
        self.banner.setVisible(False)
        layout.addWidget(self.banner)
        self.header = QHBoxLayout()
        self.header.setContentsMargins(8, 4, 8, 4)
        self.header.setSpacing(6)  # the central layout's 0 would make neighbouring buttons touch
        layout.addLayout(self.header)
        self.tabs = QTabWidget(central)
        self.tabs.setDocumentMode(True)
        self.pages.attach(self.tabs)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self._build_menus()
        self.focus_keeper = FocusKeeper(self)
        follow(qt_document, ("incident.title",), self._on_changed)
        qt_document.failed.connect(self.show_refusal)
        qt_document.not_saved.connect(self.show_not_saved)
        qt_document.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._update_title()
        self._update_banner()

    # --- pages ---------------------------------------------------------------------------

    def add_page(self, key: str, page: PageFactory | QWidget, title: str) -> None:
        """Add a page as a tab under ``key``; a factory builds it the first time it is needed."""
        self.pages.add(key, page, title)

    def reserve_page(self, key: str, title: str) -> None:
        """A tab whose page ``add_page`` provides later, so the tabs are complete from the start."""
        self.pages.reserve(key, title)

    def arrange_pages(self, order: list[str]) -> None:
        """Put the tabs in ``order`` (others follow) and give the first nine Ctrl+1 … Ctrl+9."""
        self.pages.arrange(order)
        for action in self.go_menu.actions():
            self.removeAction(action)
        self.go_menu.clear()
        for index in range(self.tabs.count()):
            key = self.pages.key_at(index)
            title = self.tabs.tabText(index)
            action = QAction(f"&{index + 1}  {title}" if index < 9 else title, self)
            if index < 9:
                shortcut = QKeySequence(f"Ctrl+{index + 1}")
                action.setShortcut(shortcut)
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                self.tabs.setTabToolTip(
                    index, f"{title} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})"
                )
            action.triggered.connect(partial(self.go_to_page, key))
            self.go_menu.addAction(action)
            self.addAction(action)

    def current_page(self) -> QWidget | None:
        """The page shown now (built if it was not yet)."""
        return self.pages.current()

    def show_page(self, key: str) -> None:
        """Bring the page registered under ``key`` to the front."""
        self.pages.show(key)

    def go_to_page(self, key: str) -> None:
        """Show a page with the cursor in its first input, so one can switch and type at once."""
        self.pages.show(key)
        # A page built just now is shown on the next turn of the event loop.
        QTimer.singleShot(0, self, lambda: focus_page(self.pages.current()))

    # --- menus ---------------------------------------------------------------------------

    def _action(self, menu_text: str, slot: Callable[[], object], shortcut: object = None) -> QAction:
        action = QAction(menu_text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))  # type: ignore[call-overload]
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.addAction(
            self._action("&New Board", self.hooks.new_board, QKeySequence.StandardKey.New)
        )
        self.file_menu.addAction(self._action("&Open…", self.open_dialog, QKeySequence.StandardKey.Open))
        self.recent_menu = self.file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.file_menu.addSeparator()
        self.file_menu.addAction(
            self._action("Save &As…", self.save_as_dialog, QKeySequence.StandardKey.SaveAs)
        )
        self.file_menu.addAction(self._action("Save a Cop&y…", self.save_copy_dialog))
        self.export_menu = self.file_menu.addMenu("&Export")
        self.file_menu.addSeparator()
        self.file_menu.addAction(self._action("&Close", self.close, QKeySequence.StandardKey.Close))
        self.file_menu.addAction(self._action("&Quit", self.hooks.quit_app, QKeySequence.StandardKey.Quit))

        self.edit_menu = bar.addMenu("&Edit")
        stack = self.qt_document.undo_stack
        undo = stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.edit_menu.addActions([undo, redo])
        self.edit_menu.addSeparator()

        self.view_menu = bar.addMenu("&View")
        self.go_menu = self.view_menu.addMenu("&Go to")
        full = self._action("&Full Screen", self.toggle_full_screen, QKeySequence.StandardKey.FullScreen)
        full.setShortcuts([QKeySequence(QKeySequence.StandardKey.FullScreen), QKeySequence("F11")])
        self.view_menu.addAction(full)
        self.board_menu = bar.addMenu("&Board")
        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addAction(self._action("&About pmdesk", self._about))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.hooks.recent_files()
        for path in recent:
            self.recent_menu.addAction(
                self._action(menu_text(str(path)), partial(self.hooks.open_path, path))
            )
        if not recent:
            self.recent_menu.addAction("(none)").setEnabled(False)

    def toggle_full_screen(self) -> None:
        """Full screen on and off."""
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from pmdesk import __version__

        box = QMessageBox(self)
        box.setWindowTitle("About pmdesk")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"pmdesk {__version__}\nRun a blameless incident post-mortem in one window, offline.")
        box.exec()

    # --- files ---------------------------------------------------------------------------

    def open_dialog(self) -> None:
        """Ask for a board file and open it in a window."""
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self, "Open board", "", FILE_FILTER)
        if name:
            self.hooks.open_path(Path(name))

    def _ask_target(self, caption: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(self, caption, self._suggested_name(), FILE_FILTER)
        if not name:
            return None
        path = Path(name)
        if path.suffix:
            return path
        path = path.with_suffix(".pmdesk")
        # The dialog asked about the name as typed, not about this one: ask before replacing it.
        if os.path.lexists(path) and not confirm_replace(self, path):
            return None
        return path

    def _suggested_name(self) -> str:
        return f"{safe_file_stem(self.qt_document.board.incident.title, fallback='board')}.pmdesk"

    def save_as_dialog(self) -> None:
        """Save the board under a new name and continue there."""
        target = self._ask_target("Save board as")
        if target is not None:
            self.save_as(target)

    def save_as(self, target: Path) -> bool:
        """Continue the board at ``target``; False with a message if it cannot be written."""
        from pmdesk.store.errors import BoardFileError

        try:
            self.qt_document.document.save_as(target)
        except BoardFileError as error:
            self.show_error("Save As failed", shown(str(error)))
            return False
        self.settings_add_recent(target)
        self._update_title()
        self._update_banner()
        self.moved.emit()
        self.qt_document.announce_everything()
        return True

    def save_copy_dialog(self) -> None:
        """Write a copy of the board somewhere else."""
        from pmdesk.store.errors import BoardFileError

        target = self._ask_target("Save a copy")
        if target is None:
            return
        try:
            self.qt_document.document.save_copy(target)
        except BoardFileError as error:
            self.show_error("Save a Copy failed", shown(str(error)))

    def settings_add_recent(self, path: Path) -> None:
        """Remember ``path`` at the top of Open Recent."""
        recent = [str(path.resolve())] + [
            p for p in string_list(self.settings, "recent_files") if p != str(path.resolve())
        ]
        self.settings.setValue("recent_files", recent[:10])

    # --- messages and state --------------------------------------------------------------

    def show_error(self, title: str, message: str) -> None:
        """A modal error with plain text (user text in it passed through ``shown`` by the caller).

        Each line is escaped once more, so no control character reaches the dialog whatever the caller did.
        """
        from PySide6.QtWidgets import QMessageBox  # dialogs are imported when needed, not at start

        box = QMessageBox(QMessageBox.Icon.Warning, title, "", QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText("\n".join(shown(line) for line in message.split("\n")))
        self.last_error = box
        box.exec()

    def show_not_saved(self, message: str) -> None:
        """A change did not reach the file (a full disk): say so in a dialog that does not block typing."""
        from PySide6.QtWidgets import QMessageBox

        box = self.not_saved_box
        if box is None or not shiboken6.isValid(box):
            box = QMessageBox(
                QMessageBox.Icon.Warning, "Change not saved", "", QMessageBox.StandardButton.Ok, self
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.not_saved_box = box
        box.setText(shown(message))  # a second failure while it is open updates it, never stacks
        box.open()

    def show_refusal(self, message: str) -> None:
        """An edit was refused: say why in the status bar (one line), without a modal dialog."""
        self.statusBar().showMessage(shown(message), 6000)

    def _on_changed(self, _edit: object) -> None:
        self._update_title()

    def _on_clean_changed(self, _clean: bool) -> None:
        # The undo stack dies with the window's children and may signal after the window is gone.
        if shiboken6.isValid(self):
            self._update_title()

    def _update_title(self) -> None:
        document = self.qt_document.document
        title = self.qt_document.board.incident.title or "Untitled incident"
        where = "untitled board" if document.untitled else shown(document.path.name)
        suffix = " (read-only)" if document.read_only else ""
        # The title is the user's text: its bidi controls shown as escapes (as in every message)
        # and the rest isolated, so neither an override nor an Arabic or Hebrew title reorders
        # the file name and "pmdesk" after it.
        self.setWindowTitle(f"{isolated(shown(title))} — {where}{suffix} — pmdesk")

    def _update_banner(self) -> None:
        document = self.qt_document.document
        if document.read_only:
            self.banner.setText(
                shown(document.notice)
                if document.notice
                else f"{shown(document.path.name)} is read-only: "
                "you can look and export, but changes cannot be saved."
            )
        self.banner.setVisible(document.read_only)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Keep the window's geometry; the board itself is always saved already.

        A device's change still being written is waited for; if it fails, the window stays open
        and says so (the board shows what the file holds).
        """
        if not self.qt_document.settle():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        event.accept()
        self.closing.emit()
