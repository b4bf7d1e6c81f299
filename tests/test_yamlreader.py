"""The one YAML reader: plain values only, every refusal one line with its place."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from csadvisor.errors import DataError
from csadvisor.storage import yamlreader
from csadvisor.storage.yamlreader import MAX_DEPTH, MAX_VALUES, alias_ratio, parse_yaml


def problems(text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(DataError) as caught:
        parse_yaml(text, "t.yaml")
    return [(p.line, p.path, p.message) for p in caught.value.problems]


ORDINARY = (
    "a: 1\nb: [x, 0755, 0x1A, 1_000, 1:30, +5, -3, 1.5, .inf, true, no, ~, '', 'q', !!str 5]\n"
    "c: {d: null, e: !!int '12', f: !!float '2'}\n"
    "g: |\n  text\n  more\n"
)


@pytest.mark.parametrize("libyaml", [True, False])
def test_plain_values_read_as_safe_load_reads_them(
    monkeypatch: pytest.MonkeyPatch, libyaml: bool
) -> None:
    """Without libyaml the pure-Python parser gives the same values and messages."""
    if not libyaml:
        monkeypatch.delattr(yaml, "CBaseLoader")
    parsed = parse_yaml(ORDINARY, "t.yaml")
    assert parsed.value == yaml.safe_load(ORDINARY)
    assert parsed.lines is not None
    assert parsed.lines["c.e"] == 3
    assert problems("a: 1\na: 2\n") == [(2, "a", "duplicate key")]


def test_shared_objects_dumped_by_safe_dump_load() -> None:
    shared = {"low": 1, "high": 2}
    doc = {"roles": [{"pay": shared}, {"pay": shared}], "also": [shared]}
    text = yaml.safe_dump(doc)
    assert "&id001" in text
    assert parse_yaml(text, "t.yaml").value == doc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x: &a [*a]\n", [(1, "", "invalid YAML: found undefined alias 'a'")]),
        ("x: *nope\n", [(1, "", "invalid YAML: found undefined alias 'nope'")]),
        ("? [1]\n: 2\n", [(1, "", "mapping keys must be plain text")]),
        ("? {a: {b: c}}\n: 2\nz: 1\n", [(1, "", "mapping keys must be plain text")]),
        ("k: &s [1]\n*s : 2\n", [(2, "", "mapping keys must be plain text")]),
        ("~: 1\n", [(1, "", "mapping keys must be plain text")]),
        ("a: {x: 1}\nb:\n  <<: {x: 2}\n", [(3, "b", "YAML merge keys ('<<') are not allowed")]),
        ("d: 2020-01-01\n", [(1, "d", "YAML tag '!!timestamp' is not allowed")]),
        ("x: !!int abc\n", [(1, "x", "cannot read value 'abc'")]),
        ("x: !!set {a}\n", [(1, "x", "YAML tag '!!set' is not allowed")]),
        ("a: 1\n---\nb: 2\n", [(2, "", "invalid YAML: expected a single document, found another")]),
        ("a: 1\nb: [1, {c: 2, c: 3}]\n", [(2, "b[1].c", "duplicate key")]),
    ],
)
def test_refusals_name_line_and_field(text: str, expected: list[Any]) -> None:
    assert problems(text) == expected


def test_nesting_past_the_limit_is_refused_at_its_line() -> None:
    text = "a:\n  b: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"
    ((line, path, message),) = problems(text)
    assert (line, message) == (2, f"nested more than {MAX_DEPTH} levels deep")
    assert path.startswith("a.b[0][0]")
    assert parse_yaml("a: " + "[" * 60 + "]" * 60, "t.yaml").value is not None


def test_aliases_may_grow_a_small_document_a_hundredfold_but_no_more() -> None:
    width = 10
    within = "a: &a [" + ", ".join(["x"] * width) + "]\nb: [" + ", ".join(["*a"] * 90) + "]\n"
    assert len(parse_yaml(within, "t.yaml").value["b"]) == 90  # 990 of 1,005 values by alias
    past = "a: &a [" + ", ".join(["x"] * 200) + "]\nb: [" + ", ".join(["*a"] * 200) + "]\n"
    ((line, path, message),) = problems(past)
    assert line == 2
    assert path.startswith("b[")
    assert "than the 99% allowed (an alias bomb?)" in message


def test_the_alias_ratio_falls_with_the_size_of_the_document() -> None:
    assert alias_ratio(1000) == alias_ratio(400_000) == 0.99
    assert alias_ratio(400_000) > alias_ratio(1_000_000) > alias_ratio(3_000_000) > 0.10
    assert alias_ratio(4_000_000) == alias_ratio(10**9) == 0.10


def test_a_document_past_the_value_limit_stops_there() -> None:
    """Counted as the events arrive, aliases at their full size: a long list of one-letter
    items and a wide alias both stop at the limit, reported at once (line, no path)."""
    from csadvisor.storage.yamlreader import TooLarge

    assert MAX_VALUES == 1_200_000  # README's Security section states it
    long_list = "a: [" + "x, " * 300 + "x]\nb: [" + "y, " * 700 + "y]\n"
    assert len(parse_yaml(long_list, "t.yaml", max_values=1007).value["b"]) == 701
    for text in (long_list, "a: &a [" + "x, " * 300 + "x]\nb: [*a, *a, *a, *a]\n"):
        with pytest.raises(TooLarge) as caught:
            parse_yaml(text, "t.yaml", max_values=1000)
        ((problem),) = caught.value.problems
        assert (problem.line, problem.path) == (2, "")
        assert problem.message == (
            "more than 1,000 values (aliases counted as what they repeat), the limit for this file"
        )


def test_the_reader_constructs_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """No PyYAML constructor builds an object: only the plain scalar converters run."""

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("a constructor ran")

    monkeypatch.setattr(yaml.constructor.BaseConstructor, "construct_object", refuse)
    monkeypatch.setattr(yaml.constructor.BaseConstructor, "construct_document", refuse)
    assert parse_yaml(ORDINARY, "t.yaml").value["c"]["e"] == 12
    assert yamlreader.line_of({"a": 3}, "a.b[2]") == 3


def test_lines_read_again_up_to_the_fields_asked_for_are_the_full_tables_lines() -> None:
    """A catalogue is read without its line table and, when its check finds problems,
    again only up to the fields they name: each must get the line the full table gives."""
    from csadvisor.storage.catalog import _with_parents
    from csadvisor.storage.yamlreader import line_of, lines_until, parse_yaml

    text = (
        "roles:\n"
        "  - id: a\n    skills: {x: 1, y: 9}\n    duties:\n      - one\n      - ''\n"
        "  - [flow, list]\n"
        "  - id: b\n    pay:\n      low: 3\n      high: 2\n"
    )
    full = parse_yaml(text, "r").lines
    assert parse_yaml(text, "r", lines=False).lines is None
    for path in ("roles[0].skills.y", "roles[0].duties[1]", "roles[1][1]", "roles[2].pay.low",
                 "roles[2].pay.nothing", "", "roles[9]"):  # fmt: skip
        table = lines_until(text, "r", set(_with_parents(path)))
        assert line_of(table, path) == line_of(full, path), path
    assert "roles[2].pay.high" not in lines_until(text, "r", {"roles[0].skills.y"})
