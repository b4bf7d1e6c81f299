"""`csadvisor team`: who each file is about, the one-screen sheet, and files that must not
hang, crash or be skipped silently (red team round 3: 02, 06, 08, 10, 13)."""

from __future__ import annotations

import json
import os
import random
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from test_team import ROLES, SKILLS, tsv, write_team

SKILLS3 = "skills: {alpha: %d, beta: %d, gamma: %d}\n"


@pytest.fixture(name="ladder")
def tiny_ladder(tmp_path: Path) -> Path:
    """test_team's ladder: three skills, two roles."""
    folder = tmp_path / "ladder"
    folder.mkdir()
    (folder / "skills.yaml").write_text(SKILLS, encoding="utf-8")
    (folder / "roles.yaml").write_text(ROLES, encoding="utf-8")
    return folder


def run_team(invoke: Any, ladder: Path, *args: str) -> Any:
    return invoke("--data-dir", str(ladder), "team", *args)


# --------------------------------------------------------------------------- identity


def test_one_person_whatever_the_case_spaces_hyphens_and_accents(
    invoke: Any, ladder: Path, tmp_path: Path
) -> None:
    folder = write_team(
        tmp_path / "t",
        {
            "a.yaml": "name: Ana López\n" + SKILLS3 % (1, 1, 1),
            "b.yaml": "name: ana-lopez\nrater: manager\n" + SKILLS3 % (4, 4, 4),
            "c.yaml": "name: ANA  LOPEZ\nrater: peer\n" + SKILLS3 % (2, 2, 2),
        },
    )
    res = run_team(invoke, ladder, str(folder), "--view", "coverage", "-f", "tsv")
    assert res.exit_code == 0, res.stderr
    people = [r for r in tsv(res.stdout) if r[0] == "person"]
    assert {r[1] for r in people} == {"Ana López"}  # one person, shown as named first
    assert tsv(res.stdout)[-2][5:8] == ["1", "1", "1"]  # counted once, at 3+


def test_a_file_name_suffix_gives_the_rater_and_calibration_pairs_them(
    invoke: Any, ladder: Path, tmp_path: Path
) -> None:
    folder = write_team(
        tmp_path / "t",
        {
            "ana-lopez-self.yaml": SKILLS3 % (5, 3, 3),
            "ana-lopez-manager.yaml": SKILLS3 % (2, 3, 3),
        },
    )
    res = run_team(invoke, ladder, str(folder), "--view", "calibration", "-f", "tsv")
    assert res.exit_code == 0, res.stderr
    assert [r[:6] for r in tsv(res.stdout)[1:]] == [["ana lopez", "alpha", "5", "2", "-3", "true"]]


def test_calibration_without_pairs_says_who_has_only_one_side(
    invoke: Any, ladder: Path, tmp_path: Path
) -> None:
    folder = write_team(
        tmp_path / "t", {"ana.yaml": SKILLS3 % (1, 1, 1), "ben-peer.yaml": SKILLS3 % (1, 1, 1)}
    )
    res = run_team(invoke, ladder, str(folder), "--view", "calibration")
    assert "no one has both a self and a manager assessment (only self: ana)" in res.stderr
    assert "ends in -manager" in res.stderr


def test_a_file_that_does_not_say_who_is_reported_not_guessed(
    invoke: Any, ladder: Path, tmp_path: Path
) -> None:
    folder = write_team(
        tmp_path / "t",
        {"ana.yaml": SKILLS3 % (1, 1, 1), "20261124-101500-ab12cd.yaml": SKILLS3 % (5, 5, 5)},
    )
    res = run_team(invoke, ladder, str(folder), "--view", "coverage", "-f", "tsv")
    assert res.exit_code == 0
    assert "20261124-101500-ab12cd.yaml: no name in the file" in res.stderr
    assert "1 assessment used, 1 file skipped" in res.stderr
    assert [r[1] for r in tsv(res.stdout) if r[0] == "person"] == ["ana"]


def test_show_files_and_json_name_each_rows_source(
    invoke: Any, ladder: Path, tmp_path: Path
) -> None:
    folder = write_team(tmp_path / "t", {"ana.yaml": "name: Ana\n" + SKILLS3 % (1, 2, 3)})
    plain = run_team(invoke, ladder, str(folder), "--view", "coverage", "-f", "tsv").stdout
    assert "source" not in plain.splitlines()[0]
    shown = tsv(run_team(invoke, ladder, str(folder), "--show-files", "-f", "tsv").stdout)
    assert shown[0][-1] == "source"
    assert shown[1][-1] == str(folder / "ana.yaml")
    for view in ("coverage", "next"):
        doc = json.loads(run_team(invoke, ladder, str(folder), "--view", view, "-f", "json").stdout)
        assert doc[0]["source"] == str(folder / "ana.yaml")


def test_a_conflicting_duplicate_is_flagged_on_stderr_and_in_json(
    invoke: Any, ladder: Path, tmp_path: Path
) -> None:
    folder = write_team(
        tmp_path / "t",
        {
            "ben-by-manager.yaml": "name: Ben\nrater: manager\n" + SKILLS3 % (2, 2, 2),
            "ben-copy.yaml": "name: Ben\nrater: manager\n" + SKILLS3 % (5, 5, 5),
        },
    )
    day = 1767225600
    for name in ("ben-by-manager.yaml", "ben-copy.yaml"):
        os.utime(folder / name, (day, day))
        day += 60
    res = run_team(invoke, ladder, str(folder), "--all", "-f", "json")
    assert "2 manager assessments of Ben dated 2026-01-01 disagree" in res.stderr
    assert [r["flags"] for r in json.loads(res.stdout) if r["kind"] == "person"] == [
        ["conflicting duplicate"],
        ["conflicting duplicate"],
    ]


def test_a_future_dated_spoof_never_replaces_the_real_manager_assessment(
    invoke: Any, ladder: Path, tmp_path: Path
) -> None:
    """Red team 02: a copy of your own file saying rater manager, 2099, all 5s."""
    answers = tmp_path / "a.yaml"
    answers.write_text(SKILLS3 % (1, 2, 3))
    base = ("--data-dir", str(ladder), "assess", "--answers", str(answers), "--no-save")
    real = invoke(*base, "--name", "Sam Lee", "--rater", "manager", "-f", "json").stdout
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "sam-by-manager.json").write_text(real)
    forged = json.loads(real)
    forged.update(created="2099-01-01T00:00:00+00:00", ratings={"alpha": 5, "beta": 5, "gamma": 5})
    (folder / "sam-notes.json").write_text(json.dumps(forged))
    res = run_team(invoke, ladder, str(folder), "-f", "json", "--view", "coverage")
    assert "sam-notes.json: dated 2099-01-01, in the future" in res.stderr
    people = [r for r in json.loads(res.stdout) if r["kind"] == "person"]
    assert [(r["alpha"], r["source"]) for r in people] == [(1, str(folder / "sam-by-manager.json"))]
    every = json.loads(run_team(invoke, ladder, str(folder), "--all", "-f", "json").stdout)
    assert [r["flags"] for r in every if r["kind"] == "person"] == [[], ["dated in the future"]]


# --------------------------------------------------------------------------- anonymous


def test_anonymous_one_persons_unnamed_saves_are_one_person_not_a_group(
    invoke: Any, ladder: Path, tmp_path: Path
) -> None:
    """Red team 08a: five files without a name, from one person, must not make a group."""
    folder = write_team(tmp_path / "t", {f"{c}.yaml": SKILLS3 % (1, 2, 3) for c in "abcde"})
    named = run_team(invoke, ladder, str(folder), "--view", "coverage", "-f", "tsv")
    assert len([r for r in tsv(named.stdout) if r[0] == "person"]) == 5  # by file name
    res = run_team(invoke, ladder, str(folder), "--anonymous", "-f", "tsv")
    assert res.exit_code == 2
    assert res.stdout == ""
    assert "the group 'team' has 1 person" in res.stderr


def test_anonymous_counts_a_self_file_named_by_its_file_name_as_that_person(
    invoke: Any, ladder: Path, tmp_path: Path
) -> None:
    """A lead's folder: every manager file names its person, some self files are only
    named by their file name (ana-lopez-self.yaml). Five people, not six: the unnamed
    self files are the named people, not a sixth "unknown" one counted on top (p4)."""
    files = {}
    for i, slug in enumerate(["ana-lopez", "bo-chen", "cy-tran", "di-park", "ed-vance"]):
        name = slug.replace("-", " ").title()
        files[f"{slug}-manager.yaml"] = f"name: {name}\nrater: manager\n" + SKILLS3 % (3, 3, 3)
        files[f"{slug}-self.yaml"] = (
            SKILLS3 % (5, 5, 5) if i < 3 else f"name: {name}\n" + (SKILLS3 % (5, 5, 5))
        )
    folder = write_team(tmp_path / "t", files)
    res = run_team(invoke, ladder, str(folder), "--anonymous", "-f", "tsv")
    assert res.exit_code == 0, res.stderr
    rows = tsv(res.stdout)[1:]
    assert {r[2] for r in rows} == {"5"}
    # Each counted once, from the manager's ratings (3), as the named views count them.
    assert [r[4] for r in rows if r[1] == "alpha"] == ["0", "0", "5", "0", "0", "5"]


def test_anonymous_counts_one_name_written_two_ways_once(
    invoke: Any, ladder: Path, tmp_path: Path
) -> None:
    """Red team 08b: "Sam Lee" and "sam lee" are one person."""
    files = {}
    for name in ("Sam Lee", "Ana Ruiz", "Bo Chen"):
        slug = name.replace(" ", "_")
        files[f"{slug}.yaml"] = f"name: {name}\n" + SKILLS3 % (1, 2, 3)
        files[f"{slug}-m.yaml"] = f"name: {name.lower()}\nrater: manager\n" + SKILLS3 % (1, 2, 3)
    folder = write_team(tmp_path / "t", files)
    res = run_team(invoke, ladder, str(folder), "--anonymous", "--min-group", "4")
    assert res.exit_code == 2
    assert "has 3 people, fewer than 4" in res.stderr
    ok = run_team(invoke, ladder, str(folder), "--anonymous", "--min-group", "3", "-f", "tsv")
    assert {r[2] for r in tsv(ok.stdout)[1:]} == {"3"}


def test_anonymous_terminal_view_is_a_skill_by_level_grid(
    invoke: Any, ladder: Path, tmp_path: Path
) -> None:
    files = {f"p{i}.yaml": f"name: P{i}\n" + SKILLS3 % (i, 3, 5) for i in range(1, 6)}
    folder = write_team(tmp_path / "t", files)
    res = run_team(invoke, ladder, str(folder), "--anonymous", "-f", "table")
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[1].split() == ["Skill", "1", "2", "3", "4", "5", "3+"]
    assert lines[2].split() == ["Alpha", "skill", "1", "1", "1", "1", "1", "3"]
    assert lines[3].split() == ["Beta", "skill", "0", "0", "5", "0", "0", "5"]
    assert len(lines) == 5
    assert "P1" not in res.stdout


# --------------------------------------------------------------------------- hostile folders


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_the_folder_is_skipped_not_waited_on(
    invoke: Any, ladder: Path, tmp_path: Path
) -> None:
    """Red team 10."""
    folder = write_team(tmp_path / "t", {"ana.yaml": SKILLS3 % (1, 1, 1)})
    os.mkfifo(folder / "zz.json")
    result: list[Any] = []
    worker = threading.Thread(
        target=lambda: result.append(run_team(invoke, ladder, str(folder), "-f", "tsv")),
        daemon=True,
    )
    worker.start()
    worker.join(30)
    assert result, "team is still waiting on the FIFO"
    assert result[0].exit_code == 0
    assert "zz.json: not a regular file" in result[0].stderr
    assert "1 assessment used, 1 file skipped" in result[0].stderr


def test_a_folder_nested_deeper_than_the_recursion_limit_is_read(
    invoke: Any, ladder: Path, tmp_path: Path
) -> None:
    """Red team 13: 1,100 levels (os.walk recursed once per level before Python 3.12)."""
    folder = write_team(tmp_path / "t", {"ana.yaml": SKILLS3 % (1, 1, 1)})
    deep = folder
    depth = sys.getrecursionlimit() + 100
    here = os.getcwd()
    try:
        os.chdir(folder)
        for _ in range(depth):
            os.mkdir("d")
            os.chdir("d")
        Path("ben.yaml").write_text(SKILLS3 % (2, 2, 2))
    finally:
        os.chdir(here)
    try:
        res = run_team(invoke, ladder, str(deep), "--view", "coverage", "-f", "tsv")
    finally:
        _remove_deep(folder, depth)  # shutil.rmtree (pytest's clean-up) recurses too
    assert res.exit_code == 0, res.stderr
    assert [r[1] for r in tsv(res.stdout) if r[0] == "person"] == ["ana", "ben"]


def _remove_deep(folder: Path, depth: int) -> None:
    here = os.getcwd()
    try:
        os.chdir(folder)
        for _ in range(depth):
            os.chdir("d")
        os.remove("ben.yaml")
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(here)


def test_a_folder_that_cannot_be_listed_is_named_and_counted(
    invoke: Any, ladder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Red team 06 (a subfolder the reader may not list; simulated: tests may run as root)."""
    folder = write_team(
        tmp_path / "t", {"sam.yaml": SKILLS3 % (1, 1, 1), "night/ana.yaml": SKILLS3 % (2, 2, 2)}
    )
    real = os.scandir

    def scandir(path: Any) -> Any:
        if str(path).endswith("night"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    res = run_team(invoke, ladder, str(folder), "-f", "tsv")
    assert res.exit_code == 0
    assert f"skipping {folder / 'night'}: cannot list this folder (Permission denied)" in (
        res.stderr
    )
    assert "1 assessment used, 1 file skipped" in res.stderr


# --------------------------------------------------------------------------- the sheet

PEOPLE = [
    "Ana López",
    "Benedikt Okafor",
    "Cy Tran",
    "Dee Kowalski",
    "Gus Moreno",
    "Hana Sato",
    "Ivan Petrov",
    "Jo Lee",
]


@pytest.fixture
def big_team(tmp_path: Path) -> Path:
    """Eight people, a self and a manager assessment each, on the bundled 16 skills."""
    from csadvisor.storage import catalog

    cat = catalog.load()
    assert len(cat.skills) == 16
    rng = random.Random(4)
    folder = tmp_path / "team"
    folder.mkdir()
    for person in PEOPLE:
        for rater in ("self", "manager"):
            body = "".join(f"  {s.id}: {rng.randint(1, 5)}\n" for s in cat.skills)
            slug = person.lower().replace(" ", "-")
            (folder / f"{slug}-{rater}.yaml").write_text(
                f"name: {person}\nrole: csr\nskills:\n{body}"
            )
    return folder


def test_the_sheet_fits_80_by_24_and_never_cuts_a_name(
    invoke: Any, big_team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
    res = invoke("team", str(big_team), "-f", "table")
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert len(lines) + len(res.stderr.splitlines()) <= 23  # and the prompt: one screen
    rows = lines[2:10]
    assert [r.startswith(p) for r, p in zip(rows, PEOPLE, strict=True)] == [True] * 8
    assert lines[10].startswith("Bench 3+")
    text = res.stdout
    assert "Key: Em Empathy; Co Communication;" in text
    assert "Knowing the business" in text  # every label in the key
    assert "Train first for" in text
    assert "Could mentor:" in text
    assert "Self vs manager, 2+ apart:" in text
    for line in rows:
        assert "%" in line  # each person's next step on their line


def test_the_sheet_json_has_what_the_screen_shows(invoke: Any, big_team: Path) -> None:
    res = invoke(
        "team", str(big_team), "--view", "sheet", "--target", "customer-service-manager",
        "-f", "json",
    )  # fmt: skip
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)
    assert [p["person"] for p in doc["people"]] == PEOPLE
    assert doc["train_first"]["role"] == "customer-service-manager"
    assert len(doc["train_first"]["skills"]) == 3
    for pair in doc["mentoring"]:
        assert pair["mentor_level"] >= 4
        assert pair["mentor_level"] - pair["mentee_level"] >= 2
    assert all(abs(o["self_level"] - o["manager_level"]) >= 2 for o in doc["calibration_outliers"])
    assert {len(s["label"]) for s in doc["skills"]} == {2}
    assert len({s["label"] for s in doc["skills"]}) == 16


def test_the_sheet_is_not_a_row_format(invoke: Any, big_team: Path) -> None:
    res = invoke("team", str(big_team), "--view", "sheet", "-f", "tsv")
    assert res.exit_code == 2
    assert "--view coverage" in res.stderr


def test_team_missing_fills_blank_and_left_out_skills(
    invoke: Any, ladder: Path, tmp_path: Path
) -> None:
    folder = write_team(tmp_path / "t", {"ana.yaml": "skills:\n  alpha: 4\n  beta:\n"})
    refused = run_team(invoke, ladder, str(folder), "-f", "tsv")
    assert refused.exit_code == 3
    assert "beta" in refused.stderr
    assert "gamma" in refused.stderr
    res = run_team(invoke, ladder, str(folder), "--missing", "1", "--view", "coverage", "-f", "tsv")
    assert res.exit_code == 0, res.stderr
    assert tsv(res.stdout)[1][5:8] == ["4", "1", "1"]


def test_a_long_name_is_never_cut_and_next_steps_move_below(
    invoke: Any, big_team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_name = "Maria-Fernanda de la Cruz"
    (big_team / "long.yaml").write_text(
        f"name: {long_name}\nskills: {{empathy: 5}}\n", encoding="utf-8"
    )
    monkeypatch.setenv("COLUMNS", "80")
    res = invoke("team", str(big_team), "--missing", "2", "-f", "table")
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert len(lines) <= 23
    assert any(line.startswith(long_name + " ") for line in lines)
    assert any(line.startswith("Next: ") for line in lines)


def test_the_sheet_names_a_skill_to_train_first_when_next_steps_move_below(
    invoke: Any, big_team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With long names, next steps take lines of their own and what to train gets one
    line: it must still name a skill, not only "+3 more" after the role (found in p4)."""
    (big_team / "long.yaml").write_text(
        "name: Priya Raghunathan-Venkatesan\nskills: {empathy: 5}\n", encoding="utf-8"
    )
    monkeypatch.setenv("COLUMNS", "80")
    res = invoke("team", str(big_team), "--missing", "2", "-f", "table")
    assert res.exit_code == 0, res.stderr
    doc = invoke("team", str(big_team), "--missing", "2", "--view", "sheet", "-f", "json")
    sheet = json.loads(doc.stdout)
    first = sheet["train_first"]["skills"][0]["skill"]
    (short,) = [s["short"] for s in sheet["skills"] if s["id"] == first]
    (train,) = [line for line in res.stdout.splitlines() if line.startswith("Train first")]
    assert f": {short} (" in train, train
    assert max(len(line) for line in res.stdout.splitlines()) <= 80


def test_calibration_at_80_columns_is_one_row_per_gap_not_stacked_blocks(
    invoke: Any, big_team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17: an Examples column empty for everyone pushed calibration past 80 columns
    (six lines a gap). Without examples, and without a Flag every row shares, it is a
    table: one line per gap."""
    monkeypatch.setenv("COLUMNS", "80")
    res = invoke("team", str(big_team), "--view", "calibration", "-f", "table")
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    gaps = json.loads(invoke("team", str(big_team), "--view", "calibration", "-f", "json").stdout)
    assert gaps
    assert max(len(line) for line in lines) <= 80
    assert not any(line.strip().startswith("Skill:") for line in lines)
    assert "Examples" not in res.stdout
    assert len([line for line in lines if line.startswith("  Ana López ")]) == len(
        [g for g in gaps if g["person"] == "Ana López"]
    )
    evidence = (
        big_team / "ana-lópez-self.yaml"
    ).read_text() + "evidence: {empathy: Calmed a caller}\n"
    (big_team / "ana-lópez-self.yaml").write_text(evidence)
    shown = invoke("team", str(big_team), "--view", "calibration", "--all", "-f", "table")
    assert "Examples" in shown.stdout
    assert "Flag" in shown.stdout


def test_wrapped_sheet_lines_keep_their_semicolon_within_the_width() -> None:
    """`team --show-files` at 80 columns put a lone ";" on a line of its own when an item
    ended exactly at column 80 (the separator was added after the fit was checked)."""
    from csadvisor.cli.render.teamsheet import fill

    items = ["jo kim team/jo-kim-by-manager.json", "x" * 20, "y" * 30, "z"]
    for width in range(60, 90):
        for pad in range(50):  # every place the first line can end
            lines = fill("Files: " + "w" * pad + " ", items, width, 10, "")
            assert all(len(line) <= width for line in lines), (width, pad, lines)
            assert all(line.strip() != ";" for line in lines)


def test_the_sheet_with_show_files_names_every_persons_file(
    invoke: Any, big_team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asked for files, the sheet lists each person's, none dropped as "+2 more"."""
    monkeypatch.setenv("COLUMNS", "80")
    res = invoke("team", str(big_team), "--show-files", "-f", "table")
    assert res.exit_code == 0, res.stderr
    for person in PEOPLE:
        slug = person.lower().replace(" ", "-")
        assert f"  {person}: {big_team / slug}-manager.yaml" in res.stdout
    assert " more" not in res.stdout.split("Files:")[1].split("More:")[0]


def test_the_sheet_names_the_target_role_by_its_title_when_it_fits(
    invoke: Any, big_team: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--target customer-service-manager` gave "Train first for Support Manager" (the
    shortest alias) on a line with room for the title (p4)."""
    monkeypatch.setenv("COLUMNS", "80")
    res = invoke("team", str(big_team), "--target", "customer-service-manager", "-f", "table")
    assert res.exit_code == 0, res.stderr
    (train,) = [line for line in res.stdout.splitlines() if line.startswith("Train first")]
    assert train.startswith("Train first for Customer service manager: "), train
