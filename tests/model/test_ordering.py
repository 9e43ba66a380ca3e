"""Bringing a list into another order with few moves."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pmdesk.model.ordering import staying


def test_one_item_moved_is_the_only_one_that_moves() -> None:
    current = ["a", "b", "c", "d", "e"]
    assert set(current) - staying(current, ["b", "c", "d", "e", "a"]) == {"a"}
    assert set(current) - staying(current, ["a", "b", "e", "c", "d"]) == {"e"}


def test_the_same_order_keeps_everything_and_an_empty_list_nothing() -> None:
    assert staying(["a", "b"], ["a", "b"]) == {"a", "b"}
    assert staying([], ["a"]) == set()


def test_items_no_longer_wanted_never_stay() -> None:
    assert staying(["a", "x", "b"], ["a", "b"]) == {"a", "b"}


@given(st.permutations(list("abcdefghij")))
def test_what_stays_is_in_the_wanted_order(wanted: list[str]) -> None:
    current = list("abcdefghij")
    kept = staying(current, wanted)
    assert [item for item in current if item in kept] == [item for item in wanted if item in kept]
    assert kept  # any two lists of distinct items share at least one item's place
