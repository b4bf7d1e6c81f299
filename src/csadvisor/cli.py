"""The command line: parse options, call the core, hand records to the renderer.

One boundary (``CsadvisorGroup.main``) turns every error into one line on stderr and a
documented exit code. Heavy imports (rich, yaml, questionary) happen inside the commands
that need them, so ``csadvisor pay ROLE`` in a script starts about as fast as Typer does.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping
from enum import Enum
from typing import Annotated, Any, NoReturn, TextIO

import typer
from typer.core import TyperGroup

from csadvisor import __version__
from csadvisor.errors import CancelledError, CsadvisorError, ExitCode, NotFoundError, UsageError
from csadvisor.render import Format

PROG = "csadvisor"

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 a role (or any name in a batch) not found; "
    "2 usage error; 3 invalid data file; 130 cancelled by the user."
)


def error_line(message: str) -> None:
    """A message for the person, never for the pipe."""
    sys.stderr.write(f"{PROG}: {message}\n")
    sys.stderr.flush()


def _quiet_broken_pipe() -> None:
    """The reader went away (``| head``): stop writing, say nothing."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _safe_streams() -> None:
    """On an ASCII-only terminal, replace what cannot be encoded instead of crashing."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # pragma: no cover - exotic streams
                pass


class CsadvisorGroup(TyperGroup):
    """Typer's group with csadvisor's error boundary around it."""

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        _safe_streams()
        try:
            rv = super().main(
                args=args,
                prog_name=prog_name or PROG,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
            code = int(rv) if isinstance(rv, int) and not isinstance(rv, bool) else 0
            sys.stdout.flush()
        except CsadvisorError as exc:
            error_line(exc.message)
            code = int(exc.exit_code)
        except typer.TyperException as exc:  # Click's usage errors, bundled in Typer
            error_line(_usage_message(exc))
            code = int(ExitCode.USAGE)
        except (KeyboardInterrupt, typer.Abort):
            error_line("cancelled")
            code = int(ExitCode.CANCELLED)
        except BrokenPipeError:
            _quiet_broken_pipe()
            code = int(ExitCode.OK)
        if standalone_mode:
            sys.exit(code)
        return code


def _usage_message(exc: typer.TyperException) -> str:
    message = exc.format_message().rstrip(".")
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else PROG
    return f"{message}. See '{path} --help'."


app = typer.Typer(
    cls=CsadvisorGroup,
    name=PROG,
    help="A career advisor for people who work in customer service.",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class State:
    """Options that apply to every command."""

    def __init__(self, data_dir: str | None) -> None:
        self.data_dir = data_dir
        self._catalog: Any = None

    def catalog(self) -> Any:
        if self._catalog is None:
            from csadvisor import catalog

            self._catalog = catalog.load(catalog.resolve_source(self.data_dir))
        return self._catalog


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"{PROG} {__version__}\n")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    data_dir: Annotated[
        str | None,
        typer.Option(
            "--data-dir",
            envvar="CSADVISOR_DATA_DIR",
            metavar="DIR",
            help="Use DIR/roles.yaml and DIR/skills.yaml instead of the bundled data.",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """A career advisor for people who work in customer service.

    List the roles and what they pay, see which role is your next step, and what to
    learn to get there. Pay ranges come from the Robert Half 2026 Salary Guide (US
    national starting salaries); roles without a published range say so.
    """
    ctx.obj = State(data_dir)


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    assert isinstance(obj, State)
    return obj


FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format. Default: table on a terminal, tsv in a pipe.",
        show_default=False,
    ),
]
HeaderOption = Annotated[
    bool, typer.Option("--header/--no-header", help="Print the header row of tsv and csv.")
]


# --------------------------------------------------------------------------- roles


class SortKey(str, Enum):
    track = "track"
    id = "id"
    role_title = "title"
    level = "level"
    pay = "pay"


@app.command(
    epilog="Examples:  csadvisor roles  |  csadvisor roles --from senior-customer-service-"
    "specialist  |  csadvisor roles --with-pay -f json | jq '.[].title'"
)
def roles(
    ctx: typer.Context,
    fmt: FormatOption = None,
    level: Annotated[
        int | None, typer.Option("--level", min=1, max=5, help="Only roles at this level.")
    ] = None,
    from_role: Annotated[
        str | None,
        typer.Option("--from", metavar="ROLE", help="Only roles reachable from ROLE."),
    ] = None,
    with_pay: Annotated[
        bool, typer.Option("--with-pay", help="Only roles with a published pay range.")
    ] = False,
    sort: Annotated[
        SortKey, typer.Option("--sort", case_sensitive=False, help="Order of the rows.")
    ] = SortKey.track,
    header: HeaderOption = True,
) -> None:
    """List every role: id, title, level, pay range (or none published), next roles."""
    from csadvisor import advisor, records

    cat = state(ctx).catalog()
    chosen = list(cat.roles)
    if from_role is not None:
        chosen = advisor.reachable(cat, advisor.RoleIndex(cat).get(from_role))
    if level is not None:
        chosen = [r for r in chosen if r.level == level]
    if with_pay:
        chosen = [r for r in chosen if r.pay is not None]
    if sort is SortKey.pay:
        chosen.sort(key=lambda r: (r.pay is None, -(r.pay.mid if r.pay else 0)))
    elif sort is SortKey.level:
        chosen.sort(key=lambda r: r.level)
    elif sort in (SortKey.id, SortKey.role_title):
        chosen.sort(key=lambda r: getattr(r, sort.value).casefold())
    rows = [records.role_record(r) for r in chosen]
    _emit(rows, records.ROLE_COLUMNS, fmt, header, table=_roles_table)


def _roles_table(rows: list[dict[str, Any]], out: TextIO) -> None:
    from csadvisor.render import TableColumn, pay_range_text, write_table

    cols = [
        TableColumn("ID", lambda r: r["id"], style="cyan"),
        TableColumn("Role", lambda r: r["title"]),
        TableColumn("Level", lambda r: r["level"], justify="right"),
        TableColumn("Starting pay (year)", pay_range_text),
        TableColumn("Grows into", lambda r: "\n".join(r["next"]) or "-"),
    ]
    write_table(rows, cols, out, caption=_pay_caption(rows))


def _pay_caption(rows: Iterable[dict[str, Any]], extra: str = "") -> str:
    """Where the figures come from, said once under a table."""
    sources = sorted({f"{r['source']} ({r['year']})" for r in rows if r.get("source")})
    basis = sorted({f"{r['basis']}, {r['region']}" for r in rows if r.get("basis")})
    parts = []
    if sources:
        parts.append(f"Pay: {'; '.join(basis)}. Source: {'; '.join(sources)}.")
    if extra:
        parts.append(extra)
    return " ".join(parts)


def _emit(
    rows: list[dict[str, Any]],
    columns: tuple[str, ...],
    fmt: Format | None,
    header: bool,
    table: Any,
) -> None:
    from csadvisor.render import default_format, write_records

    chosen = default_format(fmt)
    if chosen is Format.table:
        table(rows, sys.stdout)
    else:
        write_records(rows, columns, chosen, sys.stdout, header=header)


# --------------------------------------------------------------------------- role


@app.command(epilog="Examples:  csadvisor role csr  |  csadvisor role 'Account manager' -f json")
def role(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="ROLE", help="Role id, title or alias.")],
    fmt: FormatOption = None,
    header: HeaderOption = True,
) -> None:
    """Show one role in full: summary, duties, pay and its source, skills, next roles."""
    from csadvisor import advisor, records
    from csadvisor.render import default_format, write_json, write_records, write_role_page

    cat = state(ctx).catalog()
    found = advisor.RoleIndex(cat).get(name)
    record = records.role_detail_record(found, cat)
    chosen = default_format(fmt)
    if chosen is Format.table:
        names = {s.id: s.name for s in cat.skills}
        titles = {r.id: r.title for r in cat.roles}
        write_role_page(record, names, titles, sys.stdout)
    elif chosen is Format.json:
        write_json(record, sys.stdout)
    else:
        write_records([record], records.ROLE_DETAIL_COLUMNS, chosen, sys.stdout, header=header)


# --------------------------------------------------------------------------- pay


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
            name = line.strip()
            if name:
                yield name


@app.command(
    epilog="Examples:  csadvisor pay 'Customer service manager'  |  "
    "csadvisor pay csr manager --period hour  |  "
    "cut -f1 names.txt | csadvisor pay - -f tsv --no-header | sort -t$'\\t' -k3 -n"
)
def pay(
    ctx: typer.Context,
    names: Annotated[
        list[str],
        typer.Argument(metavar="ROLE...", help="Role ids, titles or aliases; '-' reads stdin."),
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
            help="Print only this number, one per line. mid is the midpoint of the range, "
            "not a median.",
        ),
    ] = None,
    header: HeaderOption = True,
) -> None:
    """Look up pay ranges: low, high and midpoint, with source, year and basis."""
    from csadvisor import advisor, records
    from csadvisor.render import default_format, write_records

    cat = state(ctx).catalog()
    index = advisor.RoleIndex(cat)
    missing: dict[str, str] = {}
    unpaid_warned: set[str] = set()

    def lookup() -> Iterator[dict[str, Any]]:
        cache: dict[str, dict[str, Any]] = {}
        for name in _names(names):
            role = index.find(name)
            if role is None:
                if name not in missing:
                    missing[name] = advisor.unknown_role_message(name, index.suggest(name))
                    error_line(missing[name])
                continue
            record = cache.get(role.id)
            if record is None:
                rng = role.pay.per(period.value) if role.pay else None
                record = cache[role.id] = records.pay_record(role, rng)
            yield record

    chosen = default_format(fmt)
    if field is not None:
        out = sys.stdout
        for record in lookup():
            value = record[field.value]
            if value is None and record["role"] not in unpaid_warned:
                unpaid_warned.add(record["role"])
                error_line(f"{record['role']}: {records.NO_RANGE}; printing an empty line")
            out.write(("" if value is None else str(value)) + "\n")
    elif chosen is Format.table:
        _pay_table(list(lookup()), sys.stdout, period.value)
    else:
        write_records(lookup(), records.PAY_COLUMNS, chosen, sys.stdout, header=header)
    if missing:
        raise typer.Exit(int(ExitCode.NOT_FOUND))


def _pay_table(rows: list[dict[str, Any]], out: TextIO, period: str) -> None:
    from csadvisor.render import TableColumn, money, write_table

    def fig(key: str) -> Any:
        def get(r: dict[str, Any]) -> str:
            if r["low"] is None:
                return r["note"] if key == "low" else ""
            return money(r[key], r["currency"], r["period"])

        return get

    cols = [
        TableColumn("Role", lambda r: r["title"]),
        TableColumn("Low", fig("low"), justify="right", no_wrap=True),
        TableColumn("High", fig("high"), justify="right", no_wrap=True),
        TableColumn("Midpoint", fig("mid"), justify="right", no_wrap=True),
    ]
    notes = ["Midpoint = middle of the range, not a median."]
    if period != "year":
        notes.append(
            f"Per {period}: derived from the yearly figures "
            f"({'year / 2080 hours' if period == 'hour' else 'year / 12'})."
        )
    write_table(
        rows, cols, out, title=f"Pay per {period}", caption=_pay_caption(rows, " ".join(notes))
    )


# --------------------------------------------------------------------------- skills


class Category(str, Enum):
    soft = "soft"
    technical = "technical"
    working = "working"


@app.command(epilog="Examples:  csadvisor skills  |  csadvisor skills --category technical -f json")
def skills(
    ctx: typer.Context,
    fmt: FormatOption = None,
    category: Annotated[
        Category | None,
        typer.Option("--category", case_sensitive=False, help="Only skills of this category."),
    ] = None,
    header: HeaderOption = True,
) -> None:
    """List the skills catalogue: id, name, category, and which roles need it at what level."""
    from csadvisor import records

    cat = state(ctx).catalog()
    rows = [
        records.skill_record(s, cat)
        for s in cat.skills
        if category is None or s.category == category.value
    ]
    _emit(rows, records.SKILL_COLUMNS, fmt, header, table=_skills_table)


def _skills_table(rows: list[dict[str, Any]], out: TextIO) -> None:
    from csadvisor.models import CATEGORY_LABELS
    from csadvisor.render import TableColumn, text, write_table

    def needed(r: Mapping[str, Any]) -> str:
        return "\n".join(f"{lvl} {role}" for role, lvl in r["required_by"].items()) or "-"

    def name(r: Mapping[str, Any]) -> Any:
        label = text(r["name"])
        label.append(text("\n" + r["id"], "cyan"))
        return label

    cols = [
        TableColumn("Skill", name),
        TableColumn("Category", lambda r: CATEGORY_LABELS.get(r["category"], r["category"])),
        TableColumn("Needed by (role level 1-5)", needed),
    ]
    write_table(rows, cols, out)


# --------------------------------------------------------------------------- track


class TrackFormat(str, Enum):
    table = "table"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    mermaid = "mermaid"


@app.command(
    epilog="Examples:  csadvisor track  |  csadvisor track csr  |  "
    "csadvisor track --format mermaid > track.mmd"
)
def track(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(metavar="[ROLE]", help="Start here; default: the whole track."),
    ] = None,
    fmt: Annotated[
        TrackFormat | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            show_default=False,
            help="Output format; mermaid emits a graph for documents. "
            "Default: a tree on a terminal, tsv in a pipe.",
        ),
    ] = None,
    header: HeaderOption = True,
) -> None:
    """Show the growth track as a tree, from ROLE or all of it."""
    from csadvisor import advisor, records
    from csadvisor.render import default_format, mermaid, write_records, write_tree

    cat = state(ctx).catalog()
    start = [advisor.RoleIndex(cat).get(name)] if name is not None else advisor.roots(cat)
    if fmt is TrackFormat.mermaid:
        below = [r for s in start for r in (s, *advisor.reachable(cat, s))]
        nodes = list({r.id: (r.id, r.title) for r in below}.values())
        pairs = list(dict.fromkeys((a.id, b.id) for s in start for a, b in advisor.edges(cat, s)))
        sys.stdout.write(mermaid(nodes, pairs))
        return
    nodes_ = list(advisor.walk_track(cat, start))
    rows = [records.track_record(n) for n in nodes_]
    chosen = default_format(Format(fmt.value) if fmt is not None else None)
    if chosen is Format.table:
        write_tree(rows, [n.repeated for n in nodes_], sys.stdout)
    else:
        write_records(rows, records.TRACK_COLUMNS, chosen, sys.stdout, header=header)


def main() -> NoReturn:
    """Console-script entry point."""
    app()
    raise SystemExit(0)  # pragma: no cover - app() always exits


__all__ = ["CancelledError", "NotFoundError", "app", "main"]
