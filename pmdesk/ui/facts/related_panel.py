"""Review the facts on the laptop: "earlier incidents like this one" and their open actions.

The panel sits beside the facts on the facilitator's screen only: the room's view builds its own
presentation without it, and while the laptop itself is the projector (presenting on one screen)
it is hidden. It reads the library's folders from the same setting File ▸ Library… keeps, and
works only when the page is shown, on a worker thread, so start-up and the page stay quick.
The facilitator may bring one related incident to the room's view ("Show in room").
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.library.index import Library
from pmdesk.library.related import Related, related
from pmdesk.library.schema import default_index_path
from pmdesk.model.board import Board
from pmdesk.report.related import RelatedIncident
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.facts.review import FactsPresentation
from pmdesk.ui.library.library_thread import LibraryThread
from pmdesk.ui.main_window import string_list
from pmdesk.ui.plain import capped, plain_label, plain_tooltip

FOLDERS_KEY = "library/folders"  # the same setting as File ▸ Library…'s folders
PANEL_WIDTH = 340
RELATED_LIMIT = 6
ITEM_ROLE = Qt.ItemDataRole.UserRole + 11


def library_folders(settings: QSettings) -> list[Path]:
    """The library's folders as File ▸ Library… remembers them."""
    return [Path(name) for name in string_list(settings, FOLDERS_KEY) if name]


def facts_of(board: Board) -> Board:
    """What finding related incidents reads of a board (its facts and themes), as a copy for a thread."""
    return Board(incident=dataclasses.replace(board.incident), themes=list(board.themes))


class RelatedWorker(LibraryThread):
    """Brings the index up to date and finds incidents like the board, off the GUI thread.

    ``done`` carries a list[Related].
    """

    failure = "Earlier incidents could not be looked up"

    def __init__(
        self, index_path: Path, folders: list[Path], board: Board, path: Path | None, parent: QWidget
    ) -> None:
        super().__init__(index_path, folders, parent)
        self.board, self.path = board, path

    def work(self, library: Library) -> list[Related]:
        """Find them (on the worker thread)."""
        library.update(self.folders, should_stop=self.stopping)
        return [] if self.stopping() else related(library, self.folders, self.board, self.path, RELATED_LIMIT)


class RelatedPanel(QFrame):
    """Earlier incidents like this one, each with its open actions; one can be shown in the room."""

    project = Signal(object)  # a RelatedIncident to show in the room, or None to stop
    computed = Signal()

    def __init__(
        self,
        qt_document: QtDocument,
        settings: QSettings,
        index_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("RelatedPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.qt_document = qt_document
        self.settings = settings
        self.index_path = index_path or default_index_path()
        self.worker: RelatedWorker | None = None
        self.found: list[Related] = []
        self._asked: tuple[object, ...] | None = None  # what the shown list was found for
        layout = QVBoxLayout(self)
        title = plain_label("Earlier incidents like this one", self)
        title.setStyleSheet("font-weight:bold;")
        layout.addWidget(title)
        note = plain_label("On your screen only: the room does not see this.", self)
        italic = note.font()
        italic.setItalic(True)
        note.setFont(italic)
        layout.addWidget(note)
        self.status = plain_label("", self)
        self.status.setObjectName("RelatedStatus")
        layout.addWidget(self.status)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("RelatedTree")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setAccessibleName("Earlier incidents like this one and their open actions")
        self.tree.currentItemChanged.connect(lambda _now, _before: self._enable())
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.show_button = QPushButton("Show in &room", self)
        self.show_button.setObjectName("RelatedShow")
        self.show_button.setToolTip(
            "Bring the selected earlier incident and its open actions to the room's view"
        )
        self.stop_button = QPushButton("Back to the &facts", self)
        self.stop_button.setObjectName("RelatedStop")
        self.stop_button.setToolTip("The room sees this incident's facts again")
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.stop_button)
        layout.addLayout(buttons)
        layout.addStretch(0)  # takes the height while there is no list: the message stays on top
        self.show_button.clicked.connect(self.show_selected)
        self.stop_button.clicked.connect(self.stop_showing)
        self.shown_in_room: RelatedIncident | None = None
        self._enable()

    # --- finding ----------------------------------------------------------------------------

    def _question(self) -> tuple[object, ...]:
        board = self.qt_document.board
        incident = board.incident
        return (
            tuple(library_folders(self.settings)),
            dataclasses.astuple(incident),
            tuple(theme.label for theme in board.themes),
        )

    def showEvent(self, event: QShowEvent) -> None:
        """Look again when shown, if the folders or the facts changed since the last look."""
        super().showEvent(event)
        self.refresh()

    def refresh(self, force: bool = False) -> None:
        """Find the related incidents (on a worker thread) unless the answer shown is still good."""
        question = self._question()
        if self.worker is not None or (question == self._asked and not force):
            return
        folders = library_folders(self.settings)
        self._asked = question
        if not folders:
            self._show([], "No library yet: add folders of earlier boards with File ▸ Library…")
            return
        self.status.setText("Looking through the library…")
        path = self._board_path()
        self.worker = RelatedWorker(self.index_path, folders, facts_of(self.qt_document.board), path, self)
        self.worker.done.connect(lambda found: self._show(found, ""))
        self.worker.failed.connect(lambda message: self._show([], message))
        self.worker.finished.connect(self._finished)
        self.worker.start()

    def _board_path(self) -> Path | None:
        document = getattr(self.qt_document, "document", None)
        path = getattr(document, "path", None)
        return Path(path) if path is not None else None

    def _finished(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.deleteLater()
        if self.isVisible() and self._question() != self._asked:
            self.refresh()

    def wait(self, msecs: int = 30_000) -> None:
        """Wait for a look under way (for closing, and for tests)."""
        if self.worker is not None:
            self.worker.wait(msecs)

    # --- showing ----------------------------------------------------------------------------

    def _show(self, found: object, message: str) -> None:
        assert isinstance(found, list)
        self.found = found
        self.tree.clear()
        for item in found:
            self.tree.addTopLevelItem(self._item(item))
        if message:
            self.status.setText(message)
        elif not found:
            self.status.setText(
                "No earlier incident in the library shares a service or much text with this one."
            )
        else:
            self.status.setText(f"{len(found)} earlier incidents; their open actions below each.")
        self.tree.expandAll()
        self._enable()
        self.computed.emit()

    def _item(self, found: Related) -> QTreeWidgetItem:
        board = found.board
        reason = found.for_report(same_services_only=False).reason
        top = QTreeWidgetItem([f"{capped(board.title, 300)} · {board.date or 'no date'}"])
        top.setData(0, ITEM_ROLE, found)
        top.setToolTip(0, plain_tooltip(f"{board.title}\n{reason}\n{board.path}"))
        why = QTreeWidgetItem([capped(reason, 300)])
        why.setFlags(Qt.ItemFlag.ItemIsEnabled)
        top.addChild(why)
        if not found.open_actions:
            none = QTreeWidgetItem(["No open actions"])
            none.setFlags(Qt.ItemFlag.ItemIsEnabled)
            top.addChild(none)
        for action in found.open_actions:
            owner = action.owner or "no owner"
            due = f", due {action.due}" if action.due else ""
            child = QTreeWidgetItem([f"☐ {capped(action.text, 300)} ({owner}{due})"])
            child.setToolTip(0, plain_tooltip(action.text))
            child.setFlags(Qt.ItemFlag.ItemIsEnabled)
            top.addChild(child)
        return top

    def selected(self) -> Related | None:
        """The related incident selected (or the one whose line is selected)."""
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        found = item.data(0, ITEM_ROLE) if item is not None else None
        return found if isinstance(found, Related) else None

    def _enable(self) -> None:
        # Nothing found, nothing shown: the message alone, not an empty list and two dead buttons.
        listed = bool(self.found) or self.shown_in_room is not None
        for widget in (self.tree, self.show_button, self.stop_button):
            widget.setVisible(listed)
        self.show_button.setEnabled(self.selected() is not None)
        self.stop_button.setEnabled(self.shown_in_room is not None)

    def show_selected(self) -> None:
        """Bring the selected incident to the room's view, with all its open actions."""
        found = self.selected()
        if found is None:
            return
        self.shown_in_room = found.for_report(same_services_only=False)
        self.project.emit(self.shown_in_room)
        self._enable()

    def forget_shown(self, _phase: str = "") -> None:
        """The room moved on (another phase): nothing of the library is shown there any more."""
        self.shown_in_room = None
        self._enable()

    def stop_showing(self) -> None:
        """The room sees the facts again."""
        self.shown_in_room = None
        self.project.emit(None)
        self._enable()


class ReviewPage(FactsPresentation):
    """Review the facts on the laptop: the facts, and the related-incidents panel at the right."""

    def __init__(
        self,
        qt_document: QtDocument,
        settings: QSettings,
        index_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(qt_document, parent)
        self.related = RelatedPanel(qt_document, settings, index_path, self)
        self.presenting = False
        self._place()

    def set_presenting(self, on: bool) -> None:
        """While this screen is the projector, the panel is not shown."""
        self.presenting = on
        self._place()

    def _place(self) -> None:
        shown = not self.presenting
        self.setViewportMargins(0, 0, PANEL_WIDTH if shown else 0, 0)
        self.related.setVisible(shown)
        self._geometry()

    def _geometry(self) -> None:
        """The panel in the margin between the facts and the scroll bar."""
        area = self.viewport().geometry()
        self.related.setGeometry(area.right() + 1, area.top(), PANEL_WIDTH, area.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the panel at the right edge."""
        super().resizeEvent(event)
        self._geometry()

    def showEvent(self, event: QShowEvent) -> None:
        """Place the panel once the page is laid out."""
        super().showEvent(event)
        self._geometry()
