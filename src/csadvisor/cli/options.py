"""What every command shares: the options it declares, its app, the resolved state.

Each command module builds its commands on :func:`command_app`; ``cli`` finds them
through its table of commands. The format options take their choices from
``output.Format``: a command declares the formats it allows by the option it uses.
"""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from csadvisor.cli.completion import complete_locations
from csadvisor.cli.context import Application
from csadvisor.cli.output import ListingFormat

if TYPE_CHECKING:
    from typer._click import Context, HelpFormatter


def unwrap(text: str | None) -> str | None:
    """Help text with each paragraph on one line, for the help screen to wrap at its width.

    Rich help keeps single line breaks; a docstring's breaks are where the source wraps,
    not where a terminal does, so they are joined here. Paragraphs stay apart.
    """
    if text is None:
        return None
    import inspect

    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


WIDE_HELP = 100  # columns: narrower, the help is Click's plain layout


def narrow_help(
    command: "TyperCommand | TyperGroup",
    ctx: "Context",
    formatter: "HelpFormatter",
    rich_help: "Callable[[Context, HelpFormatter], None]",
) -> None:
    """Rich help where it has room; below 100 columns Click's plain layout, whose
    descriptions keep about 48 columns where Rich's option table left about 20 (a
    column each for --no-header and for ranges such as [0.01<=x<=100.0])."""
    from csadvisor.cli.render.terminal import console  # the width Rich's help is drawn at

    if console().width >= WIDE_HELP:
        rich_help(ctx, formatter)
        return
    import re

    # Click's wrapping breaks at hyphens ("ana-lopez-" / "manager.yaml"): a hyphen
    # inside a word is written as U+2011 (no break) while wrapping, then put back.
    joined = re.compile(r"(?<=\w)-(?=\w)")
    write_text, write_dl = formatter.write_text, formatter.write_dl

    def write_text_unbroken(text: str) -> None:
        write_text(joined.sub("\u2011", text))

    def write_dl_unbroken(
        rows: "Sequence[tuple[str, str]]", col_max: int = 30, col_spacing: int = 2
    ) -> None:
        unbroken = [(first, joined.sub("\u2011", second)) for first, second in rows]
        write_dl(unbroken, col_max, col_spacing)

    # This formatter's own methods, for this one help screen (mypy: not a class's method).
    formatter.write_text = write_text_unbroken  # type: ignore[method-assign]
    formatter.write_dl = write_dl_unbroken  # type: ignore[method-assign]
    command.rich_markup_mode = None
    try:
        rich_help(ctx, formatter)
    finally:
        command.rich_markup_mode = "rich"
    formatter.buffer[:] = [part.replace("\u2011", "-") for part in formatter.buffer]


class NaturalCommand(TyperCommand):
    """A command whose usage line reads as it is typed: ``csadvisor role ROLE [OPTIONS]``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = unwrap(self.help)

    def format_help(self, ctx: "Context", formatter: "HelpFormatter") -> None:
        narrow_help(self, ctx, formatter, super().format_help)

    def collect_usage_pieces(self, ctx: "Context") -> list[str]:
        pieces = []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                continue
            name = param.metavar or (param.name or "").upper()
            if name.startswith("["):  # the metavar says it all: "[OLD NEW]"
                pieces.append(name)
                continue
            if param.nargs == -1 and not name.endswith("..."):
                name += "..."
            pieces.append(name if param.required else f"[{name}]")
        return [*pieces, self.options_metavar or "[OPTIONS]"]


class NaturalGroup(TyperGroup):
    """A command group (history, data) with the same help at 80 columns as a command."""

    def format_help(self, ctx: "Context", formatter: "HelpFormatter") -> None:
        narrow_help(self, ctx, formatter, super().format_help)

    def format_commands(self, ctx: "Context", formatter: "HelpFormatter") -> None:
        """The plain layout's command list, each first sentence whole (Click cuts it
        at about 45 characters with "...")."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=1000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


class CommandApp(typer.Typer):
    """A Typer app whose commands are :class:`NaturalCommand` unless they say otherwise."""

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", NaturalCommand)
        return super().command(*args, **kwargs)


def command_app(**settings: Any) -> typer.Typer:
    """The Typer app a command module defines its commands on, with csadvisor's help style."""
    settings.setdefault("cls", NaturalGroup)
    return CommandApp(rich_markup_mode="rich", pretty_exceptions_enable=False, **settings)


def examples(*lines: str) -> str:
    """A command's help epilog: one example a line."""
    return "Examples:\n\n" + "\n\n".join(f"  {line}" for line in lines)


def finite(value: float | None) -> float | None:
    """An option callback: NaN and infinities are not numbers a user means (and NaN passes
    every range check), so they are a usage error before anything runs."""
    import math

    if value is not None and not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a finite number")
    return value


def application(ctx: typer.Context) -> Application:
    """The run's :class:`~csadvisor.cli.context.Application` (``ctx.obj``)."""
    obj = ctx.find_root().obj
    assert isinstance(obj, Application)
    return obj


FormatOption = Annotated[
    ListingFormat | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        metavar="FORMAT",
        help="Output format: table, tsv, csv, json or jsonl. "
        "Default: table on a terminal, tsv in a pipe.",
        show_default=False,
    ),
]
ResultFormatOption = Annotated[
    ListingFormat | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        show_default=False,
        metavar="FORMAT",
        help="table: the readable result (default); json: the whole result; "
        "tsv/csv/jsonl: the readiness ranking.",
    ),
]
LocationOption = Annotated[
    str | None,
    typer.Option(
        "--location",
        "-l",
        metavar="PLACE",
        envvar="CSADVISOR_LOCATION",
        show_envvar=True,
        help="Local pay from BLS OEWS May 2025 for PLACE: a state (Texas, TX), a metro area "
        "or one of its principal cities (Dallas), a BLS area code, or US. A name in your "
        "organisation's locations.yaml wins (its pay factor). 'csadvisor areas' lists them.",
        autocompletion=complete_locations,
    ),
]
HeaderOption = Annotated[
    bool, typer.Option("--header/--no-header", help="Print the header row of tsv and csv.")
]
