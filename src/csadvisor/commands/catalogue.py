"""Browsing the catalogue: roles, one role, skills and the growth track."""

import sys
from collections.abc import Mapping
from enum import Enum
from typing import Annotated, Any, TextIO

import typer

from csadvisor.cli import (
    FormatOption,
    HeaderOption,
    complete_roles,
    complete_skills,
    emit,
    emit_one,
    examples,
    pay_caption,
    state,
)
from csadvisor.cli import _app as APP
from csadvisor.render import Format

# --------------------------------------------------------------------------- roles


class SortKey(str, Enum):
    track = "track"
    id = "id"
    role_title = "title"
    level = "level"
    pay = "pay"


@APP.command(
    epilog=examples(
        "csadvisor roles",
        "csadvisor roles --from senior-customer-service-specialist",
        "csadvisor roles --with-pay -f json | jq '.[].title'",
    )
)
def roles(
    ctx: typer.Context,
    fmt: FormatOption = None,
    level: Annotated[
        int | None, typer.Option("--level", min=1, max=5, help="Only roles at this level.")
    ] = None,
    from_role: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="ROLE",
            help="Only roles reachable from ROLE.",
            autocompletion=complete_roles,
        ),
    ] = None,
    with_pay: Annotated[
        bool, typer.Option("--with-pay", help="Only roles with a published pay range.")
    ] = False,
    sort: Annotated[
        SortKey, typer.Option("--sort", case_sensitive=False, help="Order of the rows.")
    ] = SortKey.track,
    header: HeaderOption = True,
) -> None:
    """List every role: id, title, level, pay range (or none published), next roles."""
    from csadvisor import advisor, records

    cat = state(ctx).catalog()
    chosen = list(cat.roles)
    if from_role is not None:
        chosen = advisor.reachable(cat, advisor.RoleIndex(cat).get(from_role))
    if level is not None:
        chosen = [r for r in chosen if r.level == level]
    if with_pay:
        chosen = [r for r in chosen if r.pay is not None]
    if sort is SortKey.pay:
        chosen.sort(key=lambda r: (r.pay is None, -(r.pay.mid if r.pay else 0)))
    elif sort is SortKey.level:
        chosen.sort(key=lambda r: r.level)
    elif sort in (SortKey.id, SortKey.role_title):
        chosen.sort(key=lambda r: getattr(r, sort.value).casefold())
    rows = [records.role_record(r) for r in chosen]
    titles = {r.id: r.title for r in cat.roles}
    emit(
        rows,
        records.ROLE_COLUMNS,
        fmt,
        header,
        table=lambda rows, out: _roles_table(rows, out, titles),
    )


def _roles_table(rows: list[dict[str, Any]], out: TextIO, titles: Mapping[str, str]) -> None:
    from csadvisor.render import TableColumn, pay_range_text, text, write_table

    def name(r: Mapping[str, Any]) -> Any:
        label = text(r["title"])
        label.append(text("\n" + r["id"], "cyan"))
        return label

    cols = [
        TableColumn("Role", name, min_width=16),
        TableColumn("Level", lambda r: r["level"], justify="right", min_width=5),
        TableColumn("Starting pay (year)", pay_range_text, min_width=10),
        TableColumn(
            "Grows into", lambda r: ", ".join(titles[n] for n in r["next"]) or "-", min_width=12
        ),
    ]
    write_table(rows, cols, out, caption=pay_caption(rows), spaced=True)


# --------------------------------------------------------------------------- role


@APP.command(epilog=examples("csadvisor role csr", "csadvisor role 'Account manager' -f json"))
def role(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="ROLE", help="Role id, title or alias.", autocompletion=complete_roles
        ),
    ],
    fmt: FormatOption = None,
    header: HeaderOption = True,
) -> None:
    """Show one role in full: summary, duties, pay and its source, skills, next roles."""
    from csadvisor import advisor, records
    from csadvisor.render import write_role_page

    cat = state(ctx).catalog()
    found = advisor.RoleIndex(cat).get(name)
    record = records.role_detail_record(found, cat)
    names = {s.id: s.name for s in cat.skills}
    titles = {r.id: r.title for r in cat.roles}
    emit_one(
        record,
        records.ROLE_DETAIL_COLUMNS,
        fmt,
        header,
        page=lambda rec, out: write_role_page(rec, names, titles, out),
    )


# --------------------------------------------------------------------------- skills


class Category(str, Enum):
    soft = "soft"
    technical = "technical"
    working = "working"


@APP.command(epilog=examples("csadvisor skills", "csadvisor skills --category technical -f json"))
def skills(
    ctx: typer.Context,
    fmt: FormatOption = None,
    category: Annotated[
        Category | None,
        typer.Option("--category", case_sensitive=False, help="Only skills of this category."),
    ] = None,
    header: HeaderOption = True,
) -> None:
    """List the skills catalogue: id, name, category, and which roles need it at what level."""
    from csadvisor import records

    cat = state(ctx).catalog()
    rows = [
        records.skill_record(s, cat)
        for s in cat.skills
        if category is None or s.category == category.value
    ]
    emit(rows, records.SKILL_COLUMNS, fmt, header, table=_skills_table)


def _skills_table(rows: list[dict[str, Any]], out: TextIO) -> None:
    from csadvisor.models import CATEGORY_LABELS
    from csadvisor.render import TableColumn, text, write_table

    def needed(r: Mapping[str, Any]) -> str:
        return "\n".join(f"{lvl} {role}" for role, lvl in r["required_by"].items()) or "-"

    def name(r: Mapping[str, Any]) -> Any:
        label = text(r["name"])
        label.append(text("\n" + r["id"], "cyan"))
        return label

    cols = [
        TableColumn("Skill", name),
        TableColumn("Category", lambda r: CATEGORY_LABELS.get(r["category"], r["category"])),
        TableColumn("Needed by (role level 1-5)", needed),
    ]
    write_table(rows, cols, out)


@APP.command(
    epilog=examples("csadvisor skill coaching", "csadvisor skill data-literacy -f json"),
)
def skill(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(metavar="SKILL", help="Skill id.", autocompletion=complete_skills),
    ],
    fmt: FormatOption = None,
    header: HeaderOption = True,
) -> None:
    """Show one skill: what each level 1-5 looks like, how to grow, which roles need it."""
    from csadvisor import records
    from csadvisor.lookup import SkillIndex
    from csadvisor.render import write_skill_page

    cat = state(ctx).catalog()
    found = SkillIndex(cat).get(name)
    record = records.skill_record(found, cat)
    titles = {r.id: r.title for r in cat.roles}
    emit_one(
        record,
        records.SKILL_COLUMNS,
        fmt,
        header,
        page=lambda rec, out: write_skill_page(rec, titles, out),
    )


# --------------------------------------------------------------------------- track


class TrackFormat(str, Enum):
    table = "table"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    mermaid = "mermaid"


@APP.command(
    epilog=examples(
        "csadvisor track", "csadvisor track csr", "csadvisor track --format mermaid > track.mmd"
    )
)
def track(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[ROLE]",
            help="Start here; default: the whole track.",
            autocompletion=complete_roles,
        ),
    ] = None,
    fmt: Annotated[
        TrackFormat | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            show_default=False,
            help="Output format; mermaid emits a graph for documents. "
            "Default: a tree on a terminal, tsv in a pipe.",
        ),
    ] = None,
    header: HeaderOption = True,
) -> None:
    """Show the growth track as a tree, from ROLE or all of it."""
    from csadvisor import advisor, records
    from csadvisor.render import default_format, mermaid, write_records, write_tree

    cat = state(ctx).catalog()
    start = [advisor.RoleIndex(cat).get(name)] if name is not None else advisor.roots(cat)
    if fmt is TrackFormat.mermaid:
        below = [r for s in start for r in (s, *advisor.reachable(cat, s))]
        nodes = list({r.id: (r.id, r.title) for r in below}.values())
        pairs = list(dict.fromkeys((a.id, b.id) for s in start for a, b in advisor.edges(cat, s)))
        sys.stdout.write(mermaid(nodes, pairs))
        return
    nodes_ = list(advisor.walk_track(cat, start))
    rows = [records.track_record(n) for n in nodes_]
    chosen = default_format(Format(fmt.value) if fmt is not None else None)
    if chosen is Format.table:
        write_tree(rows, [n.repeated for n in nodes_], sys.stdout)
    else:
        write_records(rows, records.TRACK_COLUMNS, chosen, sys.stdout, header=header)
