"""The views of ``csadvisor team``: which records and which drawing each view shows.

Built from the members the command read (``core.team`` does the counting); the command
picks the view and emits it. Nothing here reads a file or imports rich before drawing.
"""

from collections.abc import Callable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, TextIO

from csadvisor.cli.output import Shown, View
from csadvisor.core.rows import Record
from csadvisor.errors import UsageError, escape_control
from csadvisor.plain import Plain

if TYPE_CHECKING:
    from csadvisor.core.models import Catalog, Role
    from csadvisor.core.team import Member, Notice
    from csadvisor.core.teamsheet import Sheet

Draw = Callable[[Shown, TextIO], None]


class TeamView(str, Enum):
    sheet = "sheet"
    coverage = "coverage"
    target = "target"
    next = "next"
    calibration = "calibration"


class TeamAsk(Plain):
    """What the options ask of every view (the view itself and the paths aside)."""

    role: "Role | None"  # --target
    level: int
    min_holders: int
    keep_all: bool
    show_files: bool
    anonymous: bool
    min_group: int


def anonymous_view(chosen: TeamView, ask: TeamAsk, members: "list[Member]", cat: "Catalog") -> View:
    """Counts only: a skill x level grid for the sheet and coverage, else the view's counts."""
    from csadvisor.cli import records
    from csadvisor.core import team as core

    kind = "coverage" if chosen in (TeamView.sheet, TeamView.coverage) else chosen.value
    try:
        rows = core.anonymous_rows(
            kind, members, cat, level=ask.level, role=ask.role, min_group=ask.min_group
        )
    except core.Refused as exc:
        raise UsageError(str(exc)) from None
    if kind == "coverage":
        names = {s.id: s.name for s in cat.skills}
        show = _shown("anonymous_grid", "teamsheet", names=names, level=ask.level)
    else:
        show = _shown("anonymous_table")
    return View(records.TEAM_ANONYMOUS_COLUMNS, rows, show)


def sheet_view(
    ask: TeamAsk, members: "list[Member]", notices: "list[Notice]", cat: "Catalog", said: list[str]
) -> View:
    """The one-screen sheet (a page: -f json prints its content)."""
    from csadvisor.cli import records
    from csadvisor.core import teamsheet

    sheet = teamsheet.build(
        members, cat, level=ask.level, min_holders=ask.min_holders, target=ask.role
    )
    document = records.sheet_document(sheet, notices)
    return View((), [], _drawn(sheet, ask.show_files, said), document=document)


def rows_view(
    chosen: TeamView,
    ask: TeamAsk,
    members: "list[Member]",
    cat: "Catalog",
    warn: Callable[[str], None],
) -> View:
    """A view of rows: coverage (also the sheet in data formats), target, next, calibration."""
    from csadvisor.cli import records
    from csadvisor.core import team as core

    files = ("source",) if ask.show_files else ()
    rows: Sequence[Record]
    if chosen in (TeamView.coverage, TeamView.sheet):
        rows = core.coverage_rows(
            members, cat, level=ask.level, min_holders=ask.min_holders, keep_all=ask.keep_all
        )
        names = {s.id: s.name for s in cat.skills}
        columns = records.expand(records.TEAM_COLUMNS, list(names)) + files
        show = _shown("coverage_table", names=names, level=ask.level, min_holders=ask.min_holders)
    elif chosen is TeamView.target:
        assert ask.role is not None
        rows = core.target_rows(members, cat, ask.role)
        columns = records.TEAM_TARGET_COLUMNS + files
        show = _shown("target_table", title=ask.role.title)
    elif chosen is TeamView.next:
        rows = core.next_rows(members, cat)
        columns = records.TEAM_NEXT_COLUMNS + files
        show = _shown("next_table", titles={r.id: r.title for r in cat.roles})
    else:
        every = core.calibration_rows(members, cat)
        rows = every if ask.keep_all else [r for r in every if r.flag]
        columns = records.TEAM_CALIBRATION_COLUMNS
        if ask.show_files:
            columns += ("self_source", "manager_source")
        show = _shown("calibration_table")
        if not every:
            warn(_no_pairs(members))
        elif not rows:
            warn(
                f"no self and manager ratings 2 or more apart ({len(every)} compared); "
                "--all lists them all"
            )
    return View(columns, rows, show)


def _no_pairs(members: "list[Member]") -> str:
    """Why calibration has nothing to compare: who has only one side."""
    raters: dict[str, set[str]] = {}
    for m in members:
        raters.setdefault(m.person, set()).add(m.rater)
    only_self = sorted(p for p, r in raters.items() if r == {"self"})
    only_manager = sorted(p for p, r in raters.items() if "manager" in r and "self" not in r)
    said = []
    if only_self:
        said.append(f"only self: {', '.join(escape_control(p) for p in only_self[:5])}")
    if only_manager:
        said.append(f"only manager: {', '.join(escape_control(p) for p in only_manager[:5])}")
    return (
        "no one has both a self and a manager assessment"
        + (f" ({'; '.join(said)})" if said else "")
        + "; a file without rater: is a self-assessment unless its file name ends in "
        "-manager or -peer"
    )


def _drawn(sheet: "Sheet", show_files: bool, above: list[str]) -> Draw:
    def show(rows: Shown, out: TextIO) -> None:
        from csadvisor.cli.render import teamsheet

        teamsheet.sheet(sheet, out, show_files=show_files, above=above)

    return show


def _shown(name: str, module: str = "team", **kwargs: object) -> Draw:
    """The terminal view ``render.MODULE.NAME``, imported only when a table is drawn."""

    def show(rows: Shown, out: TextIO) -> None:
        from csadvisor.cli.render import team, teamsheet

        getattr(teamsheet if module == "teamsheet" else team, name)(rows, out, **kwargs)

    return show
