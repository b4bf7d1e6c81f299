"""``csadvisor assess --answers`` and ``csadvisor next``: validation, formats, export, advice."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from csadvisor.cli.render.plan import first_person
from csadvisor.core.models import Catalog
from csadvisor.storage import catalog as catalog_module

REPO = Path(__file__).resolve().parent.parent
READINESS_COLUMNS = [
    "role", "title", "readiness", "band", "met", "required", "distance", "pay_gain", "reason",
]  # fmt: skip


def bundled() -> Catalog:
    return catalog_module.load(catalog_module.resolve_source())


def ratings(level_for: dict[str, int] | None = None, default: int = 3) -> dict[str, int]:
    """A rating for every bundled skill."""
    pattern = [3, 2, 4, 3, 2, 3, 4, 1, 3, 3, 2, 4, 2, 1, 2, 3]
    out = {s.id: pattern[i % len(pattern)] for i, s in enumerate(bundled().skills)}
    return {**out, **(level_for or {})}


def write_yaml(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def history_files() -> list[Path]:
    folder = Path(os.environ["CSADVISOR_HOME"]) / "assessments"
    return sorted(folder.iterdir()) if folder.exists() else []


def comparable(result: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in result.items() if k not in ("id", "created")}


@pytest.fixture
def answers_yaml(tmp_path: Path) -> Path:
    return write_yaml(tmp_path / "me.yaml", {"role": "csr", "skills": ratings()})


# --------------------------------------------------------------------------- answers validation


def test_yaml_and_json_answers_give_the_same_result(invoke: Any, tmp_path: Path) -> None:
    doc = {"role": "customer-service-specialist", "skills": ratings()}
    as_yaml = write_yaml(tmp_path / "a.yaml", doc)
    as_json = tmp_path / "a.json"
    as_json.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    from_yaml = invoke("assess", "--answers", str(as_yaml), "-f", "json", "--no-save")
    from_json = invoke("assess", "--answers", str(as_json), "-f", "json", "--no-save")
    assert from_yaml.exit_code == 0, from_yaml.stderr
    assert from_json.exit_code == 0, from_json.stderr
    assert comparable(json.loads(from_yaml.stdout)) == comparable(json.loads(from_json.stdout))
    assert json.loads(from_json.stdout)["ratings"] == doc["skills"]


@pytest.mark.parametrize("form", ["yaml", "json"])
def test_answers_from_stdin(invoke: Any, answers_yaml: Path, form: str) -> None:
    doc = yaml.safe_load(answers_yaml.read_text(encoding="utf-8"))
    text = yaml.safe_dump(doc) if form == "yaml" else json.dumps(doc)
    from_stdin = invoke("assess", "--answers", "-", "-f", "json", "--no-save", input=text)
    from_file = invoke("assess", "--answers", str(answers_yaml), "-f", "json", "--no-save")
    assert from_stdin.exit_code == 0, from_stdin.stderr
    assert comparable(json.loads(from_stdin.stdout)) == comparable(json.loads(from_file.stdout))


def test_empty_stdin_is_a_data_error(invoke: Any) -> None:
    res = invoke("assess", "--answers", "-", "--no-save", input="")
    assert res.exit_code == 3
    assert res.stdout == ""
    assert "no answers on stdin" in res.stderr


def test_missing_skills_are_listed(invoke: Any, tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "few.yaml", {"role": "csr", "skills": {"empathy": 3}})
    res = invoke("assess", "--answers", str(path), "--no-save")
    assert res.exit_code == 3
    assert res.stdout == ""
    assert len(res.stderr.splitlines()) == 1
    left_out = [s.id for s in bundled().skills if s.id != "empathy"]
    assert f"{len(left_out)} skill(s) not rated: {', '.join(left_out)}" in res.stderr
    assert "--missing" in res.stderr
    assert history_files() == []


def test_missing_level_fills_the_skills_left_out(invoke: Any, tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "few.yaml", {"role": "csr", "skills": {"empathy": 4}})
    res = invoke("assess", "--answers", str(path), "--missing", "1", "-f", "json", "--no-save")
    assert res.exit_code == 0, res.stderr
    got = json.loads(res.stdout)["ratings"]
    assert got == {s.id: 4 if s.id == "empathy" else 1 for s in bundled().skills}


def test_unknown_skill_names_the_field_and_line(invoke: Any, tmp_path: Path) -> None:
    path = tmp_path / "typo.yaml"
    path.write_text("role: csr\nskills:\n  empathy: 3\n  empathyy: 4\n", encoding="utf-8")
    res = invoke("assess", "--answers", str(path), "--missing", "2", "--no-save")
    assert res.exit_code == 3
    assert res.stdout == ""
    assert f"{path}:4: skills.empathyy: unknown skill 'empathyy'" in res.stderr


@pytest.mark.parametrize("level", [0, 6, -1, "three"])
def test_level_out_of_range_is_a_data_error(invoke: Any, tmp_path: Path, level: Any) -> None:
    path = write_yaml(tmp_path / "bad.yaml", {"skills": ratings({"metrics": level})})
    res = invoke("assess", "--answers", str(path), "--no-save")
    assert res.exit_code == 3
    assert res.stdout == ""
    assert "skills.metrics" in res.stderr
    assert f"{path}:" in res.stderr
    assert history_files() == []


def test_unknown_role_exits_1(invoke: Any, tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "r.yaml", {"role": "astronaut", "skills": ratings()})
    res = invoke("assess", "--answers", str(path))
    assert res.exit_code == 1
    assert res.stdout == ""
    assert "unknown role 'astronaut'" in res.stderr
    assert history_files() == []


@pytest.mark.parametrize(
    "name",
    ["csr", "CSR", "Customer Service Representative", "customer service specialist"],
)
def test_role_by_alias_or_title(invoke: Any, tmp_path: Path, name: str) -> None:
    path = write_yaml(tmp_path / "r.yaml", {"role": name, "skills": ratings()})
    res = invoke("assess", "--answers", str(path), "-f", "json", "--no-save")
    assert res.exit_code == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["role"] == "customer-service-specialist"
    assert out["role_title"] == "Customer service specialist"


def test_answers_file_not_found(invoke: Any, tmp_path: Path) -> None:
    res = invoke("assess", "--answers", str(tmp_path / "nope.yaml"), "--no-save")
    assert res.exit_code == 3
    assert res.stdout == ""
    assert "file not found" in res.stderr


# --------------------------------------------------------------------------- the result


def test_json_result_shape(invoke: Any, answers_yaml: Path) -> None:
    res = invoke("assess", "--answers", str(answers_yaml), "-f", "json", "--no-save")
    assert res.exit_code == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["schema_version"] == 2
    assert (out["name"], out["rater"], out["evidence"]) == (None, "self", {})
    assert out["role"] == "customer-service-specialist"
    assert all(type(v) is int for v in out["ratings"].values())
    assert out["readiness"], "a csr has next roles"
    for item in out["readiness"]:
        assert set(READINESS_COLUMNS) <= set(item)
        assert type(item["readiness"]) is int
        assert 0 <= item["readiness"] <= 100
        assert item["band"] in ("ready", "close", "stretch")
        assert type(item["met"]) is int
        assert type(item["required"]) is int
        assert type(item["distance"]) is int
        assert item["pay_gain"] is None or isinstance(item["pay_gain"], (int, float))
        assert item["reason"].startswith(f"meets {item['met']} of {item['required']}")
    # Ranked: readiness never goes up down the list.
    scores = [i["readiness"] for i in out["readiness"]]
    assert scores == sorted(scores, reverse=True)
    sug = out["suggestion"]
    assert sug["distance"] == 1
    assert sug["role"] in bundled().role_by_id["customer-service-specialist"].next
    assert sug == next(i for i in out["readiness"] if i["distance"] == 1)


def test_json_top_gaps_carry_growth_actions_from_skills_yaml(
    invoke: Any, answers_yaml: Path
) -> None:
    res = invoke("assess", "--answers", str(answers_yaml), "-f", "json", "--no-save")
    out = json.loads(res.stdout)
    skills_yaml = yaml.safe_load((REPO / "data" / "skills.yaml").read_text(encoding="utf-8"))
    by_id = {s["id"]: s for s in skills_yaml["skills"]}
    assert out["top_gaps"], "this profile has gaps for its suggested role"
    suggested_gaps = [(g["skill"], g["rating"], g["required"]) for g in out["suggestion"]["gaps"]]
    assert [(g["skill"], g["rating"], g["required"]) for g in out["top_gaps"]] == (
        suggested_gaps[:5]
    )
    for gap in out["top_gaps"]:
        assert gap["growth"] == by_id[gap["skill"]]["growth"]
        assert gap["growth"], f"{gap['skill']} has growth actions"
        assert gap["gap"] == gap["required"] - gap["rating"] > 0
        assert gap["next_level"] == by_id[gap["skill"]]["levels"][gap["rating"]]


def test_table_result_is_readable(invoke: Any, answers_yaml: Path) -> None:
    # The full result moved behind --details (issue 11); the summary is tested below.
    res = invoke("assess", "--answers", str(answers_yaml), "--no-save", "--details")
    assert res.exit_code == 0, res.stderr
    data = json.loads(
        invoke("assess", "--answers", str(answers_yaml), "-f", "json", "--no-save").stdout
    )
    assert "Your skills profile" in res.stdout
    assert "Suggested next role" in res.stdout
    assert data["suggestion"]["title"] in res.stdout
    assert "What to work on" in res.stdout
    flat = " ".join(res.stdout.split())  # long lines wrap to the terminal width
    assert " ".join(data["top_gaps"][0]["growth"][0].split()) in flat
    assert res.stderr == ""


def test_export_writes_a_markdown_plan(invoke: Any, answers_yaml: Path, tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    res = invoke(
        "assess", "--answers", str(answers_yaml), "--export", str(plan), "-f", "json", "--no-save"
    )
    assert res.exit_code == 0, res.stderr
    out = json.loads(res.stdout)  # stdout still carries only the result
    text = plan.read_text(encoding="utf-8")
    assert text.startswith("# My career development plan\n")
    assert out["suggestion"]["title"] in text
    # Actions are in the plan's first-person voice (issue 11): "your lead" -> "my lead".
    assert first_person(out["top_gaps"][0]["growth"][0]) in text
    assert f"wrote {plan}" in res.stderr
    # Meant to be shared: the user's umask decides (issue 11; it was 0600 before).
    mask = os.umask(0o022)
    os.umask(mask)
    assert (plan.stat().st_mode & 0o777) == 0o666 & ~mask


def test_export_to_a_directory_is_a_usage_error(
    invoke: Any, answers_yaml: Path, tmp_path: Path
) -> None:
    res = invoke("assess", "--answers", str(answers_yaml), "--export", str(tmp_path), "--no-save")
    assert res.exit_code == 2
    assert "is a directory" in res.stderr


@pytest.mark.parametrize("header", [True, False])
def test_tsv_gives_the_readiness_ranking(invoke: Any, answers_yaml: Path, header: bool) -> None:
    flag = "--header" if header else "--no-header"
    res = invoke("assess", "--answers", str(answers_yaml), "-f", "tsv", flag, "--no-save")
    data = json.loads(
        invoke("assess", "--answers", str(answers_yaml), "-f", "json", "--no-save").stdout
    )
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    if header:
        assert lines.pop(0).split("\t") == READINESS_COLUMNS
    rows = [line.split("\t") for line in lines]
    assert all(len(r) == len(READINESS_COLUMNS) for r in rows)
    assert [(r[0], int(r[2]), r[3]) for r in rows] == [
        (i["role"], i["readiness"], i["band"]) for i in data["readiness"]
    ]


def test_no_terminal_and_no_answers_is_a_usage_error(invoke: Any) -> None:
    res = invoke("assess")
    assert res.exit_code == 2
    assert res.stdout == ""
    assert len(res.stderr.splitlines()) == 1
    assert "--answers" in res.stderr
    assert history_files() == []


def test_all_same_ratings_warn_on_stderr(invoke: Any, tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "same.yaml", {"skills": {s.id: 3 for s in bundled().skills}})
    res = invoke("assess", "--answers", str(path), "-f", "json", "--no-save")
    assert res.exit_code == 0, res.stderr
    assert "every skill has the same rating" in res.stderr
    assert "warning" not in res.stdout
    json.loads(res.stdout)


def test_varied_ratings_do_not_warn(invoke: Any, answers_yaml: Path) -> None:
    res = invoke("assess", "--answers", str(answers_yaml), "-f", "json", "--no-save")
    assert "same rating" not in res.stderr


def test_top_of_track_role_has_no_suggestion(invoke: Any, tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "top.yaml", {"role": "account-manager", "skills": ratings()})
    res = invoke("assess", "--answers", str(path), "-f", "json", "--no-save")
    assert res.exit_code == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["suggestion"] is None
    assert out["readiness"] == []
    assert out["top_gaps"] == []
    table = invoke("assess", "--answers", str(path), "--no-save")
    assert "top of its track" in table.stdout


def test_no_role_considers_every_role(invoke: Any, tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "new.yaml", {"skills": ratings()})
    res = invoke("assess", "--answers", str(path), "-f", "json", "--no-save")
    out = json.loads(res.stdout)
    assert out["role"] is None
    assert sorted(i["role"] for i in out["readiness"]) == sorted(r.id for r in bundled().roles)
    assert out["suggestion"] == out["readiness"][0]


def test_displayed_percent_agrees_with_band(invoke: Any, tmp_path: Path) -> None:
    # 30 of 43 required levels is 69.8%: shown as 70%, which the documented thresholds
    # ("close >= 70%") call close. A row must never read "70% stretch".
    path = write_yaml(
        tmp_path / "edge.yaml", {"role": "csr", "skills": {"empathy": 3, "communication": 3}}
    )
    res = invoke("assess", "--answers", str(path), "--missing", "2", "-f", "json", "--no-save")
    assert res.exit_code == 0, res.stderr
    items = json.loads(res.stdout)["readiness"]
    shown = [(i["role"], i["readiness"], i["band"]) for i in items]

    def band(percent: int, held_back: str | None) -> str:
        if held_back:  # issue 11: a key skill far short, or under half met, is stretch
            return "stretch"
        return "ready" if percent >= 90 else "close" if percent >= 70 else "stretch"

    assert shown == [
        (r["role"], r["readiness"], band(r["readiness"], r["held_back"])) for r in items
    ]


def test_assess_saves_by_default(invoke: Any, answers_yaml: Path) -> None:
    res = invoke("assess", "--answers", str(answers_yaml), "-f", "json")
    assert res.exit_code == 0, res.stderr
    out = json.loads(res.stdout)
    files = history_files()
    assert [f.name for f in files] == [f"{out['id']}.json"]
    assert json.loads(files[0].read_text(encoding="utf-8")) == out
    assert f"saved as {out['id']}" in res.stderr


# --------------------------------------------------------------------------- next


def test_next_from_role_shows_pay_change_and_skills(invoke: Any) -> None:
    res = invoke("next", "call-center-specialist", "-f", "json")
    assert res.exit_code == 0, res.stderr
    rows = {r["role"]: r for r in json.loads(res.stdout)}
    assert list(rows) == ["customer-service-specialist", "senior-customer-service-specialist"]
    csr = rows["customer-service-specialist"]
    assert csr["from"] == "call-center-specialist"
    assert csr["pay_change"] == 2625  # 43500 - 40875, yearly midpoints
    assert csr["currency"] == "USD"
    assert csr["note"] is None
    changes = {c["skill"]: (c["from"], c["to"]) for c in csr["skills"]}
    assert changes["data-literacy"] == (None, 1)  # new: numbers stay numbers
    assert changes["problem-solving"] == (1, 2)
    assert "empathy" not in changes  # 2 -> 2 is neither new nor higher
    assert "data-literacy new 1" in csr["skill_changes"]
    senior = rows["senior-customer-service-specialist"]
    assert senior["pay_change"] is None
    assert senior["note"] == "no published range to compare"
    assert {"skill": "empathy", "from": 2, "to": 4} in senior["skills"]
    assert res.stderr == ""


def test_next_from_role_tsv_and_table(invoke: Any) -> None:
    tsv = invoke("next", "call-center-specialist", "-f", "tsv")
    lines = [line.split("\t") for line in tsv.stdout.splitlines()]
    header = lines[0]
    assert header == [
        "from", "role", "title", "level", "pay_change", "currency", "note", "skill_changes",
        "overlap",  # added at the end by issue 11
    ]  # fmt: skip
    first = dict(zip(header, lines[1], strict=True))
    assert first["pay_change"] == "2625"
    second = dict(zip(header, lines[2], strict=True))
    assert second["note"] == "no published range to compare"
    table = invoke("next", "call-center-specialist", "-f", "table")
    assert "+$2,625 a year" in table.stdout
    # The note wraps inside its cell: its words are there, line by line.
    assert "no published" in table.stdout
    assert "compare" in table.stdout


def test_next_from_top_of_track_says_so_on_stderr(invoke: Any) -> None:
    res = invoke("next", "account-manager", "-f", "json")
    assert res.exit_code == 0
    assert json.loads(res.stdout) == []
    assert "account-manager is the top of its track" in res.stderr


def test_next_unknown_role(invoke: Any) -> None:
    res = invoke("next", "astronaut")
    assert res.exit_code == 1
    assert res.stdout == ""
    assert "unknown role 'astronaut'" in res.stderr


def test_next_without_role_or_history(invoke: Any) -> None:
    res = invoke("next")
    assert res.exit_code == 1
    assert res.stdout == ""
    assert "csadvisor assess" in res.stderr


def test_next_without_role_uses_latest_assessment(invoke: Any, answers_yaml: Path) -> None:
    saved = invoke("assess", "--answers", str(answers_yaml), "-f", "json")
    assert saved.exit_code == 0, saved.stderr
    res = invoke("next", "-f", "json")
    assert res.exit_code == 0, res.stderr
    advice = json.loads(res.stdout)
    before = json.loads(saved.stdout)
    assert advice["suggestion"] == before["suggestion"]
    assert [i["role"] for i in advice["readiness"]] == [i["role"] for i in before["readiness"]]
    table = invoke("next")
    assert before["suggestion"]["title"] in table.stdout


def test_next_with_assessment_file(invoke: Any, tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "cc.yaml", {"role": "call center agent", "skills": ratings()})
    res = invoke("assess", "--answers", str(path), "-f", "json", "--no-save")
    result_file = tmp_path / "result.json"
    result_file.write_text(res.stdout, encoding="utf-8")
    advice = invoke("next", "--assessment", str(result_file), "-f", "json")
    assert advice.exit_code == 0, advice.stderr
    got = json.loads(advice.stdout)
    assert got["role"] == "call-center-specialist"
    assert got["suggestion"] == json.loads(res.stdout)["suggestion"]
    assert history_files() == []


def test_next_with_a_file_that_is_not_a_result(invoke: Any, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"hello": "world"}\n', encoding="utf-8")
    res = invoke("next", "--assessment", str(bogus))
    assert res.exit_code == 3
    assert res.stdout == ""
    assert "not a csadvisor assessment result" in res.stderr


# --------------------------------------------------------------------------- who, and evidence

EVIDENCE = {
    "empathy": "[red]x[/] calmed a caller *twice* <b>",
    "coaching": "- [link](http://e/) `code` | pipe",
}


def test_name_and_rater_from_options_and_from_the_file(invoke: Any, tmp_path: Path) -> None:
    path = write_yaml(
        tmp_path / "sam.yaml",
        {"name": "Sam Lee", "rater": "peer", "role": "csr", "skills": ratings()},
    )
    res = invoke("assess", "--answers", str(path), "-f", "json", "--no-save")
    assert res.exit_code == 0, res.stderr
    assert (json.loads(res.stdout)["name"], json.loads(res.stdout)["rater"]) == ("Sam Lee", "peer")
    res = invoke(
        "assess", "--answers", str(path), "-f", "json", "--no-save",
        "--name", "Samira Lee", "--rater", "manager",
    )  # fmt: skip
    assert res.exit_code == 0, res.stderr
    assert (json.loads(res.stdout)["name"], json.loads(res.stdout)["rater"]) == (
        "Samira Lee",
        "manager",
    )


@pytest.mark.parametrize("bad", ["Sam\x1b]52;c;Zm9v\x07", "Sam\u200bLee", "x" * 101])
def test_a_bad_name_option_is_a_usage_error(invoke: Any, answers_yaml: Path, bad: str) -> None:
    res = invoke("assess", "--answers", str(answers_yaml), "--name", bad, "--no-save")
    assert res.exit_code == 2
    assert res.stdout == ""
    assert res.stderr.startswith("csadvisor: --name: ")
    assert res.stderr.count("\n") == 1
    assert "\x1b" not in res.stderr


def test_an_unknown_rater_is_a_usage_error(invoke: Any, answers_yaml: Path) -> None:
    res = invoke("assess", "--answers", str(answers_yaml), "--rater", "boss", "--no-save")
    assert res.exit_code == 2
    assert "'boss' is not one of" in res.stderr


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        ({"astrology": "Read the stars"}, "evidence.astrology: unknown skill 'astrology'"),
        ({"empathy": "one\ntwo"}, "evidence.empathy: contains a line break"),
        ({"empathy": "x\x1b[2J"}, "evidence.empathy: contains a control character (\\x1b)"),
        ({"empathy": "x" * 301}, "evidence.empathy: is 301 characters long; the limit is 300"),
        ({"empathy": "a\u2028b"}, "evidence.empathy: contains a control character (\\u2028)"),
        ({"empathy": "a\u200bb"}, "is not valid: contains an invisible character"),
    ],
)
def test_bad_evidence_in_an_answers_file_is_refused(
    invoke: Any, tmp_path: Path, evidence: dict[str, str], message: str
) -> None:
    path = tmp_path / "me.json"
    path.write_text(json.dumps({"role": "csr", "skills": ratings(), "evidence": evidence}))
    res = invoke("assess", "--answers", str(path), "--no-save")
    assert res.exit_code == 3
    assert res.stdout == ""
    assert message in res.stderr
    assert history_files() == []


def test_evidence_is_kept_and_shown_as_text_everywhere(invoke: Any, tmp_path: Path) -> None:
    path = write_yaml(
        tmp_path / "me.yaml",
        {"name": "[bold]Eve[/]", "role": "csr", "skills": ratings(), "evidence": EVIDENCE},
    )
    plan = tmp_path / "plan.md"
    res = invoke("assess", "--answers", str(path), "-f", "json", "--export", str(plan))
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["evidence"] == {
        "empathy": EVIDENCE["empathy"],
        "coaching": EVIDENCE["coaching"],
    }
    md = plan.read_text(encoding="utf-8")
    assert "- About \\[bold\\]Eve\\[/\\], rated by themselves" in md
    assert "## Examples behind my ratings" in md
    assert "\\[red\\]x\\[/\\] calmed a caller \\*twice\\* \\<b\\>" in md
    coaching = next(line for line in md.splitlines() if line.startswith("- Coaching"))
    assert coaching.endswith("\\[link\\](http&#58;//e/) \\`code\\` \\| pipe")

    shown = invoke("history", "show", "latest", "--person", "[bold]Eve[/]")  # not yours
    assert shown.exit_code == 0, shown.stderr
    assert "About [bold]Eve[/], rated by themselves" in shown.stdout
    assert "Examples behind the ratings" in shown.stdout
    assert "[red]x[/] calmed a caller *twice* <b>" in shown.stdout


def test_a_saved_version_1_file_still_loads(invoke: Any, answers_yaml: Path) -> None:
    res = invoke("assess", "--answers", str(answers_yaml), "-f", "json")
    assert res.exit_code == 0, res.stderr
    [saved] = history_files()
    doc = json.loads(saved.read_text(encoding="utf-8"))
    for key in ("name", "rater", "evidence"):
        del doc[key]
    doc["schema_version"] = 1
    saved.write_text(json.dumps(doc), encoding="utf-8")
    shown = invoke("history", "show", "latest", "-f", "json")
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout) == doc
    assert "About" not in invoke("history", "show", "latest").stdout
    listed = invoke("history", "-f", "tsv")
    assert listed.exit_code == 0
    assert doc["id"] in listed.stdout
    assert listed.stderr == ""


def test_a_file_of_a_newer_version_is_reported_and_skipped(invoke: Any, answers_yaml: Path) -> None:
    invoke("assess", "--answers", str(answers_yaml))
    [saved] = history_files()
    doc = json.loads(saved.read_text(encoding="utf-8"))
    doc["schema_version"] = 3
    saved.write_text(json.dumps(doc), encoding="utf-8")
    res = invoke("history", "-f", "tsv")
    assert res.exit_code == 0
    assert "schema_version: must be from 1 to 2, got '3'" in res.stderr
    assert saved.read_text(encoding="utf-8") == json.dumps(doc)  # never changed


def test_next_from_a_saved_assessment_keeps_who_and_the_evidence(
    invoke: Any, tmp_path: Path
) -> None:
    path = write_yaml(
        tmp_path / "me.yaml",
        {"name": "Sam", "role": "csr", "skills": ratings(), "evidence": {"empathy": "Calm"}},
    )
    assert invoke("assess", "--answers", str(path), "--rater", "peer").exit_code == 0
    res = invoke("next", "--person", "sam", "-f", "json")  # about Sam: not your own
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    assert (doc["name"], doc["rater"], doc["evidence"]) == ("Sam", "peer", {"empathy": "Calm"})


def test_the_template_shows_name_rater_and_evidence_and_they_work_uncommented(
    invoke: Any,
) -> None:
    import re

    template = invoke("assess", "--template").stdout
    filled = re.sub(r"(?m)^(  [a-z0-9-]+):$", r"\1: 3", template)
    for key in ("name: ", "rater: ", "evidence:", "  empathy: Calmed"):
        filled = filled.replace(f"# {key}", key)
    res = invoke("assess", "--answers", "-", "--no-save", "-f", "json", input=filled)
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    assert (doc["name"], doc["rater"]) == ("Sam Lee", "self")
    assert doc["evidence"] == {"empathy": "Calmed a caller who had waited an hour"}
