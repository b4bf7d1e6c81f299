"""Pay by industry: BLS OEWS national industry-specific estimates for the shipped occupations.

BLS publishes industry figures for the nation only (by NAICS sector, 3-, 4- and some
5/6-digit industries), with the relative standard error (RSE) of the employment and of the
mean wage. ``industries.csv`` names each industry; ``oews_industries_2025.csv`` holds,
per industry and occupation, the same measures as the cross-industry extract plus the two
RSEs, in BLS's workbook column names. Both are built by ``scripts/build_oews.py``.

Read only by ``pay ROLE --industry NAME`` and ``industries``: never on the start-up path
of ``pay ROLE --location PLACE``.
"""

from collections.abc import Iterable
from pathlib import Path

from csadvisor.core.wages import FOOTNOTES, MEASURES, PlainRow, Wages
from csadvisor.errors import DataError, Problem
from csadvisor.plain import Plain
from csadvisor.storage import oews
from csadvisor.storage.csvfile import number, read_rows
from csadvisor.storage.sources import DataSource, bundled_dir, decode_all, read_bytes

INDUSTRIES_FILE = "industries.csv"
INDUSTRY_WAGES_FILE = "oews_industries_2025.csv"
FILES = (INDUSTRIES_FILE, INDUSTRY_WAGES_FILE)
INDUSTRY_COLUMNS = ("naics", "title", "level")
RSE = ("emp_prse", "mean_prse")
INDUSTRY_WAGE_COLUMNS = (
    "naics", "soc", "period", "tot_emp", "emp_prse", "h_mean", "a_mean", "mean_prse",
    *MEASURES[3:], "footnotes",
)  # fmt: skip
"""BLS's workbook order: TOT_EMP, EMP_PRSE, H_MEAN, A_MEAN, MEAN_PRSE, then percentiles."""
NATION = "0000000"  # BLS publishes industry figures for the nation only
VALIDATED = "validated"
"""What the industries cache holds: that these bytes passed every check."""


class Industry(Plain):
    naics: str  # BLS's code: 6 digits (``561400``) or a sector span (``11--12``)
    title: str
    level: int  # BLS's display level: 1 ownership total, 2 sector, 3-5 finer


class IndustryWages(Plain):
    """One occupation in one industry, nationally: the wages and their RSEs."""

    industry: Industry
    wages: oews.Wages
    emp_prse: float | None  # percent
    mean_prse: float | None  # percent


def is_naics(text: str) -> bool:
    """BLS's 6-character industry code: ``561400``, a sector span ``11--12`` / ``99-100``,
    or an OEWS aggregate ``3250A1``."""
    import re

    return re.fullmatch(r"\d{6}|\d{2}--\d{2}|\d{2}-\d{3}|\d{4}A\d", text) is not None


def parse_industries(
    text: str, label: str = INDUSTRIES_FILE
) -> tuple[dict[str, Industry], list[Problem]]:
    rows, problems = read_rows(text, label, INDUSTRY_COLUMNS)
    found: dict[str, Industry] = {}
    for line, (naics, title, level) in rows:
        if not is_naics(naics):
            problems.append(Problem(label, line, "naics", f"{naics!r} is not a BLS industry code"))
        elif naics in found:
            problems.append(Problem(label, line, "naics", f"{naics} given twice"))
        elif not title.strip() or title != title.strip():
            problems.append(Problem(label, line, "title", "is empty or has spaces at either end"))
        elif not (level.isascii() and level.isdigit() and 0 < int(level) < 7):
            problems.append(Problem(label, line, "level", f"{level!r} is not 1 to 6"))
        else:
            found[naics] = Industry(naics, title, int(level))
    return found, problems


PlainIndustryRow = tuple[str, PlainRow, float | None, float | None]


def parse_industry_wages(
    text: str, label: str = INDUSTRY_WAGES_FILE, *, industries: Iterable[str] | None = None
) -> tuple[tuple[PlainIndustryRow, ...], list[Problem]]:
    """Every row, validated by the cross-industry rules, plus the RSE columns."""
    known = set(industries) if industries is not None else None
    rows, problems = read_rows(text, label, INDUSTRY_WAGE_COLUMNS)
    out: list[PlainIndustryRow] = []
    seen: set[tuple[str, str]] = set()
    for line, cells in rows:
        naics, soc, period, tot_emp, emp_prse, h_mean, a_mean, mean_prse, *rest = cells
        *percentiles, notes = rest
        start = len(problems)
        if not is_naics(naics):
            problems.append(Problem(label, line, "naics", f"{naics!r} is not a BLS industry code"))
        elif known is not None and naics not in known:
            problems.append(Problem(label, line, "naics", f"{naics} is not in {INDUSTRIES_FILE}"))
        kept, rse_notes = [], {}
        for token in notes.split():
            column = token.partition(":")[0]
            if column in RSE:
                rse_notes[column] = token.partition(":")[2]
            else:
                kept.append(token)
        rse: list[float | None] = []
        for column, cell in zip(RSE, (emp_prse, mean_prse), strict=True):
            value = number(cell) if cell else None
            if cell and (value is None or value < 0):
                problems.append(Problem(label, line, column, f"{cell!r} is not a percentage"))
            if not cell and rse_notes.get(column) not in FOOTNOTES:
                problems.append(Problem(label, line, column, "missing without a BLS footnote"))
            rse.append(value)
        base = [NATION, soc, period, tot_emp, h_mean, a_mean, *percentiles, " ".join(kept)]
        row = oews._wages_row(line, base, label, problems)
        if row is None or len(problems) > start:
            continue
        if (naics, soc) in seen:
            problems.append(Problem(label, line, "soc", f"{soc} in {naics} given twice"))
            continue
        seen.add((naics, soc))
        out.append((naics, row, rse[0], rse[1]))
    return tuple(out), problems


class IndustryTable:
    """The validated industry files: look up by occupation, search by name.

    The wages file is kept as text: one industry's row is sliced out of it when asked
    (``get``), so ``pay ROLE --industry NAME`` parses one line, not 2,000."""

    __slots__ = ("_label", "_text", "industries")

    def __init__(self, industries: dict[str, Industry], text: str, label: str) -> None:
        self.industries = industries
        self._text = text
        self._label = label

    def _wages(self, row: PlainIndustryRow) -> IndustryWages:
        naics, plain, emp, mean = row
        return IndustryWages(self.industries[naics], Wages(*plain), emp, mean)

    def for_occupation(self, soc: str) -> tuple[IndustryWages, ...]:
        """Every industry BLS publishes the occupation in (parses the whole file)."""
        rows, problems = parse_industry_wages(self._text, self._label)
        if problems:
            raise DataError(problems)
        return tuple(self._wages(r) for r in rows if r[1][1] == soc and r[0] in self.industries)

    def get(self, naics: str, soc: str) -> IndustryWages | None:
        """One industry's row for the occupation, or None when BLS publishes none."""
        needle = f"\n{naics},{soc},"
        start = self._text.find(needle)
        if start < 0 or naics not in self.industries:
            return None
        end = self._text.find("\n", start + 1)
        header = self._text[: self._text.find("\n") + 1]
        block = header + self._text[start + 1 : end + 1 if end >= 0 else len(self._text)]
        rows, problems = parse_industry_wages(block, self._label)
        if problems:
            raise DataError(problems)
        return self._wages(rows[0]) if rows else None

    def find(self, query: str) -> tuple[Industry, ...]:
        """Industries ``query`` names: its code, its exact title, else every title holding
        all its words (case and punctuation folded; a word may be the start of one)."""
        text = query.strip()
        if text in self.industries:
            return (self.industries[text],)
        folded = text.casefold()
        exact = [i for i in self.industries.values() if i.title.casefold() == folded]
        if exact:
            return tuple(exact[:1])
        words = _words(text)
        if not words:
            return ()

        def holds(title: str) -> bool:
            tokens = _words(title)
            return all(any(t.startswith(w) for t in tokens) for w in words)

        return tuple(i for i in self.industries.values() if holds(i.title))

    def suggest(self, query: str, limit: int = 3) -> tuple[str, ...]:
        import difflib

        titles = {" ".join(_words(i.title)): i.title for i in self.industries.values()}
        key = " ".join(_words(query))
        close = difflib.get_close_matches(key, list(titles), n=limit, cutoff=0.6)
        return tuple(titles[c] for c in close)


_FOLD = str.maketrans(dict.fromkeys("-/,.'()&", " "))


def _words(text: str) -> list[str]:
    return text.casefold().translate(_FOLD).split()


def files_in_use(source: DataSource) -> dict[str, tuple[Path, str]]:
    bundled = bundled_dir()
    found = {}
    for name in FILES:
        path = source.file(name)
        if not source.bundled and path.is_file():
            found[name] = (path, str(path))
        else:
            found[name] = (bundled / name, name)
    return found


def validate(texts: dict[str, str], labels: dict[str, str]) -> tuple[IndustryTable, list[Problem]]:
    industries, problems = parse_industries(texts[INDUSTRIES_FILE], labels[INDUSTRIES_FILE])
    known = industries if not problems else None
    _, found = parse_industry_wages(
        texts[INDUSTRY_WAGES_FILE], labels[INDUSTRY_WAGES_FILE], industries=known
    )
    table = IndustryTable(industries, texts[INDUSTRY_WAGES_FILE], labels[INDUSTRY_WAGES_FILE])
    return table, problems + found


def _read(source: DataSource) -> tuple[dict[str, bytes], dict[str, str], Path]:
    raw: dict[str, bytes] = {}
    labels: dict[str, str] = {}
    problems: list[Problem] = []
    where = files_in_use(source)
    for name, (path, label) in where.items():
        labels[name] = label
        try:
            raw[name] = read_bytes(path, label)
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    return raw, labels, where[INDUSTRY_WAGES_FILE][0]


def load(source: DataSource, *, use_cache: bool = True) -> IndustryTable:
    """The industry files in use. Validated in full once per content (about 30 ms; the
    cache remembers it), then only the industry list is parsed and one row sliced."""
    from csadvisor.storage import cache

    raw, labels, where = _read(source)
    texts = decode_all(raw, labels)
    key = cache.key_for(where.parent, list(raw.values()), "industries") if use_cache else None
    if key is not None and cache.read(key) == VALIDATED:
        industries = _listed(texts[INDUSTRIES_FILE])  # these bytes passed every check
        if industries is not None:
            wages = texts[INDUSTRY_WAGES_FILE]
            return IndustryTable(industries, wages, labels[INDUSTRY_WAGES_FILE])
    table, problems = validate(texts, labels)
    if problems:
        raise DataError(problems)
    if key is not None:
        cache.write(key, VALIDATED)
    return table


def _listed(text: str) -> dict[str, Industry] | None:
    """The industries of a file already validated in full (the cache says so): split, not
    checked again (about 0.3 ms instead of 1); None if a line does not split as it did."""
    from csadvisor.storage.csvfile import split_line

    found: dict[str, Industry] = {}
    for line in text.splitlines()[1:]:
        cells = split_line(line)
        if cells is None or len(cells) != len(INDUSTRY_COLUMNS) or not cells[2].isdigit():
            return None
        found[cells[0]] = Industry(cells[0], cells[1], int(cells[2]))
    return found


def check(source: DataSource) -> list[Problem]:
    """Every problem in the industry files in use (``data validate``)."""
    try:
        raw, labels, _ = _read(source)
        texts = decode_all(raw, labels)
    except DataError as exc:
        return list(exc.problems)
    return validate(texts, labels)[1]
