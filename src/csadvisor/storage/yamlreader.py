"""The one YAML reader: plain values from libyaml's events, never a PyYAML constructor.

Why one walker over events rather than ``yaml.safe_load``: safe_load builds whatever the
file asks within PyYAML's safe set (dates, sets, recursive structures) and recurses in C on
deep nesting; here a flat loop with its own stack keeps only text, whole and decimal numbers,
booleans, null, lists and mappings, and every limit is checked as the events arrive.

The walker records the line of every field path as it goes, so that each message reads
``file:line: path: message``. A caller that checks a large file may ask it not to
(``lines=False``: the same walk, the same values and problems, only no line table) and,
when its check finds problems, read the file again for the lines of those fields only
(``until``: the walk stops once it has passed them all; ``catalog``).

Anchors and aliases are allowed, as go-yaml and Kubernetes allow them: a file written by
``yaml.safe_dump`` of shared Python objects contains them. An alias re-uses the anchored
value (nothing is copied while reading) and counts as the size of that value. The budget
is relative to the document, as go-yaml's: aliases may make a small document up to a
hundred times larger, a large one only by a shrinking ratio (:func:`alias_ratio`), and no
document, aliases expanded, may hold more than ``MAX_VALUES`` values. So both an alias
bomb and a 16 MiB list of one-letter items stop after at most ``MAX_VALUES`` events, in
bounded time and memory. Merge keys (``<<``) stay refused: they make a mapping's keys
depend on another.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final, NoReturn

from csadvisor.errors import DataError, Problem, escape_control
from csadvisor.storage.problems import Parsed as Parsed
from csadvisor.storage.problems import line_of as line_of

if TYPE_CHECKING:
    from yaml.events import CollectionStartEvent, Event

MAX_DEPTH = 64
"""Data nested deeper than this is refused (the real files need 4 levels)."""
MAX_VALUES = 1_200_000
"""Values (scalars, lists, mappings; an alias counted at the size of what it names) one
document may hold: the reading stops at the first one past it. A valid catalogue at the
16 MiB size limit (20,000 roles) holds about 1,050,000; so no file the size limit allows
costs more than such a catalogue (README, Security; benchmarks/bench.py, ``bounded``)."""
ANSWERS_MAX_VALUES = 20_000
"""The same for an answers file (a real one holds a few hundred values)."""


def alias_ratio(values: int) -> float:
    """The share of a document's values aliases may supply, as go-yaml allows it: 0.99
    up to 400,000 values, falling linearly to 0.10 at 4,000,000."""
    if values <= 400_000:
        return 0.99
    if values >= 4_000_000:
        return 0.10
    return 0.99 - 0.89 * (values - 400_000) / 3_600_000


_YAML = "tag:yaml.org,2002:"
_STR_TAG, _MAP_TAG, _SEQ_TAG, _MERGE_TAG = (_YAML + t for t in ("str", "map", "seq", "merge"))
_SCALAR_TAGS = frozenset(_YAML + t for t in ("str", "int", "float", "bool", "null"))
_NO_KEY: Final = object()
_BAD: Final = object()  # the value of something refused: dropped when it is placed


class TooLarge(DataError):
    """A document past the value limit (reported at once, where it passed the limit)."""


class _Done(Exception):
    """Every path asked for (``lines_until``) has its line: the rest is not read."""


class _Stop(Exception):
    """A problem that ends the reading at once, reported alone: too deep, too many values
    by alias, an undefined alias, a second document."""


def parse_yaml(
    text: str, label: str, *, max_values: int = MAX_VALUES, lines: bool = True
) -> Parsed:
    """One YAML document as plain values, or DataError naming file, line and field.

    A document of more than ``max_values`` values is refused where it passes the limit.
    ``lines=False``: the line of each field is not recorded (``Parsed.lines`` is None);
    the reader's own problems still name theirs.
    """
    import yaml

    return _Walker(yaml, label, max_values, lines).run(text)


def lines_until(text: str, label: str, paths: set[str]) -> dict[str, int]:
    """The line table of a document read before (its values are not kept), read only as
    far as needed to record every one of ``paths`` (all of it if one never comes)."""
    import yaml

    walker = _Walker(yaml, label)
    walker.until = set(paths)
    try:
        walker.run(text)
    except _Done:
        pass
    return walker.lines or {}


def _tag_text(tag: str) -> str:
    return escape_control(tag.replace(_YAML, "!!")[:60])


class _Walker:
    """One pass over a document's events; its own stack, so no depth can exhaust Python's."""

    def __init__(
        self, yaml: ModuleType, label: str, max_values: int = MAX_VALUES, lines: bool = True
    ) -> None:
        self.yaml = yaml
        self.max_values = max_values
        self.label = label
        self.lines: dict[str, int] | None = {} if lines else None
        self.until: set[str] | None = None  # lines_until: the paths still to be passed
        self.problems: list[Problem] = []
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()
        # Plain scalars starting with any other character are always text.
        self.special = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)

    def fail(self, line: int, path: str, message: str) -> None:
        self.problems.append(Problem(self.label, line, path, message))

    def run(self, text: str) -> Parsed:
        yaml = self.yaml
        parser_cls = getattr(yaml, "CBaseLoader", None) or yaml.BaseLoader  # libyaml if built
        parser = parser_cls(text)
        try:
            value = self._walk(parser.get_event)
        except _Stop:
            raise DataError(self.problems[-1:]) from None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            what = exc.problem or exc.context or "invalid YAML"
            raise DataError([Problem(self.label, line, "", f"invalid YAML: {what}")]) from None
        except yaml.YAMLError as exc:
            raise DataError([Problem(self.label, None, "", f"invalid YAML: {exc}")]) from None
        finally:
            dispose = getattr(parser, "dispose", None)  # also after _Done
            if dispose is not None:
                dispose()
        if value is _NO_KEY:
            raise DataError([Problem(self.label, None, "", "file is empty")])
        if self.problems:
            raise DataError(self.problems)
        return Parsed(value, self.lines)

    def _walk(self, next_event: Callable[[], Event | None]) -> object:
        yaml = self.yaml
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        doc_start, stream_end = yaml.DocumentStartEvent, yaml.StreamEndEvent
        special = self.special
        lines = self.lines
        max_values = self.max_values
        # One entry per open container:
        # [container, key waiting, path, anchor, size, tag ok, its line]
        stack: list[list[Any]] = []
        anchors: dict[str, tuple[object, int]] = {}
        plain: dict[str, object] = {}  # plain scalars already resolved (all immutable)
        produced = 0  # values made so far, an alias counted at the size of what it names
        expanded = 0  # values added by aliases
        root: object = _NO_KEY
        documents = 0
        while True:
            # Told apart by type() (quicker than isinstance), which no type checker follows.
            event: Any = next_event()
            kind = type(event)
            value: Any
            anchor = None
            if kind is scalar_event:
                produced += 1
                if produced > max_values:
                    self._too_many(event)
                anchor = event.anchor
                tag = event.tag
                value = event.value
                if lines is None:
                    pass
                elif not stack:
                    lines.setdefault("", event.start_mark.line + 1)
                    self._passed("")
                elif type(stack[-1][0]) is list:  # a key records its own line
                    line = event.start_mark.line + 1
                    if line != stack[-1][6]:  # on the list's line, line_of finds the list's
                        here = self._path_here(stack)
                        lines.setdefault(here, line)
                        self._passed(here)
                if tag is None or tag == "!":
                    if event.implicit[0] and (not value or value[0] in special):
                        if (
                            value.isdigit()
                            and value.isascii()
                            and value[0] != "0"
                            and len(value) < 19  # longer ones: the checked path below
                        ):
                            value = int(value)  # the common case, without the resolver
                        elif value in plain:
                            value = plain[value]  # the same word again ("no", "USD", "1.5")
                        else:
                            text = value
                            value = self._scalar(self._resolve(text), text, event, stack)
                            if value is not _BAD:
                                plain[text] = value
                else:
                    value = self._scalar(tag, value, event, stack)
            elif kind is map_start or kind is seq_start:
                if stack and stack[-1][1] is _NO_KEY and type(stack[-1][0]) is dict:
                    self._skip_key(event, next_event, stack)
                    stack[-1][1] = _BAD
                    continue
                here = self._path_here(stack)
                if len(stack) >= MAX_DEPTH:
                    self.fail(self._line(event), here, f"nested more than {MAX_DEPTH} levels deep")
                    raise _Stop
                tag = event.tag
                ok = tag in (None, "!", _MAP_TAG if kind is map_start else _SEQ_TAG)
                if not ok:
                    self.fail(
                        self._line(event), here, f"YAML tag '{_tag_text(tag)}' is not allowed"
                    )
                line = 0  # as line_of will find it:
                if lines is not None:
                    line = lines.setdefault(here, self._line(event))
                    self._passed(here)
                container: Any = {} if kind is map_start else []
                stack.append([container, _NO_KEY, here, event.anchor, produced, ok, line])
                produced += 1
                if produced > max_values:
                    self._too_many(event)
                continue
            elif kind is map_end or kind is seq_end:
                value, _key, _path, anchor, start, ok, _line = stack.pop()
                if not ok:
                    value = _BAD
                if anchor is not None:
                    anchors[anchor] = (value, produced - start)
                    anchor = None
            elif kind is alias_event:
                found = anchors.get(event.anchor)
                if found is None:  # also an alias inside the value it names: no cycles
                    name = escape_control(str(event.anchor))[:60]
                    self._stop(event, "", f"invalid YAML: found undefined alias '{name}'")
                value, size = found
                produced += size
                expanded += size
                if produced > max_values:
                    self._too_many(event)
                if (
                    expanded > 100
                    and produced > 1000
                    and expanded > alias_ratio(produced) * produced
                ):
                    self._stop(
                        event,
                        self._path_here(stack),
                        f"YAML aliases make {expanded} of its {produced} values so far, more"
                        f" than the {alias_ratio(produced):.0%} allowed (an alias bomb?)",
                    )
                if lines is not None:
                    here = self._path_here(stack)
                    lines.setdefault(here, self._line(event))
                    self._passed(here)
            elif kind is doc_start:
                documents += 1
                if documents > 1:
                    self._stop(event, "", "invalid YAML: expected a single document, found another")
                continue
            elif event is None or kind is stream_end:
                return root
            else:
                continue
            if anchor is not None:  # an anchored scalar
                anchors[anchor] = (value, 1)
            if not stack:
                root = None if value is _BAD else value
                continue
            top = stack[-1]
            container = top[0]
            if type(container) is list:
                container.append(None if value is _BAD else value)
                continue
            key = top[1]
            if key is not _NO_KEY:  # the value of a key
                if key is not _BAD:
                    container[key] = None if value is _BAD else value
                top[1] = _NO_KEY
                continue
            if value is _BAD:
                top[1] = _BAD
            elif value is None or not isinstance(value, (str, int, float, bool)):
                self.fail(self._line(event), top[2], "mapping keys must be plain text")
                top[1] = _BAD
            elif value in container:
                sub = f"{top[2]}.{value}" if top[2] else str(value)
                self.fail(self._line(event), sub, "duplicate key")
                top[1] = _BAD
            else:
                if lines is not None:
                    sub = f"{top[2]}.{value}" if top[2] else str(value)
                    lines[sub] = self._line(event)
                    self._passed(sub)
                top[1] = value

    def _passed(self, path: str) -> None:
        """``path`` has its line: with ``until``, stop once every path asked for has."""
        until = self.until
        if until is not None and path in until:
            until.discard(path)
            if not until:
                raise _Done

    def _stop(self, event: Event, path: str, message: str) -> NoReturn:
        """A problem that ends the reading at once, reported alone, with its field path."""
        self.problems = [Problem(self.label, self._line(event), path, message)]
        raise _Stop

    def _too_many(self, event: Event) -> NoReturn:
        """Past the value limit: reported at once, with its line (the rest is not read)."""
        message = (
            f"more than {self.max_values:,} values (aliases counted as what they repeat), "
            "the limit for this file"
        )
        raise TooLarge([Problem(self.label, self._line(event), "", message)])

    def _line(self, event: Event) -> int:
        mark = event.start_mark  # the parser's events all have one
        return 0 if mark is None else mark.line + 1

    def _resolve(self, value: str) -> str:
        return str(self.resolver.resolve(self.yaml.ScalarNode, value, (True, False)))

    def _scalar(self, tag: str, value: str, event: Event, stack: list[list[Any]]) -> object:
        """A scalar whose tag was written or resolved: only the plain kinds are kept."""
        if tag == _STR_TAG:
            return value
        path = self._path_here(stack)
        if tag == _MERGE_TAG:
            self.fail(self._line(event), path, "YAML merge keys ('<<') are not allowed")
            return _BAD
        if tag not in _SCALAR_TAGS:
            self.fail(self._line(event), path, f"YAML tag '{_tag_text(tag)}' is not allowed")
            return _BAD
        c = self.constructor
        make = {
            _YAML + "int": c.construct_yaml_int,
            _YAML + "float": c.construct_yaml_float,
            _YAML + "bool": c.construct_yaml_bool,
            _YAML + "null": c.construct_yaml_null,
        }[tag]
        try:
            return make(self.yaml.ScalarNode(tag, value))
        except (ValueError, KeyError, self.yaml.YAMLError):
            self.fail(self._line(event), path, f"cannot read value '{_tag_text(value)}'")
            return _BAD

    def _path_here(self, stack: list[list[Any]]) -> str:
        """The field path of the value being read."""
        if not stack:
            return ""
        container, key, path = stack[-1][0], stack[-1][1], stack[-1][2]
        if type(container) is list:
            return f"{path}[{len(container)}]"
        if key is _NO_KEY or key is _BAD:
            return str(path)
        return f"{path}.{key}" if path else str(key)

    def _skip_key(
        self,
        event: CollectionStartEvent,
        next_event: Callable[[], Event | None],
        stack: list[list[Any]],
    ) -> None:
        """A list or mapping used as a mapping key: refused, its events skipped unread."""
        tag = event.tag
        path = stack[-1][2]
        if tag is not None and tag not in ("!", _MAP_TAG, _SEQ_TAG):
            self.fail(self._line(event), path, f"YAML tag '{_tag_text(tag)}' is not allowed")
        else:
            self.fail(self._line(event), path, "mapping keys must be plain text")
        yaml = self.yaml
        starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        depth = 1
        while depth:
            inner = next_event()
            if isinstance(inner, starts):
                depth += 1
            elif isinstance(inner, ends):
                depth -= 1
