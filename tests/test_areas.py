"""Finding an area from what a user types: names, codes, cities, ambiguity, suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from csadvisor.storage import areas
from csadvisor.storage.areas import AreaIndex, parse_areas, resolve_in_text

AREAS_TEXT = (Path(__file__).resolve().parents[1] / "data" / "areas.csv").read_text("utf-8")
HEADER = ",".join(areas.AREA_COLUMNS)


@pytest.fixture(scope="module")
def index() -> AreaIndex:
    rows, problems = parse_areas(AREAS_TEXT)
    assert problems == []
    return AreaIndex(rows)


@pytest.mark.parametrize(
    ("place", "name", "how"),
    [
        ("Dallas", "Dallas-Fort Worth-Arlington, TX", "city"),
        ("fort worth", "Dallas-Fort Worth-Arlington, TX", "city"),
        ("DALLAS-FORT WORTH-ARLINGTON, TX", "Dallas-Fort Worth-Arlington, TX", "name"),
        ("Dallas, TX", "Dallas-Fort Worth-Arlington, TX", "name"),
        ("TX", "Texas", "postal code"),
        ("tx", "Texas", "postal code"),
        ("  Texas ", "Texas", "name"),
        ("DC", "District of Columbia", "postal code"),
        ("PR", "Puerto Rico", "postal code"),
        ("US", "United States", "name"),
        ("United States", "United States", "name"),
        ("0000000", "United States", "code"),
        ("0019100", "Dallas-Fort Worth-Arlington, TX", "code"),
        ("19100", "Dallas-Fort Worth-Arlington, TX", "code"),
        ("48", "Texas", "code"),
        ("4800001", "Northwestern Region of Texas nonmetropolitan area", "code"),
        ("Kansas City", "Kansas City, MO-KS", "name"),
        ("kansas city, ks", "Kansas City, MO-KS", "name"),
        ("Springfield, IL", "Springfield, IL", "name"),
        ("saint louis", "St. Louis, MO-IL", "name"),
        ("St Louis", "St. Louis, MO-IL", "name"),
        ("Winston-Salem", "Winston-Salem, NC", "name"),
        ("Salem", "Salem, OR", "name"),
        ("Wilkes-Barre", "Scranton--Wilkes-Barre, PA", "city"),
        ("Nashville", "Nashville-Davidson--Murfreesboro--Franklin, TN", "city"),
        ("Honolulu", "Urban Honolulu, HI", "city"),
        ("coeur d'alene", "Coeur d'Alene, ID", "name"),
        ("Portland, OR", "Portland-Vancouver-Hillsboro, OR-WA", "name"),
    ],
)
def test_a_place_finds_its_area(index: AreaIndex, place: str, name: str, how: str) -> None:
    found = index.resolve(place)
    assert found.area is not None, found
    assert (found.area.name, found.matched_by) == (name, how)
    assert resolve_in_text(AREAS_TEXT, place) == found


@pytest.mark.parametrize(
    ("place", "names"),
    [
        (
            "Springfield",
            [
                "Springfield, IL",
                "Springfield, MA",
                "Springfield, MO",
                "Springfield, OH",
                "Eugene-Springfield, OR",
            ],
        ),
        ("Portland", ["Portland-South Portland, ME", "Portland-Vancouver-Hillsboro, OR-WA"]),
        (
            "Arlington",
            ["Dallas-Fort Worth-Arlington, TX", "Washington-Arlington-Alexandria, DC-VA-MD-WV"],
        ),
        ("Columbus", ["Columbus, GA-AL", "Columbus, IN", "Columbus, OH"]),
    ],
)
def test_an_ambiguous_place_returns_every_candidate(
    index: AreaIndex, place: str, names: list[str]
) -> None:
    found = index.resolve(place)
    assert found.ambiguous
    assert found.area is None
    assert [a.name for a in found.areas] == names
    assert resolve_in_text(AREAS_TEXT, place) == found


@pytest.mark.parametrize(
    ("place", "suggestion"),
    [
        ("Dalas", "Dallas-Fort Worth-Arlington, TX"),
        ("Sprinfield", "Springfield, IL"),
        ("Texs", "Texas"),
        ("Pittsburg", "Pittsburgh, PA"),
    ],
)
def test_an_unknown_place_suggests_the_closest(
    index: AreaIndex, place: str, suggestion: str
) -> None:
    found = index.resolve(place)
    assert found.areas == ()
    assert found.matched_by == ""
    assert suggestion in found.suggestions
    assert resolve_in_text(AREAS_TEXT, place) == found


@pytest.mark.parametrize("place", ["zzzzzz", "", "99999", "1234567", "St", "Mars, XX"])
def test_nonsense_matches_nothing(index: AreaIndex, place: str) -> None:
    found = index.resolve(place)
    assert found.areas == ()
    assert resolve_in_text(AREAS_TEXT, place) == found


def test_the_fast_path_agrees_with_the_index_for_every_name_city_and_code(
    index: AreaIndex,
) -> None:
    for area in index.areas:
        for place in (area.name, area.code, area.short_code, *area.cities, *area.states):
            assert resolve_in_text(AREAS_TEXT, place) == index.resolve(place), place


def test_a_metro_falls_back_to_its_state_then_the_nation(index: AreaIndex) -> None:
    dallas = index.resolve("Dallas").area
    assert dallas is not None
    expected = ["Dallas-Fort Worth-Arlington, TX", "Texas", "United States"]
    assert [a.name for a in index.chain(dallas)] == expected
    assert [a.name for a in areas.chain_in_text(AREAS_TEXT, dallas)] == expected
    nation = index.get("0000000")
    assert nation is not None
    assert index.chain(nation) == (nation,)


def test_every_metro_names_its_states_and_cities(index: AreaIndex) -> None:
    metros = [a for a in index.areas if a.kind == "metro"]
    assert len(metros) == 393
    assert all(a.cities and a.states for a in metros)
    kansas_city = index.get("0028140")
    assert kansas_city is not None
    assert (kansas_city.states, kansas_city.cities) == (("MO", "KS"), ("Kansas City",))
    assert kansas_city.short_code == "28140"


def test_search_lists_areas_by_part_of_a_name_city_code_or_state(index: AreaIndex) -> None:
    assert len(index.search()) == 583
    assert [a.name for a in index.search("dallas")] == ["Dallas-Fort Worth-Arlington, TX"]
    assert [a.code for a in index.search("19100")] == ["0019100"]
    in_texas = index.search("TX", kind="metro")
    assert len(in_texas) > 20
    assert all("TX" in a.states for a in in_texas)
    assert "Texarkana, TX-AR" in [a.name for a in in_texas]
    assert [a.kind for a in index.search("", kind="nation")] == ["nation"]
    assert index.search("springf")[0].name == "Eugene-Springfield, OR"


def test_area_by_code_refuses_codes_of_the_wrong_kind() -> None:
    assert areas.area_by_code(AREAS_TEXT, "48") is not None
    assert areas.area_by_code(AREAS_TEXT, "00") is None  # the nation is not a state
    assert areas.area_by_code(AREAS_TEXT, "00001") is None
    assert areas.area_by_code(AREAS_TEXT, "Texas") is None


GOOD = "0000000,United States,nation,,,\n4800000,Texas,state,TX,,0000000\n"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("48000X0,Texas,state,TX,,0000000", "area_code: '48000X0' is not a 7-digit code"),
        ("4800000,Texas,state,TX,,0000000", "area_code: 4800000 given twice"),
        ("0019100,,metro,TX,Dallas,4800000", "name: is empty"),
        ("0019100, Dallas,metro,TX,Dallas,4800000", "name: has spaces at either end"),
        ("0019100,Dallas,city,TX,Dallas,4800000", "kind: 'city' is not one of"),
        ("0019100,Dallas,metro,Texas,Dallas,4800000", "states: 'Texas' is not a postal code"),
        ("0019100,Dallas,metro,TX,Dallas;,4800000", "cities: an empty city name"),
        ("0019100,Dallas,metro,TX,Dallas,", "parent: is empty"),
        ("0019100,Dallas,metro,TX,Dallas,0019200", "parent: 0019200 is not a state"),
        ("0000001,Elsewhere,nation,,,", "expected exactly one area of kind 'nation'"),
        ('0019100,"Dal\u200blas",metro,TX,Dallas,4800000', "name: control or invisible"),
    ],
)
def test_a_doubtful_area_row_is_reported(extra: str, message: str) -> None:
    _, problems = parse_areas(f"{HEADER}\n{GOOD}{extra}\n", "areas.csv")
    assert problems, extra
    assert message in str(problems[0])


def test_the_nation_with_a_parent_is_refused() -> None:
    _, problems = parse_areas(f"{HEADER}\n0000000,United States,nation,,,4800000\n", "a.csv")
    assert next(str(p) for p in problems) == "a.csv:2: parent: the nation has no parent"


def test_an_unknown_column_is_refused() -> None:
    _, problems = parse_areas(f"{HEADER},population\n{GOOD}", "a.csv")
    assert "unknown column 'population'" in str(problems[0])
