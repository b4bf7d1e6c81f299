"""What each command prints for the bundled data, its options, and its exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import Result

from csadvisor import __version__

Invoke = Callable[..., Result]

DATA = Path(__file__).resolve().parents[1] / "data"
ROLES: list[dict[str, Any]] = yaml.safe_load((DATA / "roles.yaml").read_text("utf-8"))["roles"]
SKILLS: list[dict[str, Any]] = yaml.safe_load((DATA / "skills.yaml").read_text("utf-8"))["skills"]
ROLE = {r["id"]: r for r in ROLES}

CC = "call-center-specialist"
CSS = "customer-service-specialist"
SENIOR = "senior-customer-service-specialist"
CX = "customer-experience-specialist"
AM = "account-manager"
CSM = "customer-service-manager"
RH = ("starting salary", "US national", "Robert Half 2026 Salary Guide", "2026")


def tsv(*rows: tuple[object, ...]) -> str:
    return "".join("\t".join(str(c) for c in row) + "\n" for row in rows)


def ids_of(stdout: str, column: int = 0) -> list[str]:
    """The values of one column of a TSV listing, header skipped."""
    return [line.split("\t")[column] for line in stdout.splitlines()[1:]]


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result


# --------------------------------------------------------------------------- roles

ROLES_HEADER = ("id", "title", "level", "low", "high", "mid", "currency", "period", "next", "note")
ROLES_ROWS = {
    CC: (
        CC, "Call center specialist", 1, 34750, 47000, 40875, "USD", "year", f"{CSS};{SENIOR}", "",
    ),
    CSS: (
        CSS, "Customer service specialist", 1, 38500, 48500, 43500, "USD", "year",
        f"{SENIOR};{CX};{AM}", "",
    ),
    SENIOR: (
        SENIOR, "Senior customer service specialist", 2, "", "", "", "", "",
        f"{CSM};{CX};{AM}", "no published range",
    ),
    CX: (CX, "Customer experience specialist", 3, "", "", "", "", "", CSM, "no published range"),
    AM: (AM, "Account manager", 3, "", "", "", "", "", "", "no published range"),
    CSM: (CSM, "Customer service manager", 3, 57000, 81250, 69125, "USD", "year", "", ""),
}  # fmt: skip
TRACK_ORDER = [CC, CSS, SENIOR, CX, AM, CSM]


def test_roles_lists_every_role_with_pay_or_no_published_range(invoke: Invoke) -> None:
    result = ok(invoke("roles"))
    assert result.stdout == tsv(ROLES_HEADER, *(ROLES_ROWS[i] for i in TRACK_ORDER))


def test_roles_lists_the_same_roles_as_the_data_file(invoke: Invoke) -> None:
    result = ok(invoke("roles", "--no-header"))
    assert ids_of("x\n" + result.stdout) == [r["id"] for r in ROLES]


def test_roles_level_filter(invoke: Invoke) -> None:
    result = ok(invoke("roles", "--level", "3"))
    assert result.stdout == tsv(ROLES_HEADER, ROLES_ROWS[CX], ROLES_ROWS[AM], ROLES_ROWS[CSM])


def test_roles_with_pay_keeps_only_published_ranges(invoke: Invoke) -> None:
    result = ok(invoke("roles", "--with-pay"))
    assert result.stdout == tsv(ROLES_HEADER, ROLES_ROWS[CC], ROLES_ROWS[CSS], ROLES_ROWS[CSM])


def test_roles_level_and_with_pay_combine(invoke: Invoke) -> None:
    result = ok(invoke("roles", "--level", "1", "--with-pay", "--no-header"))
    assert result.stdout == tsv(ROLES_ROWS[CC], ROLES_ROWS[CSS])


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (CC, {CSS, SENIOR, CX, AM, CSM}),
        (CSS, {SENIOR, CX, AM, CSM}),
        (SENIOR, {CSM, CX, AM}),
        (CX, {CSM}),
        (AM, set()),
    ],
)
def test_roles_from_lists_every_role_reachable_and_not_the_start(
    invoke: Invoke, start: str, expected: set[str]
) -> None:
    result = ok(invoke("roles", "--from", start))
    got = ids_of(result.stdout)
    assert sorted(got) == sorted(expected)
    assert result.stdout.splitlines()[0] == "\t".join(ROLES_HEADER)


def test_roles_from_accepts_a_title_or_alias(invoke: Invoke) -> None:
    by_alias = ok(invoke("roles", "--from", "Escalations Specialist"))
    by_id = ok(invoke("roles", "--from", SENIOR))
    assert by_alias.stdout == by_id.stdout


def test_roles_from_unknown_role_exits_1(invoke: Invoke) -> None:
    result = invoke("roles", "--from", "astronaut")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("csadvisor: unknown role 'astronaut'")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("key", ["id", "title"])
def test_roles_sort_alphabetically(invoke: Invoke, key: str) -> None:
    result = ok(invoke("roles", "--sort", key))
    assert ids_of(result.stdout) == [AM, CC, CX, CSM, CSS, SENIOR]


def test_roles_sort_level(invoke: Invoke) -> None:
    result = ok(invoke("roles", "--sort", "level"))
    levels = [int(v) for v in ids_of(result.stdout, column=2)]
    assert levels == [1, 1, 2, 3, 3, 3]
    assert sorted(ids_of(result.stdout)) == sorted(TRACK_ORDER)


def test_roles_sort_pay_puts_published_ranges_first_in_pay_order(invoke: Invoke) -> None:
    result = ok(invoke("roles", "--sort", "pay"))
    ids = ids_of(result.stdout)
    assert set(ids[:3]) == {CC, CSS, CSM}
    assert set(ids[3:]) == {SENIOR, CX, AM}
    mids = [int(v) for v in ids_of(result.stdout, column=5)[:3]]
    assert mids in (sorted(mids), sorted(mids, reverse=True))


def test_roles_json_has_numbers_and_nulls(invoke: Invoke) -> None:
    result = ok(invoke("roles", "-f", "json"))
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == TRACK_ORDER
    by_id = {r["id"]: r for r in rows}
    assert by_id[CSM]["low"] == 57000
    assert by_id[CSM]["high"] == 81250
    assert by_id[CSM]["mid"] == 69125
    assert by_id[CSM]["level"] == 3
    assert by_id[CSS]["next"] == [SENIOR, CX, AM]
    for rid in (SENIOR, CX, AM):
        assert by_id[rid]["low"] is None
        assert by_id[rid]["high"] is None
        assert by_id[rid]["mid"] is None
        assert by_id[rid]["note"] == "no published range"


def test_roles_jsonl_is_one_object_per_line_same_as_json(invoke: Invoke) -> None:
    as_json = json.loads(ok(invoke("roles", "-f", "json")).stdout)
    lines = ok(invoke("roles", "-f", "jsonl")).stdout.splitlines()
    assert [json.loads(line) for line in lines] == as_json


def test_roles_csv(invoke: Invoke) -> None:
    result = ok(invoke("roles", "-f", "csv"))
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == list(ROLES_HEADER)
    assert rows[1:] == [[str(c) for c in ROLES_ROWS[i]] for i in TRACK_ORDER]


@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_roles_no_header(invoke: Invoke, fmt: str) -> None:
    with_header = ok(invoke("roles", "-f", fmt)).stdout
    without = ok(invoke("roles", "-f", fmt, "--no-header")).stdout
    assert without == with_header.split("\n", 1)[1]
    assert not without.startswith("id")


def test_roles_table_shows_titles_and_formatted_pay(invoke: Invoke) -> None:
    result = ok(invoke("roles", "-f", "table"))
    flat = " ".join(result.stdout.split())
    for role in ROLES:
        # Titles may wrap inside their cell; the words are all there.
        for word in role["title"].split():
            assert word in result.stdout
    assert "$57,000" in flat
    assert "$81,250" in flat
    assert "no published" in flat
    assert "Robert Half 2026 Salary Guide" in flat


# --------------------------------------------------------------------------- role


def test_role_json_shows_the_role_in_full(invoke: Invoke) -> None:
    result = ok(invoke("role", "csr", "-f", "json"))
    doc = json.loads(result.stdout)
    src = ROLE[CSS]
    assert doc["id"] == CSS
    assert doc["title"] == src["title"]
    assert doc["level"] == 1
    assert doc["summary"] == src["summary"]
    assert doc["responsibilities"] == src["responsibilities"]
    assert doc["aliases"] == src["aliases"]
    assert doc["next"] == src["next"]
    assert doc["skills"] == src["skills"]
    assert (doc["low"], doc["high"], doc["mid"]) == (38500, 48500, 43500)
    assert (doc["currency"], doc["period"]) == ("USD", "year")
    assert (doc["basis"], doc["region"], doc["source"], str(doc["year"])) == RH
    assert doc["note"] is None


def test_role_without_pay_says_no_published_range(invoke: Invoke) -> None:
    doc = json.loads(ok(invoke("role", AM, "-f", "json")).stdout)
    assert doc["low"] is None
    assert doc["high"] is None
    assert doc["mid"] is None
    assert doc["source"] is None
    assert doc["note"] == "no published range"
    page = ok(invoke("role", AM, "-f", "table")).stdout
    assert "no published range" in page
    starting = page.split("Occupation and local pay")[0]  # BLS figures follow, labelled
    assert "$" not in starting


def test_role_page_shows_summary_duties_pay_source_skills_next_and_aliases(
    invoke: Invoke,
) -> None:
    page = ok(invoke("role", "Customer Service Representative", "-f", "table")).stdout
    flat = " ".join(page.split())
    src = ROLE[CSS]
    assert page.startswith("Customer service specialist  (customer-service-specialist, level 1)")
    assert src["summary"] in flat
    for duty in src["responsibilities"]:
        assert duty in flat
    assert "$38,500 - $48,500 a year" in flat
    assert "midpoint $43,500" in flat
    assert "starting salary, US national; Robert Half 2026 Salary Guide (2026)" in flat
    names = {s["id"]: s["name"] for s in SKILLS}
    for skill_id, level in src["skills"].items():
        line = next(ln for ln in page.splitlines() if re.search(rf"\b{skill_id}\s*$", ln))
        assert f"{level}/5" in line
        assert names[skill_id].split()[0] in line
    for nid in src["next"]:
        assert f"{ROLE[nid]['title']} ({nid})" in flat
    assert "Also called" in page
    assert ", ".join(src["aliases"]) in flat


def test_role_tsv_is_one_header_and_one_row(invoke: Invoke) -> None:
    from csadvisor.cli.records import ROLE_DETAIL_COLUMNS

    result = ok(invoke("role", CSM))
    header, row = result.stdout.splitlines()
    assert header.split("\t") == list(ROLE_DETAIL_COLUMNS)
    cells = dict(zip(ROLE_DETAIL_COLUMNS, row.split("\t"), strict=True))
    assert cells["id"] == CSM
    assert cells["summary"] == ROLE[CSM]["summary"]
    assert cells["low"] == "57000"
    assert cells["high"] == "81250"
    assert cells["skills"].split(";")[0] == "empathy=4"
    assert cells["aliases"] == ";".join(ROLE[CSM]["aliases"])


@pytest.mark.parametrize("command", [["role"], ["track"], ["pay"]])
def test_unknown_role_exits_1_with_one_line_on_stderr(invoke: Invoke, command: list[str]) -> None:
    result = invoke(*command, "astronaut")
    assert result.exit_code == 1
    assert (
        result.stderr == "csadvisor: unknown role 'astronaut'; run 'csadvisor roles' to list them\n"
    )
    if command != ["pay"]:
        assert result.stdout == ""


def test_role_misspelt_suggests_the_closest_role(invoke: Invoke) -> None:
    result = invoke("role", "custmer service managr")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(
        "csadvisor: unknown role 'custmer service managr'; did you mean 'Customer service manager'"
    )
    assert result.stderr.endswith("?\n")
    assert result.stderr.count("\n") == 1


# --------------------------------------------------------------------------- pay

PAY_HEADER = (
    "role", "title", "low", "high", "mid", "currency", "period", "derived",
    "basis", "region", "source", "year", "adjusted_by", "factor", "note",
    "query", "line", "suggestion",
)  # fmt: skip


def test_pay_prints_range_midpoint_source_and_basis(invoke: Invoke) -> None:
    result = ok(invoke("pay", "Customer service specialist"))
    assert result.stdout == tsv(
        PAY_HEADER,
        (CSS, "Customer service specialist", 38500, 48500, 43500, "USD", "year", "false", *RH,
         "", "", "", "Customer service specialist", "", ""),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "role_id"),
    [
        ("customer-service-specialist", CSS),
        ("Customer service specialist", CSS),
        ("CUSTOMER SERVICE SPECIALIST", CSS),
        ("csr", CSS),
        ("Customer Care Representative", CSS),
        ("customer care representative", CSS),
        ("Call Center Agent", CC),
        ("CALL-CENTER-SPECIALIST", CC),
        ("support manager", CSM),
        ("Customer Service Manager", CSM),
        ("cx specialist", CX),
    ],
)
def test_pay_matches_id_title_or_alias_case_insensitively(
    invoke: Invoke, name: str, role_id: str
) -> None:
    result = ok(invoke("pay", name, "-f", "json"))
    assert [r["role"] for r in json.loads(result.stdout)] == [role_id]


def test_pay_batch_keeps_argument_order(invoke: Invoke) -> None:
    result = ok(invoke("pay", CSM, "csr", AM, CC, "--no-header"))
    assert ids_of("x\n" + result.stdout) == [CSM, CSS, AM, CC]


def test_pay_dash_reads_names_from_stdin_in_input_order(invoke: Invoke) -> None:
    names = "Support Manager\ncall center agent\n\n  csr  \nAccount manager\n"
    result = ok(invoke("pay", CX, "-", "--no-header", input=names))
    # The blank line keeps its place: one record per input line, numbered as in the input.
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [r[0] for r in rows] == [CX, CSM, CC, "", CSS, AM]
    assert [r[PAY_HEADER.index("line")] for r in rows] == ["", "1", "2", "3", "4", "5"]
    assert rows[3][PAY_HEADER.index("note")] == "no name on this line"


def test_pay_unknown_name_in_batch_others_still_answered_exit_1(invoke: Invoke) -> None:
    result = invoke("pay", "csr", "custmer service managr", CSM, "-f", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert [r["role"] for r in doc] == [CSS, None, CSM]
    assert doc[1]["query"] == "custmer service managr"
    assert doc[1]["note"] == "unknown role"
    assert doc[1]["suggestion"] == "Customer service manager"
    assert doc[1]["low"] is None
    assert result.stderr.startswith(
        "csadvisor: unknown role 'custmer service managr'; did you mean 'Customer service manager'"
    )
    assert result.stderr.endswith("?\ncsadvisor: 1 of 3 names not found\n")
    assert result.stderr.count("\n") == 2


def test_pay_reports_every_unknown_name_once_after_answering_the_rest(invoke: Invoke) -> None:
    # Deliberate: the unknown names are reported together by the error boundary, after the
    # answers (before, each was printed the moment it was read).
    result = invoke("pay", "nope", "csr", "zork", "nope", "-f", "tsv", "--no-header")
    assert result.exit_code == 1
    assert ids_of("x\n" + result.stdout) == ["", CSS, "", ""]
    assert result.stderr == (
        "csadvisor: unknown role 'nope'; run 'csadvisor roles' to list them\n"
        "csadvisor: unknown role 'zork'; run 'csadvisor roles' to list them\n"
        "csadvisor: unknown role 'nope'; run 'csadvisor roles' to list them\n"
        "csadvisor: 3 of 4 names not found\n"
    )


def test_a_format_a_command_does_not_offer_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("roles", "-f", "mermaid")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "'mermaid' is not one of 'table', 'tsv', 'csv', 'json', 'jsonl'" in result.stderr


def test_a_mistyped_command_gets_a_suggestion(invoke: Invoke) -> None:
    result = invoke("rols")
    assert result.exit_code == 2
    assert result.stderr.startswith("csadvisor: No such command 'rols'. Did you mean 'roles'")


def test_pay_unknown_names_from_stdin_reported_on_stderr_only(invoke: Invoke) -> None:
    result = invoke("pay", "-", "--no-header", input="csr\nxyzzy\nCSR\n")
    assert result.exit_code == 1
    assert ids_of("x\n" + result.stdout) == [CSS, "", CSS]
    assert result.stderr == (
        "csadvisor: line 2: unknown role 'xyzzy'; run 'csadvisor roles' to list them\n"
        "csadvisor: 1 of 3 names not found\n"
    )


@pytest.mark.parametrize(
    ("role_id", "low", "high"),
    [(CSS, 38500, 48500), (CC, 34750, 47000), (CSM, 57000, 81250)],
)
@pytest.mark.parametrize(("period", "divisor"), [("year", 1), ("month", 12), ("hour", 2080)])
def test_pay_period_converts_and_marks_derived(
    invoke: Invoke, role_id: str, low: int, high: int, period: str, divisor: int
) -> None:
    result = ok(invoke("pay", role_id, "--period", period, "-f", "json"))
    (rec,) = json.loads(result.stdout)
    assert rec["period"] == period
    assert rec["derived"] is (period != "year")
    for key, annual in (("low", low), ("high", high), ("mid", (low + high) / 2)):
        assert isinstance(rec[key], (int, float))
        assert not isinstance(rec[key], bool)
        assert abs(rec[key] - annual / divisor) <= 0.005 + 1e-9, key
    assert (rec["basis"], rec["region"], rec["source"], str(rec["year"])) == RH


def test_pay_per_hour_tsv(invoke: Invoke) -> None:
    result = ok(invoke("pay", "csr", "-p", "hour", "--no-header"))
    assert result.stdout == tsv(
        (CSS, "Customer service specialist", 18.51, 23.32, 20.91, "USD", "hour", "true", *RH,
         "", "", "", "csr", "", ""),
    )  # fmt: skip


@pytest.mark.parametrize(("field", "expected"), [("low", 38500), ("high", 48500), ("mid", 43500)])
def test_pay_field_prints_just_the_number(invoke: Invoke, field: str, expected: int) -> None:
    result = ok(invoke("pay", "csr", "--field", field))
    assert result.stdout == f"{expected}\n"


def test_pay_field_one_number_per_line_in_order(invoke: Invoke) -> None:
    result = ok(invoke("pay", CSM, CC, "csr", "--field", "mid", "--period", "month"))
    assert result.stdout == "5760.42\n3406.25\n3625.00\n"


def test_pay_without_range_json_is_null_with_note(invoke: Invoke) -> None:
    result = ok(invoke("pay", AM, "-f", "json"))
    (rec,) = json.loads(result.stdout)
    assert rec["role"] == AM
    assert rec["title"] == "Account manager"
    assert (rec["low"], rec["high"], rec["mid"]) == (None, None, None)
    assert rec["note"] == "no published range"


def test_pay_field_without_range_prints_empty_line_and_stderr_note(invoke: Invoke) -> None:
    result = invoke("pay", "csr", AM, CSM, "--field", "low")
    assert result.exit_code == 0
    assert result.stdout == "38500\n\n57000\n"
    assert result.stderr == (
        "csadvisor: account-manager: no published range; printing an empty line\n"
    )


def test_pay_table_shows_currency_formatted_figures(invoke: Invoke) -> None:
    result = ok(invoke("pay", "csr", AM, "-f", "table"))
    row = next(ln for ln in result.stdout.splitlines() if "Customer service specialist" in ln)
    assert re.search(r"\$38,500\s+\$48,500\s+\$43,500", row)
    assert "no published range" in result.stdout
    assert "Robert Half 2026 Salary Guide" in " ".join(result.stdout.split())


# --------------------------------------------------------------------------- skills

SKILLS_HEADER = ("id", "name", "category", "description", "required_by")


def required_by(skill_id: str) -> dict[str, int]:
    return {r["id"]: r["skills"][skill_id] for r in ROLES if skill_id in r.get("skills", {})}


def test_skills_lists_every_skill_with_category_and_required_by(invoke: Invoke) -> None:
    result = ok(invoke("skills"))
    lines = result.stdout.splitlines()
    assert lines[0] == "\t".join(SKILLS_HEADER)
    assert len(lines) == len(SKILLS) + 1
    for line, skill in zip(lines[1:], SKILLS, strict=True):
        cells = line.split("\t")
        assert cells[:4] == [skill["id"], skill["name"], skill["category"], skill["description"]]
        assert cells[4] == ";".join(f"{k}={v}" for k, v in required_by(skill["id"]).items())


def test_skill_required_by_one_role(invoke: Invoke) -> None:
    rows = json.loads(ok(invoke("skills", "-f", "json")).stdout)
    by_id = {r["id"]: r for r in rows}
    assert by_id["scheduling"]["required_by"] == {CSM: 4}
    assert by_id["account-growth"]["required_by"] == {AM: 4}


@pytest.mark.parametrize("category", ["soft", "technical", "working"])
def test_skills_category_filter(invoke: Invoke, category: str) -> None:
    result = ok(invoke("skills", "--category", category))
    expected = [s["id"] for s in SKILLS if s["category"] == category]
    assert expected
    assert ids_of(result.stdout) == expected


def test_skills_table(invoke: Invoke) -> None:
    result = ok(invoke("skills", "-f", "table", "--category", "technical"))
    for skill in SKILLS:
        if skill["category"] == "technical":
            assert skill["id"] in result.stdout
        else:
            assert skill["id"] not in result.stdout.split()


# --------------------------------------------------------------------------- track

TRACK_HEADER = (
    "depth", "id", "title", "level", "parent", "low", "high", "currency", "period", "note",
)  # fmt: skip


def test_track_from_role_tsv(invoke: Invoke) -> None:
    result = ok(invoke("track", CX))
    assert result.stdout == tsv(
        TRACK_HEADER,
        (0, CX, "Customer experience specialist", 3, "", "", "", "", "", "no published range"),
        (1, CSM, "Customer service manager", 3, CX, 57000, 81250, "USD", "year", ""),
    )


def test_track_whole_tree_depth_first(invoke: Invoke) -> None:
    result = ok(invoke("track"))
    lines = result.stdout.splitlines()
    assert lines[0] == "\t".join(TRACK_HEADER)
    got = [(int(c[0]), c[1], c[4]) for c in (ln.split("\t") for ln in lines[1:])]
    # Each role's rows follow the order of its `next` list; a role reached twice shows
    # again (without its subtree repeated).
    assert got == [
        (0, CC, ""),
        (1, CSS, CC),
        (2, SENIOR, CSS),
        (3, CSM, SENIOR),
        (3, CX, SENIOR),
        (4, CSM, CX),
        (3, AM, SENIOR),
        (2, CX, CSS),
        (2, AM, CSS),
        (1, SENIOR, CC),
    ]
    for line in lines[1:]:
        cells = line.split("\t")
        assert cells[2] == ROLE[cells[1]]["title"]
        assert cells[3] == str(ROLE[cells[1]]["level"])


def test_track_every_role_is_on_the_track(invoke: Invoke) -> None:
    result = ok(invoke("track"))
    assert set(ids_of(result.stdout, column=1)) == set(ROLE)


def test_track_tree_shows_titles_levels_and_pay(invoke: Invoke) -> None:
    result = ok(invoke("track", "csr", "-f", "table"))
    lines = result.stdout.splitlines()
    assert lines[0] == "Growth track"
    first = lines[1]
    assert "Customer service specialist" in first
    assert "L1" in first
    assert "$38,500 - $48,500" in first
    assert any(
        "Senior customer service specialist" in ln and "no published range" in ln for ln in lines
    )
    assert any("Customer service manager" in ln and "$57,000 - $81,250" in ln for ln in lines)
    assert "(see above)" in result.stdout


def test_track_mermaid_for_one_role(invoke: Invoke) -> None:
    result = ok(invoke("track", CX, "--format", "mermaid"))
    assert result.stdout == (
        "flowchart TD\n"
        '    customer_experience_specialist["Customer experience specialist"]\n'
        '    customer_service_manager["Customer service manager"]\n'
        "    customer_experience_specialist --> customer_service_manager\n"
    )


def test_track_mermaid_whole_graph_has_every_role_and_edge_once(invoke: Invoke) -> None:
    result = ok(invoke("track", "-f", "mermaid"))
    lines = result.stdout.splitlines()
    assert lines[0] == "flowchart TD"

    def node(role_id: str) -> str:
        return role_id.replace("-", "_")

    nodes = [ln.strip() for ln in lines[1:] if "-->" not in ln]
    edges = [ln.strip() for ln in lines[1:] if "-->" in ln]
    assert sorted(nodes) == sorted(f'{node(r["id"])}["{r["title"]}"]' for r in ROLES)
    expected_edges = [f"{node(r['id'])} --> {node(n)}" for r in ROLES for n in r.get("next", [])]
    assert sorted(edges) == sorted(expected_edges)


def test_track_json(invoke: Invoke) -> None:
    rows = json.loads(ok(invoke("track", CX, "-f", "json")).stdout)
    assert rows == [
        {"depth": 0, "id": CX, "title": "Customer experience specialist", "level": 3,
         "parent": None, "low": None, "high": None, "currency": None, "period": None,
         "note": "no published range"},
        {"depth": 1, "id": CSM, "title": "Customer service manager", "level": 3, "parent": CX,
         "low": 57000, "high": 81250, "currency": "USD", "period": "year", "note": None},
    ]  # fmt: skip


# --------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    "args",
    [
        ["roles", "--bogus"],
        ["roles", "-f", "xml"],
        ["roles", "--level", "6"],
        ["roles", "--level", "0"],
        ["roles", "--level", "two"],
        ["roles", "--sort", "salary"],
        ["role"],
        ["role", "csr", "extra"],
        ["pay"],
        ["pay", "csr", "--period", "week"],
        ["pay", "csr", "--field", "median"],
        ["pay", "csr", "-f", "mermaid"],
        ["skills", "--category", "cooking"],
        ["track", "-f", "xml"],
        ["frobnicate"],
        ["--data-dir"],
    ],
)
def test_usage_error_exit_2_one_stderr_line_naming_help(invoke: Invoke, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("csadvisor: ")
    assert result.stderr.count("\n") == 1
    assert result.stderr.endswith("\n")
    assert "--help" in result.stderr


def test_usage_error_names_the_bad_option(invoke: Invoke) -> None:
    result = invoke("roles", "--bogus")
    assert result.stderr == "csadvisor: No such option: --bogus. See 'csadvisor roles --help'.\n"


def test_help_lists_the_commands_and_exit_codes(invoke: Invoke) -> None:
    result = ok(invoke("--help"))
    for command in ("roles", "role", "pay", "skills", "track"):
        assert re.search(rf"\b{command}\b", result.stdout)
    assert "130" in result.stdout


def test_no_arguments_shows_help_once_without_a_garbled_error_line(invoke: Invoke) -> None:
    result = invoke()
    assert result.stdout.count("Usage:") == 1, "the help is shown once"
    assert result.exit_code in (0, 2)
    # Either nothing on stderr, or a real one-line message that names --help.
    assert result.stderr == "" or re.fullmatch(r"csadvisor: \w[^\n]*--help[^\n]*\n", result.stderr)


# --------------------------------------------------------------------------- subprocess


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("CSADVISOR_DATA_DIR", "FORCE_COLOR", "NO_COLOR"):
        env.pop(name, None)
    env["CSADVISOR_CACHE_DIR"] = str(tmp_path / "cache")
    return env


def test_python_dash_m_version(tmp_path: Path) -> None:
    import subprocess

    proc = subprocess.run(
        [sys.executable, "-m", "csadvisor", "--version"],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0
    assert proc.stdout == f"csadvisor {__version__}\n"
    assert proc.stderr == ""


@pytest.mark.slow
def test_ctrl_c_while_reading_stdin_exits_130(tmp_path: Path) -> None:
    import pexpect

    child = pexpect.spawn(
        sys.executable,
        ["-m", "csadvisor", "pay", "-", "-f", "tsv", "--no-header"],
        env=_env(tmp_path),
        encoding="utf-8",
        timeout=30,
    )
    child.expect("one per line")  # the prompt on a terminal: it is waiting for names
    child.sendline("csr")
    child.expect("Customer service specialist")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")
    assert "KeyboardInterrupt" not in (child.before or "")


@pytest.mark.parametrize(
    "args",
    [
        ["roles"],
        ["roles", "--sort", "pay", "-f", "csv"],
        ["role", "csr", "-f", "json"],
        ["pay", "csr", "account-manager", "-p", "hour"],
        ["--data-dir", str(DATA), "track"],
        ["skills", "--category", "soft"],
        ["track", "-f", "mermaid"],
        ["roles", "--bogus"],
        ["frobnicate"],
        ["pay"],
        ["pay", "xyzzy", "csr"],
        ["--version"],
    ],
    ids=" ".join,
)
def test_installed_entry_point_behaves_like_the_app(
    invoke: Invoke, tmp_path: Path, args: list[str]
) -> None:
    """``python -m csadvisor`` (what the console script runs) gives the same answers."""
    import subprocess

    proc = subprocess.run(
        [sys.executable, "-m", "csadvisor", *args],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=60,
        check=False,
    )
    expected = invoke(*args)
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        expected.exit_code,
        expected.stdout,
        expected.stderr,
    )


def test_field_keeps_one_line_per_input_name_for_paste(invoke: Invoke) -> None:
    names = "csr\nbogus\nsenior csr\ncustomer service manager\n"
    result = invoke("pay", "-", "--field", "low", input=names)
    assert result.exit_code == 1
    assert result.stdout == "38500\n\n\n57000\n"
    assert result.stderr.count("\n") == 3  # the unknown name, the unpaid role, the summary
    assert "unknown role 'bogus'" in result.stderr
    assert "senior-customer-service-specialist: no published range" in result.stderr
