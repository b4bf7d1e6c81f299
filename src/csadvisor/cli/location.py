"""What ``--location NAME`` means: an organisation's own location, or a BLS area.

An organisation's ``locations.yaml`` (a pay factor per name) is asked first, so its own
names win; otherwise NAME is matched against the BLS areas (``areas.resolve_in_text``).
An ambiguous NAME is an error listing its candidate areas and saying how to pick one
(exit 1); an unknown one suggests the closest names (exit 1). Nothing here writes to
stderr: errors carry their lines, notices go through the application context.
"""

from csadvisor.cli.context import Application
from csadvisor.core.localpay import BlsLocation
from csadvisor.core.models import Location
from csadvisor.errors import NotFoundError, escape_control

__all__ = [
    "ORG_DEFINITION",
    "BlsLocation",
    "Location",
    "bls_location",
    "listing_location",
    "resolve",
]

ORG_DEFINITION = "your organisation's locations.yaml (a pay factor)"
BLS_DEFINITION = "a BLS OEWS area"


def _has_own_locations(run: Application) -> bool:
    import os

    from csadvisor.storage.sources import LOCATIONS_FILE

    source = run.source
    # A directory or unreadable file is still reported, by load_locations.
    return not source.bundled and os.path.lexists(source.file(LOCATIONS_FILE))


def organisation_location(run: Application, asked: str) -> Location | None:
    """The organisation's own location called ``asked``, when its data defines one."""
    if not _has_own_locations(run):
        return None
    from csadvisor.core.lookup import LocationIndex

    return LocationIndex(run.locations()).find(asked)


def _organisation_suggestions(run: Application, asked: str) -> list[str]:
    """The organisation's own names close to ``asked`` (they win over BLS names here too)."""
    if not _has_own_locations(run):
        return []
    from csadvisor.core.lookup import LocationIndex

    return LocationIndex(run.locations()).suggest(asked)


def bls_location(run: Application, asked: str, *, column: str | None = None) -> BlsLocation:
    """The BLS area ``asked`` names, with its state and the nation behind it. ``column``:
    ``asked`` is a cell of that column of a staff file (a note names the cell, and how to
    ask is to write a name there, not --location)."""
    stats = run.statistics()
    found = stats.resolve(asked)
    area = found.area
    if area is None:
        near = () if found.areas else tuple(_organisation_suggestions(run, asked))
        raise _not_one(asked, found.areas, near or found.suggestions, bool(near))
    if found.note:  # which area a name means, when that needs saying: even with --field
        note = found.note
        if column is not None:
            note = f"{column} '{asked}': " + note.replace(" use --location ", " write ")
        run.warn(escape_control(note))
    chain = stats.chain(area)
    return BlsLocation(asked, area, found.matched_by, chain, stats.table(chain), stats.occupations)


def resolve(run: Application, asked: str) -> Location | BlsLocation:
    """``asked`` as the organisation defines it, else as a BLS area."""
    return organisation_location(run, asked) or bls_location(run, asked)


def _not_one(
    asked: str, candidates: tuple[object, ...], suggestions: tuple[str, ...], own: bool = False
) -> NotFoundError:
    from csadvisor.storage.areas import normalize, quoted

    shown = escape_control(asked)
    if candidates:
        first = candidates[0]
        name = str(getattr(first, "name", ""))
        names = [normalize(str(getattr(a, "name", ""))) for a in candidates]
        # never the failing input again: a name shared by several areas is picked by code
        if normalize(name) == normalize(asked) or names.count(normalize(name)) > 1:
            name = str(getattr(first, "code", ""))
        error = NotFoundError(
            f"'{shown}' matches {len(candidates)} areas (listed above); pick one by its full "
            f"name or code, e.g. --location {quoted(escape_control(name))}"
        )
        error.details = tuple(
            "  {}  {} ({})".format(
                *(escape_control(str(getattr(area, k))) for k in ("code", "name", "kind"))
            )
            for area in candidates
        )
        return error
    if is_zip(asked):  # a 5-digit BLS area code was found before this
        return NotFoundError(f"unknown location '{shown}': {NO_ZIP}")
    if suggestions:
        near = " or ".join(quoted(escape_control(s)) for s in suggestions[:3])
        if own:  # the organisation's names, as before BLS areas existed here
            return NotFoundError(f"unknown location '{shown}'; did you mean {near}?")
        return NotFoundError(
            f"unknown location '{shown}'; did you mean {near}? ('csadvisor areas' lists them)"
        )
    return NotFoundError(
        f"unknown location '{shown}'; run 'csadvisor areas QUERY' to search the BLS areas"
    )


NO_ZIP = "csadvisor has no ZIP-code-to-area table; give the city or the state (e.g. Boise, ID)"


def is_zip(asked: str) -> bool:
    """A US ZIP code (``83702`` or ``83702-1234``), which no BLS area is named by."""
    text = asked.strip()
    return (len(text) == 5 and text.isascii() and text.isdigit()) or (
        len(text) == 10 and text[5] == "-" and (text[:5] + text[6:]).isdigit() and text.isascii()
    )


def listing_location(run: Application, asked: str | None) -> BlsLocation | None:
    """For ``role``, ``roles`` and ``next``: the BLS area, or None (no location asked, or
    the organisation's own, which adjusts ``pay`` only: said in a notice)."""
    if asked is None:
        return None
    org = organisation_location(run, asked)
    if org is not None:
        run.warn(
            f"'{escape_control(asked)}' is your organisation's location ({ORG_DEFINITION}: "
            f"x{org.factor:g}, {escape_control(org.source)}, {org.year}); it adjusts "
            "'csadvisor pay' only, so no BLS figures are shown here"
        )
        return None
    return bls_location(run, asked)
