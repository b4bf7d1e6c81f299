"""The areas BLS publishes wages for, and how the location a user asks for finds one.

``areas.csv`` lists the nation, the states (with DC, Puerto Rico, Guam and the Virgin
Islands), 393 metropolitan and 135 nonmetropolitan areas. A PLACE matches,
case-insensitively and ignoring punctuation: a BLS area code (``0019100``, or ``19100``
as the workbooks print it), ``US``, a postal code (``TX``), an area's name (``Texas``,
``Dallas-Fort Worth-Arlington, TX``), a principal city of a metro area (``Dallas``), or
a city with its state (``Springfield, IL``). When a name fits several areas, all of them
come back: the caller lists them rather than picking one, except that an area's exact
name always wins (``New York`` is the state; the metro is named too, in ``note``). A
trailing ``(state)``, ``(metro)``, ``(nonmetro)`` or ``(nation)``, as the listing prints
it, keeps only areas of that kind. Common names (``NYC``, ``Bay Area``, ``Boise``) come
from ``place_names.csv``, each mapped to one BLS area, with a note where the choice needs
saying (``LA`` is Louisiana).
"""

from collections.abc import Iterable

from csadvisor.core.wages import Area as Area
from csadvisor.core.wages import PlainArea
from csadvisor.errors import Problem
from csadvisor.plain import Plain
from csadvisor.storage.csvfile import read_rows, split_line

AREAS_FILE = "areas.csv"
AREA_COLUMNS = ("area_code", "name", "kind", "states", "cities", "parent")
PLACE_NAMES_FILE = "place_names.csv"
PLACE_NAME_COLUMNS = ("name", "area_code", "note")
KINDS = ("nation", "state", "metro", "nonmetro")
NATION = "0000000"
NATION_NAMES = (
    "us",
    "usa",
    "u s",
    "u s a",
    "united states",
    "united states of america",
    "national",
    "nation",
)


class Resolution(Plain):
    """What an asked location matched: one area, several (ambiguous), or none (with suggestions)."""

    asked: str
    areas: tuple[Area, ...]
    matched_by: str  # "code", "postal code", "name", "city", "common name", or ""
    suggestions: tuple[str, ...] = ()
    note: str = ""  # what was chosen and how to ask for the other, when that needs saying

    @property
    def area(self) -> Area | None:
        """The area, when exactly one matched."""
        return self.areas[0] if len(self.areas) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.areas) > 1


def _is_digits(text: str, length: int) -> bool:
    return len(text) == length and text.isascii() and text.isdigit()


def parse_areas(text: str, label: str = AREAS_FILE) -> tuple[tuple[PlainArea, ...], list[Problem]]:
    """Every area, validated, as plain tuples (``Area(*row)``), in file order."""
    rows, problems = read_rows(text, label, AREA_COLUMNS)
    areas: list[PlainArea] = []
    lines: dict[str, int] = {}
    for line, (code, name, kind, states, cities, parent) in rows:
        start = len(problems)
        if not _is_digits(code, 7):
            problems.append(Problem(label, line, "area_code", f"{code!r} is not a 7-digit code"))
        elif code in lines:
            problems.append(Problem(label, line, "area_code", f"{code} given twice"))
        if not name.strip() or name != name.strip():
            message = "is empty" if not name.strip() else "has spaces at either end"
            problems.append(Problem(label, line, "name", message))
        if kind not in KINDS:
            message = f"{kind!r} is not one of {', '.join(KINDS)}"
            problems.append(Problem(label, line, "kind", message))
        state_codes = tuple(states.split(";")) if states else ()
        for state in state_codes:
            if not (len(state) == 2 and state.isascii() and state.isupper()):
                message = f"{state!r} is not a postal code (TX)"
                problems.append(Problem(label, line, "states", message))
        city_names = tuple(cities.split(";")) if cities else ()
        if any(not city.strip() for city in city_names):
            problems.append(Problem(label, line, "cities", "an empty city name"))
        if (kind == "nation") != (parent == ""):
            message = "the nation has no parent" if kind == "nation" else "is empty"
            problems.append(Problem(label, line, "parent", message))
        if len(problems) == start:
            lines[code] = line
            areas.append((code, name, kind, state_codes, city_names, parent))
    kinds = {row[0]: row[2] for row in areas}
    for code, _name, _kind, _states, _cities, parent in areas:
        if parent and kinds.get(parent) not in ("nation", "state"):
            message = f"{parent} is not a state or the nation in this file"
            problems.append(Problem(label, lines[code], "parent", message))
    if not problems and sum(1 for kind in kinds.values() if kind == "nation") != 1:
        problems.append(Problem(label, None, "", "expected exactly one area of kind 'nation'"))
    return tuple(areas), problems


PlaceName = tuple[str, str, str]
"""A common name, the BLS area code it means, and a note (may be empty)."""


def parse_place_names(
    text: str, label: str = PLACE_NAMES_FILE, *, areas: Iterable[str] | None = None
) -> tuple[tuple[PlaceName, ...], list[Problem]]:
    """Common names people type for a place, each mapped to one area code."""
    rows, problems = read_rows(text, label, PLACE_NAME_COLUMNS)
    known = set(areas) if areas is not None else None
    found: list[PlaceName] = []
    keys: set[str] = set()
    for line, (name, code, note) in rows:
        key = normalize(name)
        if not key or name != name.strip():
            problems.append(Problem(label, line, "name", "is empty or has spaces at either end"))
        elif key in keys:
            problems.append(Problem(label, line, "name", f"{name!r} given twice"))
        elif not _is_digits(code, 7) or (known is not None and code not in known):
            problems.append(Problem(label, line, "area_code", f"{code!r} is not an area here"))
        else:
            keys.add(key)
            found.append((name, code, note.strip()))
    return tuple(found), problems


def split_qualifier(place: str) -> tuple[str, str | None]:
    """``'New York (state)'`` -> ``('New York', 'state')``, as ``areas`` lists a place."""
    text = place.strip()
    if text.endswith(")") and " (" in text:
        head, _, kind = text[:-1].rpartition(" (")
        if kind.strip().casefold() in KINDS and head.strip():
            return head.strip(), kind.strip().casefold()
    return text, None


def quoted(text: str) -> str:
    """``text`` as one shell word, always in quotes: safe to paste after an option."""
    import shlex

    word = shlex.quote(text)
    return word if word.startswith("'") else f"'{word}'"


PUNCTUATION = str.maketrans(dict.fromkeys("-/,.'()\u2019\u2013\u2014", " "))


def normalize(text: str) -> str:
    """Fold case, punctuation and spacing, and read "Saint" as "St": the matching key."""
    words = text.casefold().translate(PUNCTUATION).split()
    return " ".join("st" if word == "saint" else word for word in words)


class AreaIndex:
    """Areas by every name a user might type; built once per process (about 1 ms)."""

    __slots__ = ("_aliases", "_by_code", "_cities", "_exact", "_names", "areas")

    def __init__(self, rows: Iterable[PlainArea], names: Iterable[PlaceName] = ()) -> None:
        self.areas = tuple(Area(*row) for row in rows)
        self._by_code: dict[str, Area] = {}
        self._names: dict[str, list[Area]] = {}
        self._cities: dict[str, list[Area]] = {}
        self._exact: dict[str, list[Area]] = {}
        self._aliases = {normalize(name): (code, note) for name, code, note in names}
        for area in self.areas:
            self._add(self._exact, normalize(area.name), area)
            self._by_code[area.code] = area
            if area.kind in ("metro", "state"):
                self._by_code.setdefault(area.short_code, area)
            self._add(self._names, normalize(area.name), area)
            if area.kind == "state":
                self._add(self._names, area.states[0].casefold(), area)
            elif area.kind == "metro":
                city = normalize(area.name.rsplit(", ", 1)[0])
                self._add(self._names, city, area)
                for city in area.cities:
                    key = normalize(city)
                    self._add(self._cities, key, area)
                    for state in area.states:
                        self._add(self._names, f"{key} {state.casefold()}", area)
            elif area.kind == "nation":
                for name in NATION_NAMES:
                    self._add(self._names, name, area)
        # A common name for a metro area with its state, as people write a city
        # ("Boise, ID": BLS's area is "Boise City, ID"); never over a name BLS has.
        for alias, (code, _) in self._aliases.items():
            metro = self._by_code.get(code)
            if metro is not None and metro.kind == "metro":
                for state in metro.states:
                    self._names.setdefault(f"{alias} {state.casefold()}", [metro])

    @staticmethod
    def _add(index: dict[str, list[Area]], key: str, area: Area) -> None:
        found = index.setdefault(key, [])
        if area not in found:
            found.append(area)

    def get(self, code: str) -> Area | None:
        """The area with this BLS code (7-digit, or the workbooks' short form)."""
        return self._by_code.get(code)

    def chain(self, area: Area) -> tuple[Area, ...]:
        """The area, then its state, then the nation: where to look when a figure is missing."""
        found = [area]
        while found[-1].parent and len(found) < 4:
            parent = self._by_code.get(found[-1].parent)
            if parent is None:
                break
            found.append(parent)
        return tuple(found)

    def resolve(self, place: str) -> Resolution:
        """Find the area(s) ``place`` names; see the module docstring for what matches."""
        text, kind = split_qualifier(place)
        if text.isascii() and text.isdigit():
            area = self._by_code.get(text)
            if area is not None and kind in (None, area.kind):
                return Resolution(place, (area,), "code")
            return Resolution(place, (), "")
        key = normalize(text)

        def fits(found: Iterable[Area]) -> list[Area]:
            return [a for a in found if kind is None or a.kind == kind]

        names = fits(self._names.get(key, []))
        cities = [a for a in fits(self._cities.get(key, [])) if a not in names]
        exact = fits(self._exact.get(key, []))
        if len(exact) == 1:
            others = [a for a in names + cities if a != exact[0]]
            note = ""
            if others:
                other = others[0]
                ask = other.name if normalize(other.name) != key else other.code
                note = (
                    f"'{text}' is the exact name of {exact[0].name} ({exact[0].kind}); "
                    f"for {other.name} ({other.kind}) use --location {quoted(ask)}"
                )
            return Resolution(place, (exact[0],), "name", (), note)
        alias = self._aliases.get(key)
        if alias is not None and not exact:
            area = self._by_code.get(alias[0])
            if area is not None and kind in (None, area.kind):
                return Resolution(place, (area,), "common name", (), alias[1])
        if names or cities:
            how = "name"
            if not names:
                how = "city"
            elif len(key) == 2 and names[0].kind == "state":
                how = "postal code"
            return Resolution(place, tuple(names + cities), how)
        return Resolution(place, (), "", self.suggest(key))

    def suggest(self, key: str, limit: int = 5) -> tuple[str, ...]:
        """Area names close to an unknown location (by name or by city), best first."""
        import difflib  # only when a location is unknown

        keys = list(self._names) + list(self._cities)
        close = difflib.get_close_matches(key, keys, n=limit * 2, cutoff=0.75)
        names: list[str] = []
        for match in close:
            for area in self._names.get(match, []) + self._cities.get(match, []):
                if area.name not in names:
                    names.append(area.name)
        return tuple(names[:limit])

    def in_state(self, state: Area) -> tuple[Area, ...]:
        """A state and every metro and nonmetro area in it (a metro over several states is
        listed under each)."""
        code = state.states[0] if state.states else ""
        inside = [a for a in self.areas if a.kind in ("metro", "nonmetro") and code in a.states]
        return (state, *inside)

    def lookup(self, query: str, kind: str | None = None) -> tuple[Area, ...]:
        """``areas QUERY``: what ``--location QUERY`` would match (a state with its metro
        and nonmetro areas), else every area whose name, city or code contains it."""
        if query.strip():
            found = self.resolve(query)
            if found.area is not None and found.area.kind == "state":
                hits = self.in_state(found.area)
            else:  # in the file's order, as a search lists them
                order = {area.code: i for i, area in enumerate(self.areas)}
                hits = tuple(sorted(found.areas, key=lambda a: order.get(a.code, 0)))
            hits = tuple(a for a in hits if kind is None or a.kind == kind)
            if hits:
                return hits
        return self.search(split_qualifier(query)[0], kind)

    def search(self, query: str = "", kind: str | None = None) -> tuple[Area, ...]:
        """Areas whose name, city, postal code or code contains ``query`` (all when empty)."""
        key = normalize(query)
        found = []
        for area in self.areas:
            if kind is not None and area.kind != kind:
                continue
            if not key or self._contains(area, key, query.strip()):
                found.append(area)
        return tuple(found)

    @staticmethod
    def _contains(area: Area, key: str, raw: str) -> bool:
        if raw and (area.code == raw or area.short_code == raw):
            return True
        if key in normalize(area.name) or any(key in normalize(city) for city in area.cities):
            return True
        return len(key) == 2 and key in (state.casefold() for state in area.states)


# --------------------------------------------------------------------------- fast path
#
# A command that needs one area (``pay csr --location Dallas``) should not parse and index
# 583 areas at every start (about 5 ms). These functions read only the lines of an already
# validated areas.csv that can match: a code is found by its line prefix, a name by
# looking for its longest word, then the few candidate lines go through the same
# AreaIndex rules as the full index, so both give the same answer.


def plain_row(cells: list[str]) -> PlainArea:
    code, name, kind, states, cities, parent = cells
    state_codes = tuple(states.split(";")) if states else ()
    return (code, name, kind, state_codes, tuple(cities.split(";")) if cities else (), parent)


def _line_with_code(text: str, code: str) -> PlainArea | None:
    start = text.find("\n" + code + ",")
    if start < 0:
        return None
    end = text.find("\n", start + 1)
    cells = split_line(text[start + 1 : end if end >= 0 else len(text)].rstrip("\r"))
    return plain_row(cells) if cells is not None and len(cells) == len(AREA_COLUMNS) else None


def area_by_code(text: str, code: str) -> Area | None:
    """The area with this code (7-digit, or ``19100`` / ``48`` as the workbooks print it)."""
    code = code.strip()
    if not (code.isascii() and code.isdigit()):
        return None
    full = {7: code, 5: "00" + code, 2: code + "00000"}.get(len(code))
    row = _line_with_code(text, full) if full else None
    if row is None or (len(code) == 5 and row[2] != "metro"):
        return None
    if len(code) == 2 and row[2] != "state":
        return None
    return Area(*row)


def chain_in_text(text: str, area: Area) -> tuple[Area, ...]:
    """The area, its state, the nation: :meth:`AreaIndex.chain` without the index."""
    found = [area]
    while found[-1].parent and len(found) < 4:
        parent = area_by_code(text, found[-1].parent)
        if parent is None:
            break
        found.append(parent)
    return tuple(found)


def resolve_in_text(text: str, place: str, names: Iterable[PlaceName] = ()) -> Resolution:
    """:meth:`AreaIndex.resolve` on the text of a validated areas.csv, reading few lines."""
    names = tuple(names)
    stripped, kind = split_qualifier(place)
    if stripped.isascii() and stripped.isdigit():
        area = area_by_code(text, stripped)
        if area is not None and kind in (None, area.kind):
            return Resolution(place, (area,), "code")
        return Resolution(place, (), "")
    key = normalize(stripped)
    if key in NATION_NAMES and kind in (None, "nation"):
        nation = area_by_code(text, NATION)
        return Resolution(place, (nation,) if nation else (), "name" if nation else "")
    words = key.split()
    probe = max(words, key=len) if words else ""
    if probe in ("", "st"):
        rows, _ = parse_areas(text)
        return AreaIndex(rows, names).resolve(place)
    folded = text.casefold().translate(PUNCTUATION).split("\n")
    lines = text.split("\n")
    candidates = []
    if len(folded) == len(lines):
        for number, line in enumerate(folded[1:], start=1):
            if probe in line:
                cells = split_line(lines[number].rstrip("\r"))
                if cells is not None and len(cells) == len(AREA_COLUMNS):
                    candidates.append(plain_row(cells))
    alias = next((code for name, code, _ in names if normalize(name) == key), None)
    if alias is not None:
        row = _line_with_code(text, alias)
        if row is not None and row not in candidates:
            candidates.append(row)
    found = AreaIndex(candidates, names).resolve(place)
    if found.areas:
        return found
    rows, _ = parse_areas(text)  # unknown: suggestions need every name
    return AreaIndex(rows, names).resolve(place)
