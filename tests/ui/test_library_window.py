"""File ▸ Library…: folders, search and open actions, driven as a person drives them."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from pmdesk.library import index as index_module
from pmdesk.model.board import Action
from pmdesk.ui.library import install as library_install
from pmdesk.ui.library.segments import SEGMENTS_ROLE
from pmdesk.ui.library.window import LibraryWindow
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.plain import plain_tooltip
from tests.library.boards import board, write

HOSTILE = "We were Restoring <b>by hand</b> & <img src=x>"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    write(root / "checkout.pmdesk", board("Checkout outage", ["Nothing about it"]))
    search = board("Search cluster outage", [HOSTILE, "监控告警在七分钟后才触发"], services=["search"])
    search.actions[0] = Action(
        "late", "=1+1 rotate the keys", search.participants[0].id, "2020-01-31", "open", "high"
    )
    write(root / "2025" / "search.pmdesk", search)
    (root / "notes.pmdesk").write_text("not a board")
    return root


@pytest.fixture
def library_window(
    qtbot: QtBot, tmp_path: Path, settings: QSettings
) -> Iterator[tuple[LibraryWindow, list[Path]]]:
    opened: list[Path] = []
    made = LibraryWindow(settings, opened.append, index_path=tmp_path / "cache" / "library.sqlite3")
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    yield made, opened
    made.close()


def add_folder_by_dialog(
    qtbot: QtBot, made: LibraryWindow, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args, **_kw: str(folder))
    qtbot.mouseClick(made.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: made.indexer is None and "in the library" in made.status.text(), timeout=20000)


def test_ctrl_l_opens_the_library_and_nothing_else_uses_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    ctrl_l = QKeySequence("Ctrl+L")
    users = [a.text() for a in window.findChildren(QAction) if ctrl_l in a.shortcuts()]
    assert users == ["&Library…"]
    assert "&Library…" in [a.text() for a in window.file_menu.actions()]
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    library = library_install._shared[0]
    assert isinstance(library, LibraryWindow) and library.isVisible()
    qtbot.waitUntil(lambda: library.indexer is None, timeout=10000)
    library.close()


def test_a_folder_is_indexed_off_the_gui_thread_and_remembered(
    qtbot: QtBot,
    library_window: tuple[LibraryWindow, list[Path]],
    folder: Path,
    settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    made, _opened = library_window
    threads: set[int] = set()
    real = index_module.read_board
    monkeypatch.setattr(
        index_module, "read_board", lambda path: threads.add(threading.get_ident()) or real(path)
    )
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args, **_kw: str(folder))
    qtbot.mouseClick(made.add_button, Qt.MouseButton.LeftButton)
    assert made.progress.isVisible()  # the bar shows while the worker reads
    qtbot.waitUntil(lambda: made.indexer is None and "in the library" in made.status.text(), timeout=20000)
    assert not made.progress.isVisible()
    assert threads and threading.get_ident() not in threads
    assert made.status.text() == "2 boards in the library; 1 file skipped (point here to see why)"
    assert "not a pmdesk board" in made.status.toolTip()
    assert settings.value("library/folders") == [str(folder.resolve())]
    again = LibraryWindow(settings, lambda _path: None, index_path=tmp_path / "cache" / "library.sqlite3")
    qtbot.addWidget(again)
    assert again.folder_paths() == [folder.resolve()]


def test_typing_a_search_shows_highlighted_plain_hits_and_opens_the_board(
    qtbot: QtBot,
    library_window: tuple[LibraryWindow, list[Path]],
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made, opened = library_window
    add_folder_by_dialog(qtbot, made, folder, monkeypatch)
    made.search_box.setFocus()
    qtbot.keyClicks(made.search_box, "restore")
    qtbot.waitUntil(lambda: made.results.topLevelItemCount() == 1, timeout=5000)
    board_item = made.results.topLevelItem(0)
    assert board_item.text(0) == "Search cluster outage"
    assert "Outage" in board_item.text(1) and "SEV1" in board_item.text(1)
    hit = board_item.child(0)
    assert hit.text(0) == "Card" and hit.text(1) == HOSTILE  # shown as typed, never as markup
    assert ("Restoring", True) in hit.data(1, SEGMENTS_ROLE)
    rect = made.results.visualItemRect(hit)
    qtbot.mouseClick(made.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(made.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [(folder / "2025" / "search.pmdesk").resolve()]

    made.search_box.clear()
    commit = QInputMethodEvent()  # CJK is typed through an input method, which commits the text
    commit.setCommitString("告警")
    QApplication.sendEvent(made.search_box, commit)
    qtbot.waitUntil(lambda: "告警" in made.results.topLevelItem(0).child(0).text(1))
    assert made.results.topLevelItemCount() == 1 and made.hits_label.text() == "1 match"
    assert ("告警", True) in made.results.topLevelItem(0).child(0).data(1, SEGMENTS_ROLE)
    made.search_box.clear()
    qtbot.keyClicks(made.search_box, "xylophone")
    qtbot.waitUntil(lambda: made.hits_label.text() == "0 matches", timeout=5000)
    assert made.results.topLevelItemCount() == 0


def test_down_from_the_search_goes_to_the_first_hit_and_enter_opens_its_board(
    qtbot: QtBot,
    library_window: tuple[LibraryWindow, list[Path]],
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made, opened = library_window
    add_folder_by_dialog(qtbot, made, folder, monkeypatch)
    made.activateWindow()
    made.search_box.setFocus()
    qtbot.keyClicks(made.search_box, "restore")
    qtbot.keyClick(made.search_box, Qt.Key.Key_Down)  # at once, before the search had run
    assert made.results.hasFocus()
    assert made.results.currentItem() is made.results.topLevelItem(0)
    qtbot.keyClick(made.results, Qt.Key.Key_Down)
    assert made.results.currentItem().text(0) == "Card"
    qtbot.keyClick(made.results, Qt.Key.Key_Return)
    assert opened == [(folder / "2025" / "search.pmdesk").resolve()]


def test_open_actions_filter_and_export(
    qtbot: QtBot,
    library_window: tuple[LibraryWindow, list[Path]],
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    made, opened = library_window
    add_folder_by_dialog(qtbot, made, folder, monkeypatch)
    made.tabs.setCurrentWidget(made.actions_view)
    view = made.actions_view
    open_rows = view.proxy.rowCount()
    assert open_rows == len(view.selected()) and open_rows > 1
    assert view.count.text().endswith("1 overdue")
    qtbot.mouseClick(view.overdue_only, Qt.MouseButton.LeftButton)
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, 2).data() == "=1+1 rotate the keys"
    assert "overdue" in view.proxy.index(0, 4).data()
    qtbot.mouseClick(view.overdue_only, Qt.MouseButton.LeftButton)
    view.service.setCurrentIndex(view.service.findData("search"))
    assert {view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())} == {"Search cluster outage"}

    target = tmp_path / "out" / "actions.csv"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(target), ""))
    qtbot.mouseClick(view.export_csv, Qt.MouseButton.LeftButton)
    text = target.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Board", "Date", "Action"]
    assert "'=1+1 rotate the keys" in [row[2] for row in rows[1:]]  # defused, as a board's CSV
    calendar = tmp_path / "out" / "actions"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(calendar), ""))
    qtbot.mouseClick(view.export_ics, Qt.MouseButton.LeftButton)
    assert calendar.with_suffix(".ics").read_text().startswith("BEGIN:VCALENDAR")

    where = view.table.visualRect(view.proxy.index(0, 0)).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert opened == [(folder / "2025" / "search.pmdesk").resolve()]
    QApplication.processEvents()


def test_exporting_the_actions_asks_before_replacing_the_file_it_will_really_write(
    qtbot: QtBot,
    library_window: tuple[LibraryWindow, list[Path]],
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Typed without its suffix, an existing actions.csv was replaced without a question."""
    from pmdesk.ui.library import window as library_window_module

    monkeypatch.setattr(library_window_module, "MESSAGE_MS", 300)
    made, _opened = library_window
    add_folder_by_dialog(qtbot, made, folder, monkeypatch)
    made.tabs.setCurrentWidget(made.actions_view)
    existing = tmp_path / "actions.csv"
    existing.write_text("my own notes")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(tmp_path / "actions"), ""))
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **_k: asked.append(a[2]) or answers.pop(0))
    qtbot.mouseClick(made.actions_view.export_csv, Qt.MouseButton.LeftButton)
    assert existing.read_text() == "my own notes" and len(asked) == 1 and "actions.csv" in asked[0]
    qtbot.mouseClick(made.actions_view.export_csv, Qt.MouseButton.LeftButton)
    assert existing.read_bytes().decode("utf-8-sig").startswith("Board,Date,Action")
    board = folder / "checkout.pmdesk"
    before = board.read_bytes()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(board), ""))
    qtbot.mouseClick(made.actions_view.export_csv, Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and board.read_bytes() == before  # a board is refused, never asked about
    assert "an export is never written as a board" in made.status.text()
    # The library's summary comes back after a while; it stayed replaced until the next look.
    qtbot.waitUntil(lambda: "in the library" in made.status.text(), timeout=5000)


def test_the_library_opens_a_held_board_read_only_and_file_open_still_refuses(
    tmp_path: Path, qtbot: QtBot
) -> None:
    from pmdesk.app import Application
    from pmdesk.model.demo import demo_board
    from pmdesk.store.board_file import create_file
    from pmdesk.store.lock import BoardLock

    path = tmp_path / "held.pmdesk"
    create_file(path, demo_board())
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    application = Application(qt_app, settings, tmp_path / "data", interactive=False)
    lock = BoardLock(path)
    lock.acquire()
    try:
        assert application.open_path(path) is None  # File ▸ Open: refused, as before
        window = application.hooks().open_held(path)  # type: ignore[misc]
        assert window is not None
        try:
            assert window.qt_document.document.read_only
            assert "(read-only)" in window.windowTitle()
            assert not window.banner.isHidden()
        finally:
            window.close()
    finally:
        lock.release()


def test_what_recurs_is_worked_out_for_the_indexed_folders(
    qtbot: QtBot,
    library_window: tuple[LibraryWindow, list[Path]],
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made, opened = library_window
    add_folder_by_dialog(qtbot, made, folder, monkeypatch)
    made.tabs.setCurrentWidget(made.recurs)
    qtbot.waitUntil(lambda: made.recurs.data is not None and made.recurs.worker is None, timeout=15000)
    assert made.recurs.folders == [folder.resolve()]
    assert made.recurs.tree.topLevelItemCount() > 0
    made.recurs.open_board.emit(folder / "checkout.pmdesk")
    assert opened == [folder / "checkout.pmdesk"]


def mnemonics(made: LibraryWindow) -> list[str]:
    """The Alt+letter of every button and tab of the Library window."""
    texts = [button.text() for button in made.findChildren(QAbstractButton) if button.isVisible()]
    texts += [made.tabs.tabText(i) for i in range(made.tabs.count())]
    return [text[text.index("&") + 1].lower() for text in texts if "&" in text.replace("&&", "")]


def test_every_button_and_tab_has_its_own_alt_letter(
    qtbot: QtBot, library_window: tuple[LibraryWindow, list[Path]]
) -> None:
    made, _opened = library_window
    letters = mnemonics(made)
    assert len(letters) == len(set(letters)), letters
    made.activateWindow()
    qtbot.waitUntil(made.isActiveWindow)
    qtbot.keyClick(made, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert made.tabs.currentWidget() is made.actions_view
    qtbot.keyClick(made, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert made.tabs.currentWidget() is made.recurs


@pytest.mark.parametrize("width", [1100, 860])
def test_every_actions_column_is_in_view_without_scrolling_sideways(
    qtbot: QtBot,
    library_window: tuple[LibraryWindow, list[Path]],
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    width: int,
) -> None:
    """The Answers column sat past the table's right edge, behind a horizontal scroll bar."""
    made, _opened = library_window
    made.resize(width, 720)
    add_folder_by_dialog(qtbot, made, folder, monkeypatch)
    qtbot.mouseClick(
        made.tabs.tabBar(), Qt.MouseButton.LeftButton, pos=made.tabs.tabBar().tabRect(1).center()
    )
    view = made.actions_view
    assert made.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: view.table.viewport().width() > 0)
    QApplication.processEvents()
    table, header = view.table, view.table.horizontalHeader()
    assert table.horizontalScrollBar().maximum() == 0
    answers = header.sectionViewportPosition(7)
    assert answers >= 0 and answers + header.sectionSize(7) <= table.viewport().width()
    assert header.sectionSize(7) >= 100 and header.sectionSize(2) >= 100
    for column in (1, 4, 5, 6):  # dates, priority and status show their values whole
        for row in range(view.proxy.rowCount()):
            text = view.proxy.index(row, column).data()
            assert table.fontMetrics().horizontalAdvance(text) < header.sectionSize(column)
    action = view.proxy.index(0, 2)
    assert action.data(Qt.ItemDataRole.ToolTipRole) == plain_tooltip(action.data())  # the whole text on hover
