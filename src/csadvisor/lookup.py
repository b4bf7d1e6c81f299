"""Finding roles by name: the one lookup every command uses, kept small for fast starts."""

from csadvisor.catalog import normalize
from csadvisor.errors import NotFoundError, escape_control
from csadvisor.models import Catalog, Role


class RoleIndex:
    """Finds a role by id, title or alias, case-insensitively."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.by_name: dict[str, Role] = {}
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
        """Close matches for a name that matched nothing, as role ids."""
        import difflib

        key = normalize(name)
        if not key:
            return []
        names = list(self.by_name)
        hits = [n for n in names if key in n] if len(key) >= 3 else []
        hits += difflib.get_close_matches(key, names, n=limit * 3, cutoff=0.6)
        if len(hits) < limit:
            # A misspelt word ("managr") is close to one word of a long title.
            words: dict[str, list[str]] = {}
            for n in names:
                for word in n.replace("-", " ").split():
                    words.setdefault(word, []).append(n)
            for part in key.replace("-", " ").split():
                for word in difflib.get_close_matches(part, list(words), n=limit, cutoff=0.75):
                    hits += words[word]
        out: list[str] = []
        for hit in hits:
            role_id = self.by_name[hit].id
            if role_id not in out:
                out.append(role_id)
        return out[:limit]


def unknown_role_message(name: str, suggestions: list[str]) -> str:
    msg = f"unknown role '{escape_control(name)}'"
    if suggestions:
        msg += "; did you mean " + " or ".join(f"'{s}'" for s in suggestions) + "?"
    else:
        msg += "; run 'csadvisor roles' to list them"
    return msg
