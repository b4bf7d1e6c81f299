"""Find, load and validate the career data.

No PyYAML constructor ever builds an object from a data file. Two paths, both on libyaml
(the C parser) where available:

- quick: plain values straight from the parser's events, for files that are valid and
  ordinary; it gives up at the first tag, anchor, alias, merge key or odd key;
- careful: the composed node tree, walked by our own code, which refuses tags, anchors,
  aliases and deep nesting and keeps the line of every field for error messages. It runs
  whenever the quick path gives up or validation finds a problem.

A validated catalogue is cached (plain values, in the built-in ``marshal`` format) keyed by
the data files' paths, sizes and mtimes, so that commands such as ``pay`` start without
importing PyYAML at all.
"""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from csadvisor import __version__
from csadvisor.errors import DataError, Problem
from csadvisor.models import Catalog, PayRange, Role, Skill

ROLES_FILE = "roles.yaml"
SKILLS_FILE = "skills.yaml"
LOCATIONS_FILE = "locations.yaml"
MAX_FILE_BYTES = 16 * 1024 * 1024
"""Data and answers files larger than this are refused before parsing (16 MiB)."""
CACHE_FORMAT = 1


class DataSource:
    """Which data directory is in use, and why."""

    __slots__ = ("directory", "reason")

    def __init__(self, directory: Path, reason: str) -> None:
        self.directory = directory
        self.reason = reason  # "option", "environment" or "bundled"

    @property
    def bundled(self) -> bool:
        return self.reason == "bundled"

    def file(self, name: str) -> Path:
        return self.directory / name

    def label(self, name: str) -> str:
        """How a file is named in messages: bare for bundled data, as given otherwise."""
        return name if self.bundled else str(self.directory / name)


def bundled_dir() -> Path:
    """The data shipped with the package (wheel), or the repository's ``data/`` (editable)."""
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    if (packaged / ROLES_FILE).is_file():
        return packaged
    return here.parent.parent / "data"


def resolve_source(option: str | Path | None = None) -> DataSource:
    if option is not None and str(option) != "":
        return DataSource(Path(option), "option")
    env = os.environ.get("CSADVISOR_DATA_DIR")
    if env:
        return DataSource(Path(env), "environment")
    return DataSource(bundled_dir(), "bundled")


# --------------------------------------------------------------------------- reading


def read_text(path: Path, label: str) -> str:
    """Read a UTF-8 text file within the size limit, or raise a one-problem DataError."""

    def fail(message: str) -> DataError:
        return DataError([Problem(label, None, "", message)])

    try:
        if path.is_dir():
            raise fail("is a directory, expected a YAML file")
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise fail("file not found") from None
    except PermissionError:
        raise fail("permission denied; cannot read the file") from None
    except OSError as exc:
        raise fail(f"cannot read the file ({exc.strerror or exc})") from None
    return decode(raw, label)


def decode(raw: bytes, label: str) -> str:
    """Bytes read (at most MAX_FILE_BYTES + 1 of them) as UTF-8 text, BOM dropped."""
    if len(raw) > MAX_FILE_BYTES:
        raise DataError(
            [Problem(label, None, "", f"larger than the {MAX_FILE_BYTES // 1048576} MiB limit")]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            [Problem(label, line, "", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})")]
        ) from None
    if not text.strip():
        raise DataError([Problem(label, None, "", "file is empty")])
    return text


# --------------------------------------------------------------------------- YAML


class Parsed:
    """Plain values from a file, with the line of every field path."""

    __slots__ = ("lines", "value")

    def __init__(self, value: Any, lines: dict[str, int] | None) -> None:
        self.value = value
        self.lines = lines  # None: not recorded (the quick path)


def parse_yaml(text: str, label: str, *, with_lines: bool = True) -> Parsed:
    """Parse one YAML document into plain values, refusing tags, aliases and merges.

    ``with_lines=False`` skips recording the line of every field (a third of the cost of
    a large file); anything unusual still goes through the careful walker.
    """
    import yaml

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if not with_lines:
        try:
            return Parsed(_quick_values(text, yaml, loader_cls), None)
        except (_Unusual, yaml.YAMLError):
            pass  # the careful path says what and where
    try:
        _check_depth(text, label, yaml, loader_cls)
        node = yaml.compose(text, Loader=loader_cls)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        raise DataError([Problem(label, line, "", f"invalid YAML: {what}")]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(label, None, "", f"invalid YAML: {exc}")]) from None
    if node is None:
        raise DataError([Problem(label, None, "", "file is empty")])
    maybe_anchors = "&" in text or "*" in text  # only then can there be anchors or aliases
    walker = _NodeWalker(label, yaml)
    if maybe_anchors:
        walker.find_anchors(text, loader_cls)
    value = walker.walk(node, "")
    if walker.problems:
        raise DataError(walker.problems)
    return Parsed(value, walker.lines)


MAX_DEPTH = 64
"""Data nested deeper than this is refused (the real files need 4 levels)."""


def _check_depth(text: str, label: str, yaml: Any, loader_cls: Any) -> None:
    """Refuse deep nesting before composing: libyaml's composer recurses in C.

    Nesting is bounded by the number of opening brackets (flow style) and by the
    length of the longest line (block style), so most files need no event scan at all.
    """
    import re

    if text.count("[") + text.count("{") <= 2000 and not re.search(r"[^\n]{1000}", text):
        return
    depth = 0
    for event in yaml.parse(text, Loader=loader_cls):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + 1
                message = f"nested more than {MAX_DEPTH} levels deep"
                raise DataError([Problem(label, line, "", message)])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


PARALLEL_MIN_BYTES = 2 * 1024 * 1024
"""Roles files at least this large are parsed in two halves at once, on two cores."""


def _parse_roles_quickly(text: str, label: str) -> Parsed:
    """The quick parse of roles.yaml; a large file is split between two processes.

    The split falls between two items of the top-level ``roles:`` list. Each half is
    parsed on its own; if anything about either half is unusual, the whole file is
    parsed in one piece instead, so splitting can never change what a file means.
    """
    import os

    if len(text) >= PARALLEL_MIN_BYTES and hasattr(os, "fork") and (os.cpu_count() or 1) > 1:
        halves = _split_roles(text)
        if halves is not None:
            try:
                return Parsed(_parse_halves(*halves), None)
            except (_Unusual, OSError, ValueError, EOFError, TypeError):
                pass
    return parse_yaml(text, label, with_lines=False)


def _split_roles(text: str) -> tuple[str, str] | None:
    """Two texts, each ``roles:`` and half of the items; None if the file is not plain."""
    import re

    if re.search(r"^(?:---|\.\.\.|%)", text, re.M) or "&" in text or "*" in text:
        return None  # documents, directives, anchors: keep it whole
    head = re.search(r"^roles:[ \t]*\n(?:[ \t]*(?:#.*)?\n)*( *)- ", text, re.M)
    if head is None:
        return None
    item = re.compile(rf"^{head.group(1)}- ", re.M)
    middle = item.search(text, len(text) // 2)
    if middle is None or middle.start() <= head.end():
        return None
    return text[: middle.start()], "roles:\n" + text[middle.start() :]


def _parse_halves(first: str, second: str) -> dict[str, Any]:
    """Parse ``second`` in a forked child while this process parses ``first``."""
    import marshal
    import os

    import yaml

    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: parse, send the plain values back, leave at once
        status = 1
        try:
            os.close(read_end)
            try:
                payload = marshal.dumps(_quick_values(second, yaml, loader_cls))
            except Exception:  # any doubt at all: the parent parses the file whole
                payload = b""
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as inp:
            try:
                mine = _quick_values(first, yaml, loader_cls)
            except yaml.YAMLError as exc:
                raise _Unusual from exc
            payload = inp.read()
    finally:
        os.waitpid(pid, 0)
    if not payload:
        raise _Unusual
    theirs = marshal.loads(payload)
    if (
        not isinstance(mine, dict)
        or not isinstance(mine.get("roles"), list)
        or not isinstance(theirs, dict)
        or list(theirs) != ["roles"]
        or not isinstance(theirs["roles"], list)
    ):
        raise _Unusual
    mine["roles"] = mine["roles"] + theirs["roles"]
    return mine


class _Unusual(Exception):
    """Something the quick conversion does not handle; the careful walker will."""


_NO_KEY: Any = object()


def _quick_values(text: str, yaml: Any, loader_cls: Any) -> Any:
    """Plain values straight from libyaml's events: no nodes, no paths, no lines.

    This is the fast path for valid files. It stops (``_Unusual``) at anything it does
    not handle the ordinary way: tags, anchors, aliases, merge keys, duplicate or
    non-text keys, several documents, deep nesting. The careful path then explains.
    """
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    resolver = yaml.resolver.Resolver()
    # Plain scalars starting with any other character are always text.
    special = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)
    stack: list[Any] = []  # open containers
    keys: list[Any] = []  # for each open container, the key waiting for its value
    root = _NO_KEY
    documents = 0
    parser = loader_cls(text)
    next_event = parser.get_event  # straight from the parser: yaml.parse adds a generator
    stream_end = yaml.StreamEndEvent
    try:
        while True:
            event = next_event()
            kind = type(event)
            value: Any
            if kind is scalar_event:
                if event.anchor is not None or event.tag is not None:
                    raise _Unusual
                value = event.value
                if not event.style and (not value or value[0] in special):
                    if value.isdigit() and value.isascii() and value[0] != "0":
                        value = int(value)  # the common case, without the resolver
                    else:
                        value = _resolve_plain(value, resolver, yaml)
            elif kind is map_start or kind is seq_start:
                if event.anchor is not None or event.tag is not None or len(stack) >= MAX_DEPTH:
                    raise _Unusual
                stack.append({} if kind is map_start else [])
                keys.append(_NO_KEY)
                continue
            elif kind is map_end or kind is seq_end:
                value = stack.pop()
                keys.pop()
            elif kind is alias_event:
                raise _Unusual
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unusual
                continue
            elif event is None or kind is stream_end:
                break
            else:
                continue
            if not stack:
                root = value
                continue
            container = stack[-1]
            if type(container) is list:
                container.append(value)
            elif keys[-1] is _NO_KEY:
                if type(value) is not str:
                    raise _Unusual
                keys[-1] = value
            else:
                if keys[-1] in container:
                    raise _Unusual
                container[keys[-1]] = value
                keys[-1] = _NO_KEY
    finally:
        parser.dispose()
    if root is _NO_KEY:
        raise _Unusual
    return root


_CONSTRUCTOR: Any = None


def _resolve_plain(value: str, resolver: Any, yaml: Any) -> Any:
    """A plain scalar the YAML 1.1 way: int, float, bool, null or text."""
    if value.isdigit() and value.isascii() and value[0] != "0":
        return int(value)  # the common case; 0, 0755 (octal), 0x.., 1_000, 1:30 go the long way
    tag = resolver.resolve(yaml.ScalarNode, value, (True, False))
    if tag == _STR_TAG:
        return value
    if tag not in _SCALAR_TAGS:
        raise _Unusual  # merge keys, timestamps, '=' values
    global _CONSTRUCTOR
    if _CONSTRUCTOR is None:
        _CONSTRUCTOR = yaml.constructor.SafeConstructor()
    try:
        return _CONSTRUCTOR.construct_object(yaml.ScalarNode(tag, value))
    except (ValueError, yaml.YAMLError) as exc:
        raise _Unusual from exc


_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


class _NodeWalker:
    def __init__(self, label: str, yaml: Any) -> None:
        self.label = label
        self.yaml = yaml
        self.constructor = yaml.constructor.SafeConstructor()
        self.lines: dict[str, int] = {}
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.anchors: set[tuple[int, int]] = set()
        self.aliases: list[int] = []  # lines of alias uses, in document order

    def find_anchors(self, text: str, loader_cls: Any) -> None:
        """Where anchors are set and aliases used (composed nodes do not say)."""
        yaml = self.yaml
        for event in yaml.parse(text, Loader=loader_cls):
            if isinstance(event, yaml.AliasEvent):
                self.aliases.append(event.start_mark.line + 1)
            elif getattr(event, "anchor", None):
                self.anchors.add((event.start_mark.line, event.start_mark.column))
        self.aliases.reverse()

    def fail(self, node: Any, path: str, message: str) -> None:
        self.problems.append(Problem(self.label, node.start_mark.line + 1, path, message))

    def walk(self, node: Any, path: str, depth: int = 0) -> Any:
        yaml = self.yaml
        if depth > MAX_DEPTH:
            self.fail(node, path, f"nested more than {MAX_DEPTH} levels deep")
            return None
        self.lines.setdefault(path, node.start_mark.line + 1)
        if id(node) in self.seen:  # an alias: the same node again
            line = self.aliases.pop() if self.aliases else node.start_mark.line + 1
            self.problems.append(
                Problem(self.label, line, path, "YAML anchors and aliases are not allowed")
            )
            return None
        self.seen.add(id(node))
        if (node.start_mark.line, node.start_mark.column) in self.anchors:
            self.fail(node, path, "YAML anchors and aliases are not allowed")
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                self.fail(node, path, f"YAML tag '{_tag(node.tag)}' is not allowed")
                return None
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.fail(key_node, path, "YAML merge keys ('<<') are not allowed")
                    continue
                key = self.walk(key_node, path)
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    self.fail(key_node, path, "mapping keys must be plain text")
                    continue
                sub = f"{path}.{key}" if path else str(key)
                if key in out:
                    self.fail(key_node, sub, "duplicate key")
                    continue
                self.lines[sub] = key_node.start_mark.line + 1
                out[key] = self.walk(value_node, sub, depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.fail(node, path, f"YAML tag '{_tag(node.tag)}' is not allowed")
                return None
            return [self.walk(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(node.value)]
        if node.tag not in _SCALAR_TAGS:
            self.fail(node, path, f"YAML tag '{_tag(node.tag)}' is not allowed")
            return None
        if node.tag == "tag:yaml.org,2002:str":
            return node.value
        try:
            return self.constructor.construct_object(node)
        except (ValueError, self.yaml.YAMLError):
            self.fail(node, path, f"cannot read value '{_tag(node.value)}'")
            return None


def _tag(tag: str) -> str:
    from csadvisor.errors import escape_control

    short = tag.replace("tag:yaml.org,2002:", "!!")
    return escape_control(short[:60])


# --------------------------------------------------------------------------- validation


def _problems(label: str, parsed: Parsed, raw: list[tuple[str, str]]) -> list[Problem]:
    return [Problem(label, line_of(parsed.lines, path), path, msg) for path, msg in raw]


def line_of(lines: dict[str, int] | None, path: str) -> int | None:
    """The line of ``path``, or of its nearest parent that has one."""
    if lines is None:
        return None
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""


def validate(
    roles: Parsed, skills: Parsed, roles_label: str, skills_label: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Check both files against the schema and each other; raise DataError with all problems."""
    from csadvisor.schema import INVALID, Checker
    from csadvisor.schema import ROLES_FILE as ROLES_SPEC
    from csadvisor.schema import SKILLS_FILE as SKILLS_SPEC

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
        if isinstance(role.get("pay"), dict):
            low, high = role["pay"].get("low"), role["pay"].get("high")
            if _is_num(low) and _is_num(high) and low > high:
                rc.fail(f"roles[{i}].pay.low", f"low ({low:g}) is greater than high ({high:g})")
        nexts = role.get("next")
        if isinstance(nexts, list):
            for j, target in enumerate(nexts):
                if not isinstance(target, str):
                    continue
                if target == role.get("id"):
                    rc.fail(f"roles[{i}].next[{j}]", "a role cannot grow into itself")
                elif target not in role_ids:
                    rc.fail(f"roles[{i}].next[{j}]", f"unknown role {_q(target)}")
        req = role.get("skills")
        if isinstance(req, dict) and skill_ids:
            for skill_id in req:
                if isinstance(skill_id, str) and skill_id not in skill_ids:
                    rc.fail(f"roles[{i}].skills.{skill_id}", f"unknown skill {_q(skill_id)}")
    cycle = _find_cycle(role_items, role_ids)
    if cycle:
        i = role_ids[cycle[0]]
        rc.fail(f"roles[{i}].next", "the growth track has a cycle: " + " -> ".join(cycle))
    problems = _problems(roles_label, roles, rc.problems) + _problems(
        skills_label, skills, sc.problems
    )
    if problems or roles_doc is INVALID or skills_doc is INVALID:
        raise DataError(problems)
    return roles_doc, skills_doc


def _q(text: str) -> str:
    from csadvisor.errors import escape_control

    return "'" + escape_control(text) + "'"


def _is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _items(doc: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
        return []
    return [(i, item) for i, item in enumerate(doc[key]) if isinstance(item, dict)]


def _unique_ids(items: list[tuple[int, dict[str, Any]]], kind: str, c: Any) -> dict[str, int]:
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


def _unique_names(items: list[tuple[int, dict[str, Any]]], c: Any) -> None:
    """Ids, titles and aliases must name one role each, or lookups would be ambiguous."""
    owner: dict[str, int] = {}
    ids_seen: set[str] = set()
    for i, role in items:
        # An id that repeats another role's id is reported as a duplicate id, not here.
        names = [("title", role.get("title"))]
        if role.get("id") not in ids_seen:
            names.insert(0, ("id", role.get("id")))
        if isinstance(role.get("id"), str):
            ids_seen.add(role["id"])
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


def _find_cycle(items: list[tuple[int, dict[str, Any]]], ids: dict[str, int]) -> list[str]:
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


def normalize(name: str) -> str:
    """How names are compared: case-insensitive, spaces folded."""
    return " ".join(name.casefold().split())


# --------------------------------------------------------------------------- building


def build(roles_doc: dict[str, Any], skills_doc: dict[str, Any]) -> Catalog:
    """Turn validated plain values into model objects."""
    roles = tuple(
        Role(
            id=r["id"],
            title=r["title"],
            level=r["level"],
            summary=r["summary"],
            responsibilities=tuple(r.get("responsibilities", ())),
            aliases=tuple(r.get("aliases", ())),
            next=tuple(r.get("next", ())),
            skills=dict(r.get("skills", {})),
            pay=PayRange(**r["pay"]) if r.get("pay") else None,
        )
        for r in roles_doc["roles"]
    )
    skills = tuple(
        Skill(
            id=s["id"],
            name=s["name"],
            category=s["category"],
            description=s["description"],
            levels=tuple(s["levels"]),
            growth=tuple(s.get("growth", ())),
        )
        for s in skills_doc["skills"]
    )
    return Catalog(roles, skills)


def load_documents(source: DataSource) -> tuple[dict[str, Any], dict[str, Any]]:
    """Read, parse and validate both files; every problem of both files is reported.

    Valid data (the usual case) is parsed once without line numbers; only when there is
    a problem are the files parsed again, recording lines, so every message has one.
    """
    import shlex

    where = "" if source.bundled else " " + shlex.quote(str(source.directory))
    try:
        return _load_documents(source)
    except DataError as exc:
        raise DataError(exc.problems, hint=f"run 'csadvisor data validate{where}'") from None


def _load_documents(source: DataSource) -> tuple[dict[str, Any], dict[str, Any]]:
    if not source.directory.is_dir():
        what = "is not a directory" if source.directory.exists() else "no such directory"
        raise DataError([Problem(str(source.directory), None, "", f"{what} (the data directory)")])
    labels = (source.label(ROLES_FILE), source.label(SKILLS_FILE))
    texts: list[str] = []
    problems: list[Problem] = []
    for name, label in zip((ROLES_FILE, SKILLS_FILE), labels, strict=True):
        try:
            texts.append(read_text(source.file(name), label))
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    with _collector_paused():
        try:
            quick = [
                _parse_roles_quickly(texts[0], labels[0]),
                parse_yaml(texts[1], labels[1], with_lines=False),
            ]
            return validate(quick[0], quick[1], *labels)
        except DataError:
            pass
        parsed: list[Parsed] = []
        for text, label in zip(texts, labels, strict=True):
            try:
                parsed.append(parse_yaml(text, label))
            except DataError as exc:
                problems.extend(exc.problems)
        if problems:
            raise DataError(problems) from None
        try:
            return validate(parsed[0], parsed[1], *labels)
        except DataError as exc:
            order = {label: i for i, label in enumerate(labels)}
            ranked = sorted(exc.problems, key=lambda p: (order.get(p.file, 2), p.line or 0))
            raise DataError(ranked) from None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Parsing a large file creates millions of objects and no cycles: without this the
    garbage collector scans them again and again, and time grows faster than the file."""
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load(source: DataSource | None = None, *, use_cache: bool = True) -> Catalog:
    """The validated catalogue for ``source`` (default: option, environment or bundled)."""
    source = source or resolve_source()
    key = _cache_key(source) if use_cache else None
    if key is not None:
        with _collector_paused():
            cached = _read_cache(key)
        if cached is not None:
            _keep(cached)
            return cached
    with _collector_paused():
        roles_doc, skills_doc = load_documents(source)
        catalog = build(roles_doc, skills_doc)
        if key is not None:
            _write_cache(key, roles_doc, skills_doc)
    _keep(catalog)
    return catalog


def _keep(catalog: Catalog) -> None:
    """The catalogue lives as long as the process: keep the collector from rescanning it."""
    import gc

    gc.freeze()


# --------------------------------------------------------------------------- cache


def cache_dir() -> Path | None:
    env = os.environ.get("CSADVISOR_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None  # empty: caching off
    base = os.environ.get("XDG_CACHE_HOME") or (
        os.environ.get("LOCALAPPDATA") if sys.platform == "win32" else None
    )
    return Path(base or Path.home() / ".cache") / "csadvisor"


class _CacheKey:
    __slots__ = ("path", "stamp")

    def __init__(self, path: Path, stamp: list[Any]) -> None:
        self.path = path
        self.stamp = stamp


def _cache_key(source: DataSource) -> _CacheKey | None:
    directory = cache_dir()
    if directory is None:
        return None
    stamp: list[Any] = [CACHE_FORMAT, __version__, sys.hexversion]
    for name in (ROLES_FILE, SKILLS_FILE):
        try:
            path = source.file(name).resolve()
            st = path.stat()
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python 3.11)
            return None
        stamp += [str(path), st.st_size, st.st_mtime_ns]
    import zlib

    roles_path = str(stamp[3])  # one cache file per data directory
    digest = zlib.crc32(roles_path.encode("utf-8", "surrogateescape"))
    return _CacheKey(directory / f"catalog-{digest:08x}.marshal", stamp)


def _read_cache(key: _CacheKey) -> Catalog | None:
    import marshal  # built in: no import cost, unlike json

    try:
        with key.path.open("rb") as fh:
            blob = marshal.loads(fh.read())  # much faster than marshal.load(fh)
        if not isinstance(blob, dict) or blob.get("stamp") != key.stamp:
            return None
        return build(blob["roles"], blob["skills"])
    except (OSError, ValueError, EOFError, KeyError, TypeError, AttributeError):
        return None  # a missing or damaged cache is simply rebuilt


def _write_cache(key: _CacheKey, roles_doc: dict[str, Any], skills_doc: dict[str, Any]) -> None:
    """Keep the validated documents (plain values only) for the next start."""
    import marshal

    from csadvisor.files import atomic_write_bytes

    blob = {"stamp": key.stamp, "roles": roles_doc, "skills": skills_doc}
    try:
        key.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(key.path, marshal.dumps(blob), durable=False)
    except (OSError, ValueError):
        pass  # the cache is an optimisation; a read-only home must not break a lookup


# --------------------------------------------------------------------------- locations


class Location:
    """A named place and its pay factor relative to the national figures."""

    __slots__ = ("factor", "name", "source", "year")

    def __init__(self, name: str, factor: float, source: str, year: int) -> None:
        self.name = name
        self.factor = factor
        self.source = source
        self.year = year


def load_locations(source: DataSource) -> dict[str, Location]:
    """Pay factors by location name (normalized), from the optional ``locations.yaml``."""
    from csadvisor.schema import INVALID, Checker
    from csadvisor.schema import LOCATIONS_FILE as SPEC

    path = source.file(LOCATIONS_FILE)
    label = source.label(LOCATIONS_FILE)
    if source.bundled and not path.exists():
        raise DataError(
            [
                Problem(
                    label,
                    None,
                    "",
                    "the bundled data ships no location factors (none are published); "
                    "use --data-dir DIR with your own locations.yaml, or --adjust FACTOR",
                )
            ]
        )
    parsed = parse_yaml(read_text(path, label), label)
    checker = Checker()
    doc = SPEC.check(parsed.value, "", checker)
    problems = _problems(label, parsed, checker.problems)
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


def check_directory(source: DataSource) -> list[Problem]:
    """Every problem in the data directory (roles, skills and locations if present)."""
    problems: list[Problem] = []
    try:
        load_documents(source)
    except DataError as exc:
        problems += exc.problems
    if source.file(LOCATIONS_FILE).exists():
        try:
            load_locations(source)
        except DataError as exc:
            problems += exc.problems
    return problems
