"""`csadvisor areas`: the places BLS publishes wages for, and how to name one."""

from enum import Enum
from typing import Annotated, TextIO

import typer

from csadvisor.cli.options import FormatOption, HeaderOption, application, command_app, examples
from csadvisor.cli.output import Shown, View, emit
from csadvisor.errors import NotFoundError

app = command_app()


class AreaKind(str, Enum):
    nation = "nation"
    state = "state"
    metro = "metro"
    nonmetro = "nonmetro"


@app.command(
    epilog=examples(
        "csadvisor areas dallas",
        "csadvisor areas --kind state",
        "csadvisor areas springfield -f tsv | cut -f1,3",
        "csadvisor pay csr -l \"$(csadvisor areas 'Fort Worth' -f tsv --no-header | cut -f1)\"",
    )
)
def areas(
    ctx: typer.Context,
    query: Annotated[
        str | None,
        typer.Argument(
            metavar="[QUERY]",
            help="A place as --location takes it (a state lists its metro and nonmetro "
            "areas), else part of an area's name, a principal city, a state abbreviation "
            "(TX) or a BLS code; default: every area.",
        ),
    ] = None,
    kind: Annotated[
        AreaKind | None,
        typer.Option(
            "--kind",
            case_sensitive=False,
            metavar="KIND",
            help="Only areas of this kind: nation, state, metro or nonmetro.",
        ),
    ] = None,
    fmt: FormatOption = None,
    header: HeaderOption = True,
) -> None:
    """List and search the areas of BLS OEWS May 2025: nation, states, metro and nonmetro areas.

    Any name, city, state abbreviation or code shown here works as --location PLACE (so do
    common names such as NYC or Bay Area). A QUERY that names a place as --location does
    lists that area (a state: with its metro and nonmetro areas). ZIP codes are not taken.
    """
    from csadvisor.cli import records
    from csadvisor.core.rolerows import AreaRow
    from csadvisor.storage.areas import AREAS_FILE
    from csadvisor.storage.areasearch import lookup_in_text, search_in_text

    stats = application(ctx).statistics()
    wanted = kind.value if kind else None
    if query and query.strip():  # the --location resolver first, then a name search
        found = lookup_in_text(stats.texts[AREAS_FILE], query, wanted, stats.place_names())
    else:
        found = search_in_text(stats.texts[AREAS_FILE], "", wanted)
    if not found:
        from csadvisor.cli.location import NO_ZIP, is_zip

        if query and is_zip(query):
            raise NotFoundError(f"no area matches '{query}': {NO_ZIP}")
        raise NotFoundError(
            f"no area matches '{query}'; try part of a name, a city or a state abbreviation "
            "('csadvisor areas' lists them all)"
        )
    rows = [AreaRow.of(a) for a in found]

    def table(rows: Shown, out: TextIO) -> None:
        from csadvisor.cli.render.terminal import TableColumn, write_table
        from csadvisor.core.rows import texts_of

        cols = [
            TableColumn("Code", lambda r: r["code"], no_wrap=True),
            TableColumn("Area", lambda r: r["name"], min_width=20),
            TableColumn("Kind", lambda r: r["kind"]),
            TableColumn("States", lambda r: ", ".join(texts_of(r, "states"))),
            TableColumn("Principal cities", lambda r: ", ".join(texts_of(r, "cities"))),
        ]
        caption = (
            "Areas of BLS OEWS May 2025. Use a name, city, state abbreviation or code as "
            "--location."
        )
        write_table(rows, cols, out, caption=caption)

    emit(View(records.AREA_COLUMNS, rows, table), fmt, header)
