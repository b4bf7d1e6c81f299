"""An assessment result as typed records: what the scorer makes, history saves and reads.

The scorer (``assessment.result``) builds a :class:`Result`; a saved file becomes one
through :func:`from_doc` only after the one check of its shape (``storage.history.read``,
``specs.result_spec``). Every reader (history, next, plan, the renderers) reads attributes.

The JSON document (:meth:`Result.doc`) is what ``-f json`` prints and history saves: the
fields in the order the record was made with (``keys``), so a file saved by an older
version (without ``name``, ``lateral``, ``held_back`` ...) prints as it was saved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from csadvisor.core.rows import Value

Json = dict[str, Value]
T = TypeVar("T")


class _Doc:
    """A record printed as a JSON object: the fields named by ``keys``, in that order.

    Its fields are declared once, as the annotations of the class: ``KEYS`` (every field
    a document can have, in order) is read from them. A record made without ``keys`` has
    every field but the ``OPTIONAL`` ones (which a record gains when it is given them)."""

    KEYS: ClassVar[tuple[str, ...]] = ()
    OPTIONAL: ClassVar[tuple[str, ...]] = ()
    keys: tuple[str, ...]

    def __init_subclass__(cls) -> None:
        declared = cls.__annotations__  # its own; strings under the future import
        cls.KEYS = tuple(k for k, v in declared.items() if k != "keys" and "ClassVar" not in v)

    def __post_init__(self) -> None:
        if not self.keys:  # made here, not read from a file: the usual document
            shown = tuple(k for k in self.KEYS if k not in self.OPTIONAL)
            object.__setattr__(self, "keys", shown)

    def has(self, key: str) -> bool:
        """Whether the document has the field (an older saved file may lack it)."""
        return key in self.keys

    def doc(self) -> Json:
        return {k: _plain(getattr(self, k)) for k in self.keys}


def _plain(value: object) -> Value:
    if isinstance(value, _Doc):
        return value.doc()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return dict(value)
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"{type(value).__name__} is not a document value")


@dataclass(frozen=True)
class Gap(_Doc):
    """A skill below what a role requires."""

    skill: str
    rating: int
    required: int
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoleReadiness(_Doc):
    """How ready for one role (``readiness``, ``suggestion``; ``lateral`` adds ``overlap``)."""

    OPTIONAL = ("overlap",)

    role: str
    title: str
    readiness: int
    band: str
    met: int
    required: int
    distance: int
    pay_gain: float | None
    reason: str
    held_back: str | None
    gaps: tuple[Gap, ...]
    overlap: int | None = None  # percent of skills shared: lateral moves only
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProfileItem(_Doc):
    """One skill as rated, with what the target role requires."""

    skill: str
    name: str
    rating: int
    required: int | None
    descriptor: str
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopGap(_Doc):
    """A gap to work on, with the next level's description and the growth actions."""

    skill: str
    name: str
    rating: int
    required: int
    gap: int
    next_level: str
    growth: tuple[str, ...]
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class Strength(_Doc):
    skill: str
    name: str
    rating: int
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class TargetPay(_Doc):
    """The published range of the role the advice points to, with where it comes from."""

    role: str
    title: str
    low: float
    high: float
    mid: float
    currency: str
    period: str
    basis: str
    region: str
    source: str
    year: int
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class LocalPay(_Doc):
    """With ``--location``: the local (BLS OEWS) pay the summary shows."""

    location: str | None
    asked_area: str | None
    area: str | None
    current_role: str | None
    target_role: str
    median_from: float | None
    median_to: float | None
    median_change: float | None
    p25: float | None
    p75: float | None
    source: str | None
    basis: str | None
    change_basis: str | None
    note: str | None
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class Result(_Doc):
    """A whole assessment result (see the module's doc)."""

    OPTIONAL = ("local_pay",)

    schema_version: int
    id: str
    created: str
    name: str | None
    rater: str | None  # None: not said (a version-1 file), which means "self"
    evidence: Mapping[str, str]
    role: str | None
    role_title: str | None
    ratings: Mapping[str, int]
    suggestion: RoleReadiness | None
    readiness: tuple[RoleReadiness, ...]
    profile: tuple[ProfileItem, ...]
    top_gaps: tuple[TopGap, ...]
    formula: str
    lateral: tuple[RoleReadiness, ...] = ()
    strengths: tuple[Strength, ...] = ()
    target_pay: TargetPay | None = None
    local_pay: LocalPay | None = None
    keys: tuple[str, ...] = ()

    def pointed_to(self) -> RoleReadiness | None:
        """The role the advice points to: the suggestion, or the best lateral move."""
        return self.suggestion or (self.lateral[0] if self.lateral else None)

    def replace(self, **changes: object) -> Result:
        """The same result with some fields changed (a field given is in the document)."""
        keys = self.keys + tuple(k for k in changes if k not in self.keys)
        return dataclasses.replace(self, keys=keys, **changes)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- from a file


def from_doc(doc: Mapping[str, Any]) -> Result:
    """A saved result as typed records. ``doc`` has passed ``specs.result_spec``'s check
    (history.read): this only converts, it checks nothing."""

    def record(cls: Callable[..., T], names: tuple[str, ...], item: Mapping[str, Any]) -> T:
        values: dict[str, Any] = {k: item.get(k) for k in names}
        for k in ("growth", "gaps"):
            if k in values:
                values[k] = tuple(values[k])
        return cls(**values, keys=tuple(item))

    def readiness(item: Mapping[str, Any]) -> RoleReadiness:
        gaps = [record(Gap, Gap.KEYS, g) for g in item["gaps"]]
        return record(RoleReadiness, RoleReadiness.KEYS, {**item, "gaps": gaps})

    suggestion, pay, local = (doc.get(k) for k in ("suggestion", "target_pay", "local_pay"))
    return Result(
        schema_version=doc["schema_version"],
        id=doc["id"],
        created=doc["created"],
        name=doc.get("name"),
        rater=doc.get("rater"),
        evidence=doc.get("evidence") or {},
        role=doc["role"],
        role_title=doc["role_title"],
        ratings=doc["ratings"],
        suggestion=readiness(suggestion) if suggestion is not None else None,
        readiness=tuple(readiness(r) for r in doc["readiness"]),
        profile=tuple(record(ProfileItem, ProfileItem.KEYS, p) for p in doc["profile"]),
        top_gaps=tuple(record(TopGap, TopGap.KEYS, g) for g in doc["top_gaps"]),
        formula=doc["formula"],
        lateral=tuple(readiness(r) for r in doc.get("lateral") or ()),
        strengths=tuple(record(Strength, Strength.KEYS, s) for s in doc.get("strengths") or ()),
        target_pay=record(TargetPay, TargetPay.KEYS, pay) if pay is not None else None,
        local_pay=record(LocalPay, LocalPay.KEYS, local) if local is not None else None,
        keys=tuple(doc),
    )
