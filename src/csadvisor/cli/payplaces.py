"""Where ``pay`` reads BLS figures: several places side by side, a place per staff-file
row (``--location-column``), or an industry (``--industry``, national as BLS publishes it).
"""

from collections.abc import Mapping
from typing import Any

from csadvisor.cli.records import INDUSTRY_COLUMNS
from csadvisor.core.localpay import Place
from csadvisor.errors import NotFoundError, UsageError, escape_control
from csadvisor.storage.sources import DataSource

__all__ = ["INDUSTRY_COLUMNS", "IndustryPlace", "RowPlaces", "bls_places", "industry_place"]


def bls_places(source: DataSource, asked: list[str]) -> list[Place]:
    """Several ``--location``: each a BLS area (an organisation's factor cannot be compared
    on one scale with BLS percentiles, so it is refused here)."""
    from csadvisor.cli import location as place

    found: list[Place] = []
    for name in asked:
        own = place.organisation_location(source, name)
        if own is not None:
            raise UsageError(
                f"'{escape_control(name)}' is your organisation's location (a pay factor); "
                "several --location compare BLS areas only: give it alone"
            )
        found.append(place.bls_place(source, name))
    return found


class RowPlaces:
    """``--location-column``: each distinct cell resolved once; a cell that names no single
    BLS area gives its one-line reason (the row's figures stay empty)."""

    __slots__ = ("_found", "_source")

    def __init__(self, source: DataSource) -> None:
        self._source = source
        self._found: dict[str, Place | str] = {}

    def get(self, cell: str) -> Place | str:
        found = self._found.get(cell)
        if found is None:
            from csadvisor.cli import location as place

            try:
                found = place.bls_place(self._source, cell)
            except NotFoundError as exc:
                found = str(exc)
            self._found[cell] = found
        return found


def industry_place(source: DataSource, asked: str, soc_titles: Mapping[str, str]) -> Any:
    """``--industry NAME``: an :class:`IndustryPlace` (the nation, read from the industry's
    rows), or a one-line error naming the closest industries."""
    from csadvisor.storage import bls as blsdata
    from csadvisor.storage import industries
    from csadvisor.storage.areas import NATION, area_by_code, quoted

    table = industries.load(source)
    found = table.find(asked)
    if len(found) != 1:
        if found:
            listed = "; ".join(f"{i.naics} {i.title}" for i in found[:6])
            more = f" (and {len(found) - 6} more)" if len(found) > 6 else ""
            pick = next(
                (i for i in found if i.title.casefold() != asked.strip().casefold()), found[0]
            )
            raise NotFoundError(
                f"'{escape_control(asked)}' matches {len(found)} BLS industries: {listed}{more}; "
                f"pick one, e.g. --industry {quoted(pick.title)} "
                "('csadvisor industries' lists them)"
            )
        near = " or ".join(quoted(t) for t in table.suggest(asked))
        hint = f"did you mean {near}? " if near else ""
        raise NotFoundError(
            f"unknown industry '{escape_control(asked)}'; {hint}('csadvisor industries' lists them)"
        )
    stats = blsdata.load(source)
    nation = area_by_code(stats.texts[_areas_file()], NATION)
    if nation is None:  # pragma: no cover - areas.csv is validated to hold the nation
        raise NotFoundError("areas.csv has no nation")
    return IndustryPlace(found[0], table, nation, soc_titles or stats.occupations)


def _areas_file() -> str:
    from csadvisor.storage.areas import AREAS_FILE

    return AREAS_FILE


class IndustryPlace:
    """An industry, nationally: builds a :class:`Place` per occupation from its row."""

    __slots__ = ("_nation", "_table", "_titles", "industry")

    def __init__(self, industry: Any, table: Any, nation: Any, titles: Mapping[str, str]) -> None:
        self.industry = industry
        self._table = table
        self._nation = nation
        self._titles = titles

    def fields(self, role: Any, period: str) -> dict[str, Any]:
        """The local columns of ``role`` read from this industry, and the industry columns."""
        from csadvisor.core.localpay import local_fields
        from csadvisor.storage.oews import OewsTable

        row = self._table.get(self.industry.naics, role.soc) if role.soc else None
        rows: dict[str, Any] = {self._nation.code: (tuple(row.wages),) if row else ()}
        place = Place(
            "US", self._nation, "industry", (self._nation,), OewsTable(rows), self._titles
        )
        record = local_fields(role, place, period)
        if record["local_source"]:
            record["local_source"] += (
                f", industry: {self.industry.title} (NAICS {self.industry.naics}), US national"
            )
        elif role.soc:
            record["local_note"] = (
                f"BLS publishes no figure for {role.soc} in {self.industry.title} "
                f"(NAICS {self.industry.naics})"
            )
        record.update(
            industry=self.industry.title,
            naics=self.industry.naics,
            emp_prse=row.emp_prse if row else None,
            mean_prse=row.mean_prse if row else None,
        )
        return record
