"""What ``--location PLACE`` means: an organisation's own location, or a BLS area.

An organisation's ``locations.yaml`` (a pay factor per name) is asked first, so its own
names win; otherwise PLACE is matched against the BLS areas (``areas.resolve_in_text``).
An ambiguous PLACE lists its candidates on stderr and ends with one line saying how to
pick one (exit 1); an unknown one suggests the closest names (exit 1).
"""

import sys

from csadvisor.core.localpay import Place
from csadvisor.core.models import Location
from csadvisor.errors import NotFoundError, escape_control

__all__ = ["ORG_DEFINITION", "Location", "Place", "bls_place", "listing_place", "resolve"]
from csadvisor.storage.sources import LOCATIONS_FILE, DataSource

ORG_DEFINITION = "your organisation's locations.yaml (a pay factor)"
BLS_DEFINITION = "a BLS OEWS area"


def organisation_location(source: DataSource, asked: str) -> Location | None:
    """The organisation's own location called ``asked``, when its data defines one."""
    import os

    if source.bundled or not os.path.lexists(source.file(LOCATIONS_FILE)):
        return None  # a directory or unreadable file is still reported, by load_locations
    from csadvisor.core.lookup import LocationIndex
    from csadvisor.storage import catalog

    return LocationIndex(catalog.load_locations(source)).find(asked)


def _organisation_suggestions(source: DataSource, asked: str) -> list[str]:
    """The organisation's own names close to ``asked`` (they win over BLS names here too)."""
    import os

    if source.bundled or not os.path.lexists(source.file(LOCATIONS_FILE)):
        return []
    from csadvisor.core.lookup import LocationIndex
    from csadvisor.storage import catalog

    return LocationIndex(catalog.load_locations(source)).suggest(asked)


def bls_place(source: DataSource, asked: str) -> Place:
    """The BLS area ``asked`` names, with its state and the nation behind it."""
    from csadvisor.storage import bls as blsdata

    stats = blsdata.load(source)
    found = stats.resolve(asked)
    area = found.area
    if area is None:
        near = () if found.areas else tuple(_organisation_suggestions(source, asked))
        raise NotFoundError(_not_one(asked, found.areas, near or found.suggestions, bool(near)))
    if found.note:  # which area a name means, when that needs saying: stderr, even with --field
        from csadvisor.cli.app import error_line

        error_line(escape_control(found.note))
    chain = stats.chain(area)
    return Place(asked, area, found.matched_by, chain, stats.table(chain), stats.occupations)


def resolve(source: DataSource, asked: str) -> Location | Place:
    """``asked`` as the organisation defines it, else as a BLS area."""
    return organisation_location(source, asked) or bls_place(source, asked)


def _not_one(
    asked: str, candidates: tuple[object, ...], suggestions: tuple[str, ...], own: bool = False
) -> str:
    from csadvisor.storage.areas import normalize, quoted

    shown = escape_control(asked)
    if candidates:
        for area in candidates:
            code, name, kind = (getattr(area, k) for k in ("code", "name", "kind"))
            sys.stderr.write(f"  {code}  {escape_control(name)} ({kind})\n")
        first = candidates[0]
        name = str(getattr(first, "name", ""))
        names = [normalize(str(getattr(a, "name", ""))) for a in candidates]
        # never the failing input again: a name shared by several areas is picked by code
        if normalize(name) == normalize(asked) or names.count(normalize(name)) > 1:
            name = str(getattr(first, "code", ""))
        return (
            f"'{shown}' matches {len(candidates)} areas (listed above); pick one by its full "
            f"name or code, e.g. --location {quoted(escape_control(name))}"
        )
    if suggestions:
        near = " or ".join(quoted(escape_control(s)) for s in suggestions[:3])
        if own:  # the organisation's names, as before BLS areas existed here
            return f"unknown location '{shown}'; did you mean {near}?"
        return f"unknown location '{shown}'; did you mean {near}? ('csadvisor areas' lists them)"
    return f"unknown location '{shown}'; run 'csadvisor areas QUERY' to search the BLS areas"


def listing_place(source: DataSource, asked: str | None) -> Place | None:
    """For ``role``, ``roles`` and ``next``: the BLS area, or None (no PLACE, or the
    organisation's own location, which adjusts ``pay`` only: said on stderr)."""
    if asked is None:
        return None
    org = organisation_location(source, asked)
    if org is not None:
        from csadvisor.cli.app import error_line

        error_line(
            f"'{escape_control(asked)}' is your organisation's location ({ORG_DEFINITION}: "
            f"x{org.factor:g}, {escape_control(org.source)}, {org.year}); it adjusts "
            "'csadvisor pay' only, so no BLS figures are shown here"
        )
        return None
    return bls_place(source, asked)
