"""Shared fixtures: every test runs with its own user directories and the bundled data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from csadvisor.cli.app import app


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Never touch the real home: history and cache go to a fresh temporary directory."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CSADVISOR_HOME", str(home / "data"))
    monkeypatch.setenv("CSADVISOR_CACHE_DIR", str(home / "cache"))
    monkeypatch.delenv("CSADVISOR_DATA_DIR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    return home


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled data, to break one thing at a time."""
    bundled = Path(__file__).resolve().parents[1] / "data"
    target = tmp_path / "data"
    target.mkdir()
    for name in ("roles.yaml", "skills.yaml"):
        shutil.copyfile(bundled / name, target / name)
    return target


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def invoke(runner: CliRunner):  # type: ignore[no-untyped-def]
    """Run csadvisor in-process; stdout and stderr are kept apart."""

    def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args), input=input)

    return run
