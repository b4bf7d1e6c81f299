"""One validator per shape: a title with an invisible character, or a blank one,
is refused on every path a title can come by (the files, a cache hit, the statistics)."""

from __future__ import annotations

import json
import marshal
from pathlib import Path
from typing import Any

import pytest

from csadvisor.errors import ExitCode
from csadvisor.storage import bls, cache, catalog, sources
from test_hostile import base_roles
from test_security import data_with, run

BAD_TITLES = {
    "invisible": "Support\u200bagent",  # (a formula-like title is text: issue 19)
    "blank": "   ",
}


def roles_titled(title: str) -> dict[str, Any]:
    roles = base_roles()
    roles["roles"][0]["title"] = title
    return roles


@pytest.mark.parametrize("kind", sorted(BAD_TITLES))
def test_a_bad_title_in_the_files_is_refused_by_every_command(tmp_path: Path, kind: str) -> None:
    data = data_with(tmp_path, roles=roles_titled(BAD_TITLES[kind]))
    for args in (("roles", "-f", "tsv"), ("pay", "agent", "-f", "tsv"), ("data", "validate")):
        out = run("--data-dir", str(data), *args)
        assert out.exit_code == ExitCode.DATA, out
        said = out.stdout if args[0] == "data" else out.stderr  # validate lists on stdout
        assert "roles[0].title" in said
        assert args[0] == "data" or out.stdout == ""


@pytest.mark.parametrize("kind", sorted(BAD_TITLES))
def test_a_bad_title_is_refused_after_the_cache_was_warmed(tmp_path: Path, kind: str) -> None:
    """The cache is keyed by the files' bytes: an edit is read, and checked, again."""
    data = data_with(tmp_path)
    assert run("--data-dir", str(data), "roles", "-f", "tsv").exit_code == 0  # warm
    (data / "roles.yaml").write_text(json.dumps(roles_titled(BAD_TITLES[kind])))
    out = run("--data-dir", str(data), "roles", "-f", "tsv")
    assert out.exit_code == ExitCode.DATA, out
    assert "roles[0].title" in out.stderr


@pytest.mark.parametrize("kind", sorted(BAD_TITLES))
def test_a_bad_title_in_a_cache_hit_is_never_shown(tmp_path: Path, kind: str) -> None:
    """A cache file with the right stamp for good files, but a bad title in it: the same
    check as the files' refuses it, and the files are read instead."""
    data = data_with(tmp_path)
    source = catalog.resolve_source(data)
    roles_doc, skills_doc = catalog.load_documents(source)
    roles_doc["roles"][0]["title"] = BAD_TITLES[kind]
    key = cache.key_for(source.directory, catalog.read_files(source))
    assert key is not None
    key.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key.path.write_bytes(marshal.dumps({"stamp": key.stamp, "documents": (roles_doc, skills_doc)}))
    key.path.chmod(0o600)
    assert cache.read(key) is not None  # a hit, as far as the cache file goes
    for fmt in ("tsv", "json", "csv"):
        out = run("--data-dir", str(data), "roles", "-f", fmt)
        assert out.exit_code == 0, out
        assert "Support agent" in out.stdout
        assert "HYPERLINK" not in out.stdout


@pytest.mark.parametrize("kind", sorted(BAD_TITLES))
def test_a_bad_occupation_title_is_refused_even_when_the_cache_says_valid(
    tmp_path: Path, kind: str
) -> None:
    """The statistics cache only records that some bytes passed; the titles are read by
    their one reader every time, so a planted 'validated' for bad bytes shows nothing."""
    data = data_with(tmp_path)
    bundled = (sources.bundled_dir() / "occupations.csv").read_text(encoding="utf-8")
    header, first, *rest = bundled.splitlines(keepends=True)
    soc, _title, source_cell = first.rstrip("\n").split(",", 2)
    bad = BAD_TITLES[kind].replace('"', '""')
    (data / "occupations.csv").write_text(
        header + f'{soc},"{bad}",{source_cell}\n' + "".join(rest), encoding="utf-8"
    )
    src = catalog.resolve_source(data)
    raw, _, where = bls._read(src)
    key = cache.key_for(where.parent, list(raw.values()), "statistics")
    assert key is not None
    cache.write(key, bls.VALIDATED)
    assert cache.read(key) == bls.VALIDATED
    out = run("--data-dir", str(data), "pay", "agent", "-l", "US", "-f", "tsv")
    assert out.exit_code == ExitCode.DATA, out
    assert out.stdout == ""
    assert "occupations.csv" in out.stderr
