"""Every output format in one place. The only module that imports rich (lazily).

Data formats (tsv, csv, json, jsonl) are written with the standard library so that
scripted calls never pay for rich; ``table`` and the other human views use rich with
markup and emoji off, and every piece of data wrapped in ``Text`` so that nothing from a
data file is ever interpreted as markup.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


class Format(str, Enum):
    """Output formats shared by every listing command."""

    table = "table"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


DATA_FORMATS = (Format.tsv, Format.csv, Format.json, Format.jsonl)


def default_format(chosen: Format | None, stream: TextIO | None = None) -> Format:
    """``table`` on a terminal, ``tsv`` in a pipe, unless the user chose."""
    if chosen is not None:
        return chosen
    stream = stream or sys.stdout
    return Format.table if _isatty(stream) else Format.tsv


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# --------------------------------------------------------------------------- data formats


def cell(value: Any) -> str:
    """One TSV/CSV cell: no currency symbols, no separators, lists joined with ';'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ";".join(cell(v) for v in value)
    if isinstance(value, Mapping):
        return ";".join(f"{k}={cell(v)}" for k, v in value.items())
    return str(value)


def _tsv_cell(value: Any) -> str:
    return cell(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def write_records(
    records: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: Format,
    out: TextIO,
    *,
    header: bool = True,
) -> None:
    """Write records in a data format. Records are streamed, one line at a time."""
    if fmt is Format.json:
        out.write(json.dumps(list(records), indent=2, ensure_ascii=False) + "\n")
    elif fmt is Format.jsonl:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt is Format.csv:
        import csv

        writer = csv.writer(out, lineterminator="\n")
        if header:
            writer.writerow(columns)
        for record in records:
            writer.writerow([cell(record.get(c)) for c in columns])
    else:
        if header:
            out.write("\t".join(columns) + "\n")
        for record in records:
            out.write("\t".join(_tsv_cell(record.get(c)) for c in columns) + "\n")


def write_json(document: Any, out: TextIO) -> None:
    out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- human views


def console(out: TextIO | None = None) -> Console:
    """A rich console that never interprets markup, emoji or highlighting."""
    from rich.console import Console

    return Console(
        file=out or sys.stdout,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
    )


def _ascii(con: Console) -> bool:
    return not (con.encoding or "").lower().startswith("utf")


def text(value: Any, style: str = "") -> Text:
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


@dataclass(frozen=True)
class TableColumn:
    header: str
    value: Callable[[Mapping[str, Any]], Any]
    justify: str = "left"
    style: str = ""
    no_wrap: bool = False


def write_table(
    records: Sequence[Mapping[str, Any]],
    columns: Sequence[TableColumn],
    out: TextIO,
    *,
    title: str | None = None,
    caption: str | None = None,
) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    con = console(out)
    table = Table(
        title=text(title, "bold") if title else None,
        caption=text(caption, "dim") if caption else None,
        box=box.ASCII if _ascii(con) else box.SIMPLE_HEAD,
        header_style="bold",
        caption_justify="left",
    )
    for col in columns:
        table.add_column(
            col.header,
            justify=col.justify,  # type: ignore[arg-type]
            style=col.style or None,
            no_wrap=col.no_wrap,
            overflow="fold",
        )
    for record in records:
        cells = (col.value(record) for col in columns)
        table.add_row(*(c if isinstance(c, Text) else text(c) for c in cells))
    con.print(table)


def level_bar(level: int, con: Console, width: int = 5) -> str:
    full, empty = ("#", ".") if _ascii(con) else ("\u2588", "\u2591")
    return full * level + empty * (width - level)


def write_role_page(
    record: Mapping[str, Any],
    skill_names: Mapping[str, str],
    next_titles: Mapping[str, str],
    out: TextIO,
) -> None:
    """One role in full, for reading in a terminal."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table

    con = console(out)
    bullet = "-" if _ascii(con) else "\u2022"
    parts: list[Any] = []
    head = text(record["title"], "bold")
    head.append(text(f"  ({record['id']}, level {record['level']})", "dim"))
    parts.append(head)
    parts.append(Padding(text(record["summary"]), (0, 0, 1, 2)))

    parts.append(text("Pay", "bold"))
    if record.get("low") is None:
        parts.append(Padding(text(f"{record['note']}."), (0, 0, 1, 2)))
    else:
        line = text(pay_range_text(record) + f" a {record['period']}")
        mid = money(record["mid"], record["currency"], record["period"])
        line.append(text(f"  (midpoint {mid})", "dim"))
        basis = f"{record['basis']}, {record['region']}; {record['source']} ({record['year']})"
        parts.append(Padding(Group(line, text(basis, "dim")), (0, 0, 1, 2)))

    if record.get("responsibilities"):
        parts.append(text("Responsibilities", "bold"))
        rows = [text(f"{bullet} {r}") for r in record["responsibilities"]]
        parts.append(Padding(Group(*rows), (0, 0, 1, 2)))

    if record.get("skills"):
        parts.append(text("Skills required", "bold"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column()
        grid.add_column(no_wrap=True)
        grid.add_column(style="dim")
        for sid, lvl in record["skills"].items():
            grid.add_row(
                text(skill_names.get(sid, sid)),
                text(level_bar(lvl, con), "cyan"),
                text(f"{lvl}/5  {sid}"),
            )
        parts.append(Padding(grid, (0, 0, 1, 2)))

    parts.append(text("Grows into", "bold"))
    if record.get("next"):
        rows = [text(f"{bullet} {next_titles.get(n, n)} ({n})") for n in record["next"]]
    else:
        rows = [text("no further role on this track")]
    parts.append(Padding(Group(*rows), (0, 0, 1, 2)))

    if record.get("aliases"):
        parts.append(text("Also called", "bold"))
        parts.append(Padding(text(", ".join(record["aliases"])), (0, 0, 0, 2)))
    con.print(Group(*parts))


def write_tree(records: Sequence[Mapping[str, Any]], repeated: Sequence[bool], out: TextIO) -> None:
    """The growth track as a tree, from track records in depth-first order."""
    from rich.tree import Tree

    con = console(out)
    top = Tree(text("Growth track", "bold"), guide_style="dim")
    stack: list[Tree] = [top]
    for record, again in zip(records, repeated, strict=False):
        label = text(record["title"], "bold" if record["depth"] == 0 else "")
        label.append(text(f"  L{record['level']}", "dim"))
        label.append(text(f"  {pay_range_text(record)}", "green" if record["low"] else "dim"))
        if again:
            label.append(text("  (see above)", "dim italic"))
        del stack[record["depth"] + 1 :]
        stack.append(stack[-1].add(label))
    con.print(top)


def mermaid(nodes: Sequence[tuple[str, str]], edges: Sequence[tuple[str, str]]) -> str:
    """A Mermaid flowchart; labels are quoted and their quotes escaped."""

    def label(title: str) -> str:
        safe = title.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
        return f'"{safe}"'

    def node_id(role_id: str) -> str:
        return role_id.replace("-", "_")

    lines = ["flowchart TD"]
    lines += [f"    {node_id(i)}[{label(t)}]" for i, t in nodes]
    lines += [f"    {node_id(a)} --> {node_id(b)}" for a, b in edges]
    return "\n".join(lines) + "\n"
