"""Batches an analyst can join back to the input: one record per input line, always."""

from __future__ import annotations

import csv
import io
import json
import random
from typing import Any

import pytest

from csadvisor.cli import records

CSS = "customer-service-specialist"
CC = "call-center-specialist"
CSM = "customer-service-manager"
KNOWN = [
    "csr", "Customer service specialist", "CALL CENTER AGENT", "call-center-specialist",
    "Call centre specialist", "customer service rep", "CS manager", "Customer Service Reps",
    "customer  service   manager", "Customer-Service  Spécialist!",
]  # fmt: skip
MISSPELT = ["custmer service managr", "call centr specalist", "xyzzy", "Customer Sevice Rep"]


def thousand_names(seed: int = 12) -> tuple[list[str], int]:
    """1,000 names: known ones, 50 misspelt ones and 20 blank lines, shuffled."""
    rng = random.Random(seed)
    names = [rng.choice(KNOWN) for _ in range(930)]
    names += [rng.choice(MISSPELT) for _ in range(50)] + [""] * 20
    rng.shuffle(names)
    return names, 50


def parse(fmt: str, stdout: str, header: bool = True) -> list[dict[str, Any]]:
    if fmt == "json":
        return list(json.loads(stdout))
    if fmt == "jsonl":
        return [json.loads(line) for line in stdout.splitlines()]
    rows = list(csv.reader(io.StringIO(stdout), delimiter="\t" if fmt == "tsv" else ","))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "jsonl"])
def test_a_thousand_names_with_bom_crlf_blanks_and_typos_give_a_thousand_rows(
    invoke: Any, fmt: str
) -> None:
    names, misspelt = thousand_names()
    stdin = "\ufeff" + "\r\n".join(names) + "\r\n"
    result = invoke("pay", "-", "-f", fmt, input=stdin)
    assert result.exit_code == 1
    rows = parse(fmt, result.stdout)
    assert len(rows) == len(names) == 1000
    assert [str(r["line"]) for r in rows] == [str(n) for n in range(1, 1001)]
    assert [r["query"] for r in rows] == names
    unknown = [r for r in rows if r["note"] == "unknown role"]
    assert len(unknown) == misspelt
    assert all(r["low"] in (None, "") for r in unknown)
    # The byte-order mark and the CRLFs are not part of any name: every known one is found.
    assert all(r["role"] for r in rows if r["query"] in KNOWN)
    lines = result.stderr.splitlines()
    assert len(lines) == misspelt + 1
    assert lines[-1] == f"csadvisor: {misspelt} of 980 names not found"
    first_unknown = next(i for i, n in enumerate(names, 1) if n in MISSPELT)
    assert lines[0].startswith(f"csadvisor: line {first_unknown}: unknown role '")


def test_field_keeps_one_line_per_input_line_with_bom_and_crlf(invoke: Any) -> None:
    names, _ = thousand_names()
    result = invoke("pay", "-", "--field", "low", input="\ufeff" + "\r\n".join(names) + "\r\n")
    assert result.stdout.count("\n") == 1000


def test_an_unknown_name_carries_the_best_suggestion_in_its_own_column(invoke: Any) -> None:
    result = invoke("pay", "-", "-f", "json", input="custmer service managr\n")
    (row,) = json.loads(result.stdout)
    assert (row["role"], row["note"], row["suggestion"]) == (
        None,
        "unknown role",
        "Customer service manager",
    )
    assert row["mid"] is None


def test_new_columns_come_after_the_old_ones_so_cut_by_position_still_works() -> None:
    old = (
        "role", "title", "low", "high", "mid", "currency", "period", "derived",
        "basis", "region", "source", "year", "adjusted_by", "factor", "note",
    )  # fmt: skip
    assert records.PAY_COLUMNS[: len(old)] == old
    assert records.PAY_COLUMNS[len(old) :] == ("query", "line", "suggestion")


STAFF_CSV = (
    "\ufeffemployee_id,job_title,team\r\n"
    "17,csr,north\r\n"
    '18,"Customer service manager",south\r\n'
    "19,custmer servce,east\r\n"
    ",,\r\n"
    "20,Call centre specialist,west\r\n"
)


def test_column_reads_names_from_a_csv_with_a_header_and_keep_carries_columns(
    invoke: Any,
) -> None:
    result = invoke(
        "pay", "-", "--column", "job_title", "--keep", "employee_id,team", "-f", "csv",
        input=STAFF_CSV,
    )  # fmt: skip
    assert result.exit_code == 1
    rows = parse("csv", result.stdout)
    assert list(rows[0])[-2:] == ["employee_id", "team"]
    assert [(r["line"], r["employee_id"], r["role"]) for r in rows] == [
        ("2", "17", CSS),
        ("3", "18", CSM),
        ("4", "19", ""),
        ("5", "", ""),
        ("6", "20", CC),
    ]
    assert "job_title" not in result.stderr  # the header is not a name
    assert result.stderr.startswith("csadvisor: line 4: unknown role 'custmer servce'")


def test_column_by_number_from_a_tsv(invoke: Any) -> None:
    staff = "id\ttitle\n1\tcsr\n2\tsupport manager\n"
    result = invoke(
        "pay", "-", "--column", "2", "--input-format", "tsv", "--no-header", input=staff
    )
    assert result.exit_code == 0, result.stderr
    assert [ln.split("\t")[0] for ln in result.stdout.splitlines()] == [CSS, CSM]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--column", "role_name"], "no column 'role_name' in the header row; its columns: "),
        (["--column", "9"], "--column 9: the header row has 3 column(s)"),
        (["--column", "job_title", "--keep", "title"], "--keep title: the pay records have"),
        (["--keep", "team"], "--keep carries columns of a table: add --column NAME"),
        (["--column", "job_title", "--input-format", "lines"], "use --input-format tsv or csv"),
    ],
)
def test_table_input_mistakes_are_usage_errors(invoke: Any, args: list[str], message: str) -> None:
    result = invoke("pay", "-", *args, input=STAFF_CSV)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_column_needs_stdin(invoke: Any) -> None:
    result = invoke("pay", "csr", "--column", "job_title")
    assert result.exit_code == 2
    assert "add '-'" in result.stderr


@pytest.mark.parametrize(
    ("typed", "role_id"),
    [
        ("Call centre specialist", CC),
        ("customer service rep", CSS),
        ("Customer Service Reps", CSS),
        ("CS manager", CSM),
        ("cust. svc. mgr", CSM),
        ("CX specialists", "customer-experience-specialist"),
        ("Customer-Service  Spécialist", CSS),
        ("customer service managers", CSM),
    ],
)
def test_names_people_type_find_their_role(invoke: Any, typed: str, role_id: str) -> None:
    result = invoke("pay", typed, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["role"] == role_id


def test_unknown_names_in_a_table_view_show_the_name_typed_and_the_suggestion(
    invoke: Any,
) -> None:
    result = invoke("pay", "csr", "custmer service managr", "-f", "table")
    assert "custmer service managr" in result.stdout
    assert "unknown role; did you mean Customer service manager?" in " ".join(result.stdout.split())


def test_a_table_of_only_unknown_names_is_not_drawn_the_error_says_it_all(invoke: Any) -> None:
    result = invoke("pay", "xyzzy", "-f", "table")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "unknown role 'xyzzy'" in result.stderr
    piped = invoke("pay", "xyzzy", "-f", "tsv")  # a script still gets its record per name
    assert piped.stdout.splitlines()[1].split("\t")[14] == "unknown role"


@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "jsonl"])
@pytest.mark.parametrize("sep", ["\t", ","])
def test_a_table_of_a_thousand_rows_gives_a_record_per_data_row(
    invoke: Any, fmt: str, sep: str
) -> None:
    names, misspelt = thousand_names(seed=3)
    body = "".join(f"{i}{sep}{n.replace(sep, ' ')}{sep}x\r\n" for i, n in enumerate(names))
    stdin = "\ufeff" + f"id{sep}job_title{sep}team\r\n" + body
    result = invoke("pay", "-", "--column", "job_title", "--keep", "id", "-f", fmt, input=stdin)
    rows = parse(fmt, result.stdout)
    assert len(rows) == len(names)
    assert [str(r["line"]) for r in rows] == [str(n) for n in range(2, 1002)]
    assert [str(r["id"]) for r in rows] == [str(i) for i in range(1000)]
    assert sum(r["note"] == "unknown role" for r in rows) == misspelt
