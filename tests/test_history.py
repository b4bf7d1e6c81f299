"""Saved assessments: atomic private files, listing, show, diff, damaged files left alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from csadvisor.core import assessment
from csadvisor.core.advisor import Answers
from csadvisor.core.models import Catalog
from csadvisor.storage import catalog as catalog_module
from csadvisor.storage import files, history

HISTORY_COLUMNS = ["id", "created", "person", "rater", "role", "suggestion", "readiness", "band"]


def bundled() -> Catalog:
    return catalog_module.load(catalog_module.resolve_source())


def folder() -> Path:
    return Path(os.environ["CSADVISOR_HOME"]) / "assessments"


def all_files() -> list[Path]:
    return sorted(folder().iterdir()) if folder().exists() else []


def ratings(level: int = 3, **changes: int) -> dict[str, int]:
    out = {s.id: level for s in bundled().skills}
    out["empathy"] = 2  # never all the same
    return {**out, **{k.replace("_", "-"): v for k, v in changes.items()}}


def save_at(day: int, role: str | None = "customer-service-specialist", **changes: int) -> str:
    """Save an assessment dated 2025-03-<day>; return its id."""
    now = datetime(2025, 3, day, 9, 30, tzinfo=timezone.utc)
    result = assessment.result(Answers(role, ratings(**changes)), bundled(), now=now)
    return history.save(result).id


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "me.yaml"
    path.write_text(yaml.safe_dump({"role": "csr", "skills": ratings()}), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- files


def test_saved_file_is_private(invoke: Any, answers_file: Path) -> None:
    res = invoke("assess", "--answers", str(answers_file), "-f", "json")
    assert res.exit_code == 0, res.stderr
    (path,) = all_files()
    assert (path.stat().st_mode & 0o777) == 0o600
    assert (folder().stat().st_mode & 0o077) == 0  # nobody else can list them either


def test_atomic_write_replaces_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    files.atomic_write_text(target, "old\n")
    files.atomic_write_text(target, "new\n", mode=0o600)
    assert target.read_text(encoding="utf-8") == "new\n"
    assert (target.stat().st_mode & 0o777) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.md"]


@pytest.mark.parametrize("failing", ["replace", "fsync", "chmod"])
def test_atomic_write_failure_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "plan.md"
    target.write_text("old plan\n", encoding="utf-8")

    def boom(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(os, failing, boom)
        with pytest.raises(OSError, match="No space left"):
            files.atomic_write_text(target, "half a new plan")
    assert target.read_text(encoding="utf-8") == "old plan\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.md"]


def test_exclusive_write_failure_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.json"

    def boom(*args: Any, **kwargs: Any) -> None:
        raise OSError(5, "Input/output error")

    with monkeypatch.context() as m:
        m.setattr(os, "link", boom)
        with pytest.raises(OSError, match="Input/output"):
            files.atomic_write_text(target, "{}", exclusive=True)
    assert list(tmp_path.iterdir()) == []


def test_exclusive_write_never_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_text("first\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        files.atomic_write_text(target, "second\n", exclusive=True)
    assert target.read_text(encoding="utf-8") == "first\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_same_id_twice_never_replaces_the_first(
    invoke: Any, answers_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(assessment, "new_id", lambda now: "20250301-000000-abcd")
    first = invoke("assess", "--answers", str(answers_file), "-f", "json")
    assert first.exit_code == 0, first.stderr
    (path,) = all_files()
    before = path.read_bytes()
    second = invoke("assess", "--answers", str(answers_file), "-f", "json")
    assert path.read_bytes() == before
    if second.exit_code == 0:
        assert len(all_files()) == 2, "a reported save must be on disk"
    else:
        assert "already exists" in second.stderr
        assert all_files() == [path]


@pytest.mark.slow
def test_twenty_parallel_saves(answers_file: Path) -> None:
    cmd = [
        sys.executable,
        "-m",
        "csadvisor",
        "assess",
        "--answers",
        str(answers_file),
        "-f",
        "json",
    ]
    # Warm the catalogue cache once so the twenty runs race on saving, not on the cache.
    warm = subprocess.run([*cmd, "--no-save"], capture_output=True, text=True, timeout=60)
    assert warm.returncode == 0, warm.stderr
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(20)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 20, [err for _, err in outs]
    saved = all_files()
    assert len(saved) == 20, [p.name for p in saved]
    ids = {json.loads(out)["id"] for out, _ in outs}
    assert {p.name for p in saved} == {f"{i}.json" for i in ids}
    for path in saved:
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["schema_version"] == 2
        assert path.name == f"{doc['id']}.json"
        assert (path.stat().st_mode & 0o777) == 0o600


# --------------------------------------------------------------------------- list


def test_history_lists_as_tsv_when_piped(invoke: Any) -> None:
    old = save_at(1, role="call-center-specialist")
    new = save_at(2)
    res = invoke("history")
    assert res.exit_code == 0, res.stderr
    lines = [line.split("\t") for line in res.stdout.splitlines()]
    assert lines[0] == HISTORY_COLUMNS
    rows = [dict(zip(HISTORY_COLUMNS, line, strict=True)) for line in lines[1:]]
    assert [r["id"] for r in rows] == [old, new]  # oldest first
    assert rows[0]["role"] == "call-center-specialist"
    assert rows[0]["created"].startswith("2025-03-01T09:30")
    saved = json.loads((folder() / f"{new}.json").read_text(encoding="utf-8"))
    assert rows[1]["suggestion"] == saved["suggestion"]["role"]
    assert rows[1]["readiness"] == str(saved["suggestion"]["readiness"])
    assert rows[1]["band"] == saved["suggestion"]["band"]
    assert res.stderr == ""


def test_history_table(invoke: Any) -> None:
    ident = save_at(3)
    res = invoke("history", "-f", "table")
    assert res.exit_code == 0
    assert ident in res.stdout
    assert "2025-03-03 09:30" in res.stdout


def test_your_history_at_80_columns_is_a_table_not_eight_line_blocks(
    invoke: Any, monkeypatch: Any
) -> None:
    """Person "me" and rater "self" on every row pushed your own list past 80 columns into
    blocks of eight lines each; they are shown only when someone else's are listed (p4)."""
    monkeypatch.setenv("COLUMNS", "80")
    ids = [save_at(day) for day in (1, 2, 3)]
    res = invoke("history", "-f", "table")
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert not any(line.strip().startswith(("Person:", "Rater:", "Date:")) for line in lines)
    starts = [i for i, line in enumerate(lines) for ident in ids if line.startswith(f"  {ident}")]
    assert len(starts) == 3
    assert "2025-03-01" in lines[starts[0]]
    assert "Person" not in res.stdout


def test_history_empty(invoke: Any) -> None:
    res = invoke("history", "-f", "table")
    assert res.exit_code == 0
    assert res.stdout == ""
    assert "no saved assessments yet" in res.stderr


def test_damaged_files_are_reported_skipped_and_left_alone(invoke: Any) -> None:
    good = save_at(1)
    corrupt = folder() / "20250302-000000-dead.json"
    corrupt.write_bytes(b'{"schema_version": 1, "id": "20250302-0000')
    foreign = folder() / "notes.json"
    foreign.write_bytes(b'{"shopping": ["milk", "eggs"]}\n')
    before = {p: p.read_bytes() for p in (corrupt, foreign)}
    res = invoke("history")
    assert res.exit_code == 0
    assert [line.split("\t")[0] for line in res.stdout.splitlines()[1:]] == [good]
    err = res.stderr.splitlines()
    assert len(err) == 2
    assert any(str(corrupt) in line and "not valid JSON" in line for line in err)
    assert any(str(foreign) in line and "not a csadvisor assessment" in line for line in err)
    # Also through show and next, which read the same folder.
    assert invoke("history", "show", "latest", "-f", "json").exit_code == 0
    assert invoke("next", "-f", "json").exit_code == 0
    for path, data in before.items():
        assert path.read_bytes() == data
    assert len(all_files()) == 3


# --------------------------------------------------------------------------- show


def test_history_show_latest_and_by_prefix(invoke: Any) -> None:
    first = save_at(1, coaching=1)
    second = save_at(2, coaching=4)
    latest = invoke("history", "show", "latest", "-f", "json")
    assert latest.exit_code == 0, latest.stderr
    assert json.loads(latest.stdout) == json.loads(
        (folder() / f"{second}.json").read_text(encoding="utf-8")
    )
    by_prefix = invoke("history", "show", "20250301", "-f", "json")
    assert by_prefix.exit_code == 0, by_prefix.stderr
    assert json.loads(by_prefix.stdout)["id"] == first
    assert json.loads(by_prefix.stdout)["ratings"]["coaching"] == 1
    table = invoke("history", "show", first)
    assert "Suggested next role" in table.stdout


def test_history_show_nonexistent(invoke: Any) -> None:
    save_at(1)
    res = invoke("history", "show", "nonexistent")
    assert res.exit_code == 1
    assert res.stdout == ""
    assert "no saved assessment 'nonexistent'" in res.stderr


def test_history_show_ambiguous_prefix(invoke: Any) -> None:
    save_at(1)
    save_at(2)
    res = invoke("history", "show", "202503")
    assert res.exit_code == 2
    assert "matches 2 assessments" in res.stderr


def test_history_show_with_no_history(invoke: Any) -> None:
    res = invoke("history", "show", "latest")
    assert res.exit_code == 1
    assert "csadvisor assess" in res.stderr


# --------------------------------------------------------------------------- diff


DIFF_COLUMNS = ["skill", "name", "before", "after", "change"]


def diff_rows(stdout: str) -> dict[str, dict[str, str]]:
    lines = [line.split("\t") for line in stdout.splitlines()]
    assert lines[0] == DIFF_COLUMNS
    return {line[0]: dict(zip(DIFF_COLUMNS, line, strict=True)) for line in lines[1:]}


def test_history_diff_defaults_to_last_two(invoke: Any) -> None:
    save_at(1, coaching=1, metrics=5)
    save_at(2, coaching=2, metrics=4)
    save_at(3, coaching=4, metrics=4)
    res = invoke("history", "diff", "--all")  # unchanged skills only with --all (issue 11)
    assert res.exit_code == 0, res.stderr
    rows = diff_rows(res.stdout)
    assert set(rows) == {s.id for s in bundled().skills}
    assert rows["coaching"]["before"] == "2"
    assert rows["coaching"]["after"] == "4"
    assert rows["coaching"]["change"] == "2"
    assert rows["metrics"]["change"] == "0"
    assert rows["coaching"]["name"] == bundled().skill_by_id["coaching"].name


def test_history_diff_two_ids(invoke: Any) -> None:
    first = save_at(1, coaching=1, metrics=5)
    save_at(2, coaching=2, metrics=4)
    third = save_at(3, coaching=4, metrics=4)
    res = invoke("history", "diff", first, third)
    assert res.exit_code == 0, res.stderr
    rows = diff_rows(res.stdout)
    assert (rows["coaching"]["before"], rows["coaching"]["after"]) == ("1", "4")
    assert rows["coaching"]["change"] == "3"
    assert rows["metrics"]["change"] == "-1"
    table = invoke("history", "diff", first, third, "-f", "table")
    assert f"{first} -> {third}" in table.stdout
    assert "+3" in table.stdout
    assert "-1" in table.stdout


def test_history_diff_needs_two(invoke: Any) -> None:
    save_at(1)
    res = invoke("history", "diff")
    assert res.exit_code == 1
    assert res.stdout == ""
    assert "need two saved assessments" in res.stderr


def test_history_diff_with_one_id_is_a_usage_error(invoke: Any) -> None:
    first = save_at(1)
    save_at(2)
    res = invoke("history", "diff", first)
    assert res.exit_code == 2
    assert "give two assessment ids" in res.stderr


# --------------------------------------------------------------------------- malformed files


def _malformed(kind: str, good: dict[str, Any]) -> bytes:
    doc = json.loads(json.dumps(good))
    doc["id"] = "20250305-093000-bad000"
    doc["created"] = "2025-03-05T09:30:00+00:00"
    if kind == "no-profile":
        del doc["profile"]
    elif kind == "suggestion-text":
        doc["suggestion"] = "x"
    elif kind == "rating-out-of-range":
        doc["ratings"]["empathy"] = 9
    elif kind == "wrong-type":
        doc["readiness"] = {"a": 1}
    elif kind == "giant-number":
        doc["ratings"]["empathy"] = 123456789
        return json.dumps(doc).replace("123456789", "9" * 5000, 1).encode()
    elif kind == "deep-nesting":
        return json.dumps(doc).replace('"profile": [', '"profile": ' + "[" * 100_000, 1).encode()
    return json.dumps(doc).encode()


MALFORMED = [
    "no-profile",
    "suggestion-text",
    "rating-out-of-range",
    "wrong-type",
    "giant-number",
    "deep-nesting",
]


@pytest.mark.parametrize("kind", MALFORMED)
@pytest.mark.parametrize(
    "command", [("history",), ("history", "show", "latest"), ("history", "diff"), ("next",)]
)
def test_malformed_saved_assessment_is_reported_and_skipped(
    invoke: Any, kind: str, command: tuple[str, ...]
) -> None:
    save_at(1)
    save_at(2, empathy=4)
    (good_path,) = [p for p in all_files() if p.name.startswith("20250302")]
    bad = folder() / "20250305-093000-bad000.json"
    bad.write_bytes(_malformed(kind, json.loads(good_path.read_text("utf-8"))))
    before = bad.read_bytes()
    res = invoke(*command, "-f", "json")
    assert res.exit_code == 0, res.stderr
    assert res.stderr.count("\n") == 1, res.stderr
    assert res.stderr.startswith(f"csadvisor: skipping {bad}:"), res.stderr
    assert "20250305-093000-bad000" not in res.stdout
    assert bad.read_bytes() == before


def test_history_show_latest_skips_a_file_missing_its_profile(invoke: Any) -> None:
    """Once a KeyError and exit 70; now the file is named and the previous one shown."""
    good = save_at(1)
    doc = json.loads(next(folder().iterdir()).read_text("utf-8"))
    del doc["profile"]
    doc["id"], doc["created"] = "20250309-000000-abcdef", "2025-03-09T00:00:00+00:00"
    (folder() / "20250309-000000-abcdef.json").write_text(json.dumps(doc), "utf-8")
    res = invoke("history", "show", "latest", "-f", "json")
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["id"] == good
    assert "missing required key 'profile'" in res.stderr


def test_a_fresh_result_matches_the_saved_shape() -> None:
    now = datetime(2025, 3, 1, tzinfo=timezone.utc)
    for role in (None, "customer-service-specialist"):
        result = assessment.result(Answers(role, ratings()), bundled(), now=now)
        assert history.problem(json.loads(json.dumps(result.doc()))) is None
