"""Every listing's columns, and the records of the listings not yet typed.

The typed rows (``core.listings``, ``core.localpay``) declare their fields once; their
column lists here are derived from them. :data:`COLUMNS` is the documented, stable order
of each command's TSV/CSV output (the README's column table is checked against it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from csadvisor.core.listings import LOCAL_COLUMNS as LOCAL_COLUMNS
from csadvisor.core.listings import NO_RANGE as NO_RANGE
from csadvisor.core.listings import PAY_COLUMNS as PAY_COLUMNS
from csadvisor.core.models import DEFAULT_RATER
from csadvisor.core.payrows import CheckRow, IndustryListRow, IndustryRow
from csadvisor.core.people import ME
from csadvisor.core.rolerows import (
    AreaRow,
    MedianChange,
    NextRow,
    OutlookRow,
    RoleDetailRow,
    RoleRow,
    RolesLocalRow,
    SkillRow,
    TrackRow,
)
from csadvisor.core.rows import Col, Parts, Record, Row, Value, columns
from csadvisor.core.teamrows import SKILL_IDS as SKILL_IDS
from csadvisor.core.teamrows import TEAM_ANONYMOUS_COLUMNS as TEAM_ANONYMOUS_COLUMNS
from csadvisor.core.teamrows import TEAM_CALIBRATION_COLUMNS as TEAM_CALIBRATION_COLUMNS
from csadvisor.core.teamrows import TEAM_COLUMNS as TEAM_COLUMNS
from csadvisor.core.teamrows import TEAM_NEXT_COLUMNS as TEAM_NEXT_COLUMNS
from csadvisor.core.teamrows import TEAM_TARGET_COLUMNS as TEAM_TARGET_COLUMNS

if TYPE_CHECKING:
    from csadvisor.core.result import Result, RoleReadiness
    from csadvisor.core.team import Notice
    from csadvisor.core.teamsheet import Sheet


class HistoryRow(Row):
    """``history``: one saved assessment."""

    id: Col[str] = Col("Id", "the assessment's id")
    created: Col[str] = Col("Date", "when it was taken")
    person: Col[str] = Col("Person", "who it is about: a name, or me (your own)")
    rater: Col[str] = Col("Rater", "who gave the ratings: self, manager or peer")
    role: Col[str | None] = Col("Role", "the role held then")
    suggestion: Col[str | None] = Col("Suggested", "the next role it suggested")
    readiness: Col[int | None] = Col("Readiness", "percent ready for it")
    band: Col[str | None] = Col("Band", "ready, close or stretch")

    @classmethod
    def of(cls, assessment_id: str, result: Result) -> HistoryRow:
        suggestion = result.suggestion
        return cls(
            id=assessment_id,
            created=result.created,
            person=result.name or ME,
            rater=result.rater or DEFAULT_RATER,
            role=result.role,
            suggestion=suggestion.role if suggestion else None,
            readiness=suggestion.readiness if suggestion else None,
            band=suggestion.band if suggestion else None,
        )


class DiffRow(Row):
    """``history diff``: one skill's rating in two assessments."""

    skill: Col[str] = Col("Id", "the skill's id")
    name: Col[str] = Col("Skill", "its name")
    before: Col[int | None] = Col("Before", "the older rating")
    after: Col[int | None] = Col("After", "the newer rating")
    change: Col[int | None] = Col("Change", "after - before")


class ReadinessRow(Row):
    """``assess -f tsv``: one role ranked by readiness (the gaps are in JSON only)."""

    role: Col[str] = Col("Id", "the role's id")
    title: Col[str] = Col("Role", "its title")
    readiness: Col[int] = Col("Readiness", "percent of the requirement met, weighted")
    band: Col[str] = Col("Band", "ready, close or stretch")
    met: Col[int] = Col("Met", "requirements met")
    required: Col[int] = Col("Required", "requirements in all")
    distance: Col[int] = Col("Distance", "levels short, summed")
    pay_gain: Col[float | None] = Col("Pay gain", "midpoint to midpoint, per year")
    reason: Col[str] = Col("Why", "the ranking in words")


class PathRow(Row):
    """``data path``: one data file and where it is read from."""

    file: Col[str] = Col("File", "the file's name")
    path: Col[str] = Col("Path", "where it is read from")
    source: Col[str] = Col("Source", "why there: option, environment or bundled")
    exists: Col[str] = Col("Exists", "yes or no")


ROLE_COLUMNS = columns(RoleRow)
ROLE_DETAIL_COLUMNS = columns(RoleDetailRow)
SKILL_COLUMNS = columns(SkillRow)
TRACK_COLUMNS = columns(TrackRow)
NEXT_COLUMNS = columns(NextRow)
AREA_COLUMNS = columns(AreaRow)


CHECK_COLUMNS = columns(CheckRow)
INDUSTRY_COLUMNS = columns(IndustryRow)
INDUSTRY_LIST_COLUMNS = columns(IndustryListRow)

HISTORY_COLUMNS = columns(HistoryRow)
DIFF_COLUMNS = columns(DiffRow)
PATH_COLUMNS = columns(PathRow)
READINESS_COLUMNS = columns(ReadinessRow)

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
    "pay --location --salary": PAY_COLUMNS + LOCAL_COLUMNS + CHECK_COLUMNS,
    "pay --industry": PAY_COLUMNS + LOCAL_COLUMNS + INDUSTRY_COLUMNS,
    "industries": INDUSTRY_LIST_COLUMNS,
    "roles --location": ROLE_COLUMNS + columns(RolesLocalRow),
    "role --location": ROLE_DETAIL_COLUMNS + LOCAL_COLUMNS + columns(OutlookRow),
    "next ROLE --location": NEXT_COLUMNS + columns(MedianChange),
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


def diff_records(
    before: Mapping[str, int], after: Mapping[str, int], names: Mapping[str, str]
) -> list[DiffRow]:
    """Each skill's rating in two assessments, in the order they first appear."""
    rows = []
    for sid in dict.fromkeys([*before, *after]):
        a, b = before.get(sid), after.get(sid)
        change = b - a if isinstance(a, int) and isinstance(b, int) else None
        rows.append(DiffRow(skill=sid, name=names.get(sid, sid), before=a, after=b, change=change))
    return rows


def diff_document(
    old: Result, new: Result, skills: list[DiffRow], unchanged: list[str]
) -> dict[str, Value]:
    """What ``history diff -f json`` prints: the two assessments, how the suggestion and each
    role's readiness changed, the skill rows shown and the ids of the skills that did not move."""

    def side(result: Result) -> dict[str, Value]:
        s = result.suggestion
        return {
            "id": result.id,
            "created": result.created,
            "date": result.created[:10],
            "role": result.role,
            "suggestion": s.role if s else None,
            "suggestion_title": s.title if s else None,
            "readiness": s.readiness if s else None,
            "band": s.band if s else None,
        }

    def by_role(result: Result) -> dict[str, RoleReadiness]:
        return {r.role: r for r in (*result.readiness, *result.lateral)}

    before, after = by_role(old), by_role(new)
    readiness = []
    for rid in dict.fromkeys([*after, *before]):
        a, b = before.get(rid), after.get(rid)
        was, now = (a.readiness if a else None), (b.readiness if b else None)
        either = b or a
        readiness.append(
            {
                "role": rid,
                "title": either.title if either else rid,
                "before": was,
                "after": now,
                "change": now - was if was is not None and now is not None else None,
                "band_before": a.band if a else None,
                "band_after": b.band if b else None,
            }
        )
    return {
        "old": side(old),
        "new": side(new),
        "readiness": readiness,
        "skills": [s.as_dict() for s in skills],
        "unchanged": unchanged,
    }


def readiness_records(result: Result) -> list[Record]:
    """An assessment's readiness ranking, without the per-skill gaps (they are in json).

    A saved result's other fields (``held_back``, which version-1 files lack) follow the
    declared ones, as the file has them."""
    out: list[Record] = []
    for item in result.readiness:
        row = ReadinessRow(**{name: getattr(item, name) for name in ReadinessRow.NAMES})
        rest = {
            k: getattr(item, k) for k in item.keys if k not in ReadinessRow.NAMES and k != "gaps"
        }
        out.append(Parts(row, rest) if rest else row)
    return out


def sheet_document(sheet: Sheet, notices: Sequence[Notice] = ()) -> dict[str, object]:
    """The team sheet as json prints it: the same content the terminal sheet draws, and
    the files' flags (a date in the future, a conflicting duplicate) said on stderr."""
    target = sheet.target
    return {
        "skills": [s._asdict() for s in sheet.skills],
        "people": [
            {**p._asdict(), "next": p.next._asdict() if p.next else None} for p in sheet.people
        ],
        "level": sheet.level,
        "min_holders": sheet.min_holders,
        "bench": sheet.bench,
        "single_points_of_failure": list(sheet.single_points),
        "train_first": {
            "role": target.id if target else None,
            "title": target.title if target else None,
            "why": sheet.target_why or None,
            "skills": [t._asdict() for t in sheet.train],
        },
        "mentoring": [m._asdict() for m in sheet.mentoring],
        "calibration_outliers": [o._asdict() for o in sheet.outliers],
        "flags": [{"flag": n.flag, "message": n.message} for n in notices],
    }
