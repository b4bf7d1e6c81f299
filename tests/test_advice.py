"""Issue 11 §3-§4: the short summary, --details, lateral moves, overlap, history diff, the plan."""

from __future__ import annotations

import io
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from csadvisor.cli.render.plan import first_person
from csadvisor.cli.render.result import SUMMARY_LINES, write_summary
from csadvisor.core import advisor, assessment
from csadvisor.core.advisor import Answers
from csadvisor.core.models import Catalog, Role
from csadvisor.storage import catalog as catalog_module
from csadvisor.storage import history

DATE_ONLY = re.compile(r"^- Date: \d{4}-\d\d-\d\d$", re.M)


def bundled() -> Catalog:
    return catalog_module.load(catalog_module.resolve_source())


def ratings(**changes: int) -> dict[str, int]:
    pattern = [3, 2, 4, 3, 2, 3, 4, 1, 3, 3, 2, 4, 2, 1, 2, 3]
    out = {s.id: pattern[i % len(pattern)] for i, s in enumerate(bundled().skills)}
    return {**out, **{k.replace("_", "-"): v for k, v in changes.items()}}


def answers_file(tmp_path: Path, role: str | None, **changes: int) -> Path:
    doc: dict[str, Any] = {"skills": ratings(**changes)}
    if role:
        doc["role"] = role
    path = tmp_path / f"{role or 'new'}.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


def flat(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- the summary

PROFILES = [
    ("csr", {}),
    ("csr", {"coaching": 1, "troubleshooting": 1, "empathy": 1}),
    ("call-center-specialist", {}),
    (None, {}),
    (None, {"empathy": 1, "communication": 1, "metrics": 1}),
    ("account-manager", {}),
    ("customer-service-manager", {"scheduling": 1}),
]


@pytest.mark.parametrize(("role", "changes"), PROFILES)
def test_summary_fits_an_80_by_24_terminal(
    invoke: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, role: str | None, changes: Any
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    res = invoke("assess", "--answers", str(answers_file(tmp_path, role, **changes)))
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    assert len(lines) <= SUMMARY_LINES == 12, res.stdout
    assert all(len(line) <= 80 for line in lines)
    saved = history.load_all(lambda _: None)[-1]
    assert f"csadvisor plan {saved.id} --export plan.md" in flat(res.stdout)
    assert "--details" in res.stdout
    assert "Your skills profile" not in res.stdout  # the details wait for --details


def test_summary_names_the_role_readiness_band_gaps_with_an_action_and_pay(
    invoke: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    path = answers_file(
        tmp_path, "call-center-specialist", empathy=1, communication=1, problem_solving=1
    )
    doc = json.loads(invoke("assess", "--answers", str(path), "-f", "json", "--no-save").stdout)
    res = invoke("assess", "--answers", str(path), "--no-save")
    page = flat(res.stdout)
    sug = doc["suggestion"]
    assert res.stdout.startswith(f"Suggested next role: {sug['title']}\n")
    assert f"{sug['readiness']}% ready ({sug['band']})" in page
    assert f"meets {sug['met']} of {sug['required']} requirements" in page
    shown = [g for g in doc["top_gaps"] if f"{g['name']} {g['rating']} -> {g['required']}" in page]
    assert 2 <= len(shown) <= 3
    assert shown == doc["top_gaps"][: len(shown)]  # the ones that matter most, in order
    for gap in shown:
        assert flat(min(gap["growth"], key=len)) in page  # one action each
    # Call center -> customer service specialist: both ranges published.
    assert "Pay change: +$2,625 a year at the midpoint" in page
    assert "Robert Half 2026 Salary Guide" in page
    assert "More: --details, --export plan.md" in page  # not saved: no history id


def test_a_newcomer_sees_the_suggested_roles_published_starting_range(
    invoke: Any, tmp_path: Path
) -> None:
    path = answers_file(tmp_path, None)
    doc = json.loads(invoke("assess", "--answers", str(path), "-f", "json", "--no-save").stdout)
    role = bundled().role_by_id[doc["suggestion"]["role"]]
    page = flat(invoke("assess", "--answers", str(path), "--no-save").stdout)
    if role.pay is None:
        assert f"Pay: no published range for {role.title}" in page
    else:
        assert doc["target_pay"]["low"] == role.pay.low
        assert f"Starting pay: ${role.pay.low:,.0f} - ${role.pay.high:,.0f} a year" in page
        assert role.pay.source in page


def test_newcomer_starting_range_when_the_suggestion_has_one() -> None:
    # Low ratings everywhere: the entry role is the most ready, and it has a published range.
    cat = bundled()
    low = Answers(None, {s.id: 1 for s in cat.skills} | {"empathy": 2, "communication": 2})
    result = assessment.result(low, cat)
    assert result.suggestion is not None
    entry = cat.role_by_id[result.suggestion.role]
    assert entry.pay is not None
    out = io.StringIO()
    write_summary(result, out)
    assert f"Starting pay: ${entry.pay.low:,.0f} - ${entry.pay.high:,.0f} a year" in flat(
        out.getvalue()
    )


def test_details_show_the_profile_every_role_and_every_action(invoke: Any, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "csr")
    doc = json.loads(invoke("assess", "--answers", str(path), "-f", "json", "--no-save").stdout)
    short = invoke("assess", "--answers", str(path), "--no-save").stdout
    full = invoke("assess", "--answers", str(path), "--no-save", "--details").stdout
    assert "Your skills profile" in full
    assert "Your skills profile" not in short
    for item in doc["readiness"]:
        assert item["title"] in full
    for gap in doc["top_gaps"]:
        for action in gap["growth"]:
            assert flat(action) in flat(full)
    assert len(full.splitlines()) > len(short.splitlines())


def test_next_without_a_role_is_the_summary_and_history_show_the_details(
    invoke: Any, tmp_path: Path
) -> None:
    path = answers_file(tmp_path, "csr")
    assert invoke("assess", "--answers", str(path)).exit_code == 0
    advice = invoke("next")
    shown = invoke("history", "show", "latest")
    assert advice.stdout != shown.stdout
    assert advice.stdout.startswith("Suggested next role: ")
    assert "Your skills profile" not in advice.stdout
    assert "Your skills profile" in shown.stdout
    assert "Your skills profile" in invoke("next", "--details").stdout


def test_accessible_mode_prints_the_result_as_plain_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # a colour terminal, as far as rich can tell
    result = assessment.result(Answers("customer-service-specialist", ratings()), bundled())
    coloured, plain = io.StringIO(), io.StringIO()
    write_summary(result, coloured)
    write_summary(result, plain, plain=True)
    assert "\x1b[" in coloured.getvalue()  # the check below can fail
    assert "\x1b" not in plain.getvalue()
    uncoloured = re.sub(r"\x1b\[[0-9;]*m", "", coloured.getvalue())
    assert [line.rstrip() for line in uncoloured.splitlines()] == plain.getvalue().splitlines()


def test_accessible_environment_reaches_the_result(
    invoke: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    path = answers_file(tmp_path, "csr")
    assert "\x1b[" in invoke("assess", "--answers", str(path), "--no-save").stdout
    monkeypatch.setenv("ACCESSIBLE", "1")
    for args in (["--no-save"], ["--no-save", "--details"]):
        res = invoke("assess", "--answers", str(path), *args)
        assert res.exit_code == 0, res.stderr
        assert "\x1b" not in res.stdout
    assert "\x1b" not in invoke("assess", "--answers", str(path), "--accessible").stdout
    assert "\x1b" not in invoke("next").stdout


# --------------------------------------------------------------------------- the rule in help


def test_the_readiness_rule_is_in_help_and_readme(invoke: Any) -> None:
    for command in ("assess", "next"):
        helped = invoke(command, "--help")
        assert helped.exit_code == 0
        assert flat(advisor.READINESS_FORMULA) in flat(helped.stdout), command
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert flat(advisor.READINESS_FORMULA) in flat(readme.replace("\n> ", " "))


# --------------------------------------------------------------------------- top of a track


def role(rid: str, level: int, skills: dict[str, int], next_: tuple[str, ...] = ()) -> Role:
    return Role(rid, rid.title(), level, "", (), (), next_, skills, None)


def test_lateral_moves_at_the_top_of_a_track_rank_by_readiness_then_overlap() -> None:
    from csadvisor.core.models import Skill

    skills = tuple(
        Skill(s, s.title(), "soft", "d", tuple(f"{s} {i}" for i in range(1, 6)), (f"do {s}",))  # type: ignore[arg-type]
        for s in ("a", "b", "c", "d")
    )
    cat = Catalog(
        roles=(
            role("entry", 1, {"a": 1}, ("top",)),
            role("top", 3, {"a": 3, "b": 3}),
            role("lower", 2, {"a": 1}),  # below: not a lateral move
            role("same-a", 3, {"a": 3, "c": 4}),  # overlap with top: a (1 of 2) = 50%
            role("same-b", 3, {"b": 3, "d": 4}),  # overlap: b (1 of 2) = 50%
            role("higher", 4, {"a": 3, "b": 3, "c": 2}),  # overlap 2 of 3 = 67%
        ),
        skills=skills,
    )
    answers = Answers("top", {"a": 3, "b": 3, "c": 2, "d": 2})
    advice = advisor.advise(answers, cat)
    assert advice.suggestion is None
    moves = [
        (m.readiness.role.id, m.readiness.percent, advisor.percent(m.overlap))
        for m in advice.lateral
    ]
    # higher: (3+3+2)/8 = 100%; same-a: (3+2)/7 = 71%; same-b: (3+2)/7 = 71%, tie -> order
    assert moves == [("higher", 100, 67), ("same-a", 71, 50), ("same-b", 71, 50)]
    assert [s.id for s, _ in advice.strengths] == ["a", "b", "c"]


def test_a_role_at_the_top_gets_lateral_moves_and_strengths_never_just_no_next_role(
    invoke: Any, tmp_path: Path
) -> None:
    path = answers_file(tmp_path, "account-manager")
    doc = json.loads(invoke("assess", "--answers", str(path), "-f", "json", "--no-save").stdout)
    cat = bundled()
    here = cat.role_by_id["account-manager"]
    expected = {r.id for r in cat.roles if r.level >= here.level and r.id != here.id}
    assert {m["role"] for m in doc["lateral"]} == expected
    scores = [(m["readiness"], m["overlap"]) for m in doc["lateral"]]
    assert scores == sorted(scores, reverse=True)
    for m in doc["lateral"]:
        assert m["overlap"] == advisor.percent(advisor.overlap(here, cat.role_by_id[m["role"]]))
    assert [s["rating"] for s in doc["strengths"]] == sorted(
        (s["rating"] for s in doc["strengths"]), reverse=True
    )
    assert doc["strengths"][0]["rating"] == max(doc["ratings"].values())
    page = flat(invoke("assess", "--answers", str(path), "--no-save").stdout)
    assert "Account manager is the top of its track." in page
    assert f"1. {doc['lateral'][0]['title']}: {doc['lateral'][0]['readiness']}% ready" in page
    assert f"{doc['lateral'][0]['overlap']}% skill overlap" in page
    assert f"Your strongest skills: {doc['strengths'][0]['name']}" in page


# --------------------------------------------------------------------------- next ROLE overlap


def test_next_role_shows_skill_overlap(invoke: Any) -> None:
    rows = json.loads(invoke("next", "call-center-specialist", "-f", "json").stdout)
    cat = bundled()
    here = cat.role_by_id["call-center-specialist"]
    for row in rows:
        target = cat.role_by_id[row["role"]]
        met = sum(1 for s, lvl in target.skills.items() if here.skills.get(s, 0) >= lvl)
        assert row["overlap"] == round(100 * met / len(target.skills))
    by_id = {r["role"]: r["overlap"] for r in rows}
    assert by_id["customer-service-specialist"] == 50  # 7 of 14 requirements
    tsv = invoke("next", "call-center-specialist", "-f", "tsv").stdout.splitlines()
    assert tsv[0].split("\t")[-1] == "overlap"
    assert tsv[1].split("\t")[-1] == "50"
    table = invoke("next", "call-center-specialist", "-f", "table").stdout
    assert "50%" in table
    assert "Overlap" in table


# --------------------------------------------------------------------------- history diff


def save_at(day: int, **changes: int) -> dict[str, Any]:
    now = datetime(2025, 3, day, 9, 30, tzinfo=timezone.utc)
    result = assessment.result(
        Answers("customer-service-specialist", ratings(**changes)), bundled(), now=now
    )
    return history.save(result).result.doc()


def test_history_diff_opens_with_dates_and_the_readiness_change(
    invoke: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = save_at(1, metrics=1)
    new = save_at(9, metrics=1, coaching=4, troubleshooting=5)
    moved = [s for s in old["ratings"] if old["ratings"][s] != new["ratings"][s]]
    assert moved == ["troubleshooting", "coaching"]
    title = new["suggestion"]["title"]
    assert old["suggestion"]["role"] == new["suggestion"]["role"]
    before, after = old["suggestion"]["readiness"], new["suggestion"]["readiness"]
    assert before < after
    res = invoke("history", "diff", "-f", "table")
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0] == "Progress from 2025-03-01 to 2025-03-09"
    assert lines[1] == f"Suggested next role: {title} (unchanged)"
    assert re.match(rf"{re.escape(title)}: {before}% (->|\u2192) {after}%", lines[2])
    assert "Coaching" in res.stdout
    assert "+2" in res.stdout
    assert "Empathy" not in res.stdout  # unchanged: only with --all
    assert "14 skill ratings did not change; --all lists them." in flat(res.stdout)
    everything = invoke("history", "diff", "--all", "-f", "table").stdout
    assert "Empathy" in everything

    doc = json.loads(invoke("history", "diff", "-f", "json").stdout)
    assert (doc["old"]["date"], doc["new"]["date"]) == ("2025-03-01", "2025-03-09")
    assert (doc["old"]["readiness"], doc["new"]["readiness"]) == (before, after)
    sug = next(r for r in doc["readiness"] if r["role"] == new["suggestion"]["role"])
    assert (sug["before"], sug["after"], sug["change"]) == (before, after, after - before)
    assert [s["skill"] for s in doc["skills"]] == ["troubleshooting", "coaching"]
    assert len(doc["unchanged"]) == 14
    tsv = invoke("history", "diff").stdout.splitlines()
    assert [line.split("\t")[0] for line in tsv[1:]] == ["troubleshooting", "coaching"]


def test_history_diff_when_the_suggestion_changed(invoke: Any) -> None:
    save_at(1)
    save_at(2, **{s.id: 5 for s in bundled().skills})
    doc = json.loads(invoke("history", "diff", "-f", "json").stdout)
    page = invoke("history", "diff", "-f", "table").stdout.splitlines()
    if doc["old"]["suggestion"] != doc["new"]["suggestion"]:
        assert re.match(
            rf"Suggested next role: {re.escape(doc['old']['suggestion_title'])} (->|\u2192) ",
            page[1],
        )
    else:
        assert page[1].endswith("(unchanged)")


# --------------------------------------------------------------------------- the plan


def export(invoke: Any, tmp_path: Path, *extra: str, role: str = "csr") -> Any:
    path = answers_file(tmp_path, role, coaching=1, troubleshooting=1, knowledge_writing=1)
    return invoke("assess", "--answers", str(path), "--export", str(tmp_path / "plan.md"), *extra)


def test_the_plan_has_its_sections_in_order_and_the_top_three_gaps(
    invoke: Any, tmp_path: Path
) -> None:
    res = export(invoke, tmp_path, "--no-save", "-f", "json")
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    plan = (tmp_path / "plan.md").read_text(encoding="utf-8")
    headings = [line for line in plan.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Where I am and where I want to go",
        "## What I will work on first",
        "## Support I need",
        "## Agreed next steps",
        "## Details",
    ]
    assert plan.startswith("# My career development plan\n")
    assert "- Name: ____" in plan  # left to fill in
    assert DATE_ONLY.search(plan)
    assert doc["created"][:10] in plan
    assert "Assessment:" not in plan
    assert doc["id"] not in plan
    assert f"- Current role: {doc['role_title']}" in plan
    assert f"**{doc['suggestion']['title']}**" in plan
    gaps = re.findall(r"^### (\d)\. (.+): from level (\d) to (\d)$", plan, re.M)
    assert [(g[1], int(g[2]), int(g[3])) for g in gaps] == [
        (g["name"], g["rating"], g["required"]) for g in doc["top_gaps"][:3]
    ]
    assert plan.count("Suggested timeframe: ") == 3
    first = advisor.timeframe(doc["top_gaps"][0]["gap"])
    assert f"Suggested timeframe: {first} (csadvisor's rough guide, not a promise" in plan
    for gap in doc["top_gaps"]:
        for action in gap["growth"]:
            assert f"- [ ] {first_person(action)}" in plan
    # One voice: the headings say "I", and so do the actions.
    body = plan[: plan.index("_How readiness is computed")]  # the formula is shared text
    assert not re.search(r"\b(you|your|yourself)\b", body, re.I)
    support = plan.index("## Support I need")
    agreed = plan.index("## Agreed next steps")
    assert plan[support:agreed].strip().endswith("-")  # an empty item to fill in
    for item in doc["readiness"]:
        assert item["title"] in plan  # details: every role


def test_the_plan_shows_the_id_only_when_saved_and_the_name_when_known(
    invoke: Any, tmp_path: Path
) -> None:
    res = export(invoke, tmp_path, "-f", "json")
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    plan = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert f"- Assessment: {doc['id']}" in plan
    from csadvisor.cli.render.plan import result_markdown
    from csadvisor.core.result import from_doc

    named = result_markdown(from_doc({**doc, "name": "Ana *Lopez*"}), saved=False)
    assert r"- Name: Ana \*Lopez\*" in named


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_the_plan_follows_the_umask_while_the_saved_assessment_stays_private(
    invoke: Any, tmp_path: Path, mask: int
) -> None:
    old = os.umask(mask)
    try:
        res = export(invoke, tmp_path)
    finally:
        os.umask(old)
    assert res.exit_code == 0, res.stderr
    assert ((tmp_path / "plan.md").stat().st_mode & 0o777) == 0o666 & ~mask
    (saved,) = [s.path for s in history.load_all(lambda _: None)]
    assert (saved.stat().st_mode & 0o777) == 0o600


def test_export_onto_an_existing_file_needs_force(invoke: Any, tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("my notes\n", encoding="utf-8")
    res = export(invoke, tmp_path)
    assert res.exit_code == 2
    assert res.stdout == ""
    assert len(res.stderr.splitlines()) == 1
    assert "already exists; add --force" in res.stderr
    assert target.read_text(encoding="utf-8") == "my notes\n"
    assert history.load_all(lambda _: None) == []  # refused before anything was saved
    forced = export(invoke, tmp_path, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert target.read_text(encoding="utf-8").startswith("# My career development plan")


@pytest.mark.parametrize("kind", ["symlink", "dangling-symlink", "fifo"])
def test_export_refuses_a_link_or_special_file(invoke: Any, tmp_path: Path, kind: str) -> None:
    target = tmp_path / "plan.md"
    victim = tmp_path / "victim.txt"
    if kind == "symlink":
        victim.write_text("keep me\n", encoding="utf-8")
        target.symlink_to(victim)
    elif kind == "dangling-symlink":
        target.symlink_to(tmp_path / "nowhere.md")
    else:
        os.mkfifo(target)
    for extra in ([], ["--force"]):
        res = export(invoke, tmp_path, *extra)
        assert res.exit_code == 2, res.stderr
        assert res.stdout == ""
        assert len(res.stderr.splitlines()) == 1
        assert "symbolic link" in res.stderr or "not a regular file" in res.stderr
    if kind == "symlink":
        assert victim.read_text(encoding="utf-8") == "keep me\n"
        assert target.is_symlink()
    assert not (tmp_path / "nowhere.md").exists()


def test_the_plan_at_the_top_of_a_track_names_a_lateral_move(invoke: Any, tmp_path: Path) -> None:
    res = export(invoke, tmp_path, "--no-save", "-f", "json", role="account-manager")
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    plan = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert f"- Target role (a lateral move): **{doc['lateral'][0]['title']}**" in plan
    assert "- My strongest skills: " in plan
    assert "## Support I need" in plan


def test_a_result_saved_before_these_fields_still_shows(invoke: Any) -> None:
    result = save_at(1)
    path = history.load_all(lambda _: None)[0].path
    old = {k: v for k, v in result.items() if k not in ("lateral", "strengths", "target_pay")}
    for item in [old["suggestion"], *old["readiness"]]:
        item.pop("held_back", None)
    path.write_text(json.dumps(old), encoding="utf-8")
    shown = invoke("history", "show", "latest")
    assert shown.exit_code == 0, shown.stderr
    assert "Your skills profile" in shown.stdout
    assert "Pay change: no published range to compare." in flat(shown.stdout)
    assert invoke("next").exit_code == 0


@pytest.mark.parametrize(
    ("action", "mine"),
    [
        ("Ask your lead to show you one feature", "Ask my lead to show me one feature"),
        ("Keep a log of cues you missed", "Keep a log of cues I missed"),
        ("Your notes, yourself, with you", "My notes, myself, with me"),
        ("Set a goal", "Set a goal"),
        ("Youth and yours", "Youth and mine"),
        ("APPROVED BY YOUR MANAGER", "APPROVED BY MY MANAGER"),
    ],
)
def test_actions_are_written_in_the_plans_voice(action: str, mine: str) -> None:
    assert first_person(action) == mine


def test_next_role_at_the_top_of_a_track_names_lateral_moves_on_stderr(invoke: Any) -> None:
    res = invoke("next", "customer-service-manager", "-f", "json")
    assert res.exit_code == 0
    assert json.loads(res.stdout) == []
    assert len(res.stderr.splitlines()) == 1
    cat = bundled()
    here = cat.role_by_id["customer-service-manager"]
    for other in ("account-manager", "customer-experience-specialist"):
        share = advisor.percent(advisor.overlap(here, cat.role_by_id[other]))
        assert f"{other} ({share}% overlap)" in res.stderr
    assert "customer-service-specialist" not in res.stderr  # a lower level: not lateral
