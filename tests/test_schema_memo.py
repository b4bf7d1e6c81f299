"""The schema remembers values that passed a spec (a large catalogue repeats them): what
it takes from that memory must be exactly what the check itself would say."""

from typing import Any

from csadvisor.storage.problems import INVALID, Checker
from csadvisor.storage.schema import Field, Integer, ListOf, MapOf, Record, Text


def _check(spec: Any, values: list[Any]) -> list[Any]:
    """Each value through one checker (as a catalogue's items go), then each alone."""
    shared = Checker()
    together = [spec.check(v, "x", shared) for v in values]
    alone = [spec.check(v, "x", Checker()) for v in values]
    assert together == alone
    return together


def test_a_level_remembered_as_a_number_does_not_let_true_or_a_float_pass() -> None:
    levels = MapOf(Integer(1, 5))
    got = _check(levels, [{"coaching": 1}, {"coaching": True}, {"coaching": 1.0}])
    assert got == [{"coaching": 1}, INVALID, INVALID]
    assert _check(ListOf(Integer(1, 5)), [[1, 1], [1, True]]) == [[1, 1], INVALID]


def test_a_text_remembered_for_one_spec_is_checked_again_by_another() -> None:
    short = Record({"a": Field(Text()), "b": Field(Text(max_len=3))})
    assert _check(short, [{"a": "abcd", "b": "abcd"}]) == [INVALID]
    lists = Record({"a": Field(ListOf(Text())), "b": Field(ListOf(Text(max_len=3)))})
    assert _check(lists, [{"a": ["abcd"], "b": ["abcd"]}]) == [INVALID]


def test_a_text_that_is_trimmed_or_refused_is_never_remembered_as_good() -> None:
    items = ListOf(Text())
    got = _check(items, [[" a "], [" a "], ["a\x1b"], ["a\x1b"], ["a", "a"]])
    assert got == [["a"], ["a"], INVALID, INVALID, ["a", "a"]]


def test_keys_remembered_do_not_let_a_bad_value_pass() -> None:
    levels = MapOf(Integer(1, 5))
    assert _check(levels, [{"a": 2, "b": 3}, {"a": 3, "b": 9}, {"A": 2}]) == [
        {"a": 2, "b": 3},
        INVALID,
        INVALID,
    ]


def test_problems_are_the_same_with_a_memory_as_without() -> None:
    role = Record({"skills": Field(MapOf(Integer(1, 5))), "duties": Field(ListOf(Text()))})
    good = {"skills": {"a": 1}, "duties": ["x"]}
    bad = {"skills": {"a": 1, "b": 7}, "duties": ["x", ""]}
    shared = Checker()
    role.check(good, "roles[0]", shared)
    role.check(bad, "roles[1]", shared)
    alone = Checker()
    role.check(bad, "roles[1]", alone)
    assert (
        shared.problems
        == alone.problems
        == [
            ("roles[1].skills.b", "must be from 1 to 5, got '7'"),
            ("roles[1].duties[1]", "must not be empty"),
        ]
    )
