"""File ▸ Library… (Ctrl+L): one Library window for the whole application."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from pmdesk.ui.main_window import MainWindow

_shared: list[object] = []  # the one Library window, while it exists


def install(window: MainWindow) -> QAction:
    """Add File ▸ Library… to a main window; the action."""
    action = QAction("&Library…", window)
    action.setObjectName("LibraryAction")
    action.setShortcut(QKeySequence("Ctrl+L"))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setStatusTip("Search every board in your library folders and follow their open actions")
    action.triggered.connect(lambda _checked=False: show_library(window))
    menu_actions = window.file_menu.actions()
    recent = window.recent_menu.menuAction()
    after = menu_actions.index(recent) + 1 if recent in menu_actions else len(menu_actions)
    before = menu_actions[after] if after < len(menu_actions) else None
    window.file_menu.insertAction(before, action) if before is not None else window.file_menu.addAction(
        action
    )
    return action


def show_library(window: MainWindow) -> object:
    """Show the Library window (made the first time), brought to the front."""
    from pmdesk.ui.library.window import LibraryWindow

    library = _shared[0] if _shared and shiboken6.isValid(_shared[0]) else None
    if not isinstance(library, LibraryWindow):
        # A window of its own, owned by the board window it was opened from (closed with it).
        opener = window.hooks.open_held or window.hooks.open_path  # read-only when held elsewhere
        library = LibraryWindow(window.settings, opener, parent=window)
        library.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _shared[:] = [library]
        library.show()
        library.reindex()
    else:
        library.show()
    library.raise_()
    library.activateWindow()
    library._focus_search()
    return library
