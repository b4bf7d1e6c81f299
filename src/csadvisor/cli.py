"""The command line: parse options, call the core, hand records to the renderer.

One boundary (``CsadvisorGroup.main``) turns every error into one line on stderr and a
documented exit code. Heavy imports (rich, yaml, questionary) happen inside the commands
that need them, so ``csadvisor pay ROLE`` in a script starts about as fast as Typer does.
"""

import sys
from collections.abc import Iterable
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from csadvisor import __version__
from csadvisor.errors import CsadvisorError, ExitCode, escape_control
from csadvisor.render import Format

PROG = "csadvisor"

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 a role (or any name in a batch), skill, location or "
    "saved assessment not found; "
    "2 usage error; 3 invalid data file; 70 internal error (a bug); "
    "130 cancelled by the user."
)


def error_line(message: str) -> None:
    """A message for the person, never for the pipe: one line, control characters shown."""
    sys.stderr.write(f"{PROG}: {escape_control(message)}\n")
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
    """On an ASCII-only terminal, replace what cannot be en- or decoded instead of crashing."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
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
        from csadvisor import shells

        shells.register()  # completion that quotes data for the shell (after Typer's own)
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
        except Exception as exc:  # a bug: one line, the traceback only when asked for
            import os

            if os.environ.get("CSADVISOR_DEBUG"):
                raise
            error_line(
                f"internal error ({type(exc).__name__}: {escape_control(str(exc))}); "
                "please report it, with the output of the same command run with "
                "CSADVISOR_DEBUG=1"
            )
            code = int(ExitCode.INTERNAL)
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


_app = typer.Typer(
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


@_app.callback(
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
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
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


def pay_caption(rows: Iterable[dict[str, Any]], extra: str = "") -> str:
    """Where the figures come from, said once under a table."""
    sources = sorted({f"{r['source']} ({r['year']})" for r in rows if r.get("source")})
    basis = sorted({f"{r['basis']}, {r['region']}" for r in rows if r.get("basis")})
    parts = []
    if sources:
        parts.append(f"Pay: {'; '.join(basis)}. Source: {'; '.join(sources)}.")
    if extra:
        parts.append(extra)
    return " ".join(parts)


def emit(
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


def emit_one(
    record: dict[str, Any],
    columns: tuple[str, ...],
    fmt: Format | None,
    header: bool,
    page: Any,
) -> None:
    """One record: a page on a terminal (``page(record, out)``), else a data format."""
    from csadvisor.render import default_format, write_json, write_records

    chosen = default_format(fmt)
    if chosen is Format.table:
        page(record, sys.stdout)
    elif chosen is Format.json:
        write_json(record, sys.stdout)
    else:
        write_records([record], columns, chosen, sys.stdout, header=header)


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
    completing = any(k.startswith("_CSADVISOR_COMPLETE") for k in os.environ)
    load_commands(None if completing else name)
    return _app


def main() -> NoReturn:
    """Console-script entry point."""
    app_for(sys.argv[1:])()
    raise SystemExit(0)  # pragma: no cover - app() always exits


# --------------------------------------------------------------------------- completion
# Called by Typer while the shell completes a word: read the data lazily, print nothing,
# and return nothing rather than fail, so a broken data file never breaks the shell.


def _completion_data_dir(ctx: typer.Context) -> str | None:
    value = ctx.find_root().params.get("data_dir")
    return value if isinstance(value, str) else None


def _completion_catalog(ctx: typer.Context) -> Any:
    from csadvisor import catalog

    return catalog.load(catalog.resolve_source(_completion_data_dir(ctx)))


def _matching(pairs: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    want = incomplete.casefold()
    return [(value, help_) for value, help_ in pairs if value.casefold().startswith(want)]


def complete_roles(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Role ids, titles and aliases (``csr``), in any case."""
    try:
        cat = _completion_catalog(ctx)
    except Exception:
        return []
    pairs = [(r.id, r.title) for r in cat.roles]
    pairs += [(r.title, r.id) for r in cat.roles]
    pairs += [(alias, r.id) for r in cat.roles for alias in r.aliases]
    return _matching(pairs, incomplete)


def complete_skills(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Skill ids."""
    try:
        cat = _completion_catalog(ctx)
    except Exception:
        return []
    return _matching([(s.id, s.name) for s in cat.skills], incomplete)


def complete_locations(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Location names from the data directory's locations.yaml."""
    try:
        from csadvisor import catalog

        places = catalog.load_locations(catalog.resolve_source(_completion_data_dir(ctx)))
    except Exception:
        return []
    return _matching([(p.name, f"x{p.factor:g}") for p in places.values()], incomplete)


def complete_assessments(incomplete: str) -> list[tuple[str, str]]:
    """Saved assessment ids, newest first, and 'latest'."""
    try:
        from csadvisor import history

        saved = history.load_all(lambda message: None)
    except Exception:
        return []
    pairs = [("latest", "the newest assessment")]
    pairs += [(s.id, str(s.result.get("role") or "")) for s in reversed(saved)]
    return _matching(pairs, incomplete)


# Which module defines each command, in the order help lists them.
COMMAND_MODULES = {
    "roles": "catalogue",
    "role": "catalogue",
    "pay": "pay",
    "skills": "catalogue",
    "skill": "catalogue",
    "track": "catalogue",
    "assess": "assess",
    "next": "assess",
    "history": "assess",
    "data": "data",
}


def load_commands(name: str | None = None) -> None:
    """Register the command ``name`` (its module's commands), or every command."""
    import importlib

    wanted = [COMMAND_MODULES[name]] if name in COMMAND_MODULES else COMMAND_MODULES.values()
    for module in dict.fromkeys(wanted):
        importlib.import_module(f"csadvisor.commands.{module}")
    if name not in COMMAND_MODULES:
        order = list(COMMAND_MODULES)

        def position(info: Any) -> int:
            name = info.name or info.callback.__name__.replace("_", "-")
            return order.index(name) if name in order else len(order)

        _app.registered_commands.sort(key=position)


def __getattr__(name: str) -> Any:
    """``csadvisor.cli.app``: the app with every command (for tests and tools)."""
    if name == "app":
        load_commands()
        return _app
    raise AttributeError(name)
