"""The composition root's handling of untitled boards."""

from __future__ import annotations

from pathlib import Path

from pmdesk.app import close_document
from pmdesk.model.card_ops import add_card
from pmdesk.store.document import Document, find_untitled


def test_a_blank_untitled_board_is_not_kept(tmp_path: Path) -> None:
    document = Document.create_untitled(tmp_path)
    path = document.path
    close_document(document)
    assert not path.exists()
    assert find_untitled(tmp_path) == []


def test_an_untitled_board_with_a_word_on_it_is_kept_for_recovery(tmp_path: Path) -> None:
    document = Document.create_untitled(tmp_path)
    document.apply(add_card(document.board, "went-well", "worth keeping"))
    close_document(document)
    assert find_untitled(tmp_path) == [document.path]
