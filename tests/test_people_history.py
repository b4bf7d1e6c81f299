"""Whose assessment is this: history, next, diff and plan per person; history rm; plan."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from csadvisor.core import assessment
from csadvisor.core.advisor import Answers
from csadvisor.errors import UsageError
from csadvisor.storage import history
from test_history import HISTORY_COLUMNS, bundled, folder, ratings


def save(day: int, name: str | None = None, rater: str = "self", level: int = 3) -> str:
    """An assessment dated 2025-03-<day> about ``name`` (None: me) by ``rater``."""
    now = datetime(2025, 3, day, 9, 30, tzinfo=timezone.utc)
    answers = Answers("customer-service-specialist", ratings(level), name, rater)
    result = assessment.result(answers, bundled(), now=now)
    return history.save(result).id


def rows(res: Any) -> list[dict[str, str]]:
    lines = [line.split("\t") for line in res.stdout.splitlines()]
    assert lines[0] == HISTORY_COLUMNS
    return [dict(zip(HISTORY_COLUMNS, line, strict=True)) for line in lines[1:]]


def test_history_lists_your_own_by_default_with_person_and_rater(invoke: Any) -> None:
    mine = save(1)
    gus = save(2, "Gus Moreno", "manager")
    res = invoke("history")
    assert res.exit_code == 0, res.stderr
    assert [(r["id"], r["person"], r["rater"]) for r in rows(res)] == [(mine, "me", "self")]
    table = invoke("history", "-f", "table")
    assert "1 more saved about other people" in table.stderr
    everyone = rows(invoke("history", "--everyone"))
    assert [(r["id"], r["person"], r["rater"]) for r in everyone] == [
        (mine, "me", "self"),
        (gus, "Gus Moreno", "manager"),
    ]


def test_person_matches_any_case_spaces_and_hyphens_and_suggests_a_near_name(
    invoke: Any,
) -> None:
    gus = save(2, "Gus Moreno", "manager")
    save(3, "Ana López", "peer")
    for spelled in ("gus moreno", "GUS-MORENO", "Gus  Moreno"):
        assert [r["id"] for r in rows(invoke("history", "--person", spelled))] == [gus]
    assert [r["person"] for r in rows(invoke("history", "--person", "ana lopez"))] == ["Ana López"]
    typo = invoke("history", "--person", "Gus Morena")
    assert typo.exit_code == 1
    assert "did you mean 'Gus Moreno'?" in typo.stderr
    assert rows(invoke("history", "--everyone", "--rater", "peer"))[0]["person"] == "Ana López"


def test_next_and_diff_default_to_your_own_self_assessments(invoke: Any) -> None:
    """The issue: a lead's manager assessment of Gus must not become 'your' latest."""
    save(1, level=2)
    save(2, level=3)
    save(3, "Gus Moreno", "manager", level=5)
    nxt = invoke("next", "-f", "json")
    assert nxt.exit_code == 0, nxt.stderr
    assert json.loads(nxt.stdout).get("name") is None
    diff = json.loads(invoke("history", "diff", "-f", "json").stdout)
    assert (diff["old"]["date"], diff["new"]["date"]) == ("2025-03-01", "2025-03-02")
    about_gus = json.loads(invoke("next", "--person", "gus moreno", "-f", "json").stdout)
    assert about_gus["name"] == "Gus Moreno"
    one = invoke("history", "diff", "--person", "Gus Moreno")
    assert one.exit_code == 1
    assert "need two saved assessments of Gus Moreno" in one.stderr


def test_diff_refuses_two_different_people(invoke: Any) -> None:
    mine = save(1)
    gus = save(2, "Gus Moreno", "manager")
    res = invoke("history", "diff", mine, gus)
    assert res.exit_code == 2
    assert "about you and" in res.stderr
    assert "about Gus Moreno" in res.stderr
    assert res.stdout == ""


def test_only_others_saved_says_where_to_look(invoke: Any) -> None:
    save(1, "Gus Moreno", "manager")
    res = invoke("next")
    assert res.exit_code == 1
    assert "no saved self-assessment of your own" in res.stderr
    assert "--everyone" in res.stderr


def test_saving_about_someone_else_says_where_it_went(invoke: Any, tmp_path: Path) -> None:
    answers = tmp_path / "gus.yaml"
    answers.write_text("skills: {empathy: 4}\n", encoding="utf-8")
    res = invoke(
        "assess", "--answers", str(answers), "--missing", "3", "--name", "Gus Moreno",
        "--rater", "manager", "-f", "json",
    )  # fmt: skip
    assert res.exit_code == 0, res.stderr
    assert "saved about Gus Moreno (rated by manager), apart from your own" in res.stderr
    assert "csadvisor history --person 'Gus Moreno'" in res.stderr


def test_history_rm_asks_and_without_a_terminal_needs_yes(invoke: Any) -> None:
    keep = save(1)
    gone = save(2, "Gus Moreno", "manager")
    refused = invoke("history", "rm", gone)
    assert refused.exit_code == 2
    assert "add --yes" in refused.stderr
    assert len(list(folder().iterdir())) == 2
    done = invoke("history", "rm", gone, "--yes")
    assert done.exit_code == 0, done.stderr
    assert f"deleted {gone}" in done.stderr
    assert [p.stem for p in folder().iterdir()] == [keep]
    again = invoke("history", "rm", gone, "--yes")
    assert again.exit_code == 1


def test_history_rm_at_a_terminal_asks_and_only_yes_deletes(monkeypatch: Any) -> None:
    import io
    import sys

    from csadvisor.cli.commands.history import confirm

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    for typed, meant in (("n\n", False), ("\n", False), ("y\n", True), ("YES\n", True)):
        monkeypatch.setattr(sys, "stdin", Tty(typed))
        err = Tty()
        assert confirm("Delete saved assessment X?", "X", err, True) is meant
        assert err.getvalue() == "Delete saved assessment X? [y/N] "
    with pytest.raises(UsageError, match="add --yes"):
        confirm("Delete saved assessment X?", "X", Tty(), False)


def test_history_rm_ctrl_c_at_the_question_is_a_cancel_exit_130(monkeypatch: Any) -> None:
    """Ctrl-C at "Delete …? [y/N]" printed "^Ccsadvisor: nothing deleted" on the prompt's
    line and exited 0, where README's table says Ctrl-C is 130 (p4)."""
    import io
    import sys

    from csadvisor.cli.commands.history import confirm
    from csadvisor.errors import CancelledError, ExitCode

    class Interrupted(io.StringIO):
        def isatty(self) -> bool:
            return True

        def readline(self, size: int = -1) -> str:
            raise KeyboardInterrupt

    monkeypatch.setattr(sys, "stdin", Interrupted())
    err = Interrupted()
    with pytest.raises(CancelledError) as caught:
        confirm("Delete saved assessment X?", "X", err, True)
    assert caught.value.exit_code == ExitCode.CANCELLED == 130
    assert str(caught.value) == "cancelled; nothing deleted"
    assert err.getvalue().endswith("[y/N] \n")  # the message goes on a line of its own


def test_plan_from_a_saved_result_without_a_retake(invoke: Any, tmp_path: Path) -> None:
    mine = save(1)
    printed = invoke("plan")
    assert printed.exit_code == 0, printed.stderr
    assert printed.stdout.startswith("# My career development plan")
    assert f"- Assessment: {mine}" in printed.stdout
    assert "csadvisor's rough guide, not a promise" in printed.stdout
    target = tmp_path / "plan.md"
    wrote = invoke("plan", mine[:12], "--export", str(target))
    assert wrote.exit_code == 0, wrote.stderr
    assert target.read_text(encoding="utf-8") == printed.stdout
    again = invoke("plan", "--export", str(target))
    assert again.exit_code == 2
    assert "--force" in again.stderr


def test_the_more_hint_names_a_plan_command_that_works(invoke: Any, tmp_path: Path) -> None:
    answers = tmp_path / "me.yaml"
    answers.write_text("skills: {empathy: 4}\n", encoding="utf-8")
    res = invoke("assess", "--answers", str(answers), "--missing", "3", "-f", "table")
    hint = next(line for line in res.stdout.splitlines() if line.startswith("More:"))
    saved_id = res.stderr.split("saved as ")[1].split()[0]
    assert f"csadvisor plan {saved_id} --export plan.md" in " ".join(
        [hint, *res.stdout.split(hint)[1].split()]
    )
    follow = invoke("plan", saved_id, "--export", str(tmp_path / "plan.md"))
    assert follow.exit_code == 0, follow.stderr


def test_old_saved_files_without_name_or_rater_are_yours(invoke: Any) -> None:
    ident = save(1)
    path = folder() / f"{ident}.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    for key in ("name", "rater", "evidence"):
        doc.pop(key, None)
    doc["schema_version"] = 1
    path.write_text(json.dumps(doc), encoding="utf-8")
    before = path.read_bytes()
    assert [(r["person"], r["rater"]) for r in rows(invoke("history"))] == [("me", "self")]
    assert invoke("next").exit_code == 0
    assert invoke("plan").exit_code == 0
    assert path.read_bytes() == before  # read, never rewritten


def test_web_addresses_in_plan_text_never_become_links() -> None:
    from csadvisor.cli.render.markdown import markdown_text

    out = markdown_text("See https://evil.example/x, www.evil.example or bob@evil.example")
    import re

    assert not re.search(r"[a-z]:/", out)  # every scheme's ':' escaped
    assert not re.search(r"www\.", out)
    assert "@" not in out
    # Character references: a reader sees the same address, a renderer links nothing.
    assert "https&#58;//evil.example/x" in out
    assert "www&#46;evil.example" in out
    assert "bob&#64;evil.example" in out
