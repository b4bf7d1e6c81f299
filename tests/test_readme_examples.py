"""Every command example in the README runs, as written, and exits as documented.

Each ```sh block of README.md is found automatically (examples added later are checked
too) and run by bash as one script, in a fresh directory holding the example files the
README's commands read (names.txt, staff.tsv, staff.csv, staff-salaries.csv,
answers.json), with two saved assessments for ``next`` and ``history diff``, and
``$EDITOR`` standing in for the person editing: it writes the README's own
``locations.yaml`` example into a locations.yaml it is given. Every command line's exit
code is checked: 0, or the code its line documents with a trailing ``# exit N``. A
```text block right after a ```sh block is the stdout of its last command, and a second
one its stderr: both compared.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent

# Commands not run, and why. Only what cannot run unattended, or is this very test run.
SKIP = [
    # installs into the environment running these tests; the test run is its proof
    (r"^pip install|^pipx install", "installs the package"),
    # writes to the user's shell start-up files
    (r"--install-completion", "changes the user's shell set-up"),
    # interactive: asks its questions in a terminal (--answers/--template are scripted)
    (r"csadvisor assess(?!.*--(answers|template))", "asks questions in a terminal"),
    # the development loop: the test suite, linters and CI, which include this test
    (r"^(pytest|ruff|mypy|bash \.ci/run)\b", "runs the test suite or linters"),
]


class Block(NamedTuple):
    line: int  # where the block starts in README.md
    commands: list[tuple[int, str]]  # (README line, command)
    stdout: str | None  # the ```text block after it, if any
    stderr: str | None


def sh_blocks(text: str) -> list[Block]:
    lines = text.splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != "```sh":
            i += 1
            continue
        start = i + 1
        body: list[tuple[int, str]] = []
        i += 1
        while lines[i].strip() != "```":
            body.append((i + 1, lines[i]))
            i += 1
        i += 1
        shown: list[str] = []
        while len(shown) < 2:
            j = i
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j >= len(lines) or lines[j].strip() != "```text":
                break
            k = j + 1
            while lines[k].strip() != "```":
                k += 1
            shown.append("\n".join(lines[j + 1 : k]) + "\n")
            i = k + 1
        blocks.append(
            Block(
                start,
                _commands(body),
                shown[0] if shown else None,
                shown[1] if len(shown) > 1 else None,
            )
        )
    return blocks


def _commands(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Command lines, with backslash continuations joined; comments and blanks left out."""
    out: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for number, line in body:
        if pending is not None:
            number, line = pending[0], pending[1] + " " + line.strip()
            pending = None
        if line.rstrip().endswith("\\"):
            pending = (number, line.rstrip()[:-1])
            continue
        if line.strip() and not line.lstrip().startswith("#"):
            out.append((number, line.strip()))
    return out


def skip_reason(command: str) -> str | None:
    for pattern, reason in SKIP:
        if re.search(pattern, command):
            return reason
    return None


def expected_exit(command: str) -> int:
    found = re.search(r"#\s*exit (\d+)\s*$", command)
    return int(found.group(1)) if found else 0


BLOCKS = sh_blocks(README)

LOCATIONS_EXAMPLE = re.search(r"```yaml\n(locations:\n.*?)```", README, flags=re.DOTALL)
NAMES = "csr\nCustomer service manager\nCall centre specialist\naccount manager\n"
STAFF_ROWS = [
    ("101", "Customer service representative", "north"),
    ("102", "Call center agent", "south"),
    ("103", "support manager", "north"),
]


def example_files(work: Path) -> None:
    """The files the README's examples read, as a user would have them."""
    (work / "names.txt").write_text(NAMES, encoding="utf-8")
    header = ("employee_id", "job_title", "team")
    (work / "staff.tsv").write_text(
        "".join("\t".join(row) + "\n" for row in [header, *STAFF_ROWS]), encoding="utf-8"
    )
    (work / "staff.csv").write_text(
        "\ufeff" + "".join(",".join(row) + "\r\n" for row in [header, *STAFF_ROWS]),
        encoding="utf-8",
    )
    (work / "staff-salaries.csv").write_text(
        "employee_id,job_title,salary,city\n1,CSR,41000,Dallas\n2,Call centre adviser,"
        "36000,TX\n3,Customer service manager,70000,Denver\n",
        encoding="utf-8",
    )
    from csadvisor.storage.catalog import load, resolve_source

    skills = {s.id: 3 for s in load(resolve_source(None)).skills}
    (work / "answers.json").write_text(json.dumps({"role": "csr", "skills": skills}))
    assert LOCATIONS_EXAMPLE is not None, "the README shows a locations.yaml example"
    (work / "locations.example.yaml").write_text(LOCATIONS_EXAMPLE.group(1))
    editor = work / "editor"
    editor.write_text(
        "#!/bin/sh\n# The person editing: adds the README's example to locations.yaml.\n"
        'for f in "$@"; do\n'
        '  case "$f" in */locations.yaml) cat "$EXAMPLE" > "$f";; esac\n'
        "done\n"
    )
    editor.chmod(0o755)


def environment(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSADVISOR_")}
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        CSADVISOR_HOME=str(work / ".home"),
        CSADVISOR_CACHE_DIR=str(work / ".cache"),
        EDITOR=str(work / "editor"),
        EXAMPLE=str(work / "locations.example.yaml"),
        COLUMNS="100",
        NO_COLOR="1",
    )
    return env


@pytest.mark.slow  # about a second a block: real processes, as a user runs them
@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: f"README.md:{b.line}")
def test_readme_example_block_runs_as_written(block: Block, tmp_path: Path) -> None:
    runnable = [(n, c) for n, c in block.commands if skip_reason(c) is None]
    if not runnable:
        pytest.skip(
            "every command here is on the skip list: "
            + "; ".join(f"{c} ({skip_reason(c)})" for _, c in block.commands)
        )
    example_files(tmp_path)
    env = environment(tmp_path)
    for _ in range(2):  # two saved assessments: `next` and `history diff` have something
        subprocess.run(
            [str(BIN / "csadvisor"), "assess", "--answers", "answers.json", "-f", "json"],
            cwd=tmp_path, env=env, check=True, capture_output=True,
        )  # fmt: skip
    script = ["set -o pipefail"]
    for index, (_, command) in enumerate(runnable):
        last = index == len(runnable) - 1
        redirect = " >.last.out 2>.last.err" if last and block.stdout is not None else ""
        script.append(f"{{ {command}\n}}{redirect}")  # a trailing comment ends at the line
        script.append(f'echo "{index} $?" >>.exit-codes')
    done = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    codes = dict(line.split() for line in (tmp_path / ".exit-codes").read_text().splitlines())
    for index, (number, command) in enumerate(runnable):
        assert int(codes[str(index)]) == expected_exit(command), (
            f"README.md:{number}: {command}\nstderr:\n{done.stderr}"
        )
    if block.stdout is not None:
        assert (tmp_path / ".last.out").read_text() == block.stdout
    if block.stderr is not None:
        assert (tmp_path / ".last.err").read_text() == block.stderr


def test_the_runner_finds_every_block_and_command() -> None:
    assert len(BLOCKS) == README.count("```sh")
    commands = [c for b in BLOCKS for _, c in b.commands]
    assert "csadvisor pay - --location Springfield < names.txt" in commands
    assert all(shlex.split(c.split("  #")[0], comments=True) for c in commands)


def test_the_skip_list_leaves_out_only_what_it_says() -> None:
    skipped = {c for b in BLOCKS for _, c in b.commands if skip_reason(c)}
    assert "csadvisor assess --answers answers.json --no-save -f json | jq '.suggestion'" not in (
        skipped
    )
    assert any(c.startswith("csadvisor assess ") for c in skipped)
    assert all(skip_reason(c) for c in skipped)


def test_data_init_writes_a_locations_example_that_validates(
    tmp_path: Path, invoke: object
) -> None:
    from typer.testing import CliRunner

    from csadvisor.cli.app import app

    runner = CliRunner()
    assert runner.invoke(app, ["data", "init", str(tmp_path / "ladder")]).exit_code == 0
    written = (tmp_path / "ladder" / "locations.yaml").read_text()
    assert "#   - name: Springfield" in written
    assert runner.invoke(app, ["data", "validate", str(tmp_path / "ladder")]).exit_code == 0
