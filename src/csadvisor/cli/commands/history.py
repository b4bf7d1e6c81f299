"""Saved assessments: list them, show one in full, or see what changed between two."""

from functools import partial
from typing import Annotated, TextIO

import typer

from csadvisor.cli.commands import show_result
from csadvisor.cli.completion import complete_assessments
from csadvisor.cli.options import (
    FormatOption,
    HeaderOption,
    ResultFormatOption,
    application,
    command_app,
    examples,
)
from csadvisor.cli.output import Shown, View, emit
from csadvisor.errors import CsadvisorError, NotFoundError, UsageError

app = command_app()

history_app = command_app(
    help="Saved assessments: list them, show one, or see how your skills moved.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(history_app, name="history")


@history_app.callback(
    epilog=examples("csadvisor history", "csadvisor history show latest", "csadvisor history diff")
)
def history_list(ctx: typer.Context, fmt: FormatOption = None, header: HeaderOption = True) -> None:
    """List saved assessments: date, role, suggested next role, readiness."""
    if ctx.invoked_subcommand is not None:
        return
    from csadvisor.cli import records
    from csadvisor.storage import history

    def table(rows: Shown, out: TextIO) -> None:
        from csadvisor.cli.render.tables import history_table

        if rows:
            titles = {r.id: r.title for r in application(ctx).catalog().roles}
            history_table(rows, out, titles)
        else:  # a terminal says why it is empty; a pipe gets the header alone
            application(ctx).warn("no saved assessments yet; run 'csadvisor assess' first")

    rows = [records.HistoryRow.of(s.id, s.result) for s in history.load_all(application(ctx).warn)]
    emit(View(records.HISTORY_COLUMNS, rows, table), fmt, header)


@history_app.command(
    "show",
    epilog=examples("csadvisor history show latest", "csadvisor history show 20261124 -f json"),
)
def history_show(
    ctx: typer.Context,
    id_: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="An id, its unique start, or 'latest'.",
            autocompletion=complete_assessments,
        ),
    ],
    fmt: ResultFormatOption = None,
    header: HeaderOption = True,
) -> None:
    """Show one saved assessment's result."""
    from csadvisor.storage import history

    saved = history.find(history.load_all(application(ctx).warn), id_)
    show_result(saved.result, fmt, header, details=True)


@history_app.command(
    "diff",
    epilog=examples("csadvisor history diff", "csadvisor history diff 20261001 latest -f tsv"),
)
def history_diff(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[OLD NEW]",
            help="Two ids; default: the last two.",
            autocompletion=complete_assessments,
        ),
    ] = None,
    fmt: FormatOption = None,
    header: HeaderOption = True,
    all_: Annotated[
        bool, typer.Option("--all", help="Also list the skills whose rating did not change.")
    ] = False,
) -> None:
    """Show what changed between two assessments: the dates, the suggested role and its
    readiness (e.g. 72% -> 93%), then the skills that moved."""
    from csadvisor.storage import history

    saved = history.load_all(application(ctx).warn)
    if ids and len(ids) != 2:
        raise UsageError("give two assessment ids (old and new), or none for the last two")
    if ids:
        old, new = history.find(saved, ids[0]), history.find(saved, ids[1])
    else:
        if len(saved) < 2:
            raise NotFoundError(
                f"need two saved assessments to compare, found {len(saved)}; "
                "run 'csadvisor assess' again later"
            )
        old, new = saved[-2], saved[-1]
    from csadvisor.cli import records
    from csadvisor.cli.render.tables import diff_table

    every = records.diff_records(old.result["ratings"], new.result["ratings"], _skill_names(ctx))
    rows = every if all_ else [r for r in every if r.change != 0]
    unchanged = [r.skill for r in every if r.change == 0]
    document = records.diff_document(old.result, new.result, rows, unchanged)
    show = partial(diff_table, title=f"{old.id} -> {new.id}", document=document, hidden=not all_)
    emit(View(records.DIFF_COLUMNS, rows, show, document=document), fmt, header)


def _skill_names(ctx: typer.Context) -> dict[str, str]:
    try:
        return {s.id: s.name for s in application(ctx).catalog().skills}
    except CsadvisorError:
        return {}
