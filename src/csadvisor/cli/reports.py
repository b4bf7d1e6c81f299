"""The text of an exported report (``--export``): a plan or a team sheet, as a page (HTML)
or as Markdown. ``cli.export`` checks the target and writes it; the pages are drawn by
``render.html`` (pure functions from data to a string).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from csadvisor.cli.export import ExportFormat, generator

if TYPE_CHECKING:
    from csadvisor.cli.render.html.team import Readiness
    from csadvisor.core.models import Catalog, Role
    from csadvisor.core.result import Result
    from csadvisor.core.team import Member


def plan_report(result: Result, fmt: ExportFormat, *, saved: bool) -> str:
    """A person's plan from an assessment result."""
    if fmt is ExportFormat.html:
        from csadvisor.cli.render.html.plan import plan_html

        return plan_html(result, saved=saved, generator=generator())
    from csadvisor.cli.render.plan import result_markdown

    return result_markdown(result, saved=saved)


def team_report(
    members: Sequence[Member],
    cat: Catalog,
    fmt: ExportFormat,
    *,
    role: Role | None,
    level: int,
    min_holders: int,
    anonymous: bool,
    min_group: int,
    today: str,
) -> str:
    """A team's sheet (named) or its counts (``anonymous``: no name, file or example).

    Raises ``core.team.Refused`` when an anonymous group would be smaller than allowed.
    """
    from csadvisor.core import team as core

    if anonymous:
        names = {s.id: s.name for s in cat.skills}
        coverage = core.anonymous_rows("coverage", members, cat, level=level, min_group=min_group)
        target = (
            core.anonymous_rows("target", members, cat, level=level, role=role, min_group=min_group)
            if role is not None
            else []
        )
        title = role.title if role is not None else None
        if fmt is ExportFormat.html:
            from csadvisor.cli.render.html.team import anonymous_html

            return anonymous_html(
                coverage,
                target,
                names=names,
                level=level,
                min_holders=min_holders,
                role_title=title,
                date=today,
                generator=generator(),
            )
        from csadvisor.cli.render.teamreport import anonymous_markdown

        return anonymous_markdown(
            coverage,
            target,
            names=names,
            level=level,
            min_holders=min_holders,
            role_title=title,
            date=today,
        )
    from csadvisor.core import teamsheet

    sheet = teamsheet.build(members, cat, level=level, min_holders=min_holders, target=role)
    readiness = _readiness(members, cat, sheet.target)
    if fmt is ExportFormat.html:
        from csadvisor.cli.render.html.team import team_html

        return team_html(sheet, readiness, date=today, generator=generator())
    from csadvisor.cli.render.teamreport import team_markdown

    return team_markdown(sheet, readiness, date=today)


def _readiness(members: Sequence[Member], cat: Catalog, role: Role | None) -> list[Readiness]:
    """Each person's readiness for ``role`` (the sheet's target), most ready first."""
    from csadvisor.cli.render.html.team import Readiness
    from csadvisor.core import team as core

    if role is None:
        return []
    return [
        Readiness(r.person, r.rater, r.readiness, r.band, r.met, r.requirements)
        for r in core.target_rows(members, cat, role)
        if r.person is not None  # a person's row (the skill rows have no person)
        and r.rater is not None
        and r.readiness is not None
        and r.band is not None
        and r.met is not None
        and r.requirements is not None
    ]
