"""Red team, round three (../shared/redteam, issue 19): one test per path and message.

Each test is the small version of an attack script: what a user would see when the same
thing happens to them. The large inputs (a 14 MB YAML list, a million-row batch, 10,000
roles) are measured in benchmarks/bench.py, not here.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from csadvisor.cli.app import app
from csadvisor.cli.nameinput import UNBALANCED
from csadvisor.storage import oews

BUNDLED = Path(__file__).resolve().parents[1] / "data"


def cli(*args: str, input: str | None = None) -> Any:
    from typer.testing import CliRunner

    return CliRunner().invoke(app, list(args), input=input)


def child(
    args: list[str], *, stderr: Any = subprocess.PIPE, cwd: Path | None = None, **env: str
) -> subprocess.CompletedProcess[bytes]:
    """csadvisor in a child process (for what in-process runs cannot show: fds, cwd)."""
    environ = {k: v for k, v in os.environ.items() if k != "CSADVISOR_DEBUG"}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "csadvisor", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=stderr,
        cwd=cwd,
        env=environ,
        timeout=60,
        check=False,
    )


# ------------------------------------------------------------------ 03, 14: CSV records


def test_a_stray_quote_costs_its_own_line_only_never_the_rows_after_it() -> None:
    staff = 'employee_id,job_title\nE1,csr\n"E2,Customer service manager\nE3,csr\nE4,csr\n'
    args = ("pay", "-", "--column", "job_title", "--keep", "employee_id", "-f", "csv")
    res = cli(*args, input=staff)
    assert res.exit_code == 2
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [(r["line"], r["employee_id"], r["note"]) for r in rows] == [
        ("2", "E1", ""),
        ("3", "", "unreadable line"),
        ("4", "E3", ""),
        ("5", "E4", ""),
    ]
    assert res.stderr == f"csadvisor: line 3: {UNBALANCED}\n"


@pytest.mark.parametrize(
    "extra",
    [
        ("--salary-column", "salary", "-l", "TX"),
        ("--location-column", "city"),
        ("--location-column", "city", "--salary-column", "salary"),
        ("-l", "TX", "-l", "Denver"),
    ],
)
def test_a_stray_quote_is_an_unreadable_line_with_salaries_and_places_too(
    extra: tuple[str, ...],
) -> None:
    """The pay check's staff file (issue 18's path): a stray quote was "no name on this
    line", with no message and exit 0, so the analyst never heard a row was lost (p4)."""
    staff = 'id,job_title,city,salary\nE1,csr,Dallas,41000\n"E2,csr,Dallas,42000\nE3,csr,Dallas,\n'
    args = ("pay", "-", "--column", "job_title", "--keep", "id", "-f", "csv", *extra)
    res = cli(*args, input=staff)
    assert res.exit_code == 2, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    notes = [(r["line"], r["id"], r["note"]) for r in rows]
    assert ("3", "", "unreadable line") in notes
    assert ("2", "E1", "") in notes
    assert ("4", "E3", "") in notes
    assert res.stderr.startswith(f"csadvisor: line 3: {UNBALANCED}\n")


def test_a_place_per_row_keeps_at_most_a_thousand_messages_like_the_plain_batch() -> None:
    """README: `pay -` keeps at most 1,000 messages per kind; with --location-column every
    unknown name was kept and printed (p4)."""
    staff = "title,city\n" + "".join(f"zzq{i},Dallas\n" for i in range(1500))
    res = cli(
        "pay", "-", "--column", "title", "--location-column", "city", "-f", "tsv", input=staff
    )
    assert res.exit_code == 1
    lines = res.stderr.splitlines()
    assert len(lines) == 1002
    assert lines[-2:] == [
        "csadvisor: ... and 500 more unknown name(s) or place(s)",
        "csadvisor: 1500 of 1500 names not found",
    ]


def test_a_quoted_line_break_never_shifts_field_lines() -> None:
    """`paste staff.csv low.txt` pairs each input line with its own figure or nothing."""
    staff = (
        'employee_id,job_title,note\nE1,csr,"moved from\nBoston"\n'
        "E2,Customer service manager,\nE3,csr,\n"
    )
    res = cli("pay", "-", "--column", "job_title", "--field", "low", input=staff)
    assert res.exit_code == 2
    lines = res.stdout.split("\n")[:-1]
    assert len(lines) == staff.count("\n")  # one line per input line, header included
    csr = cli("pay", "csr", "--field", "low").stdout.strip()
    manager = cli("pay", "Customer service manager", "--field", "low").stdout.strip()
    assert lines == ["low", "", "", manager, csr]
    assert f"csadvisor: line 2: {UNBALANCED}" in res.stderr


def test_a_cell_past_the_csv_field_limit_is_an_unreadable_line_not_exit_70() -> None:
    """131,072 characters is the csv module's limit; a quoted cell over several lines
    cannot reach it any more: each line is a record of its own, cut at MAX_LINE."""
    big = "\n".join(["x" * 60_000] * 3)
    staff = f'employee_id,job_title,notes\nE1,csr,ok\nE2,csr,"{big}"\nE3,csr,ok\n'
    res = cli("pay", "-", "--column", "job_title", "-f", "csv", input=staff)
    assert res.exit_code == 2
    assert "internal error" not in res.stderr
    assert res.stderr.startswith(f"csadvisor: line 3: {UNBALANCED}\n")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["line"] for r in rows] == ["2", "3", "4", "5", "6"]
    assert rows[-1]["role"]
    assert rows[0]["role"]


def test_an_unreadable_header_row_is_a_usage_error_before_any_output() -> None:
    res = cli("pay", "-", "--column", "job_title", input='"job_title,id\ncsr,1\n')
    assert res.exit_code == 2
    assert res.stdout == ""
    assert res.stderr == "csadvisor: the header row: unbalanced quotes\n"


# ------------------------------------------------------------------ 04: appended rows


def test_rows_added_at_the_end_of_the_extract_are_read() -> None:
    text = (BUNDLED / oews.OEWS_FILE).read_text("utf-8")
    dallas = [ln for ln in text.splitlines() if ln.startswith("0019100,")]
    assert len(dallas) > 1
    moved = "\n".join(ln for ln in text.splitlines() if ln not in dallas[:1]) + "\n" + dallas[0]
    assert sorted(oews.rows_in_area(moved, "0019100")) == sorted(oews.rows_in_area(text, "0019100"))
    assert sorted(oews.rows_in_area(moved + "\n", "0019100")) == sorted(
        oews.rows_in_area(text, "0019100")
    )


def test_a_row_added_at_the_end_gives_its_figures_and_validates(tmp_path: Path) -> None:
    data = tmp_path / "ladder"
    assert cli("data", "init", str(data)).exit_code == 0
    for name in (oews.OEWS_FILE, oews.OCCUPATIONS_FILE):
        shutil.copyfile(BUNDLED / name, data / name)
    with open(data / oews.OEWS_FILE, "a", encoding="utf-8") as fh:  # Texas, appended
        fh.write(
            "4800000,43-9061,May 2025,200000,21.00,43680,14.00,17.00,20.00,24.00,29.00,"
            "29120,35360,41600,49920,60320,\n"
        )
    with open(data / oews.OCCUPATIONS_FILE, "a", encoding="utf-8") as fh:
        fh.write('43-9061,"Office Clerks, General",Example Corp survey\n')
    roles = (data / "roles.yaml").read_text("utf-8")
    roles = roles.replace(
        "soc: 43-4051\n    occupation: Customer Service Representatives",
        "soc: 43-9061\n    occupation: Office Clerks, General",
        1,
    )
    (data / "roles.yaml").write_text(roles, "utf-8")
    assert cli("data", "validate", str(data)).exit_code == 0
    role = yaml.safe_load(roles)["roles"][0]["id"]
    res = cli("--data-dir", str(data), "pay", role, "--location", "TX", "-f", "json")
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)[0]["median"] == 41600


# ------------------------------------------------------------------ 05: '-' in TSV


def test_tsv_neutralises_a_leading_minus_formula_and_keeps_numbers_and_words() -> None:
    staff = (
        "employee_id,job_title\n"
        "\"-2+3+cmd|' /C calc'!A0\",csr\n"
        "-1+HYPERLINK(x),csr\n"
        "-12.5,csr\n"
        "- none,csr\n"
    )
    args = ("pay", "-", "--column", "job_title", "--keep", "employee_id", "-f", "tsv")
    res = cli(*args, input=staff)
    assert res.exit_code == 0, res.stderr
    kept = [line.split("\t")[-1] for line in res.stdout.splitlines()[1:]]
    assert kept == ["'-2+3+cmd|' /C calc'!A0", "'-1+HYPERLINK(x)", "-12.5", "- none"]


def test_area_names_reach_tsv_neutralised(tmp_path: Path) -> None:
    data = tmp_path / "d"
    assert cli("data", "init", str(data)).exit_code == 0
    text = (BUNDLED / "areas.csv").read_text("utf-8")
    (data / "areas.csv").write_text(
        text.replace('"Abilene, TX"', "\"-2+3+cmd|' /C calc'!A0\"", 1), "utf-8"
    )
    res = cli("--data-dir", str(data), "areas", "cmd", "-f", "tsv")
    assert res.exit_code == 0, res.stderr
    assert "\t'-2+3+cmd|' /C calc'!A0" in res.stdout
    assert "\t-2+3" not in res.stdout


# ------------------------------------------------------------------ 07: not a file


@pytest.mark.parametrize("name", [oews.OEWS_FILE, "areas.csv"])
@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("dangling", "is a symbolic link to a file that does not exist"),
        ("folder", "is a directory, not a file"),
        ("fifo", "is not a regular file (a pipe or device?); not read"),
    ],
)
def test_a_bls_file_that_is_not_a_file_is_an_error_never_the_bundled_one(
    tmp_path: Path, name: str, kind: str, message: str
) -> None:
    data = tmp_path / "l"
    assert cli("data", "init", str(data)).exit_code == 0
    planted = data / name
    if kind == "dangling":
        planted.symlink_to(tmp_path / "releases" / name)
    elif kind == "folder":
        planted.mkdir()
    else:
        os.mkfifo(planted)
    checked = cli("data", "validate", str(data))
    assert checked.exit_code == 3
    assert f"{planted}: {message}" in checked.stdout
    res = child(["--data-dir", str(data), "pay", "csr", "--location", "TX"])
    assert res.returncode == 3
    assert res.stdout == b""
    assert res.stderr.decode() == f"csadvisor: {planted}: {message}\n"
    shown = cli("--data-dir", str(data), "data", "path", "-f", "tsv").stdout
    assert f"{name}\t{planted}" in shown.replace(str(planted.resolve()), str(planted))
    assert any(ln.startswith(name) and ln.endswith("\tno") for ln in shown.splitlines())


# ------------------------------------------------------------------ 09: relative folders


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "CSADVISOR_HOME",
            "~/csadvisor",
            "CSADVISOR_HOME='~/csadvisor' is not an absolute path (nothing expands a '~' "
            "here: write $HOME instead); set it to a full path, or unset it",
        ),
        (
            "CSADVISOR_HOME",
            "csadvisor-data",
            "CSADVISOR_HOME='csadvisor-data' is not an absolute path; set it to a full path, "
            "or unset it",
        ),
        (
            "CSADVISOR_CACHE_DIR",
            "~/.cache/csadvisor",
            "CSADVISOR_CACHE_DIR='~/.cache/csadvisor' is not an absolute path (nothing expands "
            "a '~' here: write $HOME instead); set it to a full path, or unset it",
        ),
    ],
)
def test_a_relative_user_folder_is_refused_and_nothing_is_saved_here(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("name: Sam Lee\nskills: {empathy: 3}\n", "utf-8")
    here = tmp_path / "repo"
    here.mkdir()
    res = child(
        ["assess", "--answers", str(answers), "--missing", "2", "-f", "json"],
        cwd=here,
        **{variable: value},
    )
    assert res.returncode == 2
    assert res.stdout == b""
    assert res.stderr.decode() == f"csadvisor: {message}\n"
    assert list(here.iterdir()) == []


# ------------------------------------------------------------------ 11: bounded parsing


def test_an_answers_file_past_its_value_limit_stops_there(tmp_path: Path) -> None:
    from csadvisor.storage.yamlreader import ANSWERS_MAX_VALUES

    path = tmp_path / "ans.yaml"
    path.write_text("skills: [" + "a," * ANSWERS_MAX_VALUES + "a]\n", "utf-8")
    res = cli("assess", "--answers", str(path), "--no-save")
    assert res.exit_code == 3
    assert res.stdout == ""
    assert res.stderr == (
        f"csadvisor: {path}:1: more than {ANSWERS_MAX_VALUES:,} values (aliases counted as "
        "what they repeat), the limit for this file\n"
    )


def test_a_data_file_past_the_value_limit_is_one_line_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from csadvisor.storage import yamlreader

    monkeypatch.setattr(yamlreader, "MAX_VALUES", 5000)
    monkeypatch.setattr(yamlreader.parse_yaml, "__kwdefaults__", {"max_values": 5000})
    data = tmp_path / "l"
    assert cli("data", "init", str(data)).exit_code == 0
    (data / "roles.yaml").write_text("roles: [" + "a," * 6000 + "a]\n", "utf-8")
    res = cli("--data-dir", str(data), "pay", "csr")
    assert res.exit_code == 3
    assert res.stderr.startswith(f"csadvisor: {data / 'roles.yaml'}:1: more than 5,000 values")
    assert res.stderr.count("\n") == 1


def test_shared_values_written_by_safe_dump_load() -> None:
    """A script that reuses one template dict: PyYAML writes anchors and aliases."""
    from csadvisor.storage.yamlreader import parse_yaml

    template = {"skills": {f"s{i}": 3 for i in range(10)}, "lines": ["a", "b", "c"]}
    doc = {"roles": [{"id": f"r{i}", **template} for i in range(500)]}
    text = yaml.safe_dump(doc, sort_keys=False)
    assert "*id001" in text
    assert parse_yaml(text, "roles.yaml").value == doc


# ------------------------------------------------------------------ 12: json streams


def test_json_is_written_a_record_at_a_time_with_the_same_bytes() -> None:
    from csadvisor.cli.output import Format, write_records

    out = io.StringIO()
    seen: list[int] = []

    def rows() -> Any:
        for i in range(3):
            seen.append(len(out.getvalue()))
            yield {"a": i, "b": f"é{i}", "c": [i, None]}

    write_records(rows(), ["a", "b", "c"], Format.json, out)
    assert seen[0] == 0
    assert seen[1] > 0
    assert seen[2] > seen[1]
    expected = [{"a": i, "b": f"é{i}", "c": [i, None]} for i in range(3)]
    assert out.getvalue() == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    empty = io.StringIO()
    write_records(iter(()), ["a"], Format.json, empty)
    assert empty.getvalue() == "[]\n"


# ------------------------------------------------------------------ 15: stderr


def _closed_stderr() -> None:  # pragma: no cover - runs in the child
    os.close(2)


@pytest.mark.parametrize("how", ["closed", "full"])
def test_success_is_exit_0_when_stderr_is_closed_or_full(tmp_path: Path, how: str) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("name: Sam\nskills: {empathy: 3}\n", "utf-8")
    team = tmp_path / "team"
    team.mkdir()
    result = cli("assess", "--answers", str(answers), "--missing", "2", "--no-save", "-f", "json")
    (team / "sam.json").write_text(result.stdout, "utf-8")
    data = tmp_path / "l"
    commands = [
        ["data", "init", str(data)],
        ["data", "validate", str(data)],
        ["team", str(team), "-f", "tsv"],
        ["assess", "--answers", str(answers), "--missing", "2", "-f", "json"],
    ]
    environ = {k: v for k, v in os.environ.items() if k != "CSADVISOR_DEBUG"}
    for args in commands:
        with open(os.devnull if how == "closed" else "/dev/full", "wb") as sink:
            done = subprocess.run(
                [sys.executable, "-m", "csadvisor", *args],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=sink,
                preexec_fn=_closed_stderr if how == "closed" else None,
                env=environ,
                timeout=60,
                check=False,
            )
        assert done.returncode == 0, (args, done.returncode)
    assert (data / "roles.yaml").is_file()
    assert len(list((Path(os.environ["CSADVISOR_HOME"]) / "assessments").iterdir())) == 1


# ------------------------------------------------------------------ Markdown links


@pytest.mark.parametrize(
    "text",
    [
        "see https://evil.example/pay for details",
        "HTTP://EVIL.EXAMPLE",
        "visit www.evil.example today",
        "(www.evil.example)",
        "mail boss@evil.example",
        "mailto:boss@evil.example",
    ],
)
def test_a_bare_url_in_markdown_text_is_no_link(text: str) -> None:
    from csadvisor.cli.render.markdown import markdown_text

    shown = markdown_text(text)
    lowered = shown.lower()
    assert "://" not in lowered
    assert "www." not in lowered
    assert "@" not in shown
    import html

    assert html.unescape(shown.replace("\\", "")) == text  # reads the same


def test_the_plan_shows_urls_in_evidence_as_text(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "skills: {empathy: 3}\nevidence: {empathy: 'praised on www.evil.example and "
        "https://evil.example/x'}\n",
        "utf-8",
    )
    plan = tmp_path / "plan.md"
    res = cli(
        "assess", "--answers", str(answers), "--missing", "2", "--no-save", "--export", str(plan)
    )
    assert res.exit_code == 0, res.stderr
    text = plan.read_text("utf-8")
    assert "www&#46;evil.example" in text
    assert "https&#58;//evil.example/x" in text
    assert "www.evil" not in text
    assert "https://evil" not in text


# ------------------------------------------------------------------ evidence text


def test_evidence_that_starts_like_a_formula_is_kept_and_neutralised_in_csv_and_tsv(
    tmp_path: Path,
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "name: Sam\nskills: {empathy: 3}\nevidence: {empathy: '+20% CSAT after coaching'}\n",
        "utf-8",
    )
    res = cli("assess", "--answers", str(answers), "--missing", "2", "-f", "json")
    assert res.exit_code == 0, res.stderr
    saved = json.loads(res.stdout)
    assert saved["evidence"]["empathy"] == "+20% CSAT after coaching"
    team = tmp_path / "team"
    team.mkdir()
    (team / "sam.json").write_text(res.stdout, "utf-8")
    manager = dict(saved, rater="manager")
    (team / "sam-manager.json").write_text(json.dumps(manager), "utf-8")
    for fmt, sep in (("csv", ","), ("tsv", "\t")):
        out = cli("team", str(team), "--view", "calibration", "--all", "-f", fmt)
        assert out.exit_code == 0, out.stderr
        assert f"{sep}'+20% CSAT after coaching" in out.stdout
        assert f"{sep}+20%" not in out.stdout


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("+20% CSAT after coaching", None),
        ("=SUM(1) is how I count", None),
        ("a\u200bb", "That example 'a\u200bb' is not valid: contains an invisible character."),
    ],
)
def test_the_quiz_takes_natural_evidence_and_refuses_only_what_hides(
    typed: str, problem: str | None
) -> None:
    from csadvisor.cli.prompts.quiz import Question

    question = Question("evidence:x", "Example?", ())
    assert question.problem(typed) == problem


def test_a_file_of_many_bad_items_is_checked_up_to_a_thousand_problems(tmp_path: Path) -> None:
    from csadvisor.storage.problems import MAX_PROBLEMS

    data = tmp_path / "l"
    assert cli("data", "init", str(data)).exit_code == 0
    (data / "roles.yaml").write_text(
        "roles:\n" + "".join(f"- item{i}\n" for i in range(3 * MAX_PROBLEMS)), "utf-8"
    )
    res = cli("data", "validate", str(data))
    assert res.exit_code == 3
    lines = res.stdout.splitlines()
    assert len(lines) == MAX_PROBLEMS + 1
    assert f"{data / 'roles.yaml'}:2: roles[0]: expected a mapping, got 'item0'" in lines
    stopped = f"{data / 'roles.yaml'}: more problems after these {MAX_PROBLEMS}: checking stopped"
    assert f"{stopped} there" in lines


@pytest.mark.parametrize(
    ("argv0", "launched"),
    [
        ("-m", True),
        ("/venv/bin/csadvisor", True),
        ("C:\\venv\\Scripts\\csadvisor.exe", True),
        ("/usr/bin/pytest", False),
        ("", False),
    ],
)
def test_the_quiet_ctrl_c_handler_is_set_by_the_launchers_only(
    monkeypatch: pytest.MonkeyPatch, argv0: str, launched: bool
) -> None:
    """`python -m csadvisor` and the console script set it at the package's first line;
    importing csadvisor as a library (tests, other programs) leaves Ctrl-C alone."""
    import csadvisor

    monkeypatch.setattr(sys, "argv", [argv0])
    assert csadvisor._launched() is launched
