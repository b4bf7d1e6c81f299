"""The self-assessment and next-role advice (saved history: commands/history.py)."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from csadvisor.cli.commands import (
    DetailsOption,
    add_local_pay,
    location_for,
    readiness_help,
    show_result,
    where_more,
)
from csadvisor.cli.context import Application
from csadvisor.cli.export import ForceOption, check_target, export_option
from csadvisor.cli.options import (
    HeaderOption,
    LocationOption,
    ResultFormatOption,
    application,
    command_app,
    examples,
)
from csadvisor.core.models import Rater
from csadvisor.errors import CancelledError, UsageError

if TYPE_CHECKING:
    from csadvisor.cli.export import ExportFormat
    from csadvisor.core.advisor import Answers
    from csadvisor.core.models import Catalog
    from csadvisor.core.result import Result

app = command_app()

# --------------------------------------------------------------------------- assess


@app.command(
    help=readiness_help(
        "Rate your skills (1-5) and get your next role, readiness and what to work on.\n\n"
        "In a terminal it asks one question per skill, each level described as behaviour; "
        "a retake starts on your last saved answers. Keys 1-5 choose, Left or Backspace "
        "goes back. Without a terminal, give --answers. Ctrl-C cancels and saves nothing. "
        "It prints a short summary; --details shows everything. With --location, the pay "
        "line is the change between local medians (BLS), not a promised raise."
    ),
    epilog=examples(
        "csadvisor assess",
        "csadvisor assess --format json > result.json",
        "csadvisor assess --answers me.yaml --export plan.md",
        "csadvisor assess --answers me.yaml --location Dallas --export plan.html",
        "csadvisor assess --answers me.yaml --location Houston",
        "csadvisor assess --rater manager --name 'Sam Lee' --evidence",
        "echo '{role: csr, skills: {empathy: 3, coaching: 2}}' | "
        "csadvisor assess --answers - --missing 2 --no-save",
    ),
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
    fmt: ResultFormatOption = None,
    export: Annotated[
        str | None,
        export_option("Also write a plan to hand to your manager", " (mode follows your umask)"),
    ] = None,
    force: ForceOption = False,
    details: DetailsOption = False,
    save: Annotated[
        bool, typer.Option("--save/--no-save", help="Keep this assessment in your history.")
    ] = True,
    header: HeaderOption = True,
    location: LocationOption = None,
    accessible: Annotated[
        bool,
        typer.Option(
            "--accessible",
            help="Ask in plain numbered text read line by line (for screen readers); "
            "also CSADVISOR_ACCESSIBLE=1 or ACCESSIBLE=1.",
        ),
    ] = False,
    fresh: Annotated[
        bool,
        typer.Option(
            "--fresh", help="Start every question blank instead of on your last saved answers."
        ),
    ] = False,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar="NAME",
            help="Who the assessment is about (default: the answers file's name, else none).",
        ),
    ] = None,
    rater: Annotated[
        Rater | None,
        typer.Option(
            "--rater",
            case_sensitive=False,
            show_default=False,
            help="Who gives the ratings: self (default), manager or peer.",
        ),
    ] = None,
    evidence: Annotated[
        bool,
        typer.Option(
            "--evidence",
            help="After each rating, ask for one optional example that shows it (Enter skips).",
        ),
    ] = False,
    template: Annotated[
        bool,
        typer.Option(
            "--template",
            help="Print an answers file to fill in for --answers: every skill id, its five "
            "levels as comments.",
        ),
    ] = False,
) -> None:
    """Rate your skills and get your next role (help text: see ``readiness_help``)."""
    import os

    from csadvisor.cli.prompts import quiz
    from csadvisor.core import assessment
    from csadvisor.storage import sources
    from csadvisor.storage import validate as checks

    plain = quiz.accessible_mode(accessible, os.environ)
    if export is not None:  # before any question: a refused file must not cost the answers
        check_target(export, force)
    cat = application(ctx).catalog()
    if template:
        if answers_file is not None:
            raise UsageError("--template prints an answers file to fill in; drop --answers")
        sys.stdout.write(answers_template(cat))
        return
    where = location_for(
        ctx, location
    )  # before any question: a wrong location must not cost answers
    if name is not None:
        name = _checked_name(name)
    if answers_file is not None:
        parsed, label = sources.read_answers_file(answers_file)
        answers = checks.answers(parsed, label, cat, missing)
    else:
        answers = _ask_in_terminal(
            application(ctx), accessible=accessible, fresh=fresh, evidence=evidence
        )
    answers = answers._replace(
        name=name or answers.name, rater=rater.value if rater else answers.rater
    )
    result = add_local_pay(assessment.result(answers, cat), where, cat)
    if assessment.all_same(answers) and answers_file is not None:
        application(ctx).warn(
            "warning: every skill has the same rating; the result will be unreliable"
        )
    # Save and export first: if either fails, stdout carries no half-finished result.
    saved_to = None
    if save:
        from csadvisor.storage import history

        stored = history.save(result)
        result, saved_to = stored.result, stored.path
    if export is not None:
        _export(result, export, None, force=force, saved=saved_to is not None)
        application(ctx).warn(f"wrote {export}")
    more = where_more(result.id if saved_to is not None else None, export is None)
    show_result(result, fmt, header, details=details, more=more, plain=plain)
    if saved_to is not None:
        application(ctx).warn(f"saved as {result.id} ({saved_to})")
        if result.name:  # about someone else: not among your own
            from csadvisor.cli.commands import shell_word

            application(ctx).warn(
                f"saved about {result.name} (rated by {result.rater or 'self'}), "
                "apart from your own assessments; see it with: csadvisor history --person "
                + shell_word(result.name)
            )


def answers_template(cat: "Catalog") -> str:
    """An answers file with every skill and its levels, each level a comment to choose by.

    Every rating is left empty, so an unfilled template is refused rather than scored.
    """
    from csadvisor.core.models import CATEGORY_LABELS

    def one_line(text: str) -> str:
        return " ".join(text.split())

    lines = [
        "# csadvisor answers: after each skill id, write the level (1-5) whose description",
        "# fits you best, then run: csadvisor assess --answers FILE",
        "# Your current role (optional; an id, title or alias from 'csadvisor roles'):",
        f"# role: {cat.roles[0].id}" if cat.roles else "# role: ROLE",
        "# Who the ratings are about, and who gives them (optional; self, manager or peer):",
        "# name: Sam Lee",
        "# rater: self",
        "skills:",
    ]
    for skill in cat.skills:
        label = CATEGORY_LABELS.get(skill.category, skill.category)
        lines.append(f"  # {one_line(skill.name)} ({label}): {one_line(skill.description)}")
        lines += [f"  #   {n}: {one_line(text)}" for n, text in enumerate(skill.levels, 1)]
        lines.append(f"  {skill.id}:")
    if cat.skills:
        lines += [
            "# One example behind a rating, one line each (optional):",
            "# evidence:",
            f"#   {cat.skills[0].id}: Calmed a caller who had waited an hour",
        ]
    return "\n".join(lines) + "\n"


def _checked_name(name: str) -> str:
    """``--name`` under the same rule as an answers file's ``name``."""
    from csadvisor.storage.problems import INVALID, Checker
    from csadvisor.storage.specs import PERSON_NAME

    checker = Checker()
    checked = PERSON_NAME.check(name, "--name", checker)
    if checked is INVALID:
        raise UsageError(f"{checker.problems[0][0]}: {checker.problems[0][1]}")
    return str(checked)


def _ask_in_terminal(
    run: Application, *, accessible: bool = False, fresh: bool = False, evidence: bool = False
) -> "Answers":
    import os

    cat = run.catalog()
    from csadvisor.cli.prompts import quiz

    if not sys.stdin.isatty():
        raise UsageError(
            "no terminal to ask questions on; pass your answers with --answers FILE "
            "(or --answers - to read them from stdin)"
        )
    try:
        ask, close = quiz.terminal_ask(quiz.accessible_mode(accessible, os.environ))
    except OSError:
        raise UsageError(
            "cannot open the terminal to ask questions; use --answers FILE instead"
        ) from None
    try:
        previous = None if fresh else quiz.latest_answers(cat, run.warn)
        answers = quiz.run_quiz(cat, ask, previous, evidence=evidence)
    except (KeyboardInterrupt, EOFError):
        raise CancelledError("Assessment cancelled; nothing saved.") from None
    finally:
        close()
    # The interactive path goes through the same validator as --answers.
    doc: dict[str, object] = {"skills": dict(answers.ratings)}
    if answers.role:
        doc["role"] = answers.role
    if answers.evidence:
        doc["evidence"] = dict(answers.evidence)
    from csadvisor.storage import validate as checks
    from csadvisor.storage.yamlreader import Parsed

    return checks.answers(Parsed(doc, {}), "<terminal>", cat)


def _export(
    result: "Result", target: str, fmt: "ExportFormat | None", *, force: bool, saved: bool
) -> None:
    """The plan, as a page or as Markdown (``cli.reports``), written by ``cli.export``."""
    from csadvisor.cli import export, reports

    text = reports.plan_report(result, export.export_format(target, fmt), saved=saved)
    export.write(target, text, force=force)
