"""A team's assessments, aggregated: coverage, a target role, next steps, calibration.

Pure: no I/O, no printing. The shell (``commands/team.py``) reads the files into
:class:`Member` records; every function here turns them into plain rows (the records the
data formats print and the terminal views draw).

Counting rule: a count (the bench, the people who meet a level, anonymous distributions)
counts each person once, from their *preferred* assessment: the latest by their manager
if there is one, else their own, else a peer's. Rows about people show every person and
rater (the latest of each, or every date with ``keep_all``). Ratings are never averaged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from csadvisor.core import advisor
from csadvisor.core.advisor import Answers
from csadvisor.core.models import Catalog, Role
from csadvisor.core.rows import Parts, Value
from csadvisor.core.teammembers import CONFLICT as CONFLICT
from csadvisor.core.teammembers import FUTURE as FUTURE
from csadvisor.core.teammembers import PREFERRED_RATERS as PREFERRED_RATERS
from csadvisor.core.teammembers import UNKNOWN as UNKNOWN
from csadvisor.core.teammembers import Member as Member
from csadvisor.core.teammembers import Notice as Notice
from csadvisor.core.teammembers import Refused as Refused
from csadvisor.core.teammembers import _flags_not_kept, _person_key
from csadvisor.core.teammembers import identify as identify
from csadvisor.core.teammembers import preferred as preferred
from csadvisor.core.teammembers import select as select
from csadvisor.core.teamrows import (
    AnonymousRow,
    CalibrationRow,
    CoverageHead,
    CoverageTail,
    TargetRow,
    TeamNextRow,
)

CALIBRATION_GAP = 2  # self and manager this many levels apart are flagged


def answers_of(m: Member, catalog: Catalog) -> Answers:
    """The member's ratings as the advisor scores them (skills the catalogue lacks left out)."""
    ratings = {s.id: m.ratings[s.id] for s in catalog.skills if s.id in m.ratings}
    role = m.role if m.role in catalog.role_by_id else None
    return Answers(role, ratings, m.person, m.rater, m.evidence)


# --------------------------------------------------------------------------- coverage


def holders(counted: Sequence[Member], skill: str, level: int) -> int:
    return sum(1 for m in counted if m.ratings.get(skill, 0) >= level)


def coverage_rows(
    members: Sequence[Member], catalog: Catalog, *, level: int, min_holders: int, keep_all: bool
) -> list[Parts]:
    """People x skills (one row per person and rater), then the bench row (people at
    ``level`` or more) and the single-point-of-failure row (fewer than ``min_holders``)."""
    skills = [s.id for s in catalog.skills]
    rows: list[Parts] = []
    kept = select(members, keep_all)
    others = _flags_not_kept(members, kept)
    for m in kept:
        head = CoverageHead(
            kind="person", person=m.person, rater=m.rater, created=m.created, role=m.role
        )
        tail = CoverageTail(
            evidence={sid: m.evidence[sid] for sid in skills if sid in m.evidence},
            source=m.source,
            flags=list(m.flags) + others.get((_person_key(m)[0], m.rater), []),
        )
        rows.append(Parts(head, {sid: m.ratings.get(sid) for sid in skills}, tail))
    counted = preferred(members)
    bench = {sid: holders(counted, sid, level) for sid in skills}
    empty_tail = CoverageTail(evidence=None, source=None, flags=None)

    def count_row(kind: str, counts: Mapping[str, Value]) -> Parts:
        head = CoverageHead(kind=kind, person=None, rater=None, created=None, role=None)
        return Parts(head, counts, empty_tail)

    rows.append(count_row("bench", bench))
    rows.append(
        count_row("single-point-of-failure", {sid: bench[sid] < min_holders for sid in skills})
    )
    return rows


# --------------------------------------------------------------------------- target role


def target_rows(members: Sequence[Member], catalog: Catalog, role: Role) -> list[TargetRow]:
    """Per required skill: how many people meet the role's level, biggest gaps first;
    then per person and rater: readiness for the role, most ready first. Every row has
    every field (None where it does not apply): one shape for JSON readers and sheets."""
    counted = preferred(members)
    order = {s.id: i for i, s in enumerate(catalog.skills)}
    no_person = dict.fromkeys(("person", "rater", "readiness", "band", "met", "requirements"))
    skill_rows: list[TargetRow] = []
    for sid, need in role.skills.items():
        short = [need - m.ratings.get(sid, 0) for m in counted if m.ratings.get(sid, 0) < need]
        skill_rows.append(
            TargetRow(
                kind="skill",
                skill=sid,
                required=need,
                meet=len(counted) - len(short),
                below=len(short),
                total_gap=sum(short),
                source=None,
                **no_person,
            )
        )
    skill_rows.sort(
        key=lambda r: (-(r.total_gap or 0), -(r.below or 0), order.get(r.skill or "", 0))
    )
    person_rows: list[TargetRow] = []
    no_skill = dict.fromkeys(("skill", "required", "meet", "below", "total_gap"))
    for m in select(members):
        ready = advisor.readiness_for(role, answers_of(m, catalog), catalog)
        person_rows.append(
            TargetRow(
                kind="person",
                person=m.person,
                rater=m.rater,
                readiness=ready.percent,
                band=ready.band,
                met=ready.met,
                requirements=ready.required,
                source=m.source,
                **no_skill,
            )
        )
    person_rows.sort(key=lambda r: -(r.readiness or 0))  # stable: ties stay in person order
    return [*skill_rows, *person_rows]


# --------------------------------------------------------------------------- next steps


def next_rows(members: Sequence[Member], catalog: Catalog) -> list[TeamNextRow]:
    """Each person and rater: the suggested next role and readiness for it."""
    rows = []
    for m in select(members):
        advice = advisor.advise(answers_of(m, catalog), catalog)
        s = advice.suggestion
        rows.append(
            TeamNextRow(
                person=m.person,
                rater=m.rater,
                role=advice.current.id if advice.current else None,
                suggestion=s.role.id if s else None,
                title=s.role.title if s else None,
                readiness=s.percent if s else None,
                band=s.band if s else None,
                reason=advisor.reason(s) if s else "top of the track: no next role",
                source=m.source,
            )
        )
    return rows


# --------------------------------------------------------------------------- calibration


def calibration_rows(members: Sequence[Member], catalog: Catalog) -> list[CalibrationRow]:
    """For each person with both a self and a manager assessment (the latest of each),
    the two ratings side by side per skill; two levels or more apart is flagged."""
    latest = {(_person_key(m)[0], m.rater): m for m in select(members)}
    rows = []
    for own in [m for m in latest.values() if m.rater == "self"]:
        boss = latest.get((_person_key(own)[0], "manager"))
        if boss is None:
            continue
        for skill in catalog.skills:
            a, b = own.ratings.get(skill.id), boss.ratings.get(skill.id)
            if a is None and b is None:
                continue
            diff = b - a if a is not None and b is not None else None
            rows.append(
                CalibrationRow(
                    person=own.person,
                    skill=skill.id,
                    own=a,
                    manager=b,
                    difference=diff,
                    flag=diff is not None and abs(diff) >= CALIBRATION_GAP,
                    self_created=own.created,
                    manager_created=boss.created,
                    self_evidence=own.evidence.get(skill.id),
                    manager_evidence=boss.evidence.get(skill.id),
                    self_source=own.source,
                    manager_source=boss.source,
                )
            )
    return rows


# --------------------------------------------------------------------------- anonymous


def _group(view: str, group: str, people: int, counts: Mapping[str, int]) -> list[AnonymousRow]:
    return [
        AnonymousRow(view=view, group=group, people=people, measure=k, count=v)
        for k, v in counts.items()
    ]


def anonymous_rows(
    view: str,
    members: Sequence[Member],
    catalog: Catalog,
    *,
    level: int,
    role: Role | None = None,
    min_group: int,
) -> list[AnonymousRow]:
    """Counts and distributions only, no names; Refused when any group has fewer than
    ``min_group`` people (a small group's distribution can identify someone). People are
    told apart by :func:`people.person_key`; every file without a name inside counts as
    one unknown person (a folder of one person's saves is one person, never a group),
    unless a file that names someone inside is about the same person: then it is theirs
    (ana-lopez-self.yaml beside a manager file saying "Ana Lopez" adds no one)."""
    vouched = {m.key for m in members if m.named}
    members = [
        m if m.named or m.key in vouched else m._replace(key=UNKNOWN, person=UNKNOWN)
        for m in members
    ]
    counted = preferred(members)
    n = len(counted)
    rows: list[AnonymousRow] = []
    groups: list[tuple[str, int]] = []
    if view == "coverage":
        groups.append(("team", n))
        for s in catalog.skills:
            dist = {
                f"level {k}": sum(1 for m in counted if m.ratings.get(s.id) == k)
                for k in range(1, 6)
            }
            dist[f"at level {level} or more"] = holders(counted, s.id, level)
            rows += _group(view, s.id, n, dist)
    elif view == "target":
        assert role is not None
        groups.append(("team", n))
        for r in target_rows(members, catalog, role):
            if r.kind == "skill" and r.skill is not None:
                rows += _group(view, r.skill, n, {"meet": r.meet or 0, "below": r.below or 0})
        bands = dict.fromkeys(advisor.BANDS, 0)
        for m in counted:
            bands[advisor.readiness_for(role, answers_of(m, catalog), catalog).band] += 1
        rows += _group(view, f"readiness for {role.id}", n, bands)
    elif view == "next":
        by_role: dict[str, dict[str, int]] = {}
        sizes: dict[str, int] = {}
        for m in counted:
            best = advisor.advise(answers_of(m, catalog), catalog).suggestion
            key = best.role.id if best else "top of the track"
            bands = by_role.setdefault(key, dict.fromkeys(advisor.BANDS, 0))
            sizes[key] = sizes.get(key, 0) + 1
            if best:
                bands[best.band] += 1
        for key, bands in by_role.items():
            groups.append((key, sizes[key]))
            rows += _group(view, key, sizes[key], bands)
    else:  # calibration
        pairs = calibration_rows(members, catalog)
        people = len({r.person for r in pairs})
        groups.append(("people with a self and a manager assessment", people))
        for s in catalog.skills:
            diffs = [r.difference for r in pairs if r.skill == s.id and r.difference is not None]
            rows += _group(
                view,
                s.id,
                people,
                {
                    f"manager higher by {CALIBRATION_GAP}+": sum(
                        1 for d in diffs if d >= CALIBRATION_GAP
                    ),
                    f"self higher by {CALIBRATION_GAP}+": sum(
                        1 for d in diffs if d <= -CALIBRATION_GAP
                    ),
                    f"within {CALIBRATION_GAP - 1}": sum(
                        1 for d in diffs if abs(d) < CALIBRATION_GAP
                    ),
                },
            )
    small = [(g, k) for g, k in groups if k < min_group]
    if small:
        g, k = small[0]
        raise Refused(
            f"--anonymous: the group '{g}' has {k} {'person' if k == 1 else 'people'}, fewer "
            f"than {min_group}; nothing shown (lower --min-group only if that is safe)"
        )
    return rows
