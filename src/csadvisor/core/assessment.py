"""Answers in, result out: the one scorer both quiz paths share. Pure: no I/O.

Reading an answers file is the shell's job (``sources.read_answers_file``), checking it
the data layer's (``checks.answers``); this module only turns valid answers into a result.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

from csadvisor.core import advisor
from csadvisor.core.advisor import Answers, Lateral, Readiness
from csadvisor.core.models import Catalog, PayRange, number
from csadvisor.core.result import (
    Gap,
    ProfileItem,
    Result,
    RoleReadiness,
    Strength,
    TargetPay,
    TopGap,
)

SCHEMA_VERSION = 2
#: Version 1 files (before name, rater and evidence) still load: those fields are optional.
OLDEST_SCHEMA_VERSION = 1
CREATED_PATTERN = r"^\d{4}-\d\d-\d\dT[0-9:.+-]+$"


def new_id(now: datetime) -> str:
    import secrets

    return now.strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)


def result(answers: Answers, catalog: Catalog, *, now: datetime | None = None) -> Result:
    """The whole result: what JSON prints and what history saves."""
    now = now or datetime.now(timezone.utc)
    advice = advisor.advise(answers, catalog)
    target = advice.target
    profile = tuple(
        ProfileItem(
            skill=s.id,
            name=s.name,
            rating=answers.ratings[s.id],
            required=target.skills.get(s.id) if target else None,
            descriptor=s.descriptor(answers.ratings[s.id]),
        )
        for s in catalog.skills
        if s.id in answers.ratings
    )
    top_gaps = tuple(
        TopGap(
            skill=gap.skill.id,
            name=gap.skill.name,
            rating=gap.rating,
            required=gap.required,
            gap=gap.size,
            next_level=gap.skill.descriptor(min(5, max(1, gap.rating + 1))),
            growth=tuple(gap.skill.growth),
        )
        for gap in (advice.suggestion.gaps[:5] if advice.suggestion is not None else ())
    )
    current = advice.current
    # The role the advice points to: the next step, or the best lateral move at the top.
    pointed = target or (advice.lateral[0].readiness.role if advice.lateral else None)
    return Result(
        schema_version=SCHEMA_VERSION,
        id=new_id(now),
        created=now.isoformat(),
        name=answers.name,
        rater=answers.rater,
        evidence={s.id: answers.evidence[s.id] for s in catalog.skills if s.id in answers.evidence},
        role=current.id if current else None,
        role_title=current.title if current else None,
        ratings=dict(answers.ratings),
        suggestion=_readiness_record(advice.suggestion) if advice.suggestion else None,
        readiness=tuple(_readiness_record(r) for r in advice.ranking),
        profile=profile,
        top_gaps=top_gaps,
        formula=advisor.READINESS_FORMULA,
        lateral=tuple(_lateral_record(m) for m in advice.lateral),
        strengths=tuple(Strength(skill=s.id, name=s.name, rating=r) for s, r in advice.strengths),
        target_pay=_pay_record(pointed.id, pointed.title, pointed.pay)
        if pointed is not None and pointed.pay is not None
        else None,
    )


def _lateral_record(move: Lateral) -> RoleReadiness:
    return dataclasses.replace(
        _readiness_record(move.readiness),
        overlap=advisor.percent(move.overlap),
        keys=RoleReadiness.KEYS,
    )


def _pay_record(role: str, title: str, pay: PayRange) -> TargetPay:
    """The published range of the role the advice points to, with where it comes from."""
    return TargetPay(
        role=role,
        title=title,
        low=number(pay.low),
        high=number(pay.high),
        mid=number(pay.mid),
        currency=pay.currency,
        period=pay.period,
        basis=pay.basis,
        region=pay.region,
        source=pay.source,
        year=pay.year,
    )


def _readiness_record(item: Readiness) -> RoleReadiness:
    return RoleReadiness(
        role=item.role.id,
        title=item.role.title,
        readiness=item.percent,
        band=item.band,
        met=item.met,
        required=item.required,
        distance=item.distance,
        pay_gain=number(item.pay_gain) if item.pay_gain is not None else None,
        reason=advisor.reason(item),
        held_back=item.held_back or None,
        gaps=tuple(Gap(skill=g.skill.id, rating=g.rating, required=g.required) for g in item.gaps),
    )


def all_same(answers: Answers) -> bool:
    """Every skill rated the same: the result will say little."""
    return len(set(answers.ratings.values())) == 1 and len(answers.ratings) > 1
