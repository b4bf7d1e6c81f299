"""`csadvisor plan`: the plan of a saved assessment, at any time after it: Markdown, or
one HTML page to print or hand on (``--export plan.html``)."""

from typing import Annotated

import typer

from csadvisor.cli.commands import PersonOption
from csadvisor.cli.completion import complete_assessments
from csadvisor.cli.export import ExportFormatOption, ForceOption, export_option
from csadvisor.cli.options import application, command_app, examples
from csadvisor.errors import UsageError

app = command_app()


@app.command(
    epilog=examples(
        "csadvisor plan",
        "csadvisor plan --export plan.md",
        "csadvisor plan --export plan.html",
        "csadvisor plan 20261124 --export plan.md --force",
        "csadvisor plan --person 'Gus Moreno' --export gus-plan.md",
    )
)
def plan(
    ctx: typer.Context,
    id_: Annotated[
        str,
        typer.Argument(
            metavar="[ID]",
            help="A saved assessment's id, its unique start, or 'latest' (default: your "
            "latest self-assessment, or --person's latest).",
            autocompletion=complete_assessments,
        ),
    ] = "latest",
    person: PersonOption = None,
    export: Annotated[
        str | None, export_option("Write the plan to FILE instead of printing it")
    ] = None,
    export_fmt: ExportFormatOption = None,
    force: ForceOption = False,
) -> None:
    """The development plan of a saved assessment as Markdown: the three skills to work
    on first with a suggested timeframe (csadvisor's rough guide, not a promise), room
    for the support needed and agreed steps, then the details. No retake needed."""
    from csadvisor.cli import export as exports
    from csadvisor.cli import reports
    from csadvisor.cli.commands import pick_saved
    from csadvisor.storage import history

    if export == "-":
        raise UsageError("--export needs a file name; without --export the plan is printed")
    if export is not None:
        exports.check_target(export, force)
    elif export_fmt is not None:
        raise UsageError("--export-format goes with --export FILE")
    warn = application(ctx).warn
    saved = pick_saved(id_, person, history.load_all(warn))
    if export is None:
        application(ctx).out.write(
            reports.plan_report(saved.result, exports.ExportFormat.md, saved=True)
        )
        return
    fmt = exports.export_format(export, export_fmt)
    text = reports.plan_report(saved.result, fmt, saved=True)
    exports.write(export, text, force=force)
    warn(f"wrote {export} (from {saved.id})")
