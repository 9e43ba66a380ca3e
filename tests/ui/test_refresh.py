"""One refresh path: each view follows the change sets that concern it, and only when seen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

import pmdesk
from pmdesk.app import PAGE_ORDER
from pmdesk.model.board_ops import set_session_field
from pmdesk.store.document import Document
from pmdesk.ui.board.board_model import BoardModel
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.facts.actions_model import ActionsModel
from pmdesk.ui.facts.facts_page import FactsPage
from pmdesk.ui.facts.wrapup_page import WrapUpPage
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.refresh import follow, follow_steps


def _show(qtbot: QtBot, window: MainWindow, key: str) -> None:
    window.show_page(key)
    qtbot.waitUntil(lambda: window.pages[key].isVisible())


def _visit_every_page(qtbot: QtBot, window: MainWindow) -> None:
    for key in PAGE_ORDER:
        _show(qtbot, window, key)


def test_typing_in_the_summary_runs_no_hidden_view(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _visit_every_page(qtbot, window)
    _show(qtbot, window, "facts")
    form = window.pages["facts"]
    assert isinstance(form, FactsPage)
    calls: dict[str, int] = {"index": 0, "actions.data": 0}
    board_model = window.pages["board"].findChild(BoardModel)
    assert board_model is not None
    real_index = board_model._index_board

    def counted_index() -> None:
        calls["index"] += 1
        real_index()

    real_data = ActionsModel.data

    def counted_data(self: ActionsModel, *args: Any) -> Any:
        calls["actions.data"] += 1
        return real_data(self, *args)

    monkeypatch.setattr(board_model, "_index_board", counted_index)
    monkeypatch.setattr(ActionsModel, "data", counted_data)
    summary = form.form.texts["summary"]
    summary.setFocus()
    summary.moveCursor(summary.textCursor().MoveOperation.End)
    qtbot.keyClicks(summary, " More words")
    qtbot.wait(1)
    assert window.qt_document.board.incident.summary.endswith(" More words")
    assert calls == {"index": 0, "actions.data": 0}


def test_a_hidden_page_catches_up_when_it_is_shown(qtbot: QtBot, window: MainWindow) -> None:
    _show(qtbot, window, "wrap-up")
    page = window.pages["wrap-up"]
    assert isinstance(page, WrapUpPage)
    _show(qtbot, window, "board")
    assert window.qt_document.attempt(set_session_field, "takeaways", "Write runbooks")
    assert page.takeaways.toPlainText() != "Write runbooks"  # hidden: only marked stale
    _show(qtbot, window, "wrap-up")
    assert page.takeaways.toPlainText() == "Write runbooks"
    window.qt_document.undo_stack.undo()  # a visible page follows at once, undo included
    assert page.takeaways.toPlainText() == ""


def test_looking_up_a_page_does_not_build_it(window: MainWindow) -> None:
    assert not window.pages.is_built("wrap-up")
    assert window.pages.get("wrap-up") is None
    assert "wrap-up" in window.pages
    assert not window.pages.is_built("wrap-up")
    built: list[str] = []
    window.pages.on_built(lambda key, _page: built.append(key))
    window.show_page("wrap-up")
    assert window.pages.get("wrap-up") is window.pages["wrap-up"] and built == ["wrap-up"]


def test_a_step_reaches_a_page_seen_then_after_every_view_followed_it(qtbot: QtBot, board_path: Path) -> None:
    document = Document.open(board_path)
    qt_document = QtDocument(document)
    page = QWidget()
    qtbot.addWidget(page)
    qt_document.setParent(page)
    heard: list[str] = []
    follow(qt_document, ("session",), lambda _changes: heard.append("followed"), page)
    follow_steps(qt_document, lambda changes: heard.append(f"step {changes.edit is not None}"), page)
    page.show()
    qtbot.waitExposed(page)
    try:
        assert qt_document.attempt(set_session_field, "takeaways", "Write runbooks")
        assert heard == ["followed"]  # an edit is not a step
        qt_document.undo_stack.undo()
        assert heard == ["followed", "followed", "step True"]
        page.hide()
        heard.clear()
        qt_document.undo_stack.redo()
        assert heard == []  # hidden: the follower is stale, the step is dropped
        page.show()
        assert heard == ["followed"]  # catching up is not a step
    finally:
        document.close()


def test_only_the_refresh_path_listens_to_undo_steps() -> None:
    root = Path(pmdesk.__file__).parent
    listeners = sorted(
        str(path.relative_to(root)) for path in root.rglob("*.py") if ".stepped.connect(" in path.read_text()
    )
    assert listeners == ["ui/refresh.py"]
