"""The ``areas QUERY`` listing on the text of a validated areas.csv: every area whose name,
city, postal code or code contains the query, or what ``--location QUERY`` would match.

Parses only the lines that can match (``storage/areas.py``'s fast path, by the same
:class:`AreaIndex` rules). ``pay --location`` does not load it.
"""

from collections.abc import Iterable

from csadvisor.storage.areas import (
    AREA_COLUMNS,
    PUNCTUATION,
    Area,
    AreaIndex,
    PlaceName,
    normalize,
    plain_row,
    resolve_in_text,
    split_qualifier,
)
from csadvisor.storage.csvfile import split_line


def search_in_text(text: str, query: str = "", kind: str | None = None) -> tuple[Area, ...]:
    """:meth:`AreaIndex.search` on the text of a validated areas.csv, parsing few lines."""
    key, raw = normalize(query), query.strip()
    lines = text.split("\n")
    folded = text.casefold().translate(PUNCTUATION).split("\n")
    candidates = []
    for number, line in enumerate(lines[1:], start=1):
        if not line.strip():
            continue
        if key and len(folded) == len(lines) and key not in folded[number] and raw not in line:
            continue
        cells = split_line(line.rstrip("\r"))
        if cells is not None and len(cells) == len(AREA_COLUMNS):
            candidates.append(plain_row(cells))
    return AreaIndex(candidates).search(query, kind)


def lookup_in_text(
    text: str, query: str, kind: str | None = None, names: Iterable[PlaceName] = ()
) -> tuple[Area, ...]:
    """:meth:`AreaIndex.lookup` on the text of a validated areas.csv, parsing few lines."""
    if query.strip():
        found = resolve_in_text(text, query, names)
        hits: tuple[Area, ...]
        if found.area is not None and found.area.kind == "state":
            code = found.area.states[0] if found.area.states else ""
            inside = [
                a
                for a in search_in_text(text, code)
                if a.kind in ("metro", "nonmetro") and code in a.states
            ]
            hits = (found.area, *inside)
        else:
            hits = tuple(sorted(found.areas, key=lambda a: text.find(f"\n{a.code},")))
        hits = tuple(a for a in hits if kind is None or a.kind == kind)
        if hits:
            return hits
    return search_in_text(text, split_qualifier(query)[0], kind)
