"""Fits the shell: help on every command, completion as the shell drives it, lean imports."""

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from csadvisor.cli.app import COMMANDS
from csadvisor.cli.shells import SCRIPTS, split_command_line

SCRIPT_VARS = {
    "complete_func": "_csadvisor_completion",
    "autocomplete_var": "_CSADVISOR_COMPLETE",
    "prog_name": "csadvisor",
}

GROUPS = {"history": ["show", "diff"], "data": ["validate", "schema", "init", "path"]}
EVERY_COMMAND = [
    [name, *([sub] if sub else [])] for name in COMMANDS for sub in (GROUPS.get(name) or [None])
] + [["history"]]


def run_cli(
    args: list[str], tmp_path: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    base = {
        **os.environ,
        "CSADVISOR_CACHE_DIR": str(tmp_path / "cache"),
        "CSADVISOR_HOME": str(tmp_path / "home"),
        "NO_COLOR": "1",
        "COLUMNS": "100",
    }
    base.pop("CSADVISOR_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "csadvisor", *args],
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=" ".join)
def test_every_command_has_a_summary_and_an_example(invoke: Any, command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = [ln.strip(" │") for ln in result.stdout.splitlines()]
    usage = next(i for i, ln in enumerate(lines) if ln.startswith("Usage: csadvisor"))
    summary = next(ln for ln in lines[usage + 1 :] if ln)
    assert len(summary) > 20, f"no one-line summary after the usage line: {summary!r}"
    examples = result.stdout[result.stdout.index("Examples:") :]
    assert re.search(r"^\s+csadvisor \w", examples, re.M) or "| csadvisor" in examples


def test_main_help_lists_every_command_and_the_exit_codes(invoke: Any) -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for name in COMMANDS:
        assert re.search(rf"│ {name} ", result.stdout), name
    flat = " ".join(result.stdout.split())
    assert "130 cancelled by the user" in flat
    assert "3 invalid data file" in flat


# --------------------------------------------------------------------------- completion


def complete(
    tmp_path: Path, shell: str, words: str, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {"_CSADVISOR_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        parts = words.split(" ")
        env |= {"COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": words}
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    return run_cli([], tmp_path, env | (extra or {}))


def test_bash_completes_role_ids_for_pay(tmp_path: Path) -> None:
    result = complete(tmp_path, "bash", "csadvisor pay customer-s")
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.split() == ["customer-service-specialist", "customer-service-manager"]


def test_zsh_completes_role_titles_with_their_ids(tmp_path: Path) -> None:
    result = complete(tmp_path, "zsh", "csadvisor role Account")
    assert result.returncode == 0
    assert "Account manager\taccount-manager" in result.stdout.splitlines()


def test_fish_completes_skill_ids_with_their_names(tmp_path: Path) -> None:
    result = complete(tmp_path, "fish", "csadvisor skill data")
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["data-literacy\tData literacy"]


def test_completion_of_format_values(tmp_path: Path) -> None:
    result = complete(tmp_path, "bash", "csadvisor roles --format j")
    assert result.stdout.split() == ["json", "jsonl"]


def test_completion_of_track_and_next_roles(tmp_path: Path) -> None:
    for words in ("csadvisor track acc", "csadvisor next acc", "csadvisor roles --from acc"):
        assert complete(tmp_path, "bash", words).stdout.split() == ["account-manager"], words


def test_completion_of_location_names_from_the_data_dir(tmp_path: Path) -> None:
    data = tmp_path / "ladder"
    assert run_cli(["data", "init", str(data)], tmp_path).returncode == 0
    (data / "locations.yaml").write_text(
        "locations:\n"
        "  - {name: Springfield, factor: 1.1, source: Example survey, year: 2026}\n"
        "  - {name: Shelbyville, factor: 0.9, source: Example survey, year: 2026}\n",
        encoding="utf-8",
    )
    result = complete(tmp_path, "bash", f"csadvisor --data-dir {data} pay csr --location Sp")
    assert result.stdout.split() == ["Springfield"]


def test_completion_of_saved_assessment_ids(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("skills: {}\n", encoding="utf-8")
    saved = run_cli(["assess", "--answers", str(answers), "--missing", "2"], tmp_path)
    assert saved.returncode == 0, saved.stderr
    ident = re.search(r"saved as (\S+)", saved.stderr)
    assert ident is not None
    result = complete(tmp_path, "bash", "csadvisor history show ")
    assert result.stdout.split() == ["latest", ident.group(1)]


def test_completion_with_broken_data_prints_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "roles.yaml").write_text("roles: [", encoding="utf-8")
    (broken / "skills.yaml").write_text("skills: [", encoding="utf-8")
    result = complete(tmp_path, "bash", f"csadvisor --data-dir {broken} pay c")
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "", "")


def test_show_completion_prints_a_script_for_the_shell(tmp_path: Path) -> None:
    result = run_cli(["--show-completion", "bash"], tmp_path)
    assert result.returncode == 0
    assert "_CSADVISOR_COMPLETE=complete_bash" in result.stdout


# --------------------------------------------------------------------------- imports

HEAVY = ("rich", "questionary", "prompt_toolkit", "yaml")


@pytest.mark.parametrize(
    "args",
    [
        ["pay", "csr", "-f", "tsv"],
        ["pay", "csr", "Customer service manager", "-f", "json"],
        ["roles", "-f", "tsv"],
        ["roles", "-f", "json"],
        ["pay", "csr", "--location", "Dallas", "-f", "tsv"],
        [
            "pay",
            "csr",
            "customer service manager",
            "--location",
            "TX",
            "--period",
            "hour",
            "-f",
            "tsv",
        ],
        ["areas", "dallas", "-f", "tsv"],
        ["roles", "--location", "TX", "-f", "tsv"],
        ["next", "csr", "--location", "US", "-f", "tsv"],
    ],
    ids=" ".join,
)
def test_fast_paths_import_no_heavy_library(tmp_path: Path, args: list[str]) -> None:
    warm = run_cli(args, tmp_path)  # fills the catalogue cache, as any first run does
    assert warm.returncode == 0, warm.stderr
    timed = run_cli(args, tmp_path, {"PYTHONPROFILEIMPORTTIME": "1"})
    assert timed.returncode == 0
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in timed.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "csadvisor.cli.app" in imported, "the import log was not produced"
    heavy = sorted(m for m in imported if m.split(".")[0] in HEAVY)
    assert heavy == []
    assert timed.stdout == warm.stdout


@pytest.mark.parametrize("command", ["pay", "roles", "history", "data"])
def test_a_command_imports_only_its_own_module(tmp_path: Path, command: str) -> None:
    args = {"pay": ["pay", "csr"], "data": ["data", "path"]}.get(command, [command])
    code = (
        "import sys\n"
        "from csadvisor.cli.app import app\n"
        f"app({args!r} + ['-f', 'tsv'], standalone_mode=False)\n"
        "print(sorted(m for m in sys.modules if m.startswith('csadvisor.cli.commands.')))\n"
    )
    env = {**os.environ, "CSADVISOR_HOME": str(tmp_path / "home")}
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == repr([COMMANDS[command]])


# --------------------------------------------------------------------------- bugs


def test_an_unexpected_error_is_one_line_with_exit_70(
    invoke: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from csadvisor.core.paybatch import PayBatch

    def broken(*args: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(PayBatch, "record", broken)
    result = invoke("pay", "csr")
    assert result.exit_code == 70
    assert result.stderr.startswith("csadvisor: internal error (RuntimeError: boom); ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr

    monkeypatch.setenv("CSADVISOR_DEBUG", "1")
    result = invoke("pay", "csr")
    assert isinstance(result.exception, RuntimeError)


@pytest.mark.parametrize(
    ("shell", "env"),
    [
        ("bash", {}),
        ("bash", {"COMP_WORDS": "csadvisor role c"}),
        ("bash", {"COMP_WORDS": "csadvisor role c", "COMP_CWORD": "abc"}),
        ("bash", {"COMP_WORDS": "csadvisor role c", "COMP_CWORD": "-1"}),
        ("bash", {"COMP_CWORD": "2"}),
        ("zsh", {}),
        ("fish", {"_TYPER_COMPLETE_FISH_ACTION": "get-args"}),
    ],
)
def test_a_malformed_completion_request_prints_nothing(
    tmp_path: Path, shell: str, env: dict[str, str]
) -> None:
    result = run_cli([], tmp_path, {"_CSADVISOR_COMPLETE": f"complete_{shell}", **env})
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("csadvisor role ", (["csadvisor", "role"], "", None)),
        ("csadvisor role Santa\\ F", (["csadvisor", "role"], "Santa F", None)),
        ('csadvisor role "Santa F', (["csadvisor", "role"], "Santa F", '"')),
        ("csadvisor role 'Santa F", (["csadvisor", "role"], "Santa F", "'")),
        ("csadvisor role Santa\\ ", (["csadvisor", "role"], "Santa ", None)),
        ("", ([], "", None)),
    ],
)
def test_the_word_being_completed_is_read_as_the_shell_reads_it(
    line: str, expected: tuple[list[str], str, str | None]
) -> None:
    assert split_command_line(line) == expected


def test_show_completion_prints_csadvisors_own_scripts(tmp_path: Path) -> None:
    """The scripts the person installs are the ones that never evaluate candidates."""
    for shell in ("bash", "zsh", "fish"):
        shown = run_cli(
            ["--show-completion", shell],
            tmp_path,
            {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
        )
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout.strip() == (SCRIPTS[shell] % SCRIPT_VARS).strip()
        assert "eval" not in shown.stdout


def test_completion_matches_in_any_case_and_offers_aliases(tmp_path: Path) -> None:
    for word in ("Cust", "cust", "CUST"):
        assert complete(tmp_path, "bash", f"csadvisor role {word}").stdout.split() == [
            "customer-service-specialist",
            "customer-experience-specialist",
            "customer-service-manager",
        ]
    assert complete(tmp_path, "bash", "csadvisor role csr").stdout.split() == ["CSR"]
    zsh = complete(tmp_path, "zsh", "csadvisor role cust").stdout.splitlines()
    assert "Customer Service Representative\tcustomer-service-specialist" in zsh
    assert "Customer service manager\tcustomer-service-manager" in zsh


def test_install_completion_installs_csadvisors_own_script(tmp_path: Path) -> None:
    installed = run_cli(
        ["--install-completion", "zsh"],
        tmp_path,
        {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1", "HOME": str(tmp_path)},
    )
    assert installed.returncode == 0, installed.stderr
    script = (tmp_path / ".zfunc" / "_csadvisor").read_text(encoding="utf-8")
    assert script.strip() == (SCRIPTS["zsh"] % SCRIPT_VARS).strip()
