"""Where a salary sits among BLS's published percentiles: pure, no I/O.

``pay ROLE --location PLACE --salary 41000`` and a staff file's ``--salary-column``.
The answer is the published band ("between the 25th and the median"); a percentile
number is given only as an *estimate* (straight line between the two published
percentiles around it), never below the 10th or above the 90th, and never past a
top-coded or unpublished one. ``compa_ratio`` is salary / local median, computed here.
Every value is labelled derived by csadvisor in ``check_basis``.
"""

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from csadvisor.core.models import number
from csadvisor.core.payrows import CheckRow
from csadvisor.core.rows import columns, fields_of, number_of

if TYPE_CHECKING:
    from typing import TypeAlias

    from csadvisor.core.rows import Fields, Value

    Check: TypeAlias = (
        "tuple[int | float | None, str | None, float | None, int | float | None, str | None]"
    )
    """A salary's check as :class:`CheckRow`'s values: salary, band, estimate, ratio, basis."""

PERCENTILES = (("p10", 10), ("p25", 25), ("median", 50), ("p75", 75), ("p90", 90))
WORDS = {"p10": "10th", "p25": "25th", "median": "median", "p75": "75th", "p90": "90th"}
CHECK_COLUMNS = columns(CheckRow)
CHECK_BASIS = (
    "derived by csadvisor: the salary placed among the BLS percentiles shown; "
    "percentile_estimate is a straight line between the two published percentiles around "
    "it (an estimate); compa_ratio = salary / local median"
)


def _published(record: "Fields") -> list[tuple[str, int, float]]:
    return [(k, p, float(v)) for k, p in PERCENTILES if (v := number_of(record, k)) is not None]


def band(salary: float, record: "Fields") -> tuple[str | None, float | None]:
    """``("p25-median", 37.9)``: the band and an estimated percentile (None outside p10..p90
    or next to a figure BLS did not publish). ``(None, None)`` with no percentiles at all."""
    return Scale(record).band(salary)


def band_words(code: str | None) -> str:
    """``"p25-median"`` -> ``"between the 25th percentile and the median"``."""
    if code is None:
        return "no published percentiles to compare with"
    if code.startswith("at "):
        key = code[3:]
        return "at the median" if key == "median" else f"at the {WORDS[key]} percentile"
    if code.startswith(("below ", "above ")):
        where, _, rest = code.partition(" ")
        key, _, extra = rest.partition(" ")
        what = "the median" if key == "median" else f"the {WORDS[key]} percentile"
        return f"{where} {what}{' ' + extra if extra else ''}"
    low, high = code.split("-")

    def name(key: str) -> str:
        return "the median" if key == "median" else f"the {WORDS[key]}"

    return f"between {name(low)} and {name(high)}"


def check_fields(salary: float | None, record: "Fields") -> "dict[str, Value]":
    """The ``CHECK_COLUMNS`` of one record: empty when there is no salary."""
    return Scale(record).fields(salary).as_dict()


class Scale:
    """One record's published percentiles, worked out once for many salaries (a staff
    file places 100,000 salaries on a handful of records)."""

    __slots__ = ("_bands", "_first", "_last", "_median", "_points", "_top")

    def __init__(self, record: "Fields") -> None:
        shown = _published(record)
        self._points = {value: key for key, _, value in shown}
        order = [p for _, p in PERCENTILES]
        self._bands = [
            (v1, v2, f"{k1}-{k2}", p1, p2, order.index(p2) - order.index(p1) == 1)
            for (k1, p1, v1), (k2, p2, v2) in pairwise(shown)
        ]
        self._first = shown[0] if shown else None
        self._last = shown[-1] if shown else None
        median = number_of(record, "median")
        self._median = float(median) if median else None
        missing = fields_of(record, "not_published")
        top = next((k for k, _ in PERCENTILES if "top-coded" in str(missing.get(k, ""))), "")
        self._top = f" ({top} top-coded)" if top else ""

    def band(self, salary: float) -> tuple[str | None, float | None]:
        if self._first is None or self._last is None:
            return None, None
        at = self._points.get(salary)
        if at is not None:
            return f"at {at}", float(dict(PERCENTILES)[at])
        if salary < self._first[2]:
            return f"below {self._first[0]}", None
        if salary > self._last[2]:
            return f"above {self._last[0]}{self._top}", None
        for low, high, code, p1, p2, adjacent in self._bands:
            if low < salary < high:
                if not adjacent:
                    return code, None
                return code, round(p1 + (p2 - p1) * (salary - low) / (high - low), 1)
        return None, None  # pragma: no cover - every salary is in one of the above

    def values(self, salary: float | None) -> "Check":
        """The check of ``salary`` as :class:`CheckRow`'s values, in its order."""
        if salary is None:
            return _EMPTY
        code, estimate = self.band(salary)
        ratio = number(salary / self._median) if self._median else None
        return (number(salary), code, estimate, ratio, CHECK_BASIS if code is not None else None)

    def fields(self, salary: float | None) -> CheckRow:
        """The check of ``salary`` against these percentiles (all empty without one)."""
        row: CheckRow = CheckRow.of_values(*self.values(salary))
        return row


_EMPTY: "Check" = (None, None, None, None, None)


def parse_salary(text: str) -> float | None:
    """A salary cell of a staff file: ``41000``, ``41,000``, ``$41,000.50``; None if empty
    or not plainly a positive amount. Commas only group thousands and a decimal point has
    one or two digits after it, so ``41,00`` is not 4,100, ``41.000`` (a thousands point)
    is not 41, and ``1e5``, ``41k`` or ``nan`` are not read at all."""
    cell = text.strip()
    if cell.isascii() and cell.isdigit():  # the common case, first: whole dollars
        value = float(cell)
    elif _AMOUNT.fullmatch(cell):
        value = float(cell.removeprefix("$").replace(",", ""))
    else:
        return None
    return value if 0 < value < _INFINITY else None  # 400 digits are inf, not a salary


_INFINITY = float("inf")
_AMOUNT = re.compile(r"\$? ?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?")
