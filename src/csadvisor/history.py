"""Saved assessments: one JSON file each, written atomically, mode 0600 (personal data)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from csadvisor.errors import NotFoundError, UsageError
from csadvisor.files import atomic_write_text

SUFFIX = ".json"


def home() -> Path:
    """Where csadvisor keeps personal data: ``$CSADVISOR_HOME`` or the platform's app dir."""
    env = os.environ.get("CSADVISOR_HOME")
    if env:
        return Path(env)
    import typer

    return Path(typer.get_app_dir("csadvisor"))


def directory() -> Path:
    return home() / "assessments"


def save(result: dict[str, Any]) -> Path:
    """Write one assessment as its own file; never replaces another.

    If another save took the same id in the same second, a fresh id is drawn.
    """
    from datetime import datetime

    from csadvisor.assessment import new_id

    folder = directory()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for _attempt in range(10):
            path = folder / f"{result['id']}{SUFFIX}"
            text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
            try:
                atomic_write_text(path, text, mode=0o600, exclusive=True)
                return path
            except FileExistsError:
                result["id"] = new_id(datetime.fromisoformat(result["created"]))
    except OSError as exc:
        raise UsageError(
            f"cannot save the assessment in {folder} ({exc.strerror or exc}); "
            "set CSADVISOR_HOME to a folder you can write to, or pass --no-save"
        ) from None
    raise UsageError(
        f"{path.name} already exists in {folder} and no free name was found; try again"
    )


@dataclass(frozen=True)
class Saved:
    id: str
    path: Path
    result: dict[str, Any]


def _valid(doc: Any) -> bool:
    return (
        isinstance(doc, dict)
        and isinstance(doc.get("id"), str)
        and isinstance(doc.get("created"), str)
        and isinstance(doc.get("ratings"), dict)
        and all(isinstance(v, int) for v in doc["ratings"].values())
        and doc.get("schema_version") == 1
    )


def load_all(warn: Callable[[str], None]) -> list[Saved]:
    """Every saved assessment, oldest first. Damaged files are reported and left alone."""
    folder = directory()
    if not folder.is_dir():
        return []
    out: list[Saved] = []
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            warn(f"skipping {path}: cannot read it ({getattr(exc, 'strerror', None) or exc})")
            continue
        except json.JSONDecodeError as exc:
            warn(f"skipping {path}:{exc.lineno}: not valid JSON ({exc.msg})")
            continue
        if not _valid(doc):
            warn(f"skipping {path}: not a csadvisor assessment")
            continue
        out.append(Saved(doc["id"], path, doc))
    out.sort(key=lambda s: (s.result["created"], s.id))
    return out


def find(saved: list[Saved], ident: str) -> Saved:
    """By id, unique id prefix, or ``latest``."""
    if not saved:
        raise NotFoundError("no saved assessments yet; run 'csadvisor assess' first")
    if ident == "latest":
        return saved[-1]
    hits = [s for s in saved if s.id == ident] or [s for s in saved if s.id.startswith(ident)]
    if len(hits) == 1:
        return hits[0]
    from csadvisor.errors import escape_control

    if not hits:
        raise NotFoundError(
            f"no saved assessment '{escape_control(ident)}'; run 'csadvisor history' to list them"
        )
    raise UsageError(
        f"'{escape_control(ident)}' matches {len(hits)} assessments; give more of the id"
    )
