"""The team sheet as one HTML page (``team PATH... --export team.html``): the terminal
sheet's content, escaped, accessible, checked in a real browser; the anonymous page holds
no name, file name or example."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browsertools import (
    assert_well_formed_page,
    chart_rows,
    launch,
    numbers,
    open_clean,
    table_rows,
)

HOSTILE = "<img src=x onerror=alert(1)>"
NAMES = ["Ana Lopez", "Gus Moreno", "Sam Lee", HOSTILE, "Priya Shah", "Tom Berg", "Li Wei"]
EXAMPLE = "EXAMPLE-SENTINEL handled an angry caller"


def make_team(folder: Path, names: list[str], seed: int = 7) -> Path:
    """A self and a manager assessment per person, each with an example; file names that
    say nothing about the person (so a leak of a file name is its own finding)."""
    from csadvisor.storage.catalog import load

    rng = random.Random(seed)
    skills = [s.id for s in load().skills]
    folder.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(names):
        for rater in ("self", "manager"):
            doc = {
                "name": name,
                "rater": rater,
                "role": "csr",
                "skills": {s: rng.randint(1, 5) for s in skills},
                "evidence": {"empathy": f"{EXAMPLE} {i}"},
            }
            (folder / f"filesentinel-{i:03d}-{rater}.json").write_text(json.dumps(doc))
    return folder


def export(invoke: Any, tmp_path: Path, *extra: str, name: str = "team.html") -> Path:
    target = tmp_path / name
    team = make_team(tmp_path / "team", NAMES)
    res = invoke("team", str(team), "--export", str(target), *extra)
    assert res.exit_code == 0, res.stderr
    assert f"wrote {target}" in res.stderr
    return target


def sheet_json(invoke: Any, tmp_path: Path, *extra: str) -> dict[str, Any]:
    res = invoke("team", str(tmp_path / "team"), "--view", "sheet", "-f", "json", *extra)
    assert res.exit_code == 0, res.stderr
    return dict(json.loads(res.stdout))


# --------------------------------------------------------------------------- the file


def test_the_page_has_the_terminal_sheets_content(invoke: Any, tmp_path: Path) -> None:
    page = export(invoke, tmp_path, "--target", "customer-service-manager")
    text = page.read_text(encoding="utf-8")
    assert_well_formed_page(text)
    sheet = sheet_json(invoke, tmp_path, "--target", "customer-service-manager")
    for heading in (
        "Who holds what",
        "Bench and single points of failure",
        "Readiness for Customer service manager",
        "Who could mentor whom",
        "Calibration outliers",
        "Next step for each person",
    ):
        assert f">{heading}</h2>" in text, heading
    # The grid: one row per person the sheet counts, every cell a number (or "not rated").
    grid = text[text.index('id="coverage"') : text.index("</table>", text.index('id="coverage"'))]
    body = grid[grid.index("<tbody>") : grid.index("</tbody>")]
    assert body.count("<tr>") == len(sheet["people"]) == len(NAMES)
    cells = re.findall(r"<td class=\"l(\d)\">(\d)</td>", body)
    assert len(cells) == len(NAMES) * len(sheet["skills"])
    assert all(shade == number for shade, number in cells)  # the shade is the number's
    bench = re.findall(r"<td class=\"n\">(\d+)", grid[grid.index("<tfoot>") :])
    assert [int(b) for b in bench] == [sheet["bench"][s["id"]] for s in sheet["skills"]]
    for t in sheet["train_first"]["skills"]:
        assert f'<th scope="row">{t["name"]}</th><td class=n>{t["required"]}</td>' in text
    for o in sheet["calibration_outliers"]:
        assert f"{o['manager_level'] - o['self_level']:+d}" in text
    assert sheet["mentoring"]
    section = text[text.index(">Who could mentor whom<") : text.index(">Calibration outliers<")]
    for m in sheet["mentoring"]:
        if HOSTILE not in (m["mentor"], m["mentee"]):
            assert f"{m['mentee']} ({m['mentee_level']})" in section
            assert f"<td>{m['mentor']}</td><td class=n>{m['mentor_level']}</td>" in section
    # Examples and file names stay out of the sheet (it is handed on).
    assert EXAMPLE not in text
    assert "filesentinel" not in text


def test_hostile_names_are_text(invoke: Any, tmp_path: Path) -> None:
    text = export(invoke, tmp_path).read_text(encoding="utf-8")
    assert HOSTILE not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


@pytest.mark.parametrize("name", ["team.html", "team.md"])
def test_the_anonymous_page_has_counts_only(invoke: Any, tmp_path: Path, name: str) -> None:
    page = export(
        invoke, tmp_path, "--anonymous", "--target", "customer-service-manager", name=name
    )
    text = page.read_text(encoding="utf-8")
    if name.endswith(".md"):
        assert text.startswith("# Team skills sheet (anonymous)\n")
        assert "| stretch |" in text or "| close |" in text or "| ready |" in text
        for word in ("Lopez", "Moreno", "onerror", EXAMPLE, "filesentinel"):
            assert word not in text, word
        return
    assert_well_formed_page(text)
    for name in NAMES:
        assert name not in text
        assert name.replace("<", "&lt;").replace(">", "&gt;") not in text
    for word in ("Lopez", "Moreno", "onerror", EXAMPLE, "filesentinel", str(tmp_path)):
        assert word not in text, word
    assert "<td>People</td>" not in text  # no person column
    assert f"<dt>People</dt><dd>{len(NAMES)}</dd>" in text


def test_an_anonymous_page_for_a_small_group_is_refused(invoke: Any, tmp_path: Path) -> None:
    team = make_team(tmp_path / "team", NAMES[:3])
    target = tmp_path / "team.html"
    res = invoke("team", str(team), "--anonymous", "--export", str(target))
    assert res.exit_code == 2
    assert "fewer than 5" in res.stderr
    assert not target.exists()
    assert res.stdout == ""


def test_markdown_export_and_the_usual_refusals(invoke: Any, tmp_path: Path) -> None:
    md = export(invoke, tmp_path, name="team.md").read_text(encoding="utf-8")
    assert md.startswith("# Team skills sheet\n")
    assert "\\<img src=x onerror=alert(1)\\>" in md
    assert HOSTILE not in md
    res = invoke("team", str(tmp_path / "team"), "--export", str(tmp_path / "team.md"))
    assert res.exit_code == 2
    assert "add --force" in res.stderr
    (tmp_path / "link.html").symlink_to(tmp_path / "team.md")
    res = invoke("team", str(tmp_path / "team"), "--export", str(tmp_path / "link.html"))
    assert res.exit_code == 2
    assert "symbolic link" in res.stderr


def test_a_page_for_fifty_people_stays_small(invoke: Any, tmp_path: Path) -> None:
    names = [f"Person {i:02d} Example-Name" for i in range(50)]
    team = make_team(tmp_path / "team", names)
    target = tmp_path / "team.html"
    res = invoke("team", str(team), "--export", str(target), "-f", "json")
    assert res.exit_code == 0, res.stderr
    assert target.stat().st_size <= 300_000, target.stat().st_size


# --------------------------------------------------------------------------- in a browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


@pytest.mark.slow
@pytest.mark.parametrize("anonymous", [False, True], ids=["named", "anonymous"])
def test_the_pages_in_a_browser(invoke: Any, tmp_path: Path, browser: Any, anonymous: bool) -> None:
    extra = ["--anonymous"] if anonymous else []
    page_file = export(invoke, tmp_path, "--target", "customer-service-manager", *extra)
    page = open_clean(browser, page_file)
    if not anonymous:
        assert HOSTILE in page.inner_text("#coverage")  # shown as text
        drawn = chart_rows(page, "readiness-chart")
        table = table_rows(page, "#readiness-table")
        assert len(drawn) == len(table) > 0
        for (label, value), row in zip(drawn, table, strict=True):
            assert label == row["Person"]
            assert numbers(value) == numbers(row["Readiness"])
            assert value.endswith(row["Band"])
    page.context.close()
