"""`csadvisor industries`: the BLS industries with figures for the shipped occupations."""

from typing import Annotated, TextIO

import typer

from csadvisor.cli.completion import complete_roles
from csadvisor.cli.options import (
    FormatOption,
    HeaderOption,
    application,
    command_app,
    examples,
)
from csadvisor.cli.output import Shown, View, emit
from csadvisor.cli.records import INDUSTRY_LIST_COLUMNS
from csadvisor.errors import NotFoundError, UsageError, escape_control

app = command_app()


@app.command(
    epilog=examples(
        "csadvisor industries",
        "csadvisor industries insurance",
        "csadvisor industries --role 'Customer service manager' -f tsv | sort -t$'\\t' -k6 -n",
        "csadvisor pay csr --industry 'Insurance Carriers'",
    )
)
def industries(
    ctx: typer.Context,
    query: Annotated[
        str | None,
        typer.Argument(
            metavar="[QUERY]",
            help="Words of an industry's name (insurance, hospitals) or its BLS code; "
            "default: every industry.",
        ),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            metavar="ROLE",
            help="Only the occupation this role reads (default: 43-4051, customer service "
            "representatives).",
            autocompletion=complete_roles,
        ),
    ] = None,
    fmt: FormatOption = None,
    header: HeaderOption = True,
) -> None:
    """List the industries BLS OEWS May 2025 publishes figures for, with employment.

    National figures, as BLS publishes them by industry, for one occupation: its
    employment, the relative standard error of that employment (percent) and the annual
    median. Any name shown works as 'csadvisor pay ROLE --industry NAME'.
    """
    from csadvisor.core.lookup import RoleIndex
    from csadvisor.core.payrows import IndustryListRow
    from csadvisor.storage import industries as data

    run = application(ctx)
    soc = "43-4051"
    if role is not None:
        found = RoleIndex(run.catalog()).get(role)
        if found.soc is None:
            raise UsageError(f"{found.title}: no BLS occupation is mapped to this role")
        soc = found.soc
    table = data.load(run.source)
    wanted = {i.naics for i in table.find(query)} if query and query.strip() else None
    if wanted is not None and not wanted:
        raise NotFoundError(
            f"no industry matches '{escape_control(query or '')}'; "
            "try a word of its name ('csadvisor industries' lists them all)"
        )
    titles = run.statistics().occupations
    rows: list[IndustryListRow] = []
    for item in table.for_occupation(soc):
        if wanted is not None and item.industry.naics not in wanted:
            continue
        wages = item.wages
        rows.append(
            IndustryListRow(
                naics=item.industry.naics,
                industry=item.industry.title,
                level=item.industry.level,
                soc=soc,
                occupation=titles.get(soc, ""),
                employment=wages.employment.value,
                emp_prse=item.emp_prse,
                median=wages.figure("a_median").value,
                source=f"BLS OEWS {wages.period}, US national, industry-specific",
            )
        )
    if not rows:
        raise NotFoundError(f"BLS publishes no industry figures for {soc} matching that")

    def picture(rows: Shown, out: TextIO) -> None:
        from csadvisor.cli.render.localpay import industries_table

        industries_table(rows, out, soc)

    emit(View(INDUSTRY_LIST_COLUMNS, rows, picture), fmt, header)
