"""Places as people type them (issue 18): exact names win, qualifiers, common names, hints.

Figures: 43-4051 annual medians, BLS OEWS May 2025, as tests/oracle holds them for the
states (New York 48,000; Washington 50,330; Louisiana 37,330; Texas 40,420) and as the
bundled extract holds them for the metro areas.
"""

from __future__ import annotations

import csv
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from csadvisor.storage.areas import (
    AreaIndex,
    parse_areas,
    parse_place_names,
    resolve_in_text,
)
from csadvisor.storage.areasearch import lookup_in_text

Invoke = Callable[..., Result]
DATA = Path(__file__).resolve().parents[1] / "data"
AREAS_TEXT = (DATA / "areas.csv").read_text("utf-8")
NAMES, NAME_PROBLEMS = parse_place_names((DATA / "place_names.csv").read_text("utf-8"))
ORACLE = Path(__file__).resolve().parent / "oracle" / "oews_43-4051_states_M2025.csv"


def oracle_median(state: str) -> str:
    with ORACLE.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["area_name"] == state:
                return row["a_median"]
    raise AssertionError(state)


@pytest.fixture(scope="module")
def index() -> AreaIndex:
    rows, problems = parse_areas(AREAS_TEXT)
    assert problems == []
    assert NAME_PROBLEMS == []
    return AreaIndex(rows, NAMES)


@pytest.mark.parametrize(
    ("place", "name", "how"),
    [
        ("New York", "New York", "name"),
        ("new york", "New York", "name"),
        ("Washington", "Washington", "name"),
        ("Wyoming", "Wyoming", "name"),
        ("New York (state)", "New York", "name"),
        ("New York (metro)", "New York-Newark-Jersey City, NY-NJ", "city"),
        ("Washington (metro)", "Washington-Arlington-Alexandria, DC-VA-MD-WV", "city"),
        ("Springfield, IL (metro)", "Springfield, IL", "name"),
        ("48 (state)", "Texas", "code"),
        ("NYC", "New York-Newark-Jersey City, NY-NJ", "common name"),
        ("New York City", "New York-Newark-Jersey City, NY-NJ", "common name"),
        ("DFW", "Dallas-Fort Worth-Arlington, TX", "common name"),
        ("Bay Area", "San Francisco-Oakland-Fremont, CA", "common name"),
        ("Twin Cities", "Minneapolis-St. Paul-Bloomington, MN-WI", "common name"),
        ("Washington D.C.", "Washington-Arlington-Alexandria, DC-VA-MD-WV", "common name"),
        ("washington dc", "Washington-Arlington-Alexandria, DC-VA-MD-WV", "common name"),
        ("Boise", "Boise City, ID", "common name"),
        ("Boise, ID", "Boise City, ID", "name"),  # city, state as people write it (p4)
        ("boise id", "Boise City, ID", "name"),
        ("Philly, PA", "Philadelphia-Camden-Wilmington, PA-NJ-DE-MD", "name"),
        ("LA", "Louisiana", "common name"),
        ("St. Louis", "St. Louis, MO-IL", "name"),
    ],
)
def test_places_people_type(index: AreaIndex, place: str, name: str, how: str) -> None:
    found = index.resolve(place)
    assert found.area is not None, found
    assert (found.area.name, found.matched_by) == (name, how)
    assert resolve_in_text(AREAS_TEXT, place, NAMES) == found


def test_a_zip_code_says_there_is_no_zip_table_and_what_to_give(invoke: Invoke) -> None:
    """README: ZIP codes are not accepted. "unknown location '83702'; run 'csadvisor areas
    QUERY'" sent the user to search areas with the same ZIP (p4)."""
    for args in (("pay", "csr", "--location", "83702"), ("areas", "83702-1234")):
        result = invoke(*args)
        assert result.exit_code == 1
        (line,) = result.stderr.splitlines()
        assert "no ZIP-code-to-area table; give the city or the state" in line
    boise = invoke("pay", "csr", "--location", "Boise, ID", "-f", "json")  # the example given
    assert boise.exit_code == 0, boise.stderr


def test_an_exact_name_that_wins_says_what_else_it_could_mean(index: AreaIndex) -> None:
    note = index.resolve("New York").note
    assert note == (
        "'New York' is the exact name of New York (state); for "
        "New York-Newark-Jersey City, NY-NJ (metro) use --location "
        "'New York-Newark-Jersey City, NY-NJ'"
    )
    assert index.resolve("Texas").note == ""  # nothing else is called Texas


def test_la_says_it_chose_louisiana(index: AreaIndex) -> None:
    assert "Louisiana" in index.resolve("LA").note
    assert "'Los Angeles'" in index.resolve("LA").note
    assert index.resolve("Los Angeles").area.name == "Los Angeles-Long Beach-Anaheim, CA"  # type: ignore[union-attr]


def test_a_qualifier_of_the_wrong_kind_matches_nothing(index: AreaIndex) -> None:
    assert index.resolve("Texas (metro)").areas == ()
    assert index.resolve("Dallas (state)").areas == ()


def test_every_common_name_maps_to_one_bls_area(index: AreaIndex) -> None:
    assert len(NAMES) >= 15
    for name, code, _note in NAMES:
        assert index.get(code) is not None, name


def test_areas_query_uses_the_location_resolver(index: AreaIndex) -> None:
    assert [a.name for a in index.lookup("st. louis")] == ["St. Louis, MO-IL"]
    assert [a.name for a in index.lookup("washington dc")] == [
        "Washington-Arlington-Alexandria, DC-VA-MD-WV"
    ]
    texas = index.lookup("texas")
    assert texas[0].name == "Texas"
    assert "Dallas-Fort Worth-Arlington, TX" in [a.name for a in texas]
    assert "Austin-Round Rock-San Marcos, TX" in [a.name for a in texas]
    assert all("TX" in a.states for a in texas)
    assert [a.kind for a in index.lookup("texas", "state")] == ["state"]
    for query in ("st. louis", "washington dc", "texas", "springfield", "NYC", "dal", "zzz"):
        for kind in (None, "metro"):
            assert lookup_in_text(AREAS_TEXT, query, kind, NAMES) == index.lookup(query, kind), (
                query,
                kind,
            )


def test_pay_with_exact_state_names(invoke: Invoke) -> None:
    for place, state in (
        ("New York", "New York"),
        ("Washington", "Washington"),
        ("LA", "Louisiana"),
    ):
        median = oracle_median(state)
        assert median in ("48000", "50330", "37330")
        result = invoke("pay", "csr", "--location", place, "--field", "median")
        assert result.exit_code == 0, result.stderr
        assert result.stdout == median + "\n"
    result = invoke("pay", "csr", "--location", "New York", "--field", "median")
    assert "use --location 'New York-Newark-Jersey City, NY-NJ'" in result.stderr


def test_nyc_reads_the_new_york_metro(invoke: Invoke) -> None:
    result = invoke("pay", "csr", "--location", "NYC", "--field", "median")
    assert (result.exit_code, result.stdout) == (0, "49590\n")


def test_areas_command_lists_a_states_metros(invoke: Invoke) -> None:
    result = invoke("areas", "texas", "-f", "tsv", "--no-header")
    assert result.exit_code == 0, result.stderr
    names = [line.split("\t")[2] for line in result.stdout.splitlines()]
    assert names[0] == "Texas"
    assert "Houston-Pasadena-The Woodlands, TX" in names
    result = invoke("areas", "st. louis", "-f", "tsv", "--no-header")
    assert [line.split("\t")[2] for line in result.stdout.splitlines()] == ["St. Louis, MO-IL"]


def test_an_ambiguous_hint_never_repeats_the_input_and_is_one_shell_word(
    invoke: Invoke, tmp_path: Path
) -> None:
    data = tmp_path / "d"
    assert invoke("data", "init", str(data)).exit_code == 0
    # two areas called exactly "Springfield": the hint names one by its code
    text = AREAS_TEXT.replace('"Springfield, IL"', "Springfield").replace(
        '"Springfield, MA"', "Springfield"
    )
    (data / "areas.csv").write_text(text, encoding="utf-8")
    result = invoke("--data-dir", str(data), "pay", "csr", "--location", "Springfield")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].endswith("e.g. --location '0044100'")
    # a hostile name stays one quoted word (redteam 01)
    text = AREAS_TEXT.replace(
        '"Dallas-Fort Worth-Arlington, TX"', "\"Dallas'; touch PWNED; echo ', TX\""
    )
    (data / "areas.csv").write_text(text, encoding="utf-8")
    result = invoke("--data-dir", str(data), "pay", "csr", "--location", "Arlington")
    assert result.exit_code == 1
    hint = result.stderr.splitlines()[-1].split("e.g. --location ", 1)[1]
    assert shlex.split(hint) == ["Dallas'; touch PWNED; echo ', TX"]


def test_a_common_name_for_an_unknown_area_is_refused_by_data_validate(
    invoke: Invoke, tmp_path: Path
) -> None:
    data = tmp_path / "d"
    assert invoke("data", "init", str(data)).exit_code == 0
    text = (DATA / "place_names.csv").read_text("utf-8") + "Gotham,0099999,\n"
    (data / "place_names.csv").write_text(text, encoding="utf-8")
    result = invoke("data", "validate", str(data))
    assert result.exit_code == 3
    assert "place_names.csv:23: area_code: '0099999' is not an area here" in result.stdout


def test_an_organisations_own_common_name(invoke: Invoke, tmp_path: Path) -> None:
    data = tmp_path / "d"
    assert invoke("data", "init", str(data)).exit_code == 0
    (data / "place_names.csv").write_text(
        "name,area_code,note\nHQ,4800000,our head office is in Texas\n", encoding="utf-8"
    )
    result = invoke("--data-dir", str(data), "pay", "csr", "-l", "HQ", "--field", "median")
    assert (result.exit_code, result.stdout) == (0, "40420\n")
    assert "our head office is in Texas" in result.stderr
