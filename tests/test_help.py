"""Help for people: natural usage lines, a way in, and no word cut in two at 80 columns."""

from __future__ import annotations

import re
from typing import Any

import pytest
from typer.testing import CliRunner

from csadvisor.cli.app import COMMANDS, app

GROUPS = {"history": ["show", "diff"], "data": ["init", "validate", "path", "schema"]}
ALL = [[c] for c in COMMANDS] + [[g, s] for g, subs in GROUPS.items() for s in subs]


def help_text(args: list[str], columns: int, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = CliRunner().invoke(app, [*args, "--help"])
    assert result.exit_code == 0, result.output
    return result.stdout


def words(text: str) -> set[str]:
    """The words of a help screen, without the frame and punctuation that differ between
    Rich's layout (wide) and Click's plain one (below 100 columns): "-f," and "-f",
    "[default: 2; x>=1]" and "[default: 2] [x>=1]", "Options:" and "Options"."""
    return {w.strip("│╭╮╰╯─*,;:[]") for w in text.split()} - {"", "/"}


@pytest.mark.parametrize("args", [[], *ALL], ids=lambda a: " ".join(a) or "csadvisor")
def test_no_help_text_breaks_a_word_at_80_columns(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every word shown at 80 columns is a word of the same help laid out at 250 columns,
    # where nothing needs to wrap: a word cut in two would be two new "words".
    wide = words(help_text(args, 250, monkeypatch))
    narrow = words(help_text(args, 80, monkeypatch))
    assert narrow - wide == set()


@pytest.mark.parametrize(
    ("args", "usage"),
    [
        (["role"], "Usage: csadvisor role ROLE [OPTIONS]"),
        (["skill"], "Usage: csadvisor skill SKILL [OPTIONS]"),
        (["pay"], "Usage: csadvisor pay ROLE... [OPTIONS]"),
        (["history", "show"], "Usage: csadvisor history show ID [OPTIONS]"),
    ],
)
def test_usage_lines_read_as_the_command_is_typed(
    args: list[str], usage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = help_text(args, 100, monkeypatch)
    assert usage in text
    assert "{" not in text.split("\n", 3)[1]


def test_root_help_ends_with_three_examples_and_where_to_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines = [ln.strip() for ln in help_text([], 80, monkeypatch).splitlines() if ln.strip()]
    assert lines[-1] == "Start here: csadvisor assess"
    examples = lines[lines.index("Examples:") + 1 : -1]
    assert len(examples) == 3
    assert all(e.startswith("csadvisor ") for e in examples)


@pytest.mark.parametrize("args", [[], ["pay"], ["history", "diff"]])
def test_help_command_prints_the_same_help_as_dash_dash_help(
    invoke: Any, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = help_text(args, 100, monkeypatch)
    result = invoke("help", *args)
    assert result.exit_code == 0
    assert result.stdout == expected


def test_help_for_an_unknown_command_is_a_usage_error(invoke: Any) -> None:
    result = invoke("help", "payy")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert re.match(r"csadvisor: no command 'payy'", result.stderr)


@pytest.mark.parametrize("args", ALL, ids=lambda a: " ".join(a))
def test_option_descriptions_are_readable_at_80_columns(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """p4's U1: Rich's option table left descriptions about 20 columns at 80 (a column
    for --no-header, another for ranges), so `pay --help` was 169 lines. Below 100
    columns the help is Click's plain layout: descriptions start by column 40."""
    text = help_text(args, 80, monkeypatch)
    line = next(ln for ln in text.splitlines() if "Show this message and exit." in ln)
    assert line.index("Show this message") <= 40
    assert max(len(ln) for ln in text.splitlines()) <= 80
    if args == ["pay"]:
        assert len(text.splitlines()) < 110
