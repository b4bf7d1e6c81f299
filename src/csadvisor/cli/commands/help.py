"""`csadvisor help [COMMAND]`: the same help as ``--help``, for people who type it first."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from csadvisor.cli.options import command_app, examples
from csadvisor.errors import UsageError

if TYPE_CHECKING:
    from typer._click import Command, Context

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
    from typer.core import TyperGroup

    root = ctx.find_root()
    target: Command = root.command
    target_ctx: Context = root
    for name in command or []:
        sub = target.get_command(target_ctx, name) if isinstance(target, TyperGroup) else None
        if sub is None:
            raise UsageError(f"no command '{name}'; 'csadvisor help' lists them")
        target_ctx = sub.make_context(name, [], parent=target_ctx, resilient_parsing=True)
        target = sub
    text = target.get_help(target_ctx)  # rich help prints itself and returns ""
    sys.stdout.write(text + "\n")  # as --help ends
