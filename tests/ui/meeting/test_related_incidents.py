"""Review the facts: earlier incidents like this one, on the laptop only, one brought to the room."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from pmdesk.ui.facts.related_panel import RelatedPanel, ReviewPage
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.install import Meeting
from tests.library.boards import earlier_incidents
from tests.ui.meeting.test_presentation import go, strings_held

HOSTILE = "Add a <b>pool</b> alarm & <img src=x>"


@pytest.fixture
def library(tmp_path: Path, settings: QSettings, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A library of two earlier boards, known to the window as File ▸ Library… stores it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "library"
    earlier_incidents(folder, HOSTILE, "Finished long ago")
    settings.setValue("library/folders", [str(folder)])
    return folder


def review_panel(qtbot: QtBot, window: MainWindow, meeting: Meeting) -> tuple[ReviewPage, RelatedPanel]:
    assert window.pages.get("review") is None  # nothing is looked up before the page is shown
    go(qtbot, meeting, "facts")
    page = window.pages.get("review")
    assert isinstance(page, ReviewPage)
    qtbot.waitUntil(lambda: page.related.worker is None and bool(page.related.found), timeout=30_000)
    return page, page.related


def test_the_laptop_lists_earlier_incidents_and_their_open_actions(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, library: Path
) -> None:
    meeting.presenter.show_audience(True)
    audience = meeting.presenter.audience
    assert audience is not None
    qtbot.addWidget(audience)
    _page, panel = review_panel(qtbot, window, meeting)
    assert panel.isVisible()
    top = panel.tree.topLevelItem(0)
    assert panel.tree.topLevelItemCount() == 1  # the CDN incident shares nothing
    assert top.text(0) == "Checkout database failover · 2026-03-04"
    lines = [top.child(i).text(0) for i in range(top.childCount())]
    assert lines[0].startswith("same services: checkout-api")
    assert lines[1] == f"☐ {HOSTILE} (Ana Ruiz, due 2026-04-01)"  # plain text, open actions only
    assert len(lines) == 2
    held = "\n".join(strings_held(audience))
    assert "Checkout database failover" not in held and "Earlier incidents" not in held  # laptop only

    panel.tree.setCurrentItem(top.child(1))
    qtbot.mouseClick(panel.show_button, Qt.MouseButton.LeftButton)
    held = "\n".join(strings_held(audience))
    assert "Checkout database failover" in held and HOSTILE in held
    assert "Finished long ago" not in held
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    held = "\n".join(strings_held(audience))
    assert "Checkout database failover" not in held and "Prime Directive" not in held
    assert window.qt_document.board.incident.title in held  # the facts again

    panel.tree.setCurrentItem(top)
    qtbot.mouseClick(panel.show_button, Qt.MouseButton.LeftButton)
    go(qtbot, meeting, "reflection")  # moving on takes it off the projector
    go(qtbot, meeting, "facts")
    assert "Checkout database failover" not in "\n".join(strings_held(audience))
    assert not panel.stop_button.isEnabled()


def test_without_a_library_the_panel_says_how_to_add_one_and_nothing_else(
    qtbot: QtBot, window: MainWindow, meeting: Meeting
) -> None:
    go(qtbot, meeting, "facts")
    page = window.pages.get("review")
    assert isinstance(page, ReviewPage)
    panel = page.related
    qtbot.waitUntil(lambda: panel.worker is None and bool(panel.status.text()), timeout=30_000)
    assert panel.status.text().startswith("No library yet: add folders of earlier boards with File ▸ Library")
    assert panel.status.isVisible()
    assert not panel.tree.isVisible()  # no empty list, no buttons that can do nothing
    assert not panel.show_button.isVisible() and not panel.stop_button.isVisible()
    assert panel.status.geometry().bottom() < panel.height() // 3  # the message at the top, not adrift


def test_the_buttons_are_worded_like_the_others(qtbot: QtBot, window: MainWindow, meeting: Meeting) -> None:
    go(qtbot, meeting, "facts")
    page = window.pages.get("review")
    assert isinstance(page, ReviewPage)
    texts = [page.related.show_button.text(), page.related.stop_button.text()]
    assert [text.replace("&", "") for text in texts] == ["Show in room", "Back to the facts"]


def test_presenting_on_the_laptop_itself_hides_the_panel(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, library: Path
) -> None:
    page, panel = review_panel(qtbot, window, meeting)
    qtbot.keyClick(window, Qt.Key.Key_F5)  # one screen: this window is the projector
    assert meeting.controller.presenting and not panel.isVisible()
    assert page.viewportMargins().right() == 0
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert panel.isVisible() and page.viewportMargins().right() > 0


def test_without_a_library_it_says_where_to_add_one(
    qtbot: QtBot, window: MainWindow, meeting: Meeting, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    go(qtbot, meeting, "facts")
    page = window.pages.get("review")
    assert isinstance(page, ReviewPage)
    qtbot.waitUntil(lambda: "File ▸ Library" in page.related.status.text())
    assert page.related.worker is None
    assert not (tmp_path / "cache").exists()  # no index made for nothing
