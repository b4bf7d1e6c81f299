"""The command line: parse options, call the core, hand records to the renderer.

One boundary (``CsadvisorGroup.main``) turns every error into one line on stderr and a
documented exit code. Heavy imports (rich, yaml, questionary) happen inside the commands
that need them, so ``csadvisor pay ROLE`` in a script starts about as fast as Typer does.
"""

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
            ctx = getattr(exc, "ctx", None)
            if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
                code = _show_help(exc)
            else:
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

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # Caught here, before Typer turns it into exit 1: `| head` is not an error.
            _quiet_broken_pipe()
            raise typer.Exit(int(ExitCode.OK)) from None


def _show_help(exc: typer.TyperException) -> int:
    """``csadvisor`` alone, or a group alone: its help, as if --help was given."""
    try:
        # Building the error rendered the help already when Typer's rich help is on;
        # otherwise the help is the error's message.
        help_text = exc.format_message()
        if help_text:
            sys.stdout.write(help_text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
    return int(ExitCode.OK)


def _usage_message(exc: typer.TyperException) -> str:
    message = exc.format_message().strip()
    if not message.endswith((".", "?", "!")):
        message += "."
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else PROG
    return f"{message} See '{path} --help'."


app = typer.Typer(
    cls=CsadvisorGroup,
    name=PROG,
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def examples(*lines: str) -> str:
    """A command's help epilog: one example a line."""
    return "Examples:\n\n" + "\n\n".join(f"  {line}" for line in lines)


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


@app.callback(
    help="A career advisor for people who work in customer service.\n\n"
    "List the roles and what they pay, see which role is your next step, and what to "
    "learn to get there. Pay ranges come from the Robert Half 2026 Salary Guide (US "
    "national starting salaries); roles without a published range say so."
)
def _global(
    ctx: typer.Context,
    data_dir: Annotated[
        str | None,
        typer.Option(
            "--data-dir",
            metavar="DIR",
            help="Use DIR/roles.yaml, DIR/skills.yaml (and DIR/locations.yaml) instead of "
            "the bundled data. Default: $CSADVISOR_DATA_DIR, else the bundled data.",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Options that apply to every command."""
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
    epilog=examples(
        "csadvisor roles",
        "csadvisor roles --from senior-customer-service-specialist",
        "csadvisor roles --with-pay -f json | jq '.[].title'",
    )
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


@app.command(epilog=examples("csadvisor role csr", "csadvisor role 'Account manager' -f json"))
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
    location: Annotated[
        str | None,
        typer.Option(
            "--location",
            "-l",
            metavar="NAME",
            help="Apply the pay factor of NAME from the data directory's locations.yaml.",
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
    from csadvisor import advisor, records
    from csadvisor.render import default_format, write_records

    if location is not None and adjust is not None:
        raise UsageError("give --location or --adjust, not both")
    cat = state(ctx).catalog()
    factor, adjusted_by = _pay_factor(ctx, location, adjust)
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
                if rng is not None and factor is not None:
                    rng = rng.adjusted(factor, adjusted_by or "")
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
        _pay_table(list(lookup()), sys.stdout, period.value, adjusted_by, factor)
    else:
        write_records(lookup(), records.PAY_COLUMNS, chosen, sys.stdout, header=header)
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
    from csadvisor.errors import escape_control

    places = catalog.load_locations(catalog.resolve_source(state(ctx).data_dir))
    place = places.get(catalog.normalize(location))
    if place is None:
        import difflib

        near = difflib.get_close_matches(catalog.normalize(location), list(places), n=3)
        hint = f"; did you mean {' or '.join(repr(places[n].name) for n in near)}?" if near else ""
        known = "" if hint else f"; known: {', '.join(p.name for p in places.values())}"
        raise NotFoundError(f"unknown location '{escape_control(location)}'{hint}{known}")
    return place.factor, f"{place.name} ({place.source}, {place.year})"


def _pay_table(
    rows: list[dict[str, Any]],
    out: TextIO,
    period: str,
    adjusted_by: str | None = None,
    factor: float | None = None,
) -> None:
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
    if factor is not None:
        notes.append(f"Adjusted: national figures x {factor:g}, {adjusted_by}.")
    if period != "year":
        notes.append(
            f"Per {period}: derived from the yearly figures "
            f"({'year / 2080 hours' if period == 'hour' else 'year / 12'})."
        )
    title = f"Pay per {period}" + (" (adjusted)" if factor is not None else "")
    write_table(rows, cols, out, title=title, caption=_pay_caption(rows, " ".join(notes)))


# --------------------------------------------------------------------------- skills


class Category(str, Enum):
    soft = "soft"
    technical = "technical"
    working = "working"


@app.command(epilog=examples("csadvisor skills", "csadvisor skills --category technical -f json"))
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
    epilog=examples(
        "csadvisor track", "csadvisor track csr", "csadvisor track --format mermaid > track.mmd"
    )
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


# --------------------------------------------------------------------------- assess


@app.command(
    epilog=examples(
        "csadvisor assess",
        "csadvisor assess --format json > result.json",
        "csadvisor assess --answers me.yaml --export plan.md",
        "echo '{skills: {empathy: 3, ...}}' | csadvisor assess --answers -",
    )
)
def assess(
    ctx: typer.Context,
    answers_file: Annotated[
        str | None,
        typer.Option(
            "--answers",
            "-a",
            metavar="FILE",
            help="Take answers from a YAML or JSON file ('-' for stdin) instead of asking: "
            "{role: ROLE, skills: {SKILL_ID: 1-5, ...}}.",
        ),
    ] = None,
    missing: Annotated[
        int | None,
        typer.Option(
            "--missing",
            min=1,
            max=5,
            metavar="LEVEL",
            help="Rate skills left out of --answers at LEVEL (default: they are an error).",
        ),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            show_default=False,
            help="table: the readable result (default); json: the whole result; "
            "tsv/csv/jsonl: the readiness ranking.",
        ),
    ] = None,
    export: Annotated[
        str | None,
        typer.Option(
            "--export", metavar="FILE.md", help="Also write the result as a Markdown plan."
        ),
    ] = None,
    save: Annotated[
        bool, typer.Option("--save/--no-save", help="Keep this assessment in your history.")
    ] = True,
    header: HeaderOption = True,
) -> None:
    """Rate your skills (1-5) and get your next role, readiness and what to work on.

    In a terminal it asks one question per skill, each level described as behaviour.
    Without a terminal, give --answers. Ctrl-C cancels and saves nothing.
    """
    from csadvisor import assessment

    cat = state(ctx).catalog()
    if answers_file is not None:
        parsed, label = assessment.read_answers_file(answers_file)
        answers = assessment.validate_answers(parsed, label, cat, missing)
    else:
        answers = _ask_in_terminal(cat)
    result = assessment.result(answers, cat)
    if assessment.all_same(answers) and answers_file is not None:
        error_line("warning: every skill has the same rating; the result will be unreliable")
    _show_result(result, fmt, header)
    if export is not None:
        _export(result, export)
    if save:
        from csadvisor import history

        path = history.save(result)
        error_line(f"saved as {result['id']} ({path})")


def _ask_in_terminal(cat: Any) -> Any:
    from csadvisor import assessment, quiz

    if not sys.stdin.isatty():
        raise UsageError(
            "no terminal to ask questions on; pass your answers with --answers FILE "
            "(or --answers - to read them from stdin)"
        )
    try:
        ask, close = quiz.terminal_ask()
    except OSError:
        raise UsageError(
            "cannot open the terminal to ask questions; use --answers FILE instead"
        ) from None
    try:
        answers = quiz.run_quiz(cat, ask)
    except (KeyboardInterrupt, EOFError):
        raise CancelledError("Assessment cancelled; nothing saved.") from None
    finally:
        close()
    # The interactive path goes through the same validator as --answers.
    doc = (
        {"role": answers.role, "skills": dict(answers.ratings)}
        if answers.role
        else {"skills": dict(answers.ratings)}
    )
    from csadvisor.catalog import Parsed

    return assessment.validate_answers(Parsed(doc, {}), "<terminal>", cat)


def _show_result(result: dict[str, Any], fmt: Format | None, header: bool) -> None:
    from csadvisor.render import write_json, write_records, write_result

    if fmt is None or fmt is Format.table:
        write_result(result, sys.stdout)
    elif fmt is Format.json:
        write_json(result, sys.stdout)
    else:
        rows = [{k: v for k, v in r.items() if k != "gaps"} for r in result["readiness"]]
        write_records(rows, READINESS_COLUMNS, fmt, sys.stdout, header=header)


READINESS_COLUMNS = (
    "role", "title", "readiness", "band", "met", "required", "distance", "pay_gain", "reason",
)  # fmt: skip


def _export(result: dict[str, Any], target: str) -> None:
    from pathlib import Path

    from csadvisor.files import atomic_write_text
    from csadvisor.render import result_markdown

    path = Path(target)
    if path.is_dir():
        raise UsageError(f"--export {target}: is a directory; give a file name such as plan.md")
    try:
        atomic_write_text(path, result_markdown(result), mode=0o600)
    except OSError as exc:
        raise UsageError(f"--export {target}: cannot write it ({exc.strerror or exc})") from None
    error_line(f"wrote {target}")


# --------------------------------------------------------------------------- history

history_app = typer.Typer(
    help="Saved assessments: list them, show one, or see how your skills moved.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(history_app, name="history")

HISTORY_COLUMNS = ("id", "created", "role", "suggestion", "readiness", "band")


@history_app.callback(
    epilog=examples("csadvisor history", "csadvisor history show latest", "csadvisor history diff")
)
def history_list(ctx: typer.Context, fmt: FormatOption = None, header: HeaderOption = True) -> None:
    """List saved assessments: date, role, suggested next role, readiness."""
    if ctx.invoked_subcommand is not None:
        return
    from csadvisor import history

    rows = []
    for saved in history.load_all(error_line):
        sug = saved.result.get("suggestion") or {}
        rows.append(
            {
                "id": saved.id,
                "created": saved.result["created"],
                "role": saved.result.get("role"),
                "suggestion": sug.get("role"),
                "readiness": sug.get("readiness"),
                "band": sug.get("band"),
            }
        )
    if not rows and default_format_is_table(fmt):
        error_line("no saved assessments yet; run 'csadvisor assess' first")
        return
    _emit(rows, HISTORY_COLUMNS, fmt, header, table=_history_table)


def default_format_is_table(fmt: Format | None) -> bool:
    from csadvisor.render import default_format

    return default_format(fmt) is Format.table


def _history_table(rows: list[dict[str, Any]], out: TextIO) -> None:
    from csadvisor.render import TableColumn, write_table

    cols = [
        TableColumn("ID", lambda r: r["id"], style="cyan", no_wrap=True),
        TableColumn("Date", lambda r: r["created"][:16].replace("T", " ")),
        TableColumn("Role", lambda r: r["role"] or "-"),
        TableColumn("Suggested next", lambda r: r["suggestion"] or "-"),
        TableColumn(
            "Readiness",
            lambda r: "-" if r["readiness"] is None else f"{r['readiness']}% {r['band']}",
            justify="right",
        ),
    ]
    write_table(rows, cols, out)


@history_app.command(
    "show",
    epilog=examples("csadvisor history show latest", "csadvisor history show 20261124 -f json"),
)
def history_show(
    id_: Annotated[str, typer.Argument(metavar="ID", help="An id, its unique start, or 'latest'.")],
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            show_default=False,
            help="table (default) or json; tsv/csv/jsonl: the readiness ranking.",
        ),
    ] = None,
    header: HeaderOption = True,
) -> None:
    """Show one saved assessment's result."""
    from csadvisor import history

    saved = history.find(history.load_all(error_line), id_)
    _show_result(saved.result, fmt, header)


DIFF_COLUMNS = ("skill", "name", "before", "after", "change")


@history_app.command(
    "diff",
    epilog=examples("csadvisor history diff", "csadvisor history diff 20261001 latest -f tsv"),
)
def history_diff(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="[OLD NEW]", help="Two ids; default: the last two."),
    ] = None,
    fmt: FormatOption = None,
    header: HeaderOption = True,
) -> None:
    """Show how each skill moved between two assessments."""
    from csadvisor import history

    saved = history.load_all(error_line)
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
    names = _skill_names(ctx)
    before, after = old.result["ratings"], new.result["ratings"]
    rows = []
    for sid in list(dict.fromkeys([*before, *after])):
        a, b = before.get(sid), after.get(sid)
        change = b - a if isinstance(a, int) and isinstance(b, int) else None
        rows.append(
            {"skill": sid, "name": names.get(sid, sid), "before": a, "after": b, "change": change}
        )

    def table(rows: list[dict[str, Any]], out: TextIO) -> None:
        from csadvisor.render import TableColumn, write_table

        def moved(r: Mapping[str, Any]) -> str:
            c = r["change"]
            return "" if c is None else ("=" if c == 0 else f"{c:+d}")

        cols = [
            TableColumn("Skill", lambda r: r["name"]),
            TableColumn(
                "Before", lambda r: "-" if r["before"] is None else r["before"], justify="right"
            ),
            TableColumn(
                "After", lambda r: "-" if r["after"] is None else r["after"], justify="right"
            ),
            TableColumn("Change", moved, justify="right"),
        ]
        write_table(rows, cols, out, title=f"{old.id} -> {new.id}")

    _emit(rows, DIFF_COLUMNS, fmt, header, table=table)


def _skill_names(ctx: typer.Context) -> dict[str, str]:
    try:
        return {s.id: s.name for s in state(ctx).catalog().skills}
    except CsadvisorError:
        return {}


# --------------------------------------------------------------------------- next

NEXT_COLUMNS = ("from", "role", "title", "level", "pay_change", "currency", "note", "skills")


@app.command(
    "next",
    epilog=examples(
        "csadvisor next csr", "csadvisor next", "csadvisor next --assessment result.json -f json"
    ),
)
def next_(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Argument(metavar="[ROLE]", help="Where you are now (id, title or alias).")
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
    header: HeaderOption = True,
) -> None:
    """What comes next: from ROLE, the roles it grows into; without ROLE, your latest advice."""
    from csadvisor import advisor

    cat = state(ctx).catalog()
    if name is not None:
        current = advisor.RoleIndex(cat).get(name)
        rows = []
        for step in advisor.steps_from(current, cat):
            rows.append(
                {
                    "from": current.id,
                    "role": step.role.id,
                    "title": step.role.title,
                    "level": step.role.level,
                    "pay_change": None if step.pay_change is None else round(step.pay_change),
                    "currency": current.pay.currency
                    if step.pay_change is not None and current.pay
                    else None,
                    "note": None
                    if step.pay_change is not None
                    else "no published range to compare",
                    "skills": {s.id: f"{a}->{b}" if a else f"new {b}" for s, a, b in step.raised},
                }
            )
        if not rows:
            error_line(f"{current.id} is the top of its track: no further role")
        _emit(rows, NEXT_COLUMNS, fmt, header, table=_next_table)
        return
    result = _latest_result(assessment_file)
    from csadvisor import assessment
    from csadvisor.models import Answers

    answers = Answers(result.get("role"), result["ratings"])
    try:
        fresh = assessment.result(answers, cat)
    except KeyError:
        raise NotFoundError(
            "that assessment names roles or skills the current data does not have; "
            "run 'csadvisor assess' again"
        ) from None
    _show_result(fresh, fmt, header)


def _latest_result(path: str | None) -> dict[str, Any]:
    import json
    from pathlib import Path

    from csadvisor import history
    from csadvisor.errors import DataError, Problem

    if path is not None:
        try:
            doc = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise DataError(
                [Problem(path, None, "", f"cannot read it ({exc.strerror or exc})")]
            ) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            line = getattr(exc, "lineno", None)
            raise DataError([Problem(path, line, "", "not a JSON assessment result")]) from None
        if not history._valid(doc):
            raise DataError([Problem(path, None, "", "not a csadvisor assessment result")])
        return dict(doc)
    saved = history.load_all(error_line)
    if not saved:
        raise NotFoundError("no saved assessment yet; run 'csadvisor assess' first, or give a ROLE")
    return saved[-1].result


def _next_table(rows: list[dict[str, Any]], out: TextIO) -> None:
    from csadvisor.render import TableColumn, write_table

    def change(r: Mapping[str, Any]) -> str:
        if r["pay_change"] is None:
            return str(r["note"])
        sign = "+" if r["pay_change"] >= 0 else "-"
        return f"{sign}${abs(r['pay_change']):,} a year (midpoint)"

    cols = [
        TableColumn("Next role", lambda r: r["title"]),
        TableColumn("Level", lambda r: r["level"], justify="right"),
        TableColumn("Pay change", change),
        TableColumn(
            "Skills new or higher",
            lambda r: "\n".join(f"{k} {v}" for k, v in r["skills"].items()) or "-",
        ),
    ]
    write_table(rows, cols, out)


# --------------------------------------------------------------------------- data

data_app = typer.Typer(
    help="Your organisation's own data: check it, start it, see which files are in use.",
    no_args_is_help=True,
)
app.add_typer(data_app, name="data")


class SchemaKind(str, Enum):
    roles = "roles"
    skills = "skills"
    locations = "locations"
    answers = "answers"


@data_app.command(
    "validate",
    epilog=examples("csadvisor data validate ./ladder", "csadvisor data validate && echo ok"),
)
def data_validate(
    ctx: typer.Context,
    directory: Annotated[
        str | None,
        typer.Argument(metavar="[DIR]", help="Data directory; default: the data in use."),
    ] = None,
) -> None:
    """Check roles.yaml, skills.yaml (and locations.yaml) and report every problem.

    Each problem is printed on stdout as file:line: field.path: message; the exit code
    is 3 if there are any, 0 if none.
    """
    from csadvisor import catalog

    source = catalog.resolve_source(directory or state(ctx).data_dir)
    problems = catalog.check_directory(source)
    for problem in problems:
        sys.stdout.write(f"{problem}\n")
    where = "the bundled data" if source.bundled else str(source.directory)
    if problems:
        error_line(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {where}")
        raise typer.Exit(int(ExitCode.DATA))
    error_line(f"{where}: no problems found")


@data_app.command(
    "schema",
    epilog=examples(
        "csadvisor data schema roles > roles.schema.json",
        "csadvisor data schema > csadvisor.schema.json",
    ),
)
def data_schema(
    kind: Annotated[
        SchemaKind | None,
        typer.Argument(help="Which file; default: one schema that accepts any of them."),
    ] = None,
) -> None:
    """Print the JSON Schema of the data files, for editors that check YAML as you type.

    Put this line at the top of a file to use it with the YAML language server:
    # yaml-language-server: $schema=roles.schema.json
    """
    from csadvisor import schema
    from csadvisor.render import write_json

    specs = {
        "roles": schema.ROLES_FILE,
        "skills": schema.SKILLS_FILE,
        "locations": schema.LOCATIONS_FILE,
        "answers": schema.ANSWERS_FILE,
    }
    base = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    if kind is not None:
        doc = {
            **base,
            "$id": f"csadvisor-{kind.value}.schema.json",
            **specs[kind.value].json_schema(),
        }
    else:
        doc = {
            **base,
            "$id": "csadvisor.schema.json",
            "title": "csadvisor data file",
            "oneOf": [specs[k].json_schema() for k in ("roles", "skills", "locations")],
        }
    write_json(doc, sys.stdout)


@data_app.command(
    "init", epilog=examples("csadvisor data init ./ladder", "csadvisor --data-dir ./ladder roles")
)
def data_init(
    ctx: typer.Context,
    directory: Annotated[str, typer.Argument(metavar="DIR", help="Where to write the files.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Write a copy of the data in use (normally the bundled files) to DIR to start from."""
    from pathlib import Path

    from csadvisor import catalog
    from csadvisor.files import atomic_write_text

    source = catalog.resolve_source(state(ctx).data_dir)
    catalog.load_documents(source)  # never copy data that does not validate
    target = Path(directory)
    names = [catalog.ROLES_FILE, catalog.SKILLS_FILE]
    if source.file(catalog.LOCATIONS_FILE).exists():
        names.append(catalog.LOCATIONS_FILE)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{directory} exists and is not a directory")
    existing = [n for n in names if (target / n).exists()]
    if existing and not force:
        raise UsageError(
            f"{', '.join(str(target / n) for n in existing)} already exist(s); "
            "pass --force to overwrite"
        )
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            text = catalog.read_text(source.file(name), source.label(name))
            atomic_write_text(target / name, text)
    except OSError as exc:
        raise UsageError(f"cannot write to {directory}: {exc.strerror or exc}") from None
    error_line(f"wrote {', '.join(names)} to {directory}; use it with --data-dir {directory}")


@data_app.command(
    "path",
    epilog=examples("csadvisor data path", "CSADVISOR_DATA_DIR=./ladder csadvisor data path"),
)
def data_path(ctx: typer.Context, header: HeaderOption = True) -> None:
    """Show which data files are in use, and why (option, environment variable or bundled)."""
    from csadvisor import catalog

    source = catalog.resolve_source(state(ctx).data_dir)
    why = {
        "option": "--data-dir",
        "environment": "CSADVISOR_DATA_DIR",
        "bundled": "bundled with csadvisor",
    }[source.reason]
    out = sys.stdout
    if header:
        out.write("file\tpath\tsource\texists\n")
    for name in (catalog.ROLES_FILE, catalog.SKILLS_FILE, catalog.LOCATIONS_FILE):
        path = source.file(name)
        exists = "yes" if path.is_file() else "no"
        out.write(f"{name}\t{path.resolve() if path.exists() else path}\t{why}\t{exists}\n")


def _command_name(args: list[str]) -> str | None:
    """The command a command line asks for, or None (help, version, no command)."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--data-dir":
            skip = True
        elif arg.startswith("-"):
            if not arg.startswith("--data-dir="):
                return None
        else:
            return arg
    return None


def app_for(args: list[str]) -> typer.Typer:
    """The app with only the command asked for registered.

    Typer turns every registered command into a Click command at each start; building
    only the one that will run keeps ``csadvisor pay`` close to a one-command Typer app.
    Help, completion and unknown commands get the whole app.
    """
    import os

    name = _command_name(args)
    if name is None or any(k.startswith("_CSADVISOR_COMPLETE") for k in os.environ):
        return app
    commands = [
        c
        for c in app.registered_commands
        if (c.name or (c.callback.__name__ if c.callback else "").replace("_", "-")) == name
    ]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    import copy

    slim = copy.copy(app)
    slim.registered_commands = commands
    slim.registered_groups = groups
    return slim


def main() -> NoReturn:
    """Console-script entry point."""
    app_for(sys.argv[1:])()
    raise SystemExit(0)  # pragma: no cover - app() always exits


__all__ = ["CancelledError", "NotFoundError", "app", "main"]
