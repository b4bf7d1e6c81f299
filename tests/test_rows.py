"""Typed rows: a field declared once gives the columns, the JSON and the --field choices."""

from __future__ import annotations

import io
import json

import pytest

from csadvisor.cli import records
from csadvisor.cli.output import Format, write_records
from csadvisor.core.listings import LocalPayRow, PayRow, Request
from csadvisor.core.rolerows import RoleRow
from csadvisor.core.rows import Col, Parts, Row, as_dict, choices, columns


class Sample(Row):
    id: Col[str] = Col("Id", "the id")
    count: Col[int | None] = Col("Count", "how many", choice=True)
    detail: Col[list[str]] = Col("Detail", "json only").json_only()
    from_: Col[str] = Col("From", "a keyword as a name", key="from")


def sample() -> Sample:
    return Sample(id="a", count=3, detail=["x", "y"], from_="b")


def test_a_row_prints_its_columns_in_tsv_and_every_field_in_json() -> None:
    out = io.StringIO()
    write_records([sample()], columns(Sample), Format.tsv, out)
    assert out.getvalue() == "id\tcount\tfrom\na\t3\tb\n"
    out = io.StringIO()
    write_records([sample()], columns(Sample), Format.json, out)
    assert json.loads(out.getvalue()) == [
        {"id": "a", "count": 3, "detail": ["x", "y"], "from": "b"}
    ]


def test_a_row_is_frozen_and_needs_every_field() -> None:
    row = sample()
    assert row.count == 3
    with pytest.raises(AttributeError):
        row.count = 4  # type: ignore[misc]
    with pytest.raises(TypeError, match="count is missing"):
        Sample(id="a", detail=[], from_="b")
    with pytest.raises(TypeError, match="no field other"):
        Sample(id="a", count=1, detail=[], from_="b", other=1)
    assert row.replace(count=4).count == 4
    assert row.count == 3


def test_parts_keep_the_first_position_and_the_last_value() -> None:
    merged = as_dict(Parts(sample(), {"count": 9, "extra": "e"}))
    assert list(merged) == ["id", "count", "detail", "from", "extra"]
    assert merged["count"] == 9


def test_choices_and_columns_come_from_the_declarations() -> None:
    assert choices(Sample) == ("count",)
    assert choices(PayRow) + choices(LocalPayRow) == (
        "low", "high", "mid", "p10", "p25", "median", "p75", "p90",
    )  # fmt: skip
    assert records.PAY_COLUMNS == PayRow.NAMES + Request.NAMES
    assert records.COLUMNS["roles"] == columns(RoleRow)
    assert "basis" in RoleRow.NAMES
    assert "basis" not in records.COLUMNS["roles"]


def test_every_local_statistic_names_a_column_of_the_extract() -> None:
    from csadvisor.core.localpay import statistics
    from csadvisor.core.wages import MEASURES

    for name, stat, wage in statistics():
        assert (f"a_{stat}" if wage else stat) in MEASURES, name


def test_a_view_reads_each_field_as_its_declared_type() -> None:
    """What a terminal view reads by name comes back as the field's type; a value of
    another type is a bug in whatever built the record, named, never drawn as garbage."""
    from csadvisor.core.rows import int_of, number_of, text_of, texts_of

    fields = as_dict(Parts(sample(), {"median": 41000.5, "flag": True}))
    assert text_of(fields, "id") == "a"
    assert int_of(fields, "count") == 3
    assert number_of(fields, "median") == 41000.5
    assert texts_of(fields, "detail") == ["x", "y"]
    assert text_of(fields, "absent") is None
    assert texts_of(fields, "absent") == []
    with pytest.raises(TypeError, match="'count'"):
        text_of(fields, "count")
    with pytest.raises(TypeError, match="'flag'"):
        number_of(fields, "flag")  # a bool is no figure
