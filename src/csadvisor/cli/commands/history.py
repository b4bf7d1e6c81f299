"""Saved assessments: list them, show one in full, or see what changed between two."""

from functools import partial
from typing import Annotated, TextIO

import typer

from csadvisor.cli.commands import (
    PersonOption,
    person_label,
    pick_saved,
    saved_for,
    show_result,
)
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
from csadvisor.core.models import Rater
from csadvisor.errors import CancelledError, CsadvisorError, NotFoundError, UsageError

app = command_app()

history_app = command_app(
    help="Saved assessments: list them, show one, see how skills moved, or delete one.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(history_app, name="history")


RaterOption = Annotated[
    Rater | None,
    typer.Option(
        "--rater",
        case_sensitive=False,
        show_default=False,
        help="Only assessments by this rater: self, manager or peer.",
    ),
]

SavedIdArgument = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="An id, its unique start, or 'latest' (of your own self-assessments, or --person's).",
        autocompletion=complete_assessments,
    ),
]


@history_app.callback(
    epilog=examples(
        "csadvisor history",
        "csadvisor history --everyone",
        "csadvisor history --person 'Gus Moreno' --rater manager",
        "csadvisor history show latest",
        "csadvisor history diff",
        "csadvisor history rm 20261124 --yes",
    )
)
def history_list(
    ctx: typer.Context,
    person: PersonOption = None,
    rater: RaterOption = None,
    everyone: Annotated[
        bool, typer.Option("--everyone", help="Every saved assessment, about anyone.")
    ] = False,
    fmt: FormatOption = None,
    header: HeaderOption = True,
) -> None:
    """List saved assessments: date, person (me: your own), rater, role, suggested next
    role, readiness. By default your own; --person NAME or --everyone for others."""
    if ctx.invoked_subcommand is not None:
        return
    from csadvisor.cli import records
    from csadvisor.core.people import ME
    from csadvisor.storage import history

    if everyone and person is not None:
        raise UsageError("--everyone lists every person; drop --person")
    warn = application(ctx).warn
    every = history.load_all(warn)
    who = None if everyone else history.resolve_person(every, person)
    chosen = every if who is None else history.about(every, who)
    if rater is not None:
        chosen = [s for s in chosen if history.rater_of(s.result) == rater.value]
    others = len(every) - len(history.about(every, ME)) if who == ME and person is None else 0

    def table(rows: Shown, out: TextIO) -> None:
        from csadvisor.cli.render.tables import history_table

        if rows:
            titles = {r.id: r.title for r in application(ctx).catalog().roles}
            history_table(rows, out, titles)
        elif not every:  # a terminal says why it is empty; a pipe gets the header alone
            warn("no saved assessments yet; run 'csadvisor assess' first")
        else:
            warn("no saved assessment matches")
        if others:
            warn(
                f"{others} more saved about other people: 'csadvisor history --everyone' "
                "lists them, --person NAME picks one"
            )

    rows = [records.HistoryRow.of(s.id, s.result) for s in chosen]
    emit(View(records.HISTORY_COLUMNS, rows, table), fmt, header)


@history_app.command(
    "show",
    epilog=examples(
        "csadvisor history show latest",
        "csadvisor history show latest --person 'Gus Moreno'",
        "csadvisor history show 20261124 -f json",
    ),
)
def history_show(
    ctx: typer.Context,
    id_: SavedIdArgument,
    person: PersonOption = None,
    fmt: ResultFormatOption = None,
    header: HeaderOption = True,
) -> None:
    """Show one saved assessment's result."""
    from csadvisor.storage import history

    saved = pick_saved(id_, person, history.load_all(application(ctx).warn))
    show_result(saved.result, fmt, header, details=True)


@history_app.command(
    "diff",
    epilog=examples(
        "csadvisor history diff",
        "csadvisor history diff --person 'Gus Moreno'",
        "csadvisor history diff 20261001 latest -f tsv",
    ),
)
def history_diff(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[OLD NEW]",
            help="Two ids of one person's assessments; default: the last two (your own "
            "self-assessments, or --person's by one rater).",
            autocompletion=complete_assessments,
        ),
    ] = None,
    person: PersonOption = None,
    fmt: FormatOption = None,
    header: HeaderOption = True,
    all_: Annotated[
        bool, typer.Option("--all", help="Also list the skills whose rating did not change.")
    ] = False,
) -> None:
    """Show what changed between two assessments of one person: the dates, the suggested
    role and its readiness (e.g. 72% -> 93%), then the skills that moved."""
    from csadvisor.storage import history

    if ids and len(ids) != 2:
        raise UsageError("give two assessment ids (old and new), or none for the last two")
    if ids:
        loaded = history.load_all(application(ctx).warn)
        old, new = pick_saved(ids[0], person, loaded), pick_saved(ids[1], person, loaded)
        a, b = history.person_of(old.result), history.person_of(new.result)
        from csadvisor.core.people import same_person

        if not same_person(a, b):
            raise UsageError(
                f"{old.id} is about {person_label(a)} and {new.id} about {person_label(b)}; "
                "compare two assessments of one person"
            )
    else:
        who, mine = saved_for(person, warn=application(ctx).warn)
        mine = [s for s in mine if history.rater_of(s.result) == history.rater_of(mine[-1].result)]
        if len(mine) < 2:
            raise NotFoundError(
                f"need two saved assessments of {person_label(who)} by one rater to compare, "
                f"found {len(mine)}; run 'csadvisor assess' again later"
            )
        old, new = mine[-2], mine[-1]
    from csadvisor.cli import records
    from csadvisor.cli.render.tables import diff_table

    every = records.diff_records(old.result.ratings, new.result.ratings, _skill_names(ctx))
    rows = every if all_ else [r for r in every if r.change != 0]
    unchanged = [r.skill for r in every if r.change == 0]
    document = records.diff_document(old.result, new.result, rows, unchanged)
    show = partial(diff_table, title=f"{old.id} -> {new.id}", document=document, hidden=not all_)
    emit(View(records.DIFF_COLUMNS, rows, show, document=document), fmt, header)


@history_app.command(
    "rm",
    epilog=examples("csadvisor history rm 20261124-101500", "csadvisor history rm latest --yes"),
)
def history_rm(
    ctx: typer.Context,
    id_: SavedIdArgument,
    person: PersonOption = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask (for scripts): delete it.")
    ] = False,
) -> None:
    """Delete one saved assessment, after asking (--yes in scripts)."""
    from csadvisor.storage import history

    warn = application(ctx).warn
    saved = pick_saved(id_, person, history.load_all(warn))
    what = (
        f"{saved.id} ({saved.result.created[:10]}, about "
        f"{person_label(history.person_of(saved.result))}, "
        f"by {history.rater_of(saved.result)})"
    )
    app = application(ctx)
    asking = app.interactive_input()
    if not yes and not confirm(f"Delete saved assessment {what}?", saved.id, app.err, asking):
        warn("nothing deleted")
        return
    history.remove(saved)
    warn(f"deleted {what}")


def confirm(question: str, ident: str, err: TextIO, asking: bool) -> bool:
    """A y/N question on ``err`` answered on stdin when ``asking`` (a person at a
    terminal); UsageError otherwise (a script passes --yes)."""
    import sys

    from csadvisor.cli.output import isatty

    if not (asking and isatty(err)):
        raise UsageError(f"not deleting {ident} without a terminal to confirm; add --yes")
    err.write(f"{question} [y/N] ")
    err.flush()
    try:
        answer = sys.stdin.readline()
    except KeyboardInterrupt:  # a cancel, as everywhere: exit 130, on a line of its own
        err.write("\n")
        raise CancelledError("cancelled; nothing deleted") from None
    return answer.strip().lower() in ("y", "yes")


def _skill_names(ctx: typer.Context) -> dict[str, str]:
    try:
        return {s.id: s.name for s in application(ctx).catalog().skills}
    except CsadvisorError:
        return {}
