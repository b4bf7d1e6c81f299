"""`csadvisor plan`: the Markdown plan of a saved assessment, at any time after it."""

from typing import Annotated

import typer

from csadvisor.cli.commands import PersonOption
from csadvisor.cli.completion import complete_assessments
from csadvisor.cli.options import application, command_app, examples
from csadvisor.errors import UsageError

app = command_app()


@app.command(
    epilog=examples(
        "csadvisor plan",
        "csadvisor plan --export plan.md",
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
        str | None,
        typer.Option(
            "--export",
            metavar="FILE",
            help="Write the plan to FILE (Markdown) instead of printing it.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """The development plan of a saved assessment as Markdown: the three skills to work
    on first with a suggested timeframe (csadvisor's rough guide, not a promise), room
    for the support needed and agreed steps, then the details. No retake needed."""
    from csadvisor.cli.commands import pick_saved
    from csadvisor.cli.render.plan import result_markdown
    from csadvisor.storage import history

    warn = application(ctx).warn
    saved = pick_saved(id_, person, history.load_all(warn))
    text = result_markdown(saved.result, saved=True)
    if export is None:
        application(ctx).out.write(text)
        return
    from csadvisor.cli.commands import write_plan

    if export == "-":
        raise UsageError("--export needs a file name; without --export the plan is printed")
    write_plan(text, export, force=force)
    warn(f"wrote {export} (from {saved.id})")
