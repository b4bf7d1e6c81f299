"""A team sheet as Markdown (``team --export team.md``): the HTML page's content in
tables, every piece of data text through the one Markdown escaper."""

from __future__ import annotations

from collections.abc import Sequence

from csadvisor.cli.render.html.team import AnonymousSheet, Readiness
from csadvisor.cli.render.markdown import markdown_text as md
from csadvisor.core.teamsheet import Sheet


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: int = 0) -> list[str]:
    """A Markdown table; the last ``numeric`` columns right-aligned."""
    align = ["---"] * (len(headers) - numeric) + ["---:"] * numeric
    out = ["| " + " | ".join(md(h) for h in headers) + " |", "|" + "|".join(align) + "|"]
    out += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def _table_or_none(
    headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: int = 0
) -> list[str]:
    """:func:`_table`, or "None." for no rows."""
    return _table(headers, rows, numeric) if rows else ["None.", ""]


def team_markdown(sheet: Sheet, readiness: Sequence[Readiness], *, date: str) -> str:
    lines = ["# Team skills sheet", "", f"- Date: {md(date)}", f"- People: {len(sheet.people)}"]
    lines += ["", "## Who holds what", ""]
    lines.append(
        f"Levels 1 to 5, - not rated. Bench: people at level {sheet.level} or more; ! marks a "
        f"single point of failure (fewer than {sheet.min_holders})."
    )
    lines.append("")
    grid: list[list[object]] = [
        [
            p.person if p.rater == "self" else f"{p.person} ({p.rater})",
            *("-" if p.ratings.get(s.id) is None else p.ratings[s.id] for s in sheet.skills),
        ]
        for p in sheet.people
    ]
    bench = [f"Bench ({sheet.level}+)"] + [
        f"{sheet.bench[s.id]}{' !' if s.id in sheet.single_points else ''}" for s in sheet.skills
    ]
    lines += _table(["Person", *(s.label for s in sheet.skills)], [*grid, bench], len(sheet.skills))
    lines += ["Key: " + "; ".join(f"{md(s.label)} {md(s.name)}" for s in sheet.skills), ""]
    lines += ["## Bench and single points of failure", ""]
    spof = [(s.name, sheet.bench[s.id]) for s in sheet.skills if s.id in sheet.single_points]
    lines += _table_or_none(["Skill", f"People at {sheet.level}+"], spof, 1)
    if sheet.target is not None:
        lines += [f"## Readiness for {md(sheet.target.title)}", ""]
        rows = [
            (
                r.person if r.rater == "self" else f"{r.person} ({r.rater})",
                r.band,
                f"{r.percent}%",
                f"{r.met} of {r.required}",
            )
            for r in readiness
        ]
        lines += _table(["Person", "Band", "Readiness", "Requirements met"], rows, 2)
        if sheet.train:
            lines += ["### Train first", ""]
            lines += _table(
                ["Skill", "Level needed", "People below it", "Levels short in all"],
                [(t.name, t.required, t.below, t.total_gap) for t in sheet.train],
                3,
            )
    lines += ["## Who could mentor whom", ""]
    pairs = [(m.name, m.mentor, m.mentee, m.mentor_level, m.mentee_level) for m in sheet.mentoring]
    lines += _table_or_none(
        ["Skill", "Mentor", "Could help", "Mentor level", "Their level"], pairs, 2
    )
    lines += ["## Calibration outliers", ""]
    outliers = [
        (o.person, o.name, o.self_level, o.manager_level, f"{o.manager_level - o.self_level:+d}")
        for o in sheet.outliers
    ]
    lines += _table_or_none(["Person", "Skill", "Self", "Manager", "Difference"], outliers, 3)
    lines += ["## Next step for each person", ""]
    steps = [
        (p.person, "top of the track", "", "")
        if p.next is None
        else (p.person, p.next.title, p.next.gap or "no gap", f"{p.next.readiness}% {p.next.band}")
        for p in sheet.people
    ]
    lines += _table(["Person", "Suggested next role", "Grow first", "Readiness"], steps, 1)
    return "\n".join(lines)


def anonymous_markdown(sheet: AnonymousSheet, *, date: str) -> str:
    """Counts only: no name, file name or example."""
    lines = ["# Team skills sheet (anonymous)", "", f"- Date: {md(date)}"]
    lines += [f"- People: {sheet.people}", "", "Counts only: no names, file names or examples.", ""]
    lines += ["## How many people at each level", ""]
    rows = [[s.skill, "yes" if s.single_point else "", *s.levels, s.bench] for s in sheet.skills]
    heads = ["Skill", "Single point of failure", *(f"Level {k}" for k in range(1, 6))]
    lines += _table([*heads, f"At {sheet.level}+"], rows, 6)
    if sheet.role_title is not None:
        lines += [f"## Readiness for {md(sheet.role_title)}", ""]
        lines += _table(["Band", "People"], sheet.bands, 1)
    return "\n".join(lines)
