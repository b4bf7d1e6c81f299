"""The one output path: every command builds a :class:`View`, :func:`emit` prints it.

A view is what a command has to say (its columns and rows) plus how a terminal shows it
(a table, a page, a tree or an assessment result). :func:`emit` picks the format the user
asked for, or the default for where stdout goes, and is the only place that decides.
Nothing here imports rich: the data formats are written with the standard library, and
the terminal drawing (in ``render``) is imported only when a terminal view is drawn.
"""

import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from typing import TYPE_CHECKING, TextIO, cast

from csadvisor.core.models import Cents
from csadvisor.core.rows import Fields, Parts, Record, Row, Value, as_dict
from csadvisor.errors import CONTROL_CHARS, escape_control
from csadvisor.plain import Plain


class Format(str, Enum):
    """Every output format. A command allows some of them (see :data:`LISTING`)."""

    table = "table"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    mermaid = "mermaid"


_CONTROL = CONTROL_CHARS.replace("\x00-\x1f", "\x00-\x08\x0b-\x1f")  # compiled if needed

LISTING = (Format.table, Format.tsv, Format.csv, Format.json, Format.jsonl)
TRACK = (*LISTING, Format.mermaid)


def choices(name: str, allowed: Sequence[Format]) -> type[Enum]:
    """An enum of some formats, for a Typer option (Typer lists an enum's values)."""
    return cast("type[Enum]", Enum(name, {f.name: f.value for f in allowed}, type=str))


if TYPE_CHECKING:
    ListingFormat = Format
else:  # (the track's formats are built where ``track`` is: not at every start)
    ListingFormat = choices("ListingFormat", LISTING)

Rows = Iterable[Record]
Shown = list[Fields]  # the rows by field name, as a terminal view gets them
Document = Mapping[str, object]
"""A whole JSON document (``-f json`` of a result, a sheet): only ever handed to json."""


class View(Plain):
    """What a command prints: the same rows in every format, a terminal view for people.

    ``show(rows, out)`` draws the terminal view (the rows as a list). ``document`` is what
    json prints instead of the list of rows (one record, or a whole result). ``mermaid``
    returns a graph, for views that allow it. ``readable`` views (an assessment result)
    show their terminal view in a pipe too, unless a format is asked for.
    """

    columns: Sequence[str]
    rows: Rows
    show: Callable[[Shown, TextIO], None]
    document: "Record | Document | list[Value] | None" = None
    mermaid: Callable[[], str] | None = None
    readable: bool = False


class Joined(Parts):
    """A record made of a part many records share and a part of its own (its values win).

    A batch answers 100,000 lines with a handful of roles: each line's record shares its
    role's figures, so TSV formats those cells once per role, not once per line.
    """

    __slots__ = ("own", "shared")

    def __init__(self, shared: Record, own: Record) -> None:
        self.parts = (shared, own)
        self.shared = shared
        self.own = own


def isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def default_format(chosen: Enum | str | None, stream: TextIO | None = None) -> Format:
    """``table`` on a terminal, ``tsv`` in a pipe, unless the user chose."""
    if chosen is not None:
        return Format(getattr(chosen, "value", chosen))
    return Format.table if isatty(stream or sys.stdout) else Format.tsv


def emit(
    view: View, fmt: Enum | str | None, header: bool = True, out: TextIO | None = None
) -> None:
    """Print ``view`` in ``fmt`` (a Format, a value of one, or None for the default)."""
    out = out or sys.stdout
    chosen = Format.table if fmt is None and view.readable else default_format(fmt, out)
    if chosen is Format.table:
        view.show([as_dict(r) for r in view.rows], out)
    elif chosen is Format.mermaid:
        assert view.mermaid is not None, "a view that allows mermaid draws one"
        out.write(view.mermaid())
    elif chosen is Format.json and view.document is not None:
        write_json(view.document, out)
    else:
        write_records(view.rows, view.columns, chosen, out, header=header)


# --------------------------------------------------------------------------- data formats


def cell(value: object) -> str:
    """One TSV/CSV cell: no currency symbols, no separators, lists joined with ';'."""
    if type(value) is str:  # the common cases first: a batch formats millions of cells
        return value
    if value is None:
        return ""
    if type(value) is int or type(value) is float:  # not Cents (a float subclass)
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Cents):
        return f"{value:.2f}"
    if isinstance(value, (list, tuple)):
        return ";".join(cell(v) for v in value)
    if isinstance(value, Mapping):
        return ";".join(f"{k}={cell(v)}" for k, v in value.items())
    return str(value)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""OWASP's rule for CSV: a cell starting with one of these is a formula to a spreadsheet."""
TSV_FORMULA_START = ("=", "+", "-", "@")
"""The same for TSV (tab and CR become spaces there anyway)."""


def _neutral(text: str, value: object, starts: tuple[str, ...], words: bool = False) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula: one that begins with
    one of ``starts`` gets a leading single quote, unless it is a number (a number value,
    or text that is a plain negative decimal such as ``-12`` or ``-0.5``, or a lone ``-``).
    With ``words`` (TSV, the pipe format) a ``-`` followed only by letters, spaces and
    hyphens (``- none``, ``--data-dir``) also stays: it can compute, call or reference
    nothing. README, Security, states the rule. Control characters are made visible."""
    if text.startswith(starts) and not isinstance(value, (int, float)) and not _minus(text, words):
        text = "'" + text
    if text.isprintable() or not re.search(_CONTROL, text):
        return text
    return escape_control(text)


def _minus(text: str, words: bool) -> bool:
    """``-`` and a plain decimal (digits, at most one point between digits), or a lone
    ``-``; with ``words`` also ``-`` and only letters, spaces and hyphens."""
    if text[:1] != "-":
        return False
    rest = text[1:]
    if words and rest.replace("-", "").replace(" ", "").isalpha():
        return True
    whole, dot, fraction = rest.partition(".")
    if not whole:
        return not dot
    if not (whole.isascii() and whole.isdigit()):
        return False
    return not dot or (fraction.isascii() and fraction.isdigit())


def _tsv_cell(value: object) -> str:
    text = value if type(value) is str else cell(value)
    if "\t" in text or "\r" in text or "\n" in text:
        text = text.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return _neutral(text, value, TSV_FORMULA_START, words=True)


def _csv_cell(value: object) -> str:
    return _neutral(value if type(value) is str else cell(value), value, FORMULA_START)


def _csv_special(text: str) -> bool:
    """Whether csv.writer (excel dialect) may quote the cell: it has the delimiter, the
    quote or a line end. (Four ``in`` tests: a pattern would be compiled at every start.)"""
    return "," in text or '"' in text or "\r" in text or "\n" in text


def _csv_quoted(value: object) -> str:
    """One CSV cell as csv.writer writes it in a row of several cells (quoted if needed)."""
    text = _csv_cell(value)
    if not _csv_special(text):
        return text
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([text])
    return buffer.getvalue()[:-1]


def write_records(
    records: Rows,
    columns: Sequence[str],
    fmt: Format,
    out: TextIO,
    *,
    header: bool = True,
) -> None:
    """Write records in a data format. Records are streamed, one line at a time."""
    if fmt is Format.json:
        _write_json_array(records, out)
    elif fmt is Format.jsonl:
        import json

        for record in records:
            out.write(json.dumps(as_dict(record), ensure_ascii=False) + "\n")
    elif fmt is Format.csv:
        import csv

        writer = csv.writer(out, lineterminator="\n")
        if header:
            writer.writerow(columns)
        # Joined cells come quoted as csv.writer quotes them (_csv_quoted): a batch's line
        # is then a join, not a writer call scanning every cell again.
        if len(columns) > 1:
            joined = _JoinedCells(columns, _csv_quoted, FORMULA_START, ',"')
        else:
            joined = _JoinedCells(columns, _csv_cell, FORMULA_START)
        for record in records:
            if type(record) is Joined:  # not isinstance: an ABC check costs more than the row
                if len(columns) > 1:
                    out.write(",".join(joined.cells(record)) + "\n")
                else:  # a lone empty cell is written '""' by csv.writer: let it decide
                    writer.writerow(joined.cells(record))
            else:
                fields = as_dict(record)
                writer.writerow([_csv_cell(fields.get(c)) for c in columns])
    else:
        if header:
            out.write("\t".join(columns) + "\n")
        # A batch repeats the same few records many times: format each one once.
        lines: dict[int, tuple[Record, str]] = {}
        joined = _JoinedCells(columns, _tsv_cell, TSV_FORMULA_START)
        for record in records:
            if type(record) is Joined:
                out.write("\t".join(joined.cells(record)) + "\n")
                continue
            seen = lines.get(id(record))
            if seen is None or seen[0] is not record:
                fields = as_dict(record)
                line = "\t".join(_tsv_cell(fields.get(c)) for c in columns) + "\n"
                if len(lines) < 4096:
                    lines[id(record)] = (record, line)
            else:
                line = seen[1]
            out.write(line)


def _write_json_array(records: Rows, out: TextIO) -> None:
    """The records as one indented JSON array, written a record at a time: the same bytes
    as ``json.dumps(list, indent=2)``, in memory one record at a time (``pay -`` on a
    million lines stays flat)."""
    import json

    encode = json.JSONEncoder(indent=2, ensure_ascii=False).encode  # made once, not per record
    separator = "[\n"
    for record in records:
        # A record in a one-item list, indented as an item of the array; "[\n" and "\n]" cut.
        out.write(separator + encode([as_dict(record)])[2:-2])
        separator = ",\n"
    out.write("[]\n" if separator == "[\n" else "\n]\n")


class _JoinedCells:
    """The cells of :class:`Joined` records: the shared part formatted once per record,
    the part of its own (what one input line adds) cell by cell, the usual values (a
    plain text, a number) without the general formatter."""

    def __init__(
        self,
        columns: Sequence[str],
        fmt: Callable[[object], str],
        starts: tuple[str, ...],
        quoted: str = "",
    ) -> None:
        self.columns = columns
        self.fmt = fmt
        self.starts = starts  # a text starting so goes through fmt (a formula)
        self.quoted = quoted  # printable characters fmt would quote for (CSV: , and ")
        self.position = {c: i for i, c in enumerate(columns)}
        self.shared: dict[int, tuple[Record, list[str]]] = {}

    def cells(self, record: Joined) -> list[str]:
        shared = self.shared.get(id(record.shared))
        if shared is None or shared[0] is not record.shared:
            fields = as_dict(record.shared)
            shared = (record.shared, [self.fmt(fields.get(c)) for c in self.columns])
            if len(self.shared) < 4096:
                self.shared[id(record.shared)] = shared
        cells = shared[1].copy()
        own = record.own
        if isinstance(own, Row):
            items: Iterable[tuple[str, Value]] = zip(own.NAMES, own._values, strict=True)
        else:
            items = (own if type(own) is dict else as_dict(own)).items()
        position, starts, quoted = self.position, self.starts, self.quoted
        for name, value in items:
            at = position.get(name)
            if at is None:
                continue
            if type(value) is str:  # (narrows value for mypy, as ``kind is str`` cannot)
                # Printable (no tab, no line break, no control character), not a formula
                # and nothing to quote: the cell is the text itself, as fmt would say.
                if (
                    value.isprintable()
                    and not value.startswith(starts)
                    and not (quoted and (quoted[0] in value or quoted[1] in value))
                ):
                    cells[at] = value
                    continue
            elif (kind := type(value)) is int or kind is float:  # cell(): str(); no formula
                cells[at] = str(value)
                continue
            elif value is None:
                cells[at] = ""
                continue
            cells[at] = self.fmt(value)
        return cells


def write_json(document: "Record | Document | list[Value]", out: TextIO) -> None:
    import json

    if not isinstance(document, list):
        document = dict(document) if isinstance(document, Mapping) else as_dict(document)
    out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
