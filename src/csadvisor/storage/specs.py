"""The shapes of csadvisor's files, described once with the types in ``schema``.

These descriptions drive validation (``checks``), ``data schema`` (JSON Schema) and the
check of what is read back from the cache.
"""

import functools

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


@functools.cache
def result_spec() -> Record:
    """The shape of an assessment result (what ``assessment.result`` returns and history
    saves), to check a saved file as a whole before any command reads a field of it."""
    from csadvisor.core import advisor
    from csadvisor.core.assessment import (
        CREATED_PATTERN,
        OLDEST_SCHEMA_VERSION,
        SCHEMA_VERSION,
    )
    from csadvisor.storage.schema import Nullable, Real

    line, para = Text(max_len=2000), Text(one_line=False, max_len=20000)
    level = Integer(1, 5)
    count = Integer(0, 1_000_000)
    gap = Record({"skill": Field(slug()), "rating": Field(level), "required": Field(level)})
    readiness = Record(
        {
            "role": Field(slug()),
            "title": Field(line),
            "readiness": Field(Integer(0, 100)),
            "band": Field(Text(choices=advisor.BANDS)),
            "met": Field(count),
            "required": Field(count),
            "distance": Field(count),
            "pay_gain": Field(Nullable(Real(-1e12, 1e12))),
            "reason": Field(para),
            "gaps": Field(ListOf(gap, max_items=10_000)),
            # Why the band is stretch whatever the percent; added after the first release.
            "held_back": Field(Nullable(line), required=False),
        }
    )
    return Record(
        {
            "schema_version": Field(Integer(OLDEST_SCHEMA_VERSION, SCHEMA_VERSION)),
            "id": Field(Text(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_len=80)),
            "created": Field(Text(pattern=CREATED_PATTERN, max_len=40)),
            "name": Field(Nullable(PERSON_NAME), required=False),
            "rater": Field(RATER, required=False),
            "evidence": Field(MapOf(EVIDENCE), required=False),
            "role": Field(Nullable(slug())),
            "role_title": Field(Nullable(line)),
            "ratings": Field(MapOf(level)),
            "suggestion": Field(Nullable(readiness)),
            "readiness": Field(ListOf(readiness, max_items=100_000)),
            "profile": Field(
                ListOf(
                    Record(
                        {
                            "skill": Field(slug()),
                            "name": Field(line),
                            "rating": Field(level),
                            "required": Field(Nullable(level)),
                            "descriptor": Field(line),
                        }
                    ),
                    max_items=100_000,
                )
            ),
            "top_gaps": Field(
                ListOf(
                    Record(
                        {
                            "skill": Field(slug()),
                            "name": Field(line),
                            "rating": Field(level),
                            "required": Field(level),
                            "gap": Field(Integer(0, 5)),
                            "next_level": Field(line),
                            "growth": Field(ListOf(para, max_items=1000)),
                        }
                    ),
                    max_items=100,
                )
            ),
            "formula": Field(para),
            # Added after the first release: older saved results do not have them.
            "lateral": Field(
                ListOf(
                    Record({**readiness.fields, "overlap": Field(Integer(0, 100))}),
                    max_items=100_000,
                ),
                required=False,
            ),
            "strengths": Field(
                ListOf(
                    Record(
                        {
                            "skill": Field(slug()),
                            "name": Field(line),
                            "rating": Field(level),
                        }
                    ),
                    max_items=100,
                ),
                required=False,
            ),
            "target_pay": Field(
                Nullable(
                    Record(
                        {
                            "role": Field(slug()),
                            "title": Field(line),
                            "low": Field(Number()),
                            "high": Field(Number()),
                            "mid": Field(Number()),
                            "currency": Field(line),
                            "period": Field(line),
                            "basis": Field(line),
                            "region": Field(line),
                            "source": Field(line),
                            "year": Field(Integer(1900, 2200)),
                        }
                    )
                ),
                required=False,
            ),
            # With --location only: the local (BLS OEWS) pay the summary shows.
            "local_pay": Field(
                Record(
                    {
                        **{k: Field(Nullable(line)) for k in ("location", "asked_area", "area")},
                        "current_role": Field(Nullable(slug())),
                        "target_role": Field(slug()),
                        **{
                            k: Field(Nullable(Real(-1e12, 1e12)))
                            for k in ("median_from", "median_to", "median_change", "p25", "p75")
                        },
                        **{k: Field(Nullable(para)) for k in ("source", "basis")},
                        **{k: Field(Nullable(para)) for k in ("change_basis", "note")},
                    }
                ),
                required=False,
            ),
        },
        title="csadvisor assessment result",
    )
