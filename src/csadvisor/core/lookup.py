"""Finding things by name: one index for roles, skills and locations. Pure: no I/O.

Names match in any case with runs of spaces folded; failing that, they match ignoring
accents and punctuation, in singular or plural, with the common variants of
:mod:`csadvisor.core.variants` (centre/center, rep/representative, CS/customer service). A
name exactly as written in the data always wins over a looser match. A miss suggests the
closest names in the form the user seems to have meant: the name that came closest is
shown as it is written in the data, so a misspelt title suggests a title, an alias an
alias, an id an id.
"""

from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar

from csadvisor.core.models import Catalog, Location, Role, Skill
from csadvisor.core.variants import (
    KEEP_FINAL_S,
    LEVEL_SUFFIXES,
    MANAGER_WORDS,
    PHRASE_VARIANTS,
    WORD_VARIANTS,
)
from csadvisor.errors import NotFoundError, escape_control

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
    """How names are compared first (and kept unique in data): case-insensitive, spaces folded."""
    return " ".join(name.casefold().split())


# Punctuation becomes a space: "customer-service", "customer service" and "cust. service"
# are the same words. Letters, digits and spaces are kept.
_PUNCTUATION = {c: " " for c in range(128) if not chr(c).isalnum() and chr(c) != " "}


def _strip_accents(name: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.endswith("s") or word in KEEP_FINAL_S:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ss"):
        return word
    return word[:-1]


def loose_key(name: str) -> str:
    """How names are compared when the exact name misses: no accents, punctuation, plurals
    or variant spellings (see :mod:`csadvisor.core.variants`)."""
    folded = name.casefold()
    if not folded.isascii():
        folded = _strip_accents(folded)
    forms = _WORD_FORMS
    words = []
    raw = folded.translate(_PUNCTUATION).split()
    if len(raw) > 1 and raw[-1] in LEVEL_SUFFIXES:  # "CSR II" is the CSR's job
        raw.pop()
    if len(raw) > 1:
        text = f" {' '.join(raw)} "
        for phrase, meaning in PHRASE_VARIANTS.items():
            text = text.replace(f" {phrase} ", f" {meaning} ")
        raw = text.split()
    for word in raw:
        form = forms.get(word)
        if form is None:
            single = _singular(word)
            form = WORD_VARIANTS.get(word) or WORD_VARIANTS.get(single) or single
            if len(forms) < 100_000:
                forms[word] = form
        words.append(form)
    return " ".join(words)


# Each word's loose form, worked out once: a large catalogue repeats the same few words.
_WORD_FORMS: dict[str, str] = {}


class NameIndex(Generic[T]):
    """Items by every name they answer to; the first item to claim a name keeps it."""

    def __init__(self, entries: Iterable[tuple[T, Iterable[str]]]) -> None:
        self.by_name: dict[str, tuple[T, str]] = {}
        self._word_forms: dict[str, frozenset[str]] | None = None
        self._word_index: dict[str, list[str]] | None = None
        for item, names in entries:
            for name in names:
                self.by_name.setdefault(normalize(name), (item, name))

    def find(self, name: str) -> T | None:
        """The item called ``name``: exactly (any case), else by :func:`loose_key`."""
        hit = self.by_name.get(normalize(name))
        if hit is not None:
            return hit[0]
        key = loose_key(name)
        hit = self.by_name.get(key)  # "Call centre specialist" is "call center specialist"
        if hit is not None:
            return hit[0]
        return self._find_loose(key)

    def _find_loose(self, key: str) -> T | None:
        """The first item with a name whose :func:`loose_key` is ``key``.

        Only the names that have a word meaning the longest word of ``key`` are compared,
        through the word index a miss builds anyway for its suggestions: a typo in a
        10,000-role catalogue stays fast.
        """
        wanted = max(key.split(), key=len, default="")
        if not wanted:
            return None
        words = self._words()
        if self._word_forms is None:
            self._word_forms = {w: frozenset(loose_key(w).split()) for w in words}
        pool = {n for w, forms in self._word_forms.items() if wanted in forms for n in words[w]}
        for name in self.by_name:  # in order: the first item to claim a name keeps it
            if name in pool and loose_key(name) == key:
                return self.by_name[name][0]
        return None

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Close names for a name that matched nothing, as written, one per item."""
        return [written for _, written in self.suggest_items(name, limit)]

    def suggest_items(self, name: str, limit: int = 3) -> list[tuple[T, str]]:
        """Close names for a name that matched nothing, with their items, one per item.

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
        out: list[tuple[T, str]] = []
        seen: set[int] = set()  # items by identity: one suggestion each
        for hit in hits:
            item, written = self.by_name[hit]
            if id(item) not in seen:
                seen.add(id(item))
                out.append((item, written))
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

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Close roles, in the form typed: ids for an id (``customer-service-mgr``), titles
        or aliases for a title, never the two mixed. A front-line title is never pointed at
        a manager's role for one shared word, nor a manager's title at a front-line role."""
        as_id = " " not in name.strip() and "-" in name
        managing = _is_manager(name, typed=True)
        out: list[str] = []
        for role, written in self.suggest_items(name, limit * 3):
            if _is_manager(role.title) != managing:
                continue
            form = role.id if as_id else (role.title if written == role.id else written)
            if form not in out:
                out.append(form)
        return out[:limit]


def _is_manager(name: str, typed: bool = False) -> bool:
    """A manager's title: one of MANAGER_WORDS (typed: or a misspelling of one, "managr")."""
    words = loose_key(name).split()
    if any(word in MANAGER_WORDS for word in words):
        return True
    if not typed:
        return False
    import difflib

    return any(difflib.get_close_matches(w, MANAGER_WORDS, n=1, cutoff=0.75) for w in words)


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
            hint = _did_you_mean(near) if near else "; run 'csadvisor skills' to list them"
            raise NotFoundError(f"unknown skill '{shown(name)}'{hint}")
        return skill


class LocationIndex(NameIndex[Location]):
    """Locations by name."""

    def __init__(self, locations: Mapping[str, Location] | Iterable[Location]) -> None:
        items = locations.values() if isinstance(locations, Mapping) else locations
        self.locations = tuple(items)
        super().__init__((p, (p.name,)) for p in self.locations)

    def get(self, name: str) -> Location:
        location = self.find(name)
        if location is None:
            near = self.suggest(name)
            known = (
                "; known: " + ", ".join(escape_control(p.name) for p in self.locations)
                if self.locations
                else "; locations.yaml lists none yet: add yours there"
            )
            hint = _did_you_mean(near) if near else known
            raise NotFoundError(f"unknown location '{shown(name)}'{hint}")
        return location
