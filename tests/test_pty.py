"""The real program in a pseudo-terminal: arrow keys, Enter, Ctrl-C."""

from __future__ import annotations

import json
import os
import shlex
import sys
from pathlib import Path

import pexpect
import pytest

from csadvisor import catalog as catalog_module

pytestmark = pytest.mark.slow

DOWN = "\x1b[B"
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


def spawn(program: str, args: list[str], env: dict[str, str]) -> pexpect.spawn:
    """The program in a real pseudo-terminal, 40 rows by 120 columns."""
    return pexpect.spawn(
        program, args, env=env, dimensions=(40, 120), encoding="utf-8", timeout=TIMEOUT
    )


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
    assert result["schema_version"] == 1
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
