"""BLS Employment Projections 2024-34 for the roles' occupations: read and validate.

A second BLS product beside the OEWS wages (``oews``): employment now and in ten years,
its change in percent, openings a year and the typical entry education, per occupation
(``projections.csv``, written by ``scripts/build_oews.py`` from the hand-checked figures).
"""

from csadvisor.core.wages import Projection as Projection
from csadvisor.errors import Problem
from csadvisor.storage.csvfile import number, read_rows
from csadvisor.storage.oews import _is_code, is_soc

PROJECTIONS_FILE = "projections.csv"
PROJECTIONS = "BLS Employment Projections 2024-34"
PROJECTION_COLUMNS = (
    "soc",
    "period",
    "employment_start_thousands",
    "employment_end_thousands",
    "change_percent",
    "openings_per_year_thousands",
    "entry_education",
    "source",
)
ProjectionRow = tuple[str, str, float, float, float, float, str, str]
"""A :class:`Projection`'s values, in its order (``Projection(*row)``): what the file gives."""


def parse_projections(
    text: str, label: str = PROJECTIONS_FILE
) -> tuple[dict[str, ProjectionRow], list[Problem]]:
    """SOC code -> a :class:`Projection` as a plain tuple (``Projection(*row)``)."""
    rows, problems = read_rows(text, label, PROJECTION_COLUMNS)
    found: dict[str, ProjectionRow] = {}
    for line, cells in rows:
        row = _projection_row(line, cells, label, problems)
        if row is None:
            continue
        if row[0] in found:
            problems.append(Problem(label, line, "soc", f"{row[0]} given twice"))
        else:
            found[row[0]] = row
    return found, problems


def _projection_row(
    line: int, cells: list[str], label: str, problems: list[Problem]
) -> ProjectionRow | None:
    soc, period, start, end, change, openings, education, source = cells
    start_count = len(problems)
    if not is_soc(soc):
        problems.append(Problem(label, line, "soc", f"{soc!r} is not an SOC code (43-4051)"))
    if not _is_code(period, "0000-00"):
        problems.append(Problem(label, line, "period", f"{period!r} is not like 2024-34"))
    numbers: list[float] = []
    for column, cell, signed in (
        ("employment_start_thousands", start, False),
        ("employment_end_thousands", end, False),
        ("change_percent", change, True),
        ("openings_per_year_thousands", openings, False),
    ):
        value = number(cell, signed=signed)
        if value is None:
            problems.append(Problem(label, line, column, f"{cell!r} is not a number"))
        else:
            numbers.append(value)
    for column, cell in (("entry_education", education), ("source", source)):
        if not cell.strip():
            problems.append(Problem(label, line, column, "is empty"))
    if len(problems) > start_count:
        return None
    first, last, percent, yearly = numbers
    if first > 0 and abs((last - first) / first * 100 - percent) > 0.1:
        expected = (last - first) / first * 100
        message = f"{percent:g} does not match the employment figures ({expected:.1f})"
        problems.append(Problem(label, line, "change_percent", message))
        return None
    return (soc, period, first, last, percent, yearly, education, source)
