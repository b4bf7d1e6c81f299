"""Who a team's assessments are about: one record per file, each person named once, the
latest per person and rater, and the one assessment that stands for a person in counts.

Pure: no I/O, no printing. ``core/team.py`` aggregates what this selects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from csadvisor.core.models import RATERS
from csadvisor.plain import Plain

#: Which rater's assessment stands for a person in counts, most trusted first.
PREFERRED_RATERS = ("manager", "self", "peer")


class Member(Plain):
    """One assessment of one person, as a team view needs it."""

    person: str
    rater: str
    created: str
    role: str | None
    ratings: Mapping[str, int]
    evidence: Mapping[str, str]
    source: str  # the file it came from, for messages
    key: str = ""  # people.person_key(person): who this is, whatever the spelling
    named: bool = True  # the name came from the file's contents, not its file name
    flags: tuple[str, ...] = ()  # FUTURE, CONFLICT: shown on stderr and in json


UNKNOWN = "(no name)"
FUTURE = "dated in the future"
CONFLICT = "conflicting duplicate"


class Notice(Plain):
    """Something about the files a lead should know (printed on stderr, kept in json)."""

    flag: str
    message: str


def identify(members: Iterable[Member], now: str) -> tuple[list[Member], list[Notice]]:
    """One key and one shown name per person (names normalised: case, spaces, hyphens,
    accents), and the flags: a date after ``now`` (ISO, UTC), or two assessments of one
    person by one rater on one day that disagree (a conflicting duplicate)."""
    from datetime import datetime, timedelta

    from csadvisor.core.people import person_key

    now_at = datetime.fromisoformat(now)
    # A date before yesterday (as text) is in the past in any time zone: parsed only if not.
    recent = (now_at - timedelta(days=2)).date().isoformat()
    keys: dict[str, str] = {}
    listed = []
    for m in members:
        key = m.key or keys.get(m.person)
        if key is None:
            key = keys[m.person] = person_key(m.person)
        listed.append(m if m.key == key else m._replace(key=key))
    shown: dict[str, str] = {}
    for m in sorted(listed, key=lambda m: (not m.named, m.created, m.source)):
        shown.setdefault(m.key, m.person)
    notices: list[Notice] = []
    flags: dict[int, list[str]] = {}
    for i, m in enumerate(listed):
        if m.created[:10] < recent:
            continue
        try:
            at = datetime.fromisoformat(m.created)
            future = (at if at.tzinfo else at.replace(tzinfo=now_at.tzinfo)) > now_at
        except ValueError:
            future = False
        if future:
            flags.setdefault(i, []).append(FUTURE)
            notices.append(
                Notice(
                    FUTURE,
                    f"{m.source}: dated {m.created[:10]}, in the future; not taken as the "
                    f"latest {m.rater} assessment of {shown[m.key]}",
                )
            )
    same_day: dict[tuple[str, str, str], list[int]] = {}
    for i, m in enumerate(listed):
        same_day.setdefault((m.key, m.rater, m.created[:10]), []).append(i)
    for (key, rater, day), group in same_day.items():
        if len({tuple(sorted(listed[i].ratings.items())) for i in group}) > 1:
            for i in group:
                flags.setdefault(i, []).append(CONFLICT)
            files = ", ".join(sorted(listed[i].source for i in group))
            notices.append(
                Notice(
                    CONFLICT,
                    f"{len(group)} {rater} assessments of {shown[key]} dated {day} disagree "
                    f"({files}); the latest is used, check which is real (--show-files)",
                )
            )
    out = [
        m
        if m.person == shown[m.key] and i not in flags
        else m._replace(person=shown[m.key], flags=tuple(flags.get(i, ())))
        for i, m in enumerate(listed)
    ]
    return out, notices


class Refused(Exception):
    """An anonymous view would show a group smaller than allowed."""


def _person_key(m: Member) -> tuple[str, str]:
    return (m.key or m.person.casefold(), m.person)


def _latest_order(m: Member) -> tuple[bool, str, str]:
    """Later is newer; a date in the future never beats a real one."""
    return (FUTURE not in m.flags, m.created, m.source)


def select(members: Iterable[Member], keep_all: bool = False) -> list[Member]:
    """The latest assessment per person and rater (every one with ``keep_all``), in order:
    person, rater (self, manager, peer), date."""
    if keep_all:
        return sorted(
            members, key=lambda m: (_person_key(m), RATERS.index(m.rater), m.created, m.source)
        )
    ordered = sorted(
        members, key=lambda m: (_person_key(m), RATERS.index(m.rater), _latest_order(m))
    )
    latest: dict[tuple[str, str], Member] = {}
    for m in ordered:
        latest[(_person_key(m)[0], m.rater)] = m  # later dates replace earlier ones
    return list(latest.values())


def _flags_not_kept(
    members: Iterable[Member], kept: Sequence[Member]
) -> dict[tuple[str, str], list[str]]:
    """The flags of files without a row of their own (not the latest), by person and rater,
    as "FLAG: FILE": the kept row says them, so json alone shows every flagged file."""
    shown = {id(m) for m in kept}
    out: dict[tuple[str, str], list[str]] = {}
    for m in members:
        if m.flags and id(m) not in shown:
            said = out.setdefault((_person_key(m)[0], m.rater), [])
            said.extend(f"{flag}: {m.source}" for flag in m.flags)
    return out


def preferred(members: Iterable[Member]) -> list[Member]:
    """One assessment per person for counting (see the module docstring), by person."""
    best: dict[str, Member] = {}
    for m in select(members):
        key = _person_key(m)[0]
        held = best.get(key)
        if held is None or PREFERRED_RATERS.index(m.rater) < PREFERRED_RATERS.index(held.rater):
            best[key] = m
    return sorted(best.values(), key=_person_key)
