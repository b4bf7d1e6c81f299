"""Reading the names of a batch: one per line, or one column of a TSV/CSV table.

Each name comes with the number of the input line it was on, so every output record can
be joined back to its input. What spreadsheets put in files is accepted as it comes: a
UTF-8 byte-order mark at the start, Windows line ends (CRLF), blank lines (kept in place).
No typer, no rich: the command turns :class:`NameInputError` into a usage error.
"""

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from csadvisor.plain import Plain

if TYPE_CHECKING:
    from typing import TextIO

BOM = "\ufeff"
INPUT_FORMATS = ("lines", "tsv", "csv")
MAX_LINE = 1 << 16
"""Characters kept of one input line (a row of a wide table fits; no name is that long)."""


class NameInputError(ValueError):
    """The input does not have what the options ask for (a column, a header)."""


class NameLine(Plain):
    """One name to look up: where it came from, as typed, and the columns carried along."""

    line: int | None  # input line number (1 = the first line, header included)
    query: str  # the name as typed, spaces at the ends removed
    kept: dict[str, str]
    problem: str = ""  # why the line could not be read (then query is empty)


UNBALANCED = (
    "unbalanced quotes, so no name was read (each CSV record must be on one line: "
    "a stray '\"', or a quoted cell with a line break?)"
)


def bounded(stream: "TextIO") -> Iterator[str]:
    """The lines of ``stream``, each cut at MAX_LINE characters.

    The rest of a longer line is read in pieces and dropped, so a 6 MB line costs no more
    memory or time than a short one, and the lines after it keep their numbers.
    """
    while True:
        line = stream.readline(MAX_LINE)
        if not line:
            return
        if len(line) == MAX_LINE and not line.endswith("\n"):
            rest = line
            while rest and not rest.endswith("\n"):
                rest = stream.readline(MAX_LINE)
            line += "\n"
        yield line


def _clean(line: str) -> str:
    return line.rstrip("\r\n").rstrip("\r")


def read_lines(lines: Iterable[str]) -> Iterator[NameLine]:
    """One name per line; a blank line is a name-less record in its place."""
    kept: dict[str, str] = {}  # shared: nothing is carried from a plain list of names
    for number, raw in enumerate(lines, start=1):
        if number == 1 and raw.startswith(BOM):
            raw = raw[1:]
        yield NameLine(number, raw.strip(), kept)


def read_table(
    lines: Iterable[str],
    input_format: str | None,
    column: str,
    keep: Sequence[str] = (),
) -> Iterator[NameLine]:
    """Names from ``column`` (a header name, or a 1-based number) of a table with a header.

    ``input_format`` is ``tsv`` or ``csv``; None decides from the header row (a tab in it
    means tsv). ``keep`` names more columns whose cells each record carries along. The
    header row is read and checked at once, so a wrong column is reported before any
    output is written.
    """
    import csv

    source = iter(lines)
    first = next(source, None)
    if first is None:
        return iter(())
    if first.startswith(BOM):
        first = first[1:]
    if input_format is None:
        input_format = "tsv" if "\t" in first else "csv"

    def rows() -> Iterator[tuple[int, list[str] | None]]:
        if input_format == "tsv":
            for number, raw in enumerate(_chain(first, source), start=1):
                yield number, _clean(raw).split("\t")
        else:
            # One reader, handed one line at a time: a record that would go on past its
            # line asks for another and finds none (IndexError), so it is that line's
            # problem alone, as if each line had a reader of its own.
            given: list[str] = []
            reader = csv.reader(iter(given.pop, None), strict=True)
            for number, raw in enumerate(_chain(first, source), start=1):
                line = _clean(raw)
                if '"' not in line and "\r" not in line and "\0" not in line:
                    # Nothing quoted: the cells are what is between the commas.
                    yield number, line.split(",") if line else []
                    continue
                given.append(line)
                try:
                    cells = next(reader)
                except (csv.Error, IndexError):
                    given.clear()
                    reader = csv.reader(iter(given.pop, None), strict=True)
                    yield number, None
                else:
                    yield number, cells

    table = rows()
    _, cells = next(table)
    if cells is None:
        raise NameInputError("the header row: " + UNBALANCED.split(",", 1)[0])
    header = [h.strip() for h in cells]
    where = _column_index(header, column)
    kept = [(name, _column_index(header, name)) for name in keep]
    return _records(table, where, kept)


def _records(
    table: Iterator[tuple[int, list[str] | None]], where: int, kept: list[tuple[str, int]]
) -> Iterator[NameLine]:
    for number, row in table:
        if row is None:
            yield NameLine(number, "", {name: "" for name, _ in kept}, UNBALANCED)
            continue
        name = row[where].strip() if where < len(row) else ""
        if not name and not any(cell.strip() for cell in row):
            yield NameLine(number, "", {name: "" for name, _ in kept})
            continue
        yield NameLine(number, name, {k: (row[i] if i < len(row) else "") for k, i in kept})


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _column_index(header: list[str], column: str) -> int:
    """The index of ``column`` in ``header``: its name (any case) or its number from 1."""
    if column.isdigit():
        number = int(column)
        if 1 <= number <= len(header):
            return number - 1
        raise NameInputError(f"--column {column}: the header row has {len(header)} column(s)")
    folded = [h.casefold() for h in header]
    if column.casefold() in folded:
        return folded.index(column.casefold())
    shown = ", ".join(header) if header else "none"
    raise NameInputError(f"no column '{column}' in the header row; its columns: {shown}")
