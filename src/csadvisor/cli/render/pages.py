"""One thing in full for reading in a terminal: a role, a skill, the growth track."""

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

from csadvisor.cli.render.terminal import bullets, console, level_bar, money, pay_range_text, text
from csadvisor.core.rows import Fields, fields_of, int_of, levels_of, number_of, text_of, texts_of

if TYPE_CHECKING:
    from rich.console import RenderableType


def write_role_page(
    record: Fields,
    skill_names: Mapping[str, str],
    next_titles: Mapping[str, str],
    out: TextIO,
) -> None:
    """One role in full, for reading in a terminal."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table

    con = console(out)
    parts: list[RenderableType] = []
    head = text(record["title"], "bold")
    head.append(text(f"  ({record['id']}, level {record['level']})", "dim"))
    parts.append(head)
    parts.append(Padding(text(record["summary"]), (0, 0, 1, 2)))

    parts.append(text("Pay", "bold"))
    if record.get("low") is None:
        parts.append(Padding(text(f"{record['note']}."), (0, 0, 1, 2)))
    else:
        line = text(pay_range_text(record) + f" a {record['period']}")
        period = text_of(record, "period")
        mid = money(number_of(record, "mid"), text_of(record, "currency"), period)
        line.append(text(f"  (midpoint {mid})", "dim"))
        basis = f"{record['basis']}, {record['region']}; {record['source']} ({record['year']})"
        parts.append(Padding(Group(line, text(basis, "dim")), (0, 0, 1, 2)))

    if "local_source" in record:
        parts += statistics_section(record)

    if record.get("responsibilities"):
        parts.append(text("Responsibilities", "bold"))
        parts.append(Padding(bullets(texts_of(record, "responsibilities"), con), (0, 0, 1, 2)))

    if record.get("skills"):
        parts.append(text("Skills required", "bold"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column()
        grid.add_column(no_wrap=True)
        grid.add_column(style="dim")
        for sid, lvl in levels_of(record, "skills").items():
            grid.add_row(
                text(skill_names.get(sid, sid)),
                text(level_bar(lvl, con), "cyan"),
                text(f"{lvl}/5  {sid}"),
            )
        parts.append(Padding(grid, (0, 0, 1, 2)))

    parts.append(text("Grows into", "bold"))
    if record.get("next"):
        grows: RenderableType = bullets(
            [f"{next_titles.get(n, n)} ({n})" for n in texts_of(record, "next")], con
        )
    else:
        grows = text("no further role on this track")
    parts.append(Padding(grows, (0, 0, 1, 2)))

    if record.get("aliases"):
        parts.append(text("Also called", "bold"))
        parts.append(Padding(text(", ".join(texts_of(record, "aliases"))), (0, 0, 0, 2)))
    con.print(Group(*parts))


def statistics_section(record: Fields) -> list["RenderableType"]:
    """The role's occupation, its BLS pay distribution in the area, and its outlook."""
    from rich.console import Group
    from rich.padding import Padding

    parts: list[RenderableType] = [text("Occupation and local pay (all employed workers)", "bold")]
    if not record.get("soc"):
        parts.append(Padding(text(f"{record['local_note']}."), (0, 0, 1, 2)))
        return parts
    lines = [text(f"{record['soc']} {record['occupation']}")]
    if record.get("local_source"):
        missing = fields_of(record, "not_published")

        def fig(key: str) -> str:
            value = number_of(record, key)
            return money(value, "USD", "year") if value is not None else str(missing.get(key, ""))

        names = (("10th", "p10"), ("25th", "p25"), ("median", "median"), ("75th", "p75"))
        shown = "  ".join(f"{n} {fig(k)}" for n, k in (*names, ("90th", "p90")))
        lines.append(text(f"{record['area']}: {shown} a year"))
        employed = number_of(record, "employment")
        count = f"{employed:,.0f}" if employed is not None else str(missing.get("employment", ""))
        lines.append(text(f"mean {fig('mean')}; {count} employed", "dim"))
        lines.append(text(f"{record['local_source']}, {record['local_basis']}", "dim"))
    note = text_of(record, "local_note")
    if note:
        lines.append(text(f"{note[0].upper()}{note[1:]}.", "dim"))
    if record.get("outlook_source"):
        openings = f"{record['outlook_openings_per_year']:,.0f}"
        lines.append(
            text(
                f"Outlook: employment {record['outlook_change_percent']:+g}% over 2024-34, "
                f"{openings} openings a year; typical entry: {record['entry_education']}"
            )
        )
        lines.append(text(str(record["outlook_source"]), "dim"))
    parts.append(Padding(Group(*lines), (0, 0, 1, 2)))
    return parts


def write_skill_page(record: Fields, role_titles: Mapping[str, str], out: TextIO) -> None:
    """One skill in full: the five levels as behaviour, growth actions, who needs it."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table

    from csadvisor.core.models import CATEGORY_LABELS

    con = console(out)
    head = text(record["name"], "bold")
    category = CATEGORY_LABELS.get(str(record["category"]), str(record["category"]))
    head.append(text(f"  ({record['id']}, {category})", "dim"))
    parts: list[RenderableType] = [head, Padding(text(record["description"]), (0, 0, 1, 2))]
    parts.append(text("What each level looks like", "bold"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for level, line in enumerate(texts_of(record, "levels"), 1):
        grid.add_row(text(f"{level_bar(level, con)} {level}", "cyan"), text(line))
    parts.append(Padding(grid, (0, 0, 1, 2)))
    if record["growth"]:
        parts.append(text("How to grow", "bold"))
        parts.append(Padding(bullets(texts_of(record, "growth"), con), (0, 0, 1, 2)))
    parts.append(text("Needed by", "bold"))
    needed = [
        f"{role_titles.get(role, role)}: level {lvl}"
        for role, lvl in fields_of(record, "required_by").items()
    ]
    shown: RenderableType = (
        bullets(needed, con) if needed else text("no role in this catalogue requires it")
    )
    parts.append(Padding(shown, (0, 0, 0, 2)))
    con.print(Group(*parts))


def write_tree(records: Sequence[Fields], repeated: Sequence[bool], out: TextIO) -> None:
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
        del stack[(int_of(record, "depth") or 0) + 1 :]
        stack.append(stack[-1].add(label))
    con.print(top)


def mermaid(nodes: Sequence[tuple[str, str]], edges: Sequence[tuple[str, str]]) -> str:
    """A Mermaid flowchart; labels are quoted, their specials written as entities."""
    from csadvisor.cli.render.markdown import mermaid_label as label

    def node_id(role_id: str) -> str:
        return role_id.replace("-", "_")

    lines = ["flowchart TD"]
    lines += [f"    {node_id(i)}[{label(t)}]" for i, t in nodes]
    lines += [f"    {node_id(a)} --> {node_id(b)}" for a, b in edges]
    return "\n".join(lines) + "\n"
