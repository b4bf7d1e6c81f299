"""Invalid data files: exit 3, nothing on stdout, and one stderr line naming file:line: path.

Each test copies the bundled data into a temporary directory, breaks one rule, and runs
``csadvisor --data-dir DIR roles``. The expected line number is looked up in the broken
file itself, so the tests say which line a person would have to fix.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import Result

from csadvisor.errors import DataError
from csadvisor.storage import catalog

Invoke = Callable[..., Result]


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old``; fail loudly if the fixture text moved."""
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), "utf-8")


def line_of(path: Path, needle: str) -> int:
    """1-based number of the only line of ``path`` that contains ``needle``."""
    hits = [i for i, ln in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in ln]
    assert len(hits) == 1, f"{needle!r} on lines {hits}"
    return hits[0]


def rejected(invoke: Invoke, data_dir: Path, *command: str) -> str:
    result = invoke("--data-dir", str(data_dir), *(command or ("roles",)))
    assert result.exit_code == 3, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def expect(invoke: Invoke, data_dir: Path, file: str, line: int, path: str, message: str) -> None:
    stderr = rejected(invoke, data_dir)
    assert stderr == f"csadvisor: {data_dir / file}:{line}: {path}: {message}\n"


# --------------------------------------------------------------------------- schema


def test_bundled_data_copy_is_accepted(invoke: Invoke, data_dir: Path) -> None:
    """The baseline for every test below: the unbroken copy loads."""
    result = invoke("--data-dir", str(data_dir), "roles")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_unknown_key(invoke: Invoke, data_dir: Path) -> None:
    roles = data_dir / "roles.yaml"
    edit(roles, "    level: 2\n", "    level: 2\n    salary: 50000\n")
    stderr = rejected(invoke, data_dir)
    line = line_of(roles, "salary: 50000")
    # The message may go on to list the known keys; it starts with the problem.
    assert stderr.startswith(f"csadvisor: {roles}:{line}: roles[2].salary: unknown key 'salary'")


def test_unknown_key_in_skills_file(invoke: Invoke, data_dir: Path) -> None:
    skills = data_dir / "skills.yaml"
    edit(
        skills,
        "    category: technical\n    description: Reading",
        "    category: technical\n    colour: blue\n    description: Reading",
    )
    stderr = rejected(invoke, data_dir)
    line = line_of(skills, "colour: blue")
    assert stderr.startswith(f"csadvisor: {data_dir / 'skills.yaml'}:{line}: skills[4].colour: ")
    assert "unknown key 'colour'" in stderr


@pytest.mark.parametrize(
    ("old", "new", "needle", "path", "message"),
    [
        ("low: 57000", "low: abc", "low: abc", "roles[5].pay.low", "expected a number, got 'abc'"),
        (
            "    level: 2\n",
            "    level: two\n",
            "level: two",
            "roles[2].level",
            "expected a whole number, got 'two'",
        ),
        (
            "title: Account manager",
            "title: [Account, manager]",
            "title: [Account",
            "roles[4].title",
            "expected text, got a list",
        ),
        (
            "    next: []\n    skills:\n      empathy: 3",
            "    next: customer-service-manager\n    skills:\n      empathy: 3",
            "next: customer-service-manager",
            "roles[4].next",
            "expected a list, got 'customer-service-manager'",
        ),
    ],
)
def test_wrong_type(
    invoke: Invoke, data_dir: Path, old: str, new: str, needle: str, path: str, message: str
) -> None:
    roles = data_dir / "roles.yaml"
    edit(roles, old, new)
    expect(invoke, data_dir, "roles.yaml", line_of(roles, needle), path, message)


def test_missing_required_key(invoke: Invoke, data_dir: Path) -> None:
    roles = data_dir / "roles.yaml"
    edit(roles, "    summary: Runs a customer service team", "    # summary: Runs a team")
    stderr = rejected(invoke, data_dir)
    line = line_of(roles, "- id: customer-service-manager")
    assert stderr == (f"csadvisor: {roles}:{line}: roles[5]: missing required key 'summary'\n")


def test_missing_required_pay_field(invoke: Invoke, data_dir: Path) -> None:
    roles = data_dir / "roles.yaml"
    text = roles.read_text("utf-8")
    # Drop the `source` of the last pay block (customer-service-manager).
    head, _, tail = text.rpartition("      source: Robert Half 2026 Salary Guide\n")
    roles.write_text(head + tail, "utf-8")
    stderr = rejected(invoke, data_dir)
    assert re.fullmatch(
        rf"csadvisor: {re.escape(str(roles))}:\d+: roles\[5\]\.pay: missing required key "
        r"'source'\n",
        stderr,
    )


@pytest.mark.parametrize("level", ["0", "6", "-1", "99"])
def test_level_out_of_range(invoke: Invoke, data_dir: Path, level: str) -> None:
    roles = data_dir / "roles.yaml"
    edit(roles, "    level: 2\n", f"    level: {level}\n")
    expect(
        invoke,
        data_dir,
        "roles.yaml",
        line_of(roles, f"level: {level}"),
        "roles[2].level",
        f"must be from 1 to 5, got '{level}'",
    )


@pytest.mark.parametrize("low", ["0", "-100", "0.0"])
def test_pay_low_must_be_positive(invoke: Invoke, data_dir: Path, low: str) -> None:
    roles = data_dir / "roles.yaml"
    edit(roles, "low: 57000", f"low: {low}")
    expect(
        invoke,
        data_dir,
        "roles.yaml",
        line_of(roles, f"low: {low}"),
        "roles[5].pay.low",
        f"must be a positive number, got '{float(low) if '.' in low else int(low)}'",
    )


def test_pay_low_greater_than_high(invoke: Invoke, data_dir: Path) -> None:
    roles = data_dir / "roles.yaml"
    edit(roles, "low: 57000", "low: 90000")
    expect(
        invoke,
        data_dir,
        "roles.yaml",
        line_of(roles, "low: 90000"),
        "roles[5].pay.low",
        "low (90000) is greater than high (81250)",
    )


@pytest.mark.parametrize(
    ("escaped", "shown"),
    [("\\e[31m", "\\x1b"), ("\\a", "\\x07"), ("\\u202e", "\\u202e"), ("\\t", "\\t")],
)
def test_control_character_in_title(
    invoke: Invoke, data_dir: Path, escaped: str, shown: str
) -> None:
    roles = data_dir / "roles.yaml"
    edit(roles, "title: Account manager", f'title: "Account {escaped}manager"')
    stderr = rejected(invoke, data_dir)
    line = line_of(roles, 'title: "Account \\')
    assert stderr == (
        f"csadvisor: {roles}:{line}: roles[4].title: contains a control character ({shown}); "
        "not allowed here\n"
    )
    # The message shows the character escaped; nothing raw reaches the terminal.
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", stderr)


@pytest.mark.parametrize("count", [4, 6])
def test_skill_levels_must_be_exactly_five(invoke: Invoke, data_dir: Path, count: int) -> None:
    skills = data_dir / "skills.yaml"
    last = "      - Shapes the organisation's approach to client retention and growth\n"
    edit(skills, last, last + "      - Sixth level\n" if count == 6 else "")
    text = skills.read_text("utf-8").splitlines()
    start = next(i for i, ln in enumerate(text, 1) if ln.strip() == "- id: account-growth")
    line = next(i for i, ln in enumerate(text, 1) if i > start and ln.strip() == "levels:")
    expect(
        invoke,
        data_dir,
        "skills.yaml",
        line,
        "skills[14].levels",
        f"expected exactly 5 items, got {count}",
    )


# --------------------------------------------------------------------------- cross-references

EXTRA_ROLE = """
  - id: {id}
    title: {title}
    level: 4
    summary: A role added by the test.
"""


def test_duplicate_id(invoke: Invoke, data_dir: Path) -> None:
    roles = data_dir / "roles.yaml"
    with roles.open("a", encoding="utf-8") as fh:
        fh.write(EXTRA_ROLE.format(id="account-manager", title="Key account manager"))
    stderr = rejected(invoke, data_dir)
    line = _last_line(roles, "- id: ")
    assert stderr.startswith(
        f"csadvisor: {roles}:{line}: roles[6].id: duplicate id 'account-manager' "
        "(first used at roles[4])"
    )


def _last_line(path: Path, needle: str) -> int:
    return [i for i, ln in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in ln][-1]


def test_next_references_unknown_role(invoke: Invoke, data_dir: Path) -> None:
    roles = data_dir / "roles.yaml"
    edit(
        roles,
        "    next:\n      - customer-service-manager\n    skills:\n      empathy: 3",
        "    next:\n      - customer-service-director\n    skills:\n      empathy: 3",
    )
    expect(
        invoke,
        data_dir,
        "roles.yaml",
        line_of(roles, "- customer-service-director"),
        "roles[3].next[0]",
        "unknown role 'customer-service-director'",
    )


def test_skill_reference_to_unknown_skill(invoke: Invoke, data_dir: Path) -> None:
    roles = data_dir / "roles.yaml"
    edit(roles, "      scheduling: 4", "      juggling: 4")
    expect(
        invoke,
        data_dir,
        "roles.yaml",
        line_of(roles, "juggling: 4"),
        "roles[5].skills.juggling",
        "unknown skill 'juggling'",
    )


def test_cycle_in_growth_track(invoke: Invoke, data_dir: Path) -> None:
    roles = data_dir / "roles.yaml"
    # The manager (top of the track) grows back into the entry role.
    edit(
        roles,
        "    next: []\n    skills:\n      empathy: 4",
        "    next:\n      - call-center-specialist\n    skills:\n      empathy: 4",
    )
    stderr = rejected(invoke, data_dir)
    m = re.fullmatch(
        rf"csadvisor: {re.escape(str(roles))}:(\d+): roles\[(\d)\]\.next: "
        r"the growth track has a cycle: (.+)\n",
        stderr,
    )
    assert m, stderr
    cycle = m.group(3).split(" -> ")
    assert cycle[0] == cycle[-1]
    assert "call-center-specialist" in cycle
    assert "customer-service-manager" in cycle
    # The line is the `next:` of the role the message names.
    role_ids = re.findall(r"^  - id: (\S+)$", roles.read_text("utf-8"), flags=re.M)
    named = role_ids[int(m.group(2))]
    assert named == cycle[0]
    text = roles.read_text("utf-8").splitlines()
    start = text.index(f"  - id: {named}")
    assert int(m.group(1)) == next(
        i for i, ln in enumerate(text, 1) if i > start and ln.startswith("    next:")
    )


def test_role_cannot_grow_into_itself(invoke: Invoke, data_dir: Path) -> None:
    roles = data_dir / "roles.yaml"
    edit(
        roles,
        "    next:\n      - customer-service-manager\n    skills:\n      empathy: 3",
        "    next:\n      - customer-experience-specialist\n    skills:\n      empathy: 3",
    )
    stderr = rejected(invoke, data_dir)
    line = _line_after(
        roles, "  - id: customer-experience-specialist", "      - customer-experience-specialist"
    )
    assert stderr.startswith(f"csadvisor: {roles}:{line}: roles[3].next[0]: ")


def _line_after(path: Path, anchor: str, needle: str) -> int:
    lines = path.read_text("utf-8").splitlines()
    start = lines.index(anchor)
    return next(i for i, ln in enumerate(lines, 1) if i > start and ln == needle)


def test_alias_equal_to_another_roles_title(invoke: Invoke, data_dir: Path) -> None:
    roles = data_dir / "roles.yaml"
    # The manager (roles[5]) gets an alias that is the title of roles[4], in other case.
    edit(
        roles,
        "      - Customer Support Manager\n",
        "      - Customer Support Manager\n      - ACCOUNT MANAGER\n",
    )
    expect(
        invoke,
        data_dir,
        "roles.yaml",
        line_of(roles, "- ACCOUNT MANAGER"),
        "roles[5].aliases[3]",
        "'ACCOUNT MANAGER' already names roles[4]; names must be unique",
    )


def test_title_equal_to_another_roles_alias(invoke: Invoke, data_dir: Path) -> None:
    roles = data_dir / "roles.yaml"
    edit(roles, "title: Customer service manager", "title: Senior CSR")
    expect(
        invoke,
        data_dir,
        "roles.yaml",
        line_of(roles, "title: Senior CSR"),
        "roles[5].title",
        "'Senior CSR' already names roles[2]; names must be unique",
    )


# --------------------------------------------------------------------------- YAML


def test_yaml_python_tag_rejected_and_not_executed(
    invoke: Invoke, data_dir: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "pwned"
    roles = data_dir / "roles.yaml"
    edit(
        roles,
        "title: Account manager",
        f'title: !!python/object/apply:os.system ["touch {marker}"]',
    )
    expect(
        invoke,
        data_dir,
        "roles.yaml",
        line_of(roles, "!!python/object"),
        "roles[4].title",
        "YAML tag '!!python/object/apply:os.system' is not allowed",
    )
    assert not marker.exists()


def test_yaml_custom_tag_rejected(invoke: Invoke, data_dir: Path) -> None:
    roles = data_dir / "roles.yaml"
    edit(roles, "title: Account manager", "title: !secret Account manager")
    expect(
        invoke,
        data_dir,
        "roles.yaml",
        line_of(roles, "!secret"),
        "roles[4].title",
        "YAML tag '!secret' is not allowed",
    )


ANCHOR = ("    pay:\n      low: 34750", "    pay: &rh\n      low: 34750")
MANAGER_PAY = (
    "    pay:\n      low: 57000\n      high: 81250\n      currency: USD\n      period: year\n"
    "      region: US national\n      basis: starting salary\n"
    "      source: Robert Half 2026 Salary Guide\n      year: 2026\n"
)


def test_yaml_anchor_and_alias_load_as_the_value_they_name(invoke: Invoke, data_dir: Path) -> None:
    """A ladder generated by a script (yaml.safe_dump of shared objects) uses anchors."""
    roles = data_dir / "roles.yaml"
    edit(roles, *ANCHOR)
    edit(roles, MANAGER_PAY, "    pay: *rh\n")
    result = invoke("--data-dir", str(data_dir), "pay", "customer-service-manager", "-f", "tsv")
    assert result.exit_code == 0, result.stderr
    assert "\t34750\t47000\t" in result.stdout


def test_yaml_file_dumped_with_shared_objects_loads(invoke: Invoke, data_dir: Path) -> None:
    roles_file = data_dir / "roles.yaml"
    doc = yaml.safe_load(roles_file.read_text("utf-8"))
    shared_pay = doc["roles"][0]["pay"]
    doc["roles"][5]["pay"] = shared_pay  # the same dict twice: safe_dump writes an anchor
    text = yaml.safe_dump(doc, sort_keys=False)
    assert "&id001" in text
    assert "*id001" in text
    roles_file.write_text(text, "utf-8")
    result = invoke("--data-dir", str(data_dir), "role", doc["roles"][5]["id"], "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["low"] == shared_pay["low"]


def test_yaml_merge_key_rejected_saying_so(invoke: Invoke, data_dir: Path) -> None:
    roles = data_dir / "roles.yaml"
    edit(roles, *ANCHOR)
    edit(roles, "    pay:\n      low: 57000", "    pay:\n      <<: *rh\n      low: 57000")
    stderr = rejected(invoke, data_dir)
    assert stderr.startswith(
        f"csadvisor: {roles}:{line_of(roles, '<<: *rh')}: roles[5].pay: "
        "YAML merge keys ('<<') are not allowed"
    ), stderr


@pytest.mark.parametrize(
    ("old", "new", "needle", "problem"),
    [
        (
            "    level: 2\n",
            "    level: 2: 3\n",
            "level: 2: 3",
            "mapping values are not allowed in this context",
        ),
        (
            "    level: 2\n",
            "\tlevel: 2\n",
            "\tlevel: 2",
            "found a tab character that violates indentation",
        ),
    ],
)
def test_invalid_yaml_syntax_with_its_line(
    invoke: Invoke, data_dir: Path, old: str, new: str, needle: str, problem: str
) -> None:
    roles = data_dir / "roles.yaml"
    edit(roles, old, new)
    stderr = rejected(invoke, data_dir)
    assert stderr == f"csadvisor: {roles}:{line_of(roles, needle)}: invalid YAML: {problem}\n"


@pytest.mark.parametrize("content", ["", "\n\n", "   \n", "# only a comment\n"])
def test_empty_file(invoke: Invoke, data_dir: Path, content: str) -> None:
    (data_dir / "skills.yaml").write_text(content, "utf-8")
    stderr = rejected(invoke, data_dir)
    assert stderr == f"csadvisor: {data_dir / 'skills.yaml'}: file is empty\n"


def test_missing_file(invoke: Invoke, data_dir: Path) -> None:
    (data_dir / "skills.yaml").unlink()
    stderr = rejected(invoke, data_dir)
    assert stderr == f"csadvisor: {data_dir / 'skills.yaml'}: file not found\n"


def test_missing_data_dir(invoke: Invoke, tmp_path: Path) -> None:
    stderr = rejected(invoke, tmp_path / "nowhere")
    assert stderr == f"csadvisor: {tmp_path / 'nowhere'}: no such directory (the data directory)\n"


def test_top_level_not_a_mapping(invoke: Invoke, data_dir: Path) -> None:
    (data_dir / "roles.yaml").write_text("- just\n- a list\n", "utf-8")
    stderr = rejected(invoke, data_dir)
    assert stderr.startswith(f"csadvisor: {data_dir / 'roles.yaml'}:1: ")
    assert "expected a mapping, got a list" in stderr


# --------------------------------------------------------------------------- how it is reported


@pytest.mark.parametrize(
    "command",
    [
        ["roles"],
        ["role", "csr"],
        ["pay", "csr"],
        ["pay", "csr", "--field", "low"],
        ["skills"],
        ["track"],
        ["track", "-f", "mermaid"],
    ],
)
def test_every_command_refuses_invalid_data_with_exit_3(
    invoke: Invoke, data_dir: Path, command: list[str]
) -> None:
    roles = data_dir / "roles.yaml"
    edit(roles, "low: 57000", "low: abc")
    stderr = rejected(invoke, data_dir, *command)
    assert stderr == (
        f"csadvisor: {roles}:{line_of(roles, 'low: abc')}: roles[5].pay.low: "
        "expected a number, got 'abc'\n"
    )


def test_data_dir_from_environment_is_named_as_given(
    invoke: Invoke, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roles = data_dir / "roles.yaml"
    edit(roles, "low: 57000", "low: abc")
    monkeypatch.setenv("CSADVISOR_DATA_DIR", str(data_dir))
    result = invoke("roles")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.startswith(f"csadvisor: {roles}:{line_of(roles, 'low: abc')}: ")


def test_relative_data_dir_is_named_as_given(
    invoke: Invoke, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(data_dir / "roles.yaml", "low: 57000", "low: abc")
    monkeypatch.chdir(data_dir.parent)
    result = invoke("--data-dir", "data", "roles")
    assert result.exit_code == 3
    line = line_of(data_dir / "roles.yaml", "low: abc")
    assert result.stderr.startswith(f"csadvisor: data/roles.yaml:{line}: roles[5].pay.low: ")


def test_every_problem_can_be_seen(invoke: Invoke, data_dir: Path) -> None:
    """Two independent mistakes: the user must be able to learn about both."""
    roles = data_dir / "roles.yaml"
    edit(roles, "low: 57000", "low: abc")
    edit(roles, "    level: 2\n", "    level: 9\n")
    first = rejected(invoke, data_dir)
    assert "roles[2].level" in first  # the earlier line comes first
    hint = re.search(r"run '(csadvisor [^']+)'", first)
    if hint is None:
        assert "roles[5].pay.low" in first
        return
    follow = invoke("--data-dir", str(data_dir), *hint.group(1).split()[1:])
    assert follow.exit_code == 3, f"the suggested {hint.group(1)!r} does not work: {follow.stderr}"
    shown = follow.stdout + follow.stderr
    assert "roles[2].level" in shown
    assert "roles[5].pay.low" in shown


def test_catalog_load_raises_data_error_with_all_problems(data_dir: Path) -> None:
    roles = data_dir / "roles.yaml"
    edit(roles, "low: 57000", "low: abc")
    edit(roles, "    level: 2\n", "    level: 9\n")
    with pytest.raises(DataError) as info:
        catalog.load(catalog.resolve_source(data_dir), use_cache=False)
    where = [(p.line, p.path) for p in info.value.problems]
    assert where == [
        (line_of(roles, "level: 9"), "roles[2].level"),
        (line_of(roles, "low: abc"), "roles[5].pay.low"),
    ]


@pytest.mark.parametrize(("value", "ok"), [(True, True), (False, True), ("yes", False), (1, False)])
def test_a_boolean_is_true_or_false_never_yes_or_one(value: object, ok: bool) -> None:
    """The spec type a yes/no field of the data files uses (YAML's true/false only)."""
    from csadvisor.storage.jsonschema import describe
    from csadvisor.storage.problems import Checker
    from csadvisor.storage.schema import Boolean

    checker = Checker()
    Boolean().check(value, "roles[0].flag", checker)
    assert (checker.problems == []) is ok
    if not ok:
        assert "expected true or false" in checker.problems[0][1]
    assert describe(Boolean()) == {"type": "boolean"}
