"""The command line: one table of commands, one error boundary, the global options.

``COMMANDS`` drives both ``--help`` and dispatch (Click's lazy-group pattern): a command's
module is imported only when that command runs or help lists it, so ``csadvisor pay ROLE``
in a script starts about as fast as a one-command Typer app. One boundary
(``CsadvisorGroup.main``) turns every error into one line on stderr and a documented exit
code.
"""

import sys
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from csadvisor import __version__, resume_collector
from csadvisor.cli.context import PROG, Application, notice
from csadvisor.errors import CsadvisorError, ExitCode, escape_control

if TYPE_CHECKING:
    from types import FrameType

    from typer._click import Command, Context

# Every command, in the order help lists them, and the module that defines it.
COMMANDS = {
    "roles": "csadvisor.cli.commands.roles",
    "role": "csadvisor.cli.commands.roles",
    "pay": "csadvisor.cli.commands.pay",
    "skills": "csadvisor.cli.commands.roles",
    "skill": "csadvisor.cli.commands.roles",
    "track": "csadvisor.cli.commands.roles",
    "assess": "csadvisor.cli.commands.assess",
    "next": "csadvisor.cli.commands.next",
    "history": "csadvisor.cli.commands.history",
    "plan": "csadvisor.cli.commands.plan",
    "areas": "csadvisor.cli.commands.areas",
    "industries": "csadvisor.cli.commands.industries",
    "team": "csadvisor.cli.commands.team",
    "data": "csadvisor.cli.commands.data",
    "help": "csadvisor.cli.commands.help",
}

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 a role (or any name in a batch), skill, location or "
    "saved assessment not found, or a location names several areas; "
    "2 usage error; 3 invalid data file; 70 internal error (a bug); "
    "74 output could not be written; 130 cancelled by the user."
)


def error_line(message: str) -> None:
    """A message for the person, never for the pipe: one line, control characters shown."""
    notice(message)


def _quiet_broken_pipe() -> None:
    """The reader went away (``| head``): stop writing, say nothing."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


# Errors writing stdout that are the output's fault, not csadvisor's (a full disk, a
# closed or broken stream). A broken pipe is a reader that went away: exit 0 instead.
_OUTPUT_ERRNOS = frozenset({"ENOSPC", "EDQUOT", "EFBIG", "EIO", "EBADF", "EPIPE"})


def _output_error(exc: OSError) -> bool:
    import errno

    return errno.errorcode.get(exc.errno or 0, "") in _OUTPUT_ERRNOS


class _ClosedStdout:
    """Stands in for a stdout that was closed (``>&-``): writing is an output error."""

    encoding = "utf-8"
    errors = "replace"

    def write(self, text: str) -> int:
        import errno

        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return 1


def _stdout_is_devnull() -> bool:
    """Rich points stdout at /dev/null when the pipe breaks; is that what happened?"""
    import os

    try:
        out, null = os.fstat(1), os.stat(os.devnull)
    except OSError:
        return False
    return (out.st_dev, out.st_ino, out.st_rdev) == (null.st_dev, null.st_ino, null.st_rdev)


MAX_COLUMNS = 1000


def _sane_width() -> None:
    """Rich (and Typer's help) take the width from ``COLUMNS`` as given: a width of a
    hundred million makes every line that long in memory. No terminal is wider than this."""
    import os

    for name in ("COLUMNS", "LINES", "TERMINAL_WIDTH"):
        value = os.environ.get(name, "")
        if value.strip().isdigit() and int(value) > MAX_COLUMNS:
            os.environ[name] = str(MAX_COLUMNS)


def _safe_streams() -> None:
    """On an ASCII-only terminal, replace what cannot be en- or decoded instead of crashing.

    A closed stdout (``>&-``) gets a stand-in that fails on the first write, and fd 1 is
    taken by /dev/null so no file csadvisor opens can land on it.
    """
    if sys.stderr is None:  # ``2>&-``: fd 2 must not become a file csadvisor writes
        from csadvisor.cli.context import quiet_stderr

        quiet_stderr()
    if sys.stdout is None:
        import os

        try:
            fd = os.open(os.devnull, os.O_WRONLY)
            if fd != 1:
                os.close(fd)
        except OSError:  # pragma: no cover - no /dev/null
            pass
        sys.stdout = _ClosedStdout()
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # pragma: no cover - exotic streams
                pass


class _LazyCommands(Mapping[str, "Command"]):
    """The commands of :data:`COMMANDS`, each built from its module on first use."""

    def __init__(self) -> None:
        self._built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> "Command":
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

    def list_commands(self, ctx: "Context") -> list[str]:
        return list(COMMANDS)

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,  # click's own, passed on
    ) -> int:
        import signal

        previous = signal.getsignal(signal.SIGINT)
        _safe_streams()
        _sane_width()
        if _completion_asked(args, complete_var):
            from csadvisor.cli import shells

            shells.register()  # completion that quotes data for the shell (after Typer's own)
        try:
            # From here Ctrl-C is a KeyboardInterrupt this boundary turns into exit 130;
            # before, __main__'s handler exits 130 quietly (start-up has nothing to undo).
            _set_sigint(signal.default_int_handler)
            rv = super().main(
                args=args,
                prog_name=prog_name or PROG,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
            code = int(rv) if isinstance(rv, int) and not isinstance(rv, bool) else 0
            if code == ExitCode.CANCELLED:  # Typer turned a KeyboardInterrupt into Exit(130)
                error_line("cancelled")
            sys.stdout.flush()
        except CsadvisorError as exc:
            for line in exc.details:
                sys.stderr.write(escape_control(line) + "\n")
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
        except SystemExit as exc:
            # Rich's Console.on_broken_pipe (rich/console.py) answers a closed pipe by
            # pointing stdout at /dev/null and raising SystemExit(1), which means "not
            # found" here; Typer's help is drawn by Rich too. A reader that went away
            # (`| head`) is not an error.
            if exc.code != 1 or not _stdout_is_devnull():
                raise
            code = int(ExitCode.OK)
        except OSError as exc:
            if not _output_error(exc):
                code = _internal_error(exc)
            else:
                _quiet_broken_pipe()  # what is still buffered must not fail again at exit
                error_line(f"cannot write output ({exc.strerror or exc})")
                code = int(ExitCode.OUTPUT)
        except Exception as exc:  # a bug: one line, the traceback only when asked for
            code = _internal_error(exc)
        # Back to the handler from before: __main__'s quiet exit (nothing is left to clean
        # up, so no traceback while exiting), or the caller's own when run in-process.
        _set_sigint(previous)
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: "Context") -> Any:  # click's own: the command's return value
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # Caught here, before Typer turns it into exit 1: `| head` is not an error.
            _quiet_broken_pipe()
            raise typer.Exit(int(ExitCode.OK)) from None


COMPLETION_OPTIONS = ("--show-completion", "--install-completion")


def _completion_asked(args: list[str] | None, complete_var: str | None) -> bool:
    """Is this run about shell completion (the scripts' variable, or an option printing or
    installing a script)? Only then are csadvisor's completion classes needed."""
    import os

    var = complete_var or f"_{PROG.replace('-', '_').upper()}_COMPLETE"
    if os.environ.get(var):
        return True
    given = sys.argv[1:] if args is None else args
    return any(arg.startswith(COMPLETION_OPTIONS) for arg in given)


def _set_sigint(handler: "Callable[[int, FrameType | None], object] | int | None") -> None:
    """Install a Ctrl-C handler where Python allows it (the main thread; not None)."""
    import signal

    if handler is not None:
        try:
            signal.signal(signal.SIGINT, handler)
        except ValueError:  # pragma: no cover - run from another thread
            pass


def _internal_error(exc: Exception) -> int:
    """A bug: one line, the traceback only when asked for."""
    import os

    if os.environ.get("CSADVISOR_DEBUG"):
        raise exc
    error_line(
        f"internal error ({type(exc).__name__}: {escape_control(str(exc))}); "
        "please report it, with the output of the same command run with "
        "CSADVISOR_DEBUG=1"
    )
    return int(ExitCode.INTERNAL)


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
    resume_collector()  # start-up is over: the command has been imported and built
    ctx.obj = Application(data_dir)


def main() -> NoReturn:
    """Run the app (the console script is ``csadvisor.__main__:main``, which first makes
    Ctrl-C during start-up a quiet exit)."""
    app()
    raise SystemExit(0)  # pragma: no cover - app() always exits
