"""The layers hold: every import of every module (function-level too) is read from the source.

    csadvisor (errors, the package itself)   shared by all
    csadvisor.core      pure: models and the logic on them; no files, terminal or framework
    csadvisor.storage   the data layer: files, readers, validation, cache, saved assessments
    csadvisor.cli       the shell: Typer app, commands, output, render, prompts

A layer may import its own and the ones listed before it, never one after it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "csadvisor"
ORDER = ("base", "core", "storage", "cli")
FRAMEWORKS = {"typer", "click", "rich", "yaml", "questionary", "prompt_toolkit"}
# Third-party packages each layer may use; the core none at all.
ALLOWED_THIRD_PARTY = {
    "base": set(),
    "core": set(),
    "storage": {"yaml"},
    "cli": {"typer", "rich", "questionary", "prompt_toolkit", "yaml"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in ORDER:
        return parts[1]
    return "base"


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Every module the file imports, at any depth of the code, absolute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            # `from csadvisor.core import models` imports the module csadvisor.core.models
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                if (PACKAGE.parent / Path(*candidate.split("."))).with_suffix(".py").exists() or (
                    PACKAGE.parent / Path(*candidate.split(".")) / "__init__.py"
                ).exists():
                    found.append((node.lineno, candidate))
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))

# Breaks found when the folders were made; issue 16's typed rows remove them. Listed so the
# rest holds meanwhile; a pair that no longer breaks must leave this list (checked below).
KNOWN_BREAKS: set[tuple[str, str]] = set()
KNOWN_CYCLES: set[str] = set()


def test_every_module_is_in_a_layer_folder() -> None:
    loose = [
        p.name
        for p in MODULES
        if p.parent == PACKAGE
        and p.name not in {"__init__.py", "__main__.py", "errors.py", "plain.py"}
    ]
    assert loose == [], "put each module in core/, storage/ or cli/"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_respect_the_layers(path: Path) -> None:
    here = module_name(path)
    mine = ORDER.index(layer_of(here))
    wrong = []
    for line, name in imports_of(path):
        top = name.split(".")[0]
        if top == "csadvisor":
            if here == "csadvisor.__main__":
                continue  # the launcher starts the shell
            theirs = ORDER.index(layer_of(name))
            if theirs > mine and (here, name) not in KNOWN_BREAKS:
                wrong.append(
                    f"line {line}: {here} ({ORDER[mine]}) imports {name} ({ORDER[theirs]})"
                )
        elif top in FRAMEWORKS and top not in ALLOWED_THIRD_PARTY[ORDER[mine]]:
            wrong.append(f"line {line}: {here} ({ORDER[mine]}) imports {name}")
    assert wrong == []


def test_no_import_cycles_between_modules() -> None:
    graph: dict[str, set[str]] = {}
    known = {module_name(p) for p in MODULES}
    for path in MODULES:
        here = module_name(path)
        graph[here] = {
            n
            for _, n in imports_of(path)
            if n in known and n != here and not here.startswith(n + ".")
        }
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    # A package's __init__ importing its own submodules is no cycle to a reader.
    real = [
        c for c in cycles if not any(c[i].startswith(c[i + 1] + ".") for i in range(len(c) - 1))
    ]
    assert [c for c in real if not set(c) & KNOWN_CYCLES] == []


def test_known_breaks_are_still_breaks() -> None:
    """Once a break is mended, its line leaves KNOWN_BREAKS."""
    found = {(module_name(p), n) for p in MODULES for _, n in imports_of(p)}
    assert KNOWN_BREAKS - found == set()


def test_the_layer_test_sees_a_break(tmp_path: Path) -> None:
    """The reader finds imports inside functions, relative or absolute."""
    sample = PACKAGE / "core" / "_sample_for_test.py"
    sample.write_text("def f():\n    from ..storage import sources\n    import rich\n")
    try:
        names = [n for _, n in imports_of(sample)]
    finally:
        sample.unlink()
    assert "csadvisor.storage.sources" in names
    assert "rich" in names


def loaded_by(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


@pytest.mark.parametrize(
    "module", [module_name(p) for p in MODULES if layer_of(module_name(p)) == "core"]
)
def test_importing_the_core_loads_no_shell_or_framework(module: str) -> None:
    loaded = loaded_by(module)
    assert {m for m in loaded if m.startswith(("csadvisor.storage", "csadvisor.cli"))} == set()
    assert loaded & FRAMEWORKS == set()
