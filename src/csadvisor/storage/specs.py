"""The shapes of csadvisor's files, described once with the types in ``schema``.

These descriptions drive validation (``checks``), ``data schema`` (JSON Schema) and the
check of what is read back from the cache.
"""

from __future__ import annotations

from csadvisor.core.models import (
    DEFAULT_RATER,
    EVIDENCE_MAX,
    NAME_MAX,
    PERIODS,
    RATERS,
    SKILL_CATEGORIES,
)
from csadvisor.errors import INVISIBLE_CHARS
from csadvisor.storage.schema import Field, Integer, ListOf, MapOf, Number, Record, Text, slug

PAY = Record(
    {
        "low": Field(Number(), description="Low end of the published range."),
        "high": Field(Number(), description="High end of the published range."),
        "currency": Field(Text(pattern=r"^[A-Z]{3}$", hint="a three-letter code such as USD")),
        "period": Field(Text(choices=PERIODS)),
        "region": Field(Text(max_len=200), description="Where the figures apply."),
        "basis": Field(Text(max_len=200), description="What is measured, e.g. starting salary."),
        "source": Field(Text(max_len=300), description="Who published the range."),
        "year": Field(Integer(1900, 2200), description="The year the range applies to."),
    },
    title="Pay range",
)

ROLE = Record(
    {
        "id": Field(slug()),
        "title": Field(Text(max_len=200, name=True)),
        "level": Field(Integer(1, 5), description="Rung on the ladder, 1 (entry) to 5."),
        "summary": Field(Text(one_line=False)),
        "responsibilities": Field(
            ListOf(Text()), required=False, description="One line each (list items)."
        ),
        "aliases": Field(ListOf(Text(max_len=200, name=True)), required=False),
        "next": Field(ListOf(slug()), required=False, description="Ids of roles this grows into."),
        "skills": Field(MapOf(Integer(1, 5)), required=False, description="Skill id -> level."),
        "pay": Field(PAY, required=False, description="Only where a range is published."),
        "soc": Field(
            Text(pattern=r"^[0-9]{2}-[0-9]{4}$", max_len=7, hint="an SOC code such as 43-4051"),
            required=False,
            description="The occupation (O*NET-SOC code) whose BLS figures this role reads.",
        ),
        "occupation": Field(
            Text(max_len=300),
            required=False,
            description="The occupation's official OEWS title; required with soc.",
        ),
    },
    title="Role",
)

SKILL = Record(
    {
        "id": Field(slug()),
        "name": Field(Text(max_len=200, name=True)),
        "category": Field(Text(choices=SKILL_CATEGORIES)),
        "description": Field(Text(one_line=False)),
        "levels": Field(
            ListOf(Text(), min_items=5, max_items=5),
            description="What levels 1 to 5 look like, one line each.",
        ),
        "growth": Field(
            ListOf(Text()), required=False, description="Actions, one line each (list items)."
        ),
    },
    title="Skill",
)

ROLES_FILE = Record({"roles": Field(ListOf(ROLE, min_items=1))}, title="csadvisor roles")
SKILLS_FILE = Record({"skills": Field(ListOf(SKILL, min_items=1))}, title="csadvisor skills")

LOCATION = Record(
    {
        "name": Field(Text(max_len=200, name=True)),
        "factor": Field(Number(maximum=100), description="Pay relative to the national figures."),
        "source": Field(Text(max_len=300)),
        "year": Field(Integer(1900, 2200)),
    },
    title="Location",
)
LOCATIONS_FILE = Record({"locations": Field(ListOf(LOCATION))}, title="csadvisor locations")

# Who an assessment is about (a name: invisible characters refused, as in titles) and
# one example behind a rating (text people type: one line, nothing that hides).
PERSON_NAME = Text(max_len=NAME_MAX, name=True)
RATER = Text(choices=RATERS)
EVIDENCE = Text(
    max_len=EVIDENCE_MAX,
    pattern="^[^" + INVISIBLE_CHARS[1:-1] + "]*$",
    hint="contains an invisible character",
)

ANSWERS_FILE = Record(
    {
        "name": Field(PERSON_NAME, required=False, description="Who the ratings are about."),
        "rater": Field(
            RATER, required=False, description=f"Who gave them (default {DEFAULT_RATER})."
        ),
        "role": Field(Text(max_len=200), required=False),
        # Skill ids or names, in any case: checks.answers resolves them against the catalogue.
        "skills": Field(MapOf(Integer(1, 5), key=Text(max_len=200))),
        "evidence": Field(
            MapOf(EVIDENCE, key=Text(max_len=200)),
            required=False,
            description="Skill id or name -> one example, one line.",
        ),
    },
    title="csadvisor answers",
)
