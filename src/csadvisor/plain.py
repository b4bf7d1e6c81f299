"""Plain records: a frozen tuple whose fields are declared once, as annotations.

``typing.NamedTuple`` builds each class by generating and compiling source code: about
130 µs a class the first time, and ``pay ROLE --location`` declares a dozen records before
it prints a line. A :class:`Plain` subclass costs about 20 µs and behaves the same where
it matters here: built by position or keyword (defaults trail), compared, hashed and
unpacked as a tuple, read by name, copied with ``_replace``. mypy reads the fields and the
constructor from the annotations (``dataclass_transform``)::

    class Area(Plain):
        code: str
        name: str
        parent: str = ""
"""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING, ClassVar, TypeVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: object) -> object:
        return lambda cls: cls


P = TypeVar("P", bound="Plain")
_new = tuple.__new__
_MISSING = object()


class _PlainType(type):
    """Gives every record class empty ``__slots__``: its values live in the tuple."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, object]) -> type:
        namespace.setdefault("__slots__", ())
        return super().__new__(mcs, name, bases, namespace)


@dataclass_transform(frozen_default=True)
class Plain(tuple, metaclass=_PlainType):  # type: ignore[type-arg]
    """A frozen record: the annotations of the class body are its fields, in order."""

    _fields: ClassVar[tuple[str, ...]] = ()
    _tail: ClassVar[tuple[object, ...]] = ()  # the defaults of the last fields
    _defaults: ClassVar[dict[str, object]] = {}  # the same, by name
    _known: ClassVar[frozenset[str]] = frozenset()  # the field names

    def __init_subclass__(cls) -> None:
        annotations = cls.__annotations__  # its own (3.10+), strings under the future import
        names = [n for n, t in annotations.items() if "ClassVar" not in str(t).split("[")[0]]
        if cls._fields:  # a subclass of a record: its methods, never fields of its own
            if names:
                raise TypeError(f"{cls.__name__}: a record's fields are declared in one class")
            return
        tail: list[object] = []
        for i, name in enumerate(names):
            default = cls.__dict__.get(name, _MISSING)
            if default is not _MISSING:
                tail.append(default)
            elif tail:
                raise TypeError(f"{cls.__name__}.{name}: no default after a field with one")
            setattr(cls, name, property(itemgetter(i)))
        cls._fields = tuple(names)
        cls._tail = tuple(tail)
        cls._defaults = dict(zip(names[len(names) - len(tail) :], tail, strict=True))
        cls._known = frozenset(names)

    def __new__(cls: type[P], *args: object, **kwargs: object) -> P:
        if not kwargs:  # the fast paths: a batch builds a record per input line
            missing = len(cls._fields) - len(args)
            if not missing:
                return _new(cls, args)
            if 0 < missing <= len(cls._tail):
                return _new(cls, args + cls._tail[-missing:])
        return _new(cls, cls._filled(args, kwargs))

    @classmethod
    def _filled(cls, args: tuple[object, ...], kwargs: dict[str, object]) -> tuple[object, ...]:
        """Every field's value: the positional ones, then keywords, then defaults."""
        fields = cls._fields
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__}: {len(args)} values for {len(fields)} fields")
        if not kwargs.keys() <= cls._known:
            unknown = next(k for k in kwargs if k not in cls._known)
            raise TypeError(f"{cls.__name__}: no field {unknown}")
        if not kwargs.keys().isdisjoint(fields[: len(args)]):
            twice = next(k for k in fields[: len(args)] if k in kwargs)
            raise TypeError(f"{cls.__name__}: {twice} given twice (by position and by name)")
        defaults = cls._defaults
        try:
            return args + tuple(
                [kwargs[k] if k in kwargs else defaults[k] for k in fields[len(args) :]]
            )
        except KeyError as exc:
            raise TypeError(f"{cls.__name__}: {exc.args[0]} is missing") from None

    def _replace(self: P, **changes: object) -> P:
        return type(self)(**{**dict(zip(self._fields, self, strict=True)), **changes})

    def _asdict(self) -> dict[str, object]:
        return dict(zip(self._fields, self, strict=True))

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={v!r}" for n, v in zip(self._fields, self, strict=True))
        return f"{type(self).__name__}({shown})"

    def __getnewargs__(self) -> tuple[object, ...]:
        return tuple(self)
