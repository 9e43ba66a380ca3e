"""Keyboard focus always lands somewhere visible and useful in the window.

A page may offer ``focus_first_input()`` (Ctrl+1 … Ctrl+9 put the cursor there); otherwise the
first visible control of the page that takes keyboard focus, skipping buttons, is used.
Typing then continues the field's text, except in a field that still holds its default (a line
edit whose ``DEFAULT_TEXT`` property equals its text, such as "Untitled incident"): that text is
selected, so typing replaces it.
``FocusKeeper`` puts the focus back when it is lost: a focused widget hidden or deleted by an
edit, an undo or a closed find bar, or a dialog closed while the window was not re-activated.
It also lets Ctrl+Z / Ctrl+Shift+Z through to the window's Undo / Redo from a text field that has
nothing of its own left to undo or redo (the card entry emptied by Enter took the key and did
nothing, so the card just added could not be undone from where it was typed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeGuard

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from pmdesk.ui.palette import Palette

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTextEdit


def is_text_edit(widget: QObject) -> TypeGuard[QTextEdit]:
    """True for a QTextEdit, asked by class name: importing the class builds its enums, which
    the window's start does without (it has none before its first frame)."""
    return widget.inherits("QTextEdit")


def takes_focus(widget: QWidget) -> bool:
    """True if the widget is on screen, enabled and takes focus from the keyboard."""
    return (
        widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.focusProxy() is None
    )


def focus_ring(theme: Palette, selector: str) -> str:
    """Style sheet rules that ring ``selector`` in the theme's focus colour while it has the keyboard.

    A checked button (the current phase) is filled with the accent colour, which the ring could
    match: it gets a dashed ring in the accent's text colour instead.
    """
    width = theme.focus_width
    return (
        f"{selector}:focus{{border:{width}px solid {theme.focus};}}"
        f"{selector}:checked:focus{{border:{width + 1}px dashed {theme.accent_text};}}"
    )


# A line edit whose text equals this property holds a default that typing should replace.
DEFAULT_TEXT = "default_text"

# Controls that take focus but are not where one types or navigates: buttons, and scroll areas
# around forms (their fields are next in the chain).
_NOT_INPUTS = (QAbstractButton, QScrollArea)


def first_input(page: QWidget) -> QWidget | None:
    """The first control of ``page`` in Tab order that takes text or navigation (not a button)."""
    widget = page.nextInFocusChain()
    seen: set[int] = set()
    while widget is not None and id(widget) not in seen and widget is not page:
        seen.add(id(widget))
        if page.isAncestorOf(widget) and takes_focus(widget) and not isinstance(widget, _NOT_INPUTS):
            return widget
        widget = widget.nextInFocusChain()
    return None


def focus_page(page: QWidget | None) -> bool:
    """Put the cursor in the page's first input; False if the page has none to offer."""
    if page is None or not page.isVisible():
        return False
    custom: Any = getattr(page, "focus_first_input", None)
    if callable(custom) and custom():
        return True
    target = first_input(page)
    if target is None:
        return False
    target.setFocus(Qt.FocusReason.OtherFocusReason)  # no select-all: typing never replaces a text
    if isinstance(target, QLineEdit):
        if target.text() and target.text() == target.property(DEFAULT_TEXT):
            target.selectAll()  # typing replaces a default such as "Untitled incident"
        else:
            target.end(False)  # typing continues the text
    elif isinstance(target, QPlainTextEdit):
        from PySide6.QtGui import QTextCursor  # (its enums cost a start-up that needs none)

        target.moveCursor(QTextCursor.MoveOperation.End)
    return True


# Set on a text field whose Ctrl+Z went on to the board: its Ctrl+Shift+Z goes there too, until
# the next key typed in it (the field's own redo would otherwise start a new history on the
# board and lose the board's redo).
BOARD_HISTORY = "undo_went_to_board"


def _own_history(widget: QObject, redo: bool) -> bool:
    """True if a text field has typing of its own to undo (``redo``: to redo)."""
    if redo and widget.property(BOARD_HISTORY):
        return False
    if isinstance(widget, QLineEdit):
        return widget.isRedoAvailable() if redo else widget.isUndoAvailable()
    if isinstance(widget, QPlainTextEdit) or is_text_edit(widget):
        document = widget.document()
        return document.isRedoAvailable() if redo else document.isUndoAvailable()
    return True


class UndoFallThrough(QObject):
    """On a text field: Ctrl+Z / Ctrl+Shift+Z reach the window's Undo / Redo when the field has
    nothing of its own to undo / redo (a text field otherwise claims the keys even then)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Leave the Undo and Redo keys to the window's shortcuts when the field's history is empty."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            for key, redo in ((QKeySequence.StandardKey.Undo, False), (QKeySequence.StandardKey.Redo, True)):
                if event.matches(key) and not _own_history(watched, redo):
                    watched.setProperty(BOARD_HISTORY, True)
                    event.ignore()
                    return True
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.text():
            watched.setProperty(BOARD_HISTORY, False)  # typing again: the field's own history again
        return False


def is_text_field(widget: QWidget) -> bool:
    """True for an editable line or text field of a form (not an item view's cell editor)."""
    if not (isinstance(widget, (QLineEdit, QPlainTextEdit)) or is_text_edit(widget)) or widget.isReadOnly():
        return False
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return False  # a cell editor: the table's own edit is still open
        parent = parent.parentWidget()
    return True


class FocusKeeper(QObject):
    """Watches one main window and gives the focus back to something useful when it is lost."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._pending = False
        self._dialog: QWidget | None = None
        self._tries = 0  # looks again while a dialog that lost the keyboard is still closing
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        self.undo_keys = UndoFallThrough(self)
        app.focusChanged.connect(self._watch_undo_keys)

    def _watch_undo_keys(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A text field of this window that takes the keyboard lets unused undo keys through."""
        if new is not None and shiboken6.isValid(self.window) and is_text_field(new) and self._mine(new):
            new.installEventFilter(self.undo_keys)  # installed again: still called once

    def _mine(self, widget: QWidget | None) -> bool:
        """True if ``widget`` is in this window or in a dialog of it."""
        while widget is not None:
            top = widget.window()
            if top is self.window:
                return True
            widget = top.parentWidget()
        return False

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if not shiboken6.isValid(self.window) or new is not None or old is None:
            return
        if shiboken6.isValid(old) and self._mine(old):
            dialog = old.window()
            self._dialog = dialog if dialog is not self.window else None
            self._tries = 0
            self.schedule()

    def schedule(self) -> None:
        """Check the focus once the current event is handled (widgets settle first)."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.restore)

    def restore(self) -> None:
        """If nothing useful has the focus, put it in the current page."""
        self._pending = False
        dialog, self._dialog = self._dialog, None
        if dialog is None:
            self._tries = 0
        if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible():
            # The dialog lost the keyboard before it closed: look again once it has.
            if self._tries < 20:
                self._tries += 1
                self._dialog = dialog
                QTimer.singleShot(50, self, self.restore)
            return
        window = self.window
        if not window.isVisible() or QApplication.activeModalWidget() or QApplication.activePopupWidget():
            return
        focus = QApplication.focusWidget()
        if focus is not None and focus.isVisible() and self._mine(focus):
            return
        if not window.isActiveWindow():
            # A dialog of ours closed and nothing took the keyboard back (no window manager, or
            # one that does not re-activate the parent). Leaving the window for another program
            # leaves it alone: then the focus was lost from the window itself.
            if dialog is None:
                return
            active = QApplication.activeWindow()
            if active is not None and active is not dialog and active.isVisible():
                return
            window.activateWindow()
        pages: Any = getattr(window, "pages", None)
        current = pages.current() if pages is not None else None
        if not focus_page(current):
            from PySide6.QtWidgets import QTabBar

            bar = window.findChild(QTabBar)
            (bar or window).setFocus(Qt.FocusReason.OtherFocusReason)
