"""Property-based tests of the data loader.

1. Any valid catalogue (random ids, titles, a random growth DAG, skill requirements and
   optional pay) loads as written, and survives ``data init`` unchanged.
2. Any mutation of a valid catalogue (a key deleted, a value of another type, an unknown
   key, a duplicate id, a dangling reference, a cycle, random bytes) either still loads or
   raises DataError naming one of the files; never any other exception, and ``data
   validate`` agrees (exit 3 or 0, never a crash).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from csadvisor.cli.app import app
from csadvisor.core.models import Catalog
from csadvisor.errors import INVISIBLE_CHARS, DataError
from csadvisor.storage import catalog

RUNNER = CliRunner()
SETTINGS = settings(max_examples=60, deadline=None)

# --------------------------------------------------------------------------- strategies

SLUG_PART = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6)
SLUG = st.lists(SLUG_PART, min_size=1, max_size=3).map("-".join)
# Printable text: no control, format (bidi), private-use, unassigned or line-separator
# characters. Stripped, because the loader strips text values.
PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Co", "Cn", "Zl", "Zp"))
INVISIBLE = re.compile(INVISIBLE_CHARS)
# Nor characters that show nothing (refused in names), nor a formula's first character.
TEXT = (
    st.text(PRINTABLE, min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
    .filter(lambda t: not INVISIBLE.search(t) and not t.startswith(("=", "+", "@")))
)
# Fields that allow line breaks (summaries, descriptions).
MULTILINE = st.lists(TEXT, min_size=1, max_size=3).map("\n".join)
CURRENCY = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3)
AMOUNT = st.one_of(
    st.integers(1, 10**9),
    st.floats(min_value=0.01, max_value=1e9, allow_nan=False, allow_infinity=False),
)


@st.composite
def pay_ranges(draw: st.DrawFn) -> dict[str, Any]:
    low = draw(AMOUNT)
    high = low + draw(AMOUNT) if draw(st.booleans()) else low
    return {
        "low": low,
        "high": high,
        "currency": draw(CURRENCY),
        "period": draw(st.sampled_from(["year", "month", "hour"])),
        "region": draw(TEXT),
        "basis": draw(TEXT),
        "source": draw(TEXT),
        "year": draw(st.integers(1900, 2200)),
    }


@st.composite
def catalogues(draw: st.DrawFn) -> dict[str, Any]:
    """Plain documents for roles.yaml, skills.yaml and (sometimes) locations.yaml."""
    skill_ids = draw(st.lists(SLUG, min_size=1, max_size=5, unique=True))
    skills = []
    for sid in skill_ids:
        skill: dict[str, Any] = {
            "id": sid,
            "name": draw(TEXT),
            "category": draw(st.sampled_from(["soft", "technical", "working"])),
            "description": draw(MULTILINE),
            "levels": draw(st.lists(TEXT, min_size=5, max_size=5)),
        }
        if draw(st.booleans()):
            skill["growth"] = draw(st.lists(TEXT, max_size=3))  # list items: one line
        skills.append(skill)

    role_ids = draw(st.lists(SLUG, min_size=1, max_size=6, unique=True))
    roles = []
    for i, rid in enumerate(role_ids):
        # Suffixes keep every title and alias a distinct name: titles end in " #i",
        # aliases in " @i-j", and neither can equal a slug.
        role: dict[str, Any] = {
            "id": rid,
            "title": f"{draw(TEXT)} #{i}",
            "level": draw(st.integers(1, 5)),
            "summary": draw(MULTILINE),
        }
        if draw(st.booleans()):
            role["responsibilities"] = draw(st.lists(TEXT, max_size=3))
        if draw(st.booleans()):
            count = draw(st.integers(0, 3))
            role["aliases"] = [f"{draw(TEXT)} @{i}-{j}" for j in range(count)]
        later = role_ids[i + 1 :]  # edges only forward: the track is a DAG
        if draw(st.booleans()):
            role["next"] = draw(st.lists(st.sampled_from(later), unique=True)) if later else []
        if draw(st.booleans()):
            role["skills"] = draw(
                st.dictionaries(st.sampled_from(skill_ids), st.integers(1, 5), max_size=5)
            )
        if draw(st.booleans()):
            role["pay"] = draw(pay_ranges())
        roles.append(role)

    docs: dict[str, Any] = {"roles": {"roles": roles}, "skills": {"skills": skills}}
    if draw(st.booleans()):
        docs["locations"] = {
            "locations": [
                {
                    "name": f"{draw(TEXT)} ~{k}",
                    "factor": draw(st.floats(min_value=0.01, max_value=100)),
                    "source": draw(TEXT),
                    "year": draw(st.integers(1900, 2200)),
                }
                for k in range(draw(st.integers(0, 3)))
            ]
        }
    return docs


def dump(doc: Any) -> str:
    return yaml.safe_dump(doc, sort_keys=False)


def write(directory: Path, docs: dict[str, Any]) -> catalog.DataSource:
    directory.mkdir(parents=True, exist_ok=True)
    for name, doc in docs.items():
        path = directory / f"{name}.yaml"
        if isinstance(doc, bytes):
            path.write_bytes(doc)
        else:
            path.write_text(dump(doc), encoding="utf-8")
    return catalog.DataSource(directory, "option")


def locations_of(source: catalog.DataSource) -> dict[str, tuple[Any, ...]]:
    return {
        k: (v.name, v.factor, v.source, v.year) for k, v in catalog.load_locations(source).items()
    }


# --------------------------------------------------------------------------- 1. valid data


@pytest.mark.slow
@SETTINGS
@given(docs=catalogues())
def test_valid_catalogues_load_and_survive_data_init(
    tmp_path_factory: pytest.TempPathFactory, docs: dict[str, Any]
) -> None:
    source = write(tmp_path_factory.mktemp("a"), docs)
    loaded = catalog.load(source, use_cache=False)

    # What was written is what was loaded.
    roles, skills = docs["roles"]["roles"], docs["skills"]["skills"]
    assert [r.id for r in loaded.roles] == [r["id"] for r in roles]
    assert [r.title for r in loaded.roles] == [r["title"] for r in roles]
    assert [r.summary for r in loaded.roles] == [r["summary"] for r in roles]
    assert [r.aliases for r in loaded.roles] == [tuple(r.get("aliases", ())) for r in roles]
    assert [r.next for r in loaded.roles] == [tuple(r.get("next", ())) for r in roles]
    assert [dict(r.skills) for r in loaded.roles] == [r.get("skills", {}) for r in roles]
    assert [(r.pay.low, r.pay.high) if r.pay else None for r in loaded.roles] == [
        (r["pay"]["low"], r["pay"]["high"]) if "pay" in r else None for r in roles
    ]
    assert [(s.id, s.name, s.levels) for s in loaded.skills] == [
        (s["id"], s["name"], tuple(s["levels"])) for s in skills
    ]

    copy_dir = tmp_path_factory.mktemp("b") / "copy"
    result = RUNNER.invoke(
        app, ["--data-dir", str(source.directory), "data", "init", str(copy_dir)]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    copied = catalog.DataSource(copy_dir, "option")
    assert catalog.load(copied, use_cache=False) == loaded
    if "locations" in docs:
        assert locations_of(copied) == locations_of(source)
    else:  # an example to fill in, in comments: no location, no invented factor
        assert locations_of(copied) == {}


# --------------------------------------------------------------------------- 2. mutated data

ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=10),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
MUTATIONS = [
    "delete-key",
    "change-type",
    "unknown-key",
    "duplicate-id",
    "dangling-reference",
    "cycle",
    "random-bytes",
]


def slots(node: Any) -> list[tuple[Any, Any]]:
    """Every (container, key-or-index) in a document, parents before children."""
    found: list[tuple[Any, Any]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((node, key))
            found += slots(value)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.append((node, i))
            found += slots(value)
    return found


def mutate(docs: dict[str, Any], kind: str, data: st.DataObject) -> str:
    """Break ``docs`` in place in the way ``kind`` names; returns the file broken."""
    roles = docs["roles"]["roles"]
    name = data.draw(st.sampled_from(sorted(docs)), label="file")
    if kind in ("duplicate-id", "dangling-reference", "cycle"):
        name = "skills" if kind == "duplicate-id" and data.draw(st.booleans()) else "roles"
    doc = docs[name]
    if kind == "delete-key":
        pairs = [(c, k) for c, k in slots(doc) if isinstance(c, dict)]
        if pairs:
            container, key = data.draw(st.sampled_from(pairs), label="delete")
            del container[key]
    elif kind == "change-type":
        pairs = slots(doc)
        value = data.draw(ANY_VALUE, label="value")
        if pairs and data.draw(st.integers(0, 9), label="not-root"):
            container, key = data.draw(st.sampled_from(pairs), label="where")
            container[key] = value
        else:
            docs[name] = value
    elif kind == "unknown-key":
        containers = [doc] + [c[k] for c, k in slots(doc) if isinstance(c[k], dict)]
        container = data.draw(st.sampled_from(containers), label="mapping")
        container[data.draw(st.text(min_size=1, max_size=10), label="key")] = data.draw(ANY_VALUE)
    elif kind == "duplicate-id":
        items = doc[name]
        i = data.draw(st.integers(0, len(items) - 1), label="copied")
        if len(items) > 1:
            j = data.draw(st.integers(0, len(items) - 1).filter(lambda j: j != i), label="into")
            items[j]["id"] = items[i]["id"]
        else:
            items.append(copy.deepcopy(items[i]))
    elif kind == "dangling-reference":
        role = data.draw(st.sampled_from(roles), label="role")
        if data.draw(st.booleans(), label="in-next"):
            role.setdefault("next", []).append("zz-no-such-role")
        else:
            role.setdefault("skills", {})["zz-no-such-skill"] = 3
    elif kind == "cycle":
        j = data.draw(st.integers(0, len(roles) - 1), label="to")
        i = data.draw(st.integers(0, j), label="from")  # i == j: a role grows into itself
        for a, b in ((i, j), (j, i)):  # i -> j and back: a 2-cycle, or longer via the track
            nexts = roles[a].setdefault("next", [])
            if roles[b]["id"] not in nexts:
                nexts.append(roles[b]["id"])
    else:  # random bytes replace some bytes of the file's text
        blob = bytearray(dump(doc).encode("utf-8"))
        for _ in range(data.draw(st.integers(1, 5), label="count")):
            at = data.draw(st.integers(0, len(blob) - 1), label="at")
            blob[at] = data.draw(st.integers(0, 255), label="byte")
        docs[name] = bytes(blob)
    return name


@pytest.mark.slow
@SETTINGS
@given(docs=catalogues(), kind=st.sampled_from(MUTATIONS), data=st.data())
def test_mutated_catalogues_raise_data_error_or_load(
    tmp_path_factory: pytest.TempPathFactory,
    docs: dict[str, Any],
    kind: str,
    data: st.DataObject,
) -> None:
    broken = mutate(docs, kind, data)
    source = write(tmp_path_factory.mktemp("m"), docs)
    labels = {source.label(f"{name}.yaml") for name in docs}
    problems: tuple[Any, ...] = ()
    try:
        loaded = catalog.load(source, use_cache=False)
        if "locations" in docs:
            catalog.load_locations(source)
    except DataError as exc:  # the one exception a user's data may cause
        problems = exc.problems or (None,)
    else:
        assert isinstance(loaded, Catalog)
    failed = bool(problems)
    if failed:
        assert None not in problems, "a DataError without problems"
        assert {p.file for p in problems} <= labels
        assert all(p.line is None or p.line >= 1 for p in problems)
    # The command line agrees: exit 3 with the problems listed, or 0; never a crash.
    result = RUNNER.invoke(app, ["data", "validate", str(source.directory)])
    assert result.exit_code == (3 if failed else 0), (broken, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert bool(result.stdout) is failed
