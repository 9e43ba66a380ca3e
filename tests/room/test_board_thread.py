"""Edits from many devices at once: committed in groups, each its own undo step, budgets kept."""

from __future__ import annotations

import copy
import threading
from pathlib import Path

import pytest

from pmdesk.model.demo import demo_board
from pmdesk.model.edits import EditError
from pmdesk.model.room_ops import add_device_card
from pmdesk.model.vote_ops import place_vote
from pmdesk.room.gateway import LocalGateway
from pmdesk.store.board_file import BoardFile, create_file
from pmdesk.store.errors import BoardFileError


def _run_together(count: int, work: object) -> list[object]:
    results: list[object] = [None] * count
    barrier = threading.Barrier(count)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = work(index)  # type: ignore[operator]
        except EditError as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_cards_posted_at_once_are_each_committed_and_undone_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "board.pmdesk"
    create_file(path, demo_board())
    gateway = LocalGateway(path)
    try:
        before = copy.deepcopy(gateway.read(lambda board: board))

        def post(i: int) -> object:
            return gateway.apply(lambda b: add_device_card(b, f"dev{i}", "lessons", f"c{i}", None))

        _run_together(40, post)
        on_file = BoardFile.read_snapshot(path)
        assert sorted(c.id for c in on_file.cards if c.pending) == sorted(f"dev{i}" for i in range(40))
        assert len(gateway.undo_stack) == 40
        gateway.undo()
        assert len([c for c in gateway.read(lambda b: list(b.cards)) if c.pending]) == 39  # one card
        for _ in range(39):
            gateway.undo()
        assert gateway.read(lambda board: board == before)
        assert BoardFile.read_snapshot(path) == before
    finally:
        gateway.close()


def test_a_closed_gateway_refuses_at_once(tmp_path: Path) -> None:
    path = tmp_path / "board.pmdesk"
    create_file(path, demo_board())
    gateway = LocalGateway(path)
    gateway.close()
    gateway.close()  # closing twice does nothing
    with pytest.raises(BoardFileError, match="closed"):
        gateway.apply(lambda b: add_device_card(b, "late", "lessons", "late", None))
    with pytest.raises(BoardFileError, match="closed"):
        gateway.read(lambda b: len(b.cards))


def test_two_devices_racing_for_the_last_dot(tmp_path: Path) -> None:
    path = tmp_path / "board.pmdesk"
    create_file(path, demo_board())  # Tom Becker (p4) has one dot left
    gateway = LocalGateway(path)
    try:
        results = _run_together(6, lambda i: gateway.apply(lambda b: place_vote(b, "p4", "c3")))
        assert sum(not isinstance(r, EditError) for r in results) == 1
        assert all("all 3 dots" in str(r) for r in results if isinstance(r, EditError))
        assert sum(v.participant == "p4" for v in BoardFile.read_snapshot(path).votes) == 3
    finally:
        gateway.close()
