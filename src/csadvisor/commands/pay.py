"""`csadvisor pay`: pay ranges by hand or by the hundred from stdin."""

import sys
from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Any, TextIO

import typer

from csadvisor.cli import error_line
from csadvisor.completion import complete_locations, complete_roles
from csadvisor.errors import NotFoundError, UsageError
from csadvisor.models import Period
from csadvisor.options import FormatOption, HeaderOption, command_app, examples, finite, state

app = command_app()


class PayField(str, Enum):
    low = "low"
    high = "high"
    mid = "mid"


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
        yield from _lines(sys.stdin)


def _lines(stream: TextIO) -> Iterator[str]:
    """Lines of ``stream``, each read within a bound: a longer line (no name is that long)
    is kept only up to it, so a megabyte line costs no more than a short one."""
    from csadvisor.lookup import MAX_NAME

    while True:
        line = stream.readline(MAX_NAME + 1)
        if not line:
            return
        if len(line) > MAX_NAME and not line.endswith("\n"):
            rest = line
            while rest and not rest.endswith("\n"):  # drop the rest of this line
                rest = stream.readline(1 << 16)
        yield line.strip()  # a blank line keeps its place in --field output


@app.command(
    epilog=examples(
        "csadvisor pay 'Customer service manager'",
        "csadvisor pay csr 'customer service manager' --period hour",
        "cut -f1 names.txt | csadvisor pay - -f tsv --no-header | sort -t$'\\t' -k3 -n",
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
            "anything but the published period is marked derived.",
        ),
    ] = Period.year,
    field: Annotated[
        PayField | None,
        typer.Option(
            "--field",
            case_sensitive=False,
            help="Print only this number, one line per name (an empty line where there is "
            "none, so lines match the input). mid is the midpoint of the range, not a median.",
        ),
    ] = None,
    location: Annotated[
        str | None,
        typer.Option(
            "--location",
            "-l",
            metavar="NAME",
            help="Apply the pay factor of NAME from the data directory's locations.yaml.",
            autocompletion=complete_locations,
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
    header: HeaderOption = True,
) -> None:
    """Look up pay ranges: low, high and midpoint, with source, year and basis."""
    from csadvisor import records
    from csadvisor.lookup import RoleIndex, unknown_role_message
    from csadvisor.output import Shown, View, emit

    if location is not None and adjust is not None:
        raise UsageError("give --location or --adjust, not both")
    if field is not None and fmt is not None:
        raise UsageError(
            "--field prints bare numbers, one per line; drop --format, or drop --field"
        )
    cat = state(ctx).catalog()
    factor, adjusted_by = _pay_factor(ctx, location, adjust)
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
                rng = role.pay.per(period.value) if role.pay else None
                if rng is not None and factor is not None:
                    rng = rng.adjusted(factor, adjusted_by or "")
                record = cache[role.id] = records.pay_record(role, rng)
            yield record

    if field is not None:
        out = sys.stdout
        for record in answers(keep_place=True):  # one line per name, so `paste` lines up
            value = record.get(field.value)
            if value is None and record and record["role"] not in unpaid_warned:
                unpaid_warned.add(record["role"])
                error_line(f"{record['role']}: {records.NO_RANGE}; printing an empty line")
            out.write(("" if value is None else str(value)) + "\n")
    else:

        def table(rows: Shown, out: TextIO) -> None:
            from csadvisor.render.tables import pay_table

            pay_table(rows, out, period.value, adjusted_by, factor)

        emit(View(records.PAY_COLUMNS, answers(), table), fmt, header)
    if missing:  # every other name was answered; the unknown ones are the error
        raise NotFoundError(*missing.values())


def _pay_factor(
    ctx: typer.Context, location: str | None, adjust: float | None
) -> tuple[float | None, str | None]:
    """The factor to apply to national pay, and what to call it."""
    if adjust is not None:
        return adjust, "manual factor"
    if location is None:
        return None, None
    from csadvisor import catalog
    from csadvisor.lookup import LocationIndex

    places = catalog.load_locations(catalog.resolve_source(state(ctx).data_dir))
    place = LocationIndex(places).get(location)
    return place.factor, f"{place.name} ({place.source}, {place.year})"
