"""`csadvisor pay`: pay ranges by hand or by the hundred from stdin."""

import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from csadvisor.cli.app import error_line
from csadvisor.cli.completion import complete_locations, complete_roles
from csadvisor.cli.options import (
    FormatOption,
    HeaderOption,
    command_app,
    examples,
    finite,
    state,
)
from csadvisor.core.models import Period
from csadvisor.errors import NotFoundError, UsageError, escape_control

if TYPE_CHECKING:
    from csadvisor.cli.nameinput import NameLine

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


class InputFormat(str, Enum):
    lines = "lines"
    tsv = "tsv"
    csv = "csv"


def _requests(
    args: list[str], input_format: InputFormat | None, column: str | None, keep: list[str]
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
        if sys.stdin.isatty():
            error_line("reading role names from stdin, one per line; end with Ctrl-D")
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
            help="Print only this number (low, high, mid, p10, p25, median, p75 or p90), "
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
    from csadvisor.cli import records
    from csadvisor.cli.output import Joined, Shown, View, cell, emit
    from csadvisor.core.lookup import RoleIndex, unknown_role_message
    from csadvisor.core.paycheck import CHECK_BASIS, CHECK_COLUMNS, Scale, parse_salary

    asked_places = list(locations or ())
    from_env = False
    if not asked_places and os.environ.get("CSADVISOR_LOCATION"):
        asked_places, from_env = [os.environ["CSADVISOR_LOCATION"]], True
    if from_env and (adjust is not None or industry is not None):
        asked_places = []  # an explicit --adjust or --industry beats the default place
    if asked_places and adjust is not None:
        raise UsageError("give --location or --adjust, not both")
    if industry is not None and (asked_places or location_column or adjust is not None):
        raise UsageError(
            "--industry reads BLS's national industry figures (BLS publishes them for the "
            "nation only): drop --location, --location-column and --adjust"
        )
    location = asked_places[0] if len(asked_places) == 1 else None
    if field is not None and fmt is not None:
        raise UsageError(
            "--field prints bare numbers, one per line; drop --format, or drop --field"
        )
    if field is not None and len(asked_places) > 1:
        raise UsageError("--field prints one number a name: give one --location, or use -f tsv")
    if input_format is InputFormat.lines and column is not None:
        raise UsageError("--column reads a table: use --input-format tsv or csv, not lines")
    kept = [k.strip() for k in (keep or "").split(",") if k.strip()]
    table_input = column is not None or input_format in (InputFormat.tsv, InputFormat.csv)
    if (table_input or kept) and "-" not in names:
        raise UsageError("--column, --keep and --input-format tsv|csv read stdin: add '-'")
    if kept and not table_input:
        raise UsageError("--keep carries columns of a table: add --column NAME")
    if (salary_column or location_column) and not table_input:
        raise UsageError("--salary-column and --location-column read a table: add - --column NAME")
    if salary is not None and salary_column:
        raise UsageError("give --salary or --salary-column, not both")
    clash = [k for k in kept if k in records.PAY_COLUMNS]
    if clash:
        raise UsageError(f"--keep {clash[0]}: the pay records have a column of that name already")
    cat = state(ctx).catalog()
    source: Any = None
    if len(asked_places) > 1 or location_column or industry is not None:
        from csadvisor.cli.payplaces import RowPlaces, bls_places, industry_place
        from csadvisor.storage import catalog

        source = catalog.resolve_source(state(ctx).data_dir)
    places: list[Any] = []
    if len(asked_places) > 1:
        places = list(bls_places(source, asked_places))
        local, factor, adjusted_by = places[0], None, None
    else:
        local, factor, adjusted_by = _where(ctx, location, adjust)
        places = [local]
    by_row = RowPlaces(source) if location_column else None
    in_industry = industry_place(source, industry, {}) if industry is not None else None
    any_local = local is not None or by_row is not None or in_industry is not None
    checking = salary is not None or salary_column is not None
    if checking and not any_local:
        raise UsageError(
            "--salary and --salary-column compare with BLS percentiles: add --location PLACE "
            "(or --location-column, or --industry)"
        )
    extra_columns: tuple[str, ...] = ()
    if in_industry is not None:
        from csadvisor.cli.payplaces import INDUSTRY_COLUMNS

        extra_columns += INDUSTRY_COLUMNS
    if checking:
        extra_columns += CHECK_COLUMNS
    clash = [k for k in kept if any_local and k in (*records.LOCAL_COLUMNS, *extra_columns)]
    if clash:
        raise UsageError(f"--keep {clash[0]}: the local pay records have a column of that name")
    if field is not None and field.value in PERCENTILE_FIELDS and not any_local:
        hint = "add --location PLACE (e.g. US)"
        if location is not None:
            hint = f"'{location}' is your organisation's location (a factor), not a BLS area"
        raise UsageError(
            f"--field {field.value} is a BLS figure: {hint}. See 'csadvisor pay --help'."
        )
    read = [*kept, *(c for c in (salary_column, location_column) if c and c not in kept)]
    index = RoleIndex(cat)
    requests = _requests(names, input_format, column, read)
    missing: list[str] = []  # one line per unknown name or place, with its input line
    asked = 0
    unknown_names = 0
    unpaid_warned: set[str] = set()

    def answers() -> Iterator[Joined]:
        """One pay record per name asked (and place), in input order, unknown ones too."""
        nonlocal asked, unknown_names
        found: dict[tuple[str, int], dict[str, Any]] = {}  # the figures, worked out once
        scales: dict[tuple[str, int], Scale] = {}  # their percentiles, for --salary
        blank = records.unanswered_record(records.BLANK_NAME)
        not_found = records.unanswered_record(records.UNKNOWN_ROLE)
        if any_local:  # the same columns, empty
            empty = dict.fromkeys((*records.LOCAL_COLUMNS, *extra_columns))
            blank, not_found = {**blank, **empty}, {**not_found, **empty}
        unknown: dict[str, tuple[str, str | None]] = {}  # by name: the message, suggestion
        for request in requests:
            name = request.query
            # Echoed input never carries a terminal escape: control characters are shown.
            extra = {"query": escape_control(name), "line": request.line, "suggestion": None}
            cells = request.kept
            if cells:
                extra.update({k: escape_control(cells[k]) for k in kept if k in cells})
            if not name:
                yield Joined(blank, extra)
                continue
            asked += 1
            role = index.find(name)
            if role is None:
                if name not in unknown:
                    near = index.suggest(name)
                    unknown[name] = (
                        unknown_role_message(name, near),
                        near[0] if near else None,
                    )
                message, best = unknown[name]
                unknown_names += 1
                where = f"line {request.line}: " if request.line is not None else ""
                missing.append(where + message)
                extra["suggestion"] = best
                yield Joined(not_found, extra)
                continue
            row_places: list[Any] = places
            if by_row is not None:
                cell_place = (cells.get(location_column or "") or "").strip() or location
                got = by_row.get(cell_place) if cell_place else "no place on this row"
                if isinstance(got, str):
                    where = f"line {request.line}: " if request.line is not None else ""
                    missing.append(where + got)
                    yield Joined(not_found, {**extra, "note": None, "local_note": got})
                    continue
                row_places = [got]
            pay_salary = salary
            if salary_column is not None:
                pay_salary = parse_salary(cells.get(salary_column, ""))
            for where_ in row_places:
                key = (role.id, id(where_))
                record = found.get(key)
                if record is None:
                    record = found[key] = _pay_record(
                        role, period.value, where_, factor, adjusted_by, in_industry
                    )
                    if checking:
                        scales[key] = Scale(record)
                        record["check_basis"] = CHECK_BASIS  # formatted once per record
                if checking:
                    extra.update(scales[key].fields(pay_salary, shared=True))
                yield Joined(record, extra)

    if field is not None:
        out = sys.stdout
        if table_input and header:  # a line for the table's header row: `paste` lines up
            out.write(field.value + "\n")
        for record in answers():  # one line per name, so `paste` lines up
            value = record.get(field.value)
            if value is None and record["role"] and record["role"] not in unpaid_warned:
                unpaid_warned.add(record["role"])
                error_line(
                    f"{record['role']}: {_why_empty(record, field.value)}; printing an empty line"
                )
            elif record.get("local_note") and record["local_note"] not in unpaid_warned:
                unpaid_warned.add(record["local_note"])  # a wider area, said even here
                error_line(f"{record['role']}: {record['local_note']}")
            out.write(cell(value) + "\n")  # the numbers as tsv shows them
    elif any_local:

        def pictures(rows: Shown, out: TextIO) -> None:
            from csadvisor.cli.render.localpay import local_pay_table

            local_pay_table(rows, out, period.value)

        columns = (*records.PAY_COLUMNS, *records.LOCAL_COLUMNS, *extra_columns, *kept)
        emit(View(columns, answers(), pictures), fmt, header)
    else:

        def table(rows: Shown, out: TextIO) -> None:
            from csadvisor.cli.render.tables import pay_table

            pay_table(rows, out, period.value, adjusted_by, factor)

        emit(View((*records.PAY_COLUMNS, *kept), answers(), table), fmt, header)
    if missing:  # every other name was answered; the unknown ones are the error
        if asked > 1 and unknown_names:
            missing.append(f"{unknown_names} of {asked} names not found")
        elif asked > 1:
            missing.append(f"{len(missing)} of {asked} rows name no single BLS area")
        raise NotFoundError(*missing)


def _pay_record(
    role: Any,
    period: str,
    local: Any,
    factor: float | None,
    adjusted_by: str | None,
    industry: Any = None,
) -> dict[str, Any]:
    """The starting range (as today), and with a BLS place its local columns after it."""
    from csadvisor.cli import records

    rng = role.pay.per(period) if role.pay else None
    if rng is not None and factor is not None:
        rng = rng.adjusted(factor, adjusted_by or "")
    record = records.pay_record(role, rng)
    if industry is not None:
        record.update(industry.fields(role, period))
    elif local is not None:
        from csadvisor.core.localpay import local_fields

        record.update(local_fields(role, local, period))
    return record


def _why_empty(record: Mapping[str, Any], field: str) -> str:
    from csadvisor.cli import records

    if field not in PERCENTILE_FIELDS:
        return records.NO_RANGE
    return record["not_published"].get(field) or record["local_note"] or "not published"


def _where(
    ctx: typer.Context, location: str | None, adjust: float | None
) -> tuple[Any, float | None, str | None]:
    """A BLS place for local figures, or a factor (and its name) for the national range."""
    if adjust is not None:
        return None, adjust, "manual factor"
    if location is None:
        return None, None, None
    from csadvisor.cli import location as place
    from csadvisor.storage import catalog

    found = place.resolve(catalog.resolve_source(state(ctx).data_dir), location)
    if isinstance(found, place.Location):
        return None, found.factor, f"{found.name} ({found.source}, {found.year})"
    return found, None, None
