"""The team sheet: what a lead can act on, on one screen. Pure: no I/O, no drawing.

Built from the same :class:`team.Member` records as the other team views, and counted the
same way (each person once, from their preferred assessment: manager, else self, else
peer). ``cli/render/teamsheet.py`` draws it; a page (HTML) can draw the same data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from csadvisor.core import advisor
from csadvisor.core.models import Catalog, Role, Skill
from csadvisor.core.team import (
    CALIBRATION_GAP,
    Member,
    answers_of,
    calibration_rows,
    holders,
    preferred,
)
from csadvisor.plain import Plain

MENTOR_LEVEL = 4  # a mentor holds the skill at this level or more
MENTOR_GAP = 2  # ... and the mentee is this many levels below or more


class SheetSkill(Plain):
    id: str
    name: str
    label: str  # two characters, unique on the sheet (the key explains them)
    short: str  # the name up to its first comma, colon, "and" or bracket


def short_name(name: str) -> str:
    """ "Support tools: CRM, ticketing..." -> "Support tools"; "Coaching and leading
    others" -> "Coaching"."""
    import re

    head = re.split(r"[,:;(]| and | e\.g\.", name, maxsplit=1)[0].strip()
    return head or name


class NextStep(Plain):
    role: str
    title: str
    short_title: str  # the shortest of the title and its aliases, where space is short
    readiness: int
    band: str
    gap: str | None  # the skill to grow first for it (its name), None if no gap


class SheetPerson(Plain):
    person: str
    rater: str  # whose assessment stands for them (manager, self, peer)
    ratings: dict[str, int | None]  # by skill id, in the catalogue's order
    next: NextStep | None  # None: top of the track
    source: str


class TrainFirst(Plain):
    skill: str
    name: str
    required: int
    below: int  # people below the required level
    total_gap: int  # levels short, summed over them


class Mentoring(Plain):
    skill: str
    name: str
    mentor: str
    mentor_level: int
    mentee: str
    mentee_level: int


class Outlier(Plain):
    person: str
    skill: str
    name: str
    self_level: int
    manager_level: int


class Sheet(Plain):
    skills: tuple[SheetSkill, ...]
    people: tuple[SheetPerson, ...]
    level: int  # the bench counts people at this level or more
    min_holders: int
    bench: dict[str, int]
    single_points: tuple[str, ...]  # skill ids held at ``level`` by fewer than min_holders
    target: Role | None  # what "train first" is for
    target_why: str  # "--target" or "most common next role" ("" without one)
    train: tuple[TrainFirst, ...]  # at most three, biggest total gap first
    mentoring: tuple[Mentoring, ...]  # best pairs first
    outliers: tuple[Outlier, ...]  # self and manager CALIBRATION_GAP or more apart


def labels(skills: Sequence[Skill]) -> dict[str, str]:
    """Two-character labels, unique: initials of two words, else the first letter and the
    next letter of the name that makes it unique ("Em", "Co", "Cl", "PS")."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for s in skills:
        words = [w for w in short_name(s.name).replace("-", " ").split() if w[:1].isalnum()]
        words = words or [s.id]
        first = words[0][0].upper()
        tries = []
        if len(words) > 1:
            tries.append(first + words[1][0].upper())
        tries += [first + c.lower() for c in "".join(words)[1:] if c.isalnum()]
        tries += [first + str(i) for i in range(10)] + [f"{i:02d}" for i in range(100)]
        label = next(t for t in tries if t not in taken)
        taken.add(label)
        out[s.id] = label
    return out


def build(
    members: Sequence[Member],
    catalog: Catalog,
    *,
    level: int,
    min_holders: int,
    target: Role | None = None,
) -> Sheet:
    counted = preferred(members)
    short = labels(catalog.skills)
    skills = tuple(
        SheetSkill(s.id, s.name, short[s.id], short_name(s.name)) for s in catalog.skills
    )
    names = {s.id: s.name for s in catalog.skills}
    people = []
    next_roles: Counter[str] = Counter()
    for m in counted:
        best = advisor.advise(answers_of(m, catalog), catalog).suggestion
        step = None
        if best is not None:
            gap = names.get(best.gaps[0].skill.id) if best.gaps else None
            brief = min((best.role.title, *best.role.aliases), key=len)
            step = NextStep(best.role.id, best.role.title, brief, best.percent, best.band, gap)
            next_roles[best.role.id] += 1
        ratings = {s.id: m.ratings.get(s.id) for s in catalog.skills}
        people.append(SheetPerson(m.person, m.rater, ratings, step, m.source))
    bench = {s.id: holders(counted, s.id, level) for s in catalog.skills}
    single = tuple(sid for sid, n in bench.items() if n < min_holders)
    why = "--target" if target is not None else ""
    if target is None and next_roles:
        top = max(next_roles.items(), key=lambda kv: (kv[1], kv[0]))[0]
        target, why = catalog.role_by_id[top], "the most common next role"
    train: list[TrainFirst] = []
    if target is not None:
        for sid, need in target.skills.items():
            gaps = [need - (m.ratings.get(sid) or 0) for m in counted]
            gaps = [g for g in gaps if g > 0]
            if gaps:
                train.append(TrainFirst(sid, names.get(sid, sid), need, len(gaps), sum(gaps)))
        order = {s.id: i for i, s in enumerate(catalog.skills)}
        train.sort(key=lambda t: (-t.total_gap, -t.below, order.get(t.skill, 0)))
    return Sheet(
        skills=skills,
        people=tuple(people),
        level=level,
        min_holders=min_holders,
        bench=bench,
        single_points=single,
        target=target,
        target_why=why,
        train=tuple(train[:3]),
        mentoring=tuple(_mentoring(counted, catalog, [t.skill for t in train])),
        outliers=tuple(_outliers(members, catalog)),
    )


def _mentoring(counted: Sequence[Member], catalog: Catalog, first: list[str]) -> list[Mentoring]:
    """Pairs: a holder at MENTOR_LEVEL+ and someone MENTOR_GAP+ levels below; the skills to
    train first come first, then the widest gaps; each mentee once per skill, and the
    strongest holder mentors (ties: by name)."""
    pairs = []
    rank = {sid: i for i, sid in enumerate(first)}
    for s in catalog.skills:
        rated = [(m.ratings.get(s.id) or 0, m.person) for m in counted]
        mentors = sorted(((lv, p) for lv, p in rated if lv >= MENTOR_LEVEL), key=lambda x: -x[0])
        if not mentors:
            continue
        for lv, p in sorted(rated):
            mentor = next(((ml, mp) for ml, mp in mentors if ml - lv >= MENTOR_GAP), None)
            if mentor is not None and lv > 0 and mentor[1] != p:
                pairs.append(Mentoring(s.id, s.name, mentor[1], mentor[0], p, lv))
    pairs.sort(key=lambda x: (rank.get(x.skill, len(rank)), -(x.mentor_level - x.mentee_level)))
    return pairs


def _outliers(members: Sequence[Member], catalog: Catalog) -> list[Outlier]:
    names = {s.id: s.name for s in catalog.skills}
    return [
        Outlier(r.person, r.skill, names[r.skill], r.own, r.manager)
        for r in calibration_rows(members, catalog)
        if r.own is not None and r.manager is not None and abs(r.manager - r.own) >= CALIBRATION_GAP
    ]
