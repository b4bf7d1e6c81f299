"""The validated catalogue: read the files, parse, check, build, cache.

The steps live in their own modules (``sources``: where the data is and reading it;
``yamlreader``: the one safe YAML reader; ``checks``: schema and cross-file checks;
``cache``: the marshal cache). This module puts them in order, and keeps the names
commands use (``load``, ``resolve_source``, ``load_locations``, ``check_directory``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from csadvisor.core.models import Catalog, Location, PayRange, Role, Skill
from csadvisor.errors import DataError, Problem
from csadvisor.storage.sources import (
    LOCATIONS_FILE,
    MAX_FILE_BYTES,
    ROLES_FILE,
    SKILLS_FILE,
    DataSource,
    decode,
    read_bytes,
    read_text,
    resolve_source,
)

if TYPE_CHECKING:
    from csadvisor.storage.schema import Document

__all__ = [
    "LOCATIONS_FILE",
    "MAX_FILE_BYTES",
    "ROLES_FILE",
    "SKILLS_FILE",
    "DataSource",
    "Location",
    "build",
    "check_directory",
    "decode",
    "load",
    "load_documents",
    "load_locations",
    "read_text",
    "resolve_source",
]


def build(roles_doc: Document, skills_doc: Document) -> Catalog:
    """Turn validated plain values into model objects.

    Fields pass through by name, so a new field needs only the model and the schema;
    only lists (to tuples) and nested records are converted here.
    """
    roles = tuple(
        Role(
            **{
                **r,
                "responsibilities": tuple(r.get("responsibilities", ())),
                "aliases": tuple(r.get("aliases", ())),
                "next": tuple(r.get("next", ())),
                "skills": dict(r.get("skills", {})),
                "pay": PayRange(**r["pay"]) if r.get("pay") else None,
            }
        )
        for r in roles_doc["roles"]
    )
    skills = tuple(
        Skill(**{**s, "levels": tuple(s["levels"]), "growth": tuple(s.get("growth", ()))})
        for s in skills_doc["skills"]
    )
    return Catalog(roles, skills)


def read_files(source: DataSource) -> list[bytes]:
    """The bytes of roles.yaml and skills.yaml; every problem of both is reported."""
    if not source.directory.is_dir():
        what = "is not a directory" if source.directory.exists() else "no such directory"
        raise DataError([Problem(str(source.directory), None, "", f"{what} (the data directory)")])
    contents: list[bytes] = []
    problems: list[Problem] = []
    for name in (ROLES_FILE, SKILLS_FILE):
        try:
            contents.append(read_bytes(source.file(name), source.label(name)))
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    return contents


def load_documents(
    source: DataSource, contents: list[bytes] | None = None
) -> tuple[Document, Document]:
    """Read, parse and validate both files; every problem of both files is reported."""
    with _hinted(source):
        return _documents(source, read_files(source) if contents is None else contents)


@contextmanager
def _hinted(source: DataSource) -> Iterator[None]:
    """Problems with the catalogue end with the command that lists them all."""
    try:
        yield
    except DataError as exc:
        import shlex

        where = "" if source.bundled else " " + shlex.quote(str(source.directory))
        raise DataError(exc.problems, hint=f"run 'csadvisor data validate{where}'") from None


def _documents(source: DataSource, contents: list[bytes]) -> tuple[Document, Document]:
    """Both files parsed (every field's line recorded) and validated, once."""
    from csadvisor.storage.validate import validate
    from csadvisor.storage.yamlreader import Parsed, lines_until, parse_yaml

    labels = (source.label(ROLES_FILE), source.label(SKILLS_FILE))
    texts: list[str] = []
    problems: list[Problem] = []
    for raw, label in zip(contents, labels, strict=True):
        try:
            texts.append(decode(raw, label))
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    with collector_paused():
        parsed: list[Parsed] = []
        for text, label in zip(texts, labels, strict=True):
            try:  # no line table: a valid catalogue needs none (a third of the reading)
                parsed.append(parse_yaml(text, label, lines=False))
            except DataError as exc:
                problems.extend(exc.problems)
        if problems:
            raise DataError(problems) from None
        try:
            return validate(parsed[0], parsed[1], *labels)
        except DataError as exc:
            found = exc.problems
        # Problems: each file read again for the lines of the fields they name (and
        # their parents), up to the last of them; the same check run again with them.
        for i, (text, label) in enumerate(zip(texts, labels, strict=True)):
            paths = {q for p in found if p.file == label for q in _with_parents(p.path)}
            parsed[i] = Parsed(parsed[i].value, lines_until(text, label, paths))
        try:
            return validate(parsed[0], parsed[1], *labels)
        except DataError as exc:
            order = {label: i for i, label in enumerate(labels)}
            ranked = sorted(exc.problems, key=lambda p: (order.get(p.file, 2), p.line or 0))
            raise DataError(ranked) from None


def _with_parents(path: str) -> Iterator[str]:
    """``path`` and every path ``yamlreader.line_of`` may look up for it."""
    while True:
        yield path
        if not path:
            return
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""


def _cached(source: DataSource, documents: object) -> Catalog | None:
    """What the cache holds, run through the same check as the files (one validator per
    shape): a planted or damaged cache is a miss, never shown."""
    from csadvisor.storage.problems import Parsed
    from csadvisor.storage.validate import validate

    if not (isinstance(documents, (tuple, list)) and len(documents) == 2):
        return None
    labels = (source.label(ROLES_FILE), source.label(SKILLS_FILE))
    try:
        checked = validate(Parsed(documents[0], None), Parsed(documents[1], None), *labels)
        return build(*checked)
    except (DataError, TypeError, KeyError, ValueError, AttributeError):
        return None


@contextmanager
def collector_paused() -> Iterator[None]:
    """Parsing a large file creates millions of objects and no cycles: without this the
    garbage collector scans them again and again, and time grows faster than the file."""
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load(source: DataSource | None = None, *, use_cache: bool = True) -> Catalog:
    """The validated catalogue for ``source`` (default: option, environment or bundled).

    Each file is read once; the cache key is the hash of those bytes, and on a miss the
    same bytes are parsed, so a file changed in between can never be cached as another.
    """
    from csadvisor.storage import cache

    source = source or resolve_source()
    with _hinted(source):
        contents = read_files(source)
    key = cache.key_for(source.directory, contents) if use_cache else None
    with collector_paused():
        documents = cache.read(key) if key is not None else None
        catalog = _cached(source, documents) if documents is not None else None
        if catalog is None:
            roles_doc, skills_doc = load_documents(source, contents)
            catalog = build(roles_doc, skills_doc)
            if key is not None:
                cache.write(key, (roles_doc, skills_doc))
        _keep(catalog)
    return catalog


def _keep(catalog: Catalog) -> None:
    """The catalogue lives as long as the process: keep the collector from rescanning it.
    Called before the collector runs again: its first run would otherwise scan every
    object made while it was paused (a tenth of a second at 10,000 roles)."""
    import gc

    gc.freeze()


def load_locations(source: DataSource) -> dict[str, Location]:
    """Pay factors by location name (normalized), from the optional ``locations.yaml``."""
    from csadvisor.storage.validate import locations
    from csadvisor.storage.yamlreader import parse_yaml

    path = source.file(LOCATIONS_FILE)
    label = source.label(LOCATIONS_FILE)
    if source.bundled and not path.exists():
        raise DataError(
            [
                Problem(
                    label,
                    None,
                    "",
                    "the bundled data ships no location factors (none are published); "
                    "use --data-dir DIR with your own locations.yaml, or --adjust FACTOR",
                )
            ]
        )
    return locations(parse_yaml(read_text(path, label), label), label)


def check_directory(source: DataSource) -> list[Problem]:
    """Every problem in the data in use: roles, skills, locations if present, and the BLS
    statistics (the data directory's own CSV files, else the bundled ones)."""
    from csadvisor.storage import bls as blsdata

    problems: list[Problem] = []
    roles: tuple[Role, ...] = ()
    try:
        roles = build(*load_documents(source)).roles
    except DataError as exc:
        problems += exc.problems
    problems += blsdata.check(source, roles, source.label(ROLES_FILE))
    if source.file(LOCATIONS_FILE).exists():
        try:
            load_locations(source)
        except DataError as exc:
            problems += exc.problems
    return problems
