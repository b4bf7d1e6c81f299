"""The plan as one HTML page (``--export plan.html``): self-contained, escaped, accessible,
and checked in a real browser (tests/browsertools.py; they skip saying why without one)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browsertools import (
    assert_well_formed_page,
    axe_violations,
    chart_rows,
    launch,
    numbers,
    open_clean,
    open_file,
    pdf_pages,
    printed_sizes,
)
from browsertools import table_rows as rows_of

HOSTILE = "<img src=x onerror=alert(1)>"
# Words of ordinary length, so an example wraps on paper as a real one would.
PROSE = (
    "Calmed a caller who had waited an hour for a refund, wrote down each step, checked "
    "the order history with billing, called back the next morning as promised, and shared "
    "the fix with the team so the next agent could close the same case in one contact. "
)
LONGEST_AREA = "North Valley-Northern Mountains Region of California nonmetropolitan area"


def answers(tmp_path: Path, **extra: Any) -> Path:
    doc = {
        "name": extra.pop("person", f"{HOSTILE} Ana"),
        "role": extra.pop("role", "csr"),
        "skills": {"empathy": 3, "communication": 4, "troubleshooting": 1, "coaching": 2},
        **extra,
    }
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def export(invoke: Any, tmp_path: Path, *extra: str, name: str = "plan.html", **doc: Any) -> Path:
    target = tmp_path / name
    res = invoke(
        "assess",
        "--answers",
        str(answers(tmp_path, **doc)),
        "--missing",
        "2",
        "--no-save",
        "-f",
        "json",
        "--export",
        str(target),
        *extra,
    )
    assert res.exit_code == 0, res.stderr
    json.loads(res.stdout)  # stdout still carries only the result
    return target


# --------------------------------------------------------------------------- the file


def test_html_export_writes_one_self_contained_page(invoke: Any, tmp_path: Path) -> None:
    plan = export(invoke, tmp_path, "-l", "Dallas")
    text = plan.read_text(encoding="utf-8")
    assert_well_formed_page(text)
    assert "<svg" in text
    assert 'id="gap-table"' in text
    for heading in ("Support I need", "Agreed next steps", "What I will work on first", "Pay"):
        assert f">{heading}</h2>" in text
    # Local pay with its labels: area, source and basis, and a change that is not a promise.
    assert "Dallas-Fort Worth-Arlington, TX" in text
    assert "BLS OEWS May 2025" in text
    assert "not a raise anyone is promised" in text
    assert "How readiness is computed: readiness = sum over" in text


def test_hostile_text_is_escaped_everywhere(invoke: Any, tmp_path: Path) -> None:
    plan = export(
        invoke, tmp_path, evidence={"empathy": f'Said "{HOSTILE}" & <b>left</b>'}
    ).read_text(encoding="utf-8")
    assert HOSTILE not in plan
    assert "<b>" not in plan
    assert "&lt;img src=x onerror=alert(1)&gt; Ana" in plan  # the name, shown as text
    assert "Said &quot;&lt;img src=x onerror=alert(1)&gt;&quot; &amp; &lt;b&gt;left" in plan
    assert_well_formed_page(plan)


def test_the_format_comes_from_the_name_or_the_option(invoke: Any, tmp_path: Path) -> None:
    md = export(invoke, tmp_path, name="plan.md").read_text(encoding="utf-8")
    assert md.startswith("# My career development plan\n")
    other = export(invoke, tmp_path, name="plan.HTM")
    assert other.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # A saved assessment's plan, later: `plan` takes --export-format over the name.
    saved = invoke("assess", "--answers", str(answers(tmp_path)), "--missing", "2", "-f", "json")
    assert saved.exit_code == 0, saved.stderr
    ident = json.loads(saved.stdout)["id"]
    for name, fmt, start in (
        ("later.html", None, "<!DOCTYPE html>"),
        ("later2.html", "md", "# My career development plan"),
        ("later.txt", "HTML", "<!DOCTYPE html>"),
        ("later.md", None, "# My career development plan"),
    ):
        extra = ["--export-format", fmt] if fmt else []
        res = invoke("plan", ident, "--export", str(tmp_path / name), *extra)
        assert res.exit_code == 0, res.stderr
        assert f"wrote {tmp_path / name} (from {ident})" in res.stderr
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start), name
    res = invoke("plan", ident, "--export-format", "html")
    assert res.exit_code == 2
    assert "goes with --export" in res.stderr


def test_an_html_export_is_refused_like_any_other(invoke: Any, tmp_path: Path) -> None:
    (tmp_path / "real.html").write_text("mine", encoding="utf-8")
    (tmp_path / "plan.html").symlink_to(tmp_path / "real.html")
    res = invoke(
        "assess", "--answers", str(answers(tmp_path)), "--export", str(tmp_path / "plan.html")
    )
    assert res.exit_code == 2
    assert "symbolic link" in res.stderr
    assert res.stdout == ""
    (tmp_path / "plan.html").unlink()
    (tmp_path / "plan.html").write_text("old", encoding="utf-8")
    res = invoke(
        "assess", "--answers", str(answers(tmp_path)), "--export", str(tmp_path / "plan.html")
    )
    assert res.exit_code == 2
    assert "add --force" in res.stderr
    assert (tmp_path / "plan.html").read_text(encoding="utf-8") == "old"
    export(invoke, tmp_path, "--force")
    assert (tmp_path / "real.html").read_text(encoding="utf-8") == "mine"


def test_a_full_plan_stays_small(invoke: Any, tmp_path: Path) -> None:
    """Every skill with a 300-character example, a location: still at most 60 KB."""
    from csadvisor.storage.catalog import load

    skills = [s.id for s in load().skills]
    example = ("Calmed a caller who had waited an hour & kept notes <for> the team. " * 5)[:300]
    plan = export(invoke, tmp_path, "-l", "Houston", evidence=dict.fromkeys(skills, example))
    assert plan.stat().st_size <= 60_000, plan.stat().st_size


# --------------------------------------------------------------------------- in a browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


def longest_plan(invoke: Any, tmp_path: Path) -> Path:
    """The longest plan the bundled data allows: a name of the longest allowed length (with
    the hostile text in it), the longest role titles (customer service specialist aiming at
    senior customer service specialist), an example of the longest allowed length on every
    one of the 16 skills (one with the hostile text), the three gaps with the most to read
    (empathy, communication and data literacy: four actions each), and local pay for the
    area with the longest name (with its note, both medians and the percentiles)."""
    from csadvisor.core.models import EVIDENCE_MAX, NAME_MAX
    from csadvisor.storage.catalog import load

    skills = [s.id for s in load().skills]
    assert len(skills) == 16
    ratings = dict.fromkeys(skills, 5)
    ratings.update({"empathy": 1, "communication": 1, "data-literacy": 1})
    evidence = dict.fromkeys(skills, (PROSE * 3)[:EVIDENCE_MAX])
    evidence["empathy"] = f"Wrote {HOSTILE} {PROSE * 3}"[:EVIDENCE_MAX]
    name = f"{HOSTILE} Ana {'Maria-Wolfeschlegelsteinhausen de la Cruz ' * 3}"[:NAME_MAX]
    assert len(name) == NAME_MAX
    assert len(evidence["metrics"]) == EVIDENCE_MAX
    plan = export(
        invoke, tmp_path, "-l", LONGEST_AREA, person=name, role="customer-service-specialist",
        skills=ratings, evidence=evidence,
    )  # fmt: skip
    text = plan.read_text(encoding="utf-8")
    assert "<dt>Target role</dt><dd>Senior customer service specialist</dd>" in text
    for gap in ("1. Empathy", "2. Communication", "3. Data literacy"):
        assert f"<h3>{gap}" in text
    assert f"<td>{LONGEST_AREA}</td>" in text
    return plan


@pytest.mark.slow
def test_the_page_in_a_browser(invoke: Any, tmp_path: Path, browser: Any) -> None:
    plan = longest_plan(invoke, tmp_path)
    page = open_clean(browser, plan)
    # The hostile name and example are text on the page, not an image or a script.
    body = page.inner_text("body")
    assert f"{HOSTILE} Ana" in body
    assert f"Wrote {HOSTILE}" in body
    # The chart shows the table's numbers, row by row, in the same order.
    drawn = chart_rows(page, "gap-chart")
    table = rows_of(page, "#gap-table")
    assert len(drawn) == len(table) == 16
    for (label, value), row in zip(drawn, table, strict=True):
        assert row["Skill"].startswith(label.rstrip("\u2026").split()[0])
        needed = [] if row["Needed"] == "not needed" else [int(row["Needed"])]
        assert numbers(value) == [int(row["Me"]), *needed], (label, value, row)
        assert len(row["Example behind my rating"]) == 300
    page.context.close()


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_longest_plan_prints_on_two_readable_pages(
    invoke: Any, tmp_path: Path, browser: Any, paper: str
) -> None:
    """Two pages at most, nothing dropped, and type a manager can read on paper: body text
    at 8 pt or more, the chart's labels, numbers and scale at 7 pt or more."""
    opened = open_file(browser, longest_plan(invoke, tmp_path))
    assert pdf_pages(opened.page, paper) <= 2
    sizes = printed_sizes(opened.page, paper)
    assert round(sizes.text, 1) >= 8, sizes  # CSS pixels to points: 8 pt is 10.67 px
    assert round(sizes.chart, 1) >= 7, sizes
    opened.page.context.close()


def test_text_from_the_data_files_is_escaped_too(
    invoke: Any, tmp_path: Path, data_dir: Path
) -> None:
    """A catalogue is data too: a skill name and a role title with markup stay text."""
    skills = data_dir / "skills.yaml"
    skills.write_text(
        skills.read_text(encoding="utf-8").replace(
            "name: Empathy and emotional intelligence",
            'name: "<script>alert(1)</script> Empathy"',
            1,
        ),
        encoding="utf-8",
    )
    roles = data_dir / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    title = re.search(r"title: (Senior customer service specialist)\n", text)
    assert title is not None
    roles.write_text(text.replace(title.group(0), 'title: "Senior <b>specialist</b>"\n', 1))
    target = tmp_path / "plan.html"
    res = invoke(
        "--data-dir", str(data_dir), "assess", "--answers", str(answers(tmp_path)),
        "--missing", "2", "--no-save", "--export", str(target),
    )  # fmt: skip
    assert res.exit_code == 0, res.stderr
    page = target.read_text(encoding="utf-8")
    assert "<script" not in page
    assert "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Empathy" in page
    assert "Senior &lt;b&gt;specialist&lt;/b&gt;" in page
    assert_well_formed_page(page)


@pytest.mark.slow
def test_the_browser_checks_can_fail(tmp_path: Path, browser: Any) -> None:
    """The harness itself: a page with a request, an error and an unlabelled image is
    caught by each check (so a clean report above means something)."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        "<!DOCTYPE html><html><head><title>x</title></head><body><main><h1>x</h1>"
        '<img src="https://example.invalid/x.png"><p style="color:#ccc">faint</p>'
        "<script>console.error('boom')</script></main></body></html>",
        encoding="utf-8",
    )
    opened = open_file(browser, bad)
    assert len(opened.requests) == 2  # the image was asked for (and refused)
    assert any("boom" in e for e in opened.console_errors)
    found = " ".join(axe_violations(opened.page))
    assert "image-alt" in found
    assert "html-has-lang" in found
    assert "color-contrast" in found
    opened.page.context.close()


@pytest.mark.parametrize("role", [None, "customer-service-manager", "account-manager"])
def test_a_newcomer_and_the_top_of_a_track_get_a_whole_page(
    invoke: Any, tmp_path: Path, role: str | None
) -> None:
    """No current role (a newcomer), a top role (lateral moves) and a role with no next
    step still give a well-formed page with its chart, table and boxes."""
    doc = {"skills": {"empathy": 4, "coaching": 5}}
    if role:
        doc["role"] = role
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    target = tmp_path / "plan.html"
    for extra in ([], ["-l", "Houston"]):
        res = invoke(
            "assess", "--answers", str(path), "--missing", "3", "--no-save", "--export",
            str(target), "--force", *extra,
        )  # fmt: skip
        assert res.exit_code == 0, res.stderr
        page = target.read_text(encoding="utf-8")
        assert_well_formed_page(page)
        assert 'id="gap-chart"' in page
        assert 'id="gap-table"' in page
        assert ">Agreed next steps</h2>" in page
        if role is None:
            assert "not in customer service yet" in page
