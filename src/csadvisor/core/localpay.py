"""Local pay from BLS OEWS for a role, as plain records: pure (no I/O, no printing).

A role reads the figures of its occupation (``role.soc``) in a :class:`BlsLocation`: the area
the user named, with its state and the nation behind it. When the area publishes no
median for the occupation, the nearest level that does (the state, then the nation) is
used *and said*: ``area`` names the area the figures are for, ``location`` the one asked,
and ``local_note`` says why they differ. Nothing is ever silently substituted.

Every record carries its labels (source, basis, area, period) as fields, so JSON, TSV and
the terminal say the same thing. A percentile is a percentile, never a range's low/high.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from csadvisor.core.listings import LocalPayRow
from csadvisor.core.models import MONTHS_PER_YEAR, Role, amount, number
from csadvisor.core.wages import BASIS, MEASURES, SOURCE, Area, Figure, OewsTable, Projection, Wages
from csadvisor.plain import Plain

if TYPE_CHECKING:  # built only by the commands that print them (pay needs none)
    from csadvisor.core.result import LocalPay
    from csadvisor.core.rolerows import MedianChange, OutlookRow, RolesLocalRow

SCHEMA_VERSION = 2
"""Carried as ``schema_version`` by every JSON record with local (BLS) figures; records
without it are the version-1 shape, unchanged (TSV/CSV show only their columns)."""
CHANGE_BASIS = (
    "median-to-median: the difference between the two occupations' local medians "
    "(computed by csadvisor), not a raise anyone is promised"
)
NO_OCCUPATION = "no occupation mapped: no published figure"


class BlsLocation(Plain):
    """A location resolved to a BLS area: where local figures are looked up (the area, its
    fallback chain, their rows). An organisation's own location is a ``models.Location``."""

    asked: str  # what the user typed
    area: Area
    matched_by: str  # "code", "postal code", "name", "city"
    chain: tuple[Area, ...]  # the area, its state, the nation
    table: OewsTable
    titles: Mapping[str, str]  # soc -> official title


class Found(Plain):
    """An occupation's figures in the nearest area that publishes them (or why none)."""

    wages: Wages | None
    area: Area | None
    note: str


def find(role: Role, where: BlsLocation) -> Found:
    """The role's occupation in ``where``, or the nearest level with a published median."""
    if role.soc is None:
        return Found(None, None, NO_OCCUPATION)
    codes = [a.code for a in where.chain]
    wages = where.table.nearest(role.soc, codes, "a_median")
    if wages is None:
        return Found(None, None, f"BLS publishes no figure for {role.soc} in {where.area.name}")
    used = next(a for a in where.chain if a.code == wages.area_code)
    if used.code == where.area.code:
        return Found(wages, used, "")
    here = where.table.get(where.area.code, role.soc)
    why = "no row" if here is None else here.figure("a_median").text()
    note = (
        f"no published median for {role.soc} in {where.area.name} (BLS: {why}); "
        f"showing {used.name}, the nearest level with one"
    )
    return Found(wages, used, note)


def _value(figure: Figure, period: str) -> float | None:
    if figure.value is None:
        return None
    if period == "month":
        return amount(figure.value / MONTHS_PER_YEAR, "month")  # two decimals, like pay's
    return amount(figure.value, "hour") if period == "hour" else figure.value


def _unpublished(figure: Figure, period: str) -> str:
    """Why a cell is empty, from BLS's own footnote on it."""
    if figure.top_coded and figure.at_least is not None:
        at_least = figure.at_least / MONTHS_PER_YEAR if period == "month" else figure.at_least
        return f"at least {number(at_least)} (top-coded)"
    if figure.annual_only:
        return "annual figures only (BLS footnote 4: not paid by the hour year-round)"
    return "not released"


def statistics() -> tuple[tuple[str, str, bool], ...]:
    """The BLS statistics a local row carries: (field, stat, is a wage per year or hour)."""
    return tuple(
        (c.name, c.stat, "a_" + c.stat in MEASURES)
        for c in LocalPayRow.FIELDS
        if c.stat is not None
    )


def local_fields(role: Role, where: BlsLocation, period: str = "year") -> LocalPayRow:
    """The local columns of one role: percentiles, mean, employment, labels.

    ``hour`` reads BLS's own hourly figures; ``month`` is the yearly figure / 12, marked
    derived. Suppressed and top-coded cells are empty numbers with the reason in
    ``not_published`` (``{"p90": "at least 239200 (top-coded)"}``).
    """
    found = find(role, where)
    stats = statistics()
    values: dict[str, float | None] = dict.fromkeys(name for name, _, _ in stats)
    missing: dict[str, str] = {}
    wages = found.wages
    prefix = "h_" if period == "hour" else "a_"
    for name, stat, wage in stats if wages is not None else ():
        assert wages is not None
        figure = wages.figure(prefix + stat if wage else stat)
        values[name] = _value(figure, period) if wage else figure.value
        if figure.value is None:
            missing[name] = _unpublished(figure, period)
    return LocalPayRow(
        location=where.asked,
        area_code=found.area.code if found.area else None,
        area=found.area.name if found.area else None,
        area_kind=found.area.kind if found.area else None,
        soc=role.soc,
        occupation=where.titles.get(role.soc or "", role.occupation),
        local_period=period,
        local_derived=period == "month",
        local_basis=BASIS if wages else None,
        local_source=f"{SOURCE} {wages.period}" if wages else None,
        not_published=missing,
        local_note=found.note or None,
        schema_version=SCHEMA_VERSION,
        **values,
    )


SAME_OCCUPATION = "same BLS occupation \u2014 no local figure for this step"


def same_occupation_note(soc: str, found: Found) -> str:
    """What the data can say about a step inside one occupation: its 75th percentile
    against its median, labelled (everyone in the occupation, not the step's pay)."""
    note = f"{SAME_OCCUPATION} ({soc})"
    wages = found.wages
    if wages is None:
        return note
    p75, p50 = wages.figure("a_pct75").value, wages.figure("a_median").value
    if p75 is None or p50 is None:
        return note
    return f"{note}; its 75th percentile {p75:.0f} vs median {p50:.0f} a year (all workers)"


def median(role: Role, where: BlsLocation) -> tuple[float | None, Found]:
    """The role's local yearly median and where it comes from."""
    found = find(role, where)
    value = found.wages.figure("a_median").value if found.wages else None
    return value, found


def median_change(current: Role, target: Role, where: BlsLocation) -> MedianChange:
    """The pay change from ``current`` to ``target`` as the difference of local medians.

    For the assessment summary and ``next``: labelled median-to-median, never a raise.
    Same occupation, same median: the change is 0 and the note says why.
    """
    from csadvisor.core.rolerows import MedianChange

    here, found_here = median(current, where)
    there, found_there = median(target, where)
    notes = [n for n in (found_here.note, found_there.note) if n]
    change = None if here is None or there is None else number(there - here)
    if current.soc is not None and current.soc == target.soc:
        change = None  # one occupation's median twice is no figure for the step
        notes.append(same_occupation_note(current.soc, found_there))
    return MedianChange(
        area=next((f.area.name for f in (found_there, found_here) if f.area), None),
        median_from=here,
        median_to=there,
        median_change=change,
        median_basis=f"{CHANGE_BASIS}; {SOURCE} {_period(found_here, found_there)}, yearly",
        local_note="; ".join(dict.fromkeys(notes)) or None,
        schema_version=SCHEMA_VERSION,
    )


def summary_pay(current: Role | None, target: Role, where: BlsLocation) -> LocalPay:
    """The local pay an assessment summary shows for the role it points to.

    Someone in a role gets the change between the two roles' local medians (labelled
    median-to-median, never a raise); a newcomer the target's local p25, median and p75.
    ``area`` is where the target's figures are from; when it is not ``asked_area`` (no
    published median there) ``note`` says which nearest level was used, and why.
    """
    from csadvisor.core.result import LocalPay

    spread = local_fields(target, where)
    found = [find(target, where)]
    change = None
    if current is not None:
        change = median_change(current, target, where)
        found.append(find(current, where))
    return LocalPay(
        location=where.asked,
        asked_area=where.area.name,
        area=change.area if change else spread.area,
        current_role=current.id if current else None,
        target_role=target.id,
        median_from=change.median_from if change else None,
        median_to=spread.median,
        median_change=change.median_change if change else None,
        p25=spread.p25,
        p75=spread.p75,
        source=f"{SOURCE} {_period(*found)}" if any(f.wages for f in found) else None,
        basis=BASIS,
        change_basis=CHANGE_BASIS if change else None,
        note=change.local_note if change else spread.local_note,
    )


def _period(*found: Found) -> str:
    periods = sorted({f.wages.period for f in found if f.wages is not None})
    return ", ".join(periods) or "(no figure)"


def outlook_fields(projection: Projection | None) -> OutlookRow:
    """BLS Employment Projections for the role's occupation (national), or empty."""
    from csadvisor.core.rolerows import OutlookRow

    if projection is None:
        return OutlookRow(
            outlook_change_percent=None,
            outlook_openings_per_year=None,
            entry_education=None,
            outlook_source=None,
        )
    return OutlookRow(
        outlook_change_percent=projection.change_percent,
        outlook_openings_per_year=number(projection.openings_per_year * 1000),
        entry_education=projection.entry_education,
        outlook_source=f"BLS Employment Projections {projection.period}, US national",
    )


def roles_fields(role: Role, where: BlsLocation) -> RolesLocalRow:
    """The ``roles --location`` columns: the local yearly median and where it is from."""
    from csadvisor.core.rolerows import RolesLocalRow

    value, found = median(role, where)
    return RolesLocalRow(
        area=found.area.name if found.area else None,
        soc=role.soc,
        local_median=value,
        local_source=f"{SOURCE} {found.wages.period}, {BASIS}" if found.wages else None,
        local_note=found.note or None,
        schema_version=SCHEMA_VERSION,
    )
