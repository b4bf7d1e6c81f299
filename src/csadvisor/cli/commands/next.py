"""What comes next: from a role, or from your latest (or a given) assessment."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from csadvisor.cli.commands import (
    DetailsOption,
    PersonOption,
    add_local_pay,
    location_for,
    readiness_help,
    show_result,
    where_more,
)
from csadvisor.cli.completion import complete_roles
from csadvisor.cli.options import (
    FormatOption,
    HeaderOption,
    LocationOption,
    application,
    command_app,
    examples,
)
from csadvisor.cli.output import View, emit
from csadvisor.core.models import DEFAULT_RATER
from csadvisor.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from enum import Enum

    from csadvisor.core.result import Result

app = command_app()


@app.command(
    "next",
    help=readiness_help(
        "What comes next: from ROLE, the roles it grows into, with the pay change, the skills "
        "to grow and how much of each role's requirements ROLE already meets (overlap); "
        "with --location, the change between local medians (BLS), not a promised raise; "
        "without ROLE, the summary of your latest self-assessment (--person NAME: the "
        "latest about NAME; --details for everything), "
        "its pay line from local medians with --location."
    ),
    epilog=examples(
        "csadvisor next csr",
        "csadvisor next csr --location Houston",
        "csadvisor next",
        "csadvisor next --location TX",
        "csadvisor next --person 'Gus Moreno' --details",
        "csadvisor next --assessment result.json -f json",
    ),
)
def next_(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[ROLE]",
            help="Where you are now (id, title or alias).",
            autocompletion=complete_roles,
        ),
    ] = None,
    assessment_file: Annotated[
        str | None,
        typer.Option(
            "--assessment",
            metavar="FILE",
            help="A saved result (csadvisor assess -f json) to advise from.",
        ),
    ] = None,
    fmt: FormatOption = None,
    location: LocationOption = None,
    header: HeaderOption = True,
    details: DetailsOption = False,
    person: PersonOption = None,
) -> None:
    """What comes next (help text: see ``readiness_help``)."""
    if name is not None:
        _next_from_role(ctx, name, location, fmt, header)
    else:
        if person is not None and assessment_file is not None:
            raise UsageError("--person picks a saved assessment; --assessment gives one: use one")
        _next_from_result(ctx, assessment_file, location, fmt, header, details, person)


def _next_from_role(
    ctx: typer.Context, name: str, location: str | None, fmt: "Enum | None", header: bool
) -> None:
    """The next steps up the track from a role (with local medians for a BLS location)."""
    from csadvisor.cli import records
    from csadvisor.cli.render.tables import next_table
    from csadvisor.core import advisor
    from csadvisor.core.rolerows import NextRow
    from csadvisor.core.rows import Parts, Record

    cat = application(ctx).catalog()
    current = advisor.RoleIndex(cat).get(name)
    steps = advisor.steps_from(current, cat)
    rows: list[Record] = [NextRow.of(current, step) for step in steps]
    columns: tuple[str, ...] = records.NEXT_COLUMNS
    where = location_for(ctx, location)
    if where is not None:
        from csadvisor.core.localpay import median_change

        rows = [
            Parts(row, median_change(current, step.role, where))
            for row, step in zip(rows, steps, strict=True)
        ]
        columns = records.COLUMNS["next ROLE --location"]
    if not rows:
        application(ctx).warn(advisor.top_of_track(current, cat))
    emit(View(columns, rows, next_table), fmt, header)


def _next_from_result(
    ctx: typer.Context,
    assessment_file: str | None,
    location: str | None,
    fmt: "Enum | None",
    header: bool,
    details: bool,
    person: str | None = None,
) -> None:
    """The advice of the latest (or a given) assessment, scored again on today's data:
    by default your own latest self-assessment, or ``person``'s latest."""
    import os

    from csadvisor.cli.prompts.quiz import accessible_mode
    from csadvisor.core import assessment
    from csadvisor.core.advisor import Answers

    cat = application(ctx).catalog()
    result = _latest_result(assessment_file, application(ctx).warn, person)
    answers = Answers(
        result.role, result.ratings, result.name, result.rater or DEFAULT_RATER, result.evidence
    )
    try:
        fresh = assessment.result(answers, cat)
        fresh = fresh.replace(id=result.id, created=result.created)  # the same assessment
        fresh = add_local_pay(fresh, location_for(ctx, location), cat)
    except KeyError:
        raise NotFoundError(
            "that assessment names roles or skills the current data does not have; "
            "run 'csadvisor assess' again"
        ) from None
    saved_id = None if assessment_file is not None else fresh.id
    more = where_more(saved_id, offer_export=False)
    plain = accessible_mode(False, os.environ)
    show_result(fresh, fmt, header, details=details, more=more, plain=plain)


def _latest_result(path: str | None, warn: Callable[[str], None], person: str | None) -> "Result":
    from pathlib import Path

    from csadvisor.errors import DataError, Problem
    from csadvisor.storage import history

    if path is not None:
        try:
            return history.read(Path(path))  # the same checks as a saved file
        except ValueError as exc:
            line, _, rest = str(exc).partition(": ")
            if line.isdigit():  # "3: not valid JSON (...)"
                raise DataError([Problem(path, int(line), "", rest)]) from None
            raise DataError([Problem(path, None, "", str(exc))]) from None
    from csadvisor.cli.commands import saved_for

    every = history.load_all(warn)
    return saved_for(person, first=", or give a ROLE", every=every)[1][-1].result
