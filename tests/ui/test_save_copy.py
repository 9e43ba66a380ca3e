"""File ▸ Save a Copy…: never onto the board's own file; failures shown as plain, escaped text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from pmdesk.model.card_ops import set_card_field
from pmdesk.store.board_file import BoardFile
from pmdesk.store.document import Document
from pmdesk.store.errors import BoardFileError
from pmdesk.ui.main_window import MainWindow


def save_copy_as(window: MainWindow, monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    """Trigger File ▸ Save a Copy… answering ``target``; the error dialogs' texts."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_args: (str(target), "")))
    shown: list[str] = []

    def close_dialog() -> None:
        box = window.last_error
        assert isinstance(box, QMessageBox)
        shown.append(box.text())
        box.accept()

    QTimer.singleShot(0, close_dialog)
    action = next(a for a in window.file_menu.actions() if a.text().replace("&", "") == "Save a Copy…")
    action.trigger()
    return shown


def spellings(board_path: Path) -> list[Path]:
    folder = board_path.parent
    link = folder / "link.pmdesk"
    link.symlink_to(board_path)
    hard = folder / "hard.pmdesk"
    os.link(board_path, hard)
    (folder / "sub").mkdir()
    return [board_path, folder / "sub" / ".." / board_path.name, link, hard]


def test_save_a_copy_onto_the_boards_own_file_is_refused(
    window: MainWindow, board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = board_path.read_bytes()
    for target in spellings(board_path):
        shown = save_copy_as(window, monkeypatch, target)
        assert len(shown) == 1 and "that is this board's own file" in shown[0], shown
        assert board_path.read_bytes() == before
    card = window.qt_document.board.cards[0]
    assert window.qt_document.attempt(set_card_field, card.id, "text", "Edits still reach the file")
    window.qt_document.undo_stack.setClean()
    assert BoardFile.read_snapshot(board_path).cards[0].text == "Edits still reach the file"


def test_a_failure_is_shown_with_the_name_escaped(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "missing folder" / "evil\n\x1b[31mred\u202e.pmdesk"
    shown = save_copy_as(window, monkeypatch, target)
    assert len(shown) == 1
    assert "evil\\n\\x1b[31mred\\u202e.pmdesk: cannot be written (No such file or directory)" in shown[0]
    assert "\x1b" not in shown[0] and "\u202e" not in shown[0]


def test_the_document_refuses_a_copy_onto_itself(tmp_path: Path) -> None:
    from pmdesk.model.demo import demo_board

    path = tmp_path / "b.pmdesk"
    document = Document.create(path, demo_board())
    try:
        for target in spellings(path):
            with pytest.raises(BoardFileError, match="own file"):
                document.save_copy(target)
        other = tmp_path / "other.pmdesk"
        document.save_copy(other)
        assert BoardFile.read_snapshot(other) == document.board
    finally:
        document.close()


def test_a_full_disk_while_editing_is_said_in_a_dialog(window: MainWindow, board_path: Path) -> None:
    conn = window.qt_document.document.file.conn
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    card = window.qt_document.board.cards[0]
    before = card.text
    assert not window.qt_document.attempt(set_card_field, card.id, "text", "z" * 300_000)
    box = window.not_saved_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "the disk is full, so this change was not saved" in box.text()
    assert "up to the change before it" in box.text() and "rollback" not in box.text()
    assert not window.qt_document.attempt(set_card_field, card.id, "text", "y" * 300_000)
    assert window.not_saved_box is box  # one dialog, not a stack of them
    box.accept()
    assert window.qt_document.board.cards[0].text == before
    assert BoardFile.read_snapshot(board_path).cards[0].text == before


@pytest.mark.parametrize("command", ["Save As…", "Save a Copy…"])
def test_a_name_typed_without_its_suffix_asks_before_replacing_another_board(
    command: str, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dialog asked about "other" (which does not exist); pmdesk wrote other.pmdesk over
    another post-mortem without a question."""
    import dataclasses

    from pmdesk.model.demo import demo_board

    other = tmp_path / "other.pmdesk"
    board = demo_board()
    board.incident = dataclasses.replace(board.incident, title="Another incident")
    Document.create(other, board).close()
    before = other.read_bytes()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(tmp_path / "other"), ""))
    )
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **_k: asked.append(a[2]) or QMessageBox.StandardButton.No),
    )
    action = next(a for a in window.file_menu.actions() if a.text().replace("&", "") == command)
    action.trigger()
    assert len(asked) == 1 and "other.pmdesk already exists" in asked[0]
    assert other.read_bytes() == before
    assert window.qt_document.document.path != other.resolve()
