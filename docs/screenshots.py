"""Regenerate the terminal screenshots in docs/img/ from real runs of csadvisor.

Run from the repository root, inside the project's virtual environment:

    python docs/screenshots.py

Each command runs in a subprocess with colour forced on and a 100-column terminal; its
ANSI output is replayed into a recording rich Console and saved as SVG. Personal data and
the cache go to a temporary directory, so nothing of yours is read or written. The output
is deterministic: the same data and code give byte-identical files.
"""

from __future__ import annotations

import io
import json
import os
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.text import Text

WIDTH = 100
ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "docs" / "img"

# A customer service representative about a year in: strong with people, still learning
# the tooling and the numbers. Skills not listed here fall back to their category.
RATINGS: dict[str, int] = {
    "empathy": 4,
    "communication": 3,
    "problem-solving": 3,
    "collaboration": 3,
    "data-literacy": 1,
    "ai-prompting": 2,
    "privacy-security": 3,
    "nlp-basics": 1,
    "troubleshooting": 3,
    "support-tools": 4,
    "metrics": 2,
    "knowledge-writing": 2,
    "coaching": 1,
    "scheduling": 1,
    "account-growth": 1,
    "business-knowledge": 2,
}
CATEGORY_DEFAULT: dict[str, int] = {"soft": 3, "working": 2, "technical": 2}


@dataclass(frozen=True)
class Shot:
    """One screenshot: docs/img/NAME.svg from ``csadvisor ARGS``."""

    name: str
    args: list[str]
    shown: list[str] | None = None  # the command line to display, if not ARGS

    @property
    def title(self) -> str:
        return f"csadvisor {self.name}"


def run_env(home: Path) -> dict[str, str]:
    """The environment of a colour terminal 100 columns wide, with throwaway user dirs."""
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "CSADVISOR_DATA_DIR"}}
    env.update(
        FORCE_COLOR="1",
        COLUMNS=str(WIDTH),
        LINES="50",
        TERM="xterm-256color",
        PYTHONIOENCODING="utf-8",
        CSADVISOR_HOME=str(home / "home"),
        CSADVISOR_CACHE_DIR=str(home / "cache"),
    )
    return env


def csadvisor(args: list[str], env: dict[str, str]) -> str:
    """Run ``csadvisor ARGS`` and return its stdout; fail loudly on a non-zero exit."""
    proc = subprocess.run(
        [sys.executable, "-m", "csadvisor", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if proc.returncode != 0:
        sys.exit(f"csadvisor {shlex.join(args)} exited {proc.returncode}:\n{proc.stderr}")
    return proc.stdout


def write_answers(path: Path, env: dict[str, str]) -> None:
    """An answers file for role csr rating every skill in the catalogue (1-4)."""
    skills = json.loads(csadvisor(["skills", "-f", "json"], env))
    lines = ["role: csr", "skills:"]
    for skill in skills:
        level = RATINGS.get(skill["id"], CATEGORY_DEFAULT.get(skill["category"], 2))
        lines.append(f"  {skill['id']}: {level}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def save(shot: Shot, output: str) -> Path:
    """Replay the command line and its ANSI output into a recording console; save as SVG."""
    console = Console(
        width=WIDTH,
        record=True,
        file=io.StringIO(),
        color_system="truecolor",
        force_terminal=True,
        markup=False,
        emoji=False,
        highlight=False,
    )
    prompt = Text("$ ", style="bold green")
    prompt.append(shlex.join(["csadvisor", *(shot.shown or shot.args)]), style="bold")
    console.print(prompt, soft_wrap=True)
    console.print(Text.from_ansi(output.rstrip("\n")), soft_wrap=True)
    path = IMG / f"{shot.name}.svg"
    console.save_svg(str(path), title=shot.title)
    return path


def main() -> None:
    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="csadvisor-shots-") as tmp:
        tmpdir = Path(tmp)
        env = run_env(tmpdir)
        answers = tmpdir / "answers.yaml"
        write_answers(answers, env)
        shots = [
            Shot("roles", ["roles", "-f", "table"]),
            Shot("role", ["role", "csr", "-f", "table"]),
            Shot(
                "pay",
                [
                    *("pay", "csr", "call-center-specialist", "customer service manager"),
                    *("-f", "table", "--period", "hour"),
                ],
            ),
            Shot(
                "pay-local",
                [
                    *("pay", "csr", "customer service manager", "account-manager"),
                    *("--location", "Dallas", "-f", "table"),
                ],
            ),
            Shot(
                "assess",
                ["assess", "--answers", str(answers), "--no-save", "-f", "table"],
                shown=["assess", "--answers", "answers.yaml", "--no-save", "-f", "table"],
            ),
            Shot("track", ["track", "-f", "table"]),
            Shot("skills", ["skills", "-f", "table"]),
            Shot("next", ["next", "csr", "-f", "table"]),
        ]
        for shot in shots:
            path = save(shot, csadvisor(shot.args, env))
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
