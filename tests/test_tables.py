"""Tables a person can read at any width: no id or word cut in two, stacked when narrow."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from csadvisor.cli.app import app
from csadvisor.storage.catalog import load, resolve_source

CATALOG = load(resolve_source(None))
ROLE_IDS = [r.id for r in CATALOG.roles]
SKILL_IDS = [s.id for s in CATALOG.skills]
WIDTHS = [60, 80, 100, 160]


def shown(args: list[str], width: int, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    result = CliRunner().invoke(app, [*args, "-f", "table"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def whole_words(stdout: str) -> set[str]:
    return {word.strip(",;:()") for word in stdout.split()}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("args", "ids"),
    [(["roles"], ROLE_IDS), (["skills"], SKILL_IDS + ROLE_IDS)],
    ids=["roles", "skills"],
)
def test_every_id_is_shown_whole_on_one_line(
    args: list[str], ids: list[str], width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    stdout = shown(args, width, monkeypatch)
    assert set(ids) <= whole_words(stdout)
    assert max(len(line) for line in stdout.splitlines()) <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_no_word_of_a_title_is_cut(width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    stdout = shown(["roles"], width, monkeypatch)
    title_words = {w for r in CATALOG.roles for w in r.title.split()}
    shown_words = whole_words(stdout)
    # A word cut in two would leave its pieces, which are not words of any title.
    assert title_words <= shown_words


@pytest.mark.parametrize(("width", "stacked"), [(60, True), (79, True), (80, False), (160, False)])
def test_narrow_terminals_get_one_block_per_record(
    width: int, stacked: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    stdout = shown(["roles"], width, monkeypatch)
    assert ("Level:" in stdout) is stacked
    assert ("─" in stdout) is not stacked


@pytest.mark.parametrize("width", WIDTHS)
def test_history_shows_role_titles_and_whole_ids(
    invoke: Any, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = json.dumps({"role": "csr", "skills": dict.fromkeys(SKILL_IDS, 3)})
    saved = invoke("assess", "--answers", "-", "-f", "json", input=answers)
    assert saved.exit_code == 0, saved.stderr
    assessment_id = json.loads(saved.stdout)["id"]
    stdout = shown(["history"], width, monkeypatch)
    assert assessment_id in whole_words(stdout)
    assert {"Customer", "service", "specialist", "Senior"} <= whole_words(stdout)
    assert "customer-service-specialist" not in stdout
    if width >= 160:  # room for every title on one line
        assert "Customer service specialist" in stdout
        assert "Senior customer service specialist" in stdout


def test_a_table_written_to_a_file_has_no_trailing_spaces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stdout = shown(["roles"], 100, monkeypatch)
    assert all(line == line.rstrip() for line in stdout.splitlines())


@pytest.mark.parametrize(
    ("typed", "count"),
    [("technical", 4), ("technical and AI", 4), ("Technical and AI", 4), ("soft", 4)],
)
def test_category_filter_takes_the_label_the_table_shows(
    invoke: Any, typed: str, count: int
) -> None:
    result = invoke("skills", "--category", typed, "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == count
    assert len({r["category"] for r in rows}) == 1


def test_csv_figures_whole_dollars_yearly_two_decimals_hourly_and_monthly(invoke: Any) -> None:
    yearly = invoke("pay", "csr", "--adjust", "1.013", "-f", "csv", "--no-header")
    monthly = invoke("pay", "csr", "-p", "month", "-f", "csv", "--no-header")
    hourly = invoke("pay", "csr", "-p", "hour", "-f", "csv", "--no-header")
    assert yearly.stdout.split(",")[2:5] == ["39000", "49130", "44065"]
    assert monthly.stdout.split(",")[2:5] == ["3208.33", "4041.67", "3625.00"]
    assert hourly.stdout.split(",")[2:5] == ["18.51", "23.32", "20.91"]
