"""Declarative schema of the data files: one description drives validation (here) and the
JSON Schema ``data schema`` prints (``storage/jsonschema.py``).

The validator walks plain Python values (from YAML or JSON), converts them, and collects
every problem with its field path, so ``data validate`` can report all of them at once.

The specs are plain classes with ``__slots__``, not dataclasses: this module is imported
at every warm start (what the cache holds is checked again, by the same ``check``), and
generating ten dataclasses' methods cost about 5 ms of a start that must stay near an
empty Typer app's. There is one validator per shape: no quick twin that could drift.
"""

import math
from collections.abc import Container, Mapping
from typing import Any, TypeAlias

from csadvisor.core.textrules import (
    CONTROL,
    CONTROL_BUT_NEWLINE,
    compiled,
)
from csadvisor.errors import INVISIBLE_CHARS
from csadvisor.storage.problems import INVALID, Checker, FieldPath, Invalid, _Raw, describe

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

MAX_TEXT = 2000


MEMO_LONGEST = 200
"""Texts up to this length are remembered once they pass (longer ones rarely repeat)."""
MEMO_SIZE = 1 << 16
"""Values a checker remembers per spec, at most (a 16 MiB file stays within its memory)."""


_NOTHING: frozenset[object] = frozenset()

Checked: TypeAlias = Any
"""A value that passed a spec, or ``INVALID``. Its shape is the spec's (a ``Record``
gives a dict of its fields' checked values), which a type checker cannot follow from a
spec built at run time; readers index it as the spec declares. The one dynamic type
here: the values going in are ``object`` and every spec narrows them with ``isinstance``."""

Document: TypeAlias = "dict[str, Checked]"
"""A file's checked top-level mapping (what a ``Record`` gives)."""


class Spec:
    """A type in the schema (immutable once built: specs are module constants).

    ``memo_type``: a spec whose check remembers the values that passed it unchanged
    (``Checker.good``) names their type (exactly: ``True == 1`` but is no whole number).
    A list, a mapping or a record then takes a value of that type it has seen pass from
    that memory, without calling ``check`` again (a list or mapping whose items all
    passed before is cleared in one set operation): the same check, run once per
    distinct value. A large catalogue repeats skill ids, levels, currencies and duties
    thousands of times."""

    __slots__ = ()
    memo_type: type | None = None

    def check(
        self, value: object, path: FieldPath, c: Checker
    ) -> Checked:  # pragma: no cover - abstract
        raise NotImplementedError


class Text(Spec):
    __slots__ = ("choices", "hint", "max_len", "name", "one_line", "pattern")
    memo_type = str

    def __init__(
        self,
        one_line: bool = True,
        pattern: str | None = None,
        choices: tuple[str, ...] = (),
        max_len: int = MAX_TEXT,
        hint: str = "",
        name: bool = False,  # a name or title: invisible characters refused too
    ) -> None:
        self.one_line = one_line
        self.pattern = pattern
        self.choices = choices
        self.max_len = max_len
        self.hint = hint
        self.name = name

    def check(self, value: object, path: FieldPath, c: Checker) -> str | Invalid:
        if type(value) is not str:
            return c.fail(path, f"expected text, got {describe(value)}")
        good = c.known_good.get(id(self))  # c.good(self), without a call: the usual case
        if good is not None and value in good:
            return value
        checked = self._check(value, path, c)
        if checked is value and len(value) <= MEMO_LONGEST:
            good = c.good(self)
            if len(good) < MEMO_SIZE:
                good.add(value)
        return checked

    def _check(self, value: str, path: FieldPath, c: Checker) -> str | Invalid:
        value = value.strip()
        if not value:
            return c.fail(path, "must not be empty")
        # Every control character is unprintable, and every invisible one outside ASCII:
        # the usual text is cleared by two string methods, without a pattern search.
        printable = (value if self.one_line else value.replace("\n", "")).isprintable()
        bad = (
            None
            if printable
            else compiled(CONTROL if self.one_line else CONTROL_BUT_NEWLINE).search(value)
        )
        if bad:
            kind = "a line break" if bad.group() in "\r\n" else "a control character"
            return c.fail(path, f"contains {kind} ({repr(bad.group())[1:-1]}); not allowed here")
        if len(value) > self.max_len:
            return c.fail(path, f"is {len(value)} characters long; the limit is {self.max_len}")
        if self.name and not value.isascii():
            hidden = compiled(INVISIBLE_CHARS).search(value)
            if hidden:
                return c.fail(
                    path,
                    f"contains an invisible character (U+{ord(hidden.group()):04X}); "
                    "not allowed in a name, where it could make two names look the same",
                )
        if self.choices and value not in self.choices:
            return c.fail(path, f"expected one of {', '.join(self.choices)}, got {describe(value)}")
        if self.pattern and not compiled(self.pattern).match(value):
            return c.fail(path, f"{describe(value)} is not valid: {self.hint or self.pattern}")
        return value


def slug(hint: str = "lowercase letters, digits and single hyphens") -> Text:
    return Text(pattern=SLUG, max_len=80, hint=hint)


class Integer(Spec):
    __slots__ = ("maximum", "minimum")
    memo_type = int

    def __init__(self, minimum: int, maximum: int) -> None:
        self.minimum = minimum
        self.maximum = maximum

    def check(self, value: object, path: FieldPath, c: Checker) -> int | Invalid:
        if isinstance(value, bool) or not isinstance(value, int):
            return c.fail(path, f"expected a whole number, got {describe(value)}")
        if not self.minimum <= value <= self.maximum:
            return c.fail(
                path, f"must be from {self.minimum} to {self.maximum}, got {describe(value)}"
            )
        if type(value) is int:  # not a bool (True == 1)
            good = c.good(self)
            if len(good) < MEMO_SIZE:
                good.add(value)
        return value


class Boolean(Spec):
    """``true`` or ``false`` (YAML's own; never a string such as "yes")."""

    __slots__ = ()

    def check(self, value: object, path: FieldPath, c: Checker) -> bool | Invalid:
        if not isinstance(value, bool):
            return c.fail(path, f"expected true or false, got {describe(value)}")
        return value


class Number(Spec):
    """A positive, finite number."""

    __slots__ = ("maximum",)

    def __init__(self, maximum: float = 1e12) -> None:
        self.maximum = maximum

    def check(self, value: object, path: FieldPath, c: Checker) -> int | float | Invalid:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return c.fail(path, f"expected a number, got {describe(value)}")
        try:
            finite = math.isfinite(value)
        except OverflowError:  # an integer too large for a float
            return c.fail(path, f"is too large ({describe(value)})")
        if not finite or value <= 0:
            return c.fail(path, f"must be a positive number, got {describe(value)}")
        if value > self.maximum:
            return c.fail(path, f"is too large ({describe(value)})")
        return value


class Real(Spec):
    """Any finite number within bounds (a figure csadvisor computed, such as a pay gain)."""

    __slots__ = ("maximum", "minimum")

    def __init__(self, minimum: float, maximum: float) -> None:
        self.minimum = minimum
        self.maximum = maximum

    def check(self, value: object, path: FieldPath, c: Checker) -> int | float | Invalid:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return c.fail(path, f"expected a number, got {describe(value)}")
        try:
            ok = math.isfinite(value) and self.minimum <= value <= self.maximum
        except OverflowError:
            ok = False
        if not ok:
            return c.fail(path, f"must be from {self.minimum:g} to {self.maximum:g}")
        return value


class Nullable(Spec):
    """A value of ``spec``, or null."""

    __slots__ = ("spec",)

    def __init__(self, spec: Spec) -> None:
        self.spec = spec

    def check(self, value: object, path: FieldPath, c: Checker) -> Checked:
        return None if value is None else self.spec.check(value, path, c)


class ListOf(Spec):
    __slots__ = ("item", "max_items", "min_items")

    def __init__(self, item: Spec, min_items: int = 0, max_items: int | None = None) -> None:
        self.item = item
        self.min_items = min_items
        self.max_items = max_items

    def check(self, value: object, path: FieldPath, c: Checker) -> Checked:
        if not isinstance(value, list):
            return c.fail(path, f"expected a list, got {describe(value)}")
        if len(value) < self.min_items or (
            self.max_items is not None and len(value) > self.max_items
        ):
            want = (
                f"exactly {self.min_items}"
                if self.min_items == self.max_items
                else f"at least {self.min_items}"
            )
            return c.fail(path, f"expected {want} items, got {len(value)}")
        item = self.item
        check, kind = item.check, item.memo_type
        good = c.good(item) if kind is not None else _NOTHING
        if value and set(map(type, value)) == {kind} and good.issuperset(value):
            return list(value)  # every item passed this check before (a set test, in C)
        out = []
        ok = True
        for i, v in enumerate(value):
            if type(v) is kind and v in good:  # passed this check before
                out.append(v)
                continue
            checked = check(v, (path, i), c)
            if checked is INVALID:
                if c.more:  # the checker is full: stop here
                    return INVALID
                ok = False
            out.append(checked)
        return out if ok else INVALID


class MapOf(Spec):
    """A mapping from slugs to values (e.g. skill id -> level)."""

    __slots__ = ("key", "value")

    def __init__(self, value: Spec, key: Text | None = None) -> None:
        self.value = value
        self.key = slug() if key is None else key

    def check(self, value: object, path: FieldPath, c: Checker) -> Checked:
        if not isinstance(value, dict):
            return c.fail(path, f"expected a mapping, got {describe(value)}")
        out: dict[str, object] = {}
        ok = True
        key_spec, value_spec = self.key, self.value
        key_kind, kind = key_spec.memo_type, value_spec.memo_type
        keys = c.good(key_spec) if key_kind is not None else _NOTHING
        good = c.good(value_spec) if kind is not None else _NOTHING
        if (
            value
            and set(map(type, value)) == {key_kind}
            and set(map(type, value.values())) == {kind}
            and value.keys() <= keys
            and good.issuperset(value.values())
        ):
            return dict(value)  # every key and value passed these checks before
        for k, v in value.items():
            if type(k) is key_kind and type(v) is kind and k in keys and v in good:
                out[k] = v  # both passed these checks before
                continue
            sub = (path, k if isinstance(k, str) else _Raw(f"[{describe(k)}]"))
            key = self.key.check(k, sub, c)
            val = self.value.check(v, sub, c)
            if key is INVALID or val is INVALID:
                if c.more:  # the checker is full: stop here
                    return INVALID
                ok = False
            else:
                out[key] = val
        return out if ok else INVALID


class Field:
    __slots__ = ("description", "required", "spec")

    def __init__(self, spec: Spec, required: bool = True, description: str = "") -> None:
        self.spec = spec
        self.required = required
        self.description = description


class Record(Spec):
    """A mapping with a fixed set of keys; unknown keys are rejected."""

    __slots__ = ("fields", "plan", "title")

    def __init__(self, fields: Mapping[str, Field], title: str = "") -> None:
        self.fields = fields
        self.title = title
        # Each field's check, spelt out once (a catalogue checks 10,000 roles).
        self.plan = tuple(
            (name, f.required, f.spec.check, f.spec.memo_type, id(f.spec))
            for name, f in fields.items()
        )

    def check(
        self, value: object, path: FieldPath, c: Checker, only: Container[str] | None = None
    ) -> Checked:
        """The checked mapping, or INVALID. ``only`` (a set of field names) checks those
        fields' values in full and of the others only that they are known and present
        when required: for a reader that uses a few fields of many large files (``team``);
        the declarations are the same ones."""
        if not isinstance(value, dict):
            return c.fail(path or "(top level)", f"expected a mapping, got {describe(value)}")
        out: dict[str, object] = {}
        ok = True
        if not value.keys() <= self.fields.keys():
            for k in value:
                if k not in self.fields:
                    names = ", ".join(self.fields)
                    where = (path, k if isinstance(k, str) else _Raw(f"[{describe(k)}]"))
                    c.fail(where, f"unknown key {describe(k)} (known keys: {names})")
                    ok = False
        known = c.known_good
        for name, required, check, kind, ident in self.plan:
            if name not in value:
                if required:
                    c.fail(path or "(top level)", f"missing required key '{name}'")
                    ok = False
                continue
            v = value[name]
            if (only is not None and name not in only) or (
                type(v) is kind and v in known.get(ident, _NOTHING)
            ):  # present and known, its value not read; or a value that passed before
                out[name] = v
                continue
            checked = check(v, (path, name), c)
            if checked is INVALID:
                ok = False
            else:
                out[name] = checked
        return out if ok else INVALID
