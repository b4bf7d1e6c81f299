"""Plain records (dicts of numbers, text and lists) for every listing, and their columns.

These are what JSON carries and what TSV/CSV flatten; the column lists are the documented,
stable order of TSV/CSV output.
"""

from typing import TYPE_CHECKING, Any

from csadvisor.models import Catalog, PayRange, Role, Skill

if TYPE_CHECKING:
    from csadvisor.advisor import TrackNode

NO_RANGE = "no published range"

PAY_COLUMNS = (
    "role", "title", "low", "high", "mid", "currency", "period", "derived",
    "basis", "region", "source", "year", "adjusted_by", "factor", "note",
)  # fmt: skip
ROLE_COLUMNS = (
    "id", "title", "level", "low", "high", "mid", "currency", "period", "next", "note",
)  # fmt: skip
ROLE_DETAIL_COLUMNS = (
    "id", "title", "level", "summary", "responsibilities", "aliases", "next", "skills",
    "low", "high", "mid", "currency", "period", "basis", "region", "source", "year", "note",
)  # fmt: skip
SKILL_COLUMNS = ("id", "name", "category", "description", "required_by")
TRACK_COLUMNS = (
    "depth", "id", "title", "level", "parent", "low", "high", "currency", "period", "note",
)  # fmt: skip


def number(value: float) -> int | float:
    """Whole numbers stay whole; derived figures keep two decimals."""
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def pay_fields(pay: PayRange | None) -> dict[str, Any]:
    if pay is None:
        return {
            "low": None, "high": None, "mid": None, "currency": None, "period": None,
            "derived": False, "basis": None, "region": None, "source": None, "year": None,
            "adjusted_by": None, "factor": None, "note": NO_RANGE,
        }  # fmt: skip
    return {
        "low": number(pay.low),
        "high": number(pay.high),
        "mid": number(pay.mid),
        "currency": pay.currency,
        "period": pay.period,
        "derived": pay.derived,
        "basis": pay.basis,
        "region": pay.region,
        "source": pay.source,
        "year": pay.year,
        "adjusted_by": pay.adjusted_by,
        "factor": pay.factor,
        "note": None,
    }


def pay_record(role: Role, pay: PayRange | None) -> dict[str, Any]:
    return {"role": role.id, "title": role.title, **pay_fields(pay)}


def role_record(role: Role) -> dict[str, Any]:
    pay = pay_fields(role.pay)
    return {
        "id": role.id,
        "title": role.title,
        "level": role.level,
        **{k: pay[k] for k in ("low", "high", "mid", "currency", "period")},
        "next": list(role.next),
        "note": pay["note"],
        **{k: pay[k] for k in ("basis", "region", "source", "year")},
    }


def role_detail_record(role: Role, catalog: Catalog) -> dict[str, Any]:
    pay = pay_fields(role.pay)
    return {
        "id": role.id,
        "title": role.title,
        "level": role.level,
        "summary": role.summary,
        "responsibilities": list(role.responsibilities),
        "aliases": list(role.aliases),
        "next": list(role.next),
        "skills": dict(role.skills.items()),
        **{k: pay[k] for k in ROLE_DETAIL_COLUMNS[8:]},
    }


def skill_record(skill: Skill, catalog: Catalog) -> dict[str, Any]:
    from csadvisor.advisor import skill_usage

    return {
        "id": skill.id,
        "name": skill.name,
        "category": skill.category,
        "description": skill.description,
        "levels": list(skill.levels),
        "growth": list(skill.growth),
        "required_by": {r.id: lvl for r, lvl in skill_usage(catalog, skill)},
    }


def track_record(node: "TrackNode") -> dict[str, Any]:
    pay = pay_fields(node.role.pay)
    return {
        "depth": node.depth,
        "id": node.role.id,
        "title": node.role.title,
        "level": node.role.level,
        "parent": node.parent.id if node.parent else None,
        "low": pay["low"],
        "high": pay["high"],
        "currency": pay["currency"],
        "period": pay["period"],
        "note": pay["note"],
    }
