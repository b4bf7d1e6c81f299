"""The command line: one table of commands, one error boundary, the global options.

``COMMANDS`` drives both ``--help`` and dispatch (Click's lazy-group pattern): a command's
module is imported only when that command runs or help lists it, so ``csadvisor pay ROLE``
in a script starts about as fast as a one-command Typer app. One boundary
(``CsadvisorGroup.main``) turns every error into one line on stderr and a documented exit
code.
"""

import sys
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from csadvisor import __version__
from csadvisor.errors import CsadvisorError, ExitCode, escape_control
from csadvisor.options import State

# Every command, in the order help lists them, and the module that defines it.
COMMANDS = {
    "roles": "csadvisor.commands.catalogue",
    "role": "csadvisor.commands.catalogue",
    "pay": "csadvisor.commands.pay",
    "skills": "csadvisor.commands.catalogue",
    "skill": "csadvisor.commands.catalogue",
    "track": "csadvisor.commands.catalogue",
    "assess": "csadvisor.commands.assess",
    "next": "csadvisor.commands.assess",
    "history": "csadvisor.commands.assess",
    "areas": "csadvisor.commands.areas",
    "data": "csadvisor.commands.data",
    "help": "csadvisor.commands.help",
}

PROG = "csadvisor"

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 a role (or any name in a batch), skill, location or "
    "saved assessment not found, or a location names several areas; "
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


class _LazyCommands(Mapping[str, Any]):
    """The commands of :data:`COMMANDS`, each built from its module on first use."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            import importlib

            module = importlib.import_module(COMMANDS[name])  # KeyError: no such command
            group = typer.main.get_group(module.app)
            self._built.update(group.commands)
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class CsadvisorGroup(TyperGroup):
    """Typer's group with csadvisor's error boundary around it and its commands loaded lazily."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands()  # type: ignore[assignment]

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

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
            for message in exc.messages:
                error_line(message)
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


# The end of `csadvisor --help`: where to go from here.
ROOT_EPILOG = "\n\n".join(
    (
        EXIT_CODES_HELP,
        "Examples:",
        "  csadvisor roles",
        "  csadvisor pay csr 'customer service manager' --period hour",
        "  csadvisor next csr",
        "Start here: csadvisor assess",
    )
)

app = typer.Typer(
    cls=CsadvisorGroup,
    name=PROG,
    epilog=ROOT_EPILOG,
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"{PROG} {__version__}\n")
        raise typer.Exit()


@app.callback(
    help="A career advisor for people who work in customer service.\n\n"
    "List the roles and what they pay, see which role is your next step, and what to "
    "learn to get there. Pay ranges come from the Robert Half 2026 Salary Guide (US "
    "national starting salaries); roles without a published range say so. Local pay "
    "(--location) comes from BLS OEWS May 2025: all employed workers in the occupation."
)
def _global(
    ctx: typer.Context,
    data_dir: Annotated[
        str | None,
        typer.Option(
            "--data-dir",
            metavar="DIR",
            help="Use DIR/roles.yaml, DIR/skills.yaml (and DIR/locations.yaml, and any BLS "
            "CSV file DIR has, e.g. DIR/oews_2025.csv) instead of the bundled data. "
            "Default: $CSADVISOR_DATA_DIR, else the bundled data.",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Options that apply to every command."""
    ctx.obj = State(data_dir)


def main() -> NoReturn:
    """Console-script entry point."""
    app()
    raise SystemExit(0)  # pragma: no cover - app() always exits
