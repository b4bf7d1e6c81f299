"""Every output format in one place. The only module that imports rich (lazily).

Data formats (tsv, csv, json, jsonl) are written with the standard library so that
scripted calls never pay for rich; ``table`` and the other human views use rich with
markup and emoji off, and every piece of data wrapped in ``Text`` so that nothing from a
data file is ever interpreted as markup.
"""

import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
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
        import json

        out.write(json.dumps(list(records), indent=2, ensure_ascii=False) + "\n")
    elif fmt is Format.jsonl:
        import json

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
        # A batch repeats the same few records many times: format each one once.
        lines: dict[int, tuple[Mapping[str, Any], str]] = {}
        for record in records:
            seen = lines.get(id(record))
            if seen is None or seen[0] is not record:
                line = "\t".join(_tsv_cell(record.get(c)) for c in columns) + "\n"
                if len(lines) < 4096:
                    lines[id(record)] = (record, line)
            else:
                line = seen[1]
            out.write(line)


def write_json(document: Any, out: TextIO) -> None:
    import json

    out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- human views


def console(out: TextIO | None = None) -> "Console":
    """A rich console that never interprets markup, emoji or highlighting."""
    import os

    from rich.console import Console

    plain = bool(os.environ.get("NO_COLOR"))  # no colour, and no other styling either
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
        parts.append(Padding(bullets(record["responsibilities"], con), (0, 0, 1, 2)))

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
        grows: Any = bullets([f"{next_titles.get(n, n)} ({n})" for n in record["next"]], con)
    else:
        grows = text("no further role on this track")
    parts.append(Padding(grows, (0, 0, 1, 2)))

    if record.get("aliases"):
        parts.append(text("Also called", "bold"))
        parts.append(Padding(text(", ".join(record["aliases"])), (0, 0, 0, 2)))
    con.print(Group(*parts))


def write_skill_page(
    record: Mapping[str, Any], role_titles: Mapping[str, str], out: TextIO
) -> None:
    """One skill in full: the five levels as behaviour, growth actions, who needs it."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table

    from csadvisor.models import CATEGORY_LABELS

    con = console(out)
    head = text(record["name"], "bold")
    category = CATEGORY_LABELS.get(record["category"], record["category"])
    head.append(text(f"  ({record['id']}, {category})", "dim"))
    parts: list[Any] = [head, Padding(text(record["description"]), (0, 0, 1, 2))]
    parts.append(text("What each level looks like", "bold"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for level, line in enumerate(record["levels"], 1):
        grid.add_row(text(f"{level_bar(level, con)} {level}", "cyan"), text(line))
    parts.append(Padding(grid, (0, 0, 1, 2)))
    if record["growth"]:
        parts.append(text("How to grow", "bold"))
        parts.append(Padding(bullets(record["growth"], con), (0, 0, 1, 2)))
    parts.append(text("Needed by", "bold"))
    needed = [
        f"{role_titles.get(role, role)}: level {lvl}" for role, lvl in record["required_by"].items()
    ]
    shown: Any = bullets(needed, con) if needed else text("no role in this catalogue requires it")
    parts.append(Padding(shown, (0, 0, 0, 2)))
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


# --------------------------------------------------------------------------- assessment


def _gain_text(gain: float | None) -> str:
    if gain is None:
        return "pay change: no published range to compare"
    sign = "+" if gain >= 0 else "-"
    return f"pay change: {sign}${abs(gain):,.0f} a year at the midpoint"


def write_result(result: Mapping[str, Any], out: TextIO) -> None:
    """An assessment result for reading in a terminal: profile bars, readiness, gaps."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table

    con = console(out)
    suggestion = result.get("suggestion")
    parts: list[Any] = []

    head = text("Your skills profile", "bold")
    if suggestion:
        head.append(text(f"  compared with {suggestion['title']}", "dim"))
    parts.append(head)
    grid = Table.grid(padding=(0, 2))
    grid.add_column()
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    for row in result["profile"]:
        need = row.get("required")
        bar = text(level_bar(row["rating"], con), "cyan")
        bar.append(text(f" {row['rating']}"))
        if need is None:
            status = text("")
        elif row["rating"] >= need:
            status = text(f"needs {need}  ok", "green")
        else:
            status = text(f"needs {need}  gap {need - row['rating']}", "yellow")
        grid.add_row(text(row["name"]), bar, status)
    parts.append(Padding(grid, (0, 0, 1, 2)))

    parts.append(text("Readiness", "bold"))
    table = Table.grid(padding=(0, 2))
    table.add_column()
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column()
    band_style = {"ready": "green", "close": "yellow", "stretch": "red"}
    for item in result["readiness"]:
        table.add_row(
            text(item["title"]),
            text(f"{item['readiness']}%"),
            text(item["band"], band_style.get(item["band"], "")),
            text(item["reason"], "dim"),
        )
    if not result["readiness"]:
        table.add_row(text("no further role on this track"), text(""), text(""), text(""))
    parts.append(Padding(table, (0, 0, 1, 2)))

    if suggestion:
        line = text("Suggested next role: ", "bold")
        line.append(text(suggestion["title"], "bold cyan"))
        line.append(text(f"  {suggestion['readiness']}% ({suggestion['band']})"))
        parts.append(line)
        detail = f"{suggestion['reason']}; {_gain_text(suggestion['pay_gain'])}"
        parts.append(Padding(text(detail), (0, 0, 1, 2)))
    else:
        parts.append(Padding(text("No next role: this is the top of its track."), (0, 0, 1, 0)))

    if result["top_gaps"]:
        parts.append(text("What to work on", "bold"))
        rows: list[Any] = []
        for gap in result["top_gaps"]:
            title = text(f"{gap['name']}: {gap['rating']} -> {gap['required']}", "bold")
            rows.append(title)
            rows.append(
                Padding(text(f"Next level looks like: {gap['next_level']}", "dim"), (0, 0, 0, 2))
            )
            rows.append(Padding(bullets(gap["growth"], con), (0, 0, 0, 2)))
        parts.append(Padding(Group(*rows), (0, 0, 1, 2)))
    parts.append(text(f"How readiness is computed: {result['formula']}.", "dim"))
    con.print(Group(*parts))


def result_markdown(result: Mapping[str, Any]) -> str:
    """A career plan in Markdown, to bring to a conversation with a manager."""

    def md(value: Any) -> str:
        # Data is literal text: escape what Markdown would read as formatting.
        out = str(value)
        for ch in "\\`*_{}[]<#|":
            out = out.replace(ch, "\\" + ch)
        return out

    suggestion = result.get("suggestion")
    lines = ["# Career plan", ""]
    lines.append(f"- Assessment: {md(result['id'])} ({md(result['created'])})")
    lines.append(f"- Current role: {md(result.get('role_title') or 'not in customer service yet')}")
    if suggestion:
        lines.append(
            f"- Suggested next role: **{md(suggestion['title'])}**, {suggestion['readiness']}% "
            f"ready ({suggestion['band']}): {md(suggestion['reason'])}"
        )
        lines.append(f"- {md(_gain_text(suggestion['pay_gain']))}")
    else:
        lines.append("- Suggested next role: none (top of the track)")
    lines += ["", "## Readiness", "", "| Role | Readiness | Band | Why |", "|---|---:|---|---|"]
    for item in result["readiness"]:
        cells = [md(item["title"]), f"{item['readiness']}%", item["band"], md(item["reason"])]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "## Skills profile", "", "| Skill | Me | Needed |", "|---|---:|---:|"]
    for row in result["profile"]:
        need = "" if row["required"] is None else str(row["required"])
        lines.append(f"| {md(row['name'])} | {row['rating']} | {need} |")
    if result["top_gaps"]:
        lines += ["", "## What I will work on", ""]
        for gap in result["top_gaps"]:
            lines.append(f"### {md(gap['name'])}: {gap['rating']} -> {gap['required']}")
            lines.append("")
            lines.append(f"Next level: {md(gap['next_level'])}")
            lines.append("")
            lines += [f"- [ ] {md(g)}" for g in gap["growth"]]
            lines.append("")
    lines += ["", f"_How readiness is computed: {md(result['formula'])}._", ""]
    return "\n".join(lines)
