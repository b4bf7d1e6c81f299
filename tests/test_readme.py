"""The README's tables say what the code does: its output columns and its exit codes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from csadvisor.cli import records
from csadvisor.cli.app import EXIT_CODES_HELP
from csadvisor.errors import ExitCode

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def table_after(heading: str) -> list[list[str]]:
    """The cells of the first Markdown table under ``heading``, header row left out."""
    section = README[README.index(heading) :]
    rows = []
    for line in section.splitlines()[1:]:
        if line.startswith("#"):
            break
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows[2:]


def test_the_column_table_lists_every_command_with_the_columns_it_prints() -> None:
    documented = {cmd.strip("`"): cols for cmd, cols in table_after("### Output columns")}
    assert documented == {cmd: ", ".join(cols) for cmd, cols in records.COLUMNS.items()}


@pytest.mark.parametrize(
    ("documented_as", "args"),
    [
        ("pay", ["pay", "csr"]),
        ("roles", ["roles"]),
        ("role", ["role", "csr"]),
        ("skills", ["skills"]),
        ("track", ["track"]),
        ("history", ["history"]),
        ("next ROLE", ["next", "csr"]),
        ("data path", ["data", "path"]),
    ],
)
def test_each_tsv_header_is_the_documented_column_list(
    invoke: Any, documented_as: str, args: list[str]
) -> None:
    result = invoke(*args, "-f", "tsv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].split("\t") == list(records.COLUMNS[documented_as])


def test_the_exit_code_table_lists_every_exit_code_and_help_names_them() -> None:
    documented = {int(code) for code, _meaning in table_after("## Exit codes")}
    assert documented == {int(code) for code in ExitCode}
    in_help = {
        int(n) for n in re.findall(r"(?:^|; )(\d+) ", EXIT_CODES_HELP.split(":", 1)[1].strip())
    }
    assert in_help == documented
