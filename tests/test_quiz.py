"""The quiz as data: run_quiz over a fake ask, real key presses, and the CLI's interactive path."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from csadvisor.cli.app import app
from csadvisor.cli.prompts import quiz
from csadvisor.cli.prompts.menu import menu_ask
from csadvisor.core import assessment
from csadvisor.core.advisor import Answers
from csadvisor.core.models import Catalog, Role, Skill
from csadvisor.storage import catalog as catalog_module

DOWN = "\x1b[B"
ENTER = "\r"


def small_catalog() -> Catalog:
    def skill(sid: str) -> Skill:
        return Skill(
            sid,
            sid.title(),
            "soft",
            "",
            tuple(f"{sid} behaviour {i}" for i in range(1, 6)),  # type: ignore[arg-type]
            ("grow",),
        )

    def role(rid: str, next_: tuple[str, ...] = ()) -> Role:
        return Role(rid, rid.title(), 1, "", (), (), next_, {"alpha": 2, "beta": 3})

    return Catalog(
        roles=(role("agent", ("lead",)), role("lead")),
        skills=(skill("alpha"), skill("beta"), skill("gamma")),
    )


def bundled() -> Catalog:
    return catalog_module.load(catalog_module.resolve_source())


class ScriptedAsk:
    """Answers questions from a script of (expected key, answer) and records what was asked."""

    def __init__(self, script: Iterable[tuple[str, str]]) -> None:
        self.script = list(script)
        self.asked: list[quiz.Question] = []

    def __call__(self, question: quiz.Question) -> str:
        self.asked.append(question)
        assert self.script, f"unexpected question {question.key}: {question.message}"
        key, answer = self.script.pop(0)
        assert question.key == key, f"asked {question.key}, expected {key}"
        allowed = [c.value for c in question.choices]
        if question.can_go_back:
            allowed.append(quiz.BACK)
        assert question.free_text or answer in allowed, (answer, question.choices)
        return answer

    def done(self) -> bool:
        return not self.script


# --------------------------------------------------------------------------- run_quiz


def test_run_quiz_asks_role_then_every_skill_then_review() -> None:
    cat = small_catalog()
    ask = ScriptedAsk(
        [("role", "agent"), ("alpha", "2"), ("beta", "4"), ("gamma", "1"), ("review", quiz.FINISH)]
    )
    got = quiz.run_quiz(cat, ask)
    assert got == Answers("agent", {"alpha": 2, "beta": 4, "gamma": 1})
    assert ask.done()
    role_q, *skill_qs, review_q = ask.asked
    assert role_q.message == "What is your current role?"
    assert [c.value for c in role_q.choices] == ["agent", "lead", quiz.NO_ROLE]
    # The newcomer choice says what it leads to.
    assert role_q.choices[-1].label == quiz.NO_ROLE_LABEL
    assert "picks the role that fits you best" in role_q.choices[-1].label
    assert [q.message for q in skill_qs] == [
        "Skill 1 of 3: Alpha. Which sounds most like you?",
        "Skill 2 of 3: Beta. Which sounds most like you?",
        "Skill 3 of 3: Gamma. Which sounds most like you?",
    ]
    # Each level is described as behaviour, not just a number; the echo is level and word.
    assert [c.label for c in skill_qs[1].choices] == [f"beta behaviour {i}" for i in range(1, 6)]
    assert [c.echo for c in skill_qs[1].choices] == [
        "1 Learning",
        "2 Independent",
        "3 Skilled",
        "4 Advanced",
        "5 Expert",
    ]
    assert [c.value for c in skill_qs[1].choices] == ["1", "2", "3", "4", "5"]
    assert review_q.default == quiz.FINISH
    assert "Beta: 4 Advanced" in [c.label for c in review_q.choices]


def test_run_quiz_not_in_customer_service_gives_no_role() -> None:
    ask = ScriptedAsk(
        [
            ("role", quiz.NO_ROLE),
            ("alpha", "3"),
            ("beta", "2"),
            ("gamma", "1"),
            ("review", quiz.FINISH),
        ]
    )
    assert quiz.run_quiz(small_catalog(), ask) == Answers(None, {"alpha": 3, "beta": 2, "gamma": 1})


def test_review_change_one_skill_then_finish() -> None:
    ask = ScriptedAsk(
        [
            ("role", "agent"),
            ("alpha", "2"),
            ("beta", "3"),
            ("gamma", "1"),
            ("review", "beta"),
            ("beta", "5"),
            ("review", quiz.FINISH),
        ]
    )
    got = quiz.run_quiz(small_catalog(), ask)
    assert got == Answers("agent", {"alpha": 2, "beta": 5, "gamma": 1})
    again = ask.asked[5]
    assert again.message.startswith("Skill 2 of 3: Beta.")
    assert again.default == "3"  # the earlier answer is preselected
    last_review = ask.asked[6]
    assert "Beta: 5 Expert" in [c.label for c in last_review.choices]


@pytest.mark.parametrize(("new_role", "expected"), [("lead", "lead"), (quiz.NO_ROLE, None)])
def test_review_change_role(new_role: str, expected: str | None) -> None:
    ask = ScriptedAsk(
        [
            ("role", "agent"),
            ("alpha", "2"),
            ("beta", "3"),
            ("gamma", "1"),
            ("review", quiz.CHANGE_ROLE),
            ("role", new_role),
            ("review", quiz.FINISH),
        ]
    )
    got = quiz.run_quiz(small_catalog(), ask)
    assert got == Answers(expected, {"alpha": 2, "beta": 3, "gamma": 1})
    assert ask.asked[5].default == "agent"
    assert ask.asked[4].choices[1].label == "Role: Agent"


def test_all_same_ratings_offer_review_and_changing_one_ends_it() -> None:
    ask = ScriptedAsk(
        [
            ("role", "agent"),
            ("alpha", "3"),
            ("beta", "3"),
            ("gamma", "3"),
            ("review", quiz.FINISH),
            ("same", quiz.REVIEW),
            ("review", "gamma"),
            ("gamma", "1"),
            ("review", quiz.FINISH),  # no longer all the same: no warning
        ]
    )
    got = quiz.run_quiz(small_catalog(), ask)
    assert got == Answers("agent", {"alpha": 3, "beta": 3, "gamma": 1})
    assert ask.done()
    warning = ask.asked[5]
    assert warning.message.startswith("You rated every skill 3.")
    assert "unreliable" in warning.message
    assert warning.default == quiz.REVIEW


def test_all_same_ratings_finish_anyway() -> None:
    ask = ScriptedAsk(
        [
            ("role", "agent"),
            ("alpha", "4"),
            ("beta", "4"),
            ("gamma", "4"),
            ("review", quiz.FINISH),
            ("same", quiz.FINISH),
        ]
    )
    assert quiz.run_quiz(small_catalog(), ask) == Answers(
        "agent", {"alpha": 4, "beta": 4, "gamma": 4}
    )


# --------------------------------------------------------------------------- same result both ways


def bundled_script(cat: Catalog, role_id: str | None) -> list[tuple[str, str]]:
    levels = [2, 3, 4, 3, 1, 5, 2, 2, 3, 4, 3, 2, 1, 2, 3, 4]
    script = [("role", role_id or quiz.NO_ROLE)]
    script += [(s.id, str(levels[i % len(levels)])) for i, s in enumerate(cat.skills)]
    return [*script, ("review", quiz.FINISH)]


def comparable(result: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in result.items() if k not in ("id", "created")}


@pytest.mark.parametrize("role_id", ["customer-service-specialist", None])
def test_interactive_and_scripted_answers_give_the_same_result(
    invoke: Any, tmp_path: Path, role_id: str | None
) -> None:
    cat = bundled()
    script = bundled_script(cat, role_id)
    answers = quiz.run_quiz(cat, ScriptedAsk(script))
    interactive = assessment.result(answers, cat).doc()

    doc: dict[str, Any] = {"skills": {key: int(value) for key, value in script[1:-1]}}
    if role_id:
        doc["role"] = role_id
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    res = invoke("assess", "--answers", str(path), "-f", "json", "--no-save")
    assert res.exit_code == 0, res.stderr
    assert comparable(json.loads(res.stdout)) == comparable(interactive)


# --------------------------------------------------------------------------- CLI, interactive


class TerminalStdin(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_in_terminal(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    ask: Callable[[quiz.Question], str],
    *args: str,
) -> tuple[int, str, str, list[str]]:
    """Run csadvisor in-process as if stdin were a terminal, answering with ``ask``."""
    closed: list[str] = []
    monkeypatch.setattr(
        quiz, "terminal_ask", lambda accessible=False: (ask, lambda: closed.append("closed"))
    )
    monkeypatch.setattr(sys, "stdin", TerminalStdin())
    code = app(list(args), standalone_mode=False)
    out, err = capsys.readouterr()
    return code, out, err, closed


def history_files() -> list[Path]:
    folder = Path(os.environ["CSADVISOR_HOME"]) / "assessments"
    return sorted(folder.glob("*")) if folder.exists() else []


def test_cli_interactive_path_matches_answers_file(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    invoke: Any,
    tmp_path: Path,
) -> None:
    cat = bundled()
    script = bundled_script(cat, "call-center-specialist")
    doc = {"role": "call-center-specialist", "skills": {k: int(v) for k, v in script[1:-1]}}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    scripted = invoke("assess", "--answers", str(path), "-f", "json", "--no-save")
    assert scripted.exit_code == 0, scripted.stderr

    code, out, err, closed = run_in_terminal(
        monkeypatch, capsys, ScriptedAsk(script), "assess", "-f", "json", "--no-save"
    )
    assert code == 0, err
    assert comparable(json.loads(out)) == comparable(json.loads(scripted.stdout))
    assert closed == ["closed"]
    assert history_files() == []


def test_cli_interactive_path_saves_to_history(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cat = bundled()
    code, out, err, _ = run_in_terminal(
        monkeypatch,
        capsys,
        ScriptedAsk(bundled_script(cat, "customer-service-specialist")),
        "assess",
    )
    assert code == 0, err
    assert "Suggested next role" in out
    files = history_files()
    assert len(files) == 1
    saved = json.loads(files[0].read_text(encoding="utf-8"))
    assert saved["role"] == "customer-service-specialist"
    assert f"saved as {saved['id']}" in err


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, EOFError])
@pytest.mark.parametrize("after", [0, 5, 17], ids=["first-prompt", "mid-quiz", "at-review"])
def test_cli_cancel_exits_130_and_saves_nothing(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    interrupt: type[BaseException],
    after: int,
) -> None:
    cat = bundled()
    script = ScriptedAsk(bundled_script(cat, "customer-service-specialist"))
    asked = 0

    def ask(question: quiz.Question) -> str:
        nonlocal asked
        if asked == after:
            raise interrupt
        asked += 1
        return script(question)

    code, out, err, closed = run_in_terminal(monkeypatch, capsys, ask, "assess")
    assert code == 130
    assert err == "csadvisor: Assessment cancelled; nothing saved.\n"
    assert out == ""
    assert history_files() == []
    assert closed == ["closed"]


# --------------------------------------------------------------------------- real keys


def test_menu_ask_picks_with_arrow_keys() -> None:
    cat = bundled()
    with create_pipe_input() as inp:
        inp.send_text(DOWN + DOWN + ENTER)
        ask = menu_ask(input=inp, output=DummyOutput())
        assert ask(quiz.role_question(cat)) == cat.roles[2].id


def test_menu_ask_starts_on_the_default() -> None:
    skill = bundled().skills[0]
    with create_pipe_input() as inp:
        inp.send_text(ENTER)
        ask = menu_ask(input=inp, output=DummyOutput())
        assert ask(quiz.skill_question(skill, 1, 16, default=3)) == "3"
    with create_pipe_input() as inp:
        inp.send_text(DOWN + ENTER)
        ask = menu_ask(input=inp, output=DummyOutput())
        assert ask(quiz.skill_question(skill, 1, 16, default=3)) == "4"


def test_menu_ask_ctrl_c_raises_instead_of_returning_none() -> None:
    with create_pipe_input() as inp:
        inp.send_text("\x03")
        ask = menu_ask(input=inp, output=DummyOutput())
        with pytest.raises(KeyboardInterrupt):
            ask(quiz.role_question(bundled()))


def test_whole_quiz_with_key_presses() -> None:
    cat = bundled()
    expected = {s.id: i % 5 + 1 for i, s in enumerate(cat.skills)}
    keys = DOWN + ENTER  # the second role
    keys += "".join(DOWN * (expected[s.id] - 1) + ENTER for s in cat.skills)
    keys += DOWN * 3 + ENTER  # review: the second skill (Finish, Role, skill 1, skill 2)
    keys += DOWN * 3 + ENTER  # ...rate it 5 (it starts on its current rating, 2)
    keys += ENTER  # review again: Finish is the default
    with create_pipe_input() as inp:
        inp.send_text(keys)
        got = quiz.run_quiz(cat, menu_ask(input=inp, output=DummyOutput()))
    second = cat.skills[1].id
    assert expected[second] == 2
    assert got == Answers(cat.roles[1].id, {**expected, second: 5})


# --------------------------------------------------------------------------- imports


def test_scripted_pay_imports_no_prompt_or_rendering_library(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from csadvisor.cli.app import app\n"
        "rc = app(['pay', 'csr', '-f', 'tsv'], standalone_mode=False)\n"
        "heavy = {'questionary', 'prompt_toolkit', 'rich', 'yaml', '_yaml'}\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in heavy)\n"
        "print('RC', rc, 'LOADED', loaded, file=sys.stderr)\n"
    )
    env = {
        **os.environ,
        "CSADVISOR_CACHE_DIR": str(tmp_path / "cache"),
        "CSADVISOR_HOME": str(tmp_path / "home"),
    }
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
        )
        for _ in range(2)
    ]
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert run.stdout.splitlines()[1].startswith("customer-service-specialist\t")
    # The first run builds the catalogue cache (and may need YAML); the second must not.
    assert runs[1].stderr.strip().splitlines()[-1] == "RC 0 LOADED []"


# --------------------------------------------------------------------------- issue 11: the flow


def test_the_first_question_says_how_long_and_that_nothing_is_lost() -> None:
    ask = ScriptedAsk(
        [("role", "agent"), ("alpha", "2"), ("beta", "4"), ("gamma", "1"), ("review", quiz.FINISH)]
    )
    quiz.run_quiz(small_catalog(), ask)
    opening = ask.asked[0].intro
    assert opening.startswith("4 questions, about 2 minutes.")
    assert "change any answer at the end" in opening
    assert "Ctrl-C stops and saves nothing" in opening
    assert all(not q.intro for q in ask.asked[1:])  # said once


def test_bundled_opening_line_counts_role_and_skills() -> None:
    cat = bundled()
    count = len(cat.skills) + 1
    assert quiz.opening_line(cat).startswith(f"{count} questions, about ")


def test_going_back_returns_to_the_previous_question_with_its_answer() -> None:
    ask = ScriptedAsk(
        [
            ("role", "agent"),
            ("alpha", "2"),
            ("beta", quiz.BACK),  # back to alpha
            ("alpha", "5"),
            ("beta", "4"),
            ("gamma", quiz.BACK),
            ("beta", quiz.BACK),
            ("alpha", quiz.BACK),  # back to the role
            ("role", "lead"),
            ("alpha", "5"),
            ("beta", "4"),
            ("gamma", "1"),
            ("review", quiz.FINISH),
        ]
    )
    got = quiz.run_quiz(small_catalog(), ask)
    assert got == Answers("lead", {"alpha": 5, "beta": 4, "gamma": 1})
    asked = ask.asked
    assert asked[3].default == "2"  # alpha again starts on the answer given
    assert asked[6].default == "4"  # beta again
    assert asked[8].default == "agent"  # the role again
    assert not asked[0].can_go_back  # nothing before the first question
    assert all(q.can_go_back for q in asked[1:8] if q.key != "role")


def test_back_from_the_review_returns_to_the_last_skill() -> None:
    ask = ScriptedAsk(
        [
            ("role", "agent"),
            ("alpha", "2"),
            ("beta", "3"),
            ("gamma", "1"),
            ("review", quiz.BACK),
            ("gamma", "4"),
            ("review", "beta"),
            ("beta", quiz.BACK),  # leaves beta as it was
            ("review", quiz.FINISH),
        ]
    )
    got = quiz.run_quiz(small_catalog(), ask)
    assert got == Answers("agent", {"alpha": 2, "beta": 3, "gamma": 4})
    assert ask.asked[5].default == "1"


def test_retake_starts_every_question_on_the_previous_answer() -> None:
    previous = quiz.Previous(
        Answers("lead", {"alpha": 4, "beta": 2, "gone": 3}), "2026-10-01T09:00"
    )
    ask = ScriptedAsk(
        [("role", "lead"), ("alpha", "4"), ("beta", "3"), ("gamma", "1"), ("review", quiz.FINISH)]
    )
    quiz.run_quiz(small_catalog(), ask, previous)
    role_q, alpha_q, beta_q, gamma_q, _ = ask.asked
    assert role_q.default == "lead"
    assert (alpha_q.default, beta_q.default, gamma_q.default) == ("4", "2", None)
    assert "starts on the one you gave on 2026-10-01" in role_q.intro
    assert "--fresh" in role_q.intro


@pytest.mark.parametrize(("role", "expected"), [(None, quiz.NO_ROLE), ("vanished", None)])
def test_retake_role_default_for_newcomers_and_removed_roles(
    role: str | None, expected: str | None
) -> None:
    previous = quiz.Previous(Answers(role, {"alpha": 9}), "2026-10-01T09:00")
    ask = ScriptedAsk(
        [("role", "agent"), ("alpha", "1"), ("beta", "1"), ("gamma", "2"), ("review", quiz.FINISH)]
    )
    quiz.run_quiz(small_catalog(), ask, previous)
    assert ask.asked[0].default == expected
    assert ask.asked[1].default is None  # 9 is no level


def test_top_of_track_is_told_before_the_skills() -> None:
    ask = ScriptedAsk(
        [("role", "lead"), ("alpha", "2"), ("beta", "4"), ("gamma", "1"), ("review", quiz.FINISH)]
    )
    quiz.run_quiz(small_catalog(), ask)
    note = ask.asked[1].intro
    assert note.startswith("Lead is the top of its track here")
    assert "lateral moves" in note
    assert "strongest skills" in note
    assert quiz.top_of_track_note(small_catalog(), "agent") == ""
    assert quiz.top_of_track_note(small_catalog(), None) == ""


def test_bundled_roles_without_next_are_told() -> None:
    cat = bundled()
    tops = [r for r in cat.roles if not r.next]
    assert tops  # the bundled ladder has roles at the top of their track
    for role in tops:
        assert "lateral moves" in quiz.top_of_track_note(cat, role.id)


@pytest.mark.parametrize(
    ("flag", "env", "expected"),
    [
        (True, {}, True),
        (False, {}, False),
        (False, {"CSADVISOR_ACCESSIBLE": "1"}, True),
        (False, {"ACCESSIBLE": "1"}, True),
        (False, {"ACCESSIBLE": "yes please"}, True),
        (False, {"ACCESSIBLE": "0"}, False),
        (False, {"ACCESSIBLE": "false", "CSADVISOR_ACCESSIBLE": ""}, False),
    ],
)
def test_accessible_mode_flag_and_environment(
    flag: bool, env: dict[str, str], expected: bool
) -> None:
    assert quiz.accessible_mode(flag, env) is expected


# --------------------------------------------------------------------------- issue 11: the CLI


def record_terminal_ask(
    monkeypatch: pytest.MonkeyPatch, ask: Callable[[quiz.Question], str]
) -> list[bool]:
    modes: list[bool] = []

    def fake(accessible: bool = False) -> tuple[Callable[[quiz.Question], str], Any]:
        modes.append(accessible)
        return ask, lambda: None

    monkeypatch.setattr(quiz, "terminal_ask", fake)
    monkeypatch.setattr(sys, "stdin", TerminalStdin())
    return modes


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        ([], {}, False),
        (["--accessible"], {}, True),
        ([], {"CSADVISOR_ACCESSIBLE": "1"}, True),
        ([], {"ACCESSIBLE": "1"}, True),
    ],
)
def test_cli_accessible_switches(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    env: dict[str, str],
    expected: bool,
) -> None:
    for name in ("CSADVISOR_ACCESSIBLE", "ACCESSIBLE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    modes = record_terminal_ask(
        monkeypatch, ScriptedAsk(bundled_script(bundled(), "customer-service-specialist"))
    )
    assert app(["assess", "--no-save", *args], standalone_mode=False) == 0
    capsys.readouterr()
    assert modes == [expected]


def test_cli_retake_starts_on_the_latest_saved_answers_and_fresh_does_not(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], invoke: Any
) -> None:
    cat = bundled()
    script = bundled_script(cat, "customer-service-specialist")
    doc = {"role": "customer-service-specialist", "skills": {k: int(v) for k, v in script[1:-1]}}
    res = invoke("assess", "--answers", "-", input=json.dumps(doc))
    assert res.exit_code == 0, res.stderr

    retake = ScriptedAsk(script)
    record_terminal_ask(monkeypatch, retake)
    assert app(["assess", "--no-save"], standalone_mode=False) == 0
    role_q, *skill_qs, _review = retake.asked
    assert role_q.default == "customer-service-specialist"
    assert [q.default for q in skill_qs] == [v for _, v in script[1:-1]]

    fresh = ScriptedAsk(script)
    record_terminal_ask(monkeypatch, fresh)
    assert app(["assess", "--no-save", "--fresh"], standalone_mode=False) == 0
    capsys.readouterr()
    assert all(q.default is None for q in fresh.asked[:-1])
    assert "--fresh" not in fresh.asked[0].intro


# --------------------------------------------------------------------------- evidence


def test_evidence_is_asked_after_each_rating_and_enter_skips() -> None:
    ask = ScriptedAsk(
        [
            ("role", "agent"),
            ("alpha", "2"),
            ("evidence:alpha", "Calmed a caller who had waited an hour"),
            ("beta", "4"),
            ("evidence:beta", ""),
            ("gamma", "1"),
            ("evidence:gamma", "   "),
            ("review", "beta"),
            ("beta", "5"),
            ("evidence:beta", "Wrote the refund macro"),
            ("review", quiz.FINISH),
        ]
    )
    got = quiz.run_quiz(small_catalog(), ask, evidence=True)
    assert ask.done()
    assert got.ratings == {"alpha": 2, "beta": 5, "gamma": 1}
    assert dict(got.evidence) == {
        "alpha": "Calmed a caller who had waited an hour",
        "beta": "Wrote the refund macro",
    }
    example_q = ask.asked[2]
    assert example_q.free_text
    assert example_q.choices == ()
    assert example_q.message == "One example that shows Alpha at level 2 (Enter to skip):"


def test_without_the_flag_no_example_is_asked() -> None:
    ask = ScriptedAsk(
        [("role", "agent"), ("alpha", "2"), ("beta", "4"), ("gamma", "1"), ("review", quiz.FINISH)]
    )
    assert quiz.run_quiz(small_catalog(), ask).evidence == {}
    assert not any(q.free_text for q in ask.asked)


def test_cli_evidence_from_the_quiz_is_saved_and_shown(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cat = bundled()
    script = bundled_script(cat, "customer-service-specialist")
    first = cat.skills[0]
    script.insert(2, (f"evidence:{first.id}", "[red]Kept[/] a VIP"))
    for s in cat.skills[1:]:
        at = next(i for i, (k, _) in enumerate(script) if k == s.id)
        script.insert(at + 1, (f"evidence:{s.id}", ""))
    code, out, err, _ = run_in_terminal(
        monkeypatch,
        capsys,
        ScriptedAsk(script),
        "assess",
        "--evidence",
        "--rater",
        "manager",
        "--name",
        "Sam Lee",
        "--details",  # examples are among the details since the summary (issue 11)
    )
    assert code == 0, err
    assert "About Sam Lee, rated by a manager" in out
    assert f"{first.name} (2): [red]Kept[/] a VIP" in out
    saved = json.loads(history_files()[0].read_text(encoding="utf-8"))
    assert (saved["name"], saved["rater"]) == ("Sam Lee", "manager")
    assert saved["evidence"] == {first.id: "[red]Kept[/] a VIP"}
