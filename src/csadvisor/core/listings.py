"""The rows ``pay`` prints, and the fields other rows share. Each field is declared once.

``pay ROLE -f tsv`` starts by importing this module: it holds only what ``pay`` needs
(the starting range, what was asked, the local BLS figures for ``--field``); the other
listings' rows are in ``rolerows``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from csadvisor.core.models import PayRange, Role, amount
from csadvisor.core.rows import Col, Row, Value, columns

if TYPE_CHECKING:
    pass

NO_RANGE = "no published range"
UNKNOWN_ROLE = "unknown role"
BLANK_NAME = "no name on this line"
UNREADABLE_LINE = "unreadable line"

# Fields several rows share, declared once (``low = LOW`` in a row class).
ID: Col[str] = Col("Id", "the role's id")
TITLE: Col[str] = Col("Role", "the role's title")
LEVEL: Col[int] = Col("Level", "rung on the ladder, 1 (entry) to 5")
NEXT: Col[list[str]] = Col("Next", "ids of the roles this grows into")
LOW: Col[float | None] = Col("Low", "low end of the starting range", choice=True)
HIGH: Col[float | None] = Col("High", "high end of the starting range", choice=True)
MID: Col[float | None] = Col("Midpoint", "middle of the range, not a median", choice=True)
CURRENCY: Col[str | None] = Col("Currency", "ISO currency code")
PERIOD: Col[str | None] = Col("Per", "year, month or hour")
BASIS: Col[str | None] = Col("Basis", "what is measured, e.g. starting salary")
REGION: Col[str | None] = Col("Region", "where the figures apply")
SOURCE: Col[str | None] = Col("Source", "who published the range")
YEAR: Col[int | None] = Col("Year", "the year the range applies to")
NOTE: Col[str | None] = Col("Note", "why there is no figure")


RANGE = (
    "low", "high", "mid", "currency", "period", "derived", "basis", "region", "source",
    "year", "adjusted_by", "factor", "note",
)  # fmt: skip
NO_FIGURES = dict.fromkeys(RANGE, None) | {"derived": False, "note": NO_RANGE}


def range_fields(pay: PayRange | None) -> dict[str, Value]:
    """A published starting range as printed: whole dollars a year, cents otherwise."""
    if pay is None:
        return NO_FIGURES
    return {
        "low": amount(pay.low, pay.period),
        "high": amount(pay.high, pay.period),
        "mid": amount(pay.mid, pay.period),
        "currency": pay.currency,
        "period": pay.period,
        "derived": pay.derived,
        "basis": pay.basis,
        "region": pay.region,
        "source": pay.source,
        "year": pay.year,
        "adjusted_by": pay.adjusted_by,
        "factor": pay.factor,
        "note": None,
    }


class PayRow(Row):
    """``pay``: one role's starting range."""

    role: Col[str | None] = Col("Id", "the role's id")
    title: Col[str | None] = Col("Role", "the role's title")
    low = LOW
    high = HIGH
    mid = MID
    currency = CURRENCY
    period = PERIOD
    derived: Col[bool | None] = Col("Derived", "true when not in the published period")
    basis = BASIS
    region = REGION
    source = SOURCE
    year = YEAR
    adjusted_by: Col[str | None] = Col("Adjusted by", "the factor's name, if adjusted")
    factor: Col[float | None] = Col("Factor", "the pay factor applied, if any")
    note = NOTE

    @classmethod
    def of(cls, role: Role, pay: PayRange | None) -> PayRow:
        return cls(role=role.id, title=role.title, **range_fields(pay))

    @classmethod
    def unanswered(cls, note: str) -> PayRow:
        """A line that names no role: every field empty but the note."""
        return cls(role=None, title=None, **{**NO_FIGURES, "derived": None, "note": note})


class Request(Row):
    """``pay``: what was asked, after the figures (the input columns kept come after)."""

    query: Col[str] = Col("Query", "the name as typed")
    line: Col[int | None] = Col("Line", "its input line, empty for an argument")
    suggestion: Col[str | None] = Col("Did you mean", "the closest name, when unknown")


# --------------------------------------------------------------------------- local (BLS)
# Built by ``core.localpay``; declared here so ``--field`` and the column lists need no
# BLS module at start-up.

BLS_SCHEMA: Col[int] = Col("", "2: a record with BLS figures").json_only()


class LocalPayRow(Row):
    """``pay --location`` (and ``role``): an occupation's BLS figures in a place.

    A field with ``stat`` is read from the extract: ``a_``/``h_`` + stat per year or hour
    when BLS publishes both (a wage), else the column itself (a count). Adding a statistic
    is a line in ``wages.BLS_MEASURES`` and a field here.
    """

    location: Col[str] = Col("Location", "the place as asked")
    area_code: Col[str | None] = Col("Area code", "the BLS area the figures are for")
    area: Col[str | None] = Col("Area", "its name")
    area_kind: Col[str | None] = Col("Kind", "nation, state, metro or nonmetro")
    soc: Col[str | None] = Col("SOC", "the occupation the role reads")
    occupation: Col[str | None] = Col("Occupation", "its official OEWS title")
    local_period: Col[str] = Col("Per", "year, month (year / 12) or hour (BLS's own)")
    local_derived: Col[bool] = Col("Derived", "true for month: year / 12")
    p10: Col[float | None] = Col("10th", "10th percentile", choice=True, stat="pct10")
    p25: Col[float | None] = Col("25th", "25th percentile", choice=True, stat="pct25")
    median: Col[float | None] = Col("Median", "median", choice=True, stat="median")
    p75: Col[float | None] = Col("75th", "75th percentile", choice=True, stat="pct75")
    p90: Col[float | None] = Col("90th", "90th percentile", choice=True, stat="pct90")
    mean: Col[float | None] = Col("", "mean wage", stat="mean")
    employment: Col[float | None] = Col("Employed", "employment", stat="tot_emp")
    local_basis: Col[str | None] = Col("Basis", "all employed workers in the occupation")
    local_source: Col[str | None] = Col("Source", "BLS OEWS and its release")
    not_published: Col[dict[str, str]] = Col("Not published", "statistic -> BLS's reason")
    local_note: Col[str | None] = Col("Note", "which nearest level was used, and why")
    schema_version = BLS_SCHEMA


PAY_COLUMNS = columns(PayRow, Request)
LOCAL_COLUMNS = columns(LocalPayRow)
"""With --location (a BLS area), these come after the columns above: a script written
against the columns without a location keeps working unchanged."""
