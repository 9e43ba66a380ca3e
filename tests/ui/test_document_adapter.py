"""The undo stack over edits: typing merges into one step, long typing undoes, failures are reported."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from pmdesk.model.board_ops import set_incident_field
from pmdesk.model.card_ops import add_card
from pmdesk.model.edits import primitives
from pmdesk.store.document import Document
from pmdesk.store.errors import BoardFileError
from pmdesk.ui.document_adapter import QtDocument


def _typing(qt_document: QtDocument, text: str) -> None:
    for end in range(1, len(text) + 1):
        assert qt_document.attempt(set_incident_field, "summary", text[:end], merge_key="summary")


def test_two_thousand_keystrokes_are_one_step_that_undoes_and_redoes(qtbot: QtBot, board_path: Path) -> None:
    qt_document = QtDocument(Document.open(board_path))
    before = qt_document.board.incident.summary
    typed = "x" * 2000
    _typing(qt_document, typed)
    stack = qt_document.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Edit summary"
    command = stack.command(0)
    assert len(list(primitives(command._edit))) == 1  # overwritten keystrokes are dropped
    stack.undo()
    assert qt_document.board.incident.summary == before
    stack.redo()
    assert qt_document.board.incident.summary == typed
    qt_document.document.close()
    reopened = Document.open(board_path)
    assert reopened.board.incident.summary == typed
    reopened.close()


def test_other_fields_do_not_merge(qtbot: QtBot, board_path: Path) -> None:
    qt_document = QtDocument(Document.open(board_path))
    assert qt_document.attempt(set_incident_field, "summary", "a", merge_key="summary")
    assert qt_document.attempt(set_incident_field, "impact", "b", merge_key="impact")
    assert qt_document.undo_stack.count() == 2
    qt_document.document.close()


def test_a_failed_undo_is_reported_and_clears_the_history(qtbot: QtBot, board_path: Path) -> None:
    qt_document = QtDocument(Document.open(board_path))
    messages: list[str] = []
    qt_document.failed.connect(messages.append)
    assert qt_document.attempt(add_card, "went-well", "one", card_id="c-undo")
    document = qt_document.document

    def broken(_edits: object) -> None:
        raise BoardFileError("demo.pmdesk: the change could not be saved (disk full)")

    document.file.write = broken  # type: ignore[method-assign]
    qt_document.undo_stack.undo()
    assert messages and "Undo failed" in messages[0] and "disk full" in messages[0]
    assert any(card.id == "c-undo" for card in qt_document.board.cards)  # memory still matches the file
    qtbot.waitUntil(lambda: qt_document.undo_stack.count() == 0)
    document.close()


def test_merged_keystrokes_leave_no_command_objects_behind(qtbot: QtBot, board_path: Path) -> None:
    import gc

    from pmdesk.ui.document_adapter import EditCommand

    qt_document = QtDocument(Document.open(board_path))
    _typing(qt_document, "y" * 200)
    gc.collect()
    mine = qt_document.document
    alive = [obj for obj in gc.get_objects() if isinstance(obj, EditCommand) and obj._document is mine]
    assert len(alive) == qt_document.undo_stack.count() == 1
    qt_document.document.close()


def test_history_is_bounded(qtbot: QtBot, board_path: Path) -> None:
    from pmdesk.ui.document_adapter import UNDO_LIMIT

    qt_document = QtDocument(Document.open(board_path))
    for index in range(UNDO_LIMIT + 5):
        assert qt_document.attempt(set_incident_field, "summary", f"step {index}")
    assert qt_document.undo_stack.count() == UNDO_LIMIT
    qt_document.document.close()
