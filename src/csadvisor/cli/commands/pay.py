"""`csadvisor pay`: pay ranges by hand or by the hundred from stdin."""

import sys
from collections.abc import Iterable, Iterator, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from csadvisor.cli.app import error_line
from csadvisor.cli.completion import complete_roles
from csadvisor.cli.options import (
    FormatOption,
    HeaderOption,
    LocationOption,
    command_app,
    examples,
    finite,
    state,
)
from csadvisor.core.listings import LocalPayRow, PayRow
from csadvisor.core.models import Period
from csadvisor.core.rows import Parts, choices
from csadvisor.errors import NotFoundError, UsageError, escape_control

if TYPE_CHECKING:
    from csadvisor.cli.nameinput import NameLine
    from csadvisor.cli.output import Joined
    from csadvisor.core.localpay import Place
    from csadvisor.core.models import Role
    from csadvisor.core.rows import Record

app = command_app()


PERCENTILE_FIELDS = choices(LocalPayRow)  # the BLS figures (need --location)
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
    location: LocationOption = None,
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
    from csadvisor.core import rows
    from csadvisor.core.listings import BLANK_NAME, UNKNOWN_ROLE
    from csadvisor.core.lookup import RoleIndex, unknown_role_message
    from csadvisor.core.rows import Record

    if location is not None and adjust is not None:
        if _from_environment(ctx, "location"):
            location = None  # an explicit --adjust beats the default place
        else:
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
    clash = [k for k in kept if k in records.PAY_COLUMNS]
    if clash:
        raise UsageError(f"--keep {clash[0]}: the pay records have a column of that name already")
    cat = state(ctx).catalog()
    local, factor, adjusted_by = _where(ctx, location, adjust)
    clash = [k for k in kept if local is not None and k in records.LOCAL_COLUMNS]
    if clash:
        raise UsageError(f"--keep {clash[0]}: the local pay records have a column of that name")
    if field is not None and field.value in PERCENTILE_FIELDS and local is None:
        hint = "add --location PLACE (e.g. US)"
        if location is not None:
            hint = f"'{location}' is your organisation's location (a factor), not a BLS area"
        raise UsageError(
            f"--field {field.value} is a BLS figure: {hint}. See 'csadvisor pay --help'."
        )
    index = RoleIndex(cat)
    requests = _requests(names, input_format, column, kept)
    missing: list[str] = []  # one line per unknown name, with its input line
    asked = 0
    unpaid_warned: set[str] = set()

    def answers() -> Iterator[Joined]:
        """One pay record per name asked, in input order, unknown and blank ones too."""
        nonlocal asked
        found: dict[str, Record] = {}  # by role id: the figures, worked out once
        blank: Record = PayRow.unanswered(BLANK_NAME)
        not_found: Record = PayRow.unanswered(UNKNOWN_ROLE)
        if local is not None:  # the same columns, empty
            blank = Parts(blank, rows.blank(LocalPayRow))
            not_found = Parts(not_found, rows.blank(LocalPayRow))
        unknown: dict[str, tuple[str, str | None]] = {}  # by name: the message, suggestion
        for request in requests:
            name = request.query
            # Echoed input never carries a terminal escape: control characters are shown.
            query = escape_control(name)
            kept_cells = {k: escape_control(v) for k, v in request.kept.items()}
            if not name:
                yield _line(blank, query, request.line, None, kept_cells)
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
                where = f"line {request.line}: " if request.line is not None else ""
                missing.append(where + message)
                yield _line(not_found, query, request.line, best, kept_cells)
                continue
            record = found.get(role.id)
            if record is None:
                record = found[role.id] = _pay_record(
                    role, period.value, local, factor, adjusted_by
                )
            yield _line(record, query, request.line, None, kept_cells)

    if field is not None:
        out = sys.stdout
        if table_input and header:  # a line for the table's header row: `paste` lines up
            out.write(field.value + "\n")
        for line in answers():  # one line per name, so `paste` lines up
            record = rows.as_dict(line.shared)
            value = record.get(field.value)
            if value is None and record["role"] and record["role"] not in unpaid_warned:
                unpaid_warned.add(record["role"])
                error_line(
                    f"{record['role']}: {_why_empty(record, field.value)}; printing an empty line"
                )
            out.write(cell(value) + "\n")  # the numbers as tsv shows them
    elif local is not None:

        def pictures(rows: Shown, out: TextIO) -> None:
            from csadvisor.cli.render.localpay import local_pay_table

            local_pay_table(rows, out, period.value)

        columns = (*records.PAY_COLUMNS, *records.LOCAL_COLUMNS, *kept)
        emit(View(columns, answers(), pictures), fmt, header)
    else:

        def table(rows: Shown, out: TextIO) -> None:
            from csadvisor.cli.render.tables import pay_table

            pay_table(rows, out, period.value, adjusted_by, factor)

        emit(View((*records.PAY_COLUMNS, *kept), answers(), table), fmt, header)
    if missing:  # every other name was answered; the unknown ones are the error
        if asked > 1:
            missing.append(f"{len(missing)} of {asked} names not found")
        raise NotFoundError(*missing)


def _line(
    shared: "Record", query: str, line: int | None, suggestion: str | None, kept: dict[str, str]
) -> "Joined":
    """One input line's record: the role's figures (shared by every line naming it), then
    what was asked, then the input columns kept."""
    from csadvisor.cli.output import Joined
    from csadvisor.core.listings import Request

    own: Record = Request(query=query, line=line, suggestion=suggestion)
    return Joined(shared, Parts(own, kept) if kept else own)


def _pay_record(
    role: "Role",
    period: str,
    local: "Place | None",
    factor: float | None,
    adjusted_by: str | None,
) -> "Record":
    """The starting range (as today), and with a BLS place its local columns after it."""
    rng = role.pay.per(period) if role.pay else None
    if rng is not None and factor is not None:
        rng = rng.adjusted(factor, adjusted_by or "")
    record = PayRow.of(role, rng)
    if local is None:
        return record
    from csadvisor.core.localpay import local_fields

    return Parts(record, local_fields(role, local, period))


def _why_empty(record: Mapping[str, Any], field: str) -> str:
    from csadvisor.core.listings import NO_RANGE

    if field not in PERCENTILE_FIELDS:
        return NO_RANGE
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
    from csadvisor.cli import location as place
    from csadvisor.storage import catalog

    found = place.resolve(catalog.resolve_source(state(ctx).data_dir), location)
    if isinstance(found, place.Location):
        return None, found.factor, f"{found.name} ({found.source}, {found.year})"
    return found, None, None
