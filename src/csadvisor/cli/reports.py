"""The text of an exported report (``--export``): a plan or a team sheet, as a page (HTML)
or as Markdown. ``cli.export`` checks the target and writes it; the pages are drawn by
``render.html`` (pure functions from data to a string).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from csadvisor.cli.export import ExportFormat, generator

if TYPE_CHECKING:
    from csadvisor.cli.render.html.team import AnonymousSheet, Readiness
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
    if anonymous:
        counts = _anonymous(members, cat, role, level, min_holders, min_group)
        if fmt is ExportFormat.html:
            from csadvisor.cli.render.html.team import anonymous_html

            return anonymous_html(counts, date=today, generator=generator())
        from csadvisor.cli.render.teamreport import anonymous_markdown

        return anonymous_markdown(counts, date=today)
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


def _anonymous(
    members: Sequence[Member],
    cat: Catalog,
    role: Role | None,
    level: int,
    min_holders: int,
    min_group: int,
) -> AnonymousSheet:
    """The anonymous sheet's counts (``core.team.anonymous_rows``) as one record, for the
    page and the Markdown alike."""
    from csadvisor.cli.render.html.team import AnonymousSheet, SkillCounts
    from csadvisor.core import team as core

    names = {s.id: s.name for s in cat.skills}
    by_skill: dict[str, dict[str, int]] = {}
    people = 0
    for r in core.anonymous_rows("coverage", members, cat, level=level, min_group=min_group):
        by_skill.setdefault(r.group, {})[r.measure] = r.count
        people = r.people
    skills = []
    for skill, counts in by_skill.items():
        bench = counts.get(f"at level {level} or more", 0)
        levels = tuple(counts.get(f"level {k}", 0) for k in range(1, 6))
        skills.append(SkillCounts(names.get(skill, skill), levels, bench, bench < min_holders))
    target = (
        core.anonymous_rows("target", members, cat, level=level, role=role, min_group=min_group)
        if role is not None
        else []
    )
    meet: dict[str, dict[str, int]] = {}
    for r in target:
        if r.group in names:
            meet.setdefault(r.group, {})[r.measure] = r.count
    return AnonymousSheet(
        people=people,
        level=level,
        min_holders=min_holders,
        skills=skills,
        role_title=role.title if role is not None and target else None,
        bands=[(r.measure, r.count) for r in target if r.group not in names],
        meet=[(names.get(g, g), c.get("meet", 0), c.get("below", 0)) for g, c in meet.items()],
    )
