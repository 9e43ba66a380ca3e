"""The composition root: builds the application, its documents and windows, and wires them."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from pmdesk.model.rules import MOST_SECTIONS
from pmdesk.model.shown import shown
from pmdesk.model.templates import new_board
from pmdesk.resources import resource_path
from pmdesk.store.document import Document, find_untitled
from pmdesk.store.errors import BoardFileError
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.error_dialog import ErrorHandler
from pmdesk.ui.main_window import MainWindow, WindowHooks, string_list
from pmdesk.ui.page_contract import PageKey

# Tabs in the order of the meeting; the first nine get Ctrl+1 … Ctrl+9.
PAGE_ORDER: list[str] = list(PageKey)


def build_window(qt_document: QtDocument, hooks: WindowHooks, settings: QSettings) -> MainWindow:
    """A main window with every page and menu installed."""
    window = build_first_view(qt_document, hooks, settings)
    complete_window(window)
    return window


def build_first_view(qt_document: QtDocument, hooks: WindowHooks, settings: QSettings) -> MainWindow:
    """The window as it first shows: the board, every tab (some still reserved) and the main menus."""
    from pmdesk.ui.board.install import install as install_board
    from pmdesk.ui.facts.install import install_facts, install_followup
    from pmdesk.ui.meeting import PAGE_TITLES
    from pmdesk.ui.palette import SETTINGS_KEY, palette_named, start_palette

    start_palette(palette_named(settings.value(SETTINGS_KEY, "light")))  # built in its colours
    window = MainWindow(qt_document, hooks, settings)
    install_facts(window)  # What happened, Review the facts
    install_board(window)  # Board, Top priorities, participants
    install_followup(window)  # Actions, Wrap-up
    for key, title in PAGE_TITLES.items():
        window.reserve_page(key, title)
    window.arrange_pages(PAGE_ORDER)
    window.show_page(PageKey.BOARD)
    return window


def complete_window(window: MainWindow) -> None:
    """Add what the first view can do without: the meeting's parts, export, long columns' rest."""
    from pmdesk.ui.export_menu import install as install_export
    from pmdesk.ui.library.install import install as install_library
    from pmdesk.ui.meeting.install import install as install_meeting

    try:
        install_meeting(window)  # Set the tone, Focus, Room view; agenda, timer, presentation
        install_export(window)
        install_library(window)  # File ▸ Library…
    finally:
        window.completed.emit()  # e.g. the board's long columns fill in, whatever else failed


def resume_collection() -> None:
    """Collect garbage again if start-up paused it (``pmdesk.cli.entry``). What start-up made lives
    on with the window, so it is frozen out of later collections rather than gone over by each."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def close_document(document: Document) -> None:
    """Close a board; an untitled board nobody wrote anything on is not kept for recovery."""
    blank = document.untitled and document.board == new_board()
    failure = document.close()
    if failure is not None:  # a device's change still queued as pmdesk ended: the window is gone
        print(f"pmdesk: not saved: {failure}", file=sys.stderr, flush=True)
    if blank:
        document.path.unlink(missing_ok=True)


def fit_to_screen(window: MainWindow) -> None:
    """Size a new window to most of its screen (a projector's resolution is often small)."""
    screen = window.screen() or QApplication.primaryScreen()
    area = screen.availableGeometry()
    width, height = min(1600, int(area.width() * 0.95)), min(1000, int(area.height() * 0.95))
    window.resize(max(width, 640), max(height, 480))
    window.move(
        area.x() + (area.width() - window.width()) // 2, area.y() + (area.height() - window.height()) // 2
    )


def import_hint(path: Path) -> str:
    """For a JSON file opened as a board: how to make a board of it (else nothing)."""
    looks_like_json = False
    try:
        if path.is_file():  # never open a FIFO or a device: reading one can wait forever
            with path.open("rb") as file:
                looks_like_json = file.read(64).lstrip().startswith(b"{")
    except OSError:
        pass
    if path.suffix.lower() != ".json" and not looks_like_json:
        return ""
    import shlex

    target = shlex.quote(path.with_suffix(".pmdesk").name)
    return f"; to make a board from a JSON file, run: pmdesk import {shlex.quote(path.name)} {target}"


class _AfterFirstFrame(QObject):
    """Runs a callback once its window has painted its first frame (or soon, if it never paints)."""

    def __init__(self, window: MainWindow, callback: Callable[[], None], latest_ms: int = 300) -> None:
        super().__init__(window)
        self.callback: Callable[[], None] | None = callback
        window.installEventFilter(self)
        QTimer.singleShot(latest_ms, self._run)  # a minimised or unmapped window never paints

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """After the window's first paint, run the callback on the next turn of the event loop."""
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._run)  # after the whole frame, children included
        return False

    def _run(self) -> None:
        callback, self.callback = self.callback, None
        if callback is not None:
            callback()


class Application:
    """Owns the open windows and everything they share."""

    def __init__(
        self,
        qt_app: QApplication,
        settings: QSettings,
        data_folder: Path,
        interactive: bool = True,
        quit_after_show: bool = False,
    ) -> None:
        self.qt_app = qt_app
        self.interactive = interactive
        self.quit_after_show = quit_after_show
        self.settings = settings
        self.data_folder = data_folder
        self.windows: list[MainWindow] = []

    def hooks(self) -> WindowHooks:
        """The callbacks a window uses to reach the application."""
        held = partial(self.open_path, read_only_if_held=True)
        return WindowHooks(self.new_board, self.open_path, self.recent_files, self.quit, held)

    def recent_files(self) -> list[Path]:
        """Recently opened boards that still exist."""
        return [Path(v) for v in string_list(self.settings, "recent_files") if Path(v).exists()]

    def show_document(self, document: Document) -> MainWindow:
        """Open a window on a document."""
        qt_document = QtDocument(document)
        # The board shows first; the rest is added right after the first frame is on screen.
        window = build_first_view(qt_document, self.hooks(), self.settings)
        # --quit-after-show reports the first frame, so it waits for one however slow it is.
        latest = 10_000 if self.quit_after_show else 300
        _AfterFirstFrame(window, partial(self._first_frame_shown, window), latest)
        qt_document.setParent(window)
        geometry = self.settings.value("window/geometry")
        if geometry is None or self.windows or not window.restoreGeometry(geometry):
            fit_to_screen(window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda _obj=None, w=window, d=document: self._closed(w, d))
        self.windows.append(window)
        window.show()
        if not document.untitled:
            window.settings_add_recent(document.path)
        return window

    def _first_frame_shown(self, window: MainWindow) -> None:
        if self.quit_after_show:
            from pmdesk.startup import since_start_line

            print(f"pmdesk: {since_start_line('first frame painted', cpu=True)}", flush=True)
        try:
            complete_window(window)
        finally:
            resume_collection()
        if self.quit_after_show:
            QTimer.singleShot(0, self._report_complete)  # after the views' own deferred layouts

    def _report_complete(self) -> None:
        from pmdesk.startup import since_start_line

        print(f"pmdesk: {since_start_line('window complete')}", flush=True)
        self.qt_app.quit()

    def _closed(self, window: MainWindow, document: Document) -> None:
        if window in self.windows:
            self.windows.remove(window)
        close_document(document)

    def open_path(self, path: Path, read_only_if_held: bool = False) -> MainWindow | None:
        """Open a board file in a new window; show the store's message if it cannot be opened.

        With ``read_only_if_held``, a board another pmdesk process holds opens as a read-only copy.
        """
        for window in self.windows:
            if window.qt_document.document.path.resolve() == path.resolve():
                window.raise_()
                window.activateWindow()
                return window
        try:
            document = Document.open(path)
        except BoardFileError as error:
            from pmdesk.store.lock import BoardLock

            if not (read_only_if_held and BoardLock.is_locked(path)):
                self._error("Cannot open board", f"{error}{import_hint(path)}")
                return None
            try:
                document = Document.open_held(path)
            except BoardFileError as again:
                self._error("Cannot open board", str(again))
                return None
        sections = len(document.board.sections)
        if sections > MOST_SECTIONS:
            close_document(document)
            self._error(
                "Cannot open board",
                f"{path.name}: {sections:,} sections, and the window shows boards of at most "
                f"{MOST_SECTIONS}; its content can still be exported (pmdesk export {path.name} "
                "--format md -o BOARD.md)",
            )
            return None
        return self.show_document(document)

    def new_board(self) -> MainWindow | None:
        """A new untitled board in the data folder."""
        try:
            document = Document.create_untitled(self.data_folder)
        except (BoardFileError, OSError) as error:
            self._error("Cannot create a board", str(error))
            return None
        return self.show_document(document)

    def start(self, path: Path | None) -> bool:
        """Open ``path``, or offer boards left by an earlier run, or start a new one."""
        if path is not None:
            return self.open_path(path) is not None
        left = find_untitled(self.data_folder)
        if left and self.interactive and self._offer_recovery(left):
            return self.open_path(left[0]) is not None
        return self.new_board() is not None

    def _offer_recovery(self, left: list[Path]) -> bool:
        from PySide6.QtWidgets import QMessageBox  # dialogs are imported when needed, not at start

        box = QMessageBox(QMessageBox.Icon.Question, "Untitled boards found", "")
        box.setTextFormat(Qt.TextFormat.PlainText)
        name = shown(left[0].name)
        box.setText(
            f"An untitled board from an earlier session was kept. Open it ({name})?"
            if len(left) == 1
            else f"{len(left)} untitled boards from earlier sessions were kept. "
            f"Open the most recent one ({name})?"
        )
        # "New board" deletes nothing (the boards stay for the next start): no Discard role and
        # its bin icon; Esc chooses it too.
        box.setStandardButtons(QMessageBox.StandardButton.Open)
        new = box.addButton("New board", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(QMessageBox.StandardButton.Open)
        box.setEscapeButton(new)
        return box.exec() == QMessageBox.StandardButton.Open and box.clickedButton() is not new

    def _error(self, title: str, message: str) -> None:
        message = shown(message)  # the store's messages are one line; user text in them stays inert
        # On stderr too: whoever started pmdesk from a terminal reads why it did not open there.
        print(f"pmdesk: error: {message}", file=sys.stderr, flush=True)
        if not self.interactive:
            return
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, "")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(message)
        box.exec()

    def quit(self) -> None:
        """Close every window and quit (every board is saved already).

        A window whose last change could not be saved stays open, saying so, and nothing quits.
        """
        for window in list(self.windows):
            if not window.close():
                return
        self.qt_app.quit()


def run(path: Path | None = None, quit_after_show: bool = False) -> int:
    """Start the application on ``path`` (or a new board); the process exit status."""
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qt_app, QApplication)
    qt_app.setApplicationName("pmdesk")
    qt_app.setOrganizationName("pmdesk")
    qt_app.setApplicationDisplayName("pmdesk")
    qt_app.setDesktopFileName("pmdesk")  # matches pmdesk/resources/pmdesk.desktop (Wayland, task bars)
    qt_app.setWindowIcon(QIcon(str(resource_path("icons", "pmdesk.png"))))  # PNG: no SVG plugin at start
    settings = QSettings()
    data = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    application = Application(
        qt_app, settings, data, interactive=not quit_after_show, quit_after_show=quit_after_show
    )
    errors = ErrorHandler(qt_app, interactive=not quit_after_show)
    errors.install()
    try:
        try:
            started = application.start(path)
        except Exception as error:  # a fault before any window: shown, logged, and exit 1
            errors.report_at_start(error)
            return 1
        if not started:
            return 2  # the board could not be opened (the message is shown, and on stderr)
        if quit_after_show:
            QTimer.singleShot(10000, qt_app.quit)
        status = qt_app.exec()
        for window in list(application.windows):
            close_document(window.qt_document.document)
    finally:
        errors.uninstall()
        resume_collection()  # if no window came to paint
    # A smoke test (--quit-after-show) fails if anything went wrong while the window showed.
    return 1 if quit_after_show and errors.errors and status == 0 else status
