"""docs/architecture.md stays true: its layers are test_layers' ORDER, its modules the code's."""

from __future__ import annotations

import re
from pathlib import Path

from test_layers import ORDER, PACKAGE

DOC = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"
TEXT = DOC.read_text(encoding="utf-8")


def test_the_layer_table_is_the_order_the_layer_test_enforces() -> None:
    rows = re.findall(r"^\| (\w+)\s+\| `csadvisor/", TEXT, flags=re.M)
    assert tuple(rows) == ORDER


def test_every_module_is_listed_once_and_every_listed_module_exists() -> None:
    listed = re.findall(r"^- `([\w/]+\.py)` — ", TEXT, flags=re.M)
    assert len(listed) == len(set(listed)), "a module is listed twice"
    real = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")}
    assert sorted(set(listed) - real) == [], "listed, but no such module"
    assert sorted(real - set(listed)) == [], "a module docs/architecture.md does not list"


def test_each_module_is_listed_under_its_layer() -> None:
    sections = re.split(r"^### (\w+)$", TEXT, flags=re.M)
    by_layer = dict(zip(sections[1::2], sections[2::2], strict=True))
    assert tuple(by_layer) == ORDER
    for layer, body in by_layer.items():
        for module in re.findall(r"^- `([\w/]+\.py)`", body, flags=re.M):
            top = module.split("/")[0] if "/" in module else "base"
            assert top == layer, f"{module} is listed under {layer}"


def test_only_the_shell_boundary_and_the_context_write_to_stderr() -> None:
    """Commands, locations, the core and storage say things through the application
    context (notices) or the errors they raise; none imports the app for its writer."""
    writers, app_importers = [], []
    for path in PACKAGE.rglob("*.py"):
        name = path.relative_to(PACKAGE).as_posix()
        text = path.read_text(encoding="utf-8")
        if "sys.stderr" in text and name not in {"cli/app.py", "cli/context.py"}:
            writers.append(name)
        if re.search(r"csadvisor\.cli\.app\b|from csadvisor\.cli import app\b", text):
            app_importers.append(name)
    assert sorted(writers) == []
    assert sorted(app_importers) == ["__main__.py"]


def test_one_validator_per_shape_no_quick_twin() -> None:
    """A spec has one ``check``; no quick yes/no beside it to drift from it (issue 16)."""
    schema = (PACKAGE / "storage" / "schema.py").read_text(encoding="utf-8")
    assert re.findall(r"def (fits|quick_\w+)\(", schema) == []
