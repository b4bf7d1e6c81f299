"""The bundled BLS extract agrees with BLS, and its reader refuses anything doubtful.

The oracle files in tests/oracle/ were checked by hand against BLS's own workbooks (see
tests/oracle/README.md); every figure in them must be in the bundled extract unchanged.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from csadvisor.errors import DataError
from csadvisor.storage import oews, projections
from csadvisor.storage.areas import parse_areas

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
ORACLE = Path(__file__).resolve().parent / "oracle"
OCCUPATIONS = ("15-1232", "41-3091", "41-4012", "43-1011", "43-4051")
STATE_FILES = sorted(ORACLE.glob("oews_*_states_M2025.csv"))
HEADER = ",".join(oews.OEWS_COLUMNS)


def text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def table() -> oews.OewsTable:
    area_rows, problems = parse_areas(text("areas.csv"))
    assert problems == []
    by_area, problems = oews.parse_oews(text(oews.OEWS_FILE), areas={r[0] for r in area_rows})
    assert problems == []
    return oews.OewsTable(by_area)


def oracle(name: str) -> list[dict[str, str]]:
    with (ORACLE / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def assert_same(wages: oews.Wages, expected: dict[str, str], where: str) -> None:
    """Every measure equal to the oracle's (numbers compared as numbers: 22.4 == 22.40)."""
    for measure in oews.MEASURES:
        want = expected[measure]
        figure = wages.figure(measure)
        if want == "#":
            assert figure.top_coded, f"{where} {measure}: expected top-coded"
        elif want in ("", "*", "-"):
            assert figure.value is None, f"{where} {measure}: expected no published value"
        else:
            assert figure.value is not None, f"{where} {measure}: missing, BLS has {want}"
            assert math.isclose(figure.value, float(want)), f"{where} {measure}"


# --------------------------------------------------------------------------- oracle


def test_every_national_may_2025_figure_of_our_occupations_matches_the_bls_workbook(
    table: oews.OewsTable,
) -> None:
    rows = [
        r
        for r in oracle("oews_national_selected_M2023-M2025.csv")
        if r["ref_period"] == "May 2025" and r["soc"] in OCCUPATIONS
    ]
    assert sorted(r["soc"] for r in rows) == sorted(OCCUPATIONS)
    for row in rows:
        wages = table.get("0000000", row["soc"])
        assert wages is not None
        assert wages.period == "May 2025"
        assert_same(wages, row, f"US {row['soc']}")


@pytest.mark.parametrize("path", STATE_FILES, ids=lambda p: p.name.split("_")[1])
def test_every_state_figure_matches_the_verified_copy(table: oews.OewsTable, path: Path) -> None:
    rows = oracle(path.name)
    assert len(rows) == 54  # 50 states, DC, Guam, Puerto Rico, the Virgin Islands
    names = {row[0]: row[1] for row in parse_areas(text("areas.csv"))[0]}
    for row in rows:
        wages = table.get(row["area_code"], row["soc"])
        assert wages is not None, f"{row['area_name']} {row['soc']} missing"
        assert names[row["area_code"]] == row["area_name"]
        assert_same(wages, row, f"{row['area_name']} {row['soc']}")
        noted = {
            part.split("=")[0].strip().split(":")[0]
            for part in row["footnotes"].split(";")
            if part.strip()
        }
        assert {m for m, _ in wages.footnotes} == noted & set(oews.MEASURES)


def test_the_headline_figures_a_user_reads_are_bls_figures(table: oews.OewsTable) -> None:
    csr = table.get("0000000", "43-4051")
    assert csr is not None
    assert [f.value for f in csr.percentiles()] == [31750, 36870, 44770, 51780, 63590]
    assert csr.employment.text() == "2,595,750"
    assert csr.figure("h_median").text() == "$21.53"
    assert csr.figure("a_median").text() == "$44,770"
    assert (csr.mean().text(), csr.mean("hour").text()) == ("$46,590", "$22.40")
    medians = {code: table.get(code, "43-4051") for code in ("4800000", "5300000", "2800000")}
    assert [m.figure("a_median").value for m in medians.values() if m] == [40420, 50330, 36380]
    supervisors = table.get("0000000", "43-1011")
    assert supervisors is not None
    assert supervisors.figure("a_median").value == 69500


def test_projections_match_the_bls_employment_projections() -> None:
    found, problems = projections.parse_projections(text(projections.PROJECTIONS_FILE))
    assert problems == []
    expected = {r["soc"]: r for r in oracle("bls_ep_2024-34_selected.csv")}
    assert sorted(found) == sorted(OCCUPATIONS)
    for soc, row in found.items():
        projection = projections.Projection(*row)
        source = expected[soc]
        assert projection.period == source["period"] == "2024-34"
        assert projection.employment_start == float(source["emp_2024_thousands"])
        assert projection.employment_end == float(source["emp_2034_thousands"])
        assert projection.change_percent == float(source["change_percent"])
        assert projection.openings_per_year == float(source["annual_openings_thousands"])
        assert projection.entry_education == source["typical_entry_education"]
        assert "BLS Employment Projections 2024-34" in projection.source
    csr = projections.Projection(*found["43-4051"])
    assert (csr.change_percent, csr.openings_per_year) == (-5.5, 341.7)


def test_occupation_titles_are_the_official_oews_titles() -> None:
    titles, problems = oews.parse_occupations(text(oews.OCCUPATIONS_FILE))
    assert problems == []
    official = {r["soc"]: r["title"] for r in oracle("oews_national_selected_M2023-M2025.csv")}
    assert titles == {soc: official[soc] for soc in OCCUPATIONS}


# --------------------------------------------------------------------------- coverage


def test_every_area_bls_publishes_is_in_the_extract(table: oews.OewsTable) -> None:
    areas = parse_areas(text("areas.csv"))[0]
    kinds = [row[2] for row in areas]
    assert {k: kinds.count(k) for k in set(kinds)} == {
        "nation": 1,
        "state": 54,
        "metro": 393,
        "nonmetro": 135,
    }
    for code, *_ in areas:
        assert table.in_area(code), f"no figures for area {code}"
    # BLS publishes no row at all for these few small areas; the rest have all five.
    absent = {
        (code, soc) for code, *_ in areas for soc in OCCUPATIONS if table.get(code, soc) is None
    }
    assert absent == {
        ("0020580", "41-4012"),
        ("0025020", "41-3091"),
        ("0025020", "41-4012"),
        ("7200006", "41-3091"),
    }


def test_a_suppressed_cell_stays_missing_and_says_why(table: oews.OewsTable) -> None:
    wages = table.get("0014580", "43-4051")  # Bozeman, MT
    assert wages is not None
    assert wages.employment.text() == "760"
    median = wages.figure("a_median")
    assert median.value is None
    assert median.suppressed
    assert not median.top_coded
    assert median.reason == "Estimate not released."
    assert median.text() == "not released"
    assert all(f.value is None for f in wages.percentiles("hour"))


def test_a_missing_employment_figure_does_not_hide_the_wages(table: oews.OewsTable) -> None:
    wages = table.get("0013980", "43-1011")
    assert wages is not None
    assert wages.employment.suppressed
    assert wages.figure("a_median").value == 59960


def test_nearest_level_with_a_figure_walks_area_state_nation(table: oews.OewsTable) -> None:
    found = table.nearest("43-4051", ["0014580", "3000000", "0000000"])
    assert found is not None
    assert found.area_code == "3000000"
    assert table.nearest("41-4012", ["0020580"]) is None
    assert table.nearest("99-9999", ["0000000"]) is None


def test_reading_one_area_from_the_text_equals_reading_the_whole_file() -> None:
    whole, _ = oews.parse_oews(text(oews.OEWS_FILE))
    content = text(oews.OEWS_FILE)
    for code, rows in whole.items():
        assert oews.rows_in_area(content, code) == rows
    assert oews.rows_in_area(content, "9999999") == ()
    assert oews.rows_in_area(content, "19100") == ()


# --------------------------------------------------------------------------- top-coding

TOP_CODED_ROW = (
    "0000000,11-2022,May 2025,637080,79.02,164350,35.18,48.25,71.28,99.68,,73170,100360,"
    "148270,207340,,h_pct90:5 a_pct90:5"
)


def test_a_top_coded_cell_reads_as_at_least_the_bls_threshold() -> None:
    by_area, problems = oews.parse_oews(f"{HEADER}\n{TOP_CODED_ROW}\n", "x.csv")
    assert problems == []
    wages = oews.OewsTable(by_area).get("0000000", "11-2022")
    assert wages is not None
    p90 = wages.figure("a_pct90")
    assert p90.top_coded
    assert not p90.suppressed
    assert p90.text() == "at least $239,200"
    assert p90.at_least == 239200
    assert wages.figure("h_pct90").text() == "at least $115.00 an hour"
    assert "$239,200 per year" in p90.reason
    assert wages.figure("a_pct75").at_least is None


def test_a_top_coded_cell_with_a_value_is_refused() -> None:
    row = TOP_CODED_ROW.replace("148270,207340,,", "148270,207340,290540,")
    _, problems = oews.parse_oews(f"{HEADER}\n{row}\n", "x.csv")
    assert [str(p) for p in problems] == [
        "x.csv:2: a_pct90: top-coded (footnote 5) but has a value; BLS publishes none"
    ]


# --------------------------------------------------------------------------- validation

GOOD = (
    "0000000,43-4051,May 2025,2595750,22.40,46590,15.27,17.72,21.53,24.89,30.57,"
    "31750,36870,44770,51780,63590,"
)


def problems_for(row: str, *, header: str = HEADER, areas: set[str] | None = None) -> list[str]:
    _, problems = oews.parse_oews(f"{header}\n{row}\n", "oews.csv", areas=areas)
    return [str(p) for p in problems]


def test_a_valid_row_has_no_problems() -> None:
    assert problems_for(GOOD) == []


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (GOOD.replace("0000000", "000000X"), "area_code: '000000X' is not a 7-digit code"),
        (GOOD.replace("43-4051", "434051"), "soc: '434051' is not an SOC code (43-4051)"),
        (GOOD.replace("May 2025", "2025"), "period: '2025' is not 'May YYYY'"),
        (GOOD.replace(",22.40,", ",-22.40,"), "h_mean: '-22.40' is not a number"),
        (GOOD.replace(",22.40,", ",inf,"), "h_mean: 'inf' is not a number"),
        (GOOD.replace(",22.40,", ",nan,"), "h_mean: 'nan' is not a number"),
        (GOOD.replace(",22.40,", ",2.2e1,"), "h_mean: '2.2e1' is not a number"),
        (GOOD.replace(",46590,", ",46 590,"), "a_mean: '46 590' is not a number"),
        (GOOD.replace("2595750", "2595750.5"), "tot_emp: '2595750.5' is not a whole number"),
        (GOOD.replace(",22.40,", ",,"), "h_mean: missing without a BLS footnote saying why"),
        (GOOD + "h_mean:7", "footnotes: h_mean: unknown BLS footnote code '7'"),
        (GOOD + "salary:8", "footnotes: unknown column 'salary'"),
        (GOOD + "h_mean:4 h_mean:4", "footnotes: h_mean given twice"),
        (GOOD.replace("36870,44770", "46870,44770"), "a_median: 44770 is below a_pct25 (46870)"),
        (GOOD.replace("17.72,21.53", "27.72,21.53"), "h_median: 21.53 is below h_pct25 (27.72)"),
        (GOOD + ",extra", "3: 18 cells, expected 17"),
        (GOOD.replace("May 2025", '"May 2025'), "3: malformed quoting"),
        (GOOD.replace("May 2025", "=May 2025"), "period: '=May 2025' is not 'May YYYY'"),
        (GOOD.replace("May 2025", "@May 2025"), "period: '@May 2025' is not 'May YYYY'"),
        (GOOD.replace("May 2025", "+May 2025"), "period: '+May 2025' is not 'May YYYY'"),
        (GOOD.replace("May 2025", "May\x1b2025"), "period: control or invisible character"),
        (GOOD.replace("May 2025", "May\u200b2025"), "period: control or invisible character"),
    ],
)
def test_a_doubtful_cell_is_reported_with_file_line_and_column(row: str, message: str) -> None:
    found = problems_for(f"{GOOD}\n{row}")
    assert found, f"no problem found for {row!r}"
    assert message in found[0]
    assert found[0].startswith("oews.csv:3:")
    assert "\x1b" not in found[0]


def test_the_same_area_and_occupation_twice_is_refused() -> None:
    assert problems_for(f"{GOOD}\n{GOOD}") == ["oews.csv:3: soc: 43-4051 in 0000000 given twice"]


def test_an_area_missing_from_areas_csv_is_refused() -> None:
    assert problems_for(GOOD, areas={"4800000"}) == ["oews.csv:2: area_code: unknown area 0000000"]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (HEADER + ",rse", "unknown column 'rse'"),
        (HEADER.replace(",h_mean", ""), "missing column 'h_mean'"),
        (HEADER.replace("tot_emp,h_mean", "h_mean,tot_emp"), "columns out of order"),
        ("", "no header line"),
    ],
)
def test_an_unexpected_header_is_refused(header: str, message: str) -> None:
    found = problems_for(GOOD, header=header)
    assert len(found) == 1
    assert found[0].startswith("oews.csv:1: ")
    assert message in found[0]


def test_a_spreadsheet_saved_file_is_accepted() -> None:
    """Windows line ends, a byte-order mark and blank lines, as Excel's "CSV UTF-8" saves."""
    by_area, problems = oews.parse_oews(f"\ufeff{HEADER}\r\n\r\n{GOOD}\r\n", "x.csv")
    assert problems == []
    assert len(by_area["0000000"]) == 1


def test_a_wrong_line_read_on_the_fast_path_is_refused_not_guessed() -> None:
    broken = f"{HEADER}\n{GOOD.replace('22.40', '22,40')}\n"
    with pytest.raises(DataError) as caught:
        oews.rows_in_area(broken, "0000000", "oews.csv")
    assert "oews.csv:2:" in caught.value.message


def test_parsed_rows_are_plain_values_marshal_can_cache() -> None:
    import marshal

    by_area, _ = oews.parse_oews(text(oews.OEWS_FILE))
    assert marshal.loads(marshal.dumps(by_area)) == by_area
    outlook, _ = projections.parse_projections(text(projections.PROJECTIONS_FILE))
    assert marshal.loads(marshal.dumps(outlook)) == outlook


# --------------------------------------------------------------------------- other files

OCC_HEADER = ",".join(oews.OCCUPATION_COLUMNS)
PROJ_HEADER = ",".join(projections.PROJECTION_COLUMNS)
PROJ_GOOD = "43-4051,2024-34,2814,2660.3,-5.5,341.7,High school diploma or equivalent,BLS EP"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("4340-51,Customer Service Representatives,BLS", "soc: '4340-51' is not an SOC code"),
        ("43-4051,,BLS", "title: is empty"),
        ("43-4051,Customer Service Representatives,", "source: is empty"),
        ("43-4051,A,B\n43-4051,A,B", "soc: 43-4051 given twice"),
    ],
)
def test_occupations_file_problems(rows: str, message: str) -> None:
    _, problems = oews.parse_occupations(f"{OCC_HEADER}\n{rows}\n", "occ.csv")
    assert message in str(problems[0])


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (PROJ_GOOD.replace("43-4051", "43-40510"), "soc: '43-40510' is not an SOC code"),
        (PROJ_GOOD.replace("2024-34", "2024"), "period: '2024' is not like 2024-34"),
        (PROJ_GOOD.replace("341.7", "-341.7"), "openings_per_year_thousands: '-341.7'"),
        (PROJ_GOOD.replace("-5.5", "5.5"), "change_percent: 5.5 does not match"),
        (PROJ_GOOD.replace("High school diploma or equivalent", ""), "entry_education: is empty"),
        (f"{PROJ_GOOD}\n{PROJ_GOOD}", "soc: 43-4051 given twice"),
    ],
)
def test_projections_file_problems(row: str, message: str) -> None:
    _, problems = projections.parse_projections(f"{PROJ_HEADER}\n{row}\n", "proj.csv")
    assert problems, row
    assert message in str(problems[0])
