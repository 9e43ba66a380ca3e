"""The one way a view follows the document: filtered by what it shows, refreshed when it can be seen.

``follow(qt_document, keys, update, widget)`` calls ``update(changes)`` for every change set that
concerns one of ``keys`` ("cards", "incident.title", …). With a ``widget``, a change that arrives
while the widget is hidden only marks it stale; when it is shown again ``update`` runs once with
``Changes.everything()``. Without a widget (item models, the window title) ``update`` runs at once.

``follow_steps(qt_document, react, widget)`` is the same path for what happens after an undo or
redo step (the board selects what the step brought back): ``react(changes)`` runs once every
view has followed the step, and only if ``widget`` is seen then; a hidden page keeps nothing for
later, since a step is a moment to answer, not a state to show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from pmdesk.model.changes import Changes
from pmdesk.ui.document_adapter import QtDocument

Update = Callable[[Changes], object]


class Follower(QObject):
    """Runs a view's update for the change sets it follows, now if seen, else when shown."""

    def __init__(
        self,
        qt_document: QtDocument,
        keys: Iterable[str],
        update: Update,
        widget: QWidget | None = None,
    ) -> None:
        super().__init__(widget if widget is not None else qt_document)
        self.keys = tuple(keys)
        self.refresh = update
        self.widget = widget
        self.stale = False
        self.qt_document = qt_document
        qt_document.changed.connect(self.on_changed)
        if widget is not None:
            widget.installEventFilter(self)

    def stop(self) -> None:
        """Follow no more (for a view that goes before the document does)."""
        self.qt_document.changed.disconnect(self.on_changed)
        self.deleteLater()

    def on_changed(self, changes: Changes) -> None:
        """Pass on a change set that concerns the view (or note it for later, if hidden)."""
        if self.keys and not changes.concerns(*self.keys):
            return
        if self.widget is not None and not self.widget.isVisible():
            self.stale = True
            return
        self.refresh(changes)

    def request(self) -> None:
        """Something other than an edit changed what the view shows: refresh now or when shown."""
        self.stale = True
        if self.widget is None or self.widget.isVisible():
            self.catch_up()

    def catch_up(self) -> None:
        """Run the update now if the view is stale."""
        if self.stale:
            self.stale = False
            self.refresh(Changes.everything())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On Show, catch up with the edits made while the view was hidden."""
        if watched is self.widget and event.type() == QEvent.Type.Show:
            self.catch_up()
        return False


def follow(
    qt_document: QtDocument, keys: Iterable[str], update: Update, widget: QWidget | None = None
) -> Follower:
    """Call ``update(changes)`` for change sets concerning ``keys`` (all if empty); see the module."""
    return Follower(qt_document, keys, update, widget)


class StepFollower(QObject):
    """Runs a page's reaction to an undo or redo step, if the page is seen when it happens."""

    def __init__(self, qt_document: QtDocument, react: Update, widget: QWidget) -> None:
        super().__init__(widget)  # the connection ends with the page
        self.react = react
        self.widget = widget
        qt_document.stepped.connect(self.on_stepped)

    def on_stepped(self, changes: Changes) -> None:
        """Pass on the step's change set while the page is visible; drop it otherwise."""
        if changes.edit is not None and self.widget.isVisible():
            self.react(changes)


def follow_steps(qt_document: QtDocument, react: Update, widget: QWidget) -> StepFollower:
    """Call ``react(changes)`` after each undo or redo step that ``widget`` is seen for; see the module."""
    return StepFollower(qt_document, react, widget)
