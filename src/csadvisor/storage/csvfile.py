"""A small, strict reader for the CSV data files (OEWS extract, areas, projections).

Why not the ``csv`` module: it costs a millisecond to import on the fast ``pay`` path,
and these files need more checking than parsing: the exact header, no control or
invisible characters (a cell that starts like a spreadsheet formula is text: CSV and TSV
output neutralise it). The dialect is plain
RFC 4180 with one record per line (a quoted field may hold commas and doubled quotes,
never a line break). Every problem names ``file:line: column``.
"""

import re
from collections.abc import Sequence
from functools import cache

from csadvisor.errors import CONTROL_CHARS, Problem


@cache
def _pattern(name: str) -> "re.Pattern[str]":
    """Compiled on first use: a clean file never needs most of these (import stays cheap)."""
    patterns = {
        # Control characters (errors.CONTROL_CHARS) plus the zero-width ones that hide text.
        "invisible": CONTROL_CHARS[:-1] + "\u00ad\u200b-\u200d\u2060\ufeff]",
        "quoted": r'"((?:[^"]|"")*)"(?=,|$)|([^,"]*)(?=,|$)',
    }
    return re.compile(patterns[name])


Row = tuple[int, list[str]]
"""A data line's number (1-based, the header is line 1) and its cells."""


def split_line(line: str) -> list[str] | None:
    """The cells of one CSV line, or None when its quotes are unbalanced or misplaced."""
    if '"' not in line:
        return line.split(",")
    cells: list[str] = []
    position = 0
    while True:
        match = _pattern("quoted").match(line, position)
        if match is None:
            return None
        quoted, plain = match.groups()
        cells.append(quoted.replace('""', '"') if quoted is not None else plain)
        position = match.end()
        if position == len(line):
            return cells
        position += 1  # the comma


def read_rows(text: str, label: str, columns: Sequence[str]) -> tuple[list[Row], list[Problem]]:
    """The rows of a CSV text whose header must be exactly ``columns``.

    Unknown, missing or reordered columns are refused (a column a script did not expect
    is a column nobody validated). Blank lines are ignored; ``\\r\\n`` and a leading
    byte-order mark (as spreadsheets save "CSV UTF-8") are accepted.
    """
    problems: list[Problem] = []
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header = split_line(lines[0]) if lines else None
    if header is None or not header or header == [""]:
        return [], [Problem(label, 1, "", "no header line")]
    if list(header) != list(columns):
        unknown = [c for c in header if c not in columns]
        missing = [c for c in columns if c not in header]
        if unknown:
            message = f"unknown column {unknown[0]!r}; expected: {', '.join(columns)}"
        elif missing:
            message = f"missing column {missing[0]!r}; expected: {', '.join(columns)}"
        else:
            message = f"columns out of order; expected: {', '.join(columns)}"
        return [], [Problem(label, 1, "", message)]
    width = len(columns)
    rows: list[Row] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        cells = split_line(line)
        if cells is None:
            problems.append(Problem(label, number, "", "malformed quoting"))
        elif len(cells) != width:
            problems.append(Problem(label, number, "", f"{len(cells)} cells, expected {width}"))
        else:
            rows.append((number, cells))
    if not text.replace("\n", "").isprintable():
        problems.extend(unsafe_cells(rows, label, columns))  # the careful, cell-by-cell look
    return rows, problems


def unsafe_cells(rows: list[Row], label: str, columns: Sequence[str]) -> list[Problem]:
    """Cells with control or invisible characters."""
    problems = []
    for number, cells in rows:
        for column, cell in zip(columns, cells, strict=True):
            if _pattern("invisible").search(cell):
                problems.append(Problem(label, number, column, "control or invisible character"))
    return problems


def number(cell: str, *, signed: bool = False) -> float | None:
    """A plain decimal (``44770``, ``21.53``; ``-5.5`` when signed), else None.

    Integers stay ``int`` so that JSON shows ``44770``, not ``44770.0``. No exponents,
    no ``inf`` or ``nan``, no signs or spaces, no thousands separators: nothing a reader
    could take two ways.
    """
    digits = cell[1:] if signed and cell.startswith("-") else cell
    whole, dot, fraction = digits.partition(".")
    if not (whole.isascii() and whole.isdigit() and len(whole) <= 12):
        return None
    if dot and not (fraction.isascii() and fraction.isdigit() and len(fraction) <= 4):
        return None
    return float(cell) if dot else int(cell)
