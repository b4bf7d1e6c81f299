"""Pay people can act on (issue 18): where a salary sits, pay by industry, places compared,
titles people type, honest pay lines, and BLS footnotes read rather than assumed.

State figures are read from tests/oracle (BLS OEWS May 2025, hand-verified against BLS's
workbooks): 43-4051 Texas 29,320 / 35,420 / 40,420 / 48,300 / 59,590.
"""

from __future__ import annotations

import csv
import json
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from csadvisor.cli.render.terminal import money
from csadvisor.core import wages
from csadvisor.core.paycheck import band, band_words, check_fields
from csadvisor.storage import oews

Invoke = Callable[..., Result]
ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
ORACLE = ROOT / "tests" / "oracle" / "oews_43-4051_states_M2025.csv"


def state_row(name: str) -> dict[str, str]:
    with ORACLE.open(encoding="utf-8") as handle:
        return next(r for r in csv.DictReader(handle) if r["area_name"] == name)


TEXAS = state_row("Texas")


def ok(result: Result) -> Result:
    assert result.exit_code == 0, result.stderr
    return result


def records(result: Result) -> list[dict[str, Any]]:
    return list(json.loads(ok(result).stdout))


# --------------------------------------------------------------------------- pay check


def test_the_oracle_is_what_these_tests_assume() -> None:
    assert [TEXAS[k] for k in ("a_pct10", "a_pct25", "a_median", "a_pct75", "a_pct90")] == [
        "29320", "35420", "40420", "48300", "59590",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("salary", "code", "words", "estimate", "ratio"),
    [
        (41000, "median-p75", "between the median and the 75th", 51.8, 1.01),
        (30000, "p10-p25", "between the 10th and the 25th", 11.7, 0.74),
        (36000, "p25-median", "between the 25th and the median", 27.9, 0.89),
        (40420, "at median", "at the median", 50.0, 1),
        (25000, "below p10", "below the 10th percentile", None, 0.62),
        (70000, "above p90", "above the 90th percentile", None, 1.73),
    ],
)
def test_a_salary_is_placed_between_published_percentiles(
    invoke: Invoke, salary: int, code: str, words: str, estimate: float | None, ratio: float
) -> None:
    (row,) = records(invoke("pay", "csr", "-l", "TX", "--salary", str(salary), "-f", "json"))
    assert row["median"] == int(TEXAS["a_median"])
    assert row["percentile_band"] == code
    assert band_words(code) == words
    assert row["percentile_estimate"] == estimate  # only between two published ones
    assert row["compa_ratio"] == ratio
    assert row["compa_ratio"] == round(salary / int(TEXAS["a_median"]), 2)
    assert "derived by csadvisor" in row["check_basis"]
    assert "estimate" in row["check_basis"]


def test_the_terminal_says_the_band_in_words_beside_the_starting_range(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    shown = ok(invoke("pay", "csr", "-l", "TX", "--salary", "41000", "-f", "table")).stdout
    flat = " ".join(shown.split())
    assert (
        "$41,000: between the median and the 75th; about the 51.8th percentile (estimate)" in flat
    )
    assert "1.01 x the median" in flat
    assert "Robert Half start, US" in shown  # the starting range is on the same picture
    assert "salary: between the median and the 75th" in shown


@pytest.mark.parametrize(
    "args",
    [
        ("Call centre adviser", "-l", "Boise", "--salary", "41000"),
        ("csr", "-l", "Boise", "--period", "month"),
        ("csr", "-l", "Boise", "--period", "hour", "--salary", "20"),
        ("csr", "-l", "Dallas", "-l", "Denver", "-l", "NYC"),
    ],
)
def test_the_picture_at_80_columns_keeps_each_bar_and_its_label_on_one_line(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """At 80 columns the bars' labels ("BLS 43-4051, all\nworkers", "salary: between
    the\n25th and the median") wrapped under the bars, and with several places the whole
    picture was folded into its heading's line (p4)."""
    monkeypatch.setenv("COLUMNS", "80")
    shown = ok(invoke("pay", *args, "-f", "table")).stdout
    lines = shown.splitlines()
    assert max(len(line) for line in lines) <= 80
    bls = [line for line in lines if "\u2503" in line]  # the median mark: a BLS bar
    start = [line for line in lines if "\u2501" in line]  # the starting range's bar
    assert bls
    assert all(line.rstrip().endswith(("all workers", "all workers*")) for line in bls)
    assert all(line.rstrip().endswith(("start, US", "start, US*")) for line in start)
    if "--salary" in args:
        (mark,) = [line for line in lines if "\u25b2" in line]
        assert "salary: p25-median" in mark or "salary: between" in mark
    if "*" in " ".join(bls + start):
        assert "* derived by csadvisor from the yearly figures" in " ".join(shown.split())


def test_never_an_estimate_past_a_top_coded_or_unpublished_percentile() -> None:
    top = {"p10": 100, "p25": 150, "median": 200, "p75": 250, "p90": None,
           "not_published": {"p90": "at least 239200 (top-coded)"}}  # fmt: skip
    assert band(300, top) == ("above p75 (p90 top-coded)", None)
    gap = {"p10": 100, "p25": 150, "median": None, "p75": 250, "p90": 300,
           "not_published": {"median": "not released"}}  # fmt: skip
    assert band(200, gap) == ("p25-p75", None)  # no median published: no estimate
    assert check_fields(200, gap)["compa_ratio"] is None  # no median, no ratio
    assert band(100, {"not_published": {}}) == (None, None)


def test_salary_needs_bls_figures(invoke: Invoke) -> None:
    result = invoke("pay", "csr", "--salary", "41000")
    assert result.exit_code == 2
    assert "add --location PLACE" in result.stderr


STAFF = (
    "employee_id,title,salary,city\n"
    "1,CSR,41000,TX\n"
    '2,Customer Support Specialist,"$36,000",Texas\n'
    "3,CSR II,52000,Washington\n"
    "4,csr,41000,Nowhere\n"
    "5,csr,,TX\n"
)


def test_a_staff_file_gets_band_and_compa_ratio_per_row_and_place(invoke: Invoke) -> None:
    args = ("pay", "-", "--column", "title", "--salary-column", "salary", "--location-column",
            "city", "--keep", "employee_id", "-f", "json")  # fmt: skip
    result = invoke(*args, input=STAFF)
    assert result.exit_code == 1  # row 4 names no BLS area: said, the rest answered
    assert "line 5: unknown location 'Nowhere'" in result.stderr
    rows = json.loads(result.stdout)
    assert [r["employee_id"] for r in rows] == ["1", "2", "3", "4", "5"]
    assert [r["area"] for r in rows] == ["Texas", "Texas", "Washington", None, "Texas"]
    assert [r["percentile_band"] for r in rows] == [
        "median-p75", "p25-median", "median-p75", None, None,
    ]  # fmt: skip
    washington = state_row("Washington")
    assert rows[2]["median"] == int(washington["a_median"]) == 50330
    assert rows[2]["compa_ratio"] == round(52000 / 50330, 2)
    assert rows[1]["salary"] == 36000
    assert rows[4]["salary"] is None  # an empty cell: no check, not a zero
    assert "salary" not in rows[0] or rows[0]["salary"] == 41000
    assert "city" not in rows[0]  # read, not kept unless --keep says so


def test_staff_file_csv_columns(invoke: Invoke) -> None:
    args = ("pay", "-", "--column", "title", "--salary-column", "salary", "-l", "TX",
            "-f", "csv")  # fmt: skip
    result = ok(invoke(*args, input="title,salary\nCSR,41000\n"))
    header, row = list(csv.reader(result.stdout.splitlines()))
    got = dict(zip(header, row, strict=True))
    assert header[-5:] == [
        "salary", "percentile_band", "percentile_estimate", "compa_ratio", "check_basis",
    ]  # fmt: skip
    assert (got["percentile_band"], got["percentile_estimate"], got["compa_ratio"]) == (
        "median-p75", "51.8", "1.01",
    )  # fmt: skip


def test_a_salary_cell_that_is_not_an_amount_is_said_never_misread(invoke: Invoke) -> None:
    """ "41,00" was read as 4,100 ("below p10", compa 0.09); "41.000" (a German thousands
    separator) would be 41 dollars; "1e5" a hundred thousand; "41k" left empty with no
    word. A cell that is not plainly an amount leaves the check empty and says so (p4)."""
    cells = ["41000", "41,000", "$41,000.50", "41,00", "41.000", "1e5", "41k", "", "9" * 400]
    staff = "title,salary\n" + "".join(f'CSR,"{c}"\n' for c in cells)
    args = ("pay", "-", "--column", "title", "--salary-column", "salary", "-l", "TX", "-f", "json")
    result = ok(invoke(*args, input=staff))
    salaries = [r["salary"] for r in json.loads(result.stdout)]
    assert salaries == [41000, 41000, 41000.5, None, None, None, None, None, None]
    said = result.stderr.splitlines()
    for line, cell in zip(range(5, 11), cells[3:], strict=False):
        if cell:
            assert any(m.startswith(f"csadvisor: line {line}: salary '{cell}' ") for m in said)
    assert not any("line 9:" in m for m in said)  # an empty cell is no problem
    assert len(said) == 5


def test_several_locations_with_a_place_column_are_refused_not_ignored(invoke: Invoke) -> None:
    """`-l TX -l CA --location-column city` ignored both places without a word: an empty
    cell was "no place on this row" (p4)."""
    args = ("pay", "-", "--column", "title", "--location-column", "city", "-l", "TX", "-l", "CA")
    result = invoke(*args, input="title,city\ncsr,\ncsr,Denver\n")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "csadvisor: --location-column gives each row its place: give at most one --location "
        "(the place of rows whose cell is empty)\n"
    )
    one = invoke(*args[:-2], "-f", "json", input="title,city\ncsr,\ncsr,Denver\n")
    assert [r["area"] for r in json.loads(ok(one).stdout)] == [
        "Texas",
        "Denver-Aurora-Centennial, CO",
    ]


def test_a_place_cell_that_needs_a_note_is_named_and_the_hint_fits_a_column(
    invoke: Invoke,
) -> None:
    """With --location-column, "showing the Washington metro area" and "use --location
    'New York-…'" came with no row or cell, and told the analyst to use an option when it
    is the city column they can change (p4)."""
    staff = "title,city\ncsr,New York\ncsr,Washington D.C.\ncsr,Dallas\n"
    args = ("pay", "-", "--column", "title", "--location-column", "city", "-f", "tsv")
    said = ok(invoke(*args, input=staff)).stderr.splitlines()
    assert len(said) == 2
    assert said[0].startswith("csadvisor: city 'New York': ")
    assert "write 'New York-Newark-Jersey City, NY-NJ'" in said[0]
    assert said[1].startswith("csadvisor: city 'Washington D.C.': showing the Washington")
    assert not any("--location" in line for line in said)


# --------------------------------------------------------------------------- industries

# 43-4051 by industry, May 2025, national (BLS OEWS industry-specific estimates, as the
# issue quotes them; the oracle folder has no industry file, these are the wheel's rows)
INDUSTRY_MEDIANS = [
    ("Business Support Services", "561400", 36770),
    ("hospitals", "622000", 46420),
    ("Insurance Carriers", "524100", 47170),
    ("Telecommunications", "517000", 47840),
]


@pytest.mark.parametrize(("name", "naics", "median"), INDUSTRY_MEDIANS)
def test_pay_by_industry(invoke: Invoke, name: str, naics: str, median: int) -> None:
    (row,) = records(invoke("pay", "csr", "--industry", name, "-f", "json"))
    assert (row["naics"], row["median"]) == (naics, median)
    assert row["area"] == "United States"
    assert "industry:" in row["local_source"]
    assert "US national" in row["local_source"]
    assert row["emp_prse"] is not None
    assert row["mean_prse"] is not None


def test_hospitals_with_their_relative_standard_errors(invoke: Invoke) -> None:
    (row,) = records(invoke("pay", "csr", "--industry", "622000", "-f", "json"))
    assert (row["employment"], row["emp_prse"], row["mean"], row["mean_prse"]) == (
        56470, 0.2, 47010, 0.1,
    )  # fmt: skip
    assert (row["p10"], row["p25"], row["p75"], row["p90"]) == (36760, 39330, 50670, 60450)


def test_an_unknown_industry_says_did_you_mean(invoke: Invoke) -> None:
    result = invoke("pay", "csr", "--industry", "hospitls")
    assert result.exit_code == 1
    assert result.stderr == (
        "csadvisor: unknown industry 'hospitls'; did you mean 'Hospitals'? "
        "('csadvisor industries' lists them)\n"
    )


def test_industries_show_relative_standard_errors_as_bls_publishes_them(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    """BLS publishes 1.0 and 3.0; the table showed "1%" and "3%" beside "0.9%" (p4)."""
    monkeypatch.setenv("COLUMNS", "120")
    shown = ok(invoke("industries", "insurance", "-f", "table")).stdout
    (direct,) = [line for line in shown.splitlines() if line.lstrip().startswith("524114")]
    assert "1.0%" in direct.split()


def test_unknown_names_with_nothing_close_say_what_to_run(invoke: Invoke) -> None:
    """ "unknown industry 'xyz'; ('csadvisor industries' lists them)" and "run csadvisor
    skills to list them" (unquoted) read as slips beside every other hint (p4)."""
    industry = invoke("pay", "csr", "--industry", "xyz")
    assert industry.exit_code == 1
    assert industry.stderr == (
        "csadvisor: unknown industry 'xyz'; run 'csadvisor industries' to list them\n"
    )
    skill = invoke("skill", "xyz")
    assert skill.exit_code == 1
    assert skill.stderr == "csadvisor: unknown skill 'xyz'; run 'csadvisor skills' to list them\n"


def test_an_ambiguous_industry_hint_is_quoted_and_not_the_input(invoke: Invoke) -> None:
    result = invoke("pay", "csr", "--industry", "insurance")
    assert result.exit_code == 1
    assert "524100 Insurance Carriers" in result.stderr
    hint = result.stderr.split("e.g. --industry ", 1)[1].split(" ('csadvisor", 1)[0]
    (word,) = shlex.split(hint)
    assert word.casefold() != "insurance"
    again = invoke("pay", "csr", "--industry", word, "-f", "json")
    assert again.exit_code == 0, again.stderr


def test_industry_and_location_are_not_mixed(invoke: Invoke) -> None:
    result = invoke("pay", "csr", "--industry", "hospitals", "-l", "TX")
    assert result.exit_code == 2
    assert "nation only" in result.stderr


def test_industries_lists_them_with_employment(invoke: Invoke) -> None:
    result = ok(invoke("industries", "hospitals", "-f", "tsv", "--no-header"))
    first = result.stdout.splitlines()[0].split("\t")
    assert first[:3] == ["622000", "Hospitals", "3"]
    assert first[5:8] == ["56470", "0.2", "46420"]
    every = ok(invoke("industries", "-f", "tsv", "--no-header")).stdout.splitlines()
    assert len(every) == 426  # BLS publishes 43-4051 in 426 industries (and ownerships)
    manager = ok(invoke("industries", "--role", "Customer service manager", "-f", "tsv"))
    assert "\t43-1011\t" in manager.stdout


def test_industry_files_are_validated(invoke: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "org"
    ok(invoke("data", "init", str(data)))
    text = (DATA / "oews_industries_2025.csv").read_text("utf-8").splitlines(keepends=True)
    text[1] = text[1].replace(",May 2025,", ",May 2O25,")
    (data / "oews_industries_2025.csv").write_text("".join(text), encoding="utf-8")
    result = invoke("data", "validate", str(data))
    assert result.exit_code == 3
    assert f"{data / 'oews_industries_2025.csv'}:2: period: 'May 2O25'" in result.stdout


# --------------------------------------------------------------------------- places compared


def test_places_side_by_side_on_one_scale(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = records(invoke("pay", "csr", "-l", "TX", "-l", "Washington", "-l", "New York",
                          "-f", "json"))  # fmt: skip
    assert [r["area"] for r in rows] == ["Texas", "Washington", "New York"]
    assert [r["median"] for r in rows] == [
        int(state_row(s)["a_median"]) for s in ("Texas", "Washington", "New York")
    ]
    monkeypatch.setenv("COLUMNS", "200")
    shown = ok(invoke("pay", "csr", "-l", "TX", "-l", "Washington", "-f", "table")).stdout
    assert shown.count(", one scale") == 1  # one picture, one scale for every place
    assert "Texas" in shown
    assert "Washington" in shown


def test_several_places_with_field_is_refused(invoke: Invoke) -> None:
    result = invoke("pay", "csr", "-l", "TX", "-l", "Ohio", "--field", "median")
    assert result.exit_code == 2


# --------------------------------------------------------------------------- honest lines


def test_a_fallback_to_a_wider_area_is_said_even_with_field(invoke: Invoke) -> None:
    result = ok(invoke("pay", "csr", "--location", "Bozeman", "--field", "median"))
    assert result.stdout == state_row("Montana")["a_median"] + "\n"
    assert "showing Montana, the nearest level with one" in result.stderr


def test_one_money_format_per_period() -> None:
    assert money(4315.0, "USD", "month") == "$4,315.00"
    assert money(3072.5, "USD", "month") == "$3,072.50"
    assert money(21.0, "USD", "hour") == "$21.00"
    assert money(44990, "USD", "year") == "$44,990"


# A real BLS row (May 2025, Anesthesiologists 29-1211 in area 0024340): the 75th
# percentile is published above footnote 5's thresholds, the 90th is top-coded.
TOP_CODED = (
    "0024340,29-1211,May 2025,270,203.07,422390,89.41,94.79,109.98,185.00,,185960,197150,"
    "228760,384800,,h_pct90:5 a_pct90:5"
)
# A real BLS row (Abilene, 11-9032): paid by the year, hourly figures footnote 4.
ANNUAL_ONLY = (
    "0010180,11-9032,May 2025,210,,88240,,,,,,65580,80890,82910,102940,105870,"
    "h_mean:4 h_pct10:4 h_pct25:4 h_median:4 h_pct75:4 h_pct90:4"
)


def test_top_coding_and_annual_only_come_from_the_bls_footnotes() -> None:
    header = ",".join(oews.OEWS_COLUMNS)
    by_area, problems = oews.parse_oews(f"{header}\n{ANNUAL_ONLY}\n{TOP_CODED}\n")
    assert problems == []
    top = oews.Wages(*by_area["0024340"][0])
    assert wages.TOP_CODE == {"hour": 115.0, "year": 239200.0}  # read from footnote 5's text
    assert top.figure("a_pct90").text() == "at least $384,800"  # not below the 75th
    assert top.figure("h_pct90").text() == "at least $185.00 an hour"
    annual = oews.Wages(*by_area["0010180"][0])
    assert annual.figure("h_median").text() == "annual figures only (BLS footnote 4)"
    assert annual.figure("a_median").text() == "$82,910"


def test_a_real_top_coded_row_passes_data_validate(invoke: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "org"
    ok(invoke("data", "init", str(data)))
    lines = (DATA / "oews_2025.csv").read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line > "0024340" and i > 0)
    lines.insert(at, TOP_CODED + "\n")
    (data / "oews_2025.csv").write_text("".join(lines), encoding="utf-8")
    result = invoke("data", "validate", str(data))
    assert result.exit_code == 0, result.stdout + result.stderr


def test_a_published_percentile_after_a_top_coded_one_is_refused() -> None:
    header = ",".join(oews.OEWS_COLUMNS)
    broken = TOP_CODED.replace("384800,,h_pct90:5 a_pct90:5", ",400000,h_pct90:5 a_pct75:5")
    _, problems = oews.parse_oews(f"{header}\n{broken}\n")
    assert [p.message for p in problems] == [
        "400000 is published after a_pct75, which BLS top-coded"
    ]


# --------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("typed", "role"),
    [
        ("Call centre adviser", "call-center-specialist"),
        ("Customer Support Specialist", "customer-service-specialist"),
        ("Contact Center Representative", "call-center-specialist"),
        ("CSR II", "customer-service-specialist"),
        ("Customer Service Rep I", "customer-service-specialist"),
        ("Senior CSR III", "senior-customer-service-specialist"),
        ("Customer Service Team Lead", "customer-service-manager"),
        ("team lead", "customer-service-manager"),  # the contact-centre title, alone (p4)
        ("Team Leader", "customer-service-manager"),
    ],
)
def test_titles_people_type(invoke: Invoke, typed: str, role: str) -> None:
    (row,) = records(invoke("pay", typed, "-f", "json"))
    assert row["role"] == role


def test_a_front_line_title_is_never_pointed_at_a_manager(invoke: Invoke) -> None:
    result = invoke("pay", "-", "--column", "1", "--input-format", "csv", "-f", "csv",
                    input="title\nCall centre advisr\n")  # fmt: skip
    assert result.exit_code == 1
    (row,) = list(csv.DictReader(result.stdout.splitlines()))
    assert row["suggestion"] == "Call Centre Agent"
    assert "Manager" not in result.stderr


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("Customer service managr", "'Customer service manager'"),
        ("customer-service-managr", "'customer-service-manager'"),
    ],
)
def test_suggestions_come_in_the_form_typed(invoke: Invoke, typed: str, first: str) -> None:
    result = invoke("pay", typed)
    assert result.exit_code == 1
    assert f"did you mean {first}" in result.stderr
    ids = "-" in result.stderr.split("did you mean", 1)[1]
    assert ids == ("-" in typed)  # ids only for an id, titles only for a title
