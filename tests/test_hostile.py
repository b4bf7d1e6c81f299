"""Hostile data and answers files: nothing runs, nothing hangs, nothing raw reaches a terminal.

Every case goes through the command line, either with ``--data-dir`` (roles.yaml,
skills.yaml, locations.yaml) or with ``assess --answers`` (a file, or ``-`` for stdin), and
checks what a user would see: the exit code, nothing on stdout, one ``file:line: path:
message`` line on stderr, no traceback, and no raw control character on either stream.

Cases that could hang or exhaust memory (alias bombs, oversized and deeply nested files)
run in a subprocess with a timeout and a 1 GiB address-space limit, so a hang or a blow-up
fails the test instead of taking the test run down with it.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml
from typer.testing import Result

from csadvisor.storage import catalog

Invoke = Callable[..., Result]

# Control characters a terminal would act on (tab and newline are ordinary layout).
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
LIMIT_MIB = catalog.MAX_FILE_BYTES // (1024 * 1024)
TIMEOUT = 10  # seconds a hostile input may take before the test calls it a hang
MEMORY_LIMIT = 1 << 30  # bytes of address space for a subprocess run

# --------------------------------------------------------------------------- a small catalogue

PAY = {
    "low": 34750,
    "high": 47000,
    "currency": "USD",
    "period": "year",
    "region": "US national",
    "basis": "starting salary",
    "source": "Test salary survey",
    "year": 2026,
}


def base_roles() -> dict[str, Any]:
    """Three roles on one track: agent -> lead -> manager."""
    return {
        "roles": [
            {
                "id": "agent",
                "title": "Support agent",
                "level": 1,
                "summary": "Answers customers on every channel.",
                "responsibilities": ["Answer calls and chats"],
                "aliases": ["Support rep"],
                "next": ["lead"],
                "skills": {"empathy": 2, "writing": 2},
                "pay": dict(PAY),
            },
            {
                "id": "lead",
                "title": "Team lead",
                "level": 3,
                "summary": "Leads a team of agents.",
                "next": ["manager"],
                "skills": {"empathy": 3, "writing": 3, "listening": 3},
                "pay": {**PAY, "low": 52000, "high": 61000},
            },
            {
                "id": "manager",
                "title": "Support manager",
                "level": 5,
                "summary": "Runs the support organisation.",
                "next": [],
                "skills": {"empathy": 4, "writing": 4, "listening": 4},
            },
        ]
    }


def _skill(ident: str, name: str) -> dict[str, Any]:
    return {
        "id": ident,
        "name": name,
        "category": "soft",
        "description": f"What {name.lower()} means at work.",
        "levels": [f"{name} at level {n}" for n in range(1, 6)],
        "growth": [f"Practise {name.lower()} every week"],
    }


def base_skills() -> dict[str, Any]:
    return {
        "skills": [
            _skill("empathy", "Empathy"),
            _skill("writing", "Clear writing"),
            _skill("listening", "Active listening"),
            _skill("patience", "Patience"),  # no role needs it
        ]
    }


def base_locations() -> dict[str, Any]:
    return {
        "locations": [
            {"name": "Springfield", "factor": 1.1, "source": "Test cost index", "year": 2026},
            {"name": "Shelbyville", "factor": 0.9, "source": "Test cost index", "year": 2026},
        ]
    }


def base_answers() -> dict[str, Any]:
    return {"role": "agent", "skills": {"empathy": 2, "writing": 3, "listening": 1, "patience": 4}}


BASE = {
    "roles": base_roles,
    "skills": base_skills,
    "locations": base_locations,
    "answers": base_answers,
    "stdin": base_answers,
}


def dump(doc: Any) -> str:
    """YAML as a person would write it; control characters come out as escapes."""
    return yaml.safe_dump(doc, sort_keys=False, width=1000)


def write(path: Path, content: Any) -> None:
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_text(dump(content), encoding="utf-8")


def make_data(directory: Path, **files: Any) -> Path:
    """A data directory with the base catalogue, some files replaced by ``files``."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in ("roles", "skills", "locations"):
        content = files.get(name, BASE[name]())
        if content is not None:
            write(directory / f"{name}.yaml", content)
    return directory


def line_of(text: str, needle: str, occurrence: int = 0) -> int:
    """1-based line of the ``occurrence``-th line of ``text`` that contains ``needle``."""
    hits = [i for i, ln in enumerate(text.splitlines(), 1) if needle in ln]
    assert hits, f"{needle!r} not in the file"
    return hits[occurrence]


# --------------------------------------------------------------------------- running a target


class Outcome(NamedTuple):
    exit_code: int
    stdout: str
    stderr: str


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_process(args: list[str], stdin: bytes | None = None) -> Outcome:
    """csadvisor in a child process: a hang is a TimeoutExpired, so the test fails."""
    env = {k: v for k, v in os.environ.items() if k != "CSADVISOR_DEBUG"}
    done = subprocess.run(
        [sys.executable, "-m", "csadvisor", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=TIMEOUT,
        env=env,
        preexec_fn=_limit_memory,
        check=False,
    )
    for stream in (done.stdout, done.stderr):
        assert b"\x1b" not in stream, stream[:300]
    return Outcome(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


def run_target(
    invoke: Invoke, tmp_path: Path, target: str, content: Any, *, process: bool = False
) -> tuple[Outcome, str]:
    """Put ``content`` in the place ``target`` names and run the command that reads it.

    Returns the outcome and the label csadvisor uses for that file in messages.
    """
    files: dict[str, Any] = {}
    if target in ("roles", "skills", "locations"):
        files[target] = content
    data = make_data(tmp_path / "data", **files)
    args = ["--data-dir", str(data)]
    stdin: Any = None
    if target == "locations":
        args += ["pay", "agent", "--location", "Springfield", "-f", "json"]
        label = str(data / "locations.yaml")
    elif target == "answers":
        answers = tmp_path / "answers.yaml"
        write(answers, content)
        args += ["assess", "--answers", str(answers), "--no-save", "-f", "json"]
        label = str(answers)
    elif target == "stdin":
        args += ["assess", "--answers", "-", "--no-save", "-f", "json"]
        stdin = content if not isinstance(content, dict) else dump(content)
        label = "<stdin>"
    else:
        args += ["roles", "-f", "json"]
        label = str(data / f"{target}.yaml")
    if process:
        raw = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        return run_process(args, raw), label
    result = invoke(*args, input=stdin)
    return Outcome(result.exit_code, result.stdout, result.stderr), label


def assert_clean(outcome: Outcome) -> None:
    """Whatever happened, no traceback and no raw control character reached the user."""
    assert "Traceback" not in outcome.stderr, outcome.stderr[-500:]
    for name, text in (("stdout", outcome.stdout), ("stderr", outcome.stderr)):
        bad = RAW_CONTROL.search(text)
        assert bad is None, f"raw {bad.group()!r} on {name}: {text[:400]!r}"


ANY_LINE = -1


def assert_data_error(outcome: Outcome, label: str, line: int | None = None) -> str:
    """Exit 3, nothing on stdout, one stderr line ``csadvisor: label[:line]: ...``.

    ``line`` None means the message names no line; ANY_LINE, that it names some line.
    Returns what follows the location, for the caller to check.
    """
    assert_clean(outcome)
    assert outcome.exit_code == 3, outcome
    assert outcome.stdout == ""
    assert outcome.stderr.count("\n") == 1, outcome.stderr
    where = re.escape(f"csadvisor: {label}") + {None: "", ANY_LINE: r":\d+"}.get(line, f":{line}")
    m = re.match(where + ": ", outcome.stderr)
    assert m, (where, outcome.stderr)
    return outcome.stderr[m.end() :].rstrip("\n")


def assert_ok(outcome: Outcome) -> None:
    assert_clean(outcome)
    assert outcome.exit_code == 0, outcome
    assert outcome.stderr == ""
    assert outcome.stdout.strip()


FILE_TARGETS = ["roles", "skills", "locations", "answers"]
ALL_TARGETS = [*FILE_TARGETS, "stdin"]


def paired(rows: list[Any], variants: list[Any]) -> list[tuple[Any, Any]]:
    """Each row with one variant, the variants taken in turn.

    Where every row runs the same code and every variant shows the same message shape, the
    full cross product only repeats itself: one pass over the rows that still uses every
    variant keeps each distinct path and each distinct message.
    """
    assert len(rows) >= len(variants)
    return [(row, variants[i % len(variants)]) for i, row in enumerate(rows)]


# Where each target's sentinel value goes, and the field path a message must name.
TEXT_FIELD = {
    "roles": (lambda d: d["roles"][0], "title", "roles[0].title"),
    "skills": (lambda d: d["skills"][0], "description", "skills[0].description"),
    "locations": (lambda d: d["locations"][0], "name", "locations[0].name"),
    "answers": (lambda d: d, "role", "role"),
    "stdin": (lambda d: d, "role", "role"),
}
SENTINEL = "HOSTILE-SENTINEL-VALUE"


def with_sentinel(target: str) -> str:
    """The target's base document as YAML text with SENTINEL as one text value."""
    doc = BASE[target]()
    parent, key, _ = TEXT_FIELD[target]
    parent(doc)[key] = SENTINEL
    text = dump(doc)
    assert text.count(SENTINEL) == 1
    return text


# --------------------------------------------------------------------------- baseline


@pytest.mark.parametrize("target", ALL_TARGETS)
def test_base_catalogue_and_answers_are_accepted(
    invoke: Invoke, tmp_path: Path, target: str
) -> None:
    """The baseline every case below breaks: each target, unbroken, works."""
    outcome, _ = run_target(invoke, tmp_path, target, BASE[target]())
    assert_ok(outcome)


# --------------------------------------------------------------------------- YAML tags

TAG_PAYLOADS = {
    "object-apply": (
        '!!python/object/apply:os.system ["touch {marker}"]',
        "!!python/object/apply:os.system",
    ),
    "object-apply-mapping": (
        '!!python/object/apply:subprocess.call {{args: [["touch", "{marker}"]]}}',
        "!!python/object/apply:subprocess.call",
    ),
    "object-new": (
        '!!python/object/new:subprocess.Popen [["touch", "{marker}"]]',
        "!!python/object/new:subprocess.Popen",
    ),
    "name": ("!!python/name:os.system", "!!python/name:os.system"),
}


@pytest.mark.parametrize(("target", "payload"), paired(ALL_TARGETS, list(TAG_PAYLOADS)))
def test_python_tags_are_rejected_and_never_run(
    invoke: Invoke, tmp_path: Path, target: str, payload: str
) -> None:
    marker = tmp_path / "MARKER"
    snippet, tag = TAG_PAYLOADS[payload]
    snippet = snippet.format(marker=marker)
    text = with_sentinel(target).replace(SENTINEL, snippet)
    outcome, label = run_target(invoke, tmp_path, target, text)
    path = TEXT_FIELD[target][2]
    rest = assert_data_error(outcome, label, line_of(text, "!!python"))
    assert rest == f"{path}: YAML tag '{tag}' is not allowed"
    assert not marker.exists(), "the YAML tag ran a command"


@pytest.mark.parametrize("target", ["roles", "answers"])
def test_python_tag_as_a_mapping_key_is_rejected(
    invoke: Invoke, tmp_path: Path, target: str
) -> None:
    marker = tmp_path / "MARKER"
    key = f'? !!python/object/apply:os.system ["touch {marker}"]'
    text = dump(base_roles() if target == "roles" else base_answers())
    old = next(ln for ln in text.splitlines(keepends=True) if ln.strip() == "empathy: 2")
    indent = old[: len(old) - len(old.lstrip())]
    text = text.replace(old, f"{indent}{key}\n{indent}: 1\n{old}", 1)
    outcome, label = run_target(invoke, tmp_path, target, text)
    rest = assert_data_error(outcome, label, line_of(text, "!!python"))
    assert "YAML tag '!!python/object/apply:os.system' is not allowed" in rest
    assert not marker.exists()


# --------------------------------------------------------------------------- bombs and size


def billion_laughs(levels: int = 30, width: int = 10) -> str:
    """The classic alias bomb: expanded, ``width ** levels`` strings (10**30: no machine
    could hold them, so only a bounded reader ends)."""
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("target", ALL_TARGETS)
def test_alias_bomb_is_rejected_quickly_in_bounded_memory(
    invoke: Invoke, tmp_path: Path, target: str
) -> None:
    outcome, label = run_target(invoke, tmp_path, target, billion_laughs(), process=True)
    assert_clean(outcome)
    assert outcome.exit_code == 3, outcome
    assert outcome.stdout == ""
    assert outcome.stderr.count("\n") == 1
    assert re.match(rf"csadvisor: {re.escape(label)}:\d+: \S+: ", outcome.stderr), outcome.stderr
    assert "allowed (an alias bomb?)" in outcome.stderr


def oversized(target: str) -> bytes:
    """A valid document padded with comments to just over the size limit."""
    head = dump(BASE[target]()).encode("utf-8")
    pad = b"# " + b"x" * 1021 + b"\n"
    count = (catalog.MAX_FILE_BYTES - len(head)) // len(pad) + 2
    blob = head + pad * count
    assert len(blob) > catalog.MAX_FILE_BYTES
    return blob


@pytest.mark.parametrize("target", ALL_TARGETS)
def test_file_over_the_size_limit_is_refused_naming_the_limit(
    invoke: Invoke, tmp_path: Path, target: str
) -> None:
    outcome, label = run_target(invoke, tmp_path, target, oversized(target), process=True)
    rest = assert_data_error(outcome, label)
    limit = 1 if target in ("answers", "stdin") else LIMIT_MIB  # answers: 1 MiB
    assert f"larger than the {limit} MiB limit" in rest


@pytest.mark.parametrize("depth", [50, 100_000])  # under the limit (schema), over it
@pytest.mark.parametrize("target", ["roles", "answers"])
def test_deeply_nested_yaml_is_a_data_error_not_a_crash(
    invoke: Invoke, tmp_path: Path, target: str, depth: int
) -> None:
    key = "roles" if target == "roles" else "skills"
    text = f"{key}: " + "[" * depth + "]" * depth + "\n"
    outcome, label = run_target(invoke, tmp_path, target, text, process=True)
    assert_data_error(outcome, label, 1)


# --------------------------------------------------------------------------- rich markup

BOLD = "[bold red]x[/]"
LINK = "[link=https://example.com]click[/link]"
CLOSE = "[/]"


@pytest.fixture
def markup_data(tmp_path: Path) -> Path:
    """The base catalogue with Rich markup in every kind of text field."""
    roles = base_roles()
    agent, lead = roles["roles"][0], roles["roles"][1]
    agent.update(
        title=f"Agent {BOLD}",
        summary=f"Sum {LINK}",
        responsibilities=[f"Do {CLOSE}"],
        aliases=[CLOSE, LINK],
    )
    agent["pay"].update(source=f"Src {BOLD}", region=f"Reg {CLOSE}", basis=f"Bas {LINK}")
    lead["title"] = f"Lead {LINK}"
    skills = base_skills()
    empathy = skills["skills"][0]
    empathy.update(
        name=f"Emp {BOLD}",
        description=f"Desc {LINK}",
        levels=[f"L{n} {CLOSE}" for n in range(1, 5)] + [f"L5 {BOLD}"],
        growth=[f"Grow {LINK}"],
    )
    skills["skills"][1]["name"] = f"Wri {CLOSE}"
    return make_data(tmp_path / "markup", roles=roles, skills=skills)


def flat(text: str) -> str:
    """Whitespace folded, so a wrapped table cell still reads as one string."""
    return " ".join(text.split())


MARKUP_TABLES = [
    (["roles"], [f"Agent {BOLD}", f"Lead {LINK}"]),
    (
        ["role", "agent"],
        [
            f"Agent {BOLD}",
            f"Sum {LINK}",
            f"Do {CLOSE}",
            f"Emp {BOLD}",
            f"Wri {CLOSE}",
            f"Lead {LINK}",
            f"{CLOSE}, {LINK}",
            f"Bas {LINK}, Reg {CLOSE}; Src {BOLD}",
        ],
    ),
    (["skills"], [f"Emp {BOLD}", f"Wri {CLOSE}"]),
    (["track"], [f"Agent {BOLD}", f"Lead {LINK}"]),
    (["pay", "agent", "lead"], [f"Agent {BOLD}", f"Lead {LINK}", f"Src {BOLD}"]),
    (["skill", "empathy"], [f"Emp {BOLD}", f"Desc {LINK}", f"L2 {CLOSE}", f"Grow {LINK}"]),
]


@pytest.mark.parametrize(
    ("args", "shown"), MARKUP_TABLES, ids=[" ".join(args) for args, _ in MARKUP_TABLES]
)
def test_markup_in_data_is_shown_literally_in_tables(
    invoke: Invoke,
    markup_data: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    shown: list[str],
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    result = invoke("--data-dir", str(markup_data), *args, "-f", "table")
    assert_clean(Outcome(result.exit_code, result.stdout, result.stderr))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    page = flat(result.stdout)
    missing = [s for s in shown if s not in page]
    assert missing == [], result.stdout


def test_markup_in_data_is_kept_verbatim_in_json_and_tsv(invoke: Invoke, markup_data: Path) -> None:
    def run(*args: str) -> str:
        result = invoke("--data-dir", str(markup_data), *args)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    role = json.loads(run("role", "agent", "-f", "json"))
    assert (role["title"], role["summary"]) == (f"Agent {BOLD}", f"Sum {LINK}")
    assert role["responsibilities"] == [f"Do {CLOSE}"]
    assert role["aliases"] == [CLOSE, LINK]
    assert (role["source"], role["region"], role["basis"]) == (
        f"Src {BOLD}",
        f"Reg {CLOSE}",
        f"Bas {LINK}",
    )
    listed = {r["id"]: r["title"] for r in json.loads(run("roles", "-f", "json"))}
    assert listed["lead"] == f"Lead {LINK}"
    skill = json.loads(run("skills", "-f", "json"))[0]
    assert (skill["name"], skill["description"]) == (f"Emp {BOLD}", f"Desc {LINK}")
    assert skill["levels"][4] == f"L5 {BOLD}"
    assert skill["growth"] == [f"Grow {LINK}"]

    tsv = run("role", "agent", "-f", "tsv", "--no-header").rstrip("\n").split("\t")
    for value in (f"Agent {BOLD}", f"Sum {LINK}", f"Do {CLOSE}", f"Src {BOLD}", f"Bas {LINK}"):
        assert value in tsv
    assert f"{CLOSE};{LINK}" in tsv  # the aliases cell
    pay = run("pay", "agent", "-f", "tsv", "--no-header").rstrip("\n").split("\t")
    assert pay[1] == f"Agent {BOLD}"
    assert f"Reg {CLOSE}" in pay
    skills_tsv = run("skills", "-f", "tsv", "--no-header").splitlines()[0].split("\t")
    assert skills_tsv[1:4] == [f"Emp {BOLD}", "soft", f"Desc {LINK}"]


def test_markup_in_data_is_literal_in_the_assessment_and_escaped_in_markdown(
    invoke: Invoke, markup_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    answers = tmp_path / "me.yaml"
    ratings = {"empathy": 1, "writing": 2, "listening": 1, "patience": 5}
    write(answers, {"role": "agent", "skills": ratings})
    plan = tmp_path / "plan.md"
    result = invoke(
        "--data-dir",
        str(markup_data),
        "assess",
        "--answers",
        str(answers),
        "--no-save",
        "--export",
        str(plan),
        "-f",
        "table",
        "--details",  # the next level's descriptor is among the details (issue 11)
    )
    assert_clean(Outcome(result.exit_code, result.stdout, result.stderr))
    assert result.exit_code == 0, result.stderr
    page = flat(result.stdout)
    for shown in (f"Emp {BOLD}", f"Wri {CLOSE}", f"Lead {LINK}", f"L2 {CLOSE}", f"Grow {LINK}"):
        assert shown in page, shown
    summary = invoke(
        "--data-dir", str(markup_data), "assess", "--answers", str(answers), "--no-save",
    )  # fmt: skip
    assert_clean(Outcome(summary.exit_code, summary.stdout, summary.stderr))
    for shown in (f"Lead {LINK}", f"Grow {LINK}"):
        assert shown in flat(summary.stdout), shown

    as_json = invoke(
        "--data-dir", str(markup_data), "assess", "--answers", str(answers), "--no-save", "-f",
        "json",
    )  # fmt: skip
    doc = json.loads(as_json.stdout)
    assert doc["role_title"] == f"Agent {BOLD}"
    assert doc["suggestion"]["title"] == f"Lead {LINK}"
    assert f"Emp {BOLD}" in [gap["name"] for gap in doc["top_gaps"]]

    md = plan.read_text("utf-8")
    for escaped in (
        r"Agent \[bold red\]x\[/\]",
        r"Lead \[link=https&#58;//example.com\]click\[/link\]",
        r"Emp \[bold red\]x\[/\]",
        r"Wri \[/\]",
        r"L2 \[/\]",
        r"Grow \[link=https&#58;//example.com\]click\[/link\]",
    ):
        assert escaped in md, escaped
    # No bracket from the data is left for a Markdown renderer to read as a link.
    assert not re.search(r"(?<!\\)\[(bold red|link=|/)", md), md


# --------------------------------------------------------------------------- control characters

CONTROLS = {
    "esc-csi": ("\x1b[31m", "\\x1b"),
    "osc8-link": ("\x1b]8;;http://x\x07", "\\x1b"),
    "bel": ("\x07", "\\x07"),
    "nul": ("\x00", "\\x00"),
    "backspace": ("\x08", "\\x08"),
    "del": ("\x7f", "\\x7f"),
    "c1-csi": ("\x9b", "\\x9b"),
    "c1-nel": ("\x85", "\\x85"),
    "rlo": ("\u202e", "\\u202e"),
    "lri": ("\u2066", "\\u2066"),
}


def _set(path: list[Any]) -> Callable[[Any, str], None]:
    """A setter for the value at ``path`` (keys and indexes) in a document."""

    def put(doc: Any, value: str) -> None:
        for step in path[:-1]:
            doc = doc[step]
        doc[path[-1]] = value

    return put


TEXT_FIELDS = [
    ("roles", ["roles", 0, "id"], "roles[0].id"),
    ("roles", ["roles", 0, "title"], "roles[0].title"),
    ("roles", ["roles", 0, "summary"], "roles[0].summary"),
    ("roles", ["roles", 0, "responsibilities", 0], "roles[0].responsibilities[0]"),
    ("roles", ["roles", 0, "aliases", 0], "roles[0].aliases[0]"),
    ("roles", ["roles", 2, "next"], "roles[2].next[0]"),
    ("roles", ["roles", 0, "pay", "source"], "roles[0].pay.source"),
    ("roles", ["roles", 0, "pay", "region"], "roles[0].pay.region"),
    ("roles", ["roles", 0, "pay", "basis"], "roles[0].pay.basis"),
    ("skills", ["skills", 3, "id"], "skills[3].id"),
    ("skills", ["skills", 0, "name"], "skills[0].name"),
    ("skills", ["skills", 0, "description"], "skills[0].description"),
    ("skills", ["skills", 0, "levels", 2], "skills[0].levels[2]"),
    ("skills", ["skills", 0, "growth", 0], "skills[0].growth[0]"),
    ("locations", ["locations", 0, "name"], "locations[0].name"),
    ("locations", ["locations", 0, "source"], "locations[0].source"),
    ("answers", ["role"], "role"),
    ("stdin", ["role"], "role"),
]


CONTROL_CASES = paired(TEXT_FIELDS, list(CONTROLS))


@pytest.mark.parametrize(
    ("field", "char"), CONTROL_CASES, ids=[f"{f[0]}:{f[2]}-{c}" for f, c in CONTROL_CASES]
)
def test_control_characters_in_text_are_rejected_with_the_field_path(
    invoke: Invoke, tmp_path: Path, field: tuple[str, list[Any], str], char: str
) -> None:
    target, where, path = field
    raw, shown = CONTROLS[char]
    value = f"Zq{raw}zq"
    doc = BASE[target]()
    if path.endswith("next[0]"):
        _set(where)(doc, [value])
    else:
        _set(where)(doc, value)
    text = dump(doc)
    outcome, label = run_target(invoke, tmp_path, target, text)
    rest = assert_data_error(outcome, label, line_of(text, "Zq"))
    assert rest.startswith(f"{path}: contains a control character ({shown}); not allowed here")


def _role_skill_key(doc: Any, key: str) -> None:
    doc["roles"][0]["skills"][key] = 2


def _role_unknown_key(doc: Any, key: str) -> None:
    doc["roles"][0][key] = "x"


def _answers_key(doc: Any, key: str) -> None:
    doc["skills"][key] = 3


def _location_unknown_key(doc: Any, key: str) -> None:
    doc["locations"][0][key] = 1


KEY_CASES = [
    ("roles", _role_skill_key),
    ("roles", _role_unknown_key),
    ("locations", _location_unknown_key),
    ("answers", _answers_key),
    ("stdin", _answers_key),
]


KEY_PAIRS = paired(KEY_CASES, ["\x1b[31mevil", "ev\u202eil", "two\nlines"])


@pytest.mark.parametrize(
    ("case", "key"), KEY_PAIRS, ids=[f"{t}-{m.__name__[1:]}" for (t, m), _ in KEY_PAIRS]
)
def test_control_characters_in_mapping_keys_are_escaped_in_the_message(
    invoke: Invoke, tmp_path: Path, case: tuple[str, Callable[[Any, str], None]], key: str
) -> None:
    """A key is echoed in the field path; it must be escaped like any other data."""
    target, mutate = case
    doc = BASE[target]()
    mutate(doc, key)
    text = dump(doc)
    outcome, label = run_target(invoke, tmp_path, target, text)
    rest = assert_data_error(outcome, label, ANY_LINE)
    assert "\\x1b" in rest or "\\u202e" in rest or "\\n" in rest, rest


def test_duplicate_key_with_an_escape_is_escaped_in_the_message(
    invoke: Invoke, tmp_path: Path
) -> None:
    text = dump(base_roles())
    old = next(ln for ln in text.splitlines(keepends=True) if ln.strip() == "empathy: 2")
    indent = old[: len(old) - len(old.lstrip())]
    text = text.replace(old, f'{indent}"\\e[31mk": 1\n{indent}"\\e[31mk": 2\n{old}', 1)
    outcome, label = run_target(invoke, tmp_path, "roles", text)
    rest = assert_data_error(outcome, label, line_of(text, "31mk", 1))
    assert rest.startswith("roles[0].skills.\\x1b[31mk: duplicate key"), rest


def test_data_validate_escapes_role_ids_in_a_cycle(invoke: Invoke, tmp_path: Path) -> None:
    """The cycle message repeats role ids; ids with escapes must not reach stdout raw."""
    roles = base_roles()
    evil = "agent\x1b[2J"
    roles["roles"][0]["id"] = evil
    roles["roles"][2]["next"] = [evil]
    data = make_data(tmp_path / "data", roles=roles)
    result = invoke("data", "validate", str(data))
    assert result.exit_code == 3
    assert_clean(Outcome(result.exit_code, result.stdout, result.stderr))
    assert "the growth track has a cycle" in result.stdout
    assert "\\x1b[2J" in result.stdout


@pytest.mark.parametrize(
    ("option", "tail"),
    [
        ("--answers", ["assess", "--no-save"]),
        ("--data-dir", ["roles"]),
    ],
)
def test_file_names_with_escapes_are_shown_escaped(
    tmp_path: Path, option: str, tail: list[str]
) -> None:
    name = str(tmp_path / "\x1b[31mnot-there")
    args = [option, name, *tail] if option == "--data-dir" else [*tail, option, name]
    outcome = run_process(args)
    assert_clean(outcome)
    assert outcome.exit_code == 3
    assert "\\x1b[31mnot-there" in outcome.stderr


UNKNOWN = "\x1b[31mX"
UNKNOWN_NAME_COMMANDS = [
    ["pay", UNKNOWN],
    ["role", UNKNOWN],
    ["track", UNKNOWN],
    ["next", UNKNOWN],
    ["roles", "--from", UNKNOWN],
    ["skill", UNKNOWN],
    ["pay", "agent", "--location", UNKNOWN],
]


@pytest.mark.parametrize("args", UNKNOWN_NAME_COMMANDS, ids=lambda a: " ".join(a[:-1]))
def test_unknown_name_typed_with_an_escape_is_shown_escaped(
    tmp_path: Path, args: list[str]
) -> None:
    data = make_data(tmp_path / "data")
    outcome = run_process(["--data-dir", str(data), *args, "-f", "tsv"])
    assert_clean(outcome)
    assert outcome.exit_code == 1, outcome
    assert outcome.stderr.count("\n") == 1, outcome.stderr
    assert "'\\x1b[31mX'" in outcome.stderr


def test_unknown_name_with_an_escape_from_stdin_is_shown_escaped(tmp_path: Path) -> None:
    data = make_data(tmp_path / "data")
    outcome = run_process(["--data-dir", str(data), "pay", "-", "-f", "tsv"], b"\x1b[31mX\nagent\n")
    assert_clean(outcome)
    assert outcome.exit_code == 1
    assert "'\\x1b[31mX'" in outcome.stderr
    # Every line has its record; the name is echoed with its escape shown, not run.
    assert outcome.stdout.splitlines()[1].endswith("unknown role\t\\x1b[31mX\t1\t")
    assert outcome.stdout.splitlines()[2].startswith("agent\t")


# --------------------------------------------------------------------------- wrong shapes


def _pop(path: list[Any]) -> Callable[[Any], Any]:
    def go(doc: Any) -> Any:
        node = doc
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]
        return doc

    return go


def _put(path: list[Any], value: Any) -> Callable[[Any], Any]:
    def go(doc: Any) -> Any:
        _set(path)(doc, copy.deepcopy(value))
        return doc

    return go


def _both(*steps: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def go(doc: Any) -> Any:
        for step in steps:
            doc = step(doc)
        return doc

    return go


def _append(path: list[Any], make: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def go(doc: Any) -> Any:
        node = doc
        for step in path:
            node = node[step]
        node.append(make(doc))
        return doc

    return go


def _replace(value: Any) -> Callable[[Any], Any]:
    return lambda _doc: copy.deepcopy(value)


NaN, INF = float("nan"), float("inf")
ROLE0 = ["roles", 0]
PAY0 = [*ROLE0, "pay"]


def shape(
    ident: str,
    target: str,
    mutate: Callable[[Any], Any],
    path: str,
    message: str,
    needle: tuple[str, int],
) -> Any:
    """One broken document: where it is, how it is broken, what the message must say.

    ``needle`` is (text, occurrence): the line the message must name is the
    ``occurrence``-th line containing that text.
    """
    return pytest.param(target, mutate, path, message, needle, id=ident)


SHAPES = [
    # roles.yaml: every level
    shape(
        "top-list",
        "roles",
        _replace(["roles"]),
        "(top level)",
        "expected a mapping, got a list",
        ("- roles", 0),
    ),
    shape(
        "top-scalar",
        "roles",
        _replace("roles"),
        "(top level)",
        "expected a mapping, got 'roles'",
        ("roles", 0),
    ),
    shape(
        "top-empty-mapping",
        "roles",
        _replace({}),
        "(top level)",
        "missing required key 'roles'",
        ("{}", 0),
    ),
    shape(
        "top-unknown-key",
        "roles",
        _put(["version"], 1),
        "version",
        "unknown key 'version'",
        ("version: 1", 0),
    ),
    shape(
        "roles-a-mapping",
        "roles",
        _put(["roles"], {"agent": {"id": "agent"}}),
        "roles",
        "expected a list, got a mapping",
        ("roles:", 0),
    ),
    shape(
        "roles-empty",
        "roles",
        _put(["roles"], []),
        "roles",
        "expected at least 1 items, got 0",
        ("roles:", 0),
    ),
    shape(
        "role-a-string",
        "roles",
        _both(_put(["roles", 1, "next"], []), _put(["roles", 2], "manager")),
        "roles[2]",
        "expected a mapping, got 'manager'",
        ("- manager", 0),
    ),
    shape(
        "role-missing-summary",
        "roles",
        _pop([*ROLE0, "summary"]),
        "roles[0]",
        "missing required key 'summary'",
        ("- id: agent", 0),
    ),
    shape(
        "role-unknown-key",
        "roles",
        _put([*ROLE0, "salary"], 50000),
        "roles[0].salary",
        "unknown key 'salary'",
        ("salary: 50000", 0),
    ),
    shape(
        "title-a-number",
        "roles",
        _put([*ROLE0, "title"], 42),
        "roles[0].title",
        "expected text, got '42'",
        ("title: 42", 0),
    ),
    shape(
        "title-null",
        "roles",
        _put([*ROLE0, "title"], None),
        "roles[0].title",
        "expected text, got nothing",
        ("title: null", 0),
    ),
    shape(
        "aliases-a-mapping",
        "roles",
        _put([*ROLE0, "aliases"], {"a": 1}),
        "roles[0].aliases",
        "expected a list, got a mapping",
        ("aliases:", 0),
    ),
    shape(
        "next-a-string",
        "roles",
        _put([*ROLE0, "next"], "lead"),
        "roles[0].next",
        "expected a list, got 'lead'",
        ("next: lead", 0),
    ),
    shape(
        "level-0",
        "roles",
        _put([*ROLE0, "level"], 0),
        "roles[0].level",
        "must be from 1 to 5, got '0'",
        ("level: 0", 0),
    ),
    shape(
        "level-2.5",
        "roles",
        _put([*ROLE0, "level"], 2.5),
        "roles[0].level",
        "expected a whole number, got '2.5'",
        ("level: 2.5", 0),
    ),
    shape(
        "level-true",
        "roles",
        _put([*ROLE0, "level"], True),
        "roles[0].level",
        "expected a whole number, got true",
        ("level: true", 0),
    ),
    shape(
        "skills-a-list",
        "roles",
        _put([*ROLE0, "skills"], ["empathy"]),
        "roles[0].skills",
        "expected a mapping, got a list",
        ("skills:", 0),
    ),
    shape(
        "skill-level-text",
        "roles",
        _put([*ROLE0, "skills", "empathy"], "high"),
        "roles[0].skills.empathy",
        "expected a whole number, got 'high'",
        ("empathy: high", 0),
    ),
    shape(
        "pay-a-list",
        "roles",
        _put(PAY0, [34750, 47000]),
        "roles[0].pay",
        "expected a mapping, got a list",
        ("pay:", 0),
    ),
    shape(
        "pay-missing-currency",
        "roles",
        _pop([*PAY0, "currency"]),
        "roles[0].pay",
        "missing required key 'currency'",
        ("pay:", 0),
    ),
    shape(
        "pay-unknown-key",
        "roles",
        _put([*PAY0, "median"], 40000),
        "roles[0].pay.median",
        "unknown key 'median'",
        ("median: 40000", 0),
    ),
    shape(
        "pay-year-text",
        "roles",
        _put([*PAY0, "year"], "2026"),
        "roles[0].pay.year",
        "expected a whole number, got '2026'",
        ("year: '2026'", 0),
    ),
    shape(
        "pay-year-1800",
        "roles",
        _put([*PAY0, "year"], 1800),
        "roles[0].pay.year",
        "must be from 1900 to 2200, got '1800'",
        ("year: 1800", 0),
    ),
    shape(
        "pay-currency",
        "roles",
        _put([*PAY0, "currency"], "dollars"),
        "roles[0].pay.currency",
        "'dollars' is not valid",
        ("currency: dollars", 0),
    ),
    shape(
        "pay-period",
        "roles",
        _put([*PAY0, "period"], "week"),
        "roles[0].pay.period",
        "expected one of year, month, hour, got 'week'",
        ("period: week", 0),
    ),
    shape(
        "pay-negative",
        "roles",
        _put([*PAY0, "low"], -1),
        "roles[0].pay.low",
        "must be a positive number, got '-1'",
        ("low: -1", 0),
    ),
    shape(
        "pay-inverted",
        "roles",
        _put([*PAY0, "low"], 60000),
        "roles[0].pay.low",
        "low (60000) is greater than high (47000)",
        ("low: 60000", 0),
    ),
    shape(
        "pay-nan",
        "roles",
        _put([*PAY0, "low"], NaN),
        "roles[0].pay.low",
        "must be a positive number, got 'nan'",
        ("low: .nan", 0),
    ),
    shape(
        "pay-inf",
        "roles",
        _put([*PAY0, "high"], INF),
        "roles[0].pay.high",
        "must be a positive number, got 'inf'",
        ("high: .inf", 0),
    ),
    shape(
        "pay-400-digits",
        "roles",
        _put([*PAY0, "high"], 10**400),
        "roles[0].pay.high",
        "is too large",
        ("high: 1000", 0),
    ),
    shape(
        "pay-text",
        "roles",
        _put([*PAY0, "low"], "lots"),
        "roles[0].pay.low",
        "expected a number, got 'lots'",
        ("low: lots", 0),
    ),
    shape(
        "duplicate-role-id",
        "roles",
        _append(
            ["roles"],
            lambda d: {**copy.deepcopy(d["roles"][2]), "id": "lead", "title": "Other lead"},
        ),
        "roles[3].id",
        "duplicate id 'lead' (first used at roles[1])",
        ("- id: lead", 1),
    ),
    shape(
        "dangling-next",
        "roles",
        _put(["roles", 2, "next"], ["director"]),
        "roles[2].next[0]",
        "unknown role 'director'",
        ("- director", 0),
    ),
    shape(
        "dangling-skill",
        "roles",
        _put([*ROLE0, "skills", "juggling"], 2),
        "roles[0].skills.juggling",
        "unknown skill 'juggling'",
        ("juggling: 2", 0),
    ),
    shape(
        "self-next",
        "roles",
        _put(["roles", 2, "next"], ["manager"]),
        "roles[2].next[0]",
        "a role cannot grow into itself",
        ("- manager", 1),
    ),
    shape(
        "cycle-2",
        "roles",
        _put(["roles", 2, "next"], ["lead"]),
        "roles[1].next",
        "the growth track has a cycle: lead -> manager -> lead",
        ("next:", 1),
    ),
    # skills.yaml
    shape(
        "skills-top-unknown-key",
        "skills",
        _put(["meta"], {}),
        "meta",
        "unknown key 'meta'",
        ("meta:", 0),
    ),
    shape(
        "skills-a-mapping",
        "skills",
        _put(["skills"], {"empathy": 1}),
        "skills",
        "expected a list, got a mapping",
        ("skills:", 0),
    ),
    shape(
        "skill-a-string",
        "skills",
        _append(["skills"], lambda d: "extra"),
        "skills[4]",
        "expected a mapping, got 'extra'",
        ("- extra", 0),
    ),
    shape(
        "skill-missing-name",
        "skills",
        _pop(["skills", 0, "name"]),
        "skills[0]",
        "missing required key 'name'",
        ("- id: empathy", 0),
    ),
    shape(
        "skill-unknown-key",
        "skills",
        _put(["skills", 0, "colour"], "blue"),
        "skills[0].colour",
        "unknown key 'colour'",
        ("colour: blue", 0),
    ),
    shape(
        "skill-category",
        "skills",
        _put(["skills", 0, "category"], "hard"),
        "skills[0].category",
        "expected one of soft, technical, working, got 'hard'",
        ("category: hard", 0),
    ),
    shape(
        "levels-not-a-list",
        "skills",
        _put(["skills", 0, "levels"], "all levels"),
        "skills[0].levels",
        "expected a list, got 'all levels'",
        ("levels: all levels", 0),
    ),
    shape(
        "level-descriptor-a-number",
        "skills",
        _put(["skills", 0, "levels", 0], 1),
        "skills[0].levels[0]",
        "expected text, got '1'",
        ("- 1", 0),
    ),
    shape(
        "growth-a-string",
        "skills",
        _put(["skills", 0, "growth"], "read"),
        "skills[0].growth",
        "expected a list, got 'read'",
        ("growth: read", 0),
    ),
    shape(
        "duplicate-skill-id",
        "skills",
        _append(["skills"], lambda d: {**copy.deepcopy(d["skills"][2]), "name": "Listening again"}),
        "skills[4].id",
        "duplicate id 'listening' (first used at skills[2])",
        ("- id: listening", 1),
    ),
    # locations.yaml
    shape(
        "locations-top-scalar",
        "locations",
        _replace("Springfield"),
        "(top level)",
        "expected a mapping, got 'Springfield'",
        ("Springfield", 0),
    ),
    shape(
        "locations-a-mapping",
        "locations",
        _put(["locations"], {"Springfield": 1.1}),
        "locations",
        "expected a list, got a mapping",
        ("locations:", 0),
    ),
    shape(
        "location-a-string",
        "locations",
        _put(["locations", 1], "Shelbyville"),
        "locations[1]",
        "expected a mapping, got 'Shelbyville'",
        ("- Shelbyville", 0),
    ),
    shape(
        "location-missing-factor",
        "locations",
        _pop(["locations", 0, "factor"]),
        "locations[0]",
        "missing required key 'factor'",
        ("- name: Springfield", 0),
    ),
    shape(
        "location-unknown-key",
        "locations",
        _put(["locations", 0, "country"], "US"),
        "locations[0].country",
        "unknown key 'country'",
        ("country: US", 0),
    ),
    shape(
        "factor-negative",
        "locations",
        _put(["locations", 0, "factor"], -1.5),
        "locations[0].factor",
        "must be a positive number, got '-1.5'",
        ("factor: -1.5", 0),
    ),
    shape(
        "factor-too-large",
        "locations",
        _put(["locations", 0, "factor"], 101),
        "locations[0].factor",
        "is too large",
        ("factor: 101", 0),
    ),
    shape(
        "factor-bool",
        "locations",
        _put(["locations", 0, "factor"], True),
        "locations[0].factor",
        "expected a number, got true",
        ("factor: true", 0),
    ),
    shape(
        "duplicate-location",
        "locations",
        _put(["locations", 1, "name"], "springfield"),
        "locations[1].name",
        "duplicate location 'springfield'",
        ("name: springfield", 0),
    ),
]

ANSWER_SHAPES = [
    shape(
        "top-list",
        "answers",
        _replace([{"empathy": 2}]),
        "(top level)",
        "expected a mapping, got a list",
        ("- empathy: 2", 0),
    ),
    shape(
        "top-scalar",
        "answers",
        _replace("empathy"),
        "(top level)",
        "expected a mapping, got 'empathy'",
        ("empathy", 0),
    ),
    shape(
        "unknown-key",
        "answers",
        _put(["notes"], "me"),
        "notes",
        "unknown key 'notes' (known keys: name, rater, role, skills, evidence)",
        ("notes: me", 0),
    ),
    shape(
        "missing-skills",
        "answers",
        _pop(["skills"]),
        "(top level)",
        "missing required key 'skills'",
        ("role: agent", 0),
    ),
    shape(
        "skills-a-list",
        "answers",
        _put(["skills"], ["empathy"]),
        "skills",
        "expected a mapping, got a list",
        ("skills:", 0),
    ),
    shape(
        "role-a-list",
        "answers",
        _put(["role"], ["agent"]),
        "role",
        "expected text, got a list",
        ("role:", 0),
    ),
    shape(
        "rating-text",
        "answers",
        _put(["skills", "empathy"], "good"),
        "skills.empathy",
        "expected a whole number, got 'good'",
        ("empathy: good", 0),
    ),
    shape(
        "rating-bool",
        "answers",
        _put(["skills", "empathy"], True),
        "skills.empathy",
        "expected a whole number, got true",
        ("empathy: true", 0),
    ),
    shape(
        "rating-0",
        "answers",
        _put(["skills", "empathy"], 0),
        "skills.empathy",
        "must be from 1 to 5, got '0'",
        ("empathy: 0", 0),
    ),
    shape(
        "unknown-skill",
        "answers",
        _put(["skills", "juggling"], 3),
        "skills.juggling",
        "unknown skill 'juggling'",
        ("juggling: 3", 0),
    ),
]


def check_shape(
    invoke: Invoke,
    tmp_path: Path,
    target: str,
    mutate: Callable[[Any], Any],
    path: str,
    message: str,
    needle: tuple[str, int],
) -> None:
    text = dump(mutate(BASE[target]()))
    outcome, label = run_target(invoke, tmp_path, target, text)
    rest = assert_data_error(outcome, label, line_of(text, *needle))
    assert rest.startswith(f"{path}: {message}"), rest


@pytest.mark.parametrize(("target", "mutate", "path", "message", "needle"), SHAPES)
def test_wrong_shapes_in_data_files(
    invoke: Invoke,
    tmp_path: Path,
    target: str,
    mutate: Callable[[Any], Any],
    path: str,
    message: str,
    needle: tuple[str, int],
) -> None:
    check_shape(invoke, tmp_path, target, mutate, path, message, needle)


ANSWER_PAIRS = paired(ANSWER_SHAPES, ["answers", "stdin"])


@pytest.mark.parametrize(
    ("case", "source"), ANSWER_PAIRS, ids=[f"{c.id}-{source}" for c, source in ANSWER_PAIRS]
)
def test_wrong_shapes_in_answers(invoke: Invoke, tmp_path: Path, case: Any, source: str) -> None:
    """Broken answers, from a file and from stdin in turn (the same validator)."""
    target, mutate, path, message, needle = case.values
    assert target == "answers"
    check_shape(invoke, tmp_path, source, mutate, path, message, needle)


# --------------------------------------------------------------------------- bytes and files


@pytest.mark.parametrize(("target", "form"), paired(ALL_TARGETS, ["bom", "crlf", "bom-crlf"]))
def test_bom_and_crlf_are_fine(invoke: Invoke, tmp_path: Path, target: str, form: str) -> None:
    text = dump(BASE[target]())
    if "crlf" in form:
        text = text.replace("\n", "\r\n")
    if "bom" in form:
        text = "\ufeff" + text
    outcome, _ = run_target(invoke, tmp_path, target, text)
    assert_ok(outcome)


@pytest.mark.parametrize("target", ALL_TARGETS)
def test_latin1_byte_is_reported_with_its_line(invoke: Invoke, tmp_path: Path, target: str) -> None:
    text = with_sentinel(target)
    blob = text.encode("utf-8").replace(SENTINEL.encode(), b"Caf\xe9")
    # Through a real process: stdin is decoded by Python, not by the test runner.
    outcome, label = run_target(invoke, tmp_path, target, blob, process=True)
    rest = assert_data_error(outcome, label, line_of(text, SENTINEL))
    assert rest == "not valid UTF-8 (byte 0xe9)"


@pytest.mark.parametrize(("target", "content"), paired(ALL_TARGETS, ["", " \n\t\n   \n"]))
def test_empty_file(invoke: Invoke, tmp_path: Path, target: str, content: str) -> None:
    outcome, label = run_target(invoke, tmp_path, target, content)
    rest = assert_data_error(outcome, label)
    assert rest == ("no answers on stdin" if target == "stdin" else "file is empty")


def _file_kind(path: Path, kind: str) -> None:
    """Make ``path`` a directory, unreadable, or missing, where a file is expected."""
    if path.exists():
        path.unlink()
    if kind == "directory":
        path.mkdir()
    elif kind == "unreadable":
        path.write_text("roles: []\n", "utf-8")
        path.chmod(0)
        if os.access(path, os.R_OK):  # root reads anything: use a path nobody can open
            path.unlink()
            path.symlink_to(path.name)  # a symlink loop


@pytest.mark.parametrize(
    ("target", "kind"), paired(FILE_TARGETS, ["directory", "unreadable", "missing"])
)
def test_path_that_is_not_a_readable_file(
    invoke: Invoke, tmp_path: Path, target: str, kind: str
) -> None:
    data = make_data(tmp_path / "data")
    answers = tmp_path / "answers.yaml"
    write(answers, base_answers())
    path = answers if target == "answers" else data / f"{target}.yaml"
    _file_kind(path, kind)
    try:
        if target == "answers":
            result = invoke("--data-dir", str(data), "assess", "--answers", str(path), "--no-save")
        elif target == "locations":
            result = invoke("--data-dir", str(data), "pay", "agent", "--location", "Springfield")
        else:
            result = invoke("--data-dir", str(data), "roles", "-f", "json")
    finally:
        if path.exists() and not path.is_symlink() and not path.is_dir():
            path.chmod(0o644)
    if target == "locations" and kind == "missing":
        # No locations.yaml: the name is looked up among the BLS areas instead.
        assert result.exit_code == 1
        assert result.stdout == ""
        assert "'Springfield' matches 5 areas" in result.stderr
        return
    rest = assert_data_error(Outcome(result.exit_code, result.stdout, result.stderr), str(path))
    expected = {
        "directory": ("is a directory",),
        "missing": ("file not found",),
        "unreadable": ("permission denied", "cannot read the file"),
    }[kind]
    assert rest.startswith(expected), rest


@pytest.mark.parametrize(
    ("kind", "command"),
    [("file", ["roles"]), ("file", ["data", "validate"]), ("missing", ["data", "validate"])],
    ids=["file-roles", "file-validate", "missing-validate"],
)
def test_data_dir_that_is_not_a_directory(
    invoke: Invoke, tmp_path: Path, kind: str, command: list[str]
) -> None:
    where = tmp_path / "not-a-dir"
    if kind == "file":
        where.write_text("roles: []\n", "utf-8")
    result = invoke("--data-dir", str(where), *command)
    outcome = Outcome(result.exit_code, result.stdout, result.stderr)
    assert_clean(outcome)
    assert result.exit_code == 3
    what = "is not a directory" if kind == "file" else "no such directory"
    problem = f"{where}: {what} (the data directory)"
    if command == ["roles"]:
        assert result.stdout == ""
        assert result.stderr == f"csadvisor: {problem}\n"
    else:  # data validate lists the problem on stdout
        assert result.stdout == f"{problem}\n"
        assert result.stderr == f"csadvisor: 1 problem in {where}\n"


# --------------------------------------------------------------------------- data validate / init

PROBLEM_LINE = re.compile(r"^(.+\.yaml):(\d+): (\S+): (.+)$")


def test_data_validate_reports_every_problem_at_once(invoke: Invoke, tmp_path: Path) -> None:
    roles = base_roles()
    roles["roles"][0]["level"] = 9
    roles["roles"][0]["pay"]["low"] = "abc"
    roles["roles"][1]["salary"] = 1
    roles["roles"][2]["next"] = ["director"]
    roles["roles"][2]["title"] = "Boss\x1b[31m"
    skills = base_skills()
    skills["skills"][0]["category"] = "hard"
    skills["skills"][1]["levels"] = skills["skills"][1]["levels"][:4]
    locations = base_locations()
    locations["locations"][1]["factor"] = 0
    data = make_data(tmp_path / "data", roles=roles, skills=skills, locations=locations)

    result = invoke("data", "validate", str(data))
    assert_clean(Outcome(result.exit_code, result.stdout, result.stderr))
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    found = []
    for line in lines:
        m = PROBLEM_LINE.match(line)
        assert m, line
        found.append((Path(m.group(1)).name, m.group(3)))
    assert found == [
        ("roles.yaml", "roles[0].level"),
        ("roles.yaml", "roles[0].pay.low"),
        ("roles.yaml", "roles[1].salary"),
        ("roles.yaml", "roles[2].title"),
        ("roles.yaml", "roles[2].next[0]"),
        ("skills.yaml", "skills[0].category"),
        ("skills.yaml", "skills[1].levels"),
        ("locations.yaml", "locations[1].factor"),
    ]
    assert result.stderr == f"csadvisor: {len(lines)} problems in {data}\n"

    # The one-line error of any other command is the first of these lines.
    first = invoke("--data-dir", str(data), "roles")
    assert first.stderr.startswith(f"csadvisor: {lines[0]} (and ")


def test_data_validate_hostile_directory_lists_problems_without_running_anything(
    invoke: Invoke, tmp_path: Path
) -> None:
    marker = tmp_path / "MARKER"
    roles = with_sentinel("roles").replace(
        SENTINEL, f'!!python/object/apply:os.system ["touch {marker}"]'
    )
    data = make_data(
        tmp_path / "data", roles=roles, skills=billion_laughs(levels=4), locations=b"\xff\xfe"
    )
    result = invoke("data", "validate", str(data))
    assert_clean(Outcome(result.exit_code, result.stdout, result.stderr))
    assert result.exit_code == 3
    files = {Path(ln.split(":")[0]).name for ln in result.stdout.splitlines()}
    assert files == {"roles.yaml", "skills.yaml", "locations.yaml"}
    assert all(PROBLEM_LINE.match(ln) or ": not valid" in ln for ln in result.stdout.splitlines())
    assert not marker.exists()


def test_data_validate_good_data(invoke: Invoke, tmp_path: Path) -> None:
    data = make_data(tmp_path / "data")
    result = invoke("data", "validate", str(data))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"csadvisor: {data}: no problems found\n"


@pytest.mark.parametrize("form", ["plain", "bom-crlf", "markup"])
def test_data_init_round_trip(invoke: Invoke, tmp_path: Path, form: str, markup_data: Path) -> None:
    if form == "markup":
        source = markup_data
        write(source / "locations.yaml", base_locations())
    else:
        source = make_data(tmp_path / "a")
        if form == "bom-crlf":
            for f in source.iterdir():
                text = f.read_text("utf-8")
                f.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    target = tmp_path / "b"
    result = invoke("--data-dir", str(source), "data", "init", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in target.iterdir()) == [
        "locations.yaml",
        "roles.yaml",
        "skills.yaml",
    ]
    a = catalog.DataSource(source, "option")
    b = catalog.DataSource(target, "option")
    assert catalog.load(b, use_cache=False) == catalog.load(a, use_cache=False)
    assert {k: vars_of(v) for k, v in catalog.load_locations(b).items()} == {
        k: vars_of(v) for k, v in catalog.load_locations(a).items()
    }
    check = invoke("data", "validate", str(target))
    assert check.exit_code == 0, check.stdout


def vars_of(location: catalog.Location) -> tuple[Any, ...]:
    return (location.name, location.factor, location.source, location.year)


def test_data_init_refuses_hostile_data_and_writes_nothing(invoke: Invoke, tmp_path: Path) -> None:
    marker = tmp_path / "MARKER"
    roles = with_sentinel("roles").replace(
        SENTINEL, f'!!python/object/apply:os.system ["touch {marker}"]'
    )
    source = make_data(tmp_path / "a", roles=roles)
    target = tmp_path / "b"
    result = invoke("--data-dir", str(source), "data", "init", str(target))
    assert_data_error(
        Outcome(result.exit_code, result.stdout, result.stderr),
        str(source / "roles.yaml"),
        line_of(roles, "!!python"),
    )
    assert not target.exists()
    assert not marker.exists()
