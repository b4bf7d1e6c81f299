"""Finding roles by name: the one lookup every command uses, kept small for fast starts."""

from csadvisor.catalog import normalize
from csadvisor.errors import NotFoundError, escape_control
from csadvisor.models import Catalog, Role


class RoleIndex:
    """Finds a role by id, title or alias, case-insensitively."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.by_name: dict[str, Role] = {}
        self._word_index: dict[str, list[str]] | None = None
        for role in catalog.roles:
            for name in (role.id, role.title, *role.aliases):
                self.by_name.setdefault(normalize(name), role)

    def find(self, name: str) -> Role | None:
        return self.by_name.get(normalize(name))

    def get(self, name: str) -> Role:
        """The role called ``name``, or NotFoundError with the closest names."""
        role = self.find(name)
        if role is None:
            raise NotFoundError(unknown_role_message(name, self.suggest(name)))
        return role

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Close matches for a name that matched nothing, as role ids.

        Whole names are compared with difflib; in a large catalogue only the names that
        share a close word with every word typed are compared, which keeps a miss fast.
        """
        import difflib

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
        for hit in hits:
            role_id = self.by_name[hit].id
            if role_id not in out:
                out.append(role_id)
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


def unknown_role_message(name: str, suggestions: list[str]) -> str:
    msg = f"unknown role '{escape_control(name)}'"
    if suggestions:
        msg += "; did you mean " + " or ".join(f"'{s}'" for s in suggestions) + "?"
    else:
        msg += "; run 'csadvisor roles' to list them"
    return msg
