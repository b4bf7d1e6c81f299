"""A small, strict reader for the CSV data files (OEWS extract, areas, projections).

Why not the ``csv`` module: it costs a millisecond to import on the fast ``pay`` path,
and these files need more checking than parsing: the exact header, no control or
invisible characters, no cell a spreadsheet would run as a formula. The dialect is plain
RFC 4180 with one record per line (a quoted field may hold commas and doubled quotes,
never a line break). Every problem names ``file:line: column``.
"""

import re
from collections.abc import Sequence

from csadvisor.errors import CONTROL_CHARS, Problem

# Control characters (errors.CONTROL_CHARS) plus the zero-width ones that hide text; the
# whole-text search skips the line feeds that end each record.
_INVISIBLE = re.compile(CONTROL_CHARS[:-1] + "\u200b-\u200d\u2060\ufeff]")
_INVISIBLE_IN_TEXT = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)
_FORMULA = re.compile(r'(?:^|,)"?[=+@]', re.MULTILINE)
_QUOTED_FIELD = re.compile(r'"((?:[^"]|"")*)"(?=,|$)|([^,"]*)(?=,|$)')

Row = tuple[int, list[str]]
"""A data line's number (1-based, the header is line 1) and its cells."""


def split_line(line: str) -> list[str] | None:
    """The cells of one CSV line, or None when its quotes are unbalanced or misplaced."""
    if '"' not in line:
        return line.split(",")
    cells: list[str] = []
    position = 0
    while True:
        match = _QUOTED_FIELD.match(line, position)
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
    is a column nobody validated). Blank lines are ignored; ``\\r\\n`` is accepted.
    """
    problems: list[Problem] = []
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
    if _INVISIBLE_IN_TEXT.search(text) or _FORMULA.search(text):
        problems.extend(unsafe_cells(rows, label, columns))
    return rows, problems


def unsafe_cells(rows: list[Row], label: str, columns: Sequence[str]) -> list[Problem]:
    """Cells with control or invisible characters, or that a spreadsheet would evaluate."""
    problems = []
    for number, cells in rows:
        for column, cell in zip(columns, cells, strict=True):
            if _INVISIBLE.search(cell):
                problems.append(Problem(label, number, column, "control or invisible character"))
            elif cell[:1] in ("=", "+", "@"):
                message = f"starts with {cell[0]!r}, which a spreadsheet would run as a formula"
                problems.append(Problem(label, number, column, message))
    return problems


_NUMBER = re.compile(r"\d{1,12}(?:\.\d{1,4})?")
_SIGNED = re.compile(r"-?\d{1,12}(?:\.\d{1,4})?")


def number(cell: str, *, signed: bool = False) -> float | None:
    """A plain decimal (``44770``, ``21.53``; ``-5.5`` when signed), else None.

    Integers stay ``int`` so that JSON shows ``44770``, not ``44770.0``. No exponents,
    no ``inf`` or ``nan``, no thousands separators: nothing a reader could take two ways.
    """
    if not (_SIGNED if signed else _NUMBER).fullmatch(cell):
        return None
    return float(cell) if "." in cell else int(cell)
