"""A step of thousands of edits is written in O(n) rows, and the file matches memory after it."""

from __future__ import annotations

from pathlib import Path

from pmdesk.bench.boards import big_board
from pmdesk.model.board import Board
from pmdesk.model.card_ops import delete_cards, group_cards
from pmdesk.model.edits import primitives
from pmdesk.store.board_file import create_file
from pmdesk.store.document import Document

CARDS = 3000


def rows_written(document: Document) -> int:
    return int(document.file.conn.total_changes)


def assert_reopens_as(path: Path, board: Board) -> None:
    """The file, opened again, holds ``board``."""
    again = Document.open(path)
    try:
        assert again.board == board
    finally:
        again.close()


def test_deleting_thousands_of_cards_and_undoing_it_writes_each_row_about_once(tmp_path: Path) -> None:
    path = tmp_path / "big.pmdesk"
    create_file(path, big_board(CARDS))
    document = Document.open(path)
    try:
        before = document.board
        expected_after_undo = [card.id for card in before.cards]
        batch = delete_cards(document.board, [card.id for card in document.board.cards])
        count = sum(1 for _ in primitives(batch))
        start = rows_written(document)
        inverse = document.apply(batch)
        deleted = rows_written(document) - start
        # Written one primitive at a time, each removal shifted every later row: ~n²/2 rows.
        assert deleted <= 2 * count, deleted
        assert document.board.cards == [] and document.board.themes == []
        start = rows_written(document)
        document.apply(inverse)
        assert rows_written(document) - start <= 2 * count
        assert [card.id for card in document.board.cards] == expected_after_undo
        memory = document.board
    finally:
        document.close()
    assert_reopens_as(path, memory)


def test_grouping_cards_from_all_over_a_big_board_writes_each_row_about_once(tmp_path: Path) -> None:
    path = tmp_path / "mixed.pmdesk"
    create_file(path, big_board(CARDS))
    document = Document.open(path)
    try:
        loose = [card.id for card in document.board.cards if card.theme is None]
        batch = group_cards(document.board, loose[::2], "Every other card")  # moves, sets, an insert
        count = sum(1 for _ in primitives(batch))
        start = rows_written(document)
        inverse = document.apply(batch)
        # Written one primitive at a time, each move shifted the rows between: over a million rows.
        assert rows_written(document) - start <= 2 * count
        start = rows_written(document)
        document.apply(inverse)
        assert rows_written(document) - start <= 2 * count
        document.apply(group_cards(document.board, loose[:600], "Six hundred"))
        document.apply(delete_cards(document.board, loose[300:900]))
        memory = document.board
    finally:
        document.close()
    assert_reopens_as(path, memory)
