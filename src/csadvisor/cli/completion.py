"""Shell completion: the candidates Typer offers while the shell completes a word.

Called by Typer while the shell completes a word: read the data lazily, print nothing,
and return nothing rather than fail, so a broken data file never breaks the shell.
"""

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from csadvisor.core.models import Catalog
    from csadvisor.storage.sources import DataSource


def _completion_data_dir(ctx: typer.Context) -> str | None:
    value = ctx.find_root().params.get("data_dir")
    return value if isinstance(value, str) else None


def _completion_catalog(ctx: typer.Context) -> "Catalog":
    from csadvisor.storage import catalog

    return catalog.load(catalog.resolve_source(_completion_data_dir(ctx)))


def _matching(pairs: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    want = incomplete.casefold()
    return [(value, help_) for value, help_ in pairs if value.casefold().startswith(want)]


def complete_roles(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Role ids, titles and aliases (``csr``), in any case."""
    try:
        cat = _completion_catalog(ctx)
    except Exception:
        return []
    pairs = [(r.id, r.title) for r in cat.roles]
    pairs += [(r.title, r.id) for r in cat.roles]
    pairs += [(alias, r.id) for r in cat.roles for alias in r.aliases]
    return _matching(pairs, incomplete)


def complete_skills(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Skill ids."""
    try:
        cat = _completion_catalog(ctx)
    except Exception:
        return []
    return _matching([(s.id, s.name) for s in cat.skills], incomplete)


def complete_locations(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The organisation's location names when it has a locations.yaml (its names win);
    otherwise BLS area names, postal codes and principal cities (areas.csv)."""
    pairs: list[tuple[str, str]] = []
    source: DataSource | None = None
    try:
        from csadvisor.storage import catalog

        source = catalog.resolve_source(_completion_data_dir(ctx))
        locations = catalog.load_locations(source)
        return _matching([(p.name, f"x{p.factor:g}") for p in locations.values()], incomplete)
    except Exception:
        pass
    try:
        from csadvisor.storage import bls as blsdata

        if source is None:  # no data directory: no areas either
            raise LookupError
        for area in blsdata.load(source).areas_index().areas:
            pairs.append((area.name, f"BLS {area.kind}"))
            if area.kind == "state":
                pairs.append((area.states[0], area.name))
            pairs += [(city, area.name) for city in area.cities if area.kind == "metro"]
    except Exception:
        pass
    return list(dict.fromkeys(_matching(pairs, incomplete)))


def complete_assessments(incomplete: str) -> list[tuple[str, str]]:
    """Saved assessment ids, newest first, and 'latest'."""
    try:
        from csadvisor.storage import history

        saved = history.load_all(lambda message: None)
    except Exception:
        return []
    pairs = [("latest", "the newest assessment")]
    pairs += [(s.id, s.result.role_title or s.result.role or "") for s in reversed(saved)]
    return _matching(pairs, incomplete)


def complete_categories(incomplete: str) -> list[tuple[str, str]]:
    """Skill category ids, with the label tables show."""
    from csadvisor.core.models import CATEGORY_LABELS, SKILL_CATEGORIES

    return _matching([(c, CATEGORY_LABELS.get(c, c)) for c in SKILL_CATEGORIES], incomplete)
