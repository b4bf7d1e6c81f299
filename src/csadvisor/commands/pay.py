"""`csadvisor pay`: pay ranges by hand or by the hundred from stdin."""

import sys
from collections.abc import Iterator
from enum import Enum
from typing import Annotated, Any, TextIO

import typer

from csadvisor.cli import (
    FormatOption,
    HeaderOption,
    complete_locations,
    complete_roles,
    error_line,
    examples,
    pay_caption,
    state,
)
from csadvisor.cli import _app as APP
from csadvisor.errors import ExitCode, UsageError
from csadvisor.render import Format


class Period(str, Enum):
    year = "year"
    month = "month"
    hour = "hour"


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
        for line in sys.stdin:
            yield line.strip()  # a blank line keeps its place in --field output


@APP.command(
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
    from csadvisor.render import default_format, write_records

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
                    error_line(missing[name])
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

    chosen = default_format(fmt)
    if field is not None:
        out = sys.stdout
        for record in answers(keep_place=True):  # one line per name, so `paste` lines up
            value = record.get(field.value)
            if value is None and record and record["role"] not in unpaid_warned:
                unpaid_warned.add(record["role"])
                error_line(f"{record['role']}: {records.NO_RANGE}; printing an empty line")
            out.write(("" if value is None else str(value)) + "\n")
    elif chosen is Format.table:
        _pay_table(list(answers()), sys.stdout, period.value, adjusted_by, factor)
    else:
        write_records(answers(), records.PAY_COLUMNS, chosen, sys.stdout, header=header)
    if missing:
        raise typer.Exit(int(ExitCode.NOT_FOUND))


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


def _pay_table(
    rows: list[dict[str, Any]],
    out: TextIO,
    period: str,
    adjusted_by: str | None = None,
    factor: float | None = None,
) -> None:
    from csadvisor.render import TableColumn, console, money, range_bar, write_table

    def fig(key: str) -> Any:
        def get(r: dict[str, Any]) -> str:
            if r["low"] is None:
                return r["note"] if key == "low" else ""
            return money(r[key], r["currency"], r["period"])

        return get

    cols = [
        TableColumn("Role", lambda r: r["title"], min_width=16),
        TableColumn("Low", fig("low"), justify="right", no_wrap=True),
        TableColumn("High", fig("high"), justify="right", no_wrap=True),
        TableColumn("Midpoint", fig("mid"), justify="right", no_wrap=True),
    ]
    notes = ["Midpoint = middle of the range, not a median."]
    paid = [r for r in rows if r["low"] is not None]
    con = console(out)
    if len(paid) > 1 and len({r["currency"] for r in paid}) == 1 and con.width >= 90:
        lo, hi = min(r["low"] for r in paid), max(r["high"] for r in paid)
        cols.append(
            TableColumn(
                "Range",
                lambda r: "" if r["low"] is None else range_bar(r["low"], r["high"], lo, hi, con),
                no_wrap=True,
            )
        )
        cur, per = paid[0]["currency"], paid[0]["period"]
        notes.append(f"Bars share one scale, {money(lo, cur, per)} to {money(hi, cur, per)}.")
    if factor is not None:
        notes.append(f"Adjusted: national figures x {factor:g}, {adjusted_by}.")
    if period != "year":
        notes.append(
            f"Per {period}: derived from the yearly figures "
            f"({'year / 2080 hours' if period == 'hour' else 'year / 12'})."
        )
    title = f"Pay per {period}" + (" (adjusted)" if factor is not None else "")
    write_table(rows, cols, out, title=title, caption=pay_caption(rows, " ".join(notes)))
