"""The Library window: folders, search with highlighted hits grouped by board, open actions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.library.index import Hit, Library, UpdateReport
from pmdesk.library.schema import default_index_path
from pmdesk.model.shown import shown
from pmdesk.report.common import label
from pmdesk.ui.library.actions_view import ActionsView
from pmdesk.ui.library.indexer import Indexer
from pmdesk.ui.library.recurs_view import RecursView
from pmdesk.ui.library.segments import SEGMENTS_ROLE, SegmentsDelegate
from pmdesk.ui.main_window import string_list
from pmdesk.ui.plain import plain_label, plain_tooltip

FOLDERS_KEY = "library/folders"
HIT_LIMIT = 100  # hits shown for one search (pmdesk search prints them all)
MESSAGE_MS = 8000  # how long what an export did stays in the status line
PATH_ROLE = Qt.ItemDataRole.UserRole + 3
KIND_LABELS = {
    "incident": "Incident",
    "timeline": "Timeline",
    "card": "Card",
    "card-notes": "Card notes",
    "theme": "Theme",
    "theme-notes": "Theme notes",
    "action": "Action",
    "takeaways": "Takeaways",
}


def take_keyboard_back(window: QWidget) -> None:
    """Bring ``window`` back to the front after its dialog closed.

    The Library is a window of its own owned by a board window; when its dialog closes, a
    window manager may give the keyboard to that board window instead, and typing lands there.
    """

    def front() -> None:
        window.raise_()
        window.activateWindow()

    QTimer.singleShot(0, window, front)


class LibraryWindow(QWidget):
    """Search every board of the library's folders and follow the open actions across them."""

    def __init__(
        self,
        settings: QSettings,
        open_path: Callable[[Path], object],
        index_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("LibraryWindow")
        self.setWindowTitle("Library — pmdesk")
        self.settings = settings
        self.open_path = open_path
        self.index_path = index_path or default_index_path()
        self.library: Library | None = None
        self.indexer: Indexer | None = None
        self.report: UpdateReport | None = None
        self._summary: str | None = None  # the status line's text under an export's message
        self.resize(1100, 720)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.folders = QListWidget(self)
        self.folders.setObjectName("LibraryFolders")
        self.folders.setMaximumHeight(70)
        self.folders.setToolTip("The folders of boards searched (with their subfolders)")
        buttons = QVBoxLayout()
        self.add_button = QPushButton("&Add folder…", self)
        self.remove_button = QPushButton("&Remove folder", self)
        self.reindex_button = QPushButton("Re&fresh", self)
        self.reindex_button.setToolTip("Read the boards changed since the last look (F5)")
        for button in (self.add_button, self.remove_button, self.reindex_button):
            buttons.addWidget(button)
        top.addWidget(QLabel("Folders:", self), 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.folders, 1)
        top.addLayout(buttons)
        layout.addLayout(top)

        status = QHBoxLayout()
        self.progress = QProgressBar(self)
        self.progress.setObjectName("LibraryProgress")
        self.progress.setVisible(False)
        self.progress.setFormat("Reading boards: %v of %m")
        self.status = plain_label("", self, wrap=False)
        self.status.setObjectName("LibraryStatus")
        status.addWidget(self.progress, 1)
        status.addWidget(self.status, 2)
        layout.addLayout(status)

        self.tabs = QTabWidget(self)
        search_page = QWidget(self.tabs)
        search_layout = QVBoxLayout(search_page)
        search_layout.setContentsMargins(0, 6, 0, 0)
        self.search_box = QLineEdit(search_page)
        self.search_box.setObjectName("LibrarySearch")
        self.search_box.setPlaceholderText(
            "Search every post-mortem: words in any form, or two or more CJK characters"
        )
        self.search_box.setClearButtonEnabled(True)
        search_layout.addWidget(self.search_box)
        self.results = QTreeWidget(search_page)
        self.results.setObjectName("LibraryResults")
        self.results.setColumnCount(2)
        self.results.setHeaderLabels(["Where", "What matched"])
        self.results.setColumnWidth(0, 380)
        self.results.setUniformRowHeights(True)
        self.results.setItemDelegateForColumn(1, SegmentsDelegate(self.results))
        self.results.itemActivated.connect(self._open_item)
        search_layout.addWidget(self.results, 1)
        self.hits_label = plain_label("", search_page, wrap=False)
        search_layout.addWidget(self.hits_label)
        self.tabs.addTab(search_page, "&Search")
        self.actions_view = ActionsView(settings, self.tabs)
        self.actions_view.open_board.connect(self._open)
        self.actions_view.message.connect(self._show_message)
        self.tabs.addTab(self.actions_view, "Open a&ctions")
        # What recurs and the charts: worked out on its own thread while shown; this window keeps
        # the index up to date and tells it when the folders were indexed again.
        self.recurs = RecursView(self.index_path, update=False, parent=self.tabs)
        self.recurs.open_board.connect(self._open)
        self.tabs.addTab(self.recurs, "&What recurs")
        layout.addWidget(self.tabs, 1)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(150)
        self.search_timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _text: self.search_timer.start())
        self.search_box.returnPressed.connect(self.run_search)
        self.add_button.clicked.connect(self.add_folder_dialog)
        self.remove_button.clicked.connect(self.remove_folder)
        self.reindex_button.clicked.connect(self.reindex)
        QShortcut(QKeySequence("F5"), self, self.reindex)
        QShortcut(QKeySequence("Ctrl+F"), self, self._focus_search)
        to_hits = QShortcut(QKeySequence(Qt.Key.Key_Down), self.search_box, self._focus_hits)
        to_hits.setContext(Qt.ShortcutContext.WidgetShortcut)  # ↓ from the query to its first hit
        for path in string_list(settings, FOLDERS_KEY):
            self._add_folder_item(Path(path))
        self._update_buttons()

    # --- folders ---------------------------------------------------------------------------

    def folder_paths(self) -> list[Path]:
        """The library's folders, as listed."""
        return [Path(self.folders.item(i).data(PATH_ROLE)) for i in range(self.folders.count())]

    def _add_folder_item(self, path: Path) -> None:
        item = QListWidgetItem(shown(str(path)))
        item.setData(PATH_ROLE, str(path))
        self.folders.addItem(item)

    def add_folder_dialog(self) -> None:
        """Ask for a folder of boards and add it to the library."""
        start = str(self.folder_paths()[-1].parent) if self.folders.count() else str(Path.home())
        name = QFileDialog.getExistingDirectory(self, "Add a folder of boards to the library", start)
        take_keyboard_back(self)
        if name:
            self.add_folder(Path(name))

    def add_folder(self, path: Path) -> None:
        """Add a folder (remembered in the settings) and index it."""
        path = path.resolve()
        if path not in self.folder_paths():
            self._add_folder_item(path)
            self._remember()
        self.reindex()

    def remove_folder(self) -> None:
        """Take the selected folder out of the library (its boards are not touched)."""
        row = self.folders.currentRow()
        if row < 0:
            return
        self.folders.takeItem(row)
        self._remember()
        self.reindex()

    def _remember(self) -> None:
        self.settings.setValue(FOLDERS_KEY, [str(path) for path in self.folder_paths()])
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.folders.count() > 0
        self.remove_button.setEnabled(has)
        self.reindex_button.setEnabled(has)
        self.search_box.setEnabled(has)
        if not has:
            self.status.setText("Add a folder of boards to search them and follow their actions.")

    # --- indexing --------------------------------------------------------------------------

    def reindex(self) -> None:
        """Bring the index up to date with the folders on a worker thread, with a progress bar."""
        if self.indexer is not None:
            self.indexer.stop()
            self.indexer.wait()
        folders = [path for path in self.folder_paths() if path.exists()]
        missing = [path for path in self.folder_paths() if not path.exists()]
        if not folders:
            self._show_results([])
            self.actions_view.set_rows([])
            if missing:
                self.status.setText(f"{shown(str(missing[0]))}: no such folder")
            return
        indexer = Indexer(self.index_path, folders, self)
        indexer.progressed.connect(self._progressed)
        indexer.done.connect(self._indexed)
        indexer.failed.connect(self._failed)
        self.indexer = indexer
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.status.setText("Looking for changed boards…")
        indexer.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _indexed(self, report: UpdateReport) -> None:
        self.indexer = None
        self._summary = None
        self.report = report
        self.progress.setVisible(False)
        boards = self._library().boards(self.folder_paths_existing())
        text = f"{len(boards)} board{'s' if len(boards) != 1 else ''} in the library"
        if report.problems:
            count = len(report.problems)
            text += f"; {count} file{'s' if count != 1 else ''} skipped (point here to see why)"
            lines = [f"{problem.path}: {problem.reason}" for problem in report.problems[:30]]
            self.status.setToolTip(plain_tooltip(shown("\n".join(lines))))
        else:
            self.status.setToolTip("")
        self.status.setText(text)
        self.refresh()

    def _failed(self, message: str) -> None:
        self.indexer = None
        self.progress.setVisible(False)
        self.status.setText(shown(message))

    def folder_paths_existing(self) -> list[Path]:
        """The listed folders that exist now."""
        return [path for path in self.folder_paths() if path.exists()]

    def _library(self) -> Library:
        if self.library is None:
            self.library = Library(self.index_path)
        return self.library

    def refresh(self) -> None:
        """Show the search results and the actions as the index has them now."""
        folders = self.folder_paths_existing()
        self.actions_view.set_rows(self._library().actions(folders) if folders else [])
        self.recurs.set_folders(folders)
        self.run_search()

    # --- search ----------------------------------------------------------------------------

    def run_search(self) -> None:
        """Search the library for what the search box holds and show the hits."""
        self.search_timer.stop()
        text = self.search_box.text()
        folders = self.folder_paths_existing()
        hits = self._library().search(folders, text, limit=HIT_LIMIT) if folders and text.strip() else []
        self._show_results(hits)
        if text.strip():
            more = " (the first ones: add a word to narrow)" if len(hits) >= HIT_LIMIT else ""
            self.hits_label.setText(f"{len(hits)} match{'es' if len(hits) != 1 else ''}{more}")
        else:
            self.hits_label.setText("")

    def _show_results(self, hits: list[Hit]) -> None:
        self.results.clear()
        parents: dict[int, QTreeWidgetItem] = {}
        for hit in hits:
            parent = parents.get(hit.board.id)
            if parent is None:
                board = hit.board
                facts = " · ".join(
                    part for part in (board.date or "", label(board.kind), board.severity) if part
                )
                parent = QTreeWidgetItem([shown(" ".join(board.title.split())), shown(facts)])
                parent.setData(0, PATH_ROLE, str(board.path))
                parent.setToolTip(0, plain_tooltip(shown(str(board.path))))
                self.results.addTopLevelItem(parent)
                parents[board.id] = parent
            child = QTreeWidgetItem([KIND_LABELS.get(hit.kind, hit.kind), hit.text])
            child.setData(0, PATH_ROLE, str(hit.board.path))
            child.setData(1, SEGMENTS_ROLE, [(shown(text), matched) for text, matched in hit.segments])
            parent.addChild(child)
        self.results.expandAll()

    def _focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _focus_hits(self) -> None:
        """The keyboard to the hits, on the first one (Enter opens its board)."""
        if self.search_timer.isActive():  # typed a moment ago: show what was typed first
            self.search_timer.stop()
            self.run_search()
        first = self.results.topLevelItem(0)
        if first is None:
            return
        self.results.setFocus(Qt.FocusReason.TabFocusReason)
        self.results.setCurrentItem(first)

    # --- opening ---------------------------------------------------------------------------

    def _open_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        path = item.data(0, PATH_ROLE)
        if path:
            self._open(Path(path))

    def _open(self, path: Path) -> None:
        self.open_path(path)

    def _show_message(self, message: str) -> None:
        """Say what an export did for a while, then show the library's summary again."""
        if self._summary is None:
            self._summary = self.status.text()
        self.status.setText(message)

        def back() -> None:
            if self.status.text() == message and self._summary is not None:  # nothing newer said
                self.status.setText(self._summary)
                self._summary = None

        QTimer.singleShot(MESSAGE_MS, self, back)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop indexing (what was read is kept) and close the index."""
        if self.indexer is not None:
            self.indexer.stop()
            self.indexer.wait()
            self.indexer = None
        if self.library is not None:
            self.library.close()
            self.library = None
        self.recurs.stop()
        event.accept()
