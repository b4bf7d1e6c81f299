"""Local pay from BLS OEWS: read, validate and look up the bundled extract.

The extract (``oews_2025.csv``, built by ``scripts/build_oews.py``) holds, for every area
and occupation, the wages of *all employed workers* in that occupation: mean and the
10th/25th/50th/75th/90th percentiles, hourly and annual, plus employment. BLS publishes
the hourly figures itself; nothing here derives one from another.

Parsed rows are plain tuples (``marshal`` can cache them). The file is sorted by area, so
:func:`rows_in_area` can read one area's rows from the text without parsing the rest:
that is what keeps ``pay ROLE --location PLACE`` as fast as a start without a location,
once the whole file has been validated (``data validate``, or the catalogue cache).
"""

from collections.abc import Collection, Iterable
from typing import NamedTuple

from csadvisor.errors import Problem
from csadvisor.storage.csvfile import number, read_rows

OEWS_FILE = "oews_2025.csv"
OCCUPATIONS_FILE = "occupations.csv"

SOURCE = "BLS OEWS"
BASIS = "all employed workers in the occupation"
DISCLAIMER = (
    "BLS.gov cannot vouch for the data or analyses derived from these data after the data "
    "have been retrieved from BLS.gov."
)

MEASURES = (
    "tot_emp",
    "h_mean",
    "a_mean",
    "h_pct10",
    "h_pct25",
    "h_median",
    "h_pct75",
    "h_pct90",
    "a_pct10",
    "a_pct25",
    "a_median",
    "a_pct75",
    "a_pct90",
)
"""BLS's own column names (the OEWS workbooks use the same)."""
PERCENTILES = ("pct10", "pct25", "median", "pct75", "pct90")
_POSITION = {measure: i for i, measure in enumerate(MEASURES)}
OEWS_COLUMNS = ("area_code", "soc", "period", *MEASURES, "footnotes")
OCCUPATION_COLUMNS = ("soc", "title", "source")

FOOTNOTES = {
    "1": "Estimates for detailed occupations do not sum to the totals because the totals "
    "include occupations not shown separately. Estimates do not include self-employed workers.",
    "2": "Annual wages have been calculated by multiplying the hourly wages by 2,080 hours; "
    "for occupations where hourly wages are not published, annual wages were taken directly "
    "from the reported survey data.",
    "3": "The relative standard error (RSE) is a measure of the reliability of a survey "
    "statistic. The smaller the relative standard error, the more precise the estimate.",
    "4": "Wages for some occupations that do not generally work year-round, full time, are "
    "reported either as hourly wages or annual salaries depending on how they are typically "
    "paid.",
    "5": "This wage is equal to or greater than $115.00 per hour or $239,200 per year.",
    "8": "Estimate not released.",
}
"""BLS's footnote texts, verbatim (``oe.footnote``, May 2025)."""
TOP_CODED = "5"
ANNUAL_ONLY = "4"
NOT_RELEASED = "8"


def _top_code(text: str) -> dict[str, float]:
    """The thresholds BLS's footnote 5 names: ``{"hour": 115.0, "year": 239200.0}``."""
    import re

    hour = re.search(r"\$([\d,]+\.\d\d) per hour", text)
    year = re.search(r"\$([\d,]+) per year", text)
    if hour is None or year is None:  # pragma: no cover - a wording this code does not know
        raise ValueError(f"BLS footnote {TOP_CODED} names no thresholds: {text!r}")
    return {"hour": float(hour[1].replace(",", "")), "year": float(year[1].replace(",", ""))}


TOP_CODE = _top_code(FOOTNOTES[TOP_CODED])
"""The thresholds BLS's footnote 5 states (read from its text, not typed in twice). This
release publishes percentiles above them for a few occupations, so a top-coded cell is
shown as at least the higher of the threshold and the percentile below it."""


class Figure(NamedTuple):
    """One published cell: a value, or the reason BLS gives for not publishing one."""

    measure: str
    value: float | None
    footnote: str | None
    floor: float | None = None  # top-coded: the highest published percentile below it

    @property
    def top_coded(self) -> bool:
        return self.footnote == TOP_CODED

    @property
    def suppressed(self) -> bool:
        """Missing for a reason other than top-coding (e.g. "Estimate not released.")."""
        return self.value is None and not self.top_coded

    @property
    def at_least(self) -> float | None:
        """For a top-coded wage, the threshold it is at least."""
        if not self.top_coded:
            return None
        threshold = TOP_CODE["hour"] if self.measure.startswith("h_") else TOP_CODE["year"]
        return max(threshold, self.floor or 0.0)

    @property
    def annual_only(self) -> bool:
        """An hourly cell BLS leaves empty because the occupation is paid by the year."""
        return self.value is None and self.footnote == ANNUAL_ONLY

    @property
    def reason(self) -> str:
        """BLS's footnote text, or "" when the cell has none."""
        return FOOTNOTES.get(self.footnote or "", "")

    def text(self) -> str:
        """``$44,770``, ``$21.53``, ``2,595,750``, ``at least $239,200`` or ``not released``."""
        if self.value is not None:
            if self.measure == "tot_emp":
                return f"{self.value:,.0f}"
            return f"${self.value:,.2f}" if self.measure.startswith("h_") else f"${self.value:,.0f}"
        at_least = self.at_least
        if at_least is not None:
            if self.measure.startswith("h_"):
                return f"at least ${at_least:,.2f} an hour"
            return f"at least ${at_least:,.0f}"
        if self.annual_only:
            return "annual figures only (BLS footnote 4)"
        return "not released"


class Wages(NamedTuple):
    """One occupation in one area, as published."""

    area_code: str
    soc: str
    period: str
    values: tuple[float | None, ...]
    footnotes: tuple[tuple[str, str], ...]

    def figure(self, measure: str) -> Figure:
        """``measure`` is a column name: ``a_median``, ``h_pct10``, ``tot_emp`` ..."""
        value = self.values[_POSITION[measure]]
        footnote = dict(self.footnotes).get(measure)
        floor = None
        if value is None and footnote == TOP_CODED and measure[2:] in PERCENTILES:
            below = PERCENTILES[: PERCENTILES.index(measure[2:])]
            published = [self.values[_POSITION[measure[:2] + p]] for p in below]
            floor = max((v for v in published if v is not None), default=None)
        return Figure(measure, value, footnote, floor)

    def percentiles(self, period: str = "year") -> tuple[Figure, ...]:
        """The 10th, 25th, 50th, 75th and 90th percentile, per ``year`` or ``hour``."""
        prefix = "a_" if period == "year" else "h_"
        return tuple(self.figure(prefix + p) for p in PERCENTILES)

    def mean(self, period: str = "year") -> Figure:
        return self.figure("a_mean" if period == "year" else "h_mean")

    @property
    def employment(self) -> Figure:
        return self.figure("tot_emp")


PlainRow = tuple[str, str, str, tuple[float | None, ...], tuple[tuple[str, str], ...]]
"""A :class:`Wages` as a plain tuple, the shape ``marshal`` stores."""


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
    """One area's rows, read straight from the text of a file sorted by area.

    For a file already validated as a whole (bundled, or cached as valid): a wrong line
    here is still refused, never guessed at, but the rest of the file is not read.
    """
    needle = "\n" + area_code + ","
    start = text.find(needle)
    if start < 0 or not is_area_code(area_code):
        return ()
    end = start + 1
    while text.startswith(area_code + ",", end):
        newline = text.find("\n", end)
        end = len(text) if newline < 0 else newline + 1
    header_end = text.find("\n")
    block = text[: header_end + 1] + text[start + 1 : end]
    by_area, problems = parse_oews(block, label)
    if problems:
        from csadvisor.errors import DataError

        raise DataError(problems)
    return by_area.get(area_code, ())


class OewsTable:
    """Look up published wages by area and occupation."""

    __slots__ = ("_by_area",)

    def __init__(self, by_area: dict[str, tuple[PlainRow, ...]]) -> None:
        self._by_area = by_area

    def get(self, area_code: str, soc: str) -> Wages | None:
        """The occupation's figures in the area, or None when BLS published no row."""
        for row in self._by_area.get(area_code, ()):
            if row[1] == soc:
                return Wages(*row)
        return None

    def in_area(self, area_code: str) -> tuple[Wages, ...]:
        return tuple(Wages(*row) for row in self._by_area.get(area_code, ()))

    def nearest(self, soc: str, chain: Iterable[str], measure: str = "a_median") -> Wages | None:
        """The first area in ``chain`` (area, its state, the nation) that publishes
        ``measure`` for the occupation. The caller must say which area it came from.
        """
        for area_code in chain:
            wages = self.get(area_code, soc)
            if wages is not None and wages.figure(measure).value is not None:
                return wages
        return None


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
