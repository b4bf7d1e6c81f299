"""`csadvisor team`: a small hand-made team on a tiny ladder, with exact expected output."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from csadvisor.cli import records

SKILLS = """\
skills:
  - id: alpha
    name: Alpha skill
    category: soft
    description: The first skill.
    levels: [a1, a2, a3, a4, a5]
  - id: beta
    name: Beta skill
    category: soft
    description: The second skill.
    levels: [b1, b2, b3, b4, b5]
  - id: gamma
    name: Gamma skill
    category: working
    description: The third skill.
    levels: [g1, g2, g3, g4, g5]
"""
ROLES = """\
roles:
  - id: agent
    title: Agent
    level: 1
    summary: Answers customers.
    next: [lead]
    skills: {alpha: 2, beta: 2}
  - id: lead
    title: Team lead
    level: 2
    summary: Leads agents.
    skills: {alpha: 3, beta: 4, gamma: 3}
"""
JAN_1 = 1767225600  # 2026-01-01T00:00:00Z
CREATED = "2026-01-01T00:00:00+00:00"

# Ana rates herself; Ben rates himself and his manager rates him; cy's file has no name.
TEAM = {
    "ana.yaml": "name: Ana\nrole: agent\nskills: {alpha: 4, beta: 3, gamma: 1}\n",
    "ben.json": json.dumps(
        {
            "name": "Ben",
            "rater": "self",
            "role": "agent",
            "skills": {"alpha": 3, "beta": 1, "gamma": 2},
        }
    ),
    "sub/ben-by-manager.yaml": (
        "name: Ben\nrater: manager\nrole: agent\nskills: {alpha: 1, beta: 1, gamma: 2}\n"
    ),
    "sub/cy.yml": "role: agent\nskills: {alpha: 2, beta: 5, gamma: 1}\n",
}


@pytest.fixture
def ladder(tmp_path: Path) -> Path:
    folder = tmp_path / "ladder"
    folder.mkdir()
    (folder / "skills.yaml").write_text(SKILLS, encoding="utf-8")
    (folder / "roles.yaml").write_text(ROLES, encoding="utf-8")
    return folder


def write_team(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        os.utime(path, (JAN_1, JAN_1))  # answers files are dated by their modification time
    return folder


@pytest.fixture
def team_dir(tmp_path: Path) -> Path:
    return write_team(tmp_path / "team", TEAM)


@pytest.fixture
def team(invoke: Any, ladder: Path, team_dir: Path) -> Any:
    def run(*args: str) -> Any:
        return invoke("--data-dir", str(ladder), "team", str(team_dir), *args)

    return run


def tsv(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


# --------------------------------------------------------------------------- coverage


def test_the_matrix_bench_and_single_points_of_failure_exactly(team: Any) -> None:
    res = team("-f", "tsv")
    assert res.exit_code == 0, res.stderr
    assert tsv(res.stdout) == [
        ["kind", "person", "rater", "created", "role", "alpha", "beta", "gamma", "evidence"],
        ["person", "Ana", "self", CREATED, "agent", "4", "3", "1", ""],
        ["person", "Ben", "self", CREATED, "agent", "3", "1", "2", ""],
        ["person", "Ben", "manager", CREATED, "agent", "1", "1", "2", ""],
        ["person", "cy", "self", CREATED, "agent", "2", "5", "1", ""],
        # Each person once, Ben by his manager's ratings: alpha 4,1,2; beta 3,1,5; gamma 1,2,1.
        ["bench", "", "", "", "", "1", "2", "0", ""],
        ["single-point-of-failure", "", "", "", "", "true", "false", "true", ""],
    ]
    assert res.stderr == "csadvisor: 4 assessments used, 0 files skipped\n"


def test_level_and_min_holders_move_the_thresholds(team: Any) -> None:
    res = team("-f", "tsv", "--level", "2", "--min-holders", "3")
    assert res.exit_code == 0, res.stderr
    rows = tsv(res.stdout)
    assert rows[-2] == ["bench", "", "", "", "", "2", "2", "1", ""]
    assert rows[-1] == ["single-point-of-failure", "", "", "", "", "true", "true", "true", ""]


def test_the_terminal_matrix_shows_each_level_as_a_number_and_a_shade(team: Any) -> None:
    res = team("--view", "coverage", "-f", "table")
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    header = next(line for line in lines if "Skill" in line)
    for who in ("Ana", "Ben", "Ben (manager)", "cy", "Bench (3+)"):
        assert who in header
    alpha = next(line for line in lines if line.strip().startswith("Alpha skill"))
    assert alpha.split()[2:] == [
        "4",
        "\u2593",
        "3",
        "\u2592",
        "1",
        "\u00b7",
        "2",
        "\u2591",
        "1",
        "yes",
    ]
    assert "Levels: 1 \u00b7 2 \u2591 3 \u2592 4 \u2593 5 \u2588" in res.stdout


def test_all_keeps_every_date_and_the_latest_is_used_otherwise(
    invoke: Any, ladder: Path, team_dir: Path
) -> None:
    older = team_dir / "ana-last-year.yaml"
    older.write_text("name: Ana\nrole: agent\nskills: {alpha: 1, beta: 1, gamma: 1}\n")
    os.utime(older, (JAN_1 - 86400 * 365, JAN_1 - 86400 * 365))
    base = ("--data-dir", str(ladder), "team", str(team_dir), "-f", "tsv")
    latest = tsv(invoke(*base).stdout)
    assert [r[1:3] + r[5:8] for r in latest if r[1] == "Ana"] == [["Ana", "self", "4", "3", "1"]]
    every = tsv(invoke(*base, "--all").stdout)
    assert [r[3][:4] + r[5] for r in every if r[1] == "Ana"] == ["20251", "20264"]
    assert every[-2] == latest[-2]  # the bench counts people once, at their latest


# --------------------------------------------------------------------------- other views


def test_target_role_counts_per_skill_biggest_gap_first_and_ranks_people(team: Any) -> None:
    res = team("--target", "Team lead", "-f", "tsv")
    assert res.exit_code == 0, res.stderr
    assert tsv(res.stdout) == [
        list(records.TEAM_TARGET_COLUMNS),
        ["skill", "gamma", "3", "0", "3", "5", "", "", "", "", "", ""],
        ["skill", "beta", "4", "1", "2", "4", "", "", "", "", "", ""],
        ["skill", "alpha", "3", "1", "2", "3", "", "", "", "", "", ""],
        # 1 of 3 requirements met: fewer than half, so stretch at 70% (issue 11's rule).
        ["person", "", "", "", "", "", "Ana", "self", "70", "stretch", "1", "3"],
        ["person", "", "", "", "", "", "cy", "self", "70", "stretch", "1", "3"],
        ["person", "", "", "", "", "", "Ben", "self", "60", "stretch", "1", "3"],
        ["person", "", "", "", "", "", "Ben", "manager", "40", "stretch", "0", "3"],
    ]


def test_an_unknown_target_role_is_not_found(team: Any) -> None:
    res = team("--target", "astronaut")
    assert res.exit_code == 1
    assert res.stdout == ""
    assert "unknown role 'astronaut'" in res.stderr


def test_next_steps_per_person(team: Any) -> None:
    res = team("--view", "next", "-f", "json")
    assert res.exit_code == 0, res.stderr
    got = [
        (r["person"], r["rater"], r["suggestion"], r["readiness"], r["band"])
        for r in json.loads(res.stdout)
    ]
    # Ana and cy meet 1 of 3 requirements: fewer than half, so stretch (issue 11's rule).
    assert got == [
        ("Ana", "self", "lead", 70, "stretch"),
        ("Ben", "self", "lead", 60, "stretch"),
        ("Ben", "manager", "lead", 40, "stretch"),
        ("cy", "self", "lead", 70, "stretch"),
    ]


def test_calibration_sets_self_and_manager_side_by_side_and_flags_two_apart(team: Any) -> None:
    res = team("--view", "calibration", "-f", "tsv", "--all")
    assert res.exit_code == 0, res.stderr
    assert [r[:6] for r in tsv(res.stdout)] == [
        ["person", "skill", "self", "manager", "difference", "flag"],
        ["Ben", "alpha", "3", "1", "-2", "true"],
        ["Ben", "beta", "1", "1", "0", "false"],
        ["Ben", "gamma", "2", "2", "0", "false"],
    ]
    outliers = team("--view", "calibration", "-f", "tsv")
    assert [r[:6] for r in tsv(outliers.stdout)[1:]] == [["Ben", "alpha", "3", "1", "-2", "true"]]
    table = team("--view", "calibration", "-f", "table").stdout
    assert "differ by 2+" in table
    assert "never averaged" in table


# --------------------------------------------------------------------------- anonymous


def test_anonymous_refuses_a_group_smaller_than_min_group(team: Any) -> None:
    res = team("--anonymous")
    assert res.exit_code == 2
    assert res.stdout == ""
    refusal = [line for line in res.stderr.splitlines() if "--anonymous" in line]
    assert refusal == [
        "csadvisor: --anonymous: the group 'team' has 3 people, fewer than 5; nothing shown "
        "(lower --min-group only if that is safe)"
    ]
    # Calibration's group is the people with both assessments: one person here.
    res = team("--anonymous", "--min-group", "3", "--view", "calibration")
    assert res.exit_code == 2
    assert "has 1 person, fewer than 3" in res.stderr


def test_anonymous_shows_counts_and_no_names(team: Any) -> None:
    res = team("--anonymous", "--min-group", "3", "-f", "csv")
    assert res.exit_code == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    alpha = {r["measure"]: int(r["count"]) for r in rows if r["group"] == "alpha"}
    assert alpha == {
        "level 1": 1, "level 2": 1, "level 3": 0, "level 4": 1, "level 5": 0,
        "at level 3 or more": 1,
    }  # fmt: skip
    assert {r["people"] for r in rows} == {"3"}
    for name in ("Ana", "Ben", "cy"):
        assert name not in res.stdout


# --------------------------------------------------------------------------- every format


VIEWS = {
    "team": [],
    "team --target ROLE": ["--target", "lead"],
    "team --view next": ["--view", "next"],
    "team --view calibration": ["--view", "calibration"],
    "team --anonymous": ["--anonymous", "--min-group", "1"],
}


@pytest.mark.parametrize("fmt", ["table", "tsv", "csv", "json", "jsonl"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_every_view_in_every_format(team: Any, view: str, fmt: str) -> None:
    res = team(*VIEWS[view], "-f", fmt)
    assert res.exit_code == 0, res.stderr
    assert res.stdout.strip()
    columns = list(records.expand(records.COLUMNS[view], ["alpha", "beta", "gamma"]))
    if fmt in ("tsv", "csv"):
        sep = "\t" if fmt == "tsv" else ","
        assert res.stdout.splitlines()[0].split(sep) == columns
    elif fmt == "json":
        rows = json.loads(res.stdout)
        assert rows
        assert all(list(r)[: len(columns)] == columns for r in rows)
        assert all(set(list(r)[len(columns) :]) <= JSON_ONLY for r in rows)
    elif fmt == "jsonl":
        for line in res.stdout.splitlines():
            assert list(json.loads(line))[: len(columns)] == columns
            assert set(list(json.loads(line))[len(columns) :]) <= JSON_ONLY


# json always names the file each row came from, and flags (future date, conflict).
JSON_ONLY = {"source", "flags", "self_source", "manager_source"}


# --------------------------------------------------------------------------- untrusted text

HOSTILE = {
    "eve.yaml": (
        "name: 'Eve [red]x[/]'\nrole: agent\nskills: {alpha: 2, beta: 2, gamma: 2}\n"
        "evidence: {alpha: '-1 +1 @SUM(A1)', beta: '[bold]b[/] `x` <img>'}\n"
    ),
    "eve-by-manager.json": json.dumps(
        {
            "name": "Eve [red]x[/]",
            "rater": "manager",
            "role": "agent",
            "skills": {"alpha": 5, "beta": 2, "gamma": 2},
            "evidence": {"alpha": "-SUM(1) led the night queue"},
        }
    ),
    # Refused and skipped: an escape (OSC 52 writes the clipboard), a line break.
    "osc.json": json.dumps(
        {
            "role": "agent",
            "skills": {"alpha": 1, "beta": 1, "gamma": 1},
            "evidence": {"alpha": "hi \x1b]52;c;Zm9v\x07"},
        }
    ),
    "newline.yaml": 'skills: {alpha: 1, beta: 1, gamma: 1}\nevidence: {alpha: "a\\nb"}\n',
    # Kept (text may start like a formula), neutralised in CSV and TSV.
    "formula.yaml": "skills: {alpha: 1, beta: 1, gamma: 1}\nevidence: {alpha: '=HYPERLINK(1)'}\n",
    # No name: the file's name, with its escape made visible and its formula neutralised.
    "\x1b[31mred.yaml": "skills: {alpha: 1, beta: 1, gamma: 1}\n",
    "=cmd.yaml": "skills: {alpha: 1, beta: 1, gamma: 1}\n",
}


@pytest.fixture
def hostile(invoke: Any, ladder: Path, tmp_path: Path) -> Any:
    folder = write_team(tmp_path / "hostile", HOSTILE)

    def run(*args: str) -> Any:
        res = invoke("--data-dir", str(ladder), "team", str(folder), *args)
        assert res.exit_code == 0, res.stderr
        assert "\x1b" not in res.stdout
        assert "\x1b" not in res.stderr
        assert "osc.json: evidence.alpha: contains a control character (\\x1b)" in res.stderr
        assert "newline.yaml: line 2: evidence.alpha: contains a line break" in res.stderr
        assert "formula.yaml" not in res.stderr
        assert "5 assessments used, 2 files skipped" in res.stderr
        return res

    return run


def test_hostile_text_in_csv_never_starts_a_formula(hostile: Any) -> None:
    rows = list(csv.reader(io.StringIO(hostile("-f", "csv").stdout)))
    people = [r for r in rows if r[0] == "person"]
    assert [r[1] for r in people] == [
        "'=cmd",
        "\\x1b[31mred",
        "Eve [red]x[/]",
        "Eve [red]x[/]",
        "formula",
    ]
    assert people[2][-1] == "alpha=-1 +1 @SUM(A1);beta=[bold]b[/] `x` <img>"
    calib = list(
        csv.DictReader(io.StringIO(hostile("--view", "calibration", "--all", "-f", "csv").stdout))
    )
    assert calib[0]["self_evidence"] == "'-1 +1 @SUM(A1)"
    assert calib[0]["manager_evidence"] == "'-SUM(1) led the night queue"
    assert calib[0]["difference"] == "3"
    assert calib[1]["self_evidence"] == "[bold]b[/] `x` <img>"


def test_hostile_text_in_tsv_is_neutralised_in_json_and_jsonl_kept_literally(
    hostile: Any,
) -> None:
    lines = hostile("--view", "calibration", "-f", "tsv").stdout.splitlines()
    assert lines[1].split("\t")[8:] == ["'-1 +1 @SUM(A1)", "'-SUM(1) led the night queue"]
    doc = json.loads(hostile("-f", "json").stdout)
    assert [d["person"] for d in doc[:4]] == ["=cmd", "\\x1b[31mred", "Eve [red]x[/]"] * 1 + [
        "Eve [red]x[/]"
    ]
    assert doc[2]["evidence"] == {"alpha": "-1 +1 @SUM(A1)", "beta": "[bold]b[/] `x` <img>"}
    first = json.loads(hostile("-f", "jsonl").stdout.splitlines()[2])
    assert first["evidence"]["beta"] == "[bold]b[/] `x` <img>"


def test_hostile_text_in_the_terminal_is_text_not_markup(hostile: Any) -> None:
    out = hostile("--view", "calibration", "--all", "-f", "table").stdout
    assert "[red]x[/]" in out.replace("\n", "")
    assert "[bold]b[/]" in out
    matrix = hostile("--view", "coverage", "-f", "table").stdout
    assert "\\x1b[31mred" in matrix
    sheet = hostile("-f", "table").stdout
    assert "\\x1b[31mred" in sheet
    assert "Eve [red]x[/]" in sheet


# --------------------------------------------------------------------------- bad files


def test_unreadable_corrupt_and_wrong_version_files_are_skipped_and_counted(
    invoke: Any, ladder: Path, team_dir: Path, tmp_path: Path
) -> None:
    bad = team_dir / "bad"
    bad.mkdir()
    (bad / "corrupt.json").write_text('{"schema_version": 2, ', encoding="utf-8")
    (bad / "future.json").write_text(json.dumps({"schema_version": 3, "ratings": {}}))
    (bad / "latin1.yaml").write_bytes(b"name: Caf\xe9\nskills: {alpha: 1}\n")
    (bad / "gone.json").symlink_to(tmp_path / "nowhere.json")
    (bad / "notes.txt").write_text("not read: not .json, .yaml or .yml")
    res = invoke("--data-dir", str(ladder), "team", str(team_dir), str(tmp_path / "missing"))
    assert res.exit_code == 0, res.stderr
    err = res.stderr
    assert "corrupt.json: line 1: not valid JSON" in err
    assert (
        "future.json: not a csadvisor assessment (schema_version: must be from 1 to 2, got '3')"
        in err
    )
    assert "latin1.yaml: line 1: not valid UTF-8 (byte 0xe9)" in err
    assert "gone.json: cannot read it" in err
    assert "missing: no such file or folder" in err
    assert err.splitlines()[-1] == "csadvisor: 4 assessments used, 5 files skipped"
    assert "notes.txt" not in err


def test_no_usable_file_exits_3_and_prints_nothing(
    invoke: Any, ladder: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "x.json").write_text("[]")
    res = invoke("--data-dir", str(ladder), "team", str(folder))
    assert res.exit_code == 3
    assert res.stdout == ""
    assert "x.json: neither an assessment result" in res.stderr
    assert "no usable assessment (1 skipped)" in res.stderr


def test_results_saved_by_assess_and_old_v1_files_are_read(
    invoke: Any, ladder: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("role: agent\nskills: {alpha: 3, beta: 4, gamma: 5}\n")
    base = (
        "--data-dir",
        str(ladder),
        "assess",
        "--answers",
        str(answers),
        "-f",
        "json",
        "--no-save",
    )
    res = invoke(*base, "--name", "Dee", "--rater", "peer")
    assert res.exit_code == 0, res.stderr
    folder = tmp_path / "results"
    folder.mkdir()
    (folder / "dee.json").write_text(res.stdout)
    v1 = json.loads(res.stdout)
    for key in ("name", "rater", "evidence"):
        del v1[key]
    v1["schema_version"] = 1
    (folder / "old-self.json").write_text(json.dumps(v1))
    out = invoke("--data-dir", str(ladder), "team", str(folder), "-f", "tsv")
    assert out.exit_code == 0, out.stderr
    assert [r[1:3] + r[5:8] for r in tsv(out.stdout)[1:3]] == [
        ["Dee", "peer", "3", "4", "5"],
        ["old", "self", "3", "4", "5"],  # old-self.json: old, by self
    ]


def test_team_tsv_over_json_files_imports_no_heavy_library(invoke: Any, tmp_path: Path) -> None:
    import subprocess
    import sys

    answers = tmp_path / "a.json"
    from csadvisor.storage import catalog as catalog_module

    skills = [s.id for s in catalog_module.load(catalog_module.resolve_source()).skills]
    answers.write_text(json.dumps({"role": "csr", "skills": dict.fromkeys(skills, 3)}))
    res = invoke("assess", "--answers", str(answers), "-f", "json", "--no-save", "--name", "Al")
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "al.json").write_text(res.stdout)
    code = (
        "import sys\n"
        "from csadvisor.cli.app import app\n"
        f"app(['team', {str(folder)!r}, '-f', 'tsv'], standalone_mode=False)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in HEAVY))\n"
    )
    heavy = "HEAVY = ('rich', 'yaml', 'questionary', 'prompt_toolkit')\n"
    proc = subprocess.run(
        [sys.executable, "-c", heavy + code], capture_output=True, text=True, check=True
    )
    assert proc.stdout.splitlines()[1].split("\t")[1] == "Al"
    assert proc.stdout.splitlines()[-1] == "[]"


def test_anonymous_target_and_next_show_counts_per_group(team: Any) -> None:
    res = team("--anonymous", "--min-group", "3", "--target", "lead", "-f", "json")
    assert res.exit_code == 0, res.stderr
    rows = json.loads(res.stdout)
    bands = {r["measure"]: r["count"] for r in rows if r["group"] == "readiness for lead"}
    # Ana 70, cy 70 (1 of 3 met: stretch by issue 11's rule), Ben (manager) 40
    assert bands == {"ready": 0, "close": 0, "stretch": 3}
    gamma = {r["measure"]: r["count"] for r in rows if r["group"] == "gamma"}
    assert gamma == {"meet": 0, "below": 3}
    res = team("--anonymous", "--min-group", "3", "--view", "next", "-f", "json")
    assert res.exit_code == 0, res.stderr
    assert [
        (r["group"], r["people"], r["measure"], r["count"]) for r in json.loads(res.stdout)
    ] == [
        ("lead", 3, "ready", 0),
        ("lead", 3, "close", 0),
        ("lead", 3, "stretch", 3),
    ]


def saved_result(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema_version": 2,
        "id": "20260101-000000-abcdef",
        "created": CREATED,
        "name": "Al",
        "rater": "self",
        "evidence": {},
        "role": "agent",
        "role_title": "Agent",
        "ratings": {"alpha": 1, "beta": 2, "gamma": 3},
        "suggestion": None,
        "readiness": [],
        "profile": [],
        "top_gaps": [],
        "formula": "readiness = met / required",
    }
    doc.update(changes)
    return {k: v for k, v in doc.items() if v is not ...}


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"schema_version": "2"}, "schema_version: expected a whole number, got '2'"),
        ({"extra": 1}, "extra: unknown key 'extra'"),
        ({"ratings": ...}, "(top level): missing required key 'ratings'"),
        ({"created": "yesterday"}, "created: 'yesterday' is not valid"),
        ({"role": "Agent!"}, "role: 'Agent!' is not valid"),
        ({"ratings": [1, 2]}, "ratings: expected a mapping, got a list"),
        ({"ratings": {"Alpha Skill": 2}}, "ratings.Alpha Skill: 'Alpha Skill' is not valid"),
        ({"ratings": {"alpha": 9}}, "ratings.alpha: must be from 1 to 5, got '9'"),
        ({"ratings": {"alpha": True}}, "ratings.alpha: expected a whole number, got true"),
        ({"rater": "boss"}, "rater: expected one of self, manager, peer, got 'boss'"),
        ({"name": "A\u202eB"}, "name: contains a control character (\\u202e)"),
        ({"evidence": {"alpha": "x\ty"}}, "evidence.alpha: contains a control character (\\t)"),
    ],
)
def test_damaged_saved_results_are_skipped_with_the_reason(
    invoke: Any, ladder: Path, tmp_path: Path, changes: dict[str, Any], reason: str
) -> None:
    folder = tmp_path / "results"
    folder.mkdir()
    (folder / "good.json").write_text(json.dumps(saved_result()))
    (folder / "bad.json").write_text(json.dumps(saved_result(**changes)))
    res = invoke("--data-dir", str(ladder), "team", str(folder), "-f", "tsv")
    assert res.exit_code == 0, res.stderr
    assert f"bad.json: not a csadvisor assessment ({reason}" in res.stderr
    assert res.stderr.splitlines()[-1] == "csadvisor: 1 assessment used, 1 file skipped"
    assert len(res.stdout.splitlines()) == 4  # header, Al, bench, single points


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target", "lead", "--view", "next"], "--target goes with the target view"),
        (["--view", "target"], "--view target needs --target ROLE"),
        (["--level", "6"], "Invalid value for '--level'"),
    ],
)
def test_view_options_that_do_not_fit_are_usage_errors(
    team: Any, args: list[str], message: str
) -> None:
    res = team(*args)
    assert res.exit_code == 2
    assert res.stdout == ""
    assert message in res.stderr


def test_calibration_without_pairs_says_so(invoke: Any, ladder: Path, tmp_path: Path) -> None:
    folder = write_team(tmp_path / "solo", {"ana.yaml": TEAM["ana.yaml"]})
    res = invoke("--data-dir", str(ladder), "team", str(folder), "--view", "calibration")
    assert res.exit_code == 0, res.stderr
    assert "no one has both a self and a manager assessment" in res.stderr
    assert res.stdout.splitlines() == ["\t".join(records.TEAM_CALIBRATION_COLUMNS)]


def test_evidence_and_skills_may_be_named_as_the_catalogue_names_them(
    invoke: Any, ladder: Path, tmp_path: Path
) -> None:
    folder = write_team(
        tmp_path / "named",
        {
            "di.yaml": "name: Di\nskills: {Alpha skill: 2, BETA: 3, gamma: 4}\n"
            "evidence: {alpha skill: Wrote the macro}\n",
            "bad.yaml": "skills: {alpha: 2, beta: 3, gamma: 4}\nevidence: {Alpah skil: x}\n",
        },
    )
    res = invoke("--data-dir", str(ladder), "team", str(folder), "-f", "json")
    assert res.exit_code == 0, res.stderr
    [di] = [r for r in json.loads(res.stdout) if r["kind"] == "person"]
    assert (di["alpha"], di["beta"], di["gamma"]) == (2, 3, 4)
    assert di["evidence"] == {"alpha": "Wrote the macro"}
    assert "bad.yaml: line 2: evidence.Alpah skil: unknown skill 'Alpah skil'; did you mean" in (
        res.stderr
    )
