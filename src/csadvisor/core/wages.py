"""BLS figures as plain records: OEWS wages, areas, Employment Projections. Pure data.

The readers in ``storage`` (``oews``, ``areas``, ``projections``) build these from the
bundled CSV files; the core (``localpay``) reads them. Nothing here touches a file.
"""

from collections.abc import Iterable

from csadvisor.plain import Plain

SOURCE = "BLS OEWS"
BASIS = "all employed workers in the occupation"
DISCLAIMER = (
    "BLS.gov cannot vouch for the data or analyses derived from these data after the data "
    "have been retrieved from BLS.gov."
)


class Measure(Plain):
    """One column of the extract: BLS's column name, datatype code and datatype name."""

    column: str
    code: str
    name: str


BLS_MEASURES = (
    Measure("tot_emp", "01", "Employment"),
    Measure("h_mean", "03", "Hourly mean wage"),
    Measure("a_mean", "04", "Annual mean wage"),
    Measure("h_pct10", "06", "Hourly 10th percentile wage"),
    Measure("h_pct25", "07", "Hourly 25th percentile wage"),
    Measure("h_median", "08", "Hourly median wage"),
    Measure("h_pct75", "09", "Hourly 75th percentile wage"),
    Measure("h_pct90", "10", "Hourly 90th percentile wage"),
    Measure("a_pct10", "11", "Annual 10th percentile wage"),
    Measure("a_pct25", "12", "Annual 25th percentile wage"),
    Measure("a_median", "13", "Annual median wage"),
    Measure("a_pct75", "14", "Annual 75th percentile wage"),
    Measure("a_pct90", "15", "Annual 90th percentile wage"),
)
"""Every statistic the extract carries, in its column order: BLS's own column names (the
OEWS workbooks use the same), and the datatype code and name ``scripts/build_oews.py``
checks in BLS's database. A statistic added here is read, validated and built."""
MEASURES = tuple(m.column for m in BLS_MEASURES)
PERCENTILES = ("pct10", "pct25", "median", "pct75", "pct90")
_POSITION = {measure: i for i, measure in enumerate(MEASURES)}
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
    """The thresholds BLS's footnote 5 names: ``{"hour": 115.0, "year": 239200.0}``.

    Read with string methods, not a pattern: this runs at every start that reads wages."""
    found = {}
    for period in ("hour", "year"):
        before, per, _ = text.partition(f" per {period}")
        _, dollar, amount = before.rpartition("$")
        figure = amount.replace(",", "")
        whole, point, cents = figure.partition(".")
        shaped = whole.isdigit() and (cents.isdigit() and len(cents) == 2 if point else True)
        if not (per and dollar and shaped and whole.isascii()):  # pragma: no cover - new wording
            raise ValueError(f"BLS footnote {TOP_CODED} names no thresholds: {text!r}")
        found[period] = float(figure)
    return found


TOP_CODE = _top_code(FOOTNOTES[TOP_CODED])
"""The thresholds BLS's footnote 5 states (read from its text, not typed in twice). This
release publishes percentiles above them for a few occupations, so a top-coded cell is
shown as at least the higher of the threshold and the percentile below it."""


class Figure(Plain):
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
        """For a top-coded wage, the threshold it is at least (or the percentile below it,
        when this release publishes that one higher than the threshold)."""
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


class Wages(Plain):
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


class Area(Plain):
    """One area: its BLS code, name and kind, the states it lies in, and its parent
    (the state a metro or nonmetro area falls back to; the nation for a state)."""

    code: str
    name: str
    kind: str
    states: tuple[str, ...]
    cities: tuple[str, ...]
    parent: str

    @property
    def short_code(self) -> str:
        """The code as BLS's workbooks print it: ``19100`` for a metro, ``48`` for a state."""
        if self.kind == "metro":
            return self.code[2:]
        if self.kind == "state":
            return self.code[:2]
        return self.code


PlainArea = tuple[str, str, str, tuple[str, ...], tuple[str, ...], str]


class Projection(Plain):
    """BLS Employment Projections for one occupation (employment in thousands)."""

    soc: str
    period: str
    employment_start: float
    employment_end: float
    change_percent: float
    openings_per_year: float
    entry_education: str
    source: str
