"""Finding things by name: one index for roles, skills and locations. Pure: no I/O.

Names match in any case with runs of spaces folded. A miss suggests the closest names in
the form the user seems to have meant: the name that came closest is shown as it is
written in the data, so a misspelt title suggests a title, an alias an alias, an id an id.
"""

from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar

from csadvisor.errors import NotFoundError, escape_control
from csadvisor.models import Catalog, Location, Role, Skill

T = TypeVar("T")


MAX_NAME = 1000
"""No name in a catalogue is longer (titles are at most 200 characters): a longer one
is looked up without suggestions, which would compare it with every name."""


def shown(name: str, limit: int = 80) -> str:
    """A name the user gave, for a message: escaped for the terminal and shortened."""
    if len(name) > limit:
        name = name[: limit - 3] + "..."
    return escape_control(name)


def normalize(name: str) -> str:
    """How names are compared: case-insensitive, spaces folded."""
    return " ".join(name.casefold().split())


class NameIndex(Generic[T]):
    """Items by every name they answer to; the first item to claim a name keeps it."""

    def __init__(self, entries: Iterable[tuple[T, Iterable[str]]]) -> None:
        self.by_name: dict[str, tuple[T, str]] = {}
        self._word_index: dict[str, list[str]] | None = None
        for item, names in entries:
            for name in names:
                self.by_name.setdefault(normalize(name), (item, name))

    def find(self, name: str) -> T | None:
        hit = self.by_name.get(normalize(name))
        return hit[0] if hit is not None else None

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Close names for a name that matched nothing, as written, one per item.

        Whole names are compared with difflib; in a large catalogue only the names that
        share a close word with every word typed are compared, which keeps a miss fast.
        """
        import difflib

        if len(name) > MAX_NAME:
            return []
        key = normalize(name)
        if not key:
            return []
        names = list(self.by_name)
        hits = [n for n in names if key in n] if len(key) >= 3 else []
        words = self._words()
        vocabulary = list(words)
        per_part = [
            difflib.get_close_matches(part, vocabulary, n=limit * 2, cutoff=0.75)
            for part in _split_words(key)
        ]
        if len(names) > 2000:
            sets = [{n for w in close for n in words[w]} for close in per_part if close]
            shared = set.intersection(*sets) if sets else set()
            pool = [n for n in names if n in shared] if shared else []
        else:
            pool = names
        hits += difflib.get_close_matches(key, pool, n=limit * 3, cutoff=0.6)
        if len(hits) < limit:
            # A misspelt word ("managr") is close to one word of a long title.
            hits += [n for close in per_part for w in close for n in words[w]]
        out: list[str] = []
        seen: set[int] = set()  # items by identity: one suggestion each
        for hit in hits:
            item, written = self.by_name[hit]
            if id(item) not in seen:
                seen.add(id(item))
                out.append(written)
        return out[:limit]

    def _words(self) -> dict[str, list[str]]:
        """Each word of every name, and the names it is in (built on the first miss)."""
        if self._word_index is None:
            index: dict[str, list[str]] = {}
            for n in self.by_name:
                for word in _split_words(n):
                    index.setdefault(word, []).append(n)
            self._word_index = index
        return self._word_index


def _split_words(name: str) -> list[str]:
    return name.replace("-", " ").split()


def _did_you_mean(suggestions: list[str]) -> str:
    return "; did you mean " + " or ".join(f"'{escape_control(s)}'" for s in suggestions) + "?"


class RoleIndex(NameIndex[Role]):
    """Roles by id, title or alias."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__((r, (r.id, r.title, *r.aliases)) for r in catalog.roles)
        self.catalog = catalog

    def get(self, name: str) -> Role:
        """The role called ``name``, or NotFoundError with the closest names."""
        role = self.find(name)
        if role is None:
            raise NotFoundError(unknown_role_message(name, self.suggest(name)))
        return role


def unknown_role_message(name: str, suggestions: list[str]) -> str:
    msg = f"unknown role '{shown(name)}'"
    if suggestions:
        return msg + _did_you_mean(suggestions)
    return msg + "; run 'csadvisor roles' to list them"


class SkillIndex(NameIndex[Skill]):
    """Skills by id or name."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__((s, (s.id, s.name)) for s in catalog.skills)

    def get(self, name: str) -> Skill:
        skill = self.find(name)
        if skill is None:
            near = self.suggest(name)
            hint = _did_you_mean(near) if near else "; run csadvisor skills to list them"
            raise NotFoundError(f"unknown skill '{shown(name)}'{hint}")
        return skill


class LocationIndex(NameIndex[Location]):
    """Locations by name."""

    def __init__(self, places: Mapping[str, Location] | Iterable[Location]) -> None:
        items = places.values() if isinstance(places, Mapping) else places
        self.places = tuple(items)
        super().__init__((p, (p.name,)) for p in self.places)

    def get(self, name: str) -> Location:
        place = self.find(name)
        if place is None:
            near = self.suggest(name)
            known = "; known: " + ", ".join(escape_control(p.name) for p in self.places)
            hint = _did_you_mean(near) if near else known
            raise NotFoundError(f"unknown location '{shown(name)}'{hint}")
        return place
