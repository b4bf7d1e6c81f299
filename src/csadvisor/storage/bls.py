"""The BLS statistics in use: which files, read once, validated once per content, cached.

Five CSV files: ``areas.csv``, ``oews_2025.csv``, ``occupations.csv``,
``projections.csv`` and ``place_names.csv`` (common names for areas). Each is taken from
the data directory when it has one of that name, else from the bundled data: a file in
the data directory *replaces* the bundled file of the same name as a whole (to extend
one, copy the bundled file and add rows).

Validating the 300 KB extract as a whole takes about 40 ms, so it is done once per
content: the cache key is the hash of the four files' bytes, and the cache records only
that they passed. The small files a command needs whole (occupation titles, projections)
are read by their reader every time; a lookup reads only the lines of the area it needs
(``areas.resolve_in_text``, ``oews.rows_in_area``), each line checked by the extract's
row reader. No YAML, no rich.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from csadvisor.errors import DataError, Problem
from csadvisor.storage import areas, oews
from csadvisor.storage import projections as ep  # BLS Employment Projections
from csadvisor.storage.sources import DataSource, bundled_dir, decode_all, read_bytes

if TYPE_CHECKING:
    from collections.abc import Sequence

    from csadvisor.core.models import Role

FILES = (
    areas.AREAS_FILE,
    oews.OEWS_FILE,
    oews.OCCUPATIONS_FILE,
    ep.PROJECTIONS_FILE,
    areas.PLACE_NAMES_FILE,
)


def files_in_use(source: DataSource) -> dict[str, tuple[Path, str]]:
    """Each statistics file's path and how messages name it (data directory, else bundled).

    Anything of that name in the data directory is used (and reported if it cannot be
    read): a dangling symbolic link, a folder or a FIFO never means the bundled file.
    """
    import os

    bundled = bundled_dir()
    found = {}
    for name in FILES:
        path = source.file(name)
        if not source.bundled and os.path.lexists(path):
            found[name] = (path, str(path))
        else:
            found[name] = (bundled / name, name)
    return found


class Statistics:
    """The validated statistics files' text, with what a command needs from them."""

    __slots__ = ("_projections", "labels", "occupations", "source", "texts")

    def __init__(
        self,
        texts: dict[str, str],
        labels: dict[str, str],
        occupations: dict[str, str],
        projections: dict[str, ep.ProjectionRow] | None = None,
        source: DataSource | None = None,
    ) -> None:
        self.texts = texts
        self.labels = labels
        self.occupations = occupations  # soc -> official title
        self._projections = projections  # soc -> plain Projection tuple; read when asked
        self.source = source  # where they came from: what to run if one read later fails

    def place_names(self) -> tuple[areas.PlaceName, ...]:
        """The common names people type (validated with the rest; about 0.1 ms)."""
        names, _ = areas.parse_place_names(self.texts[areas.PLACE_NAMES_FILE])
        return names

    def resolve(self, place: str) -> areas.Resolution:
        return areas.resolve_in_text(self.texts[areas.AREAS_FILE], place, self.place_names())

    def chain(self, area: areas.Area) -> tuple[areas.Area, ...]:
        return areas.chain_in_text(self.texts[areas.AREAS_FILE], area)

    def table(self, chain: tuple[areas.Area, ...]) -> oews.OewsTable:
        text, label = self.texts[oews.OEWS_FILE], self.labels[oews.OEWS_FILE]
        found = oews.rows_in_areas(text, [a.code for a in chain], label)
        return oews.OewsTable({a.code: found.get(a.code, ()) for a in chain})

    def areas_index(self) -> areas.AreaIndex:
        """Every area, indexed (about 5 ms: for completion, not for a lookup)."""
        rows, _ = areas.parse_areas(self.texts[areas.AREAS_FILE])
        return areas.AreaIndex(rows, self.place_names())

    def projection(self, soc: str | None) -> ep.Projection | None:
        """The occupation's outlook (``projections.csv`` is read by its reader when first
        asked: ``pay`` never needs it)."""
        if self._projections is None:
            name = ep.PROJECTIONS_FILE
            self._projections, problems = ep.parse_projections(self.texts[name], self.labels[name])
            if problems:
                raise DataError(problems, hint=_hint(self.source) if self.source else "")
        row = self._projections.get(soc or "")
        return ep.Projection(*row) if row else None


def _read(
    source: DataSource, names: tuple[str, ...] = FILES
) -> tuple[dict[str, bytes], dict[str, str], Path]:
    where = {name: found for name, found in files_in_use(source).items() if name in names}
    raw: dict[str, bytes] = {}
    problems: list[Problem] = []
    for name, (path, label) in where.items():
        try:
            raw[name] = read_bytes(path, label)
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    return raw, {name: label for name, (_, label) in where.items()}, where[names[0]][0]


def validate(
    texts: dict[str, str], labels: dict[str, str]
) -> tuple[dict[str, str], dict[str, ep.ProjectionRow], list[Problem]]:
    """Every file in full, by the readers' rules; the extract's areas must be in areas.csv."""
    area_rows, problems = areas.parse_areas(texts[areas.AREAS_FILE], labels[areas.AREAS_FILE])
    known = {row[0] for row in area_rows} if not problems else None
    _, found = oews.parse_oews(texts[oews.OEWS_FILE], labels[oews.OEWS_FILE], areas=known)
    problems += found
    titles, found = oews.parse_occupations(
        texts[oews.OCCUPATIONS_FILE], labels[oews.OCCUPATIONS_FILE]
    )
    problems += found
    projections, found = ep.parse_projections(
        texts[ep.PROJECTIONS_FILE], labels[ep.PROJECTIONS_FILE]
    )
    problems += found
    _, found = areas.parse_place_names(
        texts[areas.PLACE_NAMES_FILE], labels[areas.PLACE_NAMES_FILE], areas=known
    )
    problems += found
    return titles, projections, problems


VALIDATED = "validated"
"""What the statistics cache holds: that these bytes passed every check (the values are
read from the files, each by its one reader; nothing derived is kept to be trusted)."""


def load(source: DataSource, *, use_cache: bool = True) -> Statistics:
    """The statistics in use, validated (from the cache when these bytes were seen before)."""
    from csadvisor.storage import cache

    raw, labels, where = _read(source)
    try:
        texts = decode_all(raw, labels)
    except DataError as exc:
        raise DataError(exc.problems, hint=_hint(source)) from None
    key = cache.key_for(where.parent, list(raw.values()), "statistics") if use_cache else None
    if key is not None and cache.read(key) == VALIDATED:
        # The whole-file checks passed for these bytes before; the small files a command
        # needs whole are read again by their one reader when it needs them (well under a
        # millisecond), and every extract line a lookup uses by the extract's
        # (``oews.rows_in_area``).
        titles, problems = oews.parse_occupations(
            texts[oews.OCCUPATIONS_FILE], labels[oews.OCCUPATIONS_FILE]
        )
        if not problems:
            return _kept(Statistics(texts, labels, titles, source=source))
    titles, projections, problems = validate(texts, labels)
    if problems:
        raise DataError(problems, hint=_hint(source))
    if key is not None:
        cache.write(key, VALIDATED)
    return _kept(Statistics(texts, labels, titles, projections))


NATIONAL_FILES = (areas.AREAS_FILE, oews.OCCUPATIONS_FILE)


def national(
    source: DataSource, *, use_cache: bool = True
) -> tuple[areas.Area | None, dict[str, str]]:
    """The nation's area and the occupations' titles: what an industry's national figures
    (``pay --industry``) need, without reading the 300 KB extract and the other files.

    Each file is checked by its one reader, as :func:`load` checks it: areas.csv in full
    once per content (its own cache entry, holding only that these bytes passed), the
    titles every time."""
    from csadvisor.storage import cache

    raw, labels, where = _read(source, NATIONAL_FILES)
    try:
        texts = decode_all(raw, labels)
    except DataError as exc:
        raise DataError(exc.problems, hint=_hint(source)) from None
    key = cache.key_for(where.parent, list(raw.values()), "areas") if use_cache else None
    text, label = texts[areas.AREAS_FILE], labels[areas.AREAS_FILE]
    checked = key is not None and cache.read(key) == VALIDATED
    problems = [] if checked else areas.parse_areas(text, label)[1]
    titles, found = oews.parse_occupations(
        texts[oews.OCCUPATIONS_FILE], labels[oews.OCCUPATIONS_FILE]
    )
    problems += found
    if problems:
        raise DataError(problems, hint=_hint(source))
    if key is not None and not checked:
        cache.write(key, VALIDATED)
    return areas.area_by_code(text, areas.NATION), titles


def _kept(stats: Statistics) -> Statistics:
    """Lives as long as the process, like the catalogue: moving what is loaded out of the
    collector's reach saves its scans, measurably so at exit (about 5 ms for ``areas``)."""
    import gc

    gc.freeze()
    return stats


def _hint(source: DataSource) -> str:
    import shlex

    where = "" if source.bundled else " " + shlex.quote(str(source.directory))
    return f"run 'csadvisor data validate{where}'"


def check(
    source: DataSource, roles: Sequence[Role] | None = None, roles_label: str = ""
) -> list[Problem]:
    """Every problem in the statistics in use, and roles naming an occupation they lack."""
    try:
        raw, labels, _ = _read(source)
        texts = decode_all(raw, labels)
    except DataError as exc:
        return list(exc.problems)
    titles, _, problems = validate(texts, labels)
    from csadvisor.storage import industries  # pay by industry: its own files

    problems += industries.check(source)
    for i, role in enumerate(roles or ()):
        if role.soc is None or not titles:
            continue
        where = f"roles[{i}].soc"
        if role.soc not in titles:
            message = f"occupation {role.soc} is not in {labels[oews.OCCUPATIONS_FILE]}"
            problems.append(Problem(roles_label, None, where, message))
        elif role.occupation != titles[role.soc]:
            message = f"occupation: {role.soc} is titled {titles[role.soc]!r} by BLS"
            problems.append(Problem(roles_label, None, f"roles[{i}].occupation", message))
    return problems
