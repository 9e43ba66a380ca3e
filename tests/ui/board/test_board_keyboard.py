"""Driving the board with keys and clicks, as a facilitator would; each test reads the file back."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.board.dialogs import ThemePicker
from pmdesk.ui.main_window import MainWindow
from tests.ui.board.helpers import card_by_text, click, column, saved_board

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def test_typing_and_enter_adds_cards_and_keeps_focus(qtbot: QtBot, page: BoardPage, board_path: Path) -> None:
    entry = column(page, "lessons").entry
    page.focus_card_entry("lessons")
    qtbot.keyClick(entry, Qt.Key.Key_2, ALT)  # Alt+2: Ben writes the next cards
    assert page.author == "p2"
    qtbot.keyClicks(entry, "Runbook links were dead")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert entry.toPlainText() == "" and QApplication.focusWidget() is entry
    qtbot.keyClicks(entry, "First line")
    qtbot.keyClick(entry, Qt.Key.Key_Return, SHIFT)
    qtbot.keyClicks(entry, "second line")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    board = saved_board(page, board_path)
    first = next(c for c in board.cards if c.text == "Runbook links were dead")
    assert first.author == "p2" and first.section == "lessons"
    assert any(c.text == "First line\nsecond line" for c in board.cards)


def test_shortcut_reaches_the_entry_of_the_current_column(qtbot: QtBot, page: BoardPage) -> None:
    click(qtbot, page, "c21")
    view = column(page, "ongoing").view
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)
    assert QApplication.focusWidget() is column(page, "ongoing").entry


def test_f2_edits_a_card_in_place(qtbot: QtBot, page: BoardPage, board_path: Path) -> None:
    click(qtbot, page, "c5")
    view = column(page, "went-well").view
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "<b>Calm</b> channel")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert page.model.cards["c5"].text == "<b>Calm</b> channel"
    assert page.qt_document.undo_stack.undoText() == "Edit card"
    assert next(c for c in saved_board(page, board_path).cards if c.id == "c5").text == "<b>Calm</b> channel"


def test_delete_selected_cards_is_one_undo_step(qtbot: QtBot, page: BoardPage, board_path: Path) -> None:
    click(qtbot, page, "c3")
    click(qtbot, page, "c5", CTRL)
    qtbot.keyClick(column(page, "went-well").view, Qt.Key.Key_Delete)
    assert "c3" not in page.model.cards and "c5" not in page.model.cards
    page.qt_document.undo_stack.undo()
    assert "c3" in page.model.cards and "c5" in page.model.cards
    page.qt_document.undo_stack.redo()
    ids = {c.id for c in saved_board(page, board_path).cards}
    assert "c3" not in ids and "c5" not in ids


def test_ctrl_arrows_move_cards(qtbot: QtBot, page: BoardPage, board_path: Path) -> None:
    click(qtbot, page, "c5")
    view = column(page, "went-well").view
    qtbot.keyClick(view, Qt.Key.Key_Up, CTRL)
    items = page.model.items_in("went-well")
    assert items.index("c5") < items.index("c4")
    qtbot.keyClick(view, Qt.Key.Key_Right, CTRL)
    assert page.model.cards["c5"].section == "lessons"
    assert page.selected_ids() == ["c5"]
    board = saved_board(page, board_path)
    assert next(c for c in board.cards if c.id == "c5").section == "lessons"


def test_ctrl_g_groups_and_asks_the_label(qtbot: QtBot, page: BoardPage, board_path: Path) -> None:
    click(qtbot, page, "c21")
    click(qtbot, page, "c24", CTRL)
    qtbot.keyClick(column(page, "ongoing").view, Qt.Key.Key_G, CTRL)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)  # the new theme's label, in place
    qtbot.keyClicks(editor, "Config & load tests")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the loop
    qtbot.waitUntil(lambda: any(t.label == "Config & load tests" for t in page.model.themes.values()))
    board = saved_board(page, board_path)
    theme = next(t for t in board.themes if t.label == "Config & load tests")
    assert {c.id for c in board.cards if c.theme == theme.id} == {"c21", "c24"}


def test_ungroup_and_undo(qtbot: QtBot, page: BoardPage, board_path: Path) -> None:
    click(qtbot, page, "t1")
    qtbot.keyClick(column(page, "went-well").view, Qt.Key.Key_G, CTRL | SHIFT)
    assert "t1" not in page.model.themes
    qtbot.keyClick(column(page, "went-well").view, Qt.Key.Key_Z, CTRL)
    assert page.model.themes["t1"].label == "Fast, safe rollback"
    assert saved_board(page, board_path).themes[0].id == "t1"


def test_merge_theme_with_type_ahead(
    qtbot: QtBot, page: BoardPage, board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def pick(dialog: ThemePicker) -> int:
        qtbot.keyClicks(dialog.filter, "guard")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ThemePicker, "exec", pick)
    click(qtbot, page, "t4")
    qtbot.keyClick(column(page, "ongoing").view, Qt.Key.Key_M, CTRL | SHIFT)
    board = saved_board(page, board_path)
    assert "t4" not in {t.id for t in board.themes}
    assert {"c19", "c20"} <= {c.id for c in board.cards if c.theme == "t3"}


def test_move_to_theme(
    qtbot: QtBot, page: BoardPage, board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def pick(dialog: ThemePicker) -> int:
        qtbot.keyClicks(dialog.filter, "runbooks")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ThemePicker, "exec", pick)
    click(qtbot, page, "c22")
    qtbot.keyClick(column(page, "ongoing").view, Qt.Key.Key_T, CTRL)
    assert next(c for c in saved_board(page, board_path).cards if c.id == "c22").theme == "t4"


def test_paste_lines_as_cards(qtbot: QtBot, page: BoardPage, board_path: Path) -> None:
    QApplication.clipboard().setText("Pasted one\n\nPasted two\n")
    click(qtbot, page, "c10")
    qtbot.keyClick(column(page, "lessons").view, Qt.Key.Key_V, CTRL)
    assert page.qt_document.undo_stack.undoText() == "Paste 2 cards"
    board = saved_board(page, board_path)
    assert card_by_text(board, "Pasted two") and card_by_text(board, "Pasted one")


def test_read_only_board_refuses(board_window: MainWindow, page: BoardPage) -> None:
    page.qt_document.document.file.read_only = True  # type: ignore[misc]
    assert not page.add_card("lessons", "nope")
    assert "read-only" in board_window.statusBar().currentMessage()


def test_ctrl_z_in_the_emptied_card_entry_undoes_the_card_just_added(
    qtbot: QtBot, page: BoardPage, board_path: Path
) -> None:
    """After Enter added a card, Ctrl+Z in the (now empty) entry did nothing: the entry took the
    key for its own undo, with nothing left to undo, and the window's Undo never ran."""

    def texts_in_file() -> list[str]:
        with closing(sqlite3.connect(board_path)) as conn:
            return [row[0] for row in conn.execute("SELECT text FROM cards")]

    entry = column(page, "lessons").entry
    page.focus_card_entry("lessons")
    qtbot.keyClicks(entry, "Wrong card")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert "Wrong card" in texts_in_file()
    qtbot.keyClick(entry, Qt.Key.Key_Z, CTRL)
    assert "Wrong card" not in texts_in_file()
    assert QApplication.focusWidget() is entry  # still where the facilitator types
    qtbot.keyClick(entry, Qt.Key.Key_Y, CTRL)  # redo brings it back (Ctrl+Shift+Z: tests/e2e)
    assert "Wrong card" in texts_in_file()
    qtbot.keyClicks(entry, "Right card")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert [c.text for c in saved_board(page, board_path).cards].count("Wrong card") == 1


def test_ctrl_z_in_an_entry_with_text_undoes_the_typing_first(qtbot: QtBot, page: BoardPage) -> None:
    entry = column(page, "lessons").entry
    page.focus_card_entry("lessons")
    steps = page.qt_document.undo_stack.count()
    qtbot.keyClicks(entry, "half typed")
    qtbot.keyClick(entry, Qt.Key.Key_Z, CTRL)
    assert entry.toPlainText() == ""  # the text field's own undo: the board is untouched
    assert page.qt_document.undo_stack.count() == steps and page.qt_document.undo_stack.index() == steps


def test_redo_after_undo_went_on_to_the_board_redoes_the_board(
    qtbot: QtBot, page: BoardPage, board_path: Path
) -> None:
    """Ctrl+Z from the entry undid its typing, then the card; Ctrl+Shift+Z then brought back the
    typing (a new edit), and the card's redo was gone."""
    entry = column(page, "lessons").entry
    page.focus_card_entry("lessons")
    qtbot.keyClicks(entry, "Card to keep")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    qtbot.keyClicks(entry, "half typed")
    qtbot.keyClick(entry, Qt.Key.Key_Z, CTRL)  # the entry's own typing
    qtbot.keyClick(entry, Qt.Key.Key_Z, CTRL)  # then the card
    assert entry.toPlainText() == "" and not any(c.text == "Card to keep" for c in page.model.cards.values())
    qtbot.keyClick(entry, Qt.Key.Key_Y, CTRL)  # redo: the card comes back
    assert entry.toPlainText() == ""
    assert [c.text for c in saved_board(page, board_path).cards].count("Card to keep") == 1
