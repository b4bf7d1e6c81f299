"""Where a salary sits among BLS's published percentiles: pure, no I/O.

``pay ROLE --location PLACE --salary 41000`` and a staff file's ``--salary-column``.
The answer is the published band ("between the 25th and the median"); a percentile
number is given only as an *estimate* (straight line between the two published
percentiles around it), never below the 10th or above the 90th, and never past a
top-coded or unpublished one. ``compa_ratio`` is salary / local median, computed here.
Every value is labelled derived by csadvisor in ``check_basis``.
"""

from collections.abc import Mapping
from itertools import pairwise
from typing import Any

from csadvisor.core.models import number

PERCENTILES = (("p10", 10), ("p25", 25), ("median", 50), ("p75", 75), ("p90", 90))
WORDS = {"p10": "10th", "p25": "25th", "median": "median", "p75": "75th", "p90": "90th"}
CHECK_COLUMNS = (
    "salary", "percentile_band", "percentile_estimate", "compa_ratio", "check_basis",
)  # fmt: skip
CHECK_BASIS = (
    "derived by csadvisor: the salary placed among the BLS percentiles shown; "
    "percentile_estimate is a straight line between the two published percentiles around "
    "it (an estimate); compa_ratio = salary / local median"
)


def _published(record: Mapping[str, Any]) -> list[tuple[str, int, float]]:
    return [(k, p, float(record[k])) for k, p in PERCENTILES if record.get(k) is not None]


def band(salary: float, record: Mapping[str, Any]) -> tuple[str | None, float | None]:
    """``("p25-median", 37.9)``: the band and an estimated percentile (None outside p10..p90
    or next to a figure BLS did not publish). ``(None, None)`` with no percentiles at all."""
    shown = _published(record)
    if not shown:
        return None, None
    missing = record.get("not_published") or {}
    for key, pct, value in shown:
        if salary == value:
            return f"at {key}", float(pct)
    first, last = shown[0], shown[-1]
    if salary < first[2]:
        return f"below {first[0]}", None
    if salary > last[2]:
        top = next((k for k, _ in PERCENTILES if k in missing and "top-coded" in missing[k]), "")
        return (f"above {last[0]}" + (f" ({top} top-coded)" if top else "")), None
    order = [p for _, p in PERCENTILES]
    for (k1, p1, v1), (k2, p2, v2) in pairwise(shown):
        if v1 < salary < v2:
            estimate = None
            if order.index(p2) - order.index(p1) == 1:  # no unpublished percentile between them
                estimate = round(p1 + (p2 - p1) * (salary - v1) / (v2 - v1), 1)
            return f"{k1}-{k2}", estimate
    return None, None  # pragma: no cover - the loops above cover every salary


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


def check_fields(salary: float | None, record: Mapping[str, Any]) -> dict[str, Any]:
    """The ``CHECK_COLUMNS`` of one record: empty when there is no salary."""
    if salary is None:
        return dict.fromkeys(CHECK_COLUMNS)
    code, estimate = band(salary, record)
    median = record.get("median")
    ratio = number(salary / median) if median else None
    return {
        "salary": number(salary),
        "percentile_band": code,
        "percentile_estimate": estimate,
        "compa_ratio": ratio,
        "check_basis": CHECK_BASIS if code is not None else None,
    }


def parse_salary(text: str) -> float | None:
    """A salary cell of a staff file: ``41000``, ``41,000``, ``$41,000.50``; None if empty
    or not a positive, finite number."""
    import math

    cleaned = text.strip().replace(",", "").removeprefix("$").strip()
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) and value > 0 else None
