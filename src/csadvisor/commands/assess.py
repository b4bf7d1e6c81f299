"""The self-assessment, saved history and next-role advice."""

import sys
from functools import partial
from typing import Annotated, Any, TextIO

import typer

from csadvisor.cli import error_line
from csadvisor.completion import complete_assessments, complete_roles
from csadvisor.errors import CancelledError, CsadvisorError, NotFoundError, UsageError
from csadvisor.models import Rater
from csadvisor.options import (
    FormatOption,
    HeaderOption,
    LocationOption,
    ResultFormatOption,
    command_app,
    examples,
    state,
)
from csadvisor.output import Shown, View, emit

app = command_app()


# --------------------------------------------------------------------------- assess


@app.command(
    epilog=examples(
        "csadvisor assess",
        "csadvisor assess --format json > result.json",
        "csadvisor assess --answers me.yaml --export plan.md",
        "csadvisor assess --rater manager --name 'Sam Lee' --evidence",
        "echo '{role: csr, skills: {empathy: 3, coaching: 2}}' | "
        "csadvisor assess --answers - --missing 2 --no-save",
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
    fmt: ResultFormatOption = None,
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
    """Rate your skills (1-5) and get your next role, readiness and what to work on.

    In a terminal it asks one question per skill, each level described as behaviour;
    a retake starts on your last saved answers. Keys 1-5 choose, Left or Backspace
    goes back. Without a terminal, give --answers. Ctrl-C cancels and saves nothing.
    """
    from csadvisor import assessment, checks, sources

    cat = state(ctx).catalog()
    if template:
        if answers_file is not None:
            raise UsageError("--template prints an answers file to fill in; drop --answers")
        sys.stdout.write(answers_template(cat))
        return
    if name is not None:
        name = _checked_name(name)
    if answers_file is not None:
        parsed, label = sources.read_answers_file(answers_file)
        answers = checks.answers(parsed, label, cat, missing)
    else:
        answers = _ask_in_terminal(cat, accessible=accessible, fresh=fresh, evidence=evidence)
    answers = answers._replace(
        name=name or answers.name, rater=rater.value if rater else answers.rater
    )
    result = assessment.result(answers, cat)
    if assessment.all_same(answers) and answers_file is not None:
        error_line("warning: every skill has the same rating; the result will be unreliable")
    # Save and export first: if either fails, stdout carries no half-finished result.
    saved_to = None
    if save:
        from csadvisor import history

        saved_to = history.save(result)
    if export is not None:
        _export(result, export)
    _show_result(result, fmt, header)
    if saved_to is not None:
        error_line(f"saved as {result['id']} ({saved_to})")


def answers_template(cat: Any) -> str:
    """An answers file with every skill and its levels, each level a comment to choose by.

    Every rating is left empty, so an unfilled template is refused rather than scored.
    """
    from csadvisor.models import CATEGORY_LABELS

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
    from csadvisor.schema import INVALID, PERSON_NAME, Checker

    checker = Checker()
    checked = PERSON_NAME.check(name, "--name", checker)
    if checked is INVALID:
        raise UsageError(f"{checker.problems[0][0]}: {checker.problems[0][1]}")
    return str(checked)


def _ask_in_terminal(
    cat: Any, *, accessible: bool = False, fresh: bool = False, evidence: bool = False
) -> Any:
    import os

    from csadvisor import quiz

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
        previous = None if fresh else quiz.latest_answers(cat, error_line)
        answers = quiz.run_quiz(cat, ask, previous, evidence=evidence)
    except (KeyboardInterrupt, EOFError):
        raise CancelledError("Assessment cancelled; nothing saved.") from None
    finally:
        close()
    # The interactive path goes through the same validator as --answers.
    doc: dict[str, Any] = {"skills": dict(answers.ratings)}
    if answers.role:
        doc["role"] = answers.role
    if answers.evidence:
        doc["evidence"] = dict(answers.evidence)
    from csadvisor import checks
    from csadvisor.yamlreader import Parsed

    return checks.answers(Parsed(doc, {}), "<terminal>", cat)


def _show_result(result: dict[str, Any], fmt: Any, header: bool) -> None:
    """The readable result by default; json the whole result; other formats the ranking."""
    from csadvisor import records

    def readable(rows: Shown, out: TextIO) -> None:
        from csadvisor.render.result import write_result

        write_result(result, out)

    rows = records.readiness_records(result)
    view = View(records.READINESS_COLUMNS, rows, readable, document=result, readable=True)
    emit(view, fmt, header)


def _export(result: dict[str, Any], target: str) -> None:
    from pathlib import Path

    from csadvisor.files import atomic_write_text
    from csadvisor.render.result import result_markdown

    path = Path(target)
    if path.is_dir():
        raise UsageError(f"--export {target}: is a directory; give a file name such as plan.md")
    try:
        atomic_write_text(path, result_markdown(result), mode=0o600)
    except OSError as exc:
        raise UsageError(f"--export {target}: cannot write it ({exc.strerror or exc})") from None
    error_line(f"wrote {target}")


# --------------------------------------------------------------------------- history

history_app = command_app(
    help="Saved assessments: list them, show one, or see how your skills moved.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(history_app, name="history")


@history_app.callback(
    epilog=examples("csadvisor history", "csadvisor history show latest", "csadvisor history diff")
)
def history_list(ctx: typer.Context, fmt: FormatOption = None, header: HeaderOption = True) -> None:
    """List saved assessments: date, role, suggested next role, readiness."""
    if ctx.invoked_subcommand is not None:
        return
    from csadvisor import history, records

    def table(rows: Shown, out: TextIO) -> None:
        from csadvisor.render.tables import history_table

        if rows:
            titles = {r.id: r.title for r in state(ctx).catalog().roles}
            history_table(rows, out, titles)
        else:  # a terminal says why it is empty; a pipe gets the header alone
            error_line("no saved assessments yet; run 'csadvisor assess' first")

    rows = [records.history_record(s.id, s.result) for s in history.load_all(error_line)]
    emit(View(records.HISTORY_COLUMNS, rows, table), fmt, header)


@history_app.command(
    "show",
    epilog=examples("csadvisor history show latest", "csadvisor history show 20261124 -f json"),
)
def history_show(
    id_: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="An id, its unique start, or 'latest'.",
            autocompletion=complete_assessments,
        ),
    ],
    fmt: ResultFormatOption = None,
    header: HeaderOption = True,
) -> None:
    """Show one saved assessment's result."""
    from csadvisor import history

    saved = history.find(history.load_all(error_line), id_)
    _show_result(saved.result, fmt, header)


@history_app.command(
    "diff",
    epilog=examples("csadvisor history diff", "csadvisor history diff 20261001 latest -f tsv"),
)
def history_diff(
    ctx: typer.Context,
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[OLD NEW]",
            help="Two ids; default: the last two.",
            autocompletion=complete_assessments,
        ),
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
    from csadvisor import records
    from csadvisor.render.tables import diff_table

    rows = records.diff_records(old.result["ratings"], new.result["ratings"], _skill_names(ctx))
    show = partial(diff_table, title=f"{old.id} -> {new.id}")
    emit(View(records.DIFF_COLUMNS, rows, show), fmt, header)


def _skill_names(ctx: typer.Context) -> dict[str, str]:
    try:
        return {s.id: s.name for s in state(ctx).catalog().skills}
    except CsadvisorError:
        return {}


# --------------------------------------------------------------------------- next


@app.command(
    "next",
    epilog=examples(
        "csadvisor next csr",
        "csadvisor next csr --location Houston",
        "csadvisor next",
        "csadvisor next --assessment result.json -f json",
    ),
)
def next_(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[ROLE]",
            help="Where you are now (id, title or alias).",
            autocompletion=complete_roles,
        ),
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
    location: LocationOption = None,
    header: HeaderOption = True,
) -> None:
    """What comes next: from ROLE, the roles it grows into; without ROLE, your latest advice.

    With --location: the change between local medians (BLS), not a promised raise.
    """
    from csadvisor import advisor, records
    from csadvisor.render.tables import next_table

    cat = state(ctx).catalog()
    if name is not None:
        current = advisor.RoleIndex(cat).get(name)
        steps = advisor.steps_from(current, cat)
        rows = [records.next_record(current, step) for step in steps]
        columns: tuple[str, ...] = records.NEXT_COLUMNS
        where = _place(ctx, location)
        if where is not None:
            from csadvisor.localpay import median_change

            for row, step in zip(rows, steps, strict=True):
                row.update(median_change(current, step.role, where))
            columns = records.COLUMNS["next ROLE --location"]
        if not rows:
            error_line(f"{current.id} is the top of its track: no further role")
        emit(View(columns, rows, next_table), fmt, header)
        return
    result = _latest_result(assessment_file)
    from csadvisor import assessment
    from csadvisor.advisor import Answers

    source = ctx.get_parameter_source("location")
    explicit = source is not None and source.name != "ENVIRONMENT"
    if location is not None and explicit and _place(ctx, location) is not None:
        error_line("local medians are shown by 'csadvisor next ROLE --location PLACE'")

    answers = Answers(
        result.get("role"),
        result["ratings"],
        result.get("name"),
        result.get("rater") or "self",
        result.get("evidence") or {},
    )
    try:
        fresh = assessment.result(answers, cat)
        fresh["id"], fresh["created"] = result["id"], result["created"]  # the same assessment
    except KeyError:
        raise NotFoundError(
            "that assessment names roles or skills the current data does not have; "
            "run 'csadvisor assess' again"
        ) from None
    _show_result(fresh, fmt, header)


def _place(ctx: typer.Context, location: str | None) -> Any:
    """The BLS place ``--location`` names (None without one, or for an organisation's own)."""
    if location is None:
        return None
    from csadvisor import catalog, place

    return place.listing_place(catalog.resolve_source(state(ctx).data_dir), location)


def _latest_result(path: str | None) -> dict[str, Any]:
    from pathlib import Path

    from csadvisor import history
    from csadvisor.errors import DataError, Problem

    if path is not None:
        try:
            return history.read(Path(path))  # the same checks as a saved file
        except ValueError as exc:
            line, _, rest = str(exc).partition(": ")
            if line.isdigit():  # "3: not valid JSON (...)"
                raise DataError([Problem(path, int(line), "", rest)]) from None
            raise DataError([Problem(path, None, "", str(exc))]) from None
    saved = history.load_all(error_line)
    if not saved:
        raise NotFoundError("no saved assessment yet; run 'csadvisor assess' first, or give a ROLE")
    return saved[-1].result
