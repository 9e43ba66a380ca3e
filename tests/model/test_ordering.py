"""Bringing a list into another order with few moves."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pmdesk.model.ordering import common_ends, staying


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


def test_common_ends_of_one_card_added_moved_or_removed() -> None:
    assert common_ends(list("abcde"), list("abXcde")) == (2, 3)  # added: nothing of the old changed
    assert common_ends(list("abcde"), list("abde")) == (2, 2)  # removed
    assert common_ends(list("abcde"), list("adbce")) == (1, 1)  # moved up: the stretch between
    assert common_ends(list("aaa"), list("aa")) == (2, 0)  # the ends never overlap
    assert common_ends([], list("ab")) == (0, 0)


@given(st.lists(st.sampled_from("abc"), max_size=8), st.lists(st.sampled_from("abc"), max_size=8))
def test_common_ends_are_the_longest_shared_start_then_end(old: list[str], new: list[str]) -> None:
    head, tail = common_ends(old, new)
    most = min(len(old), len(new))
    assert min(head, tail) >= 0 and head + tail <= most
    assert old[:head] == new[:head] and old[len(old) - tail :] == new[len(new) - tail :]
    assert head == most or old[head] != new[head]  # no longer start is shared
    assert head + tail == most or old[-1 - tail] != new[-1 - tail]  # nor a longer end after it
