"""Local pay from BLS OEWS through the commands: places, labels, missing figures, formats.

Expected figures are BLS's own, as the bundled extract holds them (checked against BLS's
workbooks in tests/test_oews_data.py): 43-4051 in Dallas-Fort Worth-Arlington, TX has a
median of $44,990 a year and $21.63 an hour.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import Result

from csadvisor.cli import records

Invoke = Callable[..., Result]
DATA = Path(__file__).resolve().parents[1] / "data"
FORMATS = ("table", "tsv", "csv", "json", "jsonl")
OLD = len(records.PAY_COLUMNS)


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.stderr
    return result


def rows_of(result: Result, fmt: str) -> list[dict[str, Any]]:
    """The records a data format printed, as dicts of text (tsv/csv) or values (json)."""
    out = result.stdout
    if fmt == "json":
        return list(json.loads(out))
    if fmt == "jsonl":
        return [json.loads(line) for line in out.splitlines()]
    reader = csv.reader(io.StringIO(out), delimiter="\t" if fmt == "tsv" else ",")
    header, *body = list(reader)
    return [dict(zip(header, row, strict=True)) for row in body]


def one_local(invoke: Invoke, *args: str) -> dict[str, Any]:
    (record,) = json.loads(ok(invoke("pay", *args, "-f", "json")).stdout)
    return dict(record)


# --------------------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("place", "area", "matched"),
    [
        ("Dallas", "Dallas-Fort Worth-Arlington, TX", "city"),
        ("fort worth", "Dallas-Fort Worth-Arlington, TX", "city"),
        ("Dallas-Fort Worth-Arlington, TX", "Dallas-Fort Worth-Arlington, TX", "name"),
        ("0019100", "Dallas-Fort Worth-Arlington, TX", "code"),
        ("19100", "Dallas-Fort Worth-Arlington, TX", "code (workbook form)"),
        ("Texas", "Texas", "state name"),
        ("tx", "Texas", "postal code"),
        ("48", "Texas", "state code"),
        ("US", "United States", "nation"),
        ("Springfield, IL", "Springfield, IL", "city with its state"),
    ],
)
def test_a_place_is_found_by_name_postal_code_city_or_code(
    invoke: Invoke, place: str, area: str, matched: str
) -> None:
    record = one_local(invoke, "csr", "--location", place)
    assert record["area"] == area, matched
    assert record["location"] == place


def test_an_ambiguous_place_lists_the_candidates_and_says_how_to_pick(invoke: Invoke) -> None:
    result = invoke("pay", "csr", "--location", "Springfield", "-f", "tsv")
    assert result.exit_code == 1
    assert result.stdout == ""
    *candidates, last = result.stderr.splitlines()
    assert sorted(line.split(None, 1)[1] for line in candidates) == [
        "Eugene-Springfield, OR (metro)",
        "Springfield, IL (metro)",
        "Springfield, MA (metro)",
        "Springfield, MO (metro)",
        "Springfield, OH (metro)",
    ]
    assert last.startswith("csadvisor: 'Springfield' matches 5 areas")
    assert "--location 'Springfield, IL'" in last
    picked = invoke("pay", "csr", "--location", "Springfield, MO", "-f", "json")
    assert json.loads(ok(picked).stdout)[0]["area"] == "Springfield, MO"


def test_an_unknown_place_suggests_the_closest(invoke: Invoke) -> None:
    result = invoke("pay", "csr", "--location", "Dalas", "-f", "tsv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "csadvisor: unknown location 'Dalas'; did you mean "
        "'Dallas-Fort Worth-Arlington, TX'? ('csadvisor areas' lists them)\n"
    )


def test_the_organisations_own_names_win(invoke: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "org"
    ok(invoke("data", "init", str(data)))
    (data / "locations.yaml").write_text(
        "locations:\n  - name: Dallas\n    factor: 1.5\n    source: Our survey\n    year: 2026\n",
        encoding="utf-8",
    )
    (record,) = json.loads(
        ok(invoke("--data-dir", str(data), "pay", "csr", "-l", "dallas", "-f", "json")).stdout
    )
    assert record["factor"] == 1.5
    assert record["adjusted_by"] == "Dallas (Our survey, 2026)"
    assert record["low"] == 57750
    assert "area" not in record
    table = ok(invoke("--data-dir", str(data), "pay", "csr", "-l", "Dallas", "-f", "table"))
    assert "from your organisation's locations.yaml" in " ".join(table.stdout.split())
    # a name the organisation does not define is still a BLS area
    other = ok(invoke("--data-dir", str(data), "pay", "csr", "-l", "TX", "-f", "json"))
    assert json.loads(other.stdout)[0]["area"] == "Texas"
    listed = invoke("--data-dir", str(data), "roles", "-l", "Dallas", "-f", "tsv")
    assert listed.exit_code == 0
    assert listed.stdout.splitlines()[0].split("\t") == list(records.ROLE_COLUMNS)
    assert "is your organisation's location" in listed.stderr


def test_the_location_can_come_from_the_environment(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CSADVISOR_LOCATION", "Dallas")
    assert one_local(invoke, "csr")["area"] == "Dallas-Fort Worth-Arlington, TX"
    # an explicit --adjust beats the default place rather than clashing with it
    adjusted = one_local(invoke, "csr", "--adjust", "2")
    assert adjusted["low"] == 77000
    assert "area" not in adjusted


# --------------------------------------------------------------------------- figures and labels


def test_local_figures_are_bls_own_for_year_and_hour_and_derived_for_month(
    invoke: Invoke,
) -> None:
    year = one_local(invoke, "csr", "-l", "Dallas")
    assert (year["p10"], year["median"], year["p90"]) == (31370, 44990, 61980)
    assert (year["mean"], year["employment"]) == (46210, 96930)
    assert year["local_derived"] is False
    hour = one_local(invoke, "csr", "-l", "Dallas", "--period", "hour")
    assert hour["median"] == 21.63
    assert hour["local_derived"] is False
    assert hour["local_period"] == "hour"
    month = one_local(invoke, "csr", "-l", "Dallas", "--period", "month")
    assert month["median"] == round(44990 / 12, 2)
    assert month["local_derived"] is True


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_labels_source_basis_area_and_period(
    invoke: Invoke, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")  # wide enough for the picture
    result = ok(invoke("pay", "csr", "--location", "Dallas", "-f", fmt))
    if fmt == "table":
        shown = " ".join(result.stdout.split())
        for label in (
            "BLS OEWS May 2025",
            "all employed workers in the occupation",
            "per year",
            "Dallas-Fort Worth-Arlington, TX",
            "Robert Half 2026 Salary Guide, starting salary, US national",
            "10th to 90th percentile",
            "$44,990",
        ):
            assert label in shown, label
        assert "low" not in shown.lower().split()  # a percentile is never a "low"
        picture = [line.rstrip() for line in result.stdout.splitlines()]
        # the two bars, each labelled with its own source (issue 18)
        assert any(line.endswith(" BLS 43-4051, all workers") for line in picture)
        assert any(line.endswith(" Robert Half start, US") for line in picture)
        return
    (row,) = rows_of(result, fmt)
    if fmt.startswith("json"):
        assert row["schema_version"] == 2
    assert row["local_source"] == "BLS OEWS May 2025"
    assert row["local_basis"] == "all employed workers in the occupation"
    assert row["area"] == "Dallas-Fort Worth-Arlington, TX"
    assert row["local_period"] == "year"
    assert row["source"] == "Robert Half 2026 Salary Guide"
    assert row["basis"] == "starting salary"
    assert str(row["median"]) == "44990"


@pytest.mark.parametrize(
    ("args", "columns"),
    [
        (["pay", "csr", "account-manager"], records.PAY_COLUMNS),
        (["roles"], records.ROLE_COLUMNS),
        (["role", "csr"], records.ROLE_DETAIL_COLUMNS),
        (["next", "csr"], records.NEXT_COLUMNS),
    ],
)
def test_without_a_location_the_old_columns_are_unchanged(
    invoke: Invoke, args: list[str], columns: tuple[str, ...]
) -> None:
    if args[0] != "role":  # role's JSON always carries national figures (version 2)
        assert "schema_version" not in ok(invoke(*args, "-f", "jsonl")).stdout
    plain = ok(invoke(*args, "-f", "tsv")).stdout.splitlines()
    assert plain[0].split("\t") == list(columns)
    local = ok(invoke(*args, "-l", "Dallas", "-f", "tsv")).stdout.splitlines()
    assert len(local) == len(plain)
    for before, after in zip(plain, local, strict=True):  # the same cells, then new ones
        assert after.split("\t")[: len(columns)] == before.split("\t")


def test_field_prints_a_percentile_per_name_and_needs_a_location(invoke: Invoke) -> None:
    result = invoke("pay", "-", "-l", "TX", "--field", "median", input="csr\n\nnobody\ncsr\n")
    assert result.stdout.splitlines() == ["40420", "", "", "40420"]
    assert result.exit_code == 1  # the unknown name
    assert invoke("pay", "csr", "--field", "p90").exit_code == 2


# --------------------------------------------------------------------------- missing figures


def test_no_figure_in_the_area_names_the_nearest_level_never_silently(invoke: Invoke) -> None:
    record = one_local(invoke, "csr", "-l", "Bozeman")  # BLS: employment 760, no wages
    assert record["location"] == "Bozeman"
    assert record["area"] == "Montana"
    assert record["local_note"] == (
        "no published median for 43-4051 in Bozeman, MT (BLS: not released); "
        "showing Montana, the nearest level with one"
    )
    none = one_local(invoke, "customer-experience-specialist", "-l", "Dallas")
    assert none["median"] is None
    assert none["local_source"] is None
    assert none["local_note"] == "no occupation mapped: no published figure"


def _top_coded(tmp_path: Path) -> Path:
    """A data directory whose national 43-1011 row has its 90th percentile top-coded."""
    data = tmp_path / "topcoded"
    data.mkdir()
    for name in ("roles.yaml", "skills.yaml"):
        shutil.copyfile(DATA / name, data / name)
    text = (DATA / "oews_2025.csv").read_text(encoding="utf-8")
    row = (
        "0000000,43-1011,May 2025,1436680,35.33,73490,21.93,26.90,33.41,40.91,50.34,"
        "45610,55950,69500,85090,104710,"
    )
    assert row in text
    top = row.replace("40.91,50.34,", "40.91,,").replace(
        "85090,104710,", "85090,,h_pct90:5 a_pct90:5"
    )
    (data / "oews_2025.csv").write_text(text.replace(row, top), encoding="utf-8")
    return data


@pytest.mark.parametrize("fmt", FORMATS)
def test_top_coded_and_suppressed_cells_in_every_format(
    invoke: Invoke, tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # no cell wraps
    data = _top_coded(tmp_path)
    result = ok(
        invoke("--data-dir", str(data), "pay", "customer-service-manager", "-l", "US", "-f", fmt)
    )
    suppressed = ok(invoke("pay", "account-manager", "-l", "Rhode Island", "-f", fmt))
    if fmt == "table":
        shown = " ".join(result.stdout.split())
        assert "at least $239,200" in shown
        assert "not released" in " ".join(suppressed.stdout.split())
        return
    manager = rows_of(result, fmt)[0]
    rhode = rows_of(suppressed, fmt)[0]
    if fmt in ("json", "jsonl"):
        assert manager["p90"] is None
        assert manager["not_published"] == {"p90": "at least 239200 (top-coded)"}
        assert rhode["employment"] is None
        assert rhode["not_published"] == {"employment": "not released"}
    else:
        assert manager["p90"] == ""
        assert manager["not_published"] == "p90=at least 239200 (top-coded)"
        assert rhode["employment"] == ""
        assert rhode["not_published"] == "employment=not released"
    assert str(rhode["median"]) == "81450"  # wages published, employment not


def test_top_coded_per_month_and_hour(invoke: Invoke, tmp_path: Path) -> None:
    data = _top_coded(tmp_path)
    base = ["--data-dir", str(data), "pay", "customer-service-manager", "-l", "US", "-f", "json"]
    month = json.loads(ok(invoke(*base, "--period", "month")).stdout)[0]
    assert month["not_published"] == {"p90": "at least 19933.33 (top-coded)"}
    hour = json.loads(ok(invoke(*base, "--period", "hour")).stdout)[0]
    assert hour["not_published"] == {"p90": "at least 115 (top-coded)"}


# --------------------------------------------------------------------------- role, roles, next


def test_role_shows_occupation_distribution_and_outlook(invoke: Invoke) -> None:
    doc = json.loads(ok(invoke("role", "csr", "-f", "json")).stdout)
    assert (doc["soc"], doc["occupation"]) == ("43-4051", "Customer Service Representatives")
    assert doc["area"] == "United States"
    assert doc["median"] == 44770
    assert doc["outlook_change_percent"] == -5.5
    assert doc["outlook_openings_per_year"] == 341700
    assert doc["outlook_source"] == "BLS Employment Projections 2024-34, US national"
    local = json.loads(ok(invoke("role", "csr", "-l", "Dallas", "-f", "json")).stdout)
    assert local["median"] == 44990
    page = " ".join(ok(invoke("role", "csr", "-f", "table")).stdout.split())
    assert "43-4051 Customer Service Representatives" in page
    assert "-5.5% over 2024-34, 341,700 openings a year" in page


def test_roles_location_adds_a_local_median(invoke: Invoke) -> None:
    rows = rows_of(ok(invoke("roles", "-l", "Dallas", "-f", "csv")), "csv")
    medians = {r["id"]: r["local_median"] for r in rows}
    assert medians["customer-service-specialist"] == "44990"
    assert medians["customer-experience-specialist"] == ""


def test_next_location_is_median_to_median_not_a_raise(invoke: Invoke) -> None:
    rows = json.loads(ok(invoke("next", "csr", "-l", "Dallas", "-f", "json")).stdout)
    by_role = {r["role"]: r for r in rows}
    account = by_role["account-manager"]
    assert account["median_change"] == account["median_to"] - account["median_from"]
    assert account["median_from"] == 44990
    assert "median-to-median" in account["median_basis"]
    assert "not a raise anyone is promised" in account["median_basis"]
    senior = by_role["senior-customer-service-specialist"]
    assert senior["median_change"] is None  # one occupation: no figure for the step
    assert senior["local_note"] == (
        "same BLS occupation \u2014 no local figure for this step (43-4051); its 75th "
        "percentile 51470 vs median 44990 a year (all workers)"
    )


# --------------------------------------------------------------------------- areas, data


@pytest.mark.parametrize("fmt", FORMATS)
def test_areas_searches_in_every_format(invoke: Invoke, fmt: str) -> None:
    result = ok(invoke("areas", "dallas", "-f", fmt))
    if fmt == "table":
        assert "Dallas-Fort Worth-Arlington, TX" in result.stdout
        return
    (row,) = rows_of(result, fmt)
    assert row["code"] == "0019100"
    assert str(row["short_code"]) == "19100"
    assert row["kind"] == "metro"


def test_areas_lists_by_kind_and_an_unknown_query_exits_1(invoke: Invoke) -> None:
    states = ok(invoke("areas", "--kind", "state", "-f", "tsv", "--no-header"))
    assert len(states.stdout.splitlines()) == 54
    missing = invoke("areas", "zzzz")
    assert missing.exit_code == 1
    assert missing.stdout == ""
    assert missing.stderr.count("\n") == 1


def test_data_validate_reports_a_broken_extract_by_file_line_and_column(
    invoke: Invoke, tmp_path: Path
) -> None:
    data = tmp_path / "org"
    ok(invoke("data", "init", str(data)))
    text = (DATA / "oews_2025.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    text[2] = text[2].replace(",May 2025,", ",May 2O25,")
    (data / "oews_2025.csv").write_text("".join(text), encoding="utf-8")
    result = invoke("data", "validate", str(data))
    assert result.exit_code == 3
    assert result.stdout == f"{data / 'oews_2025.csv'}:3: period: 'May 2O25' is not 'May YYYY'\n"
    pay = invoke("--data-dir", str(data), "pay", "csr", "-l", "TX")
    assert pay.exit_code == 3
    assert pay.stdout == ""
    assert pay.stderr.startswith(f"csadvisor: {data / 'oews_2025.csv'}:3: period:")


def test_a_role_naming_an_unknown_occupation_is_reported(invoke: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "org"
    ok(invoke("data", "init", str(data)))
    roles = data / "roles.yaml"
    roles.write_text(roles.read_text("utf-8").replace("soc: 41-3091", "soc: 41-9999"), "utf-8")
    result = invoke("data", "validate", str(data))
    assert result.exit_code == 3
    assert "roles[4].soc: occupation 41-9999 is not in occupations.csv" in result.stdout


def test_a_data_directory_file_replaces_the_bundled_one(invoke: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "org"
    ok(invoke("data", "init", str(data)))
    text = (DATA / "oews_2025.csv").read_text(encoding="utf-8")
    (data / "oews_2025.csv").write_text(text.replace(",44770,", ",44771,"), encoding="utf-8")
    args = ("--data-dir", str(data), "pay", "csr", "-l", "US", "-f", "json")
    record = json.loads(ok(invoke(*args)).stdout)[0]
    assert record["median"] == 44771
    paths = rows_of(ok(invoke("--data-dir", str(data), "data", "path", "-f", "tsv")), "tsv")
    used = {r["file"]: r["path"] for r in paths}
    assert used["oews_2025.csv"] == str((data / "oews_2025.csv").resolve())
    assert used["areas.csv"] == str((DATA / "areas.csv").resolve())


def test_the_validated_extract_is_cached_not_validated_at_every_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from csadvisor.storage import bls as blsdata
    from csadvisor.storage import sources

    source = sources.resolve_source()
    blsdata.load(source)  # validates and fills the cache

    def fail(*args: Any) -> Any:
        raise AssertionError("validated again")

    monkeypatch.setattr(blsdata, "validate", fail)
    stats = blsdata.load(source)
    assert stats.occupations["43-4051"] == "Customer Service Representatives"


def test_roles_and_next_tables_name_the_local_figures(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    roles = " ".join(ok(invoke("roles", "-l", "Bozeman", "-f", "table")).stdout.split())
    assert "Local median (year)" in roles
    assert "$45,290 (Montana)" in roles  # the fallback is named in the cell
    assert "none published where asked; the nearest level shown" in roles
    nxt = " ".join(ok(invoke("next", "csr", "-l", "Dallas", "-f", "table")).stdout.split())
    assert "Median to median" in nxt
    assert "not a raise anyone is promised" in nxt


def test_a_soc_without_its_title_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "org"
    ok(invoke("data", "init", str(data)))
    roles = data / "roles.yaml"
    text = roles.read_text("utf-8").replace(
        "    occupation: First-Line Supervisors of Office and Administrative Support Workers\n", ""
    )
    roles.write_text(text, "utf-8")
    result = invoke("data", "validate", str(data))
    assert result.exit_code == 3
    assert "roles[5].soc: soc needs occupation too (the official title)" in result.stdout


def test_location_completion_offers_bls_names_without_an_organisation_file() -> None:
    from csadvisor.cli.completion import complete_locations

    class Root:  # what Typer passes: a context whose root holds --data-dir
        params: ClassVar[dict[str, Any]] = {}

        def find_root(self) -> Root:
            return self

    offered = complete_locations(Root(), "dall")  # type: ignore[arg-type]
    assert offered == [
        ("Dallas-Fort Worth-Arlington, TX", "BLS metro"),
        ("Dallas", "Dallas-Fort Worth-Arlington, TX"),
    ]
    assert ("TX", "Texas") in complete_locations(Root(), "T")  # type: ignore[arg-type]


def _assessed(invoke: Invoke, tmp_path: Path, role: str | None, *args: str) -> Any:
    skills = json.loads(ok(invoke("skills", "-f", "json")).stdout)
    answers = tmp_path / "me.json"
    doc: dict[str, Any] = {"skills": {s["id"]: 3 for s in skills}}
    if role:
        doc["role"] = role
    answers.write_text(json.dumps(doc))
    return invoke("assess", "--answers", str(answers), *args)


def test_summary_with_location_shows_the_local_median_change_with_its_labels(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")  # one line, to assert it whole
    lines = ok(_assessed(invoke, tmp_path, "csr", "-l", "Dallas")).stdout.splitlines()
    assert lines[2] == (
        "  Local pay: same BLS occupation \u2014 no local figure for this step (43-4051); "
        "its 75th percentile 51470 vs median 44990 a year (all workers) "
        "(Dallas-Fort Worth-Arlington, TX, BLS OEWS May 2025)."
    )
    plain = ok(_assessed(invoke, tmp_path, "csr", "--no-save")).stdout
    assert "Local pay" not in plain  # no location: unchanged
    assert "median" not in plain
    assert "Pay" in plain.splitlines()[2]
    # next without ROLE: the latest advice, its pay line local; a default location too
    again = ok(invoke("next", "-l", "Dallas")).stdout.splitlines()
    assert again[2] == lines[2]
    monkeypatch.setenv("CSADVISOR_LOCATION", "Dallas")
    assert ok(invoke("next")).stdout.splitlines()[2] == lines[2]


def test_summary_local_pay_says_when_the_nearest_level_is_used(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    res = ok(_assessed(invoke, tmp_path, "csr", "-l", "Bozeman", "--no-save"))
    line = res.stdout.splitlines()[2]
    assert line.startswith("  Local pay: no published median for 43-4051 in Bozeman, MT")
    assert "(BLS: not released); showing Montana, the nearest level with one; " in line
    assert "same BLS occupation \u2014 no local figure for this step (43-4051)" in line
    assert line.endswith("(Montana, BLS OEWS May 2025).")


def test_exported_plan_has_the_local_pay_line(invoke: Invoke, tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    ok(_assessed(invoke, tmp_path, "csr", "-l", "TX", "--no-save", "--export", str(plan)))
    assert (
        "- Local pay: same BLS occupation \u2014 no local figure for this step (43-4051); "
        "its 75th percentile 48300 vs median 40420 a year (all workers) "
        "(Texas, BLS OEWS May 2025)." in plan.read_text(encoding="utf-8").splitlines()
    )


def test_local_pay_line_signs_the_change_and_says_when_there_is_none() -> None:
    import dataclasses

    from csadvisor.cli.render.result import local_pay_line
    from csadvisor.core.result import LocalPay

    local = LocalPay(
        **dict.fromkeys(LocalPay.KEYS),
        keys=LocalPay.KEYS,
    )
    local = dataclasses.replace(
        local,
        area="Texas",
        asked_area="Texas",
        target_role="lead",
        source="BLS OEWS May 2025",
        basis="all employed workers in the occupation",
        current_role="csr",
        median_change=-1200,
    )
    assert local_pay_line(local, "Lead") == (
        "Local pay change: -$1,200 a year, median-to-median, not a promised raise "
        "(Texas, BLS OEWS May 2025, all employed workers in the occupation)."
    )
    local = dataclasses.replace(
        local, median_change=None, note="no occupation mapped: no published figure"
    )
    assert local_pay_line(local, "Lead") == (
        "Local pay: no median to compare in Texas; no occupation mapped: no published figure."
    )


@pytest.mark.parametrize(("role", "place"), [("csr", "Bozeman"), (None, "Houston")])
def test_summary_with_local_pay_still_fits_an_80_by_24_terminal(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, role: str | None, place: str
) -> None:
    from csadvisor.cli.render.result import SUMMARY_LINES

    monkeypatch.setenv("COLUMNS", "80")
    lines = ok(_assessed(invoke, tmp_path, role, "-l", place)).stdout.splitlines()
    assert len(lines) <= SUMMARY_LINES
    assert all(len(line) <= 80 for line in lines)
    assert "Local pay" in lines[2]
    assert lines[-1].startswith("More: --details, csadvisor plan ")


def test_newcomer_summary_shows_the_target_local_percentiles(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    res = ok(_assessed(invoke, tmp_path, None, "-l", "Houston", "--no-save"))
    assert res.stdout.splitlines()[2] == (
        "  Local pay for Call center specialist: $35,610 - $48,500 a year (25th-75th "
        "percentile), median $40,380 (Houston-Pasadena-The Woodlands, TX, BLS OEWS May 2025, "
        "all employed workers in the occupation)."
    )


def test_local_pay_is_a_json_field_that_saved_history_still_reads(
    invoke: Invoke, tmp_path: Path
) -> None:
    result = json.loads(ok(_assessed(invoke, tmp_path, "csr", "-l", "TX", "-f", "json")).stdout)
    local = result["local_pay"]
    assert local["location"] == "TX"
    assert local["area"] == local["asked_area"] == "Texas"
    assert local["median_from"] == local["median_to"] == 40420
    assert local["median_change"] is None  # the same occupation: no figure for the step
    assert (local["p25"], local["p75"]) == (35420, 48300)
    assert local["source"] == "BLS OEWS May 2025"
    assert local["basis"] == "all employed workers in the occupation"
    assert local["change_basis"].startswith("median-to-median")
    assert "not a raise anyone is promised" in local["change_basis"]
    saved = ok(invoke("history", "show", result["id"], "-f", "json"))  # validates the file
    assert json.loads(saved.stdout)["local_pay"] == local
    file = tmp_path / "result.json"
    file.write_text(json.dumps(result))
    again = json.loads(ok(invoke("next", "--assessment", str(file), "-f", "json")).stdout)
    assert "local_pay" not in again  # no --location now: the published ranges
    plain = json.loads(ok(_assessed(invoke, tmp_path, "csr", "-f", "json")).stdout)
    assert "local_pay" not in plain


def test_summary_with_an_unknown_place_is_one_line_and_exit_1(
    invoke: Invoke, tmp_path: Path
) -> None:
    refused = _assessed(invoke, tmp_path, "csr", "-l", "Nowhereville")
    assert invoke("history", "-f", "json").stdout.strip() in ("", "[]")  # nothing saved
    ok(_assessed(invoke, tmp_path, "csr"))
    for res in (refused, invoke("next", "-l", "Nowhereville")):
        assert res.exit_code == 1
        assert res.stdout == ""
        assert res.stderr == (
            "csadvisor: unknown location 'Nowhereville'; "
            "run 'csadvisor areas QUERY' to search the BLS areas\n"
        )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xfe", "areas.csv:1: not valid UTF-8 (byte 0xff)"),
        (
            (DATA / "areas.csv").read_bytes().replace(b'"Abilene, TX"', b'"Abi\x1b[2Jlene"', 1),
            "areas.csv:3: name: control or invisible character",
        ),
    ],
    ids=["not-utf8", "escape"],
)
def test_a_hostile_areas_file_is_refused_with_its_place(
    invoke: Invoke, tmp_path: Path, content: bytes, expected: str
) -> None:
    data = tmp_path / "org"
    ok(invoke("data", "init", str(data)))
    (data / "areas.csv").write_bytes(content)
    result = invoke("--data-dir", str(data), "areas", "tx")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.startswith(f"csadvisor: {data / expected}")
    assert "\x1b" not in result.stderr


def test_roles_sorted_by_pay_with_a_location_follow_the_local_median(invoke: Invoke) -> None:
    rows = rows_of(ok(invoke("roles", "-l", "TX", "--sort", "pay", "-f", "tsv")), "tsv")
    medians = [r["local_median"] for r in rows]
    known = [int(m) for m in medians if m]
    assert known == sorted(known, reverse=True)
    assert medians[-1] == ""  # the role without an occupation comes last


def test_a_planted_statistics_cache_is_a_miss(invoke: Invoke) -> None:
    from csadvisor.storage import bls as blsdata
    from csadvisor.storage import cache, sources

    source = sources.resolve_source()
    blsdata.load(source)  # the real cache file, then planted over with the same stamp
    raw, _, where = blsdata._read(source)
    key = cache.key_for(where.parent, list(raw.values()), "statistics")
    assert key is not None
    titles = {"43-4051": "\x1b[2JEvil title"}
    cache.write(key, (titles, {}))
    (record,) = json.loads(ok(invoke("pay", "csr", "-l", "US", "-f", "json")).stdout)
    assert record["occupation"] == "Customer Service Representatives"
