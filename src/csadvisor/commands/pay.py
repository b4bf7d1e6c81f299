"""`csadvisor pay`: pay ranges by hand or by the hundred from stdin."""

import sys
from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Any, TextIO

import typer

from csadvisor.cli import error_line
from csadvisor.completion import complete_roles
from csadvisor.errors import NotFoundError, UsageError
from csadvisor.models import Period
from csadvisor.options import (
    FormatOption,
    HeaderOption,
    LocationOption,
    command_app,
    examples,
    state,
)

app = command_app()


class PayField(str, Enum):
    low = "low"
    high = "high"
    mid = "mid"
    p10 = "p10"
    p25 = "p25"
    median = "median"
    p75 = "p75"
    p90 = "p90"


PERCENTILE_FIELDS = ("p10", "p25", "median", "p75", "p90")


def _names(args: list[str]) -> Iterator[str]:
    """Role names from the arguments; ``-`` reads more from stdin, one per line."""
    for arg in args:
        if arg != "-":
            yield arg
            continue
        if sys.stdin is None:  # pragma: no cover - no stdin at all
            raise UsageError("'-' reads role names from stdin, but there is no stdin")
        if sys.stdin.isatty():
            error_line("reading role names from stdin, one per line; end with Ctrl-D")
        for line in sys.stdin:
            yield line.strip()  # a blank line keeps its place in --field output


@app.command(
    epilog=examples(
        "csadvisor pay 'Customer service manager'",
        "csadvisor pay csr 'customer service manager' --period hour",
        "cut -f1 names.txt | csadvisor pay - -f tsv --no-header | sort -t$'\\t' -k3 -n",
        "csadvisor pay csr --location Dallas",
        "csadvisor pay csr -l TX --field median --period hour",
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
            help="Print only this number, one line per name (an empty line where there is "
            "none, so lines match the input). mid is the midpoint of the starting range, not "
            "a median; p10..p90 and median are BLS percentiles (need --location).",
        ),
    ] = None,
    location: LocationOption = None,
    adjust: Annotated[
        float | None,
        typer.Option(
            "--adjust",
            metavar="FACTOR",
            min=0.01,
            max=100.0,
            help="Multiply pay by FACTOR (e.g. 1.12); the figures are marked adjusted.",
        ),
    ] = None,
    header: HeaderOption = True,
) -> None:
    """Look up pay ranges: low, high and midpoint, with source, year and basis.

    With --location: the occupation's BLS percentiles, mean and employment in that place.
    """
    from csadvisor import records
    from csadvisor.lookup import RoleIndex, unknown_role_message
    from csadvisor.output import Shown, View, emit

    if location is not None and adjust is not None:
        if _from_environment(ctx, "location"):
            location = None  # an explicit --adjust beats the default place
        else:
            raise UsageError("give --location or --adjust, not both")
    if field is not None and fmt is not None:
        raise UsageError(
            "--field prints bare numbers, one per line; drop --format, or drop --field"
        )
    cat = state(ctx).catalog()
    local, factor, adjusted_by = _where(ctx, location, adjust)
    if field is not None and field.value in PERCENTILE_FIELDS and local is None:
        hint = "add --location PLACE (e.g. US)"
        if location is not None:
            hint = f"'{location}' is your organisation's location (a factor), not a BLS area"
        raise UsageError(
            f"--field {field.value} is a BLS figure: {hint}. See 'csadvisor pay --help'."
        )
    index = RoleIndex(cat)
    missing: dict[str, str] = {}
    unpaid_warned: set[str] = set()

    def answers(keep_place: bool = False) -> Iterator[dict[str, Any]]:
        """A pay record per name in input order; with ``keep_place``, {} for an unknown one."""
        cache: dict[str, dict[str, Any]] = {}
        for name in _names(names):
            if not name:
                if keep_place:
                    yield {}
                continue
            role = index.find(name)
            if role is None:
                if name not in missing:
                    missing[name] = unknown_role_message(name, index.suggest(name))
                if keep_place:
                    yield {}
                continue
            record = cache.get(role.id)
            if record is None:
                record = cache[role.id] = _pay_record(
                    role, period.value, local, factor, adjusted_by
                )
            yield record

    if field is not None:
        out = sys.stdout
        for record in answers(keep_place=True):  # one line per name, so `paste` lines up
            value = record.get(field.value)
            if value is None and record and record["role"] not in unpaid_warned:
                unpaid_warned.add(record["role"])
                error_line(
                    f"{record['role']}: {_why_empty(record, field.value)}; printing an empty line"
                )
            out.write(("" if value is None else str(value)) + "\n")
    elif local is not None:

        def pictures(rows: Shown, out: TextIO) -> None:
            from csadvisor.render.localpay import local_pay_table

            local_pay_table(rows, out, period.value)

        columns = records.PAY_COLUMNS + records.LOCAL_COLUMNS
        emit(View(columns, answers(), pictures), fmt, header)
    else:

        def table(rows: Shown, out: TextIO) -> None:
            from csadvisor.render.tables import pay_table

            pay_table(rows, out, period.value, adjusted_by, factor)

        emit(View(records.PAY_COLUMNS, answers(), table), fmt, header)
    if missing:  # every other name was answered; the unknown ones are the error
        raise NotFoundError(*missing.values())


def _pay_record(
    role: Any, period: str, local: Any, factor: float | None, adjusted_by: str | None
) -> dict[str, Any]:
    """The starting range (as today), and with a BLS place its local columns after it."""
    from csadvisor import records

    rng = role.pay.per(period) if role.pay else None
    if rng is not None and factor is not None:
        rng = rng.adjusted(factor, adjusted_by or "")
    record = records.pay_record(role, rng)
    if local is not None:
        from csadvisor.localpay import local_fields

        record.update(local_fields(role, local, period))
    return record


def _why_empty(record: dict[str, Any], field: str) -> str:
    from csadvisor import records

    if field not in PERCENTILE_FIELDS:
        return records.NO_RANGE
    return record["not_published"].get(field) or record["local_note"] or "not published"


def _from_environment(ctx: typer.Context, name: str) -> bool:
    source = ctx.get_parameter_source(name)
    return source is not None and source.name == "ENVIRONMENT"


def _where(
    ctx: typer.Context, location: str | None, adjust: float | None
) -> tuple[Any, float | None, str | None]:
    """A BLS place for local figures, or a factor (and its name) for the national range."""
    if adjust is not None:
        return None, adjust, "manual factor"
    if location is None:
        return None, None, None
    from csadvisor import catalog, place

    found = place.resolve(catalog.resolve_source(state(ctx).data_dir), location)
    if isinstance(found, place.Location):
        return None, found.factor, f"{found.name} ({found.source}, {found.year})"
    return found, None, None
