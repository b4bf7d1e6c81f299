"""An organisation's own ladder: data init/validate/schema/path, locations and pay factors."""

import json
from pathlib import Path
from typing import Any

import pytest

LOCATIONS = (
    "locations:\n"
    "  - name: Springfield\n"
    "    factor: 1.12\n"
    "    source: Example Corp pay survey\n"
    "    year: 2026\n"
    "  - name: Shelbyville\n"
    "    factor: 0.9\n"
    "    source: Example Corp pay survey\n"
    "    year: 2026\n"
)


@pytest.fixture
def ladder(invoke: Any, tmp_path: Path) -> Path:
    target = tmp_path / "ladder"
    result = invoke("data", "init", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"wrote roles.yaml, skills.yaml, locations.yaml to {target}" in result.stderr
    (target / "locations.yaml").write_text(LOCATIONS, encoding="utf-8")
    return target


def test_init_copies_the_bundled_files_exactly(ladder: Path) -> None:
    bundled = Path(__file__).parent.parent / "data"
    for name in ("roles.yaml", "skills.yaml"):
        assert (ladder / name).read_bytes() == (bundled / name).read_bytes()


def test_init_refuses_to_overwrite_without_force(invoke: Any, ladder: Path) -> None:
    (ladder / "roles.yaml").write_text("# mine\n", encoding="utf-8")
    result = invoke("data", "init", str(ladder))
    assert result.exit_code == 2
    assert "already exist" in result.stderr
    assert "--force" in result.stderr
    assert (ladder / "roles.yaml").read_text(encoding="utf-8") == "# mine\n"
    forced = invoke("data", "init", str(ladder), "--force")
    assert forced.exit_code == 0
    assert (ladder / "roles.yaml").read_text(encoding="utf-8") != "# mine\n"


def test_init_copies_the_data_in_use_with_its_locations(
    invoke: Any, ladder: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy"
    result = invoke("--data-dir", str(ladder), "data", "init", str(copy))
    assert result.exit_code == 0
    assert (copy / "locations.yaml").read_text(encoding="utf-8") == LOCATIONS


def test_init_into_a_file_is_a_usage_error(invoke: Any, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    result = invoke("data", "init", str(target))
    assert result.exit_code == 2
    assert result.stderr == f"csadvisor: {target} exists and is not a directory\n"


def test_validate_good_data_exits_0_and_says_so(invoke: Any, ladder: Path) -> None:
    result = invoke("data", "validate", str(ladder))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"csadvisor: {ladder}: no problems found\n"
    bundled = invoke("data", "validate")
    assert bundled.stderr == "csadvisor: the bundled data: no problems found\n"


def test_validate_lists_every_problem_of_every_file(invoke: Any, ladder: Path) -> None:
    roles = ladder / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    text = text.replace("    level: 2\n", "    level: 9\n", 1)
    text = text.replace("      low: 57000\n", "      low: lots\n", 1)
    roles.write_text(text, encoding="utf-8")
    (ladder / "locations.yaml").write_text(
        LOCATIONS.replace("factor: 0.9", "factor: -1"), encoding="utf-8"
    )
    result = invoke("data", "validate", str(ladder))
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    assert len(lines) == 3, lines
    assert lines[0].startswith(f"{roles}:")
    assert "level: must be from 1 to 5, got '9'" in lines[0]
    assert lines[1].startswith(f"{roles}:")
    assert "pay.low: expected a number, got 'lots'" in lines[1]
    assert lines[2] == (
        f"{ladder / 'locations.yaml'}:7: locations[1].factor: must be a positive number, got '-1'"
    )
    assert result.stderr == f"csadvisor: 3 problems in {ladder}\n"


def test_schema_is_json_schema_for_each_file(invoke: Any) -> None:
    result = invoke("data", "schema", "roles")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    role = schema["properties"]["roles"]["items"]
    assert role["additionalProperties"] is False
    assert set(role["required"]) == {"id", "title", "level", "summary"}
    assert role["properties"]["level"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 5,
        "description": "Rung on the ladder, 1 (entry) to 5.",
    }
    skills = json.loads(invoke("data", "schema", "skills").stdout)
    levels = skills["properties"]["skills"]["items"]["properties"]["levels"]
    assert (levels["minItems"], levels["maxItems"]) == (5, 5)
    combined = json.loads(invoke("data", "schema").stdout)
    assert len(combined["oneOf"]) == 3


def test_schema_accepts_the_bundled_data_shape(invoke: Any) -> None:
    """Every key the bundled files use is a property the schema knows."""
    import yaml

    schema = json.loads(invoke("data", "schema", "roles").stdout)
    props = set(schema["properties"]["roles"]["items"]["properties"])
    bundled = yaml.safe_load(
        (Path(__file__).parent.parent / "data" / "roles.yaml").read_text(encoding="utf-8")
    )
    for role in bundled["roles"]:
        assert set(role) <= props


def test_path_says_which_files_and_why(invoke: Any, ladder: Path, monkeypatch: Any) -> None:
    bundled = invoke("data", "path")
    assert bundled.exit_code == 0
    rows = [line.split("\t") for line in bundled.stdout.splitlines()]
    assert rows[0] == ["file", "path", "source", "exists"]
    assert rows[1][0] == "roles.yaml"
    assert rows[1][2:] == ["bundled with csadvisor", "yes"]
    assert rows[3][0] == "locations.yaml"
    assert rows[3][3] == "no"

    by_option = invoke("--data-dir", str(ladder), "data", "path", "--no-header")
    first = by_option.stdout.splitlines()[0].split("\t")
    assert first == ["roles.yaml", str((ladder / "roles.yaml").resolve()), "--data-dir", "yes"]

    monkeypatch.setenv("CSADVISOR_DATA_DIR", str(ladder))
    by_env = invoke("data", "path", "--no-header")
    assert by_env.stdout.splitlines()[2].split("\t")[2:] == ["CSADVISOR_DATA_DIR", "yes"]


def test_custom_data_changes_what_commands_show(invoke: Any, ladder: Path) -> None:
    roles = ladder / "roles.yaml"
    roles.write_text(
        roles.read_text(encoding="utf-8").replace(
            "title: Account manager", "title: Key account lead"
        ),
        encoding="utf-8",
    )
    result = invoke("--data-dir", str(ladder), "role", "key account lead", "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "account-manager"


# --------------------------------------------------------------------------- locations


def test_location_applies_its_factor_and_marks_the_figures(invoke: Any, ladder: Path) -> None:
    result = invoke(
        "--data-dir", str(ladder), "pay", "csr", "--location", "springfield", "-f", "json"
    )
    assert result.exit_code == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert (record["low"], record["high"], record["mid"]) == (43120, 54320, 48720)
    assert record["factor"] == 1.12
    assert record["adjusted_by"] == "Springfield (Example Corp pay survey, 2026)"
    assert record["region"] == "US national"


def test_location_in_tsv_fills_the_documented_columns(invoke: Any, ladder: Path) -> None:
    result = invoke("--data-dir", str(ladder), "pay", "manager", "-l", "Shelbyville")
    assert result.exit_code == 1  # 'manager' alone is ambiguous: two roles
    result = invoke(
        "--data-dir", str(ladder), "pay", "customer service manager", "-l", "Shelbyville"
    )
    header, row = result.stdout.splitlines()
    cells = dict(zip(header.split("\t"), row.split("\t"), strict=True))
    assert (cells["low"], cells["high"]) == ("51300", "73125")
    assert cells["factor"] == "0.9"
    assert cells["adjusted_by"].startswith("Shelbyville")


def test_adjust_by_hand_and_in_the_table(invoke: Any) -> None:
    result = invoke("pay", "call center specialist", "--adjust", "2", "-f", "json")
    (record,) = json.loads(result.stdout)
    assert (record["low"], record["high"]) == (69500, 94000)
    assert record["adjusted_by"] == "manual factor"
    table = invoke("pay", "csr", "--adjust", "1.5", "-f", "table")
    assert "Pay per year (adjusted)" in table.stdout
    assert "$57,750" in table.stdout
    assert "x 1.5, manual factor" in " ".join(table.stdout.split())


def test_unknown_location_suggests_the_closest(invoke: Any, ladder: Path) -> None:
    result = invoke("--data-dir", str(ladder), "pay", "csr", "-l", "Springfeld")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        result.stderr == "csadvisor: unknown location 'Springfeld'; did you mean 'Springfield'?\n"
    )


def test_bundled_data_has_no_factors_so_a_place_is_a_bls_area(invoke: Any) -> None:
    # Before BLS areas shipped, this said "ships no location factors" (exit 3).
    result = invoke("pay", "csr", "--location", "Boston", "-f", "json")
    assert result.exit_code == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert record["area"] == "Boston-Cambridge-Newton, MA-NH"
    assert record["adjusted_by"] is None
    assert record["factor"] is None


def test_location_and_adjust_together_is_a_usage_error(invoke: Any) -> None:
    result = invoke("pay", "csr", "--location", "x", "--adjust", "1.1")
    assert result.exit_code == 2
    assert result.stderr == "csadvisor: give --location or --adjust, not both\n"


# --------------------------------------------------------------------------- skill


def test_skill_page_shows_levels_growth_and_roles(invoke: Any) -> None:
    result = invoke("skill", "coaching", "-f", "table")
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert "Coaching and leading others (coaching, working)" in flat
    assert "What each level looks like" in flat
    assert "Customer service manager: level 4" in flat


def test_skill_json_and_unknown_skill(invoke: Any) -> None:
    record = json.loads(invoke("skill", "Data literacy", "-f", "json").stdout)
    assert record["id"] == "data-literacy"
    assert len(record["levels"]) == 5
    missing = invoke("skill", "coachin")
    assert missing.exit_code == 1
    assert missing.stderr == "csadvisor: unknown skill 'coachin'; did you mean 'coaching'?\n"
