"""`csadvisor pay`: pay ranges by hand or by the hundred from stdin."""

import os
import sys
from collections.abc import Iterable, Iterator
from enum import Enum
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from csadvisor.cli.completion import complete_locations, complete_roles
from csadvisor.cli.context import Application
from csadvisor.cli.options import (
    FormatOption,
    HeaderOption,
    application,
    command_app,
    examples,
    finite,
)
from csadvisor.core.listings import LOCAL_COLUMNS, PAY_COLUMNS, PayRow
from csadvisor.core.models import Period
from csadvisor.core.paybatch import PERCENTILE_FIELDS
from csadvisor.core.rows import choices
from csadvisor.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from csadvisor.cli.nameinput import NameLine
    from csadvisor.cli.output import Joined, Shown, View
    from csadvisor.core.localpay import BlsLocation

app = command_app()


if TYPE_CHECKING:
    PayField = Enum
else:  # the numbers a row declares as --field choices, starting range first
    PayField = Enum("PayField", {f: f for f in choices(PayRow) + PERCENTILE_FIELDS}, type=str)
_FIELD_NAMES = ", ".join(PayField.__members__).rpartition(", ")[0] + f" or {PERCENTILE_FIELDS[-1]}"


class InputFormat(str, Enum):
    lines = "lines"
    tsv = "tsv"
    csv = "csv"


def _requests(
    run: Application,
    args: list[str],
    input_format: InputFormat | None,
    column: str | None,
    keep: list[str],
) -> Iterator["NameLine"]:
    """Each name to look up, in order: arguments as given, ``-`` for those on stdin.

    A table on stdin has its header row checked here, before anything is printed.
    """
    import itertools

    from csadvisor.cli.nameinput import NameInputError, NameLine, bounded, read_lines, read_table

    table = column is not None or input_format in (InputFormat.tsv, InputFormat.csv)
    parts: list[Iterable[NameLine]] = []
    for arg in args:
        if arg != "-":
            parts.append((NameLine(None, arg, {}),))
            continue
        if sys.stdin is None:  # pragma: no cover - no stdin at all
            raise UsageError("'-' reads role names from stdin, but there is no stdin")
        if run.interactive_input():
            run.warn("reading role names from stdin, one per line; end with Ctrl-D")
        if table:
            fmt = None if input_format is None else input_format.value
            try:
                parts.append(read_table(bounded(sys.stdin), fmt, column or "1", keep))
            except NameInputError as exc:
                raise UsageError(str(exc)) from None
        else:
            parts.append(read_lines(bounded(sys.stdin)))
    return itertools.chain.from_iterable(parts)


@app.command(
    epilog=examples(
        "csadvisor pay 'Customer service manager'",
        "csadvisor pay csr 'customer service manager' --period hour",
        "cut -f1 names.txt | csadvisor pay - -f tsv --no-header | sort -t$'\\t' -k3 -n",
        "csadvisor pay - --column job_title --keep employee_id -f csv < staff.csv",
        "csadvisor pay csr --location Dallas",
        "csadvisor pay csr -l TX --field median --period hour",
        "csadvisor pay csr --location Dallas --salary 41000",
        "csadvisor pay csr -l Dallas -l Denver -l 'New York'",
        "csadvisor pay csr --industry hospitals",
        "csadvisor pay - --column title --salary-column salary --location-column city < staff.csv",
    )
)
def pay(
    ctx: typer.Context,
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="ROLE...",
            help="Role ids, titles or aliases; '-' reads stdin.",
            autocompletion=complete_roles,
        ),
    ],
    fmt: FormatOption = None,
    period: Annotated[
        Period,
        typer.Option(
            "--period",
            "-p",
            case_sensitive=False,
            help="Express pay per year, month (year / 12) or hour (year / 2080); "
            "anything but the published period is marked derived. With --location, the "
            "hourly BLS figures are BLS's own; monthly ones are year / 12, marked derived.",
        ),
    ] = Period.year,
    field: Annotated[
        PayField | None,
        typer.Option(
            "--field",
            case_sensitive=False,
            metavar="FIELD",
            help=f"Print only this number ({_FIELD_NAMES}), "
            "one line per name (an empty line where there is "
            "none, so lines match the input; with --column, first a line for the header "
            "row). mid is the midpoint of the starting range, not a median; p10..p90 and "
            "median are BLS percentiles (need --location).",
        ),
    ] = None,
    locations: Annotated[
        list[str] | None,
        typer.Option(
            "--location",
            "-l",
            metavar="PLACE",
            help="Local pay from BLS OEWS May 2025 for PLACE: a state (Texas, TX), a metro "
            "area or one of its principal cities (Dallas), a common name (NYC), a BLS area "
            "code, or US. Repeat it to compare places side by side on one scale. A name in "
            "your organisation's locations.yaml wins (its pay factor). 'csadvisor areas' "
            "lists them. Default: the CSADVISOR_LOCATION environment variable.",
            autocompletion=complete_locations,
        ),
    ] = None,
    salary: Annotated[
        float | None,
        typer.Option(
            "--salary",
            metavar="AMOUNT",
            callback=finite,
            min=0.01,
            help="Place this salary (per --period) among the BLS percentiles: the band it "
            "falls in, an estimated percentile (labelled) and salary / local median.",
        ),
    ] = None,
    salary_column: Annotated[
        str | None,
        typer.Option(
            "--salary-column",
            metavar="COL",
            help="With --column: each row's salary from this column; adds percentile_band, "
            "percentile_estimate and compa_ratio (salary / local median).",
        ),
    ] = None,
    location_column: Annotated[
        str | None,
        typer.Option(
            "--location-column",
            metavar="COL",
            help="With --column: each row's place from this column (as --location takes "
            "it); an empty cell uses --location.",
        ),
    ] = None,
    industry: Annotated[
        str | None,
        typer.Option(
            "--industry",
            metavar="NAME",
            help="BLS figures for the occupation in one industry (US national, as BLS "
            "publishes them), with their relative standard errors. 'csadvisor industries' "
            "lists them.",
        ),
    ] = None,
    adjust: Annotated[
        float | None,
        typer.Option(
            "--adjust",
            metavar="FACTOR",
            callback=finite,
            min=0.01,
            max=100.0,
            help="Multiply pay by FACTOR (e.g. 1.12); the figures are marked adjusted.",
        ),
    ] = None,
    input_format: Annotated[
        InputFormat | None,
        typer.Option(
            "--input-format",
            case_sensitive=False,
            help="How '-' reads stdin: lines (one name a line, the default), or tsv/csv "
            "(a table with a header row; names from --column).",
        ),
    ] = None,
    column: Annotated[
        str | None,
        typer.Option(
            "--column",
            metavar="NAME|N",
            help="Read the names from this column (header name or number from 1) of a "
            "table on stdin; tsv or csv is told from the header unless --input-format says.",
        ),
    ] = None,
    keep: Annotated[
        str | None,
        typer.Option(
            "--keep",
            metavar="COL,...",
            help="Carry these columns of the input table into each record, after the pay columns.",
        ),
    ] = None,
    header: HeaderOption = True,
) -> None:
    """Look up pay ranges: low, high and midpoint, with source, year and basis.

    Every name gets one record, in input order, with the name as typed (query) and its
    input line (line): an unknown name gets note 'unknown role' and the closest name
    (suggestion), and empty figures.

    With --location: the occupation's BLS percentiles, mean and employment in that place.
    """
    from csadvisor.cli.output import Format, Joined, default_format, emit
    from csadvisor.core.paybatch import PayBatch

    asked = list(locations or ())
    default = os.environ.get("CSADVISOR_LOCATION")
    if not asked and default and adjust is None and industry is None:
        asked = [default]  # the default place; an explicit --adjust or --industry beats it
    location = asked[0] if len(asked) == 1 else None
    kept = _checked(names, fmt, field, location, adjust, input_format, column, keep)
    wide = len(asked) > 1 or bool(industry or location_column) or salary is not None
    table_input = column is not None or input_format in (InputFormat.tsv, InputFormat.csv)
    if wide or salary_column:
        from csadvisor.cli.payplaces import check_wide

        check_wide(asked, field, adjust, industry, table_input, salary, salary_column,
                   location_column)  # fmt: skip
    run = application(ctx)
    if wide or salary_column:
        from csadvisor.cli.payplaces import wide_batch

        placed, bls, extra = wide_batch(
            run, period.value, asked, kept, industry, location_column, salary, salary_column
        )
        read = [*kept, *(c for c in (salary_column, location_column) if c and c not in kept)]
        _check_with_local(kept, field, location, bls, extra)
        lines = _requests(run, names, input_format, column, read)
        answers = (Joined(shared, own) for shared, own in placed.answers(lines))
        if field is not None:
            from csadvisor.cli.payfield import print_field

            print_field(run, answers, field.value, table_input and header)
        else:
            emit(_view(answers, bls, kept, period.value, None, None, extra), fmt, header)
        for problem in placed.salary_problems():
            run.warn(problem)
        if placed.unreadable:  # as below: bad input outranks unknown names and places
            raise UsageError(*placed.unreadable_lines(), *placed.not_found())
        if placed.missing:
            raise NotFoundError(*placed.not_found())
        return
    local, factor, adjusted_by = _where(run, location, adjust)
    bls = local is not None
    _check_with_local(kept, field, location, bls)
    batch = PayBatch(run.catalog(), period.value, local, factor, adjusted_by)
    lines = _requests(run, names, input_format, column, kept)
    found = (Joined(shared, own) for shared, own in batch.answers(lines))
    if field is not None:
        from csadvisor.cli.payfield import print_field

        print_field(run, found, field.value, table_input and header)
    elif "-" in names or default_format(fmt) is not Format.table:
        emit(_view(found, bls, kept, period.value, adjusted_by, factor), fmt, header)
    else:  # a person at a terminal: a table of nothing but unknown names is no answer
        shown = list(found)
        if batch.counts["missing"] < len(shown):
            emit(_view(shown, bls, kept, period.value, adjusted_by, factor), fmt, header)
    if batch.unreadable:  # bad input outranks unknown names: exit 2, with their lines too
        raise UsageError(*batch.unreadable_lines(), *batch.not_found())
    if batch.missing:  # every other name was answered; the unknown ones are the error
        raise NotFoundError(*batch.not_found())


def _checked(
    names: list[str],
    fmt: Enum | None,
    field: Enum | None,
    location: str | None,
    adjust: float | None,
    input_format: InputFormat | None,
    column: str | None,
    keep: str | None,
) -> list[str]:
    """The options that cannot go together, refused before anything is read; the columns
    ``--keep`` carries."""

    if location is not None and adjust is not None:
        raise UsageError("give --location or --adjust, not both")
    if field is not None and fmt is not None:
        raise UsageError(
            "--field prints bare numbers, one per line; drop --format, or drop --field"
        )
    if input_format is InputFormat.lines and column is not None:
        raise UsageError("--column reads a table: use --input-format tsv or csv, not lines")
    kept = [k.strip() for k in (keep or "").split(",") if k.strip()]
    table_input = column is not None or input_format in (InputFormat.tsv, InputFormat.csv)
    if (table_input or kept) and "-" not in names:
        raise UsageError("--column, --keep and --input-format tsv|csv read stdin: add '-'")
    if kept and not table_input:
        raise UsageError("--keep carries columns of a table: add --column NAME")
    clash = [k for k in kept if k in PAY_COLUMNS]
    if clash:
        raise UsageError(f"--keep {clash[0]}: the pay records have a column of that name already")
    return kept


def _check_with_local(
    kept: list[str],
    field: Enum | None,
    location: str | None,
    bls: bool,
    extra: tuple[str, ...] = (),
) -> None:
    """What needs a BLS location (``bls``: BLS figures are shown), or must not clash
    with their columns."""

    clash = [k for k in kept if bls and k in (*LOCAL_COLUMNS, *extra)]
    if clash:
        raise UsageError(f"--keep {clash[0]}: the local pay records have a column of that name")
    if field is not None and field.value in PERCENTILE_FIELDS and not bls:
        hint = "add --location PLACE (e.g. US)"
        if location is not None:
            hint = f"'{location}' is your organisation's location (a factor), not a BLS area"
        raise UsageError(
            f"--field {field.value} is a BLS figure: {hint}. See 'csadvisor pay --help'."
        )


def _view(
    answers: Iterable["Joined"],
    bls: bool,
    kept: list[str],
    period: str,
    adjusted_by: str | None,
    factor: float | None,
    extra: tuple[str, ...] = (),
) -> "View":
    """The records, their columns, and how a terminal draws them (``bls``: with the BLS
    figures)."""
    from csadvisor.cli.output import View

    if bls:

        def pictures(rows: "Shown", out: TextIO) -> None:
            from csadvisor.cli.render.localpay import local_pay_table

            local_pay_table(rows, out, period)

        columns = (*PAY_COLUMNS, *LOCAL_COLUMNS, *extra, *kept)
        return View(columns, answers, pictures)

    def table(rows: "Shown", out: TextIO) -> None:
        from csadvisor.cli.render.tables import pay_table

        pay_table(rows, out, period, adjusted_by, factor)

    return View((*PAY_COLUMNS, *kept), answers, table)


def _where(
    run: Application, location: str | None, adjust: float | None
) -> tuple["BlsLocation | None", float | None, str | None]:
    """A BLS location for local figures, or a factor (and its name) for the national range."""
    if adjust is not None:
        return None, adjust, "manual factor"
    if location is None:
        return None, None, None
    from csadvisor.cli import location as locations

    found = locations.resolve(run, location)
    if isinstance(found, locations.Location):
        return None, found.factor, f"{found.name} ({found.source}, {found.year})"
    return found, None, None
