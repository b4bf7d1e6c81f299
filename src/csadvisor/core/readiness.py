"""Readiness for one role: the score, its band, what holds it back, the gaps. Pure, no I/O.

``core/advisor.py`` ranks these over the track and picks the next role.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from csadvisor.core.models import DEFAULT_RATER, Catalog, Role, Skill
from csadvisor.plain import Plain

NO_EVIDENCE: Mapping[str, str] = MappingProxyType({})


class Answers(Plain):
    """What a person said: current role (or none) and a 1-5 rating a skill.

    ``name`` and ``rater`` say who the ratings are about and who gave them (a manager can
    assess someone); ``evidence`` holds one optional example per skill. None of them
    changes the scoring.
    """

    role: str | None
    ratings: Mapping[str, int]
    name: str | None = None
    rater: str = DEFAULT_RATER
    evidence: Mapping[str, str] = NO_EVIDENCE


class Gap(Plain):
    skill: Skill
    rating: int
    required: int

    @property
    def size(self) -> int:
        return max(0, self.required - self.rating)


class Readiness(Plain):
    """How ready a person is for one role."""

    role: Role
    score: float  # 0.0 - 1.0
    band: str  # ready / close / stretch
    met: int
    required: int
    gaps: tuple[Gap, ...]  # biggest first
    pay_gain: float | None  # yearly midpoint difference, where both ranges are published
    distance: int  # steps along the track from the current role (0 with no current role)
    held_back: str = ""  # why the band is stretch whatever the percent ("" when it is not)

    @property
    def percent(self) -> int:
        return int(self.score * 100 + 0.5)


# --------------------------------------------------------------------------- readiness

BANDS = ("ready", "close", "stretch")
READY_AT = 0.90
CLOSE_AT = 0.70
# The one statement of the rule: the result carries it, `assess --help` and the README show it.
READINESS_FORMULA = (
    "readiness = sum over the role's required skills of min(your level, required level), "
    "divided by the sum of the required levels; ready >= 90%, close >= 70%, stretch below; "
    "but a role stays stretch while a skill it requires at its highest level is two or more "
    "levels short, or while fewer than half of its requirements are met"
)


def band_for(score: float, held_back: str = "") -> str:
    """The band of a readiness score, judged on the whole percent that is shown.

    ``held_back`` (see :func:`held_back_by`) keeps a role at stretch whatever its percent:
    a high average must not hide a gap in what the role relies on most.
    """
    percent = int(score * 100 + 0.5)
    if held_back:
        return "stretch"
    if percent >= READY_AT * 100:
        return "ready"
    if percent >= CLOSE_AT * 100:
        return "close"
    return "stretch"


def key_skills(role: Role) -> tuple[str, ...]:
    """The skills a role relies on most: those it requires at its highest level."""
    if not role.skills:
        return ()
    top = max(role.skills.values())
    return tuple(sid for sid, lvl in role.skills.items() if lvl == top)


def held_back_by(role: Role, ratings: Mapping[str, int]) -> str:
    """Why ``role`` cannot be close or ready yet, in a few words; "" when nothing holds it back."""
    short = [
        f"{sid.replace('-', ' ')} {ratings.get(sid, 0)}->{role.skills[sid]}"
        for sid in key_skills(role)
        if role.skills[sid] - ratings.get(sid, 0) >= 2
    ]
    if short:
        key = "a key skill is" if len(short) == 1 else "key skills are"
        return f"{key} two or more levels short ({', '.join(short)})"
    met = sum(1 for sid, lvl in role.skills.items() if ratings.get(sid, 0) >= lvl)
    if met * 2 < len(role.skills):
        return "fewer than half of its requirements are met"
    return ""


def overlap(current: Role, target: Role) -> float:
    """The share of ``target``'s requirements that ``current``'s own levels already meet.

    What someone doing the current role well brings to the target role, before any
    self-assessment: 1.0 when the target requires nothing.
    """
    if not target.skills:
        return 1.0
    met = sum(1 for sid, lvl in target.skills.items() if current.skills.get(sid, 0) >= lvl)
    return met / len(target.skills)


def percent(share: float) -> int:
    """A share shown as a whole percent, rounded half up (as readiness is)."""
    return int(share * 100 + 0.5)


def gaps_for(role: Role, answers: Answers, catalog: Catalog) -> tuple[Gap, ...]:
    """Skills where the rating is below what the role requires, biggest gap first."""
    gaps = [
        Gap(catalog.skill_by_id[sid], answers.ratings.get(sid, 0), need)
        for sid, need in role.skills.items()
        if answers.ratings.get(sid, 0) < need
    ]
    order = {sid: i for i, sid in enumerate(catalog.skill_by_id)}
    gaps.sort(key=lambda g: (-g.size, -g.required, order[g.skill.id]))
    return tuple(gaps)


def readiness_for(
    role: Role,
    answers: Answers,
    catalog: Catalog,
    current: Role | None = None,
    distance: int = 0,
) -> Readiness:
    """Credit for each required level met, weighted by how high it is required.

    A role with no skill requirements is fully ready (nothing stands in the way).
    """
    need = sum(role.skills.values())
    have = sum(min(answers.ratings.get(sid, 0), lvl) for sid, lvl in role.skills.items())
    score = have / need if need else 1.0
    met = sum(1 for sid, lvl in role.skills.items() if answers.ratings.get(sid, 0) >= lvl)
    gain = None
    held = held_back_by(role, answers.ratings)
    if (
        current is not None
        and current.pay is not None
        and role.pay is not None
        and current.pay.currency == role.pay.currency
    ):
        gain = role.pay.per("year").mid - current.pay.per("year").mid
    return Readiness(
        role=role,
        score=score,
        band=band_for(score, held),
        met=met,
        required=len(role.skills),
        gaps=gaps_for(role, answers, catalog),
        pay_gain=gain,
        distance=distance,
        held_back=held,
    )


def reason(item: Readiness, limit: int = 2) -> str:
    """One line saying why: requirements met and the biggest gaps."""
    if not item.required:
        return "no skill requirements listed for this role"
    text = f"meets {item.met} of {item.required} requirements"
    if item.gaps:
        shown = ", ".join(
            f"{g.skill.id.replace('-', ' ')} {g.rating}->{g.required}" for g in item.gaps[:limit]
        )
        text += f"; biggest gap{'s' if len(item.gaps[:limit]) > 1 else ''}: {shown}"
    else:
        text += "; no gaps"
    return text
