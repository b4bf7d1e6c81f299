"""`csadvisor team`: a team's assessments at a glance, from plain files, offline.

Reads ``assess -f json`` outputs, saved history files and answers files (scored against
the catalogue in use) from files and folders; a file that cannot be used is named on
stderr with the reason and skipped. The aggregation is ``csadvisor.core.team`` (pure); this
module only reads files and picks the view. The tsv/csv/json path imports no rich.
"""

import os
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from csadvisor.cli.options import FormatOption, HeaderOption, application, command_app, examples
from csadvisor.cli.output import View, emit
from csadvisor.core.models import DEFAULT_RATER
from csadvisor.errors import DataError, Problem, UsageError, escape_control

app = command_app()

SUFFIXES = (".json", ".yaml", ".yml")


class TeamView(str, Enum):
    coverage = "coverage"
    target = "target"
    next = "next"
    calibration = "calibration"


@app.command(
    epilog=examples(
        "csadvisor team team/",
        "csadvisor team team/ --target customer-service-manager",
        "csadvisor team team/ --view next -f csv > next.csv",
        "csadvisor team team/ --view calibration",
        "csadvisor team team/ --anonymous --min-group 5 -f json",
    )
)
def team(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH...",
            help="Assessment files (assess -f json, saved history, answers files) and "
            "folders, searched recursively for *.json, *.yaml and *.yml.",
        ),
    ],
    view: Annotated[
        TeamView,
        typer.Option(
            "--view",
            metavar="VIEW",
            case_sensitive=False,
            help="coverage: people x skills (default); target: readiness for --target; "
            "next: each person's suggested next role; calibration: self and manager "
            "side by side.",
        ),
    ] = TeamView.coverage,
    target: Annotated[
        str | None,
        typer.Option(
            "--target",
            metavar="ROLE",
            help="Per skill, how many meet ROLE's level (biggest gaps first); per person, "
            "readiness for ROLE.",
        ),
    ] = None,
    level: Annotated[
        int,
        typer.Option(
            "--level", min=1, max=5, help="The bench counts people at this level or more."
        ),
    ] = 3,
    min_holders: Annotated[
        int,
        typer.Option(
            "--min-holders",
            min=1,
            help="A skill fewer people than this hold at --level is a single point of failure.",
        ),
    ] = 2,
    keep_all: Annotated[
        bool,
        typer.Option("--all", help="Every assessment, not only the latest per person and rater."),
    ] = False,
    anonymous: Annotated[
        bool,
        typer.Option(
            "--anonymous",
            help="No names: counts and distributions only; refused (exit 2) when a group "
            "would have fewer than --min-group people.",
        ),
    ] = False,
    min_group: Annotated[
        int,
        typer.Option("--min-group", min=1, help="The smallest group --anonymous shows."),
    ] = 5,
    fmt: FormatOption = None,
    header: HeaderOption = True,
) -> None:
    """A team's skills: coverage and single points of failure, readiness for a role,
    next steps, and self versus manager ratings.

    The latest assessment per person and rater is used (--all keeps every date). Counts
    count each person once, from their manager's assessment if there is one, else their
    own, else a peer's. A file without a name is about the person its file name says
    (sam-lee.yaml: sam-lee).
    """
    from csadvisor.cli import records
    from csadvisor.core import team as core

    if target is not None and view not in (TeamView.coverage, TeamView.target):
        raise UsageError(f"--target goes with the target view, not --view {view.value}")
    if view is TeamView.target and target is None:
        raise UsageError("--view target needs --target ROLE")
    cat = application(ctx).catalog()
    role = None
    if target is not None:
        from csadvisor.core.lookup import RoleIndex

        role = RoleIndex(cat).get(target)
        view = TeamView.target
    members, summary = _read_all(paths, cat, application(ctx).warn)
    skill_ids = [s.id for s in cat.skills]
    if anonymous:
        try:
            rows = core.anonymous_rows(
                "coverage" if view is TeamView.coverage else view.value,
                members,
                cat,
                level=level,
                role=role,
                min_group=min_group,
            )
        except core.Refused as exc:
            raise UsageError(str(exc)) from None
        columns: tuple[str, ...] = records.TEAM_ANONYMOUS_COLUMNS
        show: Any = _shown("anonymous_table")
    elif view is TeamView.coverage:
        rows = core.coverage_rows(
            members, cat, level=level, min_holders=min_holders, keep_all=keep_all
        )
        columns = records.expand(records.TEAM_COLUMNS, skill_ids)
        names = {s.id: s.name for s in cat.skills}
        show = _shown("coverage_table", names=names, level=level, min_holders=min_holders)
    elif view is TeamView.target:
        assert role is not None
        rows = core.target_rows(members, cat, role)
        columns = records.TEAM_TARGET_COLUMNS
        show = _shown("target_table", title=role.title)
    elif view is TeamView.next:
        rows = core.next_rows(members, cat)
        columns = records.TEAM_NEXT_COLUMNS
        show = _shown("next_table")
    else:
        rows = core.calibration_rows(members, cat)
        columns = records.TEAM_CALIBRATION_COLUMNS
        show = _shown("calibration_table")
        if not rows:
            application(ctx).warn("no one has both a self and a manager assessment")
    emit(View(columns, rows, show), fmt, header)
    application(ctx).warn(summary)  # last, where a person at a terminal sees it


def _shown(name: str, **kwargs: Any) -> Any:
    """The terminal view ``render.team.NAME``, imported only when a table is drawn."""

    def show(rows: Any, out: Any) -> None:
        from csadvisor.cli.render import team as render

        getattr(render, name)(rows, out, **kwargs)

    return show


# --------------------------------------------------------------------------- reading


def _files(paths: list[str]) -> Iterator[tuple[str, str | None]]:
    """(path, None) for each file to read, or (path, reason) for an argument that is none."""
    for arg in paths:
        top = Path(arg)
        if top.is_dir():
            for root, dirs, files in os.walk(top):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith(SUFFIXES) and not name.startswith("."):
                        yield os.path.join(root, name), None
        elif top.exists():
            yield arg, None
        else:
            yield arg, "no such file or folder"


def _read_all(paths: list[str], cat: Any, warn: Callable[[str], None]) -> tuple[list[Any], str]:
    """Every usable assessment, and a summary line; the others are reported and counted,
    never changed."""
    from csadvisor.storage.catalog import collector_paused

    members = []
    skipped = 0
    with collector_paused():  # thousands of parsed files: time stays linear
        for path, why in _files(paths):
            if why is None:
                try:
                    members.append(read_member(path, cat))
                    continue
                except ValueError as exc:
                    why = str(exc)
            skipped += 1
            warn(f"skipping {path}: {why}")
    used = len(members)
    if not used:
        raise DataError(
            [Problem(" ".join(paths), None, "", f"no usable assessment ({skipped} skipped)")]
        )
    return members, (
        f"{used} assessment{'s' if used != 1 else ''} used, {skipped} file"
        f"{'s' if skipped != 1 else ''} skipped"
    )


def read_member(path: str, cat: Any) -> Any:
    """One file as a ``team.Member``; ValueError with a one-line reason if it is not one."""
    from csadvisor.storage.sources import MAX_FILE_BYTES

    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ValueError(f"cannot read it ({exc.strerror or exc})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ValueError(f"larger than the {MAX_FILE_BYTES // 1048576} MiB limit")
    parsed = _parse(path, raw)
    doc = parsed.value
    stem = escape_control(Path(path).stem)
    if isinstance(doc, dict) and "schema_version" in doc:
        return _from_result(path, doc, stem)
    if isinstance(doc, dict) and "skills" in doc:
        return _from_answers(path, parsed, stem, cat)
    raise ValueError("neither an assessment result (assess -f json, history) nor answers")


def _parse(path: str, raw: bytes) -> Any:
    """The file's values (a ``Parsed``): JSON the fast way, YAML with lines for messages."""
    import json

    from csadvisor.storage.yamlreader import Parsed

    if path.endswith(".json"):
        try:
            return Parsed(json.loads(raw.decode("utf-8-sig")), None)
        except UnicodeDecodeError:
            raise ValueError("cannot read it (not UTF-8 text)") from None
        except json.JSONDecodeError as exc:
            raise ValueError(f"line {exc.lineno}: not valid JSON ({exc.msg})") from None
        except (RecursionError, ValueError) as exc:  # nested too deeply, huge integers
            raise ValueError(f"not a usable file ({type(exc).__name__})") from None
    from csadvisor.storage.sources import decode
    from csadvisor.storage.yamlreader import parse_yaml

    try:
        return parse_yaml(decode(raw, path), path)
    except DataError as exc:
        raise ValueError(_reason(exc, path)) from None


def _reason(exc: DataError, path: str) -> str:
    """A DataError's first problem without the file name (the caller says it)."""
    first = exc.problems[0] if exc.problems else None
    if first is None:
        return exc.message
    where = f"line {first.line}: " if first.line is not None else ""
    field = f"{first.path}: " if first.path else ""
    return escape_control(f"{where}{field}{first.message}")


def _from_result(path: str, doc: dict[str, Any], stem: str) -> Any:
    from csadvisor.core.team import Member
    from csadvisor.storage import history

    why = history.problem(doc)
    if why is not None:
        raise ValueError(f"not a csadvisor assessment ({escape_control(why)[:200]})")
    return Member(
        person=doc.get("name") or stem,
        rater=doc.get("rater") or DEFAULT_RATER,
        created=doc["created"],
        role=doc["role"],
        ratings=doc["ratings"],
        evidence=doc.get("evidence") or {},
        source=path,
    )


def _from_answers(path: str, parsed: Any, stem: str, cat: Any) -> Any:
    from datetime import datetime, timezone

    from csadvisor.core.team import Member
    from csadvisor.errors import NotFoundError
    from csadvisor.storage import validate as checks

    try:
        answers = checks.answers(parsed, path, cat)
    except DataError as exc:
        raise ValueError(_reason(exc, path)) from None
    except NotFoundError as exc:  # an unknown role
        raise ValueError(escape_control(exc.message)) from None
    mtime = datetime.fromtimestamp(os.stat(path).st_mtime, timezone.utc)
    return Member(
        person=answers.name or stem,
        rater=answers.rater,
        created=mtime.isoformat(),
        role=answers.role,
        ratings=answers.ratings,
        evidence=answers.evidence,
        source=path,
    )
