"""Which items of a list may stay where they are when it is brought into another order."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def common_ends(old: Sequence[T], new: Sequence[T]) -> tuple[int, int]:
    """How many items two lists share at their start, and then at their end: ``(head, tail)``.

    The ends never overlap (``head + tail`` is at most the shorter length), so what changed is
    ``old[head : len(old) - tail]`` against ``new[head : len(new) - tail]``: one card added to a
    long column leaves a stretch of one.
    """
    head, most = 0, min(len(old), len(new))
    while head < most and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < most - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return head, tail


def staying(current: Sequence[str], wanted: Sequence[str]) -> set[str]:
    """The largest set of ``current`` items already in ``wanted``'s relative order.

    Moving every other item (one at a time, each next to its neighbour in ``wanted``) turns
    ``current`` into ``wanted`` with as few moves as possible: one card moved is one move.
    Items of ``current`` that ``wanted`` lacks never stay.
    """
    # A common head and tail stay as they are (they have the lowest and highest ranks, first and
    # last): one card moved in a long column compares the stretch between its two places only.
    head, end = common_ends(current, wanted)
    if head == 0 and end == 0 and len(current) == len(wanted) > 1:
        # One item moved from one end of the stretch to the other (one card moved up or down).
        if current[1:] == wanted[:-1] and current[0] == wanted[-1]:
            return set(current[1:])
        if current[:-1] == wanted[1:] and current[-1] == wanted[0]:
            return set(current[:-1])
    if head or end:
        middle = (
            staying(current[head : len(current) - end], wanted[head : len(wanted) - end])
            if (head + end < len(current))
            else set()
        )
        return {*current[:head], *current[len(current) - end :], *middle}
    position = {item: index for index, item in enumerate(wanted)}
    ranks = [(position[item], item) for item in current if item in position]
    tails: list[int] = []  # tails[k]: index into ranks of the smallest tail of a run of length k+1
    tail_ranks: list[int] = []  # the ranks of those tails, for bisect
    before: list[int] = [-1] * len(ranks)
    for index, (rank, _item) in enumerate(ranks):
        k = bisect_left(tail_ranks, rank)
        if k > 0:
            before[index] = tails[k - 1]
        if k == len(tails):
            tails.append(index)
            tail_ranks.append(rank)
        else:
            tails[k] = index
            tail_ranks[k] = rank
    kept: set[str] = set()
    index = tails[-1] if tails else -1
    while index >= 0:
        kept.add(ranks[index][1])
        index = before[index]
    return kept
