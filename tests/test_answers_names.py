"""Answers files as people write them: skill names in any case, and a template to fill."""

from __future__ import annotations

import json
import re
from typing import Any

from csadvisor.storage.catalog import load, resolve_source

CATALOG = load(resolve_source(None))
SKILLS = {s.id: s for s in CATALOG.skills}


def all_rated(**overrides: Any) -> dict[str, Any]:
    return {"role": "csr", "skills": {**dict.fromkeys(SKILLS, 3), **overrides}}


def test_skill_names_and_ids_in_any_case_are_accepted(invoke: Any) -> None:
    doc = {"role": "csr", "skills": dict.fromkeys(SKILLS, 3)}
    del doc["skills"]["empathy"], doc["skills"]["problem-solving"], doc["skills"]["coaching"]
    doc["skills"]["EMPATHY"] = 5
    doc["skills"][SKILLS["problem-solving"].name] = 1  # "Problem-solving and curiosity"
    doc["skills"]["Coaching"] = 4
    result = invoke("assess", "--answers", "-", "--no-save", "-f", "json", input=json.dumps(doc))
    assert result.exit_code == 0, result.stderr
    ratings = json.loads(result.stdout)["ratings"]
    assert (ratings["empathy"], ratings["problem-solving"], ratings["coaching"]) == (5, 1, 4)


def test_an_unknown_skill_gets_did_you_mean(invoke: Any) -> None:
    doc = all_rated(empthy=2)
    result = invoke("assess", "--answers", "-", "--no-save", input=json.dumps(doc))
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "skills.empthy: unknown skill 'empthy'; did you mean 'empathy'?" in result.stderr


def test_a_skill_rated_twice_under_two_names_is_refused(invoke: Any) -> None:
    doc = all_rated(Empathy=2)
    result = invoke("assess", "--answers", "-", "--no-save", input=json.dumps(doc))
    assert result.exit_code == 3
    assert "'Empathy' rates empathy a second time" in result.stderr


def test_template_lists_every_skill_id_with_its_five_levels_as_comments(invoke: Any) -> None:
    result = invoke("assess", "--template")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [ln.strip()[:-1] for ln in lines if re.fullmatch(r"  [a-z0-9-]+:", ln)] == list(SKILLS)
    for skill in SKILLS.values():
        at = lines.index(f"  {skill.id}:")
        levels = lines[at - 5 : at]
        assert levels == [
            f"  #   {n}: {' '.join(t.split())}" for n, t in enumerate(skill.levels, 1)
        ]


def test_a_filled_in_template_is_scored_and_an_empty_one_is_refused(
    invoke: Any, tmp_path: Any
) -> None:
    template = invoke("assess", "--template").stdout
    empty = invoke("assess", "--answers", "-", "--no-save", input=template)
    assert empty.exit_code == 3
    assert "skills.empathy: left blank (write a level 1-5, or pass --missing LEVEL)" in (
        empty.stderr
    )
    assert len(empty.stderr.splitlines()) == len(SKILLS)  # every blank, each with its line
    assert "more" not in empty.stderr
    filled = re.sub(r"(?m)^(  [a-z0-9-]+):$", r"\1: 4", template)
    filled = filled.replace("# role: ", "role: ")
    result = invoke("assess", "--answers", "-", "--no-save", "-f", "json", input=filled)
    assert result.exit_code == 0, result.stderr
    assert set(json.loads(result.stdout)["ratings"].values()) == {4}


def test_levels_as_text_and_level_names_are_accepted(invoke: Any) -> None:
    given = "skills:\n  empathy: '3'\n  communication: 4 Advanced\n  coaching: skilled\n"
    res = invoke(
        "assess", "--answers", "-", "--missing", "1", "--no-save", "-f", "json", input=given
    )
    assert res.exit_code == 0, res.stderr
    ratings = json.loads(res.stdout)["ratings"]
    assert (ratings["empathy"], ratings["communication"], ratings["coaching"]) == (3, 4, 3)


def test_missing_fills_blank_levels_and_every_problem_is_listed_with_its_line(
    invoke: Any,
) -> None:
    partly = "skills:\n  empathy: 5\n  communication:\n  coaching: ''\n"
    res = invoke(
        "assess", "--answers", "-", "--missing", "2", "--no-save", "-f", "json", input=partly
    )
    assert res.exit_code == 0, res.stderr
    ratings = json.loads(res.stdout)["ratings"]
    assert (ratings["empathy"], ratings["communication"], ratings["coaching"]) == (5, 2, 2)
    wrong = "skills:\n  empathy: 3 Expert\n  communication: lots\n  coaching: 9\n  nope: 1\n"
    bad = invoke("assess", "--answers", "-", "--missing", "2", "--no-save", input=wrong)
    assert bad.exit_code == 3
    lines = bad.stderr.splitlines()
    assert [line.split(": ")[1] for line in lines] == [
        "<stdin>:2",
        "<stdin>:3",
        "<stdin>:4",
        "<stdin>:5",
    ]
    assert "expected a whole number, got '3 Expert'" in lines[0]
    assert "unknown skill 'nope'" in lines[3]
