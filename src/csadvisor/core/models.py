"""Typed records of the career data. Frozen, no I/O."""

from collections.abc import Mapping
from enum import Enum

from csadvisor.plain import Plain

HOURS_PER_YEAR = 2080
MONTHS_PER_YEAR = 12


class Period(str, Enum):
    """What a pay figure is per: the published period, or one derived from it."""

    year = "year"
    month = "month"
    hour = "hour"


class Rater(str, Enum):
    """Who gave an assessment's ratings: the person, their manager, or a peer."""

    self = "self"
    manager = "manager"
    peer = "peer"


PERIODS = tuple(p.value for p in Period)
RATERS = tuple(r.value for r in Rater)
DEFAULT_RATER = Rater.self.value
"""Who gave the ratings when an answers file or saved result does not say: the person."""
NAME_MAX = 100  # a person's name on an assessment
#: One word per level (the quiz echoes them; an answers file may write "3 Skilled").
LEVEL_LABELS = ("Learning", "Independent", "Skilled", "Advanced", "Expert")
EVIDENCE_MAX = 300  # one example behind a rating: a sentence, not an essay
SKILL_CATEGORIES = ("soft", "technical", "working")
"""The kinds of skill in skills.yaml (labels for people in ``CATEGORY_LABELS``)."""
CATEGORY_LABELS = {"soft": "soft", "technical": "technical and AI", "working": "working"}


def number(value: float) -> int | float:
    """Whole numbers stay whole; derived figures keep two decimals."""
    if type(value) is float and value.is_integer():  # what round() would keep whole
        return int(value)
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


class Cents(float):
    """An hourly or monthly figure: TSV and CSV always show it with two decimals."""


def amount(value: float, period: str | None) -> int | float:
    """A pay figure as printed: whole dollars for yearly figures (half rounds up), two
    decimals for hourly and monthly ones, whole or not (``3000.00``)."""
    if period == "year":
        return int(value + 0.5) if value >= 0 else -int(-value + 0.5)
    return Cents(round(value, 2))


class PayRange(Plain):
    """A published pay range, with where it comes from and what it measures."""

    low: float
    high: float
    currency: str
    period: str
    region: str
    basis: str
    source: str
    year: int
    derived: bool = False
    factor: float | None = None
    adjusted_by: str | None = None

    @property
    def mid(self) -> float:
        """The midpoint of the range (not a median)."""
        return (self.low + self.high) / 2

    def per(self, period: str) -> "PayRange":
        """The same range expressed per ``period``; anything but the published one is derived."""
        if period == self.period:
            return self
        yearly = {"year": 1, "month": MONTHS_PER_YEAR, "hour": HOURS_PER_YEAR}
        to_year = yearly[self.period]
        from_year = yearly[period]
        scale = to_year / from_year
        return PayRange(
            low=self.low * scale,
            high=self.high * scale,
            currency=self.currency,
            period=period,
            region=self.region,
            basis=self.basis,
            source=self.source,
            year=self.year,
            derived=True,
            factor=self.factor,
            adjusted_by=self.adjusted_by,
        )

    def adjusted(self, factor: float, by: str) -> "PayRange":
        """The range multiplied by a local pay factor, marked as adjusted."""
        return PayRange(
            low=self.low * factor,
            high=self.high * factor,
            currency=self.currency,
            period=self.period,
            region=self.region,
            basis=self.basis,
            source=self.source,
            year=self.year,
            derived=self.derived,
            factor=factor,
            adjusted_by=by,
        )


class Role(Plain):
    """One role on the career ladder."""

    id: str
    title: str
    level: int
    summary: str
    responsibilities: tuple[str, ...]
    aliases: tuple[str, ...]
    next: tuple[str, ...]
    skills: Mapping[str, int]
    pay: PayRange | None = None
    soc: str | None = None  # the O*NET-SOC occupation whose BLS figures the role reads
    occupation: str | None = None  # that occupation's official OEWS title


class Skill(Plain):
    """One skill, with a behaviour descriptor for each level 1-5."""

    id: str
    name: str
    category: str
    description: str
    levels: tuple[str, str, str, str, str]
    growth: tuple[str, ...]

    def descriptor(self, level: int) -> str:
        return self.levels[level - 1]


class Location(Plain):
    """A named place and its pay factor relative to the national figures."""

    name: str
    factor: float
    source: str
    year: int


class Catalog:
    """Roles and skills, validated and cross-referenced."""

    __slots__ = ("role_by_id", "roles", "skill_by_id", "skills")

    def __init__(self, roles: tuple[Role, ...], skills: tuple[Skill, ...]) -> None:
        self.roles = roles
        self.skills = skills
        self.role_by_id: Mapping[str, Role] = {r.id: r for r in roles}
        self.skill_by_id: Mapping[str, Skill] = {s.id: s for s in skills}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Catalog) and (self.roles, self.skills) == (
            other.roles,
            other.skills,
        )

    def __repr__(self) -> str:
        return f"Catalog({len(self.roles)} roles, {len(self.skills)} skills)"
