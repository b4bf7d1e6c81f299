"""Where ``pay`` reads BLS figures: several places side by side, a place per staff-file
row (``--location-column``), or an industry (``--industry``, national as BLS publishes it).
"""

from collections.abc import Mapping
from enum import Enum
from typing import TYPE_CHECKING

from csadvisor.cli.context import Application
from csadvisor.errors import NotFoundError, UsageError, escape_control

if TYPE_CHECKING:
    from csadvisor.core.listings import LocalPayRow
    from csadvisor.core.localpay import BlsLocation
    from csadvisor.core.models import Role
    from csadvisor.core.payrows import IndustryRow
    from csadvisor.core.paywide import WidePayBatch
    from csadvisor.storage.areas import Area
    from csadvisor.storage.industries import Industry, IndustryTable

__all__ = [
    "IndustryPlace",
    "RowPlaces",
    "bls_places",
    "check_wide",
    "industry_place",
    "wide_batch",
]


def check_wide(
    asked: list[str],
    field: Enum | None,
    adjust: float | None,
    industry: str | None,
    table_input: bool,
    salary: float | None,
    salary_column: str | None,
    location_column: str | None,
) -> None:
    """The options of issue 18 that cannot go together, refused before anything is read."""
    if asked and adjust is not None:
        raise UsageError("give --location or --adjust, not both")
    if industry is not None and (asked or location_column or adjust is not None):
        raise UsageError(
            "--industry reads BLS's national industry figures (BLS publishes them for the "
            "nation only): drop --location, --location-column and --adjust"
        )
    if field is not None and len(asked) > 1:
        raise UsageError("--field prints one number a name: give one --location, or use -f tsv")
    if (salary_column or location_column) and not table_input:
        raise UsageError("--salary-column and --location-column read a table: add - --column NAME")
    if location_column and len(asked) > 1:  # they were ignored: every row has one place
        raise UsageError(
            "--location-column gives each row its place: give at most one --location "
            "(the place of rows whose cell is empty)"
        )
    if salary is not None and salary_column:
        raise UsageError("give --salary or --salary-column, not both")
    if (salary is not None or salary_column) and adjust is not None:
        raise UsageError("--salary compares with BLS percentiles: drop --adjust")
    if (salary is not None or salary_column) and not (asked or location_column or industry):
        raise UsageError(
            "--salary and --salary-column compare with BLS percentiles: add --location PLACE "
            "(or --location-column, or --industry)"
        )


def wide_batch(
    run: Application,
    period: str,
    asked: list[str],
    kept: list[str],
    industry: str | None,
    location_column: str | None,
    salary: float | None,
    salary_column: str | None,
) -> tuple["WidePayBatch", bool, tuple[str, ...]]:
    """The batch for several places, a place per row, an industry or salaries; whether
    BLS figures are shown (always: a place, a place per row or an industry); the columns
    it adds."""
    from csadvisor.core.paycheck import CHECK_COLUMNS
    from csadvisor.core.payrows import IndustryRow
    from csadvisor.core.paywide import WidePayBatch
    from csadvisor.core.rows import columns

    places = bls_places(run, asked) if asked else []
    in_industry = industry_place(run, industry) if industry is not None else None
    by_row = RowPlaces(run, location_column) if location_column else None
    batch = WidePayBatch(
        run.catalog(),
        period,
        places,
        industry=in_industry,
        place_of=by_row.get if by_row is not None else None,
        place_column=location_column,
        default_place=asked[0] if len(asked) == 1 else None,
        salary=salary,
        salary_column=salary_column,
        kept=kept,
    )
    extra: tuple[str, ...] = ()
    if in_industry is not None:
        extra += columns(IndustryRow)
    if salary is not None or salary_column is not None:
        extra += CHECK_COLUMNS
    shown = bool(places) or in_industry is not None or by_row is not None
    return batch, shown, extra


def bls_places(run: Application, asked: list[str]) -> list["BlsLocation"]:
    """Several ``--location``: each a BLS area (an organisation's factor cannot be compared
    on one scale with BLS percentiles, so it is refused here)."""
    from csadvisor.cli import location as locations

    found: list[BlsLocation] = []
    for name in asked:
        if locations.organisation_location(run, name) is not None:
            raise UsageError(
                f"'{escape_control(name)}' is your organisation's location (a pay factor); "
                "several --location compare BLS areas only: give it alone"
            )
        found.append(locations.bls_location(run, name))
    return found


class RowPlaces:
    """``--location-column``: each distinct cell resolved once; a cell that names no single
    BLS area gives its one-line reason (the row's figures stay empty)."""

    __slots__ = ("_column", "_found", "_run")

    def __init__(self, run: Application, column: str) -> None:
        self._run = run
        self._column = column
        self._found: dict[str, BlsLocation | str] = {}

    def get(self, cell: str) -> "BlsLocation | str":
        found = self._found.get(cell)
        if found is None:
            from csadvisor.cli import location as locations

            try:
                found = locations.bls_location(self._run, cell, column=self._column)
            except NotFoundError as exc:
                found = str(exc)
                details = getattr(exc, "details", ())
                if details:  # an ambiguous cell: its areas on the same line
                    listed = "; ".join(" ".join(d.split()) for d in details)
                    found = found.replace("(listed above)", f"({listed})")
            self._found[cell] = found
        return found


def industry_place(run: Application, asked: str) -> "IndustryPlace":
    """``--industry NAME``: an :class:`IndustryPlace` (the nation, read from the industry's
    rows), or a one-line error naming the closest industries."""
    from csadvisor.storage import bls, industries
    from csadvisor.storage.areas import quoted

    table = industries.load(run.source)
    found = table.find(asked)
    if len(found) != 1:
        if found:
            listed = "; ".join(f"{i.naics} {i.title}" for i in found[:6])
            more = f" (and {len(found) - 6} more)" if len(found) > 6 else ""
            # The example: the shortest title that begins with what was typed ("insurance":
            # Insurance Carriers, not "Sector 52 - Finance and Insurance"), else the first.
            typed = asked.strip().casefold()
            pick = min(
                (
                    i
                    for i in found
                    if i.title.casefold().startswith(typed) and i.title.casefold() != typed
                ),
                key=lambda i: len(i.title),
                default=None,
            ) or next((i for i in found if i.title.casefold() != typed), found[0])
            raise NotFoundError(
                f"'{escape_control(asked)}' matches {len(found)} BLS industries: {listed}{more}; "
                f"pick one, e.g. --industry {quoted(pick.title)} "
                "('csadvisor industries' lists them)"
            )
        near = " or ".join(quoted(t) for t in table.suggest(asked))
        hint = (
            f"did you mean {near}? ('csadvisor industries' lists them)"
            if near
            else ("run 'csadvisor industries' to list them")
        )
        raise NotFoundError(f"unknown industry '{escape_control(asked)}'; {hint}")
    nation, titles = bls.national(run.source)  # not the whole extract: one line of it
    if nation is None:  # pragma: no cover - areas.csv is validated to hold the nation
        raise NotFoundError("areas.csv has no nation")
    return IndustryPlace(found[0], table, nation, titles)


class IndustryPlace:
    """An industry, nationally: builds a :class:`Place` per occupation from its row."""

    __slots__ = ("_nation", "_table", "_titles", "industry")

    def __init__(
        self,
        industry: "Industry",
        table: "IndustryTable",
        nation: "Area",
        titles: Mapping[str, str],
    ) -> None:
        self.industry = industry
        self._table = table
        self._nation = nation
        self._titles = titles

    def fields(self, role: "Role", period: str) -> tuple["LocalPayRow", "IndustryRow"]:
        """The local columns of ``role`` read from this industry, and the industry's."""
        from csadvisor.core.localpay import BlsLocation, local_fields
        from csadvisor.core.payrows import IndustryRow
        from csadvisor.core.wages import OewsTable, PlainRow

        row = self._table.get(self.industry.naics, role.soc) if role.soc else None
        rows: dict[str, tuple[PlainRow, ...]] = {
            self._nation.code: (tuple(row.wages),) if row else ()
        }
        where = BlsLocation(
            "US", self._nation, "industry", (self._nation,), OewsTable(rows), self._titles
        )
        local = local_fields(role, where, period)
        named = f"{self.industry.title} (NAICS {self.industry.naics})"
        if local.local_source:
            local = local.replace(
                local_source=f"{local.local_source}, industry: {named}, US national"
            )
        elif role.soc:
            local = local.replace(local_note=f"BLS publishes no figure for {role.soc} in {named}")
        labels = IndustryRow(
            industry=self.industry.title,
            naics=self.industry.naics,
            emp_prse=row.emp_prse if row else None,
            mean_prse=row.mean_prse if row else None,
        )
        return local, labels
