"""Pure logic over the catalogue: lookups, the growth track, skill usage. No I/O."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from csadvisor.catalog import normalize
from csadvisor.errors import NotFoundError
from csadvisor.models import Catalog, Role, Skill
from csadvisor.schema import escape_control


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


def reachable(catalog: Catalog, start: Role) -> list[Role]:
    """Every role reachable from ``start`` along ``next``, nearest first (not ``start``)."""
    seen = {start.id}
    order: list[Role] = []
    frontier = [start]
    while frontier:
        following: list[Role] = []
        for role in frontier:
            for nid in role.next:
                if nid not in seen:
                    seen.add(nid)
                    following.append(catalog.role_by_id[nid])
        order += following
        frontier = following
    return order


def roots(catalog: Catalog) -> list[Role]:
    """Roles nothing grows into: where the track starts."""
    targets = {n for r in catalog.roles for n in r.next}
    return [r for r in catalog.roles if r.id not in targets]


@dataclass(frozen=True)
class TrackNode:
    role: Role
    depth: int
    parent: Role | None
    repeated: bool  # already shown higher up; its subtree is not repeated


def walk_track(catalog: Catalog, start: Iterable[Role]) -> Iterator[TrackNode]:
    """The track as a depth-first tree; a role reached twice is shown once in full."""
    shown: set[str] = set()

    def visit(role: Role, depth: int, parent: Role | None) -> Iterator[TrackNode]:
        repeated = role.id in shown
        yield TrackNode(role, depth, parent, repeated)
        if repeated:
            return
        shown.add(role.id)
        for nid in role.next:
            yield from visit(catalog.role_by_id[nid], depth + 1, role)

    for role in start:
        yield from visit(role, 0, None)


def edges(catalog: Catalog, start: Role | None = None) -> list[tuple[Role, Role]]:
    """The track's edges, all of them or those below ``start``."""
    roles = catalog.roles if start is None else [start, *reachable(catalog, start)]
    return [(r, catalog.role_by_id[n]) for r in roles for n in r.next]


def skill_usage(catalog: Catalog, skill: Skill) -> list[tuple[Role, int]]:
    """Which roles need ``skill``, at what level, in catalogue order."""
    return [(r, r.skills[skill.id]) for r in catalog.roles if skill.id in r.skills]
