"""Board ▸ Sections… and templates: every change undoable through the document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pmdesk.model.section_templates import load_templates, template_from_board_sections
from pmdesk.store.document import Document
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.sections_dialog import SectionsDialog
from pmdesk.ui.meeting.templates_ui import all_templates, apply_template, save_template


@pytest.fixture
def dialog(qtbot: QtBot, window: MainWindow) -> SectionsDialog:
    shown = SectionsDialog(window.qt_document, window)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def titles(window: MainWindow) -> list[str]:
    return [s.title for s in window.qt_document.board.sections]


def test_rename_and_reprompt_then_undo(qtbot: QtBot, window: MainWindow, dialog: SectionsDialog) -> None:
    dialog.list.setCurrentRow(1)
    dialog.title.clear()
    qtbot.keyClicks(dialog.title, "What we learned")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    dialog.prompt.setFocus()
    dialog.prompt.clear()
    qtbot.keyClicks(dialog.prompt, "Surprises")
    qtbot.keyClick(dialog.prompt, Qt.Key.Key_Return)
    assert titles(window)[1] == "What we learned"
    assert window.qt_document.board.sections[1].prompt == "Surprises"
    window.qt_document.undo_stack.undo()
    window.qt_document.undo_stack.undo()
    assert titles(window)[1] == "Lessons learned"


def test_add_and_reorder_then_undo(qtbot: QtBot, window: MainWindow, dialog: SectionsDialog) -> None:
    before = titles(window)
    dialog.list.setCurrentRow(3)
    qtbot.mouseClick(dialog.add, Qt.MouseButton.LeftButton)
    assert titles(window) == [*before, "New section"]
    qtbot.mouseClick(dialog.up, Qt.MouseButton.LeftButton)
    assert titles(window)[3] == "New section"
    assert dialog.list.currentRow() == 3
    window.qt_document.undo_stack.undo()
    window.qt_document.undo_stack.undo()
    assert titles(window) == before


def test_removing_a_section_with_cards_asks_where_they_go(
    qtbot: QtBot, window: MainWindow, dialog: SectionsDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    board = window.qt_document.board
    held = [c.id for c in board.cards if c.section == "went-well"]
    monkeypatch.setattr(dialog, "ask_destination", lambda section: "future")
    dialog.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove, Qt.MouseButton.LeftButton)
    assert "What went well" not in titles(window)
    assert {c.section for c in board.cards if c.id in held} == {"future"}
    window.qt_document.undo_stack.undo()
    assert titles(window)[0] == "What went well"
    assert {c.section for c in board.cards if c.id in held} == {"went-well"}


def test_removing_with_delete_and_cancel(
    qtbot: QtBot, window: MainWindow, dialog: SectionsDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = len(window.qt_document.board.cards)
    monkeypatch.setattr(dialog, "ask_destination", lambda section: False)
    dialog.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.remove, Qt.MouseButton.LeftButton)
    assert len(titles(window)) == 4
    monkeypatch.setattr(dialog, "ask_destination", lambda section: None)
    qtbot.mouseClick(dialog.remove, Qt.MouseButton.LeftButton)
    assert len(titles(window)) == 3 and len(window.qt_document.board.cards) == count - 6
    window.qt_document.undo_stack.undo()
    assert len(window.qt_document.board.cards) == count


def test_template_applies_to_an_empty_board_and_undoes(
    qtbot: QtBot, tmp_path: Path, window: MainWindow
) -> None:
    document = Document.create(tmp_path / "empty.pmdesk")
    qt_document = QtDocument(document)
    from pmdesk.app import build_window
    from pmdesk.ui.main_window import WindowHooks

    empty = build_window(
        qt_document, WindowHooks(lambda: None, lambda _p: None, list, lambda: None), window.settings
    )
    qtbot.addWidget(empty)
    try:
        security = next(t for t in all_templates(tmp_path) if "Security" in t.name)
        assert apply_template(empty, security) is empty
        assert [s.title for s in qt_document.board.sections] == [s.title for s in security.sections]
        qt_document.undo_stack.undo()
        assert len(qt_document.board.sections) == 4
    finally:
        document.close()


def test_template_on_a_board_with_cards_opens_a_new_board(window: MainWindow) -> None:
    asked: list[str] = []
    window.hooks.new_board = lambda: asked.append("new")  # type: ignore[assignment,func-returns-value]
    before = titles(window)
    assert apply_template(window, all_templates()[1]) is None
    assert asked == ["new"] and titles(window) == before


def test_saved_template_is_offered_next_time(tmp_path: Path, window: MainWindow) -> None:
    template = template_from_board_sections("Our retro", window.qt_document.board.sections)
    path = save_template(tmp_path / "templates", template)
    assert json.loads(path.read_text(encoding="utf-8"))["name"] == "Our retro"
    assert not list((tmp_path / "templates").glob(".tmp-*"))
    names = [t.name for t in all_templates(tmp_path / "templates")]
    assert names[-1] == "Our retro" and len(names) == 4
    assert load_templates(tmp_path / "templates")[0].sections == template.sections


def test_a_section_with_one_card_is_listed_in_the_singular(
    qtbot: QtBot, window: MainWindow, dialog: SectionsDialog
) -> None:
    """The list read "New section  (1 cards)"."""
    dialog.list.setCurrentRow(3)
    qtbot.mouseClick(dialog.add, Qt.MouseButton.LeftButton)
    section = window.qt_document.board.sections[4].id
    window.pages["board"].add_card(section, "The only card")  # type: ignore[attr-defined]
    again = SectionsDialog(window.qt_document, window)
    qtbot.addWidget(again)
    assert again.list.item(4).text() == "New section  (1 card)"


def test_add_is_off_once_the_board_holds_the_most_sections(
    qtbot: QtBot, window: MainWindow, dialog: SectionsDialog
) -> None:
    from pmdesk.model.board import Board
    from pmdesk.model.board_ops import add_section
    from pmdesk.model.edits import Batch
    from pmdesk.model.rules import MOST_SECTIONS

    def fill(board: Board) -> Batch:  # one step up to one short of the most (one layout, not 95)
        missing = MOST_SECTIONS - 1 - len(board.sections)
        return Batch("Fill", tuple(add_section(board, f"Extra {n}") for n in range(missing)))

    assert window.qt_document.attempt(fill)
    assert dialog.add.isEnabled()
    qtbot.mouseClick(dialog.add, Qt.MouseButton.LeftButton)
    assert len(titles(window)) == MOST_SECTIONS
    assert not dialog.add.isEnabled() and f"at most {MOST_SECTIONS}" in dialog.add.toolTip()
    window.qt_document.undo_stack.undo()
    assert dialog.add.isEnabled()
