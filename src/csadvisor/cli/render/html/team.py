"""A team as one HTML page: the terminal team sheet's content (``core.teamsheet.Sheet``)
with room to breathe — the coverage grid (people x skills, every cell a number and a
shade), the bench and single points of failure, readiness for the target role as a chart
with its table, what to train first, who could mentor whom, calibration outliers and each
person's next step. The anonymous page has counts only: no name, file name or example.
"""

from __future__ import annotations

from collections.abc import Sequence

from csadvisor.cli.render.html.charts import Percent, percent_chart
from csadvisor.cli.render.html.page import Column, Html, document, esc, facts, table, tag
from csadvisor.core.teamsheet import Sheet
from csadvisor.plain import Plain

RATER_WORD = {"manager": "manager's ratings", "self": "own ratings", "peer": "a peer's ratings"}


class Readiness(Plain):
    """One person's readiness for the sheet's target role."""

    person: str
    rater: str
    percent: int
    band: str
    met: int
    required: int


def level_cell(level: int | None) -> Html:
    """A level as its number on its shade; "-" (said as "not rated") for none."""
    if level is None:
        return Html(
            '<td class="n0"><span aria-hidden="true">-</span><span class="sr">not rated</span></td>'
        )
    return Html(f'<td class="l{int(level)}">{int(level)}</td>')


def _legend(level: int) -> Html:
    shades = "".join(f'<span class="l{n}">{n}</span>' for n in range(1, 6))
    return Html(
        f'<p class="legend small">Levels 1 (light) to 5 (dark), each written in its cell: '
        f"{shades} &ndash; not rated. Bench: people at level {level} or more, each person "
        "counted once.</p>"
    )


def team_html(
    sheet: Sheet, readiness: Sequence[Readiness], *, date: str, generator: str = ""
) -> str:
    """The named team page. ``readiness``: each person's readiness for ``sheet.target``."""
    parts = [tag("h1", "Team skills sheet")]
    raters = sorted({p.rater for p in sheet.people})
    parts.append(
        facts(
            [
                ("Date", date),
                ("People", len(sheet.people)),
                ("Skills", len(sheet.skills)),
                ("Ratings used", ", ".join(RATER_WORD.get(r, r) for r in raters)),
            ]
        )
    )
    parts.append(_grid(sheet))
    parts.append(_bench(sheet))
    parts.append(_target(sheet, readiness))
    parts.append(_mentors(sheet))
    parts.append(_outliers(sheet))
    parts.append(_next_steps(sheet))
    return document("Team skills sheet", Html("".join(parts)), generator=generator)


def _grid(sheet: Sheet) -> Html:
    by = len({p.rater for p in sheet.people}) > 1
    head = "".join(
        f'<th scope="col" class="n"><abbr title="{esc(s.name)}">{esc(s.label)}</abbr></th>'
        for s in sheet.skills
    )
    rows = []
    for p in sheet.people:
        who = esc(p.person) + (Html(f' <span class="small">({esc(p.rater)})</span>') if by else "")
        cells = "".join(level_cell(p.ratings.get(s.id)) for s in sheet.skills)
        rows.append(f'<tr><th scope="row">{who}</th>{cells}</tr>')
    bench = "".join(
        f'<td class="n">{sheet.bench[s.id]}'
        + ('<span class="flag"> !</span>' if s.id in sheet.single_points else "")
        + "</td>"
        for s in sheet.skills
    )
    spof = "".join(f"<td>{'yes' if s.id in sheet.single_points else ''}</td>" for s in sheet.skills)
    keys = "".join(tag("li", f"{s.label}: {s.name}") for s in sheet.skills)
    return Html(
        tag("h2", "Who holds what")
        + _legend(sheet.level)
        + '<table class="grid" id="coverage"><caption>Skill levels per person (the key below '
        "names each skill)</caption>"
        f'<thead><tr><th scope="col">Person</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody>"
        f'<tfoot><tr><th scope="row">Bench ({sheet.level}+)</th>{bench}</tr>'
        f'<tr><th scope="row">Single point of failure</th>{spof}</tr></tfoot></table>'
        + tag("h3", "Key to the skills")
        + f'<ul class="keys">{keys}</ul>'
    )


def _holders(sheet: Sheet, skill: str) -> list[str]:
    return [p.person for p in sheet.people if (p.ratings.get(skill) or 0) >= sheet.level]


def _bench(sheet: Sheet) -> Html:
    parts = [tag("h2", "Bench and single points of failure")]
    if not sheet.single_points:
        parts.append(
            tag(
                "p",
                f"Every skill has at least {sheet.min_holders} people at level {sheet.level} "
                "or more.",
            )
        )
        return Html("".join(parts))
    rows = []
    for s in sheet.skills:
        if s.id in sheet.single_points:
            names = _holders(sheet, s.id)
            rows.append((s.name, len(names), ", ".join(names) or "no one"))
    parts.append(
        table(
            [Column("Skill"), Column(f"People at {sheet.level}+", True), Column("Who")],
            rows,
            caption=f"Skills fewer than {sheet.min_holders} people hold at level "
            f"{sheet.level} or more",
        )
    )
    return Html("".join(parts))


def _target(sheet: Sheet, readiness: Sequence[Readiness]) -> Html:
    if sheet.target is None:
        return Html("")
    title = sheet.target.title
    why = "" if sheet.target_why == "--target" else f" ({sheet.target_why})"
    parts: list[str] = [tag("h2", f"Readiness for {title}{why}")]
    if readiness:
        bars = [Percent(_who(r.person, r.rater), r.percent, r.band) for r in readiness]
        chart_title = (
            f"Readiness for {title}, per person, from 0 to 100%. The table below has the "
            "same numbers."
        )
        parts.append(
            Html('<figure class="keep">')
            + percent_chart(bars, "readiness-chart", chart_title)
            + Html("</figure>")
        )
        parts.append(
            table(
                [
                    Column("Person"),
                    Column("Readiness", True),
                    Column("Band"),
                    Column("Requirements met", True),
                ],
                [
                    (_who(r.person, r.rater), f"{r.percent}%", r.band, f"{r.met} of {r.required}")
                    for r in readiness
                ],
                caption=f"Readiness for {title}, most ready first",
                id_="readiness-table",
            )
        )
    if sheet.train:
        parts.append(tag("h3", "Train first"))
        parts.append(
            table(
                [
                    Column("Skill"),
                    Column("Level needed", True),
                    Column("People below it", True),
                    Column("Levels short in all", True),
                ],
                [(t.name, t.required, t.below, t.total_gap) for t in sheet.train],
                caption=f"The skills to train first for {title}: biggest gap first",
            )
        )
    return Html("".join(parts))


def _who(person: str, rater: str) -> str:
    return person if rater == "self" else f"{person} ({rater})"


def _mentors(sheet: Sheet) -> Html:
    """One row per skill and mentor, with everyone they could help (the sheet's pairs,
    in its order: the skills to train first come first)."""
    parts = [tag("h2", "Who could mentor whom")]
    if not sheet.mentoring:
        parts.append(tag("p", "No pairs: no one at level 4 or more with someone two levels below."))
        return Html("".join(parts))
    grouped: dict[tuple[str, str], list[str]] = {}
    shown: dict[tuple[str, str], tuple[str, int]] = {}
    for m in sheet.mentoring:
        key = (m.skill, m.mentor)
        grouped.setdefault(key, []).append(f"{m.mentee} ({m.mentee_level})")
        shown[key] = (m.name, m.mentor_level)
    rows = [
        (shown[key][0], key[1], shown[key][1], ", ".join(mentees))
        for key, mentees in grouped.items()
    ]
    parts.append(
        table(
            [
                Column("Skill"),
                Column("Mentor"),
                Column("Level", True),
                Column("Could help (level)"),
            ],
            rows,
            caption="A holder at level 4 or more and the people two or more levels below",
        )
    )
    return Html("".join(parts))


def _outliers(sheet: Sheet) -> Html:
    parts = [tag("h2", "Calibration outliers")]
    if not sheet.outliers:
        parts.append(tag("p", "No self and manager ratings two or more levels apart."))
        return Html("".join(parts))
    parts.append(
        table(
            [
                Column("Person"),
                Column("Skill"),
                Column("Self", True),
                Column("Manager", True),
                Column("Difference", True),
            ],
            [
                (
                    o.person,
                    o.name,
                    o.self_level,
                    o.manager_level,
                    f"{o.manager_level - o.self_level:+d}",
                )
                for o in sheet.outliers
            ],
            caption="Self and manager ratings two or more levels apart (manager minus self); "
            "never averaged",
        )
    )
    return Html("".join(parts))


def _next_steps(sheet: Sheet) -> Html:
    rows = []
    for p in sheet.people:
        step = p.next
        if step is None:
            rows.append((p.person, "top of the track", "", ""))
        else:
            rows.append(
                (p.person, step.title, f"{step.readiness}% {step.band}", step.gap or "no gap")
            )
    return Html(
        tag("h2", "Next step for each person")
        + table(
            [
                Column("Person"),
                Column("Suggested next role"),
                Column("Readiness", True),
                Column("Grow first"),
            ],
            rows,
            caption="Each person's suggested next role, readiness for it, and the skill to "
            "grow first",
        )
    )


# --------------------------------------------------------------------------- anonymous


class SkillCounts(Plain):
    """How many people stand at each level of one skill."""

    skill: str  # its name
    levels: tuple[int, ...]  # people at level 1, 2, 3, 4, 5
    bench: int  # people at the sheet's level or more
    single_point: bool  # fewer than the sheet's min_holders on that bench


class AnonymousSheet(Plain):
    """The anonymous sheet (from ``core.team.anonymous_rows``): counts only, no name, file
    name or example. The page and its Markdown show the same record."""

    people: int
    level: int
    min_holders: int
    skills: Sequence[SkillCounts]
    role_title: str | None  # the target role; None: no readiness counts
    bands: Sequence[tuple[str, int]]  # people per readiness band for the target role
    meet: Sequence[tuple[str, int, int]]  # per skill it needs: name, meet its level, below


def anonymous_html(sheet: AnonymousSheet, *, date: str, generator: str = "") -> str:
    """Counts only: no name, file name or example reaches this page."""
    level, min_holders, role_title = sheet.level, sheet.min_holders, sheet.role_title
    rows = [[s.skill, *s.levels, s.bench, "yes" if s.single_point else ""] for s in sheet.skills]
    columns = [Column("Skill")] + [Column(f"Level {k}", True) for k in range(1, 6)]
    columns += [Column(f"At {level}+", True), Column("Single point of failure")]
    parts = [
        tag("h1", "Team skills sheet (anonymous)"),
        facts([("Date", date), ("People", sheet.people), ("Skills", len(sheet.skills))]),
        tag(
            "p",
            "Counts only: no names, file names or examples. Each person is counted once, "
            "from their manager's assessment if there is one, else their own.",
        ),
        tag("h2", "How many people at each level"),
        table(
            columns,
            rows,
            caption=f"People per skill and level; single point of failure: fewer than "
            f"{min_holders} at level {level} or more",
        ),
    ]
    if role_title is not None:
        parts.append(tag("h2", f"Readiness for {role_title}"))
        parts.append(
            table(
                [Column("Band"), Column("People", True)],
                sheet.bands,
                caption="How many people are ready, close or a stretch away",
            )
        )
        parts.append(
            table(
                [Column("Skill"), Column("Meet the level", True), Column("Below it", True)],
                sheet.meet,
                caption=f"Per skill {role_title} needs: how many meet its level",
            )
        )
    return document("Team skills sheet (anonymous)", Html("".join(parts)), generator=generator)
