"""What a validation collects: problems with their field paths, and the marker for a bad value.

Shared by the spec types in ``schema`` and the checks that use them. :class:`Parsed` (the
values and the line of each path, as the YAML reader gives them) lives here too: a warm
start checks the cached values without importing the YAML reader.
"""

from enum import Enum
from typing import Final, TypeAlias

from csadvisor.errors import escape_control


class Invalid(Enum):
    """Marker for a value that failed validation (its problem is already recorded).

    One enum member, so that ``value is INVALID`` tells a type checker the rest is the
    checked value (``enum`` is imported at every start already, by ``re``)."""

    INVALID = 0


INVALID: Final = Invalid.INVALID

Json: TypeAlias = "dict[str, Json] | list[Json] | str | int | float | bool | None"
"""A plain value as the YAML reader or ``json`` gives it (unchecked: narrow it with
``isinstance`` or check it against a spec)."""

FieldPath: TypeAlias = "str | tuple[FieldPath, str | int]"
"""Where a value sits: built as (parent, key) pairs, spelt out by ``render_path``."""


def describe(value: object) -> str:
    """A short, safe rendering of a bad value for an error message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return "'" + escape_control(text) + "'"


MAX_PROBLEMS = 1000
"""Problems kept per file; past that the checking of lists and mappings stops (a file
of a million bad items costs a thousand messages, not a million)."""


class Checker:
    """Collects problems as ``(path, message)``; ``where`` maps a path to its line."""

    __slots__ = ("known_good", "more", "problems")

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []
        self.more = 0  # problems past MAX_PROBLEMS (the checking stops at the first)
        # Values repeat thousands of times in a large catalogue (skill ids, levels, "USD",
        # duties): each distinct one is checked once per spec (by the spec's id).
        self.known_good: dict[int, set[object]] = {}

    def good(self, spec: object) -> set[object]:
        """The values that passed ``spec`` unchanged so far (see ``schema.Spec``)."""
        found = self.known_good.get(id(spec))
        if found is None:
            found = self.known_good[id(spec)] = set()
        return found

    def fail(self, path: FieldPath, message: str) -> Invalid:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append((render_path(path), message))
        else:
            self.more += 1
        return INVALID


class _Raw(str):
    """A path part shown as it is, e.g. ``[1]`` for a mapping key that is not text."""


def render_path(path: FieldPath) -> str:
    """Paths are built as (parent, key) pairs and only spelt out for a problem:
    a large catalogue has hundreds of thousands of fields and few problems."""
    keys: list[str | int] = []
    while isinstance(path, tuple):
        path, key = path
        keys.append(key)
    text = str(path)
    for key in reversed(keys):
        if isinstance(key, int):
            text += f"[{key}]"
        elif isinstance(key, _Raw):
            text += key
        else:
            text = f"{text}.{key}" if text else str(key)
    return text


class Parsed:
    """Plain values from a file, with the line of every field path."""

    __slots__ = ("lines", "value")

    def __init__(self, value: object, lines: dict[str, int] | None) -> None:
        self.value = value
        self.lines = lines  # None: not recorded (values that came from no file)


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
