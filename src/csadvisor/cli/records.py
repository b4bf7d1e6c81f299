"""Plain records (dicts of numbers, text and lists) for every listing, and their columns.

These are what JSON carries and what TSV/CSV flatten; the column lists are the documented,
stable order of TSV/CSV output (the README's column table is checked against
:data:`COLUMNS`). Adding a column to a listing is an edit here: its list and its record.
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from csadvisor.core.models import Catalog, PayRange, Role, Skill, amount

if TYPE_CHECKING:
    from csadvisor.core.advisor import Step, TrackNode
    from csadvisor.storage.areas import Area

NO_RANGE = "no published range"
UNKNOWN_ROLE = "unknown role"
BLANK_NAME = "no name on this line"

PAY_COLUMNS = (
    "role", "title", "low", "high", "mid", "currency", "period", "derived",
    "basis", "region", "source", "year", "adjusted_by", "factor", "note",
    "query", "line", "suggestion",
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
HISTORY_COLUMNS = (
    "id", "created", "person", "rater", "role", "suggestion", "readiness", "band",
)  # fmt: skip
DIFF_COLUMNS = ("skill", "name", "before", "after", "change")
NEXT_COLUMNS = (
    "from", "role", "title", "level", "pay_change", "currency", "note", "skill_changes",
    "overlap",
)  # fmt: skip
READINESS_COLUMNS = (
    "role", "title", "readiness", "band", "met", "required", "distance", "pay_gain", "reason",
)  # fmt: skip
PATH_COLUMNS = ("file", "path", "source", "exists")
AREA_COLUMNS = ("code", "short_code", "name", "kind", "states", "cities", "parent")

# With --location PLACE (a BLS area), these come after the columns above: a script
# written against the columns without a location keeps working unchanged.
LOCAL_COLUMNS = (
    "location", "area_code", "area", "area_kind", "soc", "occupation", "local_period",
    "local_derived", "p10", "p25", "median", "p75", "p90", "mean", "employment",
    "local_basis", "local_source", "not_published", "local_note",
)  # fmt: skip
OUTLOOK_COLUMNS = (
    "outlook_change_percent", "outlook_openings_per_year", "entry_education", "outlook_source",
)  # fmt: skip
ROLES_LOCAL_COLUMNS = ("area", "soc", "local_median", "local_source", "local_note")
NEXT_LOCAL_COLUMNS = (
    "area", "median_from", "median_to", "median_change", "median_basis", "local_note",
)  # fmt: skip
SKILL_IDS = "SKILL..."  # in a column list: one column per skill id, in catalogue order
TEAM_COLUMNS = ("kind", "person", "rater", "created", "role", SKILL_IDS, "evidence")
TEAM_TARGET_COLUMNS = (
    "kind", "skill", "required", "meet", "below", "total_gap",
    "person", "rater", "readiness", "band", "met", "requirements",
)  # fmt: skip
TEAM_NEXT_COLUMNS = (
    "person", "rater", "role", "suggestion", "title", "readiness", "band", "reason",
)  # fmt: skip
TEAM_CALIBRATION_COLUMNS = (
    "person", "skill", "self", "manager", "difference", "flag",
    "self_created", "manager_created", "self_evidence", "manager_evidence",
)  # fmt: skip
TEAM_ANONYMOUS_COLUMNS = ("view", "group", "people", "measure", "count")

# The columns of each command's TSV/CSV output, as the README's table names the commands.
COLUMNS = {
    "pay": PAY_COLUMNS,
    "roles": ROLE_COLUMNS,
    "role": ROLE_DETAIL_COLUMNS,
    "skills": SKILL_COLUMNS,
    "track": TRACK_COLUMNS,
    "history": HISTORY_COLUMNS,
    "history diff": DIFF_COLUMNS,
    "next ROLE": NEXT_COLUMNS,
    "assess -f tsv": READINESS_COLUMNS,
    "data path": PATH_COLUMNS,
    "areas": AREA_COLUMNS,
    "pay --location": PAY_COLUMNS + LOCAL_COLUMNS,
    "roles --location": ROLE_COLUMNS + ROLES_LOCAL_COLUMNS,
    "role --location": ROLE_DETAIL_COLUMNS + LOCAL_COLUMNS + OUTLOOK_COLUMNS,
    "next ROLE --location": NEXT_COLUMNS + NEXT_LOCAL_COLUMNS,
    "team": TEAM_COLUMNS,
    "team --target ROLE": TEAM_TARGET_COLUMNS,
    "team --view next": TEAM_NEXT_COLUMNS,
    "team --view calibration": TEAM_CALIBRATION_COLUMNS,
    "team --anonymous": TEAM_ANONYMOUS_COLUMNS,
}


def expand(columns: tuple[str, ...], skill_ids: list[str]) -> tuple[str, ...]:
    """A column list with :data:`SKILL_IDS` spelt out as the catalogue's skill ids."""
    out: list[str] = []
    for c in columns:
        out += skill_ids if c == SKILL_IDS else [c]
    return tuple(out)


def pay_fields(pay: PayRange | None) -> dict[str, Any]:
    if pay is None:
        return {
            "low": None, "high": None, "mid": None, "currency": None, "period": None,
            "derived": False, "basis": None, "region": None, "source": None, "year": None,
            "adjusted_by": None, "factor": None, "note": NO_RANGE,
        }  # fmt: skip
    return {
        "low": amount(pay.low, pay.period),
        "high": amount(pay.high, pay.period),
        "mid": amount(pay.mid, pay.period),
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


def unanswered_record(note: str) -> dict[str, Any]:
    """A pay record for a line that names no role: every field empty but the note."""
    return {"role": None, "title": None, **pay_fields(None), "derived": None, "note": note}


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
        "soc": role.soc,
        "occupation": role.occupation,
    }


def skill_record(skill: Skill, catalog: Catalog) -> dict[str, Any]:
    from csadvisor.core.advisor import skill_usage

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


def next_record(current: Role, step: "Step") -> dict[str, Any]:
    """One step up from ``current``: pay change at the midpoint, skills new or higher, and the
    skill overlap (percent of the next role's requirements ``current``'s levels meet)."""
    from csadvisor.core.advisor import overlap, percent

    compared = step.pay_change is not None
    return {
        "from": current.id,
        "role": step.role.id,
        "title": step.role.title,
        "level": step.role.level,
        "pay_change": None if step.pay_change is None else round(step.pay_change),
        "currency": current.pay.currency if compared and current.pay else None,
        "note": None if compared else "no published range to compare",
        "skill_changes": ", ".join(
            f"{s.id} {a}->{b}" if a else f"{s.id} new {b}" for s, a, b in step.raised
        ),
        "skills": [{"skill": s.id, "from": a or None, "to": b} for s, a, b in step.raised],
        "overlap": percent(overlap(current, step.role)),
    }


def history_record(assessment_id: str, result: Mapping[str, Any]) -> dict[str, Any]:
    """One saved assessment in the history list."""
    suggestion = result.get("suggestion") or {}
    return {
        "id": assessment_id,
        "created": result["created"],
        "person": result.get("name") or "me",
        "rater": result.get("rater") or "self",
        "role": result.get("role"),
        "suggestion": suggestion.get("role"),
        "readiness": suggestion.get("readiness"),
        "band": suggestion.get("band"),
    }


def diff_records(
    before: Mapping[str, int], after: Mapping[str, int], names: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Each skill's rating in two assessments, in the order they first appear."""
    rows = []
    for sid in dict.fromkeys([*before, *after]):
        a, b = before.get(sid), after.get(sid)
        change = b - a if isinstance(a, int) and isinstance(b, int) else None
        rows.append(
            {"skill": sid, "name": names.get(sid, sid), "before": a, "after": b, "change": change}
        )
    return rows


def diff_document(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    skills: list[dict[str, Any]],
    unchanged: list[str],
) -> dict[str, Any]:
    """What ``history diff -f json`` prints: the two assessments, how the suggestion and each
    role's readiness changed, the skill rows shown and the ids of the skills that did not move."""

    def side(result: Mapping[str, Any]) -> dict[str, Any]:
        suggestion = result.get("suggestion") or {}
        return {
            "id": result["id"],
            "created": result["created"],
            "date": str(result["created"])[:10],
            "role": result.get("role"),
            "suggestion": suggestion.get("role"),
            "suggestion_title": suggestion.get("title"),
            "readiness": suggestion.get("readiness"),
            "band": suggestion.get("band"),
        }

    def by_role(result: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
        return {r["role"]: r for r in [*result["readiness"], *(result.get("lateral") or [])]}

    before, after = by_role(old), by_role(new)
    readiness = []
    for rid in dict.fromkeys([*after, *before]):
        a, b = before.get(rid), after.get(rid)
        was, now = (a or {}).get("readiness"), (b or {}).get("readiness")
        readiness.append(
            {
                "role": rid,
                "title": (b or a or {}).get("title", rid),
                "before": was,
                "after": now,
                "change": now - was if was is not None and now is not None else None,
                "band_before": (a or {}).get("band"),
                "band_after": (b or {}).get("band"),
            }
        )
    return {
        "old": side(old),
        "new": side(new),
        "readiness": readiness,
        "skills": skills,
        "unchanged": unchanged,
    }


def readiness_records(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """An assessment's readiness ranking, without the per-skill gaps (they are in json)."""
    return [{k: v for k, v in r.items() if k != "gaps"} for r in result["readiness"]]


def area_record(area: "Area") -> dict[str, Any]:
    """One BLS area: its codes (7-digit, and as BLS's workbooks print it), name, kind."""
    return {
        "code": area.code,
        "short_code": area.short_code,
        "name": area.name,
        "kind": area.kind,
        "states": list(area.states),
        "cities": list(area.cities),
        "parent": area.parent or None,
    }


def sheet_document(sheet: Any) -> dict[str, Any]:
    """The team sheet as json prints it: the same content the terminal sheet draws."""
    from dataclasses import asdict

    target = sheet.target
    return {
        "skills": [asdict(s) for s in sheet.skills],
        "people": [asdict(p) for p in sheet.people],
        "level": sheet.level,
        "min_holders": sheet.min_holders,
        "bench": sheet.bench,
        "single_points_of_failure": list(sheet.single_points),
        "train_first": {
            "role": target.id if target else None,
            "title": target.title if target else None,
            "why": sheet.target_why or None,
            "skills": [asdict(t) for t in sheet.train],
        },
        "mentoring": [asdict(m) for m in sheet.mentoring],
        "calibration_outliers": [asdict(o) for o in sheet.outliers],
    }
