"""The rows ``team`` prints, each field declared once (core.rows): column lists, JSON,
TSV/CSV and the README column table are derived from these declarations.

The coverage view has a column per skill of the catalogue, which no class can declare:
its row is :class:`CoverageHead`, the ratings by skill id, then :class:`CoverageTail`,
side by side (:class:`~csadvisor.core.rows.Parts`); its column list marks where the skill
columns go with :data:`SKILL_IDS`.
"""

from __future__ import annotations

from collections.abc import Mapping

from csadvisor.core.rows import Col, Row, columns

SKILL_IDS = "SKILL..."  # in a column list: one column per skill id, in catalogue order


class CoverageHead(Row):
    """``team``: who a row is about (a person's row), or which count it is."""

    kind: Col[str] = Col("Kind", "person, bench or single-point-of-failure")
    person: Col[str | None] = Col("Person", "who was assessed")
    rater: Col[str | None] = Col("Rater", "self, manager or peer")
    created: Col[str | None] = Col("Date", "when")
    role: Col[str | None] = Col("Role", "the role held then")


class CoverageTail(Row):
    """``team``: after the skill columns."""

    evidence: Col[Mapping[str, str] | None] = Col("Evidence", "examples given, by skill")
    source: Col[str | None] = Col("File", "the file it came from", column=False)
    flags: Col[list[str] | None] = Col(
        "Flags",
        "dated in the future, conflicting duplicate; FLAG: FILE for a file of this person "
        "and rater with no row of its own",
        column=False,
    )


class TargetRow(Row):
    """``team --target ROLE``: a required skill's count, or a person's readiness."""

    kind: Col[str] = Col("Kind", "skill or person")
    skill: Col[str | None] = Col("Skill", "a skill the role requires")
    required: Col[int | None] = Col("Needed", "the level it requires")
    meet: Col[int | None] = Col("Meet it", "people at that level or above")
    below: Col[int | None] = Col("Below", "people below it")
    total_gap: Col[int | None] = Col("Levels short in all", "levels short, summed")
    person: Col[str | None] = Col("Person", "who was assessed")
    rater: Col[str | None] = Col("Rater", "self, manager or peer")
    readiness: Col[int | None] = Col("Readiness", "percent ready for the role")
    band: Col[str | None] = Col("Band", "ready, close or stretch")
    met: Col[int | None] = Col("Met", "requirements met")
    requirements: Col[int | None] = Col("Required", "requirements in all")
    source: Col[str | None] = Col("File", "the file it came from", column=False)


class TeamNextRow(Row):
    """``team --view next``: each person's suggested next role."""

    person: Col[str] = Col("Person", "who was assessed")
    rater: Col[str] = Col("Rater", "self, manager or peer")
    role: Col[str | None] = Col("Now", "the role held")
    suggestion: Col[str | None] = Col("Next", "the suggested next role's id")
    title: Col[str | None] = Col("Suggested next role", "its title")
    readiness: Col[int | None] = Col("Readiness", "percent ready for it")
    band: Col[str | None] = Col("Band", "ready, close or stretch")
    reason: Col[str] = Col("Why", "the ranking in words")
    source: Col[str] = Col("File", "the file it came from", column=False)


class CalibrationRow(Row):
    """``team --view calibration``: one skill rated by a person and their manager."""

    person: Col[str] = Col("Person", "who was assessed")
    skill: Col[str] = Col("Skill", "the skill's id")
    own: Col[int | None] = Col("Self", "their own rating", key="self")
    manager: Col[int | None] = Col("Manager", "their manager's")
    difference: Col[int | None] = Col("Difference", "manager - self")
    flag: Col[bool] = Col("Flag", "2 or more apart")
    self_created: Col[str] = Col("Self date", "when they rated themselves")
    manager_created: Col[str] = Col("Manager date", "when their manager rated them")
    self_evidence: Col[str | None] = Col("Self example", "their example")
    manager_evidence: Col[str | None] = Col("Manager example", "their manager's")
    self_source: Col[str] = Col("Self file", "the file", column=False)
    manager_source: Col[str] = Col("Manager file", "the file", column=False)


class AnonymousRow(Row):
    """``team --anonymous``: a count, no names."""

    view: Col[str] = Col("View", "coverage, target, next or calibration")
    group: Col[str] = Col("Group", "a skill, a role or the team")
    people: Col[int] = Col("People", "people in the group")
    measure: Col[str] = Col("Measure", "what is counted")
    count: Col[int] = Col("Count", "how many")


def _with_skills(head: tuple[str, ...], tail: tuple[str, ...]) -> tuple[str, ...]:
    return (*head, SKILL_IDS, *tail)


TEAM_COLUMNS = _with_skills(columns(CoverageHead), columns(CoverageTail))
TEAM_TARGET_COLUMNS = columns(TargetRow)
TEAM_NEXT_COLUMNS = columns(TeamNextRow)
TEAM_CALIBRATION_COLUMNS = columns(CalibrationRow)
TEAM_ANONYMOUS_COLUMNS = columns(AnonymousRow)
