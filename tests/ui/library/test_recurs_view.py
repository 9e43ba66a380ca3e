"""The "What recurs" view, driven as a person would: shown, read, an incident opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pmdesk.ui.library.recurs_view import PATH_ROLE, RecursView
from tests.library.boards import plain_board, write

HOSTILE = "<b>Pool</b> exhausted & <img src=x>"


def library_folder(root: Path) -> Path:
    write(
        root / "a.pmdesk",
        plain_board("Checkout <i>down</i>", "2026-02-10", [HOSTILE], ["Alerting gaps"], minutes=(10, 40, 90)),
    )
    write(
        root / "b.pmdesk",
        plain_board("Search slow", "2026-05-03", ["The pool was exhausted again"], minutes=(5, 20, 60)),
    )
    write(
        root / "c.pmdesk",
        plain_board("Payments", "2026-11-20", ["Alerting was silent"], ["Alerting gaps"], severity="SEV1"),
    )
    return root


def test_shown_it_lists_what_comes_back_and_opens_an_incident(qtbot: QtBot, tmp_path: Path) -> None:
    folder = library_folder(tmp_path / "boards")
    view = RecursView(tmp_path / "cache" / "index.sqlite3")
    qtbot.addWidget(view)
    view.set_folders([folder])
    assert view.worker is None and view.data is None  # nothing is worked out while hidden
    view.resize(900, 600)
    with qtbot.waitSignal(view.computed, timeout=30_000):
        view.show()
    tree = view.tree
    groups = {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    pool = next(item for name, item in groups.items() if "pool" in name.casefold())
    assert pool.text(1) == "2 incidents"
    assert pool.text(2) == "Search slow, Checkout <i>down</i>"  # plain text, newest first
    assert pool.child(1).text(0) == "Checkout <i>down</i> · 2026-02-10"
    assert pool.child(1).text(2) == HOSTILE
    alerting = groups["alerting · gaps"]  # terms that come back together form one group
    assert alerting.text(1) == "2 incidents"

    opened: list[Path] = []
    view.open_board.connect(opened.append)
    tree.setFocus()
    tree.setCurrentItem(pool.child(0))
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert opened == [(folder / "b.pmdesk").resolve()]
    assert pool.child(0).data(0, PATH_ROLE) == str((folder / "b.pmdesk").resolve())

    description = view.quarters.accessibleDescription()
    assert "2026-Q1: 1 (Outage 1)" in description and "2026-Q3: 0" in description
    view.split_by.setCurrentIndex(1)
    assert "2026-Q4: 1 (SEV1 1)" in view.quarters.accessibleDescription()
    times = view.times.accessibleDescription()
    assert "Detect: 2026-Q1 10 min, 2026-Q2 5 min" in times and "Resolve: 2026-Q1 1 h 30 min" in times
    assert view.quarters.grab().width() > 0 and view.times.grab().width() > 0  # painting does not fail


def test_without_folders_or_with_a_missing_one_it_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    view = RecursView(tmp_path / "cache" / "index.sqlite3")
    qtbot.addWidget(view)
    view.show()
    assert "Add a folder" in view.status.text() and view.tree.topLevelItemCount() == 0
    view.set_folders([tmp_path / "gone"])
    qtbot.waitUntil(lambda: view.worker is None, timeout=10_000)
    assert view.status.text() == f"{tmp_path / 'gone'}: no such folder"


def test_the_counts_read_as_words_do(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "boards"
    write(folder / "a.pmdesk", plain_board("Checkout", "2026-02-10", ["The replica lagged"]))
    view = RecursView(tmp_path / "cache" / "index.sqlite3")
    qtbot.addWidget(view)
    view.set_folders([folder])
    with qtbot.waitSignal(view.computed, timeout=30_000):
        view.show()
    assert view.status.text() == "1 incident so far; what comes back shows from two incidents on."

    write(folder / "b.pmdesk", plain_board("Search", "2026-05-03", ["The replica lagged again"]))
    with qtbot.waitSignal(view.computed, timeout=30_000):
        view.set_folders([folder])
    assert view.tree.topLevelItemCount() == 1
    assert view.status.text().startswith("1 thing comes back across 2 incidents. ")
