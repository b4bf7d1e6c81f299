"""The bundled data: published pay against its source, the catalogue, its cache, the wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import Result

from csadvisor.storage import catalog

Invoke = Callable[..., Result]

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"

# Robert Half 2026 Salary Guide: US national starting salaries, USD per year.
PUBLISHED = {
    "customer-service-specialist": (38500, 48500),
    "call-center-specialist": (34750, 47000),
    "customer-service-manager": (57000, 81250),
}
UNPUBLISHED = (
    "senior-customer-service-specialist",
    "customer-experience-specialist",
    "account-manager",
)


# --------------------------------------------------------------------------- published pay


@pytest.mark.parametrize(("role_id", "low", "high"), [(k, *v) for k, v in PUBLISHED.items()])
def test_published_pay_matches_the_salary_guide(
    invoke: Invoke, role_id: str, low: int, high: int
) -> None:
    result = invoke("pay", role_id, "-f", "json")
    assert result.exit_code == 0
    assert result.stderr == ""
    (rec,) = json.loads(result.stdout)
    assert rec["role"] == role_id
    assert (rec["low"], rec["high"]) == (low, high)
    assert rec["mid"] == (low + high) / 2
    assert rec["currency"] == "USD"
    assert rec["period"] == "year"
    assert rec["derived"] is False
    assert rec["source"] == "Robert Half 2026 Salary Guide"
    assert rec["basis"] == "starting salary"
    assert rec["region"] == "US national"
    assert rec["year"] == 2026


@pytest.mark.parametrize("role_id", UNPUBLISHED)
def test_roles_without_published_pay_have_no_range(invoke: Invoke, role_id: str) -> None:
    result = invoke("pay", role_id, "-f", "json")
    assert result.exit_code == 0
    (rec,) = json.loads(result.stdout)
    assert (rec["low"], rec["high"], rec["mid"]) == (None, None, None)
    assert rec["source"] is None
    assert rec["note"] == "no published range"


def test_bundled_catalogue_has_exactly_these_roles() -> None:
    cat = catalog.load(use_cache=False)
    assert {r.id for r in cat.roles} == set(PUBLISHED) | set(UNPUBLISHED)
    paid = {r.id: (r.pay.low, r.pay.high) for r in cat.roles if r.pay is not None}
    assert paid == PUBLISHED


def test_bundled_catalogue_cross_references_hold() -> None:
    cat = catalog.load(use_cache=False)
    skill_ids = {s.id for s in cat.skills}
    in_file = yaml.safe_load((DATA / "skills.yaml").read_text("utf-8"))["skills"]
    assert [s.id for s in cat.skills] == [s["id"] for s in in_file]
    assert len(skill_ids) == len(cat.skills)
    for role in cat.roles:
        assert 1 <= role.level <= 5
        assert role.next == tuple(n for n in role.next if n in cat.role_by_id)
        assert set(role.skills) <= skill_ids
        assert all(1 <= lvl <= 5 for lvl in role.skills.values())
    for skill in cat.skills:
        assert len(skill.levels) == 5
        assert skill.category in ("soft", "technical", "working")


# --------------------------------------------------------------------------- cache


def cache_files() -> list[Path]:
    from csadvisor.storage import folders

    directory = folders.cache()
    assert directory is not None
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.is_file() and not p.name.startswith("."))


def rename_account_manager(data_dir: Path, title: str) -> None:
    roles = data_dir / "roles.yaml"
    text = roles.read_text("utf-8")
    assert text.count("title: Account manager\n") == 1
    roles.write_text(text.replace("title: Account manager\n", f"title: {title}\n"), "utf-8")


def titles(cat: Any) -> dict[str, str]:
    return {r.id: r.title for r in cat.roles}


def test_cached_load_gives_the_same_catalogue(data_dir: Path) -> None:
    source = catalog.resolve_source(data_dir)
    fresh = catalog.load(source, use_cache=False)
    first = catalog.load(source)
    assert cache_files(), "the first load writes a cache"
    second = catalog.load(source)  # from the cache
    assert first == fresh
    assert second == fresh
    pay = second.role_by_id["customer-service-manager"].pay
    assert pay is not None
    assert (pay.low, pay.high, pay.year) == (57000, 81250, 2026)
    assert second.skill_by_id["empathy"].levels == fresh.skill_by_id["empathy"].levels


def test_edited_data_file_is_picked_up(data_dir: Path) -> None:
    source = catalog.resolve_source(data_dir)
    assert titles(catalog.load(source))["account-manager"] == "Account manager"
    assert cache_files()
    rename_account_manager(data_dir, "Key account manager")
    assert titles(catalog.load(source))["account-manager"] == "Key account manager"


def test_edited_data_file_is_picked_up_by_the_cli(invoke: Invoke, data_dir: Path) -> None:
    before = invoke("--data-dir", str(data_dir), "role", "account-manager", "-f", "json")
    assert json.loads(before.stdout)["title"] == "Account manager"
    rename_account_manager(data_dir, "Key account manager")
    after = invoke("--data-dir", str(data_dir), "role", "account-manager", "-f", "json")
    assert after.exit_code == 0
    assert json.loads(after.stdout)["title"] == "Key account manager"


def test_data_broken_after_caching_is_still_refused(invoke: Invoke, data_dir: Path) -> None:
    assert invoke("--data-dir", str(data_dir), "roles").exit_code == 0
    roles = data_dir / "roles.yaml"
    roles.write_text(roles.read_text("utf-8").replace("low: 57000", "low: abc"), "utf-8")
    result = invoke("--data-dir", str(data_dir), "roles")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "roles[5].pay.low: expected a number, got 'abc'" in result.stderr


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"null",
        b"[]",
        b'{"stamp": 1}',
        b'{"stamp": [], "roles": 3, "skills": "x"}',
    ],
)
def test_corrupt_cache_is_ignored(invoke: Invoke, data_dir: Path, garbage: bytes) -> None:
    source = catalog.resolve_source(data_dir)
    expected = catalog.load(source)
    assert cache_files()
    for path in cache_files():
        path.write_bytes(garbage)
    assert catalog.load(source) == expected
    result = invoke("--data-dir", str(data_dir), "pay", "csr", "--field", "low")
    assert result.exit_code == 0
    assert result.stdout == "38500\n"
    assert result.stderr == ""


def test_half_written_cache_is_ignored(data_dir: Path) -> None:
    source = catalog.resolve_source(data_dir)
    expected = catalog.load(source)
    assert cache_files()
    for path in cache_files():
        content = path.read_bytes()
        path.write_bytes(content[: len(content) // 2])
    assert catalog.load(source) == expected


def test_unusable_cache_directory_is_not_fatal(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be", "utf-8")
    monkeypatch.setenv("CSADVISOR_CACHE_DIR", str(blocker))
    result = invoke("pay", "csr", "--field", "high")
    assert result.exit_code == 0
    assert result.stdout == "48500\n"
    assert result.stderr == ""


# --------------------------------------------------------------------------- wheel


@pytest.mark.slow
def test_wheel_ships_the_data_files(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    (wheel,) = out.glob("csadvisor-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        shipped = ("roles.yaml", "skills.yaml", "oews_2025.csv", "areas.csv",
                   "occupations.csv", "projections.csv", "place_names.csv", "industries.csv",
                   "oews_industries_2025.csv")  # fmt: skip
        for name in shipped:
            assert f"csadvisor/data/{name}" in names
            assert zf.read(f"csadvisor/data/{name}") == (DATA / name).read_bytes()
        assert "csadvisor/cli/app.py" in names
        entry_points = zf.read(next(n for n in names if n.endswith("entry_points.txt")))
        assert b"csadvisor = csadvisor.__main__:main" in entry_points


@pytest.mark.parametrize("literal", ["0", "7", "12", "0755", "0x1A", "1_000", "1:30", "+5", "-3"])
def test_yaml_numbers_read_as_safe_load_reads_them(literal: str) -> None:
    """The reader's shortcut for plain digits must agree with YAML 1.1's resolver."""
    import yaml

    from csadvisor.storage.yamlreader import parse_yaml

    text = f"value: {literal}\nlist: [{literal}, x]\n"
    assert parse_yaml(text, "t.yaml").value == yaml.safe_load(text)


def test_an_edit_keeping_size_and_time_is_picked_up(data_dir: Path) -> None:
    """The cache is keyed by the files' content, not by their size and time."""
    source = catalog.resolve_source(data_dir)
    roles = data_dir / "roles.yaml"
    stat = roles.stat()
    assert titles(catalog.load(source))["account-manager"] == "Account manager"
    rename_account_manager(data_dir, "Account managex")  # same length
    os.utime(roles, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert roles.stat().st_size == stat.st_size
    assert titles(catalog.load(source))["account-manager"] == "Account managex"


def _poison(path: Path) -> None:
    """Rewrite a cache file so it claims another title under the right stamp."""
    import marshal

    blob = marshal.loads(path.read_bytes())
    roles_doc = blob["documents"][0]
    next(r for r in roles_doc["roles"] if r["id"] == "account-manager")["title"] = "Poisoned"
    path.write_bytes(marshal.dumps(blob))


def test_cache_is_private_and_a_cache_others_can_write_is_ignored(data_dir: Path) -> None:
    source = catalog.resolve_source(data_dir)
    catalog.load(source)
    (path,) = cache_files()
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o077 == 0
    _poison(path)
    path.chmod(0o666)
    assert titles(catalog.load(source))["account-manager"] == "Account manager"


def test_a_symlinked_cache_file_is_ignored(data_dir: Path, tmp_path: Path) -> None:
    source = catalog.resolve_source(data_dir)
    catalog.load(source)
    (path,) = cache_files()
    elsewhere = tmp_path / "elsewhere.marshal"
    path.rename(elsewhere)
    _poison(elsewhere)
    path.symlink_to(elsewhere)
    assert titles(catalog.load(source))["account-manager"] == "Account manager"


# --------------------------------------------------------------------------- folders


def test_no_home_folder_is_a_clear_error_never_a_folder_named_tilde(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from csadvisor.errors import UsageError
    from csadvisor.storage import folders

    monkeypatch.chdir(tmp_path)
    for name in ("CSADVISOR_HOME", "CSADVISOR_CACHE_DIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # no HOME, no account
    with pytest.raises(UsageError, match="set CSADVISOR_HOME"):
        folders.assessments()
    assert folders.cache() is None
    catalog.load()  # works, without a cache
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG convention is Linux's")
def test_folders_follow_xdg_and_the_overrides(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from csadvisor.storage import folders

    monkeypatch.delenv("CSADVISOR_HOME")
    monkeypatch.delenv("CSADVISOR_CACHE_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert folders.assessments() == tmp_path / "config" / "csadvisor" / "assessments"
    assert folders.cache() == tmp_path / "cache" / "csadvisor"
    monkeypatch.setenv("CSADVISOR_HOME", str(tmp_path / "mine"))
    monkeypatch.setenv("CSADVISOR_CACHE_DIR", "")
    assert folders.assessments() == tmp_path / "mine" / "assessments"
    assert folders.cache() is None
