"""Views that rebuild from the board do it when they can be seen, not on every edit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class _ShowWatcher(QObject):
    """Runs a stale view's refresh when the view is shown again."""

    def __init__(self, widget: QWidget, refresh: Callable[[], object]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.refresh = refresh
        self.stale = False
        widget.installEventFilter(self)

    def on_changed(self, _edit: object = None) -> None:
        """Refresh now if the view is visible, or remember to when it is shown."""
        if self.widget.isVisible():
            self.stale = False
            self.refresh()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On Show, catch up with the edits made while the view was hidden."""
        if watched is self.widget and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.refresh()
        return False


def refresh_when_shown(widget: QWidget, refresh: Callable[[], object]) -> Callable[[object], None]:
    """A slot for QtDocument.changed that defers ``refresh`` while ``widget`` is hidden."""
    return _ShowWatcher(widget, refresh).on_changed
