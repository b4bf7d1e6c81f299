"""`csadvisor team`: a team's assessments at a glance, from plain files, offline.

Reads ``assess -f json`` outputs, saved history files and answers files (scored against
the catalogue in use) from files and folders; a file that cannot be used is named on
stderr with the reason and skipped. The aggregation is ``csadvisor.core.team`` (pure); this
module only reads files and picks the view. The tsv/csv/json path imports no rich.
"""

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from csadvisor.cli.export import ExportFormatOption, ForceOption, check_target, export_option
from csadvisor.cli.options import FormatOption, HeaderOption, application, command_app, examples
from csadvisor.cli.output import emit
from csadvisor.cli.teamviews import TeamAsk, TeamView, anonymous_view, rows_view, sheet_view
from csadvisor.errors import DataError, Problem, UsageError, escape_control

if TYPE_CHECKING:
    from csadvisor.cli.export import ExportFormat
    from csadvisor.core.models import Catalog
    from csadvisor.core.team import Member, Notice

app = command_app()


@app.command(
    epilog=examples(
        "csadvisor team team/",
        "csadvisor team team/ --target customer-service-manager",
        "csadvisor team team/ --view next -f csv > next.csv",
        "csadvisor team team/ --view calibration",
        "csadvisor team team/ --show-files --view coverage",
        "csadvisor team team/ --anonymous --min-group 5 -f json",
        "csadvisor team team/ --target customer-service-manager --export team.html",
    )
)
def team(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH...",
            help="Assessment files (assess -f json, saved history, answers files) and "
            "folders, searched at any depth for *.json, *.yaml and *.yml.",
        ),
    ],
    view: Annotated[
        TeamView | None,
        typer.Option(
            "--view",
            metavar="VIEW",
            case_sensitive=False,
            help="sheet: one screen to act on (default on a terminal; -f json gives its "
            "data); coverage: people x skills (the default in data formats); target: "
            "readiness for --target; next: each person's suggested next role; calibration: "
            "self and manager ratings 2+ apart (--all: every skill).",
        ),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(
            "--target",
            metavar="ROLE",
            help="Per skill, how many meet ROLE's level (biggest gaps first); per person, "
            "readiness for ROLE. On the sheet: the skills to train first for ROLE.",
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
        typer.Option(
            "--all",
            help="Every assessment, not only the latest per person and rater; with "
            "--view calibration, every skill, not only those 2+ apart.",
        ),
    ] = False,
    show_files: Annotated[
        bool,
        typer.Option("--show-files", help="Name the file each row came from (json always does)."),
    ] = False,
    missing: Annotated[
        int | None,
        typer.Option(
            "--missing",
            metavar="LEVEL",
            min=1,
            max=5,
            help="Rate skills an answers file leaves out or blank at LEVEL (default: such "
            "a file is skipped, with every problem named).",
        ),
    ] = None,
    anonymous: Annotated[
        bool,
        typer.Option(
            "--anonymous",
            help="No names: counts and distributions only (a skill x level grid); refused "
            "(exit 2) when a group would have fewer than --min-group people. People are "
            "told apart by name (case, spaces, hyphens, accents aside); files without a "
            "name count as one unknown person, unless a named file is about the same "
            "person.",
        ),
    ] = False,
    min_group: Annotated[
        int,
        typer.Option("--min-group", min=1, help="The smallest group --anonymous shows."),
    ] = 5,
    export: Annotated[
        str | None,
        export_option("Also write the team sheet to hand on", "; with --anonymous, counts only"),
    ] = None,
    export_fmt: ExportFormatOption = None,
    force: ForceOption = False,
    fmt: FormatOption = None,
    header: HeaderOption = True,
) -> None:
    """A team's skills on one screen: who holds what, the bench and single points of
    failure, what to train first, who could mentor whom, calibration outliers and each
    person's next step; the long forms through --view and -f.

    The latest assessment per person and rater is used (--all keeps every date; a date
    in the future never counts as the latest). Counts count each person once, from
    their manager's assessment if there is one, else their own, else a peer's. Names
    are compared without case, spaces, hyphens or accents. A file without a name is
    about the person its file name says (ana-lopez-manager.yaml: Ana Lopez, rated by a
    manager); a file whose name says no one either is skipped, never guessed.
    """
    chosen = view or TeamView.sheet
    if target is not None and chosen not in (TeamView.sheet, TeamView.coverage, TeamView.target):
        raise UsageError(f"--target goes with the target view, not --view {chosen.value}")
    if chosen is TeamView.target and target is None:
        raise UsageError("--view target needs --target ROLE")
    if export is not None:  # before reading a thousand files
        check_target(export, force, "team.html")
    cat = application(ctx).catalog()
    role = None
    if target is not None:
        from csadvisor.core.lookup import RoleIndex

        role = RoleIndex(cat).get(target)
        if chosen is TeamView.coverage or (view is None and _data_format(fmt)):
            chosen = TeamView.target
    said: list[str] = []  # the notices above the sheet: it gives up lines for them

    def warn(message: str) -> None:
        said.append(message)
        application(ctx).warn(message)

    members, notices, summary = _read_all(paths, cat, missing, warn)
    ask = TeamAsk(role, level, min_holders, keep_all, show_files, anonymous, min_group)
    if export is not None:  # first: if it fails, stdout carries nothing
        _export(export, export_fmt, force, members, cat, ask)
        warn(f"wrote {export}")
    if anonymous:
        shown = anonymous_view(chosen, ask, members, cat)
    elif chosen is TeamView.sheet and not (view is None and _data_format(fmt)):
        if fmt is not None and getattr(fmt, "value", fmt) in ("tsv", "csv", "jsonl"):
            raise UsageError("the sheet is a page: use -f json, or --view coverage for rows")
        shown = sheet_view(ask, members, notices, cat, said)
    else:
        shown = rows_view(chosen, ask, members, cat, warn)
    emit(shown, fmt, header)
    warn(summary)  # last, where a person at a terminal sees it


def _export(
    target: str,
    fmt: "ExportFormat | None",
    force: bool,
    members: "list[Member]",
    cat: "Catalog",
    ask: TeamAsk,
) -> None:
    """The sheet as a page or Markdown (``cli.reports``), written by ``cli.export``."""
    from datetime import date

    from csadvisor.cli import export, reports
    from csadvisor.core import team as core

    try:
        text = reports.team_report(
            members,
            cat,
            export.export_format(target, fmt),
            role=ask.role,
            level=ask.level,
            min_holders=ask.min_holders,
            anonymous=ask.anonymous,
            min_group=ask.min_group,
            today=date.today().isoformat(),
        )
    except core.Refused as exc:
        raise UsageError(str(exc)) from None
    export.write(target, text, force=force, example="team.html")


def _data_format(fmt: Enum | str | None) -> bool:
    """A data format was asked for, or stdout is not a terminal."""
    from csadvisor.cli.output import Format, default_format

    return default_format(fmt) is not Format.table


# --------------------------------------------------------------------------- reading


def _read_all(
    paths: list[str], cat: "Catalog", missing: int | None, warn: Callable[[str], None]
) -> "tuple[list[Member], list[Notice], str]":
    """Every usable assessment, and a summary line; the others are reported and counted,
    never changed. A folder that cannot be listed is named and counted as skipped."""
    from datetime import datetime, timezone

    from csadvisor.core import team as core
    from csadvisor.storage import teamfiles
    from csadvisor.storage.catalog import collector_paused

    members = []
    skipped = 0
    with collector_paused():  # thousands of parsed files: time stays linear
        for path, why in teamfiles.files(paths):
            if why is None:
                try:
                    members.append(teamfiles.read_member(path, cat, missing))
                    continue
                except ValueError as exc:
                    why = str(exc)
            skipped += 1
            warn(f"skipping {escape_control(path)}: {why}")
        if members:
            members, notices = core.identify(members, datetime.now(timezone.utc).isoformat())
    used = len(members)
    if not used:
        raise DataError(
            [Problem(" ".join(paths), None, "", f"no usable assessment ({skipped} skipped)")]
        )
    for notice in notices:
        warn(notice.message)
    return (
        members,
        notices,
        (
            f"{used} assessment{'s' if used != 1 else ''} used, {skipped} file"
            f"{'s' if skipped != 1 else ''} skipped"
        ),
    )
