"""Local pay from BLS OEWS: read, validate and look up the bundled extract.

The extract (``oews_2025.csv``, built by ``scripts/build_oews.py``) holds, for every area
and occupation, the wages of *all employed workers* in that occupation: mean and the
10th/25th/50th/75th/90th percentiles, hourly and annual, plus employment. BLS publishes
the hourly figures itself; nothing here derives one from another.

Parsed rows are plain tuples (``marshal`` can cache them). :func:`rows_in_area` finds one
area's lines in the text (wherever they are: rows added at the end of a copy of the
bundled file count as much as the sorted ones) and parses only those:
that is what keeps ``pay ROLE --location PLACE`` as fast as a start without a location,
once the whole file has been validated (``data validate``, or the catalogue cache).
"""

from collections.abc import Collection, Iterable

from csadvisor.core.wages import (
    _POSITION,
    FOOTNOTES,
    MEASURES,
    PERCENTILES,
    TOP_CODED,
    PlainRow,
)
from csadvisor.core.wages import BASIS as BASIS
from csadvisor.core.wages import DISCLAIMER as DISCLAIMER
from csadvisor.core.wages import SOURCE as SOURCE
from csadvisor.core.wages import Figure as Figure
from csadvisor.core.wages import OewsTable as OewsTable
from csadvisor.core.wages import Wages as Wages
from csadvisor.errors import Problem
from csadvisor.storage.csvfile import number, read_rows

OEWS_FILE = "oews_2025.csv"
OCCUPATIONS_FILE = "occupations.csv"

OEWS_COLUMNS = ("area_code", "soc", "period", *MEASURES, "footnotes")
OCCUPATION_COLUMNS = ("soc", "title", "source")


def _is_code(text: str, shape: str) -> bool:
    """``text`` has ``shape``'s length, its hyphens where ``shape`` has them, digits elsewhere."""
    if len(text) != len(shape) or not text.isascii():
        return False
    cut = shape.find("-")
    if cut < 0:
        return text.isdigit()
    return text[cut] == "-" and (text[:cut] + text[cut + 1 :]).isdigit()


def is_soc(text: str) -> bool:
    """An SOC code such as ``43-4051``."""
    return _is_code(text, "00-0000")


def is_area_code(text: str) -> bool:
    """A BLS area code such as ``0019100`` (seven digits)."""
    return _is_code(text, "0000000")


def _wages_row(
    number_: int, cells: list[str], label: str, problems: list[Problem]
) -> PlainRow | None:
    """Validate one line of the extract; None (and problems) when it is wrong."""
    area, soc, period, *raw, notes = cells
    start = len(problems)
    if not is_area_code(area):
        problems.append(Problem(label, number_, "area_code", f"{area!r} is not a 7-digit code"))
    if not is_soc(soc):
        problems.append(Problem(label, number_, "soc", f"{soc!r} is not an SOC code (43-4051)"))
    if not (period.startswith("May ") and len(period) == 8 and period[4:].isdigit()):
        problems.append(Problem(label, number_, "period", f"{period!r} is not 'May YYYY'"))
    footnotes: dict[str, str] = {}
    for token in notes.split():
        column, _, code = token.partition(":")
        if column not in _POSITION:
            problems.append(Problem(label, number_, "footnotes", f"unknown column {column!r}"))
        elif code not in FOOTNOTES:
            message = f"{column}: unknown BLS footnote code {code!r}"
            problems.append(Problem(label, number_, "footnotes", message))
        elif column in footnotes:
            problems.append(Problem(label, number_, "footnotes", f"{column} given twice"))
        else:
            footnotes[column] = code
    values: list[float | None] = []
    for measure, cell in zip(MEASURES, raw, strict=True):
        note = footnotes.get(measure)
        if cell == "":
            values.append(None)
            if note is None:
                message = "missing without a BLS footnote saying why"
                problems.append(Problem(label, number_, measure, message))
            continue
        value = number(cell)
        if value is None or (measure in ("tot_emp",) and isinstance(value, float)):
            kind = "a whole number" if measure == "tot_emp" else "a number (e.g. 44770 or 21.53)"
            problems.append(Problem(label, number_, measure, f"{cell!r} is not {kind}"))
        elif note == TOP_CODED:
            message = "top-coded (footnote 5) but has a value; BLS publishes none"
            problems.append(Problem(label, number_, measure, message))
        values.append(value)
    if len(problems) == start:
        _check_order(values, footnotes, label, number_, problems)
    if len(problems) > start:
        return None
    ordered = tuple(sorted(footnotes.items(), key=lambda item: _POSITION[item[0]]))
    return (area, soc, period, tuple(values), ordered)


def _check_order(
    values: list[float | None],
    footnotes: dict[str, str],
    label: str,
    line: int,
    problems: list[Problem],
) -> None:
    """p10 <= p25 <= median <= p75 <= p90 among published percentiles; a top-coded one is
    "at least" its footnote's threshold, so no published percentile may follow it (this
    release publishes some percentiles above the footnote's threshold: those pass)."""
    for prefix in ("h_", "a_"):
        previous: tuple[str, float] | None = None
        top: str | None = None
        for percentile in PERCENTILES:
            measure = prefix + percentile
            value = values[_POSITION[measure]]
            if value is None and footnotes.get(measure) == TOP_CODED:
                top = top or measure
                continue
            if value is None:
                continue
            if top is not None:
                message = f"{value:g} is published after {top}, which BLS top-coded"
                problems.append(Problem(label, line, measure, message))
            if previous is not None and value < previous[1]:
                message = f"{value:g} is below {previous[0]} ({previous[1]:g})"
                problems.append(Problem(label, line, measure, message))
            previous = (measure, value)


def parse_oews(
    text: str, label: str = OEWS_FILE, *, areas: Collection[str] | None = None
) -> tuple[dict[str, tuple[PlainRow, ...]], list[Problem]]:
    """Every row of the extract, validated, keyed by area code (plain values).

    ``areas``: the known area codes (from areas.csv); a row naming another is a problem.
    """
    rows, problems = read_rows(text, label, OEWS_COLUMNS)
    by_area: dict[str, list[PlainRow]] = {}
    seen: set[tuple[str, str]] = set()
    for line, cells in rows:
        row = _wages_row(line, cells, label, problems)
        if row is None:
            continue
        key = (row[0], row[1])
        if key in seen:
            problems.append(Problem(label, line, "soc", f"{row[1]} in {row[0]} given twice"))
            continue
        seen.add(key)
        if areas is not None and row[0] not in areas:
            problems.append(Problem(label, line, "area_code", f"unknown area {row[0]}"))
            continue
        by_area.setdefault(row[0], []).append(row)
    return {area: tuple(found) for area, found in by_area.items()}, problems


def rows_in_area(text: str, area_code: str, label: str = OEWS_FILE) -> tuple[PlainRow, ...]:
    """One area's rows, read straight from the text, in whatever order the file has them.

    For a file already validated as a whole (bundled, or cached as valid): a wrong line
    here is still refused, never guessed at, but the rest of the file is not parsed.
    """
    return rows_in_areas(text, [area_code], label).get(area_code, ())


def rows_in_areas(
    text: str, area_codes: Iterable[str], label: str = OEWS_FILE
) -> dict[str, tuple[PlainRow, ...]]:
    """:func:`rows_in_area` for several areas (a place, its state, the nation) in one pass.

    One regular expression finds the lines that start with a wanted code: its literal
    prefix (the line break) lets the engine skip ahead, three times faster than splitting
    the file into lines and looking at each (about 0.2 ms for the 300 KB extract)."""
    import re  # already loaded by Typer's click: no import cost

    wanted = [code for code in dict.fromkeys(area_codes) if is_area_code(code)]
    found: dict[str, list[str]] = {code: [] for code in wanted}
    if wanted:  # the header is the first line, so every row follows a line break
        codes = "|".join(re.escape(code) for code in wanted)
        for line in re.findall(f"\\n((?:{codes}),[^\\n]*)", text):
            found[line[: line.index(",")]].append(line)
    return {code: _lines_read(text, code, own, label) for code, own in found.items()}


def _lines_read(text: str, area_code: str, lines: list[str], label: str) -> tuple[PlainRow, ...]:
    """Lines of one area, checked by the extract's reader under the file's own header."""
    if not lines:
        return ()
    header_end = text.find("\n")
    block = text[: header_end + 1] + "\n".join(lines) + "\n"
    by_area, problems = parse_oews(block, label)
    if problems:
        from csadvisor.errors import DataError

        raise DataError(problems)
    return by_area.get(area_code, ())


def parse_occupations(
    text: str, label: str = OCCUPATIONS_FILE
) -> tuple[dict[str, str], list[Problem]]:
    """SOC code -> official OEWS title."""
    rows, problems = read_rows(text, label, OCCUPATION_COLUMNS)
    titles: dict[str, str] = {}
    for line, (soc, title, source) in rows:
        if not is_soc(soc):
            problems.append(Problem(label, line, "soc", f"{soc!r} is not an SOC code (43-4051)"))
        elif soc in titles:
            problems.append(Problem(label, line, "soc", f"{soc} given twice"))
        elif not title.strip() or not source.strip():
            column = "title" if not title.strip() else "source"
            problems.append(Problem(label, line, column, "is empty"))
        else:
            titles[soc] = title
    return titles, problems
