"""`csadvisor help [COMMAND]`: the same help as ``--help``, for people who type it first."""

import sys
from typing import Annotated, Any

import typer

from csadvisor.cli.options import command_app, examples
from csadvisor.errors import UsageError

app = command_app()


@app.command(
    "help",
    epilog=examples("csadvisor help", "csadvisor help pay", "csadvisor help history diff"),
)
def help_(
    ctx: typer.Context,
    command: Annotated[
        list[str] | None,
        typer.Argument(metavar="[COMMAND]...", help="A command (or group and command)."),
    ] = None,
) -> None:
    """Show the help of csadvisor, or of one of its commands."""
    root = ctx.find_root()
    target: Any = root.command
    target_ctx: Any = root
    for name in command or []:
        sub = target.get_command(target_ctx, name) if hasattr(target, "get_command") else None
        if sub is None:
            raise UsageError(f"no command '{name}'; 'csadvisor help' lists them")
        target_ctx = sub.make_context(name, [], parent=target_ctx, resilient_parsing=True)
        target = sub
    text = target.get_help(target_ctx)  # rich help prints itself and returns ""
    sys.stdout.write(text + "\n")  # as --help ends
