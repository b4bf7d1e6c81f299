"""The output contract: formats, columns, streams, colour, markup and odd terminals."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from csadvisor.cli import records

Invoke = Callable[..., Result]

DATA = Path(__file__).resolve().parents[1] / "data"
ANSI = "\x1b["

# Every listing, with the documented columns of its TSV/CSV output.
LISTINGS: list[tuple[list[str], tuple[str, ...]]] = [
    (["roles"], records.ROLE_COLUMNS),
    (["role", "csr"], records.ROLE_DETAIL_COLUMNS),
    (["pay", "csr", "account-manager", "customer-service-manager"], records.PAY_COLUMNS),
    (["skills"], records.SKILL_COLUMNS),
    (["track"], records.TRACK_COLUMNS),
    (["pay", "csr", "customer-service-manager", "-l", "Dallas"], records.COLUMNS["pay --location"]),
    (["roles", "--location", "TX"], records.COLUMNS["roles --location"]),
    (["areas", "springfield"], records.AREA_COLUMNS),
    (["next", "csr", "-l", "US"], records.COLUMNS["next ROLE --location"]),
]
LISTING_IDS = [" ".join(args[:1] + args[2:3]) for args, _ in LISTINGS]
NUMBER_COLUMNS = ("low", "high", "mid", "level", "year", "depth", "factor")
TABLE_COMMANDS = [
    ["roles", "-f", "table"],
    ["role", "csr", "-f", "table"],
    ["role", "account-manager", "-f", "table"],
    ["pay", "csr", "account-manager", "-f", "table"],
    ["pay", "csr", "-p", "hour", "-f", "table"],
    ["skills", "-f", "table"],
    ["track", "-f", "table"],
    ["pay", "csr", "account-manager", "-l", "Bozeman", "-f", "table"],
    ["role", "customer-service-manager", "-l", "Dallas", "-f", "table"],
    ["areas", "springfield", "-f", "table"],
]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("CSADVISOR_DATA_DIR", "FORCE_COLOR", "NO_COLOR", "CLICOLOR_FORCE"):
        env.pop(name, None)
    env["CSADVISOR_CACHE_DIR"] = str(tmp_path / "cache")
    env.update(extra)
    return env


# --------------------------------------------------------------------------- data formats


@pytest.mark.parametrize(("args", "columns"), LISTINGS, ids=LISTING_IDS)
def test_default_format_in_a_pipe_is_tsv_with_the_documented_columns(
    invoke: Invoke, args: list[str], columns: tuple[str, ...]
) -> None:
    result = invoke(*args)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == list(columns)
    assert len(lines) > 1
    for line in lines[1:]:
        assert len(line.split("\t")) == len(columns), line


@pytest.mark.parametrize(("args", "columns"), LISTINGS, ids=LISTING_IDS)
def test_csv_has_the_same_columns_and_cells_as_tsv(
    invoke: Invoke, args: list[str], columns: tuple[str, ...]
) -> None:
    as_csv = list(csv.reader(io.StringIO(invoke(*args, "-f", "csv").stdout)))
    as_tsv = [ln.split("\t") for ln in invoke(*args, "-f", "tsv").stdout.splitlines()]
    assert as_csv[0] == list(columns)
    assert as_csv == as_tsv


@pytest.mark.parametrize(("args", "columns"), LISTINGS, ids=LISTING_IDS)
@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_no_currency_symbols_or_thousands_separators(
    invoke: Invoke, args: list[str], columns: tuple[str, ...], fmt: str
) -> None:
    text = invoke(*args, "-f", fmt).stdout
    assert "$" not in text
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t" if fmt == "tsv" else ","))
    assert rows
    for row in rows:
        for col in NUMBER_COLUMNS:
            if col in row:
                assert re.fullmatch(r"(\d+(\.\d+)?)?", row[col]), (col, row[col])


def test_numbers_are_plain_in_tsv(invoke: Invoke) -> None:
    result = invoke("pay", "customer-service-manager", "--no-header")
    cells = dict(zip(records.PAY_COLUMNS, result.stdout.rstrip("\n").split("\t"), strict=True))
    assert (cells["low"], cells["high"], cells["mid"]) == ("57000", "81250", "69125")


def test_tsv_is_not_truncated_on_a_narrow_terminal(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    wide = invoke("role", "csr").stdout
    monkeypatch.setenv("COLUMNS", "20")
    narrow = invoke("role", "csr").stdout
    assert narrow == wide
    import yaml

    src = yaml.safe_load((DATA / "roles.yaml").read_text("utf-8"))["roles"][1]
    row = dict(zip(records.ROLE_DETAIL_COLUMNS, narrow.splitlines()[1].split("\t"), strict=True))
    assert row["summary"] == src["summary"]
    assert row["responsibilities"] == ";".join(src["responsibilities"])


def test_skills_descriptions_are_not_truncated(invoke: Invoke) -> None:
    import yaml

    skills = yaml.safe_load((DATA / "skills.yaml").read_text("utf-8"))["skills"]
    rows = list(csv.DictReader(io.StringIO(invoke("skills", "-f", "csv").stdout)))
    assert [r["description"] for r in rows] == [s["description"] for s in skills]
    assert [r["name"] for r in rows] == [s["name"] for s in skills]


@pytest.mark.parametrize(
    "args",
    [["roles"], ["role", "csr"], ["pay", "csr", "account-manager"], ["skills"], ["track"]],
)
def test_json_keeps_numbers_as_numbers(invoke: Invoke, args: list[str]) -> None:
    doc = json.loads(invoke(*args, "-f", "json").stdout)
    items: list[dict[str, Any]] = doc if isinstance(doc, list) else [doc]
    assert items
    seen = 0
    for item in items:
        for key in NUMBER_COLUMNS:
            if item.get(key) is not None:
                assert isinstance(item[key], (int, float)), (key, item[key])
                assert not isinstance(item[key], bool)
                seen += 1
        for level in item.get("required_by", {}).values():
            assert type(level) is int
            seen += 1
    assert seen


def test_json_pay_record_keys(invoke: Invoke) -> None:
    doc = json.loads(invoke("pay", "csr", "account-manager", "-f", "json").stdout)
    required = {
        "role",
        "title",
        "low",
        "high",
        "mid",
        "currency",
        "period",
        "basis",
        "region",
        "source",
        "year",
        "derived",
    }
    for rec in doc:
        assert required <= set(rec)
    assert isinstance(doc[0]["year"], int)


def test_jsonl_pay_streams_one_record_per_line(invoke: Invoke) -> None:
    result = invoke("pay", "-", "-f", "jsonl", input="csr\ncall center agent\n")
    lines = result.stdout.splitlines()
    assert [json.loads(ln)["role"] for ln in lines] == [
        "customer-service-specialist",
        "call-center-specialist",
    ]


# --------------------------------------------------------------------------- streams


def test_stdout_has_only_data_messages_go_to_stderr(invoke: Invoke) -> None:
    result = invoke("pay", "csr", "xyzzy", "account-manager", "--field", "high")
    assert result.exit_code == 1
    assert result.stdout == "48500\n\n\n"  # one line per name, found or not
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    assert lines[-1] == "csadvisor: 1 of 3 names not found"
    assert all(ln.startswith("csadvisor: ") for ln in lines)
    assert any("unknown role 'xyzzy'" in ln for ln in lines)
    assert any("account-manager: no published range" in ln for ln in lines)


def test_reading_stdin_from_a_pipe_prints_no_prompt(invoke: Invoke) -> None:
    result = invoke("pay", "-", "--field", "low", input="csr\n")
    assert result.exit_code == 0
    assert result.stdout == "38500\n"
    assert result.stderr == ""


def test_unknown_name_is_shown_with_control_characters_escaped(invoke: Invoke) -> None:
    result = invoke("pay", "\x1b[31mred\x1b[0m")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr
    assert "unknown role '\\x1b[31mred\\x1b[0m'" in result.stderr


# --------------------------------------------------------------------------- colour


@pytest.mark.parametrize("args", TABLE_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("no_color", [False, True])
def test_table_through_a_pipe_has_no_escape_codes(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, args: list[str], no_color: bool
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    result = invoke(*args)
    assert result.exit_code == 0
    assert result.stdout.strip()
    assert ANSI not in result.stdout
    assert ANSI not in result.stderr


def test_mermaid_and_data_formats_have_no_escape_codes(invoke: Invoke) -> None:
    for args in (["track", "-f", "mermaid"], ["roles", "-f", "json"], ["skills", "-f", "csv"]):
        result = invoke(*args)
        assert result.exit_code == 0
        assert ANSI not in result.stdout


def _on_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run csadvisor with stdout (and stderr) on a pseudo-terminal."""
    import pexpect

    child = pexpect.spawn(
        sys.executable,
        ["-m", "csadvisor", *args],
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 120),
    )
    child.expect(pexpect.EOF)
    out = child.before or ""
    child.close()
    return child.exitstatus, out


@pytest.mark.slow
def test_on_a_terminal_the_default_is_a_table(tmp_path: Path) -> None:
    status, out = _on_terminal(["roles"], _env(tmp_path, NO_COLOR="1", TERM="xterm-256color"))
    assert status == 0
    assert "Grows into" in out
    assert "$38,500" in out
    assert "\t" not in out


@pytest.mark.slow
def test_no_color_on_a_terminal_means_no_escape_codes(tmp_path: Path) -> None:
    env = _env(tmp_path, NO_COLOR="1", TERM="xterm-256color")
    offenders = []
    for args in (["roles"], ["role", "csr"], ["pay", "csr"], ["skills"], ["track"]):
        status, out = _on_terminal(args, env)
        assert status == 0, out
        if ANSI in out:
            offenders.append((" ".join(args), out[out.index(ANSI) :][:40]))
    assert offenders == []


# --------------------------------------------------------------------------- data as text


AM_SUMMARY = "    summary: Looks after a set of client relationships"


def replace_line(text: str, start: str, new: str) -> str:
    """Replace the one line of ``text`` that starts with ``start``."""
    lines = text.split("\n")
    hits = [i for i, ln in enumerate(lines) if ln.startswith(start)]
    assert len(hits) == 1, start
    lines[hits[0]] = new
    return "\n".join(lines)


@pytest.fixture
def odd_data(tmp_path: Path) -> Path:
    """Bundled data with Rich markup, emoji codes and quotes in the text fields."""
    d = tmp_path / "data"
    d.mkdir()
    shutil.copyfile(DATA / "skills.yaml", d / "skills.yaml")
    roles = (DATA / "roles.yaml").read_text("utf-8")
    replacements = [
        ("title: Account manager\n", 'title: "[bold red]Account manager[/]"\n'),
        (
            "      - Own the relationship with a portfolio of clients over the long term\n",
            '      - "[blink]Own[/blink] the relationship"\n',
        ),
        (
            "title: Customer experience specialist\n",
            "title: 'Customer \"experience\" <specialist>'\n",
        ),
    ]
    for old, new in replacements:
        assert roles.count(old) == 1, old
        roles = roles.replace(old, new)
    roles = replace_line(
        roles, AM_SUMMARY, '    summary: "[link=https://example.com]Click[/link] me :smile:"'
    )
    (d / "roles.yaml").write_text(roles, "utf-8")
    skills = (d / "skills.yaml").read_text("utf-8")
    old = "    name: Scheduling and coverage planning\n"
    assert skills.count(old) == 1
    (d / "skills.yaml").write_text(
        skills.replace(old, '    name: "[italic]Scheduling[/italic]"\n'), "utf-8"
    )
    return d


def test_markup_in_data_is_shown_literally(
    invoke: Invoke, odd_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def run(*args: str) -> str:
        result = invoke("--data-dir", str(odd_data), *args)
        assert result.exit_code == 0, result.stderr
        assert ANSI not in result.stdout
        return result.stdout

    page = run("role", "account-manager", "-f", "table")
    assert "[bold red]Account manager[/]" in page
    assert "[link=https://example.com]Click[/link] me :smile:" in page
    assert "[blink]Own[/blink] the relationship" in page
    assert "[bold red]Account manager[/]" in run("pay", "account-manager", "-f", "table")
    assert "[bold red]Account manager[/]" in run("track", "account-manager", "-f", "table")
    assert "[italic]Scheduling[/italic]" in run("skills", "-f", "table")
    assert "[italic]Scheduling[/italic]" in run("role", "customer-service-manager", "-f", "table")
    monkeypatch.setenv("COLUMNS", "250")
    assert "[bold red]Account manager[/]" in run("roles", "-f", "table")


def test_markup_title_is_looked_up_like_any_other(invoke: Invoke, odd_data: Path) -> None:
    result = invoke(
        "--data-dir", str(odd_data), "pay", "[BOLD RED]account manager[/]", "-f", "json"
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)[0]["title"] == "[bold red]Account manager[/]"


def test_mermaid_labels_escape_quotes_and_angle_brackets(invoke: Invoke, odd_data: Path) -> None:
    result = invoke(
        "--data-dir", str(odd_data), "track", "customer-experience-specialist", "-f", "mermaid"
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == (
        '    customer_experience_specialist["Customer #quot;experience#quot; #lt;specialist#gt;"]'
    )


def test_line_breaks_in_data_do_not_break_tsv_rows(invoke: Invoke, tmp_path: Path) -> None:
    d = tmp_path / "data"
    d.mkdir()
    shutil.copyfile(DATA / "skills.yaml", d / "skills.yaml")
    roles = (DATA / "roles.yaml").read_text("utf-8")
    roles = replace_line(roles, AM_SUMMARY, "    summary: |\n      First line.\n      Second line.")
    (d / "roles.yaml").write_text(roles, "utf-8")

    tsv = invoke("--data-dir", str(d), "role", "account-manager", "--no-header")
    assert tsv.exit_code == 0, tsv.stderr
    assert tsv.stdout.count("\n") == 1
    row = dict(zip(records.ROLE_DETAIL_COLUMNS, tsv.stdout.rstrip("\n").split("\t"), strict=True))
    assert row["summary"] == "First line. Second line."
    as_csv = invoke("--data-dir", str(d), "role", "account-manager", "-f", "csv")
    (rec,) = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert rec["summary"] == "First line.\nSecond line."
    as_json = json.loads(
        invoke("--data-dir", str(d), "role", "account-manager", "-f", "json").stdout
    )
    assert as_json["summary"] == "First line.\nSecond line."


# --------------------------------------------------------------------------- pipes and locales


def _closed_after_one_line(tmp_path: Path) -> tuple[int, str, str]:
    names = tmp_path / "names.txt"
    names.write_text(
        "".join(
            f"{n}\n"
            for n in [
                "Customer service specialist",
                "csr",
                "CALL CENTER AGENT",
                "customer-service-manager",
            ]
            * 5000
        ),
        "utf-8",
    )
    err = tmp_path / "stderr.txt"
    with names.open("rb") as stdin, err.open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "csadvisor", "pay", "-"],
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=_env(tmp_path),
        )
        assert proc.stdout is not None
        first = proc.stdout.readline().decode("utf-8")
        proc.stdout.close()  # like `| head -1`
        code = proc.wait(timeout=120)
    return code, first, err.read_text("utf-8", errors="replace")


def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    _, first, stderr = _closed_after_one_line(tmp_path)
    assert first == "\t".join(records.PAY_COLUMNS) + "\n"
    assert "Traceback" not in stderr
    assert "BrokenPipeError" not in stderr
    assert "Exception ignored" not in stderr
    assert stderr == ""


def test_closed_pipe_does_not_report_role_not_found(tmp_path: Path) -> None:
    code, _, _ = _closed_after_one_line(tmp_path)
    # Exit 1 is documented as "a role was not found"; every name here exists.
    assert code in (0, -signal.SIGPIPE), f"exit {code}"


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (["roles", "-f", "table"], "Robert Half 2026 Salary Guide"),
        (["role", "csr", "-f", "table"], "Customer service specialist"),
        (["track", "-f", "table"], "Account manager"),
        (["track", "csr", "-f", "table"], "Senior customer service specialist"),
        (["pay", "csr", "account-manager", "-f", "table"], "$38,500"),
        (["skills", "-f", "table"], "Empathy and emotional intelligence"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_ascii_only_terminal_works(tmp_path: Path, args: list[str], expect: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "csadvisor", *args],
        capture_output=True,
        env=_env(tmp_path, LC_ALL="C", LANG="C", PYTHONIOENCODING="ascii"),
        timeout=60,
        check=False,
    )
    stderr = proc.stderr.decode("utf-8", errors="replace")
    assert proc.returncode == 0, stderr
    assert "UnicodeEncodeError" not in stderr
    assert "Traceback" not in stderr
    out = proc.stdout.decode("ascii")  # nothing outside ASCII reaches an ASCII terminal
    assert expect in out
    # Box drawing and bullets are drawn in ASCII, not replaced by '?'.
    assert "?" not in out
