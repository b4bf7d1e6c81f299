"""Typed output rows: each field declared once, everything else derived from it.

A row class lists its fields as ``name: Col[type] = Col(label, doc, ...)``: the name, the
type, the table label, the one-line doc and whether it is a TSV/CSV column (``column=False``:
JSON only) or a ``--field`` choice, in one line. The column tuples (``cli.records.COLUMNS``),
JSON documents, TSV/CSV cells, ``--field`` choices, some table columns and the README
column table are derived from these declarations.

Rows are frozen and cheap: the values are one tuple, a field is a descriptor reading it.
Declaring a class costs microseconds (a dataclass or ``typing.NamedTuple`` with annotated
fields costs ten times more, which ``pay ROLE -f tsv``'s start-up cannot afford).

A record one command prints may be several rows side by side (the starting range, then
the local figures, then what was typed): :class:`Parts`. Where two parts have the same
field, the later part's value wins and the first one's position is kept (as
``dict.update`` does), so ``--location`` adds columns without moving any.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar, Generic, TypeAlias, TypeVar, cast, overload

Cell: TypeAlias = "str | int | float | bool | None"
"""One printable value: what a TSV/CSV cell or a JSON scalar is made from."""
Value: TypeAlias = "Cell | Sequence[Value] | Mapping[str, Value]"
"""A field's value: a cell, or a list or mapping of them (a cell joins them with ';')."""
Fields: TypeAlias = "Mapping[str, Value]"
"""A record's fields by name, in order: what JSON prints and a terminal view draws."""

T = TypeVar("T", bound="Value", covariant=True)
R = TypeVar("R", bound="Row")


class Col(Generic[T]):
    """One field: its label, doc, and where it shows. Reading it on a row gives the value."""

    __slots__ = ("attr", "choice", "column", "doc", "index", "key", "label", "name", "stat")

    def __init__(
        self,
        label: str = "",
        doc: str = "",
        *,
        column: bool = True,
        choice: bool = False,
        stat: str | None = None,
        key: str | None = None,
    ) -> None:
        self.key = key  # the output name, when it cannot be the attribute's (``from``)
        self.label = label  # the table heading
        self.doc = doc  # one line
        self.column = column  # a TSV/CSV column (else JSON only)
        self.choice = choice  # offered by a --field option
        self.stat = stat  # the BLS statistic it reads (core.wages.BLS_MEASURES), if any
        self.name = ""  # set by the row class: the output name
        self.attr = ""  # and the attribute's (the keyword to build a row with)
        self.index = -1

    def json_only(self) -> Col[T]:
        """The same field, shown in JSON but not as a TSV/CSV column."""
        copy = self._copy()
        copy.column = False
        return copy

    def _copy(self) -> Col[T]:
        return Col(
            self.label,
            self.doc,
            column=self.column,
            choice=self.choice,
            stat=self.stat,
            key=self.key,
        )

    @overload
    def __get__(self, row: None, owner: type) -> Col[T]: ...

    @overload
    def __get__(self, row: Row, owner: type) -> T: ...

    def __get__(self, row: Row | None, owner: type) -> Col[T] | T:
        if row is None:
            return self
        # The row was built with this field's value at this index (``Row.__init__``).
        return cast("T", row._values[self.index])

    def __repr__(self) -> str:
        return f"Col({self.name!r})"


class Row:
    """A frozen record of declared fields (see the module's doc). Build with keywords."""

    __slots__ = ("_values",)
    FIELDS: ClassVar[tuple[Col[Value], ...]] = ()
    NAMES: ClassVar[tuple[str, ...]] = ()
    ATTRS: ClassVar[tuple[str, ...]] = ()
    _values: tuple[Value, ...]

    def __init_subclass__(cls) -> None:
        found: list[Col[Value]] = []
        for name, value in list(cls.__dict__.items()):
            if isinstance(value, Col):
                if value.name:  # a field declared once and shared by several rows
                    value = value._copy()
                    setattr(cls, name, value)
                value.name, value.attr, value.index = value.key or name, name, len(found)
                found.append(value)
        cls.FIELDS = tuple(found)
        cls.NAMES = tuple(c.name for c in found)
        cls.ATTRS = tuple(c.attr for c in found)

    def __init__(self, **values: Value) -> None:
        try:
            row = tuple(values.pop(name) for name in self.ATTRS)
        except KeyError as exc:
            raise TypeError(f"{type(self).__name__}: {exc.args[0]} is missing") from None
        if values:
            raise TypeError(f"{type(self).__name__}: no field {next(iter(values))}")
        object.__setattr__(self, "_values", row)

    @classmethod
    def of_values(cls: type[R], *values: Value) -> R:
        """A row from its values in declaration order, unchecked: for loops that build
        a row per input line (a batch builds 100,000)."""
        row = object.__new__(cls)
        object.__setattr__(row, "_values", values)
        return row

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._values == self._values

    def __hash__(self) -> int:
        return hash(self._values)

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={v!r}" for n, v in zip(self.NAMES, self._values, strict=True))
        return f"{type(self).__name__}({shown})"

    def as_dict(self) -> dict[str, Value]:
        return dict(zip(self.NAMES, self._values, strict=True))

    def replace(self: R, **changes: Value) -> R:
        return type(self)(**{**dict(zip(self.ATTRS, self._values, strict=True)), **changes})


def columns(*classes: type[Row]) -> tuple[str, ...]:
    """The TSV/CSV columns of rows of these classes side by side, in declaration order."""
    out: dict[str, None] = {}
    for cls in classes:
        out.update(dict.fromkeys(c.name for c in cls.FIELDS if c.column))
    return tuple(out)


def choices(*classes: type[Row]) -> tuple[str, ...]:
    """The fields a ``--field`` option offers."""
    return tuple(c.name for cls in classes for c in cls.FIELDS if c.choice)


def blank(cls: type[Row]) -> dict[str, None]:
    """A row's columns, all empty: a line that has no such row still has its cells."""
    return dict.fromkeys(columns(cls))


class Parts:
    """Records side by side, printed as one: a later part wins a field both have."""

    __slots__ = ("parts",)

    def __init__(self, *parts: Record) -> None:
        self.parts = parts


Record: TypeAlias = "Row | Fields | Parts"
"""What a view's rows are: a typed row, a plain mapping (kept input columns), or parts."""


def as_dict(record: Record) -> dict[str, Value]:
    """Every field of a record by name, in order (JSON's document, a table's row)."""
    if isinstance(record, Row):
        return dict(zip(record.NAMES, record._values, strict=True))
    if isinstance(record, Parts):
        merged: dict[str, Value] = {}
        for part in record.parts:
            merged.update(as_dict(part))
        return merged
    return dict(record)


# --------------------------------------------------------------------------- reading fields
# A view that draws a record by field name (a terminal table, a page) reads each value as
# the type its field declares. A value of another type is a bug in the code that built the
# record, never bad input: it raises TypeError naming the field.


def _wrong(key: str, value: Value, wanted: str) -> TypeError:
    return TypeError(f"field {key!r}: {type(value).__name__}, not {wanted}")


def text_of(fields: Fields, key: str) -> str | None:
    """A text field's value (None when the record has none)."""
    value = fields.get(key)
    if value is None or isinstance(value, str):
        return value
    raise _wrong(key, value, "text")


def number_of(fields: Fields, key: str) -> float | None:
    """A number field's value, int or float (None when the record has none)."""
    value = fields.get(key)
    if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    raise _wrong(key, value, "a number")


def int_of(fields: Fields, key: str) -> int | None:
    """A whole-number field's value (None when the record has none)."""
    value = fields.get(key)
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise _wrong(key, value, "a whole number")


def texts_of(fields: Fields, key: str) -> list[str]:
    """A list-of-texts field's items (none when the record has none)."""
    value = fields.get(key)
    if value is None:
        return []
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return [v for v in value if isinstance(v, str)]
    raise _wrong(key, value, "a list of texts")


def levels_of(fields: Fields, key: str) -> dict[str, int]:
    """A field mapping names to whole numbers (skill levels), empty when there is none."""
    value = fields_of(fields, key)
    levels = {k: v for k, v in value.items() if isinstance(v, int) and not isinstance(v, bool)}
    if len(levels) == len(value):
        return levels
    raise _wrong(key, value, "a mapping to whole numbers")


def fields_of(fields: Fields, key: str) -> Fields:
    """A mapping field's value (empty when the record has none)."""
    value = fields.get(key)
    if value is None:
        return {}
    if isinstance(value, Mapping):
        return value
    raise _wrong(key, value, "a mapping")


def records_of(fields: Fields, key: str) -> list[Fields]:
    """A list-of-records field's items (none when the record has none)."""
    value = fields.get(key)
    if value is None:
        return []
    if isinstance(value, (list, tuple)) and all(isinstance(v, Mapping) for v in value):
        return [v for v in value if isinstance(v, Mapping)]
    raise _wrong(key, value, "a list of records")
