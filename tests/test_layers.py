"""The pure core stays pure: importing it loads no file layer, renderer or framework."""

from __future__ import annotations

import subprocess
import sys

import pytest

SHELL = {
    "csadvisor.catalog",
    "csadvisor.sources",
    "csadvisor.yamlreader",
    "csadvisor.cache",
    "csadvisor.folders",
    "csadvisor.files",
    "csadvisor.history",
    "csadvisor.render",
    "csadvisor.records",
    "csadvisor.cli",
    "typer",
    "rich",
    "yaml",
    "questionary",
}


def loaded_by(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


@pytest.mark.parametrize(
    "module",
    [
        "csadvisor.models",
        "csadvisor.lookup",
        "csadvisor.advisor",
        "csadvisor.assessment",
        "csadvisor.localpay",
        "csadvisor.team",
    ],
)
def test_core_imports_no_file_layer_render_or_framework(module: str) -> None:
    assert loaded_by(module) & SHELL == set()


def test_history_does_not_load_typer() -> None:
    assert {"typer", "rich", "yaml"} & loaded_by("csadvisor.history") == set()
