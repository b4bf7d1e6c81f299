"""The self-assessment, saved history and next-role advice."""

import sys
from collections.abc import Mapping
from typing import Annotated, Any, TextIO

import typer

from csadvisor.cli import (
    FormatOption,
    HeaderOption,
    complete_assessments,
    complete_roles,
    emit,
    error_line,
    examples,
    state,
)
from csadvisor.cli import _app as APP
from csadvisor.errors import CancelledError, CsadvisorError, NotFoundError, UsageError
from csadvisor.render import Format

ResultFormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        show_default=False,
        help="table: the readable result (default); json: the whole result; "
        "tsv/csv/jsonl: the readiness ranking.",
    ),
]


# --------------------------------------------------------------------------- assess


@APP.command(
    epilog=examples(
        "csadvisor assess",
        "csadvisor assess --format json > result.json",
        "csadvisor assess --answers me.yaml --export plan.md",
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
) -> None:
    """Rate your skills (1-5) and get your next role, readiness and what to work on.

    In a terminal it asks one question per skill, each level described as behaviour.
    Without a terminal, give --answers. Ctrl-C cancels and saves nothing.
    """
    from csadvisor import assessment, checks, sources

    cat = state(ctx).catalog()
    if answers_file is not None:
        parsed, label = sources.read_answers_file(answers_file)
        answers = checks.answers(parsed, label, cat, missing)
    else:
        answers = _ask_in_terminal(cat)
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


def _ask_in_terminal(cat: Any) -> Any:
    from csadvisor import quiz

    if not sys.stdin.isatty():
        raise UsageError(
            "no terminal to ask questions on; pass your answers with --answers FILE "
            "(or --answers - to read them from stdin)"
        )
    try:
        ask, close = quiz.terminal_ask()
    except OSError:
        raise UsageError(
            "cannot open the terminal to ask questions; use --answers FILE instead"
        ) from None
    try:
        answers = quiz.run_quiz(cat, ask)
    except (KeyboardInterrupt, EOFError):
        raise CancelledError("Assessment cancelled; nothing saved.") from None
    finally:
        close()
    # The interactive path goes through the same validator as --answers.
    doc = (
        {"role": answers.role, "skills": dict(answers.ratings)}
        if answers.role
        else {"skills": dict(answers.ratings)}
    )
    from csadvisor import checks
    from csadvisor.yamlreader import Parsed

    return checks.answers(Parsed(doc, {}), "<terminal>", cat)


def _show_result(result: dict[str, Any], fmt: Format | None, header: bool) -> None:
    from csadvisor.render import write_json, write_records, write_result

    if fmt is None or fmt is Format.table:
        write_result(result, sys.stdout)
    elif fmt is Format.json:
        write_json(result, sys.stdout)
    else:
        rows = [{k: v for k, v in r.items() if k != "gaps"} for r in result["readiness"]]
        write_records(rows, READINESS_COLUMNS, fmt, sys.stdout, header=header)


READINESS_COLUMNS = (
    "role", "title", "readiness", "band", "met", "required", "distance", "pay_gain", "reason",
)  # fmt: skip


def _export(result: dict[str, Any], target: str) -> None:
    from pathlib import Path

    from csadvisor.files import atomic_write_text
    from csadvisor.render import result_markdown

    path = Path(target)
    if path.is_dir():
        raise UsageError(f"--export {target}: is a directory; give a file name such as plan.md")
    try:
        atomic_write_text(path, result_markdown(result), mode=0o600)
    except OSError as exc:
        raise UsageError(f"--export {target}: cannot write it ({exc.strerror or exc})") from None
    error_line(f"wrote {target}")


# --------------------------------------------------------------------------- history

history_app = typer.Typer(
    help="Saved assessments: list them, show one, or see how your skills moved.",
    invoke_without_command=True,
    no_args_is_help=False,
)
APP.add_typer(history_app, name="history")

HISTORY_COLUMNS = ("id", "created", "role", "suggestion", "readiness", "band")


@history_app.callback(
    epilog=examples("csadvisor history", "csadvisor history show latest", "csadvisor history diff")
)
def history_list(ctx: typer.Context, fmt: FormatOption = None, header: HeaderOption = True) -> None:
    """List saved assessments: date, role, suggested next role, readiness."""
    if ctx.invoked_subcommand is not None:
        return
    from csadvisor import history

    rows = []
    for saved in history.load_all(error_line):
        sug = saved.result.get("suggestion") or {}
        rows.append(
            {
                "id": saved.id,
                "created": saved.result["created"],
                "role": saved.result.get("role"),
                "suggestion": sug.get("role"),
                "readiness": sug.get("readiness"),
                "band": sug.get("band"),
            }
        )
    if not rows and default_format_is_table(fmt):
        error_line("no saved assessments yet; run 'csadvisor assess' first")
        return
    emit(rows, HISTORY_COLUMNS, fmt, header, table=_history_table)


def default_format_is_table(fmt: Format | None) -> bool:
    from csadvisor.render import default_format

    return default_format(fmt) is Format.table


def _history_table(rows: list[dict[str, Any]], out: TextIO) -> None:
    from csadvisor.render import TableColumn, write_table

    cols = [
        TableColumn("ID", lambda r: r["id"], style="cyan", no_wrap=True),
        TableColumn("Date", lambda r: r["created"][:16].replace("T", " ")),
        TableColumn("Role", lambda r: r["role"] or "-"),
        TableColumn("Suggested next", lambda r: r["suggestion"] or "-"),
        TableColumn(
            "Readiness",
            lambda r: "-" if r["readiness"] is None else f"{r['readiness']}% {r['band']}",
            justify="right",
        ),
    ]
    write_table(rows, cols, out)


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


DIFF_COLUMNS = ("skill", "name", "before", "after", "change")


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
    names = _skill_names(ctx)
    before, after = old.result["ratings"], new.result["ratings"]
    rows = []
    for sid in list(dict.fromkeys([*before, *after])):
        a, b = before.get(sid), after.get(sid)
        change = b - a if isinstance(a, int) and isinstance(b, int) else None
        rows.append(
            {"skill": sid, "name": names.get(sid, sid), "before": a, "after": b, "change": change}
        )

    def table(rows: list[dict[str, Any]], out: TextIO) -> None:
        from csadvisor.render import TableColumn, write_table

        def moved(r: Mapping[str, Any]) -> str:
            c = r["change"]
            return "" if c is None else ("=" if c == 0 else f"{c:+d}")

        cols = [
            TableColumn("Skill", lambda r: r["name"]),
            TableColumn(
                "Before", lambda r: "-" if r["before"] is None else r["before"], justify="right"
            ),
            TableColumn(
                "After", lambda r: "-" if r["after"] is None else r["after"], justify="right"
            ),
            TableColumn("Change", moved, justify="right"),
        ]
        write_table(rows, cols, out, title=f"{old.id} -> {new.id}")

    emit(rows, DIFF_COLUMNS, fmt, header, table=table)


def _skill_names(ctx: typer.Context) -> dict[str, str]:
    try:
        return {s.id: s.name for s in state(ctx).catalog().skills}
    except CsadvisorError:
        return {}


# --------------------------------------------------------------------------- next

NEXT_COLUMNS = (
    "from", "role", "title", "level", "pay_change", "currency", "note", "skill_changes",
)  # fmt: skip


@APP.command(
    "next",
    epilog=examples(
        "csadvisor next csr", "csadvisor next", "csadvisor next --assessment result.json -f json"
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
    header: HeaderOption = True,
) -> None:
    """What comes next: from ROLE, the roles it grows into; without ROLE, your latest advice."""
    from csadvisor import advisor

    cat = state(ctx).catalog()
    if name is not None:
        current = advisor.RoleIndex(cat).get(name)
        rows = []
        for step in advisor.steps_from(current, cat):
            rows.append(
                {
                    "from": current.id,
                    "role": step.role.id,
                    "title": step.role.title,
                    "level": step.role.level,
                    "pay_change": None if step.pay_change is None else round(step.pay_change),
                    "currency": current.pay.currency
                    if step.pay_change is not None and current.pay
                    else None,
                    "note": None
                    if step.pay_change is not None
                    else "no published range to compare",
                    "skill_changes": ", ".join(
                        f"{s.id} {a}->{b}" if a else f"{s.id} new {b}" for s, a, b in step.raised
                    ),
                    "skills": [
                        {"skill": s.id, "from": a or None, "to": b} for s, a, b in step.raised
                    ],
                }
            )
        if not rows:
            error_line(f"{current.id} is the top of its track: no further role")
        emit(rows, NEXT_COLUMNS, fmt, header, table=_next_table)
        return
    result = _latest_result(assessment_file)
    from csadvisor import assessment
    from csadvisor.advisor import Answers

    answers = Answers(result.get("role"), result["ratings"])
    try:
        fresh = assessment.result(answers, cat)
        fresh["id"], fresh["created"] = result["id"], result["created"]  # the same assessment
    except KeyError:
        raise NotFoundError(
            "that assessment names roles or skills the current data does not have; "
            "run 'csadvisor assess' again"
        ) from None
    _show_result(fresh, fmt, header)


def _latest_result(path: str | None) -> dict[str, Any]:
    import json
    from pathlib import Path

    from csadvisor import history
    from csadvisor.errors import DataError, Problem

    if path is not None:
        try:
            doc = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise DataError(
                [Problem(path, None, "", f"cannot read it ({exc.strerror or exc})")]
            ) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            line = getattr(exc, "lineno", None)
            raise DataError([Problem(path, line, "", "not a JSON assessment result")]) from None
        if not history._valid(doc):
            raise DataError([Problem(path, None, "", "not a csadvisor assessment result")])
        return dict(doc)
    saved = history.load_all(error_line)
    if not saved:
        raise NotFoundError("no saved assessment yet; run 'csadvisor assess' first, or give a ROLE")
    return saved[-1].result


def _next_table(rows: list[dict[str, Any]], out: TextIO) -> None:
    from csadvisor.render import TableColumn, write_table

    def change(r: Mapping[str, Any]) -> str:
        if r["pay_change"] is None:
            return str(r["note"])
        sign = "+" if r["pay_change"] >= 0 else "-"
        return f"{sign}${abs(r['pay_change']):,} a year (midpoint)"

    cols = [
        TableColumn("Next role", lambda r: r["title"], min_width=16),
        TableColumn("Level", lambda r: r["level"], justify="right"),
        TableColumn("Pay change", change, min_width=12),
        TableColumn(
            "Skills new or higher",
            lambda r: r["skill_changes"] or "-",
            min_width=16,
        ),
    ]
    write_table(rows, cols, out, spaced=True)
