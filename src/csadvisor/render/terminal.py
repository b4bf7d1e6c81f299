"""The pieces every terminal view is drawn with.

rich runs with markup and emoji off, and every piece of data is wrapped in ``Text``, so
nothing from a data file is ever interpreted as markup.
"""

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


def console(out: TextIO | None = None, *, plain: bool = False) -> "Console":
    """A rich console that never interprets markup, emoji or highlighting.

    ``plain`` (accessible mode, or NO_COLOR) writes text only: no colour or other styling.
    """
    import os

    from rich.console import Console

    plain = plain or bool(os.environ.get("NO_COLOR"))  # no colour, and no other styling either
    return Console(
        file=out or sys.stdout,
        color_system=None if plain else "auto",
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
    )


def _ascii(con: "Console") -> bool:
    return not (con.encoding or "").lower().startswith("utf")


def text(value: Any, style: str = "") -> "Text":
    """Data as literal text: brackets stay brackets."""
    from rich.text import Text

    return Text("" if value is None else str(value), style=style)


def money(value: float | None, currency: str | None, period: str | None = None) -> str:
    if value is None:
        return ""
    whole = period != "hour" and float(value).is_integer()
    amount = f"{value:,.0f}" if whole else f"{value:,.2f}"
    return f"${amount}" if currency == "USD" else f"{amount} {currency or ''}".strip()


def pay_range_text(record: Mapping[str, Any]) -> str:
    if record.get("low") is None:
        return record.get("note") or ""
    cur, per = record.get("currency"), record.get("period")
    return f"{money(record['low'], cur, per)} - {money(record['high'], cur, per)}"


class TableColumn:
    """One column of a human table: its header and how to get its cell from a record."""

    __slots__ = ("header", "justify", "min_width", "no_wrap", "style", "value")

    def __init__(
        self,
        header: str,
        value: Callable[[Mapping[str, Any]], Any],
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


def write_table(
    records: Sequence[Mapping[str, Any]],
    columns: Sequence[TableColumn],
    out: TextIO,
    *,
    title: str | None = None,
    caption: str | None = None,
    spaced: bool = False,
) -> None:
    """A table of records; ``spaced`` puts a blank line between multi-line rows."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    con = console(out)
    table = Table(
        title=text(title, "bold") if title else None,
        box=box.ASCII if _ascii(con) else box.SIMPLE_HEAD,
        header_style="bold",
        leading=1 if spaced else 0,
    )
    for col in columns:
        table.add_column(
            col.header,
            justify=col.justify,  # type: ignore[arg-type]
            style=col.style or None,
            no_wrap=col.no_wrap,
            min_width=col.min_width,
            overflow="fold",
        )
    for record in records:
        cells = (col.value(record) for col in columns)
        table.add_row(*(c if isinstance(c, Text) else text(c) for c in cells))
    con.print(table)
    if caption:  # below the table, at the terminal's width rather than the table's
        con.print(text(caption, "dim"))


def bullets(items: Sequence[Any], con: "Console") -> Any:
    """A list whose wrapped lines hang under the text, not under the bullet."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    mark = "-" if _ascii(con) else "\u2022"
    for item in items:
        grid.add_row(text(mark), item if hasattr(item, "spans") else text(item))
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
