"""Checking the data: each file against its schema, then the files against each other.

Cross-file checks (unique ids and names, known skills and next roles, no cycles in the
growth track, low <= high) run on whatever parts are well formed, so ``data validate``
shows every problem at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, TypeGuard, TypeVar

from csadvisor.core.lookup import normalize
from csadvisor.core.models import DEFAULT_RATER, Catalog, Location
from csadvisor.errors import DataError, Problem
from csadvisor.storage.problems import Parsed, line_of

if TYPE_CHECKING:  # imported when answers are read: a warm start checks the cache only
    from csadvisor.core.advisor import Answers
    from csadvisor.core.lookup import SkillIndex
    from csadvisor.storage.problems import Checker
    from csadvisor.storage.schema import Document

T = TypeVar("T")


def problems_of(
    label: str, parsed: Parsed, raw: list[tuple[str, str]], more: int = 0
) -> list[Problem]:
    """The problems with their lines, and one line saying the checking stopped (``more``)."""
    found = [Problem(label, line_of(parsed.lines, path), path, msg) for path, msg in raw]
    if more:
        message = f"more problems after these {len(raw)}: checking stopped there"
        found.append(Problem(label, None, "", message))
    return found


def validate(
    roles: Parsed, skills: Parsed, roles_label: str, skills_label: str
) -> tuple[Document, Document]:
    """Check both files against the schema and each other; raise DataError with all problems."""
    from csadvisor.storage.problems import INVALID, Checker
    from csadvisor.storage.specs import ROLES_FILE as ROLES_SPEC
    from csadvisor.storage.specs import SKILLS_FILE as SKILLS_SPEC

    rc, sc = Checker(), Checker()
    roles_doc = ROLES_SPEC.check(roles.value, "", rc)
    skills_doc = SKILLS_SPEC.check(skills.value, "", sc)

    # Cross-checks run on whatever parts are well formed, so all problems show at once.
    role_items = _items(roles.value, "roles")
    skill_items = _items(skills.value, "skills")
    role_ids = _unique_ids(role_items, "roles", rc)
    skill_ids = _unique_ids(skill_items, "skills", sc)
    _unique_names(role_items, rc)
    for i, role in role_items:
        pay = role.get("pay")
        if isinstance(pay, dict):
            low, high = pay.get("low"), pay.get("high")
            if _is_num(low) and _is_num(high) and low > high:
                rc.fail(
                    f"roles[{i}].pay.low",
                    f"low ({_figure(low)}) is greater than high ({_figure(high)})",
                )
        nexts = role.get("next")
        if isinstance(nexts, list):
            for j, target in enumerate(nexts):
                if not isinstance(target, str):
                    continue
                if target == role.get("id"):
                    rc.fail(f"roles[{i}].next[{j}]", "a role cannot grow into itself")
                elif target not in role_ids:
                    rc.fail(f"roles[{i}].next[{j}]", f"unknown role {_q(target)}")
        if ("soc" in role) != ("occupation" in role):
            given, missing = ("soc", "occupation") if "soc" in role else ("occupation", "soc")
            rc.fail(f"roles[{i}].{given}", f"{given} needs {missing} too (the official title)")
        req = role.get("skills")
        if isinstance(req, dict) and skill_ids:
            for skill_id in req:
                if isinstance(skill_id, str) and skill_id not in skill_ids:
                    rc.fail(f"roles[{i}].skills.{skill_id}", f"unknown skill {_q(skill_id)}")
    cycle = _find_cycle(role_items, role_ids)
    if cycle:
        i = role_ids[cycle[0]]
        rc.fail(f"roles[{i}].next", "the growth track has a cycle: " + " -> ".join(cycle))
    problems = problems_of(roles_label, roles, rc.problems, rc.more) + problems_of(
        skills_label, skills, sc.problems, sc.more
    )
    if problems or roles_doc is INVALID or skills_doc is INVALID:
        raise DataError(problems)
    return roles_doc, skills_doc


def _q(text: str) -> str:
    from csadvisor.errors import escape_control

    return "'" + escape_control(text) + "'"


def _figure(v: float) -> str:
    """A number for a message; one too large for a float is shortened, not a crash."""
    from csadvisor.storage.problems import describe

    try:
        return f"{v:g}"
    except (OverflowError, ValueError):
        return describe(v)


def _is_num(v: object) -> TypeGuard[int | float]:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _items(doc: object, key: str) -> list[tuple[int, dict[str, object]]]:
    if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
        return []
    return [(i, item) for i, item in enumerate(doc[key]) if isinstance(item, dict)]


def _unique_ids(
    items: list[tuple[int, dict[str, object]]], kind: str, c: Checker
) -> dict[str, int]:
    ids: dict[str, int] = {}
    for i, item in items:
        ident = item.get("id")
        if not isinstance(ident, str):
            continue
        if ident in ids:
            c.fail(
                f"{kind}[{i}].id", f"duplicate id {_q(ident)} (first used at {kind}[{ids[ident]}])"
            )
        else:
            ids[ident] = i
    return ids


def _unique_names(items: list[tuple[int, dict[str, object]]], c: Checker) -> None:
    """Ids, titles and aliases must name one role each, or lookups would be ambiguous."""
    owner: dict[str, int] = {}
    ids_seen: set[str] = set()
    for i, role in items:
        # An id that repeats another role's id is reported as a duplicate id, not here.
        names = [("title", role.get("title"))]
        ident = role.get("id")
        if isinstance(ident, str):  # an id of another type (a list) is the schema's problem
            if ident not in ids_seen:
                names.insert(0, ("id", ident))
            ids_seen.add(ident)
        aliases = role.get("aliases")
        if isinstance(aliases, list):
            names += [(f"aliases[{j}]", a) for j, a in enumerate(aliases)]
        mine: set[str] = set()
        for field, name in names:
            if not isinstance(name, str):
                continue
            key = normalize(name)
            if key in owner and owner[key] != i:
                c.fail(
                    f"roles[{i}].{field}",
                    f"{_q(name)} already names roles[{owner[key]}]; names must be unique",
                )
            elif key in mine and field.startswith("aliases"):
                c.fail(f"roles[{i}].{field}", f"{_q(name)} repeats a name of this role")
            owner.setdefault(key, i)
            mine.add(key)


def _find_cycle(items: list[tuple[int, dict[str, object]]], ids: dict[str, int]) -> list[str]:
    graph: dict[str, list[str]] = {}
    for _, role in items:
        rid = role.get("id")
        nexts = role.get("next")
        if isinstance(rid, str) and isinstance(nexts, list):
            graph[rid] = [n for n in nexts if isinstance(n, str) and n in ids and n != rid]
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    for start in graph:
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph.get(start, ())))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif state.get(child) == 1:
                return [*path[path.index(child) :], child]
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph.get(child, ()))))
    return []


def locations(parsed: Parsed, label: str) -> dict[str, Location]:
    """Checked locations by normalized name; a name given twice is a problem."""
    from csadvisor.storage.problems import INVALID, Checker
    from csadvisor.storage.specs import LOCATIONS_FILE as SPEC

    checker = Checker()
    doc = SPEC.check(parsed.value, "", checker)
    problems = problems_of(label, parsed, checker.problems, checker.more)
    out: dict[str, Location] = {}
    if doc is not INVALID:
        for i, item in enumerate(doc["locations"]):
            key = normalize(item["name"])
            if key in out:
                problems.append(
                    Problem(
                        label,
                        line_of(parsed.lines, f"locations[{i}].name"),
                        f"locations[{i}].name",
                        f"duplicate location {_q(item['name'])}",
                    )
                )
            out[key] = Location(item["name"], item["factor"], item["source"], item["year"])
    if problems:
        raise DataError(problems)
    return out


def answers(parsed: Parsed, label: str, catalog: Catalog, missing: int | None = None) -> Answers:
    """Check answers against the catalogue: every skill rated 1-5, no unknown skills
    (in ``skills`` or ``evidence``); ``name``, ``rater`` and ``evidence`` are carried along.

    Skills left out are an error listing them, unless ``missing`` gives them a level.
    An unknown role is a NotFoundError (exit 1), the rest DataError (exit 3).
    """
    from csadvisor.core.lookup import RoleIndex, SkillIndex
    from csadvisor.storage.problems import INVALID, Checker
    from csadvisor.storage.specs import ANSWERS_FILE

    checker = Checker()
    value, blank, said = _levels(parsed.value)
    doc = ANSWERS_FILE.check(value, "", checker)
    problems = [Problem(label, line_of(parsed.lines, p), p, m) for p, m in said]
    problems += [Problem(label, line_of(parsed.lines, p), p, m) for p, m in checker.problems]
    if blank and missing is None:
        problems += [
            Problem(
                label,
                line_of(parsed.lines, f"skills.{k}"),
                f"skills.{k}",
                "left blank (write a level 1-5, or pass --missing LEVEL)",
            )
            for k in blank
        ]
    ratings: dict[str, int] = {}
    evidence: dict[str, str] = {}
    if doc is not INVALID:
        index = SkillIndex(catalog)
        rated = _by_skill_id("skills", doc["skills"], index, parsed, label, problems)
        unread = blank + [where.split(".", 1)[1] for where, _ in said]
        blank_ids = {f.id for f in (index.find(k) for k in unread) if f is not None}
        evidence = _by_skill_id("evidence", doc.get("evidence", {}), index, parsed, label, problems)
        left_out = [s.id for s in catalog.skills if s.id not in rated and s.id not in blank_ids]
        if left_out and missing is None:
            problems.append(
                Problem(
                    label,
                    line_of(parsed.lines, "skills"),
                    "skills",
                    f"{len(left_out)} skill(s) not rated: {', '.join(left_out)} "
                    "(rate them, or pass --missing LEVEL)",
                )
            )
        ratings = {s.id: rated.get(s.id, missing or 0) for s in catalog.skills}
        for k in blank:
            found = index.find(k)
            if found is not None and missing is not None:
                ratings[found.id] = missing
    elif isinstance(value, dict) and isinstance(value.get("skills"), dict):
        reported = {where for where, _ in checker.problems}
        keys = {
            k: v
            for k, v in value["skills"].items()
            if isinstance(k, str) and f"skills.{k}" not in reported
        }
        _by_skill_id("skills", keys, SkillIndex(catalog), parsed, label, problems)
    if problems:
        problems.sort(key=lambda p: (p.line is None, p.line or 0))
        raise DataError(problems, every=True)
    role_id = None
    if doc.get("role"):
        role_id = RoleIndex(catalog).get(doc["role"]).id
    from csadvisor.core.advisor import Answers

    return Answers(role_id, ratings, doc.get("name"), doc.get("rater", DEFAULT_RATER), evidence)


def _levels(value: object) -> tuple[object, list[str], list[tuple[str, str]]]:
    """An answers document with forgiving levels: ``3``, ``"3"``, ``"3 Skilled"`` and
    ``"skilled"`` are level 3. Returns the document with levels as numbers, the skills
    left blank (taken out: ``--missing`` fills them), and the levels it cannot read."""
    from csadvisor.core.models import LEVEL_LABELS

    if not isinstance(value, dict) or not isinstance(value.get("skills"), dict):
        return value, [], []
    names = {n.casefold(): i for i, n in enumerate(LEVEL_LABELS, 1)}
    skills: dict[object, object] = {}
    blank: list[str] = []
    said: list[tuple[str, str]] = []
    for key, level in value["skills"].items():
        if level is None or (isinstance(level, str) and not level.strip()):
            blank.append(str(key))
            continue
        if isinstance(level, str):
            words = level.split()
            number = int(words[0]) if words[0] in ("1", "2", "3", "4", "5") else None
            named = names.get(words[-1].casefold())
            if (
                len(words) <= 2
                and (number or named)
                and (number is None or named is None or number == named)
                and (len(words) == 1 or (number and named))
            ):
                skills[key] = number or named
                continue
            said.append(
                (
                    f"skills.{key}",
                    f"expected a whole number, got '{_short(level)}' (a level: 1-5, or one "
                    "of " + ", ".join(f"{i} {n}" for i, n in enumerate(LEVEL_LABELS, 1)) + ")",
                )
            )
            continue
        skills[key] = level
    return {**value, "skills": skills}, blank, said


def _short(text: str) -> str:
    from csadvisor.errors import escape_control

    return escape_control(text[:40])


def _by_skill_id(
    section: str,
    typed_keys: Mapping[str, T],
    index: SkillIndex,
    parsed: Parsed,
    label: str,
    problems: list[Problem],
) -> dict[str, T]:
    """A mapping keyed by skill names or ids, in any case, re-keyed by skill id; unknown
    and repeated skills are problems (with "did you mean" where a name is close)."""
    out: dict[str, T] = {}
    for typed, value in typed_keys.items():
        found = index.find(typed)
        where = f"{section}.{typed}"
        if found is None:
            near = index.suggest(typed)
            hint = (
                "did you mean " + " or ".join(_q(n) for n in near) + "?"
                if near
                else "run 'csadvisor skills' to list them"
            )
            message = f"unknown skill {_q(typed)}; {hint}"
        elif found.id in out:
            verb = "rates" if section == "skills" else "names"
            message = f"{_q(typed)} {verb} {found.id} a second time"
        else:
            out[found.id] = value
            continue
        problems.append(Problem(label, line_of(parsed.lines, where), where, message))
    return out
