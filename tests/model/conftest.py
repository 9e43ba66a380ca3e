"""Fixtures for the model tests: a rich board and a checker for undo/redo round trips."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest

from pmdesk.model.board import Board
from pmdesk.model.demo import demo_board
from pmdesk.model.edits import Batch, apply_edit
from pmdesk.model.validate import board_problems

RoundTrip = Callable[[Board, Batch], Board]


def check_round_trip(board: Board, batch: Batch) -> Board:
    """Apply, undo and redo ``batch`` on ``board``; assert each state; return the board after it."""
    assert board_problems(board) == []
    before = copy.deepcopy(board)
    inverse = apply_edit(board, batch)
    after = copy.deepcopy(board)
    assert board_problems(board) == [], batch
    apply_edit(board, inverse)
    assert board == before
    apply_edit(board, batch)
    assert board == after
    return board


@pytest.fixture
def board() -> Board:
    """The demo board: participants, four sections, themes with dots, actions."""
    return demo_board()


@pytest.fixture
def round_trip() -> RoundTrip:
    """``round_trip(board, batch)``: apply, undo, redo with checks; the board after the edit."""
    return check_round_trip
