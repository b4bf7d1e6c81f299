"""Answers in, result out: the one validator and the one scorer both quiz paths share."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from csadvisor import advisor
from csadvisor.advisor import Answers, Readiness
from csadvisor.catalog import MAX_FILE_BYTES, Parsed, decode, line_of, parse_yaml, read_text
from csadvisor.errors import DataError, Problem
from csadvisor.models import Catalog

SCHEMA_VERSION = 1


def read_answers_file(path: str) -> tuple[Parsed, str]:
    """Parse an answers file (YAML or JSON; ``-`` is stdin)."""
    if path == "-":
        label = "<stdin>"
        stream = getattr(sys.stdin, "buffer", None)
        raw = stream.read(MAX_FILE_BYTES + 1) if stream is not None else sys.stdin.read().encode()
        if not raw.strip():
            raise DataError([Problem(label, None, "", "no answers on stdin")])
        return parse_yaml(decode(raw, label), label), label
    return parse_yaml(read_text(Path(path), path), path), path


def validate_answers(
    parsed: Parsed, label: str, catalog: Catalog, missing: int | None = None
) -> Answers:
    """Check answers against the catalogue: every skill rated 1-5, no unknown skills.

    Skills left out are an error listing them, unless ``missing`` gives them a level.
    An unknown role is a NotFoundError (exit 1), the rest DataError (exit 3).
    """
    from csadvisor.schema import ANSWERS_FILE, INVALID, Checker

    checker = Checker()
    doc = ANSWERS_FILE.check(parsed.value, "", checker)
    problems = [Problem(label, line_of(parsed.lines, p), p, m) for p, m in checker.problems]
    ratings: dict[str, int] = {}
    if doc is not INVALID:
        for sid in doc["skills"]:
            if sid not in catalog.skill_by_id:
                problems.append(
                    Problem(
                        label,
                        line_of(parsed.lines, f"skills.{sid}"),
                        f"skills.{sid}",
                        f"unknown skill '{sid}'; run 'csadvisor skills' to list them",
                    )
                )
        left_out = [s.id for s in catalog.skills if s.id not in doc["skills"]]
        if left_out and missing is None:
            problems.append(
                Problem(
                    label,
                    line_of(parsed.lines, "skills"),
                    "skills",
                    f"{len(left_out)} skill(s) not rated: {', '.join(left_out)} "
                    "(rate them, or pass --missing LEVEL)",
                )
            )
        ratings = {s.id: doc["skills"].get(s.id, missing or 0) for s in catalog.skills}
    if problems:
        raise DataError(problems)
    role_id = None
    if doc.get("role"):
        role_id = advisor.RoleIndex(catalog).get(doc["role"]).id
    return Answers(role_id, ratings)


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
    return {
        "schema_version": SCHEMA_VERSION,
        "id": new_id(now),
        "created": now.isoformat(),
        "role": current.id if current else None,
        "role_title": current.title if current else None,
        "ratings": dict(answers.ratings),
        "suggestion": _readiness_record(advice.suggestion) if advice.suggestion else None,
        "readiness": [_readiness_record(r) for r in advice.ranking],
        "profile": profile,
        "top_gaps": top_gaps,
        "formula": advisor.READINESS_FORMULA,
    }


def _readiness_record(item: Readiness) -> dict[str, Any]:
    from csadvisor.records import number

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
        "gaps": [
            {"skill": g.skill.id, "rating": g.rating, "required": g.required} for g in item.gaps
        ],
    }


def all_same(answers: Answers) -> bool:
    """Every skill rated the same: the result will say little."""
    return len(set(answers.ratings.values())) == 1 and len(answers.ratings) > 1
