"""The rows of the catalogue's other listings: roles, role, next, skills, track, areas,
and the local columns ``roles``/``role``/``next`` add with ``--location``.

A field named as a :class:`~csadvisor.core.models.Role` attribute is copied from the role
(``RoleRow.of``): a new role field shows in ``roles`` and ``role`` (JSON, TSV, CSV) by
being declared here, in the role model and in its file spec.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from csadvisor.core.listings import (
    BASIS,
    BLS_SCHEMA,
    CURRENCY,
    HIGH,
    ID,
    LEVEL,
    LOW,
    MID,
    NEXT,
    NOTE,
    PERIOD,
    REGION,
    SOURCE,
    TITLE,
    YEAR,
    range_fields,
)
from csadvisor.core.models import Catalog, Role, Skill
from csadvisor.core.rows import Col, Row, Value

if TYPE_CHECKING:
    from csadvisor.core.advisor import Step, TrackNode
    from csadvisor.core.wages import Area


def _copied(cls: type[Row], role: Role, **given: Value) -> dict[str, Value]:
    """The row's fields taken from the role and its range (lists as lists), then ``given``."""
    rng = range_fields(role.pay)
    out: dict[str, Value] = {}
    for name in cls.NAMES:
        if name in given:
            out[name] = given[name]
        elif name in rng:
            out[name] = rng[name]
        else:
            value = getattr(role, name)
            out[name] = list(value) if isinstance(value, tuple) else value
    return out


class RoleRow(Row):
    """``roles``: one role in the listing."""

    id = ID
    title = TITLE
    level = LEVEL
    low = LOW
    high = HIGH
    mid = MID
    currency = CURRENCY
    period = PERIOD
    next = NEXT
    note = NOTE
    basis = BASIS.json_only()
    region = REGION.json_only()
    source = SOURCE.json_only()
    year = YEAR.json_only()

    @classmethod
    def of(cls, role: Role) -> RoleRow:
        return cls(**_copied(cls, role))


class RoleDetailRow(Row):
    """``role``: one role in full."""

    id = ID
    title = TITLE
    level = LEVEL
    summary: Col[str] = Col("Summary", "what the role is")
    responsibilities: Col[list[str]] = Col("Responsibilities", "one line each")
    aliases: Col[list[str]] = Col("Aliases", "other names it is known by")
    next = NEXT
    skills: Col[Mapping[str, int]] = Col("Skills", "skill id -> level required")
    low = LOW
    high = HIGH
    mid = MID
    currency = CURRENCY
    period = PERIOD
    basis = BASIS
    region = REGION
    source = SOURCE
    year = YEAR
    note = NOTE
    soc: Col[str | None] = Col("SOC", "the BLS occupation the role reads").json_only()
    occupation: Col[str | None] = Col("Occupation", "its official title").json_only()

    @classmethod
    def of(cls, role: Role) -> RoleDetailRow:
        return cls(**_copied(cls, role, skills=dict(role.skills.items())))


class NextRow(Row):
    """``next ROLE``: one step up, its pay change at the midpoint and the skills it asks."""

    from_: Col[str] = Col("From", "the current role's id", key="from")
    role: Col[str] = Col("Id", "the next role's id")
    title = TITLE
    level = LEVEL
    pay_change: Col[int | None] = Col("Pay change", "midpoint to midpoint, per year")
    currency = CURRENCY
    note: Col[str | None] = Col("Note", "why there is no pay change")
    skill_changes: Col[str] = Col("Skill changes", "skills new or higher: 'id a->b'")
    skills: Col[list[dict[str, str | int | None]]] = Col("", "the same, as records").json_only()
    overlap: Col[int] = Col("Overlap", "percent of its requirements already met")

    @classmethod
    def of(cls, current: Role, step: Step) -> NextRow:
        """One step up from ``current``: the skill overlap is the percent of the next
        role's requirements ``current``'s levels meet."""
        from csadvisor.core.advisor import overlap, percent

        compared = step.pay_change is not None
        return cls(
            from_=current.id,
            role=step.role.id,
            title=step.role.title,
            level=step.role.level,
            pay_change=None if step.pay_change is None else round(step.pay_change),
            currency=current.pay.currency if compared and current.pay else None,
            note=None if compared else "no published range to compare",
            skill_changes=", ".join(
                f"{s.id} {a}->{b}" if a else f"{s.id} new {b}" for s, a, b in step.raised
            ),
            skills=[{"skill": s.id, "from": a or None, "to": b} for s, a, b in step.raised],
            overlap=percent(overlap(current, step.role)),
        )


class SkillRow(Row):
    """``skills`` and ``skill``: one skill, its levels and the roles that ask for it."""

    id: Col[str] = Col("Id", "the skill's id")
    name: Col[str] = Col("Skill", "its name")
    category: Col[str] = Col("Category", "soft, technical or working")
    description: Col[str] = Col("Description", "what it is")
    levels: Col[list[str]] = Col("Levels", "what each level 1-5 looks like").json_only()
    growth: Col[list[str]] = Col("Growth", "ways to grow it").json_only()
    required_by: Col[dict[str, int]] = Col("Required by", "role id -> level required")

    @classmethod
    def of(cls, skill: Skill, catalog: Catalog) -> SkillRow:
        from csadvisor.core.advisor import skill_usage

        return cls(
            id=skill.id,
            name=skill.name,
            category=skill.category,
            description=skill.description,
            levels=list(skill.levels),
            growth=list(skill.growth),
            required_by={r.id: lvl for r, lvl in skill_usage(catalog, skill)},
        )


class TrackRow(Row):
    """``track``: one role in the career tree, under its parent."""

    depth: Col[int] = Col("Depth", "steps from the root of the walk")
    id = ID
    title = TITLE
    level = LEVEL
    parent: Col[str | None] = Col("Parent", "the role it grows from")
    low = LOW
    high = HIGH
    currency = CURRENCY
    period = PERIOD
    note = NOTE

    @classmethod
    def of(cls, node: TrackNode) -> TrackRow:
        pay = range_fields(node.role.pay)
        return cls(
            depth=node.depth,
            id=node.role.id,
            title=node.role.title,
            level=node.role.level,
            parent=node.parent.id if node.parent else None,
            **{name: pay[name] for name in ("low", "high", "currency", "period", "note")},
        )


class AreaRow(Row):
    """``areas``: one BLS area, its codes (7-digit, and as BLS's workbooks print it)."""

    code: Col[str] = Col("Code", "the 7-digit BLS area code")
    short_code: Col[str] = Col("Short", "as BLS's workbooks print it")
    name: Col[str] = Col("Area", "its name")
    kind: Col[str] = Col("Kind", "nation, state, metro or nonmetro")
    states: Col[list[str]] = Col("States", "the states it lies in")
    cities: Col[list[str]] = Col("Cities", "its principal cities")
    parent: Col[str | None] = Col("Parent", "the area it falls back to")

    @classmethod
    def of(cls, area: Area) -> AreaRow:
        return cls(
            code=area.code,
            short_code=area.short_code,
            name=area.name,
            kind=area.kind,
            states=list(area.states),
            cities=list(area.cities),
            parent=area.parent or None,
        )


class MedianChange(Row):
    """``next ROLE --location``: the change between two roles' local medians."""

    area: Col[str | None] = Col("Area", "where the figures are from")
    median_from: Col[float | None] = Col("From", "the current role's local median")
    median_to: Col[float | None] = Col("To", "the next role's local median")
    median_change: Col[float | None] = Col("Median to median", "their difference")
    median_basis: Col[str] = Col("Basis", "median-to-median, source, release")
    local_note: Col[str | None] = Col("Note", "nearest level used, same occupation")
    schema_version = BLS_SCHEMA


class OutlookRow(Row):
    """``role --location``: BLS Employment Projections for the role's occupation."""

    outlook_change_percent: Col[float | None] = Col("Change", "employment change, percent")
    outlook_openings_per_year: Col[float | None] = Col("Openings", "openings a year")
    entry_education: Col[str | None] = Col("Entry education", "typical for entry")
    outlook_source: Col[str | None] = Col("Source", "BLS Employment Projections, period")


class RolesLocalRow(Row):
    """``roles --location``: the local yearly median and where it is from."""

    area: Col[str | None] = Col("Area", "where the figure is from")
    soc: Col[str | None] = Col("SOC", "the occupation the role reads")
    local_median: Col[float | None] = Col("Local median", "yearly, BLS OEWS")
    local_source: Col[str | None] = Col("Source", "BLS OEWS, release, basis")
    local_note: Col[str | None] = Col("Note", "nearest level used, or why none")
    schema_version = BLS_SCHEMA
