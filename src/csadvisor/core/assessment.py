"""Answers in, result out: the one scorer both quiz paths share. Pure: no I/O.

Reading an answers file is the shell's job (``sources.read_answers_file``), checking it
the data layer's (``checks.answers``); this module only turns valid answers into a result.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from csadvisor.core import advisor
from csadvisor.core.advisor import Answers, Lateral, Readiness
from csadvisor.core.models import Catalog, PayRange, number

SCHEMA_VERSION = 2
#: Version 1 files (before name, rater and evidence) still load: those fields are optional.
OLDEST_SCHEMA_VERSION = 1
CREATED_PATTERN = r"^\d{4}-\d\d-\d\dT[0-9:.+-]+$"


def result_spec() -> Any:
    """The shape of a result (what ``result`` returns and history saves), to check a saved
    file as a whole before any command reads a field of it."""
    from csadvisor.storage.schema import (
        Field,
        Integer,
        ListOf,
        MapOf,
        Nullable,
        Number,
        Real,
        Record,
        Text,
        slug,
    )
    from csadvisor.storage.specs import EVIDENCE, PERSON_NAME, RATER

    line, para = Text(max_len=2000), Text(one_line=False, max_len=20000)
    level = Integer(1, 5)
    count = Integer(0, 1_000_000)
    gap = Record({"skill": Field(slug()), "rating": Field(level), "required": Field(level)})
    readiness = Record(
        {
            "role": Field(slug()),
            "title": Field(line),
            "readiness": Field(Integer(0, 100)),
            "band": Field(Text(choices=advisor.BANDS)),
            "met": Field(count),
            "required": Field(count),
            "distance": Field(count),
            "pay_gain": Field(Nullable(Real(-1e12, 1e12))),
            "reason": Field(para),
            "gaps": Field(ListOf(gap, max_items=10_000)),
            # Why the band is stretch whatever the percent; added after the first release.
            "held_back": Field(Nullable(line), required=False),
        }
    )
    return Record(
        {
            "schema_version": Field(Integer(OLDEST_SCHEMA_VERSION, SCHEMA_VERSION)),
            "id": Field(Text(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_len=80)),
            "created": Field(Text(pattern=CREATED_PATTERN, max_len=40)),
            "name": Field(Nullable(PERSON_NAME), required=False),
            "rater": Field(RATER, required=False),
            "evidence": Field(MapOf(EVIDENCE), required=False),
            "role": Field(Nullable(slug())),
            "role_title": Field(Nullable(line)),
            "ratings": Field(MapOf(level)),
            "suggestion": Field(Nullable(readiness)),
            "readiness": Field(ListOf(readiness, max_items=100_000)),
            "profile": Field(
                ListOf(
                    Record(
                        {
                            "skill": Field(slug()),
                            "name": Field(line),
                            "rating": Field(level),
                            "required": Field(Nullable(level)),
                            "descriptor": Field(line),
                        }
                    ),
                    max_items=100_000,
                )
            ),
            "top_gaps": Field(
                ListOf(
                    Record(
                        {
                            "skill": Field(slug()),
                            "name": Field(line),
                            "rating": Field(level),
                            "required": Field(level),
                            "gap": Field(Integer(0, 5)),
                            "next_level": Field(line),
                            "growth": Field(ListOf(para, max_items=1000)),
                        }
                    ),
                    max_items=100,
                )
            ),
            "formula": Field(para),
            # Added after the first release: older saved results do not have them.
            "lateral": Field(
                ListOf(
                    Record({**readiness.fields, "overlap": Field(Integer(0, 100))}),
                    max_items=100_000,
                ),
                required=False,
            ),
            "strengths": Field(
                ListOf(
                    Record(
                        {
                            "skill": Field(slug()),
                            "name": Field(line),
                            "rating": Field(level),
                        }
                    ),
                    max_items=100,
                ),
                required=False,
            ),
            "target_pay": Field(
                Nullable(
                    Record(
                        {
                            "role": Field(slug()),
                            "title": Field(line),
                            "low": Field(Number()),
                            "high": Field(Number()),
                            "mid": Field(Number()),
                            "currency": Field(line),
                            "period": Field(line),
                            "basis": Field(line),
                            "region": Field(line),
                            "source": Field(line),
                            "year": Field(Integer(1900, 2200)),
                        }
                    )
                ),
                required=False,
            ),
            # With --location only: the local (BLS OEWS) pay the summary shows.
            "local_pay": Field(
                Record(
                    {
                        **{k: Field(Nullable(line)) for k in ("location", "asked_area", "area")},
                        "current_role": Field(Nullable(slug())),
                        "target_role": Field(slug()),
                        **{
                            k: Field(Nullable(Real(-1e12, 1e12)))
                            for k in ("median_from", "median_to", "median_change", "p25", "p75")
                        },
                        **{k: Field(Nullable(para)) for k in ("source", "basis")},
                        **{k: Field(Nullable(para)) for k in ("change_basis", "note")},
                    }
                ),
                required=False,
            ),
        },
        title="csadvisor assessment result",
    )


def new_id(now: datetime) -> str:
    import secrets

    return now.strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(3)


def result(answers: Answers, catalog: Catalog, *, now: datetime | None = None) -> dict[str, Any]:
    """The whole result as plain data: what JSON prints and what history saves."""
    now = now or datetime.now(timezone.utc)
    advice = advisor.advise(answers, catalog)
    target = advice.target
    profile = [
        {
            "skill": s.id,
            "name": s.name,
            "rating": answers.ratings[s.id],
            "required": target.skills.get(s.id) if target else None,
            "descriptor": s.descriptor(answers.ratings[s.id]),
        }
        for s in catalog.skills
        if s.id in answers.ratings
    ]
    top_gaps = []
    if advice.suggestion is not None:
        for gap in advice.suggestion.gaps[:5]:
            top_gaps.append(
                {
                    "skill": gap.skill.id,
                    "name": gap.skill.name,
                    "rating": gap.rating,
                    "required": gap.required,
                    "gap": gap.size,
                    "next_level": gap.skill.descriptor(min(5, max(1, gap.rating + 1))),
                    "growth": list(gap.skill.growth),
                }
            )
    current = advice.current
    # The role the advice points to: the next step, or the best lateral move at the top.
    pointed = target or (advice.lateral[0].readiness.role if advice.lateral else None)
    return {
        "schema_version": SCHEMA_VERSION,
        "id": new_id(now),
        "created": now.isoformat(),
        "name": answers.name,
        "rater": answers.rater,
        "evidence": {
            s.id: answers.evidence[s.id] for s in catalog.skills if s.id in answers.evidence
        },
        "role": current.id if current else None,
        "role_title": current.title if current else None,
        "ratings": dict(answers.ratings),
        "suggestion": _readiness_record(advice.suggestion) if advice.suggestion else None,
        "readiness": [_readiness_record(r) for r in advice.ranking],
        "profile": profile,
        "top_gaps": top_gaps,
        "formula": advisor.READINESS_FORMULA,
        "lateral": [_lateral_record(m) for m in advice.lateral],
        "strengths": [{"skill": s.id, "name": s.name, "rating": r} for s, r in advice.strengths],
        "target_pay": _pay_record(pointed.id, pointed.title, pointed.pay)
        if pointed is not None and pointed.pay is not None
        else None,
    }


def _lateral_record(move: Lateral) -> dict[str, Any]:
    return {**_readiness_record(move.readiness), "overlap": advisor.percent(move.overlap)}


def _pay_record(role: str, title: str, pay: PayRange) -> dict[str, Any]:
    """The published range of the role the advice points to, with where it comes from."""
    return {
        "role": role,
        "title": title,
        "low": number(pay.low),
        "high": number(pay.high),
        "mid": number(pay.mid),
        "currency": pay.currency,
        "period": pay.period,
        "basis": pay.basis,
        "region": pay.region,
        "source": pay.source,
        "year": pay.year,
    }


def _readiness_record(item: Readiness) -> dict[str, Any]:
    return {
        "role": item.role.id,
        "title": item.role.title,
        "readiness": item.percent,
        "band": item.band,
        "met": item.met,
        "required": item.required,
        "distance": item.distance,
        "pay_gain": number(item.pay_gain) if item.pay_gain is not None else None,
        "reason": advisor.reason(item),
        "held_back": item.held_back or None,
        "gaps": [
            {"skill": g.skill.id, "rating": g.rating, "required": g.required} for g in item.gaps
        ],
    }


def all_same(answers: Answers) -> bool:
    """Every skill rated the same: the result will say little."""
    return len(set(answers.ratings.values())) == 1 and len(answers.ratings) > 1
