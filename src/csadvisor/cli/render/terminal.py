"""The pieces every terminal view is drawn with.

rich runs with markup and emoji off, and every piece of data is wrapped in ``Text``, so
nothing from a data file is ever interpreted as markup.
"""

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from csadvisor.core.rows import Fields, Value, number_of, text_of

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

Getter = Callable[[Fields], "Text | Value"]
"""What a table column shows for a row (text, or anything rich draws)."""


class TrimmedLines:
    """A stream that drops the spaces rich pads each line with, for files and pipes."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.pending = ""

    @property
    def encoding(self) -> str | None:
        return getattr(self.out, "encoding", None)

    def isatty(self) -> bool:
        return False

    def write(self, data: str) -> int:
        *lines, self.pending = (self.pending + data).split("\n")
        for line in lines:
            self.out.write(line.rstrip(" ") + "\n")
        return len(data)

    def flush(self) -> None:
        # rich ends every print with a line break; anything after one waits for the next
        self.out.flush()

    def fileno(self) -> int:
        return self.out.fileno()


def console(out: TextIO | None = None, *, plain: bool = False) -> "Console":
    """A rich console that never interprets markup, emoji or highlighting.

    Off a terminal (a file, a pipe) the spaces that pad each line are left out.
    ``plain`` (accessible mode, or NO_COLOR) writes text only: no colour or other styling.
    """
    import os

    from rich.console import Console

    from csadvisor.cli.output import isatty

    target = out or sys.stdout
    plain = plain or bool(os.environ.get("NO_COLOR"))  # no colour, and no other styling either
    return Console(
        file=target if isatty(target) else TrimmedLines(target),  # type: ignore[arg-type]
        color_system=None if plain else "auto",
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
    )


def _ascii(con: "Console") -> bool:
    return not (con.encoding or "").lower().startswith("utf")


def text(value: object, style: str = "") -> "Text":
    """Data as literal text: brackets stay brackets."""
    from rich.text import Text

    return Text("" if value is None else str(value), style=style)


def money(value: float | None, currency: str | None, period: str | None = None) -> str:
    if value is None:
        return ""
    # one format per period: whole dollars a year, cents an hour and a month
    whole = period not in ("hour", "month") and float(value).is_integer()
    amount = f"{value:,.0f}" if whole else f"{value:,.2f}"
    return f"${amount}" if currency == "USD" else f"{amount} {currency or ''}".strip()


def pay_range_text(record: Fields) -> str:
    if record.get("low") is None:
        return text_of(record, "note") or ""
    cur, per = text_of(record, "currency"), text_of(record, "period")
    low, high = number_of(record, "low"), number_of(record, "high")
    return f"{money(low, cur, per)} - {money(high, cur, per)}"


class TableColumn:
    """One column of a human table: its header and how to get its cell from a record."""

    __slots__ = ("header", "justify", "min_width", "no_wrap", "style", "value")

    def __init__(
        self,
        header: str,
        value: Getter,
        justify: str = "left",
        style: str = "",
        no_wrap: bool = False,
        min_width: int | None = None,
    ) -> None:
        self.header = header
        self.min_width = min_width
        self.value = value
        self.justify = justify
        self.style = style
        self.no_wrap = no_wrap


# Below this width a listing is shown as one block per record instead of a table.
STACK_BELOW = 80


def _longest_word(cell: "Text") -> int:
    from rich.cells import cell_len

    return max((cell_len(word) for word in cell.plain.split()), default=0)


def _longest_line(cell: "Text") -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in cell.plain.splitlines()), default=0)


def _share(least: list[int], most: list[int], room: int) -> list[int]:
    """Column widths: each at least its longest word; the room left goes first to the
    columns that want least more (a pay range fits on one line before a long list grows)."""
    if sum(most) <= room:
        return most
    widths = list(least)
    spare = room - sum(least)
    order = sorted(range(len(least)), key=lambda i: most[i] - least[i])
    for left, i in enumerate(order):
        give = min(most[i] - least[i], spare // (len(order) - left))
        widths[i] += give
        spare -= give
    return widths


def write_table(
    records: Sequence[Fields],
    columns: Sequence[TableColumn],
    out: TextIO,
    *,
    title: str | None = None,
    caption: str | None = None,
    spaced: bool = False,
) -> None:
    """A table of records; ``spaced`` puts a blank line between multi-line rows.

    No word is ever cut in two: each column is at least as wide as its longest word
    (an id is one word), so text wraps at spaces only. When the terminal is narrower
    than :data:`STACK_BELOW` columns, or the columns cannot all fit, each record is
    shown as a block of "Header: value" lines instead.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    con = console(out)
    rows = [
        [c if isinstance(c, Text) else text(c) for c in (col.value(r) for col in columns)]
        for r in records
    ]
    least = [
        max(
            col.min_width or 0,
            _longest_word(text(col.header)),
            *((_longest_line if col.no_wrap else _longest_word)(row[i]) for row in rows),
        )
        for i, col in enumerate(columns)
    ]
    most = [
        max(least[i], _longest_line(text(col.header)), *(_longest_line(row[i]) for row in rows))
        for i, col in enumerate(columns)
    ]
    room = con.width - (3 * len(columns) + 1)  # cell padding and rules of the box
    if con.width < STACK_BELOW or sum(least) > room:
        _write_stacked(rows, columns, con, title)
    else:
        widths = _share(least, most, room)
        table = Table(
            title=text(title, "bold") if title else None,
            box=box.ASCII if _ascii(con) else box.SIMPLE_HEAD,
            header_style="bold",
            leading=1 if spaced else 0,
        )
        for col, width in zip(columns, widths, strict=True):
            table.add_column(
                col.header,
                justify=col.justify,  # type: ignore[arg-type]
                style=col.style or None,
                no_wrap=col.no_wrap,
                width=width,
                overflow="fold",  # never used: no column is narrower than its longest word
            )
        for row in rows:
            table.add_row(*row)
        con.print(table)
    if caption:  # below the table, at the terminal's width rather than the table's
        con.print(text(caption, "dim"))


def _write_stacked(
    rows: Sequence[Sequence["Text"]],
    columns: Sequence[TableColumn],
    con: "Console",
    title: str | None,
) -> None:
    """One block per record: its first cell as a heading, then each other column.

    Labels sit beside their values; in a record where a value has a word too long for
    that, every label goes on its own line with its value indented below.
    """
    from rich.padding import Padding
    from rich.table import Table

    if title:
        con.print(text(title, "bold"))
        con.print()
    label_width = max((len(col.header) for col in columns[1:]), default=0) + 3
    for row in rows:
        heading = row[0].copy() if row else text("")
        heading.stylize("bold")
        con.print(heading)
        cells = [
            (col, cell)
            for col, cell in zip(columns[1:], row[1:], strict=True)
            if cell.plain.strip()
        ]
        beside = all(  # a line that must not wrap (a picture) counts whole, not by words
            label_width + 1 + (_longest_line if col.no_wrap else _longest_word)(cell) <= con.width
            for col, cell in cells
        )
        if beside:
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True, min_width=label_width)
            grid.add_column(overflow="fold")
            for col, cell in cells:
                grid.add_row(text(f"  {col.header}:", "dim"), cell)
            con.print(grid)
        else:
            for col, cell in cells:
                header = col.header
                con.print(text(f"  {header}:", "dim"))
                con.print(Padding(cell, (0, 0, 0, 4)))
        con.print()


def bullets(items: Sequence["str | Text"], con: "Console") -> "RenderableType":
    """A list whose wrapped lines hang under the text, not under the bullet."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    mark = "-" if _ascii(con) else "\u2022"
    for item in items:
        grid.add_row(text(mark), item if not isinstance(item, str) else text(item))
    return grid


def range_bar(
    low: float, high: float, scale_low: float, scale_high: float, con: "Console", width: int = 24
) -> "Text":
    """A pay range drawn on a shared scale: where it starts, where it ends."""
    span = (scale_high - scale_low) or 1.0
    start = round((low - scale_low) / span * (width - 1))
    end = max(start, round((high - scale_low) / span * (width - 1)))
    track, fill = (".", "=") if _ascii(con) else ("\u00b7", "\u2501")
    bar = text(track * start, "dim")
    bar.append(text(fill * (end - start + 1), "green"))
    bar.append(text(track * (width - end - 1), "dim"))
    return bar


def level_bar(level: int, con: "Console", width: int = 5) -> str:
    full, empty = ("#", ".") if _ascii(con) else ("\u2588", "\u2591")
    return full * level + empty * (width - level)
