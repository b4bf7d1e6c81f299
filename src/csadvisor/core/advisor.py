"""Pure logic over the catalogue: the growth track, skill usage, the next role ranked by
readiness (the readiness of one role is ``core/readiness.py``). No I/O."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from csadvisor.core.lookup import RoleIndex, unknown_role_message
from csadvisor.core.models import Catalog, Role, Skill
from csadvisor.core.readiness import BANDS as BANDS
from csadvisor.core.readiness import CLOSE_AT as CLOSE_AT
from csadvisor.core.readiness import NO_EVIDENCE as NO_EVIDENCE
from csadvisor.core.readiness import READINESS_FORMULA as READINESS_FORMULA
from csadvisor.core.readiness import READY_AT as READY_AT
from csadvisor.core.readiness import Answers as Answers
from csadvisor.core.readiness import Gap as Gap
from csadvisor.core.readiness import Readiness as Readiness
from csadvisor.core.readiness import band_for as band_for
from csadvisor.core.readiness import gaps_for as gaps_for
from csadvisor.core.readiness import held_back_by as held_back_by
from csadvisor.core.readiness import key_skills as key_skills
from csadvisor.core.readiness import overlap as overlap
from csadvisor.core.readiness import percent as percent
from csadvisor.core.readiness import readiness_for as readiness_for
from csadvisor.core.readiness import reason as reason
from csadvisor.plain import Plain


def reachable(catalog: Catalog, start: Role) -> list[Role]:
    """Every role reachable from ``start`` along ``next``, nearest first (not ``start``)."""
    seen = {start.id}
    order: list[Role] = []
    frontier = [start]
    while frontier:
        following: list[Role] = []
        for role in frontier:
            for nid in role.next:
                if nid not in seen:
                    seen.add(nid)
                    following.append(catalog.role_by_id[nid])
        order += following
        frontier = following
    return order


def roots(catalog: Catalog) -> list[Role]:
    """Roles nothing grows into: where the track starts."""
    targets = {n for r in catalog.roles for n in r.next}
    return [r for r in catalog.roles if r.id not in targets]


class TrackNode(Plain):
    role: Role
    depth: int
    parent: Role | None
    repeated: bool  # already shown higher up; its subtree is not repeated


def walk_track(catalog: Catalog, start: Iterable[Role]) -> Iterator[TrackNode]:
    """The track as a depth-first tree; a role reached twice is shown once in full.

    Walked with a list as the stack, not by recursion: a valid track may be a chain of
    thousands of roles, deeper than Python's recursion limit.
    """
    shown: set[str] = set()
    for first in start:
        stack: list[tuple[Role, int, Role | None]] = [(first, 0, None)]
        while stack:
            role, depth, parent = stack.pop()
            repeated = role.id in shown
            yield TrackNode(role, depth, parent, repeated)
            if repeated:
                continue
            shown.add(role.id)
            stack += [(catalog.role_by_id[n], depth + 1, role) for n in reversed(role.next)]


def edges(catalog: Catalog, start: Role | None = None) -> list[tuple[Role, Role]]:
    """The track's edges, all of them or those below ``start``."""
    roles = catalog.roles if start is None else [start, *reachable(catalog, start)]
    return [(r, catalog.role_by_id[n]) for r in roles for n in r.next]


def skill_usage(catalog: Catalog, skill: Skill) -> list[tuple[Role, int]]:
    """Which roles need ``skill``, at what level, in catalogue order."""
    return [(r, r.skills[skill.id]) for r in catalog.roles if skill.id in r.skills]


def distances(catalog: Catalog, start: Role) -> dict[str, int]:
    """Steps along the track from ``start`` to every role reachable from it."""
    out: dict[str, int] = {}
    frontier = [start]
    step = 0
    while frontier:
        step += 1
        following: list[Role] = []
        for role in frontier:
            for nid in role.next:
                if nid not in out and nid != start.id:
                    out[nid] = step
                    following.append(catalog.role_by_id[nid])
        frontier = following
    return out


def rank(items: list[Readiness]) -> list[Readiness]:
    """Best band first (a role held at stretch never outranks a close one); then most ready;
    then the larger published pay gain; then nearer; then catalogue order."""
    order = {r.role.id: i for i, r in enumerate(items)}
    return sorted(
        items,
        key=lambda r: (
            BANDS.index(r.band) if r.band in BANDS else len(BANDS),
            -round(r.score, 6),
            r.pay_gain is None,
            -(r.pay_gain or 0.0),
            r.distance,
            order[r.role.id],
        ),
    )


class Lateral(Plain):
    """A move sideways or up from the top of a track: readiness and the roles' skill overlap."""

    readiness: Readiness
    overlap: float


class Advice(Plain):
    answers: Answers
    current: Role | None
    ranking: tuple[Readiness, ...]
    suggestion: Readiness | None  # the best next step, if any
    lateral: tuple[Lateral, ...] = ()  # only at the top of a track
    strengths: tuple[tuple[Skill, int], ...] = ()  # the person's highest-rated skills

    @property
    def target(self) -> Role | None:
        return self.suggestion.role if self.suggestion else None


def advise(answers: Answers, catalog: Catalog) -> Advice:
    """Readiness for every role reachable from the current role (or every role), ranked.

    The suggestion is the best-ranked role one step up the track; with no current role,
    the best-ranked role overall. At the top of a track there is no step up: the advice
    offers lateral moves instead, and names the person's strongest skills.
    """
    current = catalog.role_by_id[answers.role] if answers.role else None
    if current is not None:
        dist = distances(catalog, current)
        candidates = [r for r in catalog.roles if r.id in dist]  # catalogue order breaks ties
    else:
        dist = {}
        candidates = list(catalog.roles)
    ranking = rank(
        [readiness_for(r, answers, catalog, current, dist.get(r.id, 0)) for r in candidates]
    )
    pool = [r for r in ranking if r.distance == 1] if current is not None else ranking
    lateral: tuple[Lateral, ...] = ()
    if current is not None and not current.next:
        lateral = lateral_moves(current, answers, catalog)
    return Advice(
        answers,
        current,
        tuple(ranking),
        pool[0] if pool else None,
        lateral,
        strengths(answers, catalog),
    )


def lateral_moves(current: Role, answers: Answers, catalog: Catalog) -> tuple[Lateral, ...]:
    """Other roles at the same or a higher level, most ready first, then most overlap."""
    order = {r.id: i for i, r in enumerate(catalog.roles)}
    moves = [
        Lateral(readiness_for(r, answers, catalog, current), overlap(current, r))
        for r in catalog.roles
        if r.id != current.id and r.level >= current.level
    ]
    moves.sort(key=lambda m: (-round(m.readiness.score, 6), -m.overlap, order[m.readiness.role.id]))
    return tuple(moves)


def strengths(answers: Answers, catalog: Catalog, limit: int = 3) -> tuple[tuple[Skill, int], ...]:
    """The highest-rated skills, in catalogue order among equals."""
    rated = [(s, answers.ratings[s.id]) for s in catalog.skills if s.id in answers.ratings]
    rated.sort(key=lambda pair: -pair[1])  # stable: catalogue order among equals
    return tuple(rated[:limit])


# A suggested time to close a gap of 1, 2, or 3+ levels: a planning aid, not a measured figure.
TIMEFRAMES = ("1 to 3 months", "3 to 6 months", "6 to 12 months")


def timeframe(levels: int) -> str:
    """A suggested time to grow a skill by ``levels`` levels (shown in the plan, as a guide)."""
    return TIMEFRAMES[min(max(levels, 1), len(TIMEFRAMES)) - 1]


class Step(Plain):
    """One move along the track: what it pays and which skills it asks more of."""

    role: Role
    pay_change: float | None
    raised: tuple[tuple[Skill, int, int], ...]  # skill, level now (0 = new), level needed


def steps_from(role: Role, catalog: Catalog) -> list[Step]:
    out = []
    for nid in role.next:
        target = catalog.role_by_id[nid]
        change = None
        if role.pay and target.pay and role.pay.currency == target.pay.currency:
            change = target.pay.per("year").mid - role.pay.per("year").mid
        raised = tuple(
            (catalog.skill_by_id[sid], role.skills.get(sid, 0), lvl)
            for sid, lvl in target.skills.items()
            if lvl > role.skills.get(sid, 0)
        )
        out.append(Step(target, change, raised))
    return out


__all__ = ["RoleIndex", "unknown_role_message"]  # re-exported: lookups live in lookup.py


def top_of_track(current: Role, catalog: Catalog) -> str:
    """What ``next ROLE`` says at the top of a track: the lateral moves, by overlap."""
    moves = sorted(
        (r for r in catalog.roles if r.id != current.id and r.level >= current.level),
        key=lambda r: -overlap(current, r),
    )
    shown = ", ".join(f"{r.id} ({percent(overlap(current, r))}% overlap)" for r in moves)
    return (
        f"{current.id} is the top of its track: no further role"
        + (f"; lateral moves: {shown}" if shown else "")
        + "; 'csadvisor assess' ranks them by your readiness and names your strengths"
    )
