"""Browsing the catalogue: roles, one role, skills and the growth track."""

from enum import Enum
from functools import partial
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from csadvisor.cli.commands import location_for
from csadvisor.cli.completion import complete_categories, complete_roles, complete_skills
from csadvisor.cli.options import (
    FormatOption,
    HeaderOption,
    LocationOption,
    application,
    command_app,
    examples,
)
from csadvisor.cli.output import TRACK, Format, Shown, View, choices, emit
from csadvisor.core.rolerows import RoleDetailRow, RoleRow, SkillRow, TrackRow
from csadvisor.core.rows import Parts, Record, as_dict
from csadvisor.errors import UsageError, escape_control

if TYPE_CHECKING:
    from csadvisor.core.listings import LocalPayRow
    from csadvisor.core.localpay import BlsLocation
    from csadvisor.core.models import Role
    from csadvisor.core.rolerows import OutlookRow


if TYPE_CHECKING:
    TrackFormat = Format
else:
    TrackFormat = choices("TrackFormat", TRACK)
TrackFormatOption = Annotated[
    TrackFormat | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        show_default=False,
        metavar="FORMAT",
        help="Output format: table, tsv, csv, json, jsonl or mermaid (a graph for documents). "
        "Default: a tree on a terminal, tsv in a pipe.",
    ),
]

app = command_app()

# --------------------------------------------------------------------------- roles


class SortKey(str, Enum):
    track = "track"
    id = "id"
    role_title = "title"
    level = "level"
    pay = "pay"


@app.command(
    epilog=examples(
        "csadvisor roles",
        "csadvisor roles --from senior-customer-service-specialist",
        "csadvisor roles --with-pay -f json | jq '.[].title'",
        "csadvisor roles --location 'New York' --sort pay",
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
        SortKey,
        typer.Option(
            "--sort",
            case_sensitive=False,
            metavar="KEY",
            help="Order of the rows: track, id, title, level or pay (the starting midpoint; "
            "the local median with --location).",
        ),
    ] = SortKey.track,
    location: LocationOption = None,
    header: HeaderOption = True,
) -> None:
    """List every role: id, title, level, pay range (or none published), next roles.

    With --location: each role's local median (BLS OEWS May 2025, all employed workers).
    """
    from csadvisor.cli import records
    from csadvisor.core import advisor

    cat = application(ctx).catalog()
    where = location_for(ctx, location)
    chosen = list(cat.roles)
    if from_role is not None:
        chosen = advisor.reachable(cat, advisor.RoleIndex(cat).get(from_role))
    if level is not None:
        chosen = [r for r in chosen if r.level == level]
    if with_pay:
        chosen = [r for r in chosen if r.pay is not None]
    if sort is SortKey.pay and where is not None:  # by the local median, the unknown last
        from csadvisor.core.localpay import median

        medians = {r.id: median(r, where)[0] for r in chosen}
        chosen.sort(key=lambda r: (medians[r.id] is None, -(medians[r.id] or 0)))
    elif sort is SortKey.pay:
        chosen.sort(key=lambda r: (r.pay is None, -(r.pay.mid if r.pay else 0)))
    elif sort is SortKey.level:
        chosen.sort(key=lambda r: r.level)
    elif sort in (SortKey.id, SortKey.role_title):
        chosen.sort(key=lambda r: getattr(r, sort.value).casefold())
    from csadvisor.cli.render.tables import roles_table

    rows: list[Record] = [RoleRow.of(r) for r in chosen]
    columns: tuple[str, ...] = records.ROLE_COLUMNS
    if where is not None:
        from csadvisor.core.localpay import roles_fields

        rows = [Parts(row, roles_fields(r, where)) for row, r in zip(rows, chosen, strict=True)]
        columns = records.COLUMNS["roles --location"]
    titles = {r.id: r.title for r in cat.roles}
    emit(View(columns, rows, partial(roles_table, titles=titles)), fmt, header)


# --------------------------------------------------------------------------- role


@app.command(
    epilog=examples(
        "csadvisor role csr",
        "csadvisor role 'Account manager' -f json",
        "csadvisor role manager --location Chicago",
    )
)
def role(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="ROLE", help="Role id, title or alias.", autocompletion=complete_roles
        ),
    ],
    fmt: FormatOption = None,
    location: LocationOption = None,
    header: HeaderOption = True,
) -> None:
    """Show one role in full: summary, duties, pay and its source, skills, next roles.

    Also its occupation, BLS pay percentiles (national, or --location) and 2024-34 outlook.

    TSV and CSV add those columns only with --location.
    """
    from csadvisor.cli import records
    from csadvisor.core import advisor

    cat = application(ctx).catalog()
    found = advisor.RoleIndex(cat).get(name)
    columns: tuple[str, ...] = records.ROLE_DETAIL_COLUMNS
    where = location_for(ctx, location)
    if where is not None:
        columns = records.COLUMNS["role --location"]
    record = Parts(RoleDetailRow.of(found), *_role_statistics(ctx, found, where))
    names = {s.id: s.name for s in cat.skills}
    titles = {r.id: r.title for r in cat.roles}

    def page(rows: Shown, out: TextIO) -> None:
        from csadvisor.cli.render.pages import write_role_page

        write_role_page(as_dict(record), names, titles, out)

    emit(View(columns, [record], page, document=record), fmt, header)


def _role_statistics(
    ctx: typer.Context, role: "Role", where: "BlsLocation | None"
) -> tuple["LocalPayRow", "OutlookRow"]:
    """The role's BLS distribution (in ``where``, else national) and its outlook."""
    from csadvisor.cli import location as locations
    from csadvisor.core import localpay

    run = application(ctx)
    where = where or locations.bls_location(run, "US")
    stats = run.statistics()  # loaded once per run, with --location too
    return (
        localpay.local_fields(role, where, "year"),
        localpay.outlook_fields(stats.projection(role.soc)),
    )


# --------------------------------------------------------------------------- skills


def category_named(name: str) -> str:
    """A skill category by its id or the label tables show ("technical and AI")."""
    from csadvisor.core.lookup import NameIndex
    from csadvisor.core.models import CATEGORY_LABELS, SKILL_CATEGORIES

    index = NameIndex((c, (c, CATEGORY_LABELS.get(c, c))) for c in SKILL_CATEGORIES)
    found = index.find(name)
    if found is None:
        known = ", ".join(f"'{c}'" for c in SKILL_CATEGORIES)
        raise UsageError(
            f"unknown category '{escape_control(name)}'; use one of {known} "
            "(see 'csadvisor skills --help')"
        )
    return found


@app.command(
    epilog=examples(
        "csadvisor skills",
        "csadvisor skills --category technical -f json",
        "csadvisor skills --category 'technical and AI'",
    )
)
def skills(
    ctx: typer.Context,
    fmt: FormatOption = None,
    category: Annotated[
        str | None,
        typer.Option(
            "--category",
            metavar="CATEGORY",
            help="Only skills of this category, by id or as the table shows it: soft, "
            "technical (technical and AI) or working.",
            autocompletion=complete_categories,
        ),
    ] = None,
    header: HeaderOption = True,
) -> None:
    """List the skills catalogue: id, name, category, and which roles need it at what level."""
    from csadvisor.cli import records

    chosen = None if category is None else category_named(category)
    cat = application(ctx).catalog()
    rows = [SkillRow.of(s, cat) for s in cat.skills if chosen in (None, s.category)]
    from csadvisor.cli.render.tables import skills_table

    emit(View(records.SKILL_COLUMNS, rows, skills_table), fmt, header)


@app.command(
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
    from csadvisor.cli import records
    from csadvisor.core.lookup import SkillIndex

    cat = application(ctx).catalog()
    found = SkillIndex(cat).get(name)
    record = SkillRow.of(found, cat)
    titles = {r.id: r.title for r in cat.roles}

    def page(rows: Shown, out: TextIO) -> None:
        from csadvisor.cli.render.pages import write_skill_page

        write_skill_page(as_dict(record), titles, out)

    emit(View(records.SKILL_COLUMNS, [record], page, document=record), fmt, header)


# --------------------------------------------------------------------------- track


@app.command(
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
    fmt: TrackFormatOption = None,
    header: HeaderOption = True,
) -> None:
    """Show the growth track as a tree, from ROLE or all of it."""
    from csadvisor.cli import records
    from csadvisor.core import advisor

    cat = application(ctx).catalog()
    start = [advisor.RoleIndex(cat).get(name)] if name is not None else advisor.roots(cat)

    def graph() -> str:
        from csadvisor.cli.render.pages import mermaid

        below = [r for s in start for r in (s, *advisor.reachable(cat, s))]
        nodes = list({r.id: (r.id, r.title) for r in below}.values())
        pairs = list(dict.fromkeys((a.id, b.id) for s in start for a, b in advisor.edges(cat, s)))
        return mermaid(nodes, pairs)

    def tree(rows: Shown, out: TextIO) -> None:
        from csadvisor.cli.render.pages import write_tree

        write_tree(rows, [n.repeated for n in walked], out)

    walked = list(advisor.walk_track(cat, start))
    rows = [TrackRow.of(n) for n in walked]
    emit(View(records.TRACK_COLUMNS, rows, tree, mermaid=graph), fmt, header)
