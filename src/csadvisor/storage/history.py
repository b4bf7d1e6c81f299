"""Saved assessments: one JSON file each, written atomically, mode 0600 (personal data).

A saved file is checked as a whole when it is read (the same shape ``assessment.result``
makes); a file that is not one is reported in one line and skipped, never changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from csadvisor.errors import NotFoundError, UsageError
from csadvisor.plain import Plain
from csadvisor.storage import folders
from csadvisor.storage.files import atomic_write_text
from csadvisor.storage.sources import MAX_ANSWERS_BYTES

if TYPE_CHECKING:
    from csadvisor.core.result import Result

SUFFIX = ".json"


def directory() -> Path:
    return folders.assessments()


def save(result: Result) -> Saved:
    """Write one assessment as its own file; never replaces another.

    If another save took the same id in the same second, a fresh id is drawn (the
    returned record has the id saved).
    """
    from datetime import datetime

    from csadvisor.core.assessment import new_id

    folder = directory()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for _attempt in range(10):
            path = folder / f"{result.id}{SUFFIX}"
            text = json.dumps(result.doc(), indent=2, ensure_ascii=False) + "\n"
            try:
                atomic_write_text(path, text, mode=0o600, exclusive=True)
                return Saved(result.id, path, result)
            except FileExistsError:
                result = result.replace(id=new_id(datetime.fromisoformat(result.created)))
    except OSError as exc:
        raise UsageError(
            f"cannot save the assessment in {folder} ({exc.strerror or exc}); "
            "set CSADVISOR_HOME to a folder you can write to, or pass --no-save"
        ) from None
    raise UsageError(
        f"{path.name} already exists in {folder} and no free name was found; try again"
    )


class Saved(Plain):
    id: str
    path: Path
    result: Result


_KNOWN_GOOD: dict[int, set[object]] = {}  # values that passed each spec, across a team's files

#: What ``team`` reads of a result: these fields are checked in full, the rest by name.
TEAM_FIELDS = frozenset(
    ("schema_version", "id", "created", "name", "rater", "evidence", "role", "ratings")
)


def problem(doc: object, only: frozenset[str] | None = None) -> str | None:
    """Why ``doc`` is not a saved assessment (the first problem found), or None: the one
    check for a saved result (``history``, ``next``, ``team``). ``only``: the fields a
    reader uses, checked in full (the others only known and present; see Record.check)."""
    from csadvisor.storage.problems import INVALID, Checker
    from csadvisor.storage.specs import result_spec

    checker = Checker()
    if only is not None:  # many files, the same skill ids and raters: remember what passed
        if sum(map(len, _KNOWN_GOOD.values())) > 100_000:
            _KNOWN_GOOD.clear()
        checker.known_good = _KNOWN_GOOD
    if result_spec().check(doc, "", checker, only) is INVALID or checker.problems:
        path, message = checker.problems[0] if checker.problems else ("", "")
        return f"{path}: {message}" if path else message
    return None


def read(path: Path) -> Result:
    """One saved file, checked; ValueError with a one-line reason if it is not usable."""
    from csadvisor.storage.sources import NotRegularFileError, read_regular

    try:
        raw = read_regular(path, MAX_ANSWERS_BYTES + 1)  # a FIFO or a device is never read
    except NotRegularFileError:
        raise ValueError("not a regular file (a pipe or device?); not read") from None
    except OSError as exc:
        raise ValueError(f"cannot read it ({exc.strerror or exc})") from None
    if len(raw) > MAX_ANSWERS_BYTES:
        raise ValueError(f"larger than the {MAX_ANSWERS_BYTES // 1048576} MiB limit")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("cannot read it (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{exc.lineno}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise ValueError("not a csadvisor assessment result (nested too deeply)") from None
    except ValueError as exc:  # e.g. an integer with thousands of digits
        raise ValueError(f"not a csadvisor assessment result ({exc})") from None
    why = problem(doc)
    if why is not None:
        from csadvisor.errors import escape_control

        raise ValueError(f"not a csadvisor assessment result ({escape_control(why)[:200]})")
    from csadvisor.core.result import from_doc

    return from_doc(doc)


def load_all(warn: Callable[[str], None]) -> list[Saved]:
    """Every saved assessment, oldest first. Damaged files are reported and left alone."""
    folder = directory()
    if not folder.is_dir():
        return []
    out: list[Saved] = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        try:
            doc = read(path)
        except ValueError as exc:
            reason = str(exc)
            sep = "" if reason[:1].isdigit() else " "
            warn(f"skipping {path}:{sep}{reason}")
            continue
        out.append(Saved(doc.id, path, doc))
    out.sort(key=lambda s: (s.result.created, s.id))
    return out


# --------------------------------------------------------------------------- whose


def person_of(result: Result) -> str:
    """Who a saved assessment is about: its name, or "me" (saved without one)."""
    from csadvisor.core.people import ME

    return result.name or ME


def rater_of(result: Result) -> str:
    from csadvisor.core.models import DEFAULT_RATER

    return result.rater or DEFAULT_RATER


def resolve_person(saved: list[Saved], wanted: str | None) -> str:
    """``--person``'s value as saved assessments spell it ("me" when None); any case,
    spaces and hyphens alike; NotFoundError with a did-you-mean when no one matches."""
    from csadvisor.core import people
    from csadvisor.core.lookup import shown

    if wanted is None or people.person_key(wanted) == people.ME:
        return people.ME
    names = sorted({person_of(s.result) for s in saved})
    hits = people.matching(names, wanted)
    if hits:
        return hits[0]
    near = people.suggest([n for n in names if n != people.ME], wanted)
    hint = (
        "did you mean " + " or ".join(f"'{shown(n)}'" for n in near) + "?"
        if near
        else "run 'csadvisor history --everyone' to see who has saved assessments"
    )
    raise NotFoundError(f"no saved assessment about '{shown(wanted)}'; {hint}")


def about(saved: list[Saved], person: str, rater: str | None = None) -> list[Saved]:
    """The saved assessments about ``person`` (as :func:`resolve_person` gives it), by
    ``rater`` if given, oldest first."""
    from csadvisor.core.people import person_key

    key = person_key(person)
    return [
        s
        for s in saved
        if person_key(person_of(s.result)) == key and (rater is None or rater_of(s.result) == rater)
    ]


def remove(saved: Saved) -> None:
    """Delete one saved assessment (after the user confirmed)."""
    try:
        saved.path.unlink()
    except FileNotFoundError:
        raise NotFoundError(f"{saved.id} was already removed") from None
    except OSError as exc:
        raise UsageError(f"cannot remove {saved.path} ({exc.strerror or exc})") from None


def find(saved: list[Saved], ident: str) -> Saved:
    """By id, unique id prefix, or ``latest``."""
    if not saved:
        raise NotFoundError("no saved assessments yet; run 'csadvisor assess' first")
    if ident == "latest":
        return saved[-1]
    hits = [s for s in saved if s.id == ident] or [s for s in saved if s.id.startswith(ident)]
    if len(hits) == 1:
        return hits[0]
    from csadvisor.core.lookup import shown

    if not hits:
        raise NotFoundError(
            f"no saved assessment '{shown(ident)}'; run 'csadvisor history' to list them"
        )
    raise UsageError(f"'{shown(ident)}' matches {len(hits)} assessments; give more of the id")
