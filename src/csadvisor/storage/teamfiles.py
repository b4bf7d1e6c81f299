"""A team's files: found in folders and read as history reads its own.

Folders are walked without recursion (any depth) and without following links to
folders; a folder that cannot be listed is reported and counted as skipped. Each file is
opened without blocking (a FIFO or device is never waited on), must be a regular file and
is read up to the size limit. Who a file is about comes from its ``name``, else from its
file name (``ana-lopez-manager.yaml``: Ana Lopez, by a manager); a file that says neither
is refused, never guessed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from csadvisor.core.team import Member
from csadvisor.errors import DataError, escape_control

if TYPE_CHECKING:
    from csadvisor.core.models import Catalog
    from csadvisor.storage.schema import Checked
    from csadvisor.storage.yamlreader import Parsed

SUFFIXES = (".json", ".yaml", ".yml")


def files(paths: list[str]) -> Iterator[tuple[str, str | None]]:
    """(path, None) for each file to read, or (path, reason) for one that cannot be:
    an argument that does not exist, a folder that cannot be listed."""
    for arg in paths:
        top = Path(arg)
        if top.is_dir():
            yield from _walk(arg)
        elif top.exists() or top.is_symlink():
            yield arg, None
        else:
            yield arg, "no such file or folder"


def _walk(top: str) -> Iterator[tuple[str, str | None]]:
    """Every team file under ``top``, sorted, depth first, with an explicit stack."""
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield folder, f"cannot list this folder ({exc.strerror or exc}); its files not read"
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                subfolders.append(entry.path)
            elif entry.name.endswith(SUFFIXES):
                yield entry.path, None
        stack.extend(reversed(subfolders))


def read_member(path: str, cat: Catalog, missing: int | None = None) -> Member:
    """One file as a ``team.Member``; ValueError with a one-line reason if it is not one."""
    from csadvisor.storage.sources import MAX_ANSWERS_BYTES, NotRegularFileError, read_regular

    try:
        raw = read_regular(path, MAX_ANSWERS_BYTES + 1)
    except NotRegularFileError:
        raise ValueError("not a regular file (a pipe, device or folder?); not read") from None
    except OSError as exc:
        raise ValueError(f"cannot read it ({exc.strerror or exc})") from None
    if len(raw) > MAX_ANSWERS_BYTES:
        raise ValueError(f"larger than the {MAX_ANSWERS_BYTES // 1048576} MiB limit")
    parsed = _parse(path, raw)
    doc = parsed.value
    if isinstance(doc, dict) and "schema_version" in doc:
        return _from_result(path, doc)
    if isinstance(doc, dict) and "skills" in doc:
        return _from_answers(path, parsed, cat, missing)
    raise ValueError("neither an assessment result (assess -f json, history) nor answers")


def _who(path: str, name: str | None, rater: str | None) -> tuple[str, str, bool]:
    """The person, rater and whether the name was in the file; ValueError if no one."""
    from csadvisor.core.people import from_file_name

    said = from_file_name(escape_control(Path(path).stem))
    if not name and said.person is None:
        raise ValueError(
            "no name in the file and its file name does not say who it is about; "
            "add a name: line (or name the file after the person, e.g. ana-lopez-self.yaml)"
        )
    from csadvisor.core.models import DEFAULT_RATER

    return (name or said.person or ""), (rater or said.rater or DEFAULT_RATER), bool(name)


def _parse(path: str, raw: bytes) -> Parsed:
    """The file's values (a ``Parsed``): JSON the fast way, YAML with lines for messages."""
    import json

    from csadvisor.storage.yamlreader import Parsed

    if path.endswith(".json"):
        try:
            return Parsed(json.loads(raw.decode("utf-8-sig")), None)
        except UnicodeDecodeError:
            raise ValueError("cannot read it (not UTF-8 text)") from None
        except json.JSONDecodeError as exc:
            raise ValueError(f"line {exc.lineno}: not valid JSON ({exc.msg})") from None
        except (RecursionError, ValueError) as exc:  # nested too deeply, huge integers
            raise ValueError(f"not a usable file ({type(exc).__name__})") from None
    from csadvisor.storage.sources import MAX_ANSWERS_BYTES, decode
    from csadvisor.storage.yamlreader import ANSWERS_MAX_VALUES, parse_yaml

    try:
        return parse_yaml(decode(raw, path, MAX_ANSWERS_BYTES), path, max_values=ANSWERS_MAX_VALUES)
    except DataError as exc:
        raise ValueError(reason(exc)) from None


def reason(exc: DataError) -> str:
    """A DataError's problems without the file name (the caller says it), all of them."""
    if not exc.problems:
        return exc.message
    said = []
    for p in exc.problems:
        where = f"line {p.line}: " if p.line is not None else ""
        field = f"{p.path}: " if p.path else ""
        said.append(f"{where}{field}{p.message}")
    return escape_control("; ".join(said))


def _from_result(path: str, doc: dict[str, Checked]) -> Member:
    from csadvisor.storage import history

    why = history.problem(doc, history.TEAM_FIELDS)
    if why is not None:
        raise ValueError(f"not a csadvisor assessment ({escape_control(why)[:200]})")
    person, rater, named = _who(path, doc.get("name"), doc.get("rater"))
    return Member(
        person=person,
        rater=rater,
        created=doc["created"],
        role=doc["role"],
        ratings=doc["ratings"],
        evidence=doc.get("evidence") or {},
        source=path,
        named=named,
    )


def _from_answers(path: str, parsed: Parsed, cat: Catalog, missing: int | None) -> Member:
    from datetime import datetime, timezone

    from csadvisor.errors import NotFoundError
    from csadvisor.storage import validate as checks

    try:
        answers = checks.answers(parsed, path, cat, missing)
    except DataError as exc:
        raise ValueError(reason(exc)) from None
    except NotFoundError as exc:  # an unknown role
        raise ValueError(escape_control(exc.message)) from None
    value = parsed.value  # a mapping (read_member saw it), checked as answers
    rater = value.get("rater") if isinstance(value, dict) else None
    person, rater, named = _who(path, answers.name, rater)
    mtime = datetime.fromtimestamp(os.stat(path).st_mtime, timezone.utc)
    return Member(
        person=person,
        rater=rater,
        created=mtime.isoformat(),
        role=answers.role,
        ratings=answers.ratings,
        evidence=answers.evidence,
        source=path,
        named=named,
    )
