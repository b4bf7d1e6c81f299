"""The real program in a pseudo-terminal: arrow keys, number keys, going back, Ctrl-C."""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pexpect
import pyte
import pytest

from csadvisor.storage import catalog as catalog_module

pytestmark = pytest.mark.slow

DOWN = "\x1b[B"
UP = "\x1b[A"
LEFT = "\x1b[D"
BACKSPACE = "\x7f"
ENTER = "\r"
TIMEOUT = 20


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    out = dict(os.environ)
    out.update(
        CSADVISOR_HOME=str(tmp_path / "home"),
        CSADVISOR_CACHE_DIR=str(tmp_path / "cache"),
        TERM="xterm",
        # pexpect does not answer prompt_toolkit's cursor-position request as a real
        # terminal would; without this every prompt waits about a second for the reply.
        PROMPT_TOOLKIT_NO_CPR="1",
    )
    out.pop("CSADVISOR_DATA_DIR", None)
    return out


def saved(env: dict[str, str]) -> list[Path]:
    folder = Path(env["CSADVISOR_HOME"]) / "assessments"
    return sorted(folder.iterdir()) if folder.exists() else []


def skill_count() -> int:
    return len(catalog_module.load(catalog_module.resolve_source()).skills)


def answer_everything(child: pexpect.spawn, total: int) -> dict[int, int]:
    """Choose the second role, rate skill i at (i % 5) + 1, finish at the review."""
    child.expect("What is your current role")
    child.send(DOWN + ENTER)
    levels = {}
    for i in range(1, total + 1):
        child.expect(f"Skill {i} of {total}")
        levels[i] = i % 5 + 1
        child.send(DOWN * (levels[i] - 1) + ENTER)
    child.expect("Review your answers")
    child.send(ENTER)
    return levels


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus is None
    return int(child.exitstatus)


def spawn(
    program: str, args: list[str], env: dict[str, str], rows: int = 40, columns: int = 120
) -> pexpect.spawn:
    """The program in a real pseudo-terminal, 40 rows by 120 columns unless told."""
    child = pexpect.spawn(
        program, args, env=env, dimensions=(rows, columns), encoding="utf-8", timeout=TIMEOUT
    )
    child.logfile_read = io.StringIO()  # everything the program drew, for the screen tests
    return child


def test_full_run_in_a_terminal(env: dict[str, str]) -> None:
    total = skill_count()
    child = spawn(sys.executable, ["-m", "csadvisor", "assess"], env)
    levels = answer_everything(child, total)
    child.expect("Suggested next role")
    child.expect("saved as")
    assert finish(child) == 0
    (path,) = saved(env)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["role"] == "customer-service-specialist"
    assert list(doc["ratings"].values()) == [levels[i] for i in range(1, total + 1)]
    assert doc["suggestion"] is not None


def test_json_to_a_file_while_prompts_stay_on_the_terminal(
    env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "out.json"
    command = f"{shlex.quote(sys.executable)} -m csadvisor assess -f json > {shlex.quote(str(out))}"
    child = spawn("bash", ["-c", command], env)
    answer_everything(child, skill_count())
    child.expect("saved as")
    assert finish(child) == 0
    text = out.read_text(encoding="utf-8")
    result = json.loads(text)  # nothing but the JSON document
    assert result["schema_version"] == 2
    assert result["role"] == "customer-service-specialist"
    assert "Skill 1 of" not in text
    assert "\x1b" not in text
    (path,) = saved(env)
    assert json.loads(path.read_text(encoding="utf-8"))["id"] == result["id"]


def test_ctrl_c_at_the_first_prompt_saves_nothing(env: dict[str, str]) -> None:
    child = spawn(sys.executable, ["-m", "csadvisor", "assess"], env)
    child.expect("What is your current role")
    child.sendcontrol("c")
    child.expect("Assessment cancelled; nothing saved.")
    assert finish(child) == 130
    assert saved(env) == []


def test_ctrl_c_mid_quiz_saves_nothing(env: dict[str, str]) -> None:
    child = spawn(sys.executable, ["-m", "csadvisor", "assess"], env)
    child.expect("What is your current role")
    child.send(ENTER)
    child.expect("Skill 1 of")
    child.send(DOWN + ENTER)
    child.expect("Skill 2 of")
    child.sendcontrol("c")
    child.expect("Assessment cancelled; nothing saved.")
    assert finish(child) == 130
    assert saved(env) == []


# --------------------------------------------------------------------------- issue 11


def assess(env: dict[str, str], *args: str, rows: int = 40, columns: int = 120) -> pexpect.spawn:
    return spawn(sys.executable, ["-m", "csadvisor", "assess", *args], env, rows, columns)


def drawn(child: pexpect.spawn) -> str:
    return str(child.logfile_read.getvalue())


def screen_of(child: pexpect.spawn, rows: int, columns: int) -> list[str]:
    """What a terminal of that size shows now, line by line."""
    screen = pyte.Screen(columns, rows)
    pyte.Stream(screen).feed(drawn(child))
    return [line.rstrip() for line in screen.display]


def settled_screen(
    child: pexpect.spawn, rows: int, columns: int, wanted: str, times: int = 1
) -> str:
    """The screen once ``wanted`` shows on it ``times`` times (redraws arrive in pieces)."""
    for _ in range(100):
        shown = " ".join(" ".join(screen_of(child, rows, columns)).split())
        if shown.count(wanted) >= times:
            return shown
        try:
            child.read_nonblocking(4096, timeout=0.2)
        except pexpect.TIMEOUT:
            pass
    raise AssertionError(
        f"{wanted!r} never showed on screen:\n" + "\n".join(screen_of(child, rows, columns))
    )


def latest_saved(env: dict[str, str]) -> dict[str, object]:
    *_, path = saved(env)
    return dict(json.loads(path.read_text(encoding="utf-8")))


def test_number_keys_answer_the_whole_quiz(env: dict[str, str]) -> None:
    cat = catalog_module.load(catalog_module.resolve_source())
    total = len(cat.skills)
    child = assess(env)
    child.expect("questions, about")
    child.expect("Press 1-7")
    child.send("2")
    for i in range(1, total + 1):
        child.expect(f"Skill {i} of {total}")
        child.expect("Press 1-5")
        if i == 2:
            # The answered line is the level and its word, not a descriptor cut at the edge.
            first = cat.skills[0]
            shown = settled_screen(
                child, 40, 120, f"Skill 1 of {total}: {first.name}: 2 Independent"
            )
            assert first.levels[1] not in shown
        child.send(str(i % 5 + 1))
    child.expect("Review your answers")
    child.send(ENTER)
    child.expect("saved as")
    assert finish(child) == 0
    doc = latest_saved(env)
    assert doc["role"] == "customer-service-specialist"
    assert list(doc["ratings"].values()) == [i % 5 + 1 for i in range(1, total + 1)]  # type: ignore[attr-defined]


@pytest.mark.parametrize("key", [LEFT, BACKSPACE], ids=["left", "backspace"])
def test_going_back_changes_the_previous_answer(env: dict[str, str], key: str) -> None:
    total = skill_count()
    child = assess(env)
    child.expect("Press 1-7")
    child.send("1")
    child.expect(f"Skill 1 of {total}")
    child.send("1")
    child.expect(f"Skill 2 of {total}")
    child.send("2")
    child.expect(f"Skill 3 of {total}")
    child.send(key)
    child.expect(f"Skill 2 of {total}")
    child.send("5")
    for i in range(3, total + 1):
        child.expect(f"Skill {i} of {total}")
        child.send("3")
    child.expect("Review your answers")
    child.send(ENTER)
    child.expect("saved as")
    assert finish(child) == 0
    ratings = list(latest_saved(env)["ratings"].values())  # type: ignore[attr-defined]
    assert ratings[:3] == [1, 5, 3]


def save_one(env: dict[str, str], tmp_path: Path, role: str, levels: list[int]) -> None:
    cat = catalog_module.load(catalog_module.resolve_source())
    doc = {"role": role, "skills": {s.id: levels[i] for i, s in enumerate(cat.skills)}}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "csadvisor", "assess", "--answers", str(path), "-f", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr


def test_a_retake_starts_on_the_last_answers(env: dict[str, str], tmp_path: Path) -> None:
    total = skill_count()
    levels = [i % 5 + 1 for i in range(total)]
    save_one(env, tmp_path, "senior-customer-service-specialist", levels)
    child = assess(env)
    child.expect("Press 1-7")
    assert "Each answer starts on the one you gave on" in settled_screen(child, 40, 120, "Press")
    child.send(ENTER)  # the role as before
    for i in range(1, total + 1):
        child.expect(f"Skill {i} of {total}")
        child.expect("Press 1-5")
        child.send(ENTER)  # each skill as before
    child.expect("Review your answers")
    child.send(ENTER)
    child.expect("saved as")
    assert finish(child) == 0
    first, second = (json.loads(p.read_text(encoding="utf-8")) for p in saved(env))
    assert second["role"] == first["role"] == "senior-customer-service-specialist"
    assert second["ratings"] == first["ratings"]
    assert list(second["ratings"].values()) == levels


def test_fresh_starts_blank(env: dict[str, str], tmp_path: Path) -> None:
    total = skill_count()
    save_one(env, tmp_path, "senior-customer-service-specialist", [4] * total)
    child = assess(env, "--fresh", "--no-save")
    child.expect("Press 1-7")
    child.send(ENTER)
    for i in range(1, total + 1):
        child.expect(f"Skill {i} of {total}")
        child.expect("Press 1-5")
        child.send(ENTER)
    child.expect("Review your answers")
    child.send(ENTER)
    child.expect("You rated every skill 1")  # Enter chose the first level every time
    child.send("2")  # finish anyway
    child.expect("Suggested next role")
    assert finish(child) == 0
    assert "starts on the one you gave" not in drawn(child)


def answer_with_numbers(child: pexpect.spawn, total: int) -> None:
    child.expect("Press 1-7")
    child.send("2")
    for i in range(1, total + 1):
        child.expect(f"Skill {i} of {total}")
        child.expect("Press 1-5")
        child.send(str(i % 5 + 1))


def test_review_fits_a_24_row_terminal(env: dict[str, str]) -> None:
    cat = catalog_module.load(catalog_module.resolve_source())
    total = len(cat.skills)
    child = assess(env, "--no-save", rows=24, columns=80)
    answer_with_numbers(child, total)
    child.expect("Review your answers")
    # Once as the last answered line, once as the last line of the review.
    shown = settled_screen(child, 24, 80, f"{cat.skills[-1].name}: 2 Independent", times=2)
    shown = shown.split("Review your answers")[-1]
    assert "Finish and see my results" in shown
    for skill in cat.skills:  # every answer on screen at once, none cut off
        assert skill.name in shown
    child.send(ENTER)
    child.expect("Suggested next role")
    assert finish(child) == 0


def test_review_scrolls_when_the_terminal_is_narrow(env: dict[str, str]) -> None:
    cat = catalog_module.load(catalog_module.resolve_source())
    total = len(cat.skills)
    child = assess(env, "--no-save", rows=24, columns=50)
    answer_with_numbers(child, total)
    child.expect("Review your answers")
    top = settled_screen(child, 24, 50, "more below)").split("Review your answers")[-1]
    assert "» Finish and see my results" in top
    assert "more above" not in top
    assert cat.skills[-1].name not in top
    child.send(UP)  # wraps round to the last answer
    bottom = settled_screen(child, 24, 50, f"» {cat.skills[-1].name}: 2 Independent")
    assert "Review your answers" in bottom  # the question stays in view
    assert "more above)" in bottom
    assert "more below" not in bottom
    assert "Review your answers" in bottom  # the question stays in view
    child.send(DOWN + ENTER)
    child.expect("Suggested next role")
    assert finish(child) == 0


CURSOR_OR_SCREEN = re.compile(r"\x1b\[[0-9;?]*[ABCDEFGHJKSTfhlsu]|\x1b[78c]")


@pytest.mark.parametrize(
    ("args", "extra_env"),
    [(["--accessible"], {}), ([], {"ACCESSIBLE": "1"}), ([], {"CSADVISOR_ACCESSIBLE": "1"})],
    ids=["flag", "ACCESSIBLE", "CSADVISOR_ACCESSIBLE"],
)
def test_accessible_mode_end_to_end(
    env: dict[str, str], args: list[str], extra_env: dict[str, str]
) -> None:
    env = {**env, **extra_env}
    cat = catalog_module.load(catalog_module.resolve_source())
    total = len(cat.skills)
    child = assess(env, *args)
    child.expect("questions, about")
    child.expect("1. Call center specialist")
    child.expect(f"Enter a number from 1 to {len(cat.roles) + 1}: ")
    child.sendline("2")
    for i in range(1, total + 1):
        child.expect(f"Skill {i} of {total}: ")
        child.expect("5. ")
        child.expect("Enter a number from 1 to 5, or b to go back: ")
        if i == 2:
            child.sendline("7")  # not a choice: asked again
            child.expect("'7' is not one of the choices. Enter a number from 1 to 5")
            child.sendline("b")  # back to skill 1
            child.expect(f"Skill 1 of {total}: ")
            child.expect("Enter a number from 1 to 5, or just Enter to keep 2")
            child.sendline("")  # keep it
            child.expect(f"Skill 2 of {total}: ")
            child.expect("Enter a number from 1 to 5, or b to go back: ")
        child.sendline(str(i % 5 + 1))
    child.expect("Review your answers")
    child.expect(f"Enter a number from 1 to {total + 2}, or just Enter to keep 1")
    quiz_part = drawn(child)
    child.sendline("1")
    child.expect("saved as")
    assert finish(child) == 0
    everything = drawn(child)
    assert CURSOR_OR_SCREEN.findall(everything) == []
    assert "\x1b" not in quiz_part  # no colour either while asking
    assert "\x1b" not in everything  # nor in the result (issue 11)
    doc = latest_saved(env)
    assert doc["role"] == "customer-service-specialist"
    assert list(doc["ratings"].values()) == [i % 5 + 1 for i in range(1, total + 1)]  # type: ignore[attr-defined]


def to_second_skill(child: pexpect.spawn) -> None:
    child.expect("Press 1-7")
    child.send("1")
    child.expect("Skill 1 of")
    child.send("3")
    child.expect("Skill 2 of")


def to_review(child: pexpect.spawn) -> None:
    answer_with_numbers(child, skill_count())
    child.expect("Review your answers")


def after_going_back(child: pexpect.spawn) -> None:
    to_second_skill(child)
    child.send(LEFT)
    child.expect("Skill 1 of")


def accessible_mid_quiz(child: pexpect.spawn) -> None:
    child.expect("Enter a number from 1 to 7")
    child.sendline("3")
    child.expect("Skill 1 of")
    child.expect("Enter a number from 1 to 5")


def accessible_after_a_wrong_entry(child: pexpect.spawn) -> None:
    child.expect("Enter a number from 1 to 7")
    child.sendline("nine")
    child.expect("not one of the choices")


@pytest.mark.parametrize(
    ("args", "walk"),
    [
        ([], to_second_skill),
        ([], to_review),
        ([], after_going_back),
        (["--accessible"], accessible_mid_quiz),
        (["--accessible"], accessible_after_a_wrong_entry),
    ],
    ids=[
        "menu-mid-quiz",
        "menu-at-review",
        "menu-after-back",
        "accessible-mid",
        "accessible-retry",
    ],
)
def test_ctrl_c_anywhere_saves_nothing(env: dict[str, str], args: list[str], walk: object) -> None:
    child = assess(env, *args)
    walk(child)  # type: ignore[operator]
    child.sendcontrol("c")
    child.expect("Assessment cancelled; nothing saved.")
    assert finish(child) == 130
    assert saved(env) == []


def test_ctrl_d_in_accessible_mode_saves_nothing(env: dict[str, str]) -> None:
    child = assess(env, "--accessible")
    accessible_mid_quiz(child)
    child.sendeof()
    child.expect("Assessment cancelled; nothing saved.")
    assert finish(child) == 130
    assert saved(env) == []


# --------------------------------------------------------------------------- evidence


@pytest.mark.parametrize("accessible", [False, True], ids=["menu", "accessible"])
def test_evidence_is_asked_after_each_rating_and_saved(
    env: dict[str, str], accessible: bool
) -> None:
    total = skill_count()
    args = ["--evidence", "--rater", "manager", "--name", "Sam Lee"]
    child = assess(env, *args, *(["--accessible"] if accessible else []))
    child.expect("What is your current role")
    child.expect(": " if accessible else "Press 1-7")
    child.send("2\r" if accessible else "2")
    for i in range(1, total + 1):
        child.expect(f"Skill {i} of {total}")
        child.expect(": " if accessible else "Press 1-5")
        child.send(f"{i % 5 + 1}\r" if accessible else str(i % 5 + 1))
        child.expect("One example that shows")
        child.expect("skip\\):")
        if accessible:
            child.expect("just Enter to skip: ")
        child.send("Ran the [b]night[/b] queue\r" if i == 1 else "\r")
    child.expect("Review your answers")
    child.send("\r")
    child.expect("saved as")
    assert finish(child) == 0
    doc = latest_saved(env)
    first = catalog_module.load(catalog_module.resolve_source()).skills[0].id
    assert doc["evidence"] == {first: "Ran the [b]night[/b] queue"}
    assert (doc["name"], doc["rater"]) == ("Sam Lee", "manager")


def test_going_back_leaves_one_line_per_question_on_screen(env: dict[str, str]) -> None:
    """The answer taken back is erased with the question asked again: the screen shows
    each question once, with the answer that stands (not the old one above the new)."""
    cat = catalog_module.load(catalog_module.resolve_source())
    total = len(cat.skills)
    first, second = cat.skills[0], cat.skills[1]
    child = assess(env, "--evidence")
    child.expect("Press 1-7")
    child.send("1")
    child.expect(f"Skill 1 of {total}")
    child.send("1")
    child.expect("example")
    child.send("Calmed a caller" + ENTER)
    child.expect(f"Skill 2 of {total}")
    child.send("2")
    child.expect("example")
    child.send("Wrote a macro" + ENTER)
    child.expect(f"Skill 3 of {total}")
    child.send(LEFT)
    child.expect(f"Skill 2 of {total}")
    child.send("5")
    child.expect("example")
    child.send(ENTER)
    child.expect(f"Skill 3 of {total}")
    shown = settled_screen(child, 40, 120, f"Skill 2 of {total}: {second.name}: 5")
    assert shown.count(f"Skill 2 of {total}") == 1, shown
    assert shown.count("Wrote a macro") == 1  # asked again with it as the default, kept
    assert shown.count(f"Skill 1 of {total}: {first.name}: 1") == 1
    assert "Calmed a caller" in shown
    child.sendcontrol("c")
    assert finish(child) == 130


def rated_to_the_review(env: dict[str, str], total: int) -> pexpect.spawn:
    """A quiz with the first role and every skill rated 3, at the review."""
    child = assess(env)
    child.expect("Press 1-7")
    child.send("1")
    for i in range(1, total + 1):
        child.expect(f"Skill {i} of {total}")
        child.send("3")
    child.expect("Review your answers")
    return child


def test_back_from_a_change_at_the_review_erases_the_change(env: dict[str, str]) -> None:
    """Review -> pick a skill -> back: the review is drawn again without the line that
    said which skill was picked; back from the review asks the last skill again, once."""
    cat = catalog_module.load(catalog_module.resolve_source())
    total = len(cat.skills)
    child = rated_to_the_review(env, total)
    child.send(DOWN + DOWN + ENTER)  # the first skill
    child.expect("Which sounds most like you")
    child.send(LEFT)
    shown = settled_screen(child, 40, 120, "Review your answers", times=1)
    assert "Review:" not in shown, shown  # no "? Review: <skill>" line left behind
    child.send(LEFT)
    last = cat.skills[-1]
    shown = settled_screen(child, 40, 120, f"Skill {total} of {total}: {last.name}. Which")
    assert shown.count(f"Skill {total} of {total}") == 1, shown
    child.sendcontrol("c")
    assert finish(child) == 130


def test_going_back_after_a_change_at_the_review_keeps_the_change(env: dict[str, str]) -> None:
    """Review -> change skill 1 -> review -> pick skill 2 -> back: only the lines after the
    last review are erased; the change to skill 1 stays on screen."""
    cat = catalog_module.load(catalog_module.resolve_source())
    total = len(cat.skills)
    first = cat.skills[0]
    child = rated_to_the_review(env, total)
    child.send(DOWN + DOWN + ENTER)  # skill 1
    child.expect("Which sounds most like you")
    child.send("5")
    child.expect("Review your answers")
    child.send(DOWN + DOWN + DOWN + ENTER)  # skill 2
    child.expect("Which sounds most like you")
    child.send(LEFT)
    shown = settled_screen(child, 60, 120, "Review your answers")  # drawn again
    assert f"Skill 1 of {total}: {first.name}: 5" in shown, shown
    child.sendcontrol("c")
    assert finish(child) == 130


def test_back_to_the_role_shows_the_opening_again(env: dict[str, str]) -> None:
    child = assess(env)
    child.expect("Press 1-7")
    child.send("1")
    child.expect("Skill 1 of")
    child.send(LEFT)
    shown = settled_screen(child, 40, 120, "What is your current role")
    assert "Ctrl-C stops and saves nothing" in shown, shown
    assert shown.count("What is your current role") == 1
    child.sendcontrol("c")
    assert finish(child) == 130


@pytest.mark.parametrize("extra", [0, -1, 1], ids=["exactly-the-width", "one-short", "one-over"])
def test_an_example_that_fills_the_line_is_erased_whole_going_back(
    env: dict[str, str], extra: int
) -> None:
    """The example's line ending exactly at the right edge leaves the cursor a row lower;
    going back must still erase the rating above it."""
    cat = catalog_module.load(catalog_module.resolve_source())
    total, second = len(cat.skills), cat.skills[1]
    columns = 100
    prompt = f"? One example that shows {second.name} at level 2 (Enter to skip): "
    typed = ("Refunds" * 40)[: columns - len(prompt) + extra]  # no space to be trimmed
    child = assess(env, "--evidence", rows=40, columns=columns)
    child.expect("Press 1-7")
    child.send("1")
    child.expect(f"Skill 1 of {total}")
    child.send("1")
    child.expect("example")
    child.send(ENTER)
    child.expect(f"Skill 2 of {total}")
    child.send("2")
    child.expect("example")
    child.send(typed + ENTER)
    child.expect(f"Skill 3 of {total}")
    child.send(LEFT)
    asked = f"Skill 2 of {total}: {second.name}. Which sounds most like you"
    shown = settled_screen(child, 40, columns, asked)
    assert f"Skill 2 of {total}: {second.name}: 2" not in shown, shown
    child.sendcontrol("c")
    assert finish(child) == 130
