"""Who an assessment is about: one normalisation of people's names, for history and team.

Pure: no I/O. "Sam Lee", "sam lee", "sam-lee", "Sam_Lee" and "Såm Lee" are one person
(case, spaces, hyphens, underscores, dots and accents do not tell people apart). An
assessment without a name is about "me" (the person who saved it) in history; a team file
without a name is about the person its file name says, when it says one.
"""

from __future__ import annotations

import re
import unicodedata

from csadvisor.core.models import RATERS
from csadvisor.plain import Plain

ME = "me"  # an assessment saved without a name: the person who took it

# "ana-lopez-manager", "ana_lopez.self", "sam-by-manager": the rater at the end of a file name.
_RATER_SUFFIX = re.compile(
    r"^(?P<who>.*?)[-_. ]+(?:by[-_. ]+)?(?P<rater>" + "|".join(RATERS) + ")$"
)
# A saved assessment's id ("20261124-101500-ab12cd") or any name without a letter says no one.
_ASSESSMENT_ID = re.compile(r"^\d{8}-\d{6}")


def person_key(name: str | None) -> str:
    """The one comparison key for a person's name ("" for none)."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[\s\-_.\u2010-\u2015]+", " ", text)
    return text.strip()


def same_person(a: str | None, b: str | None) -> bool:
    return person_key(a) == person_key(b)


class FileName(Plain):
    """What a file name says: about whom (None: it does not say) and by which rater."""

    person: str | None
    rater: str | None


def from_file_name(stem: str) -> FileName:
    """``ana-lopez-manager`` -> (ana lopez, manager); ``20261124-101500-ab12cd`` -> (None, None).

    The person is the stem with hyphens and underscores as spaces; a stem that is an
    assessment id or has no letter at all names no one."""
    rater = None
    who = stem
    m = _RATER_SUFFIX.match(stem.casefold())
    if m is not None:
        rater = m.group("rater")
        who = stem[: len(m.group("who"))]
    if not who or _ASSESSMENT_ID.match(who) or not any(c.isalpha() for c in who):
        return FileName(None, rater)
    return FileName(" ".join(re.sub(r"[-_.]+", " ", who).split()), rater)


def matching(names: list[str], wanted: str) -> list[str]:
    """The names in ``names`` that are ``wanted`` under :func:`person_key`."""
    key = person_key(wanted)
    return [n for n in names if person_key(n) == key]


def suggest(names: list[str], wanted: str, limit: int = 3) -> list[str]:
    """Names close to ``wanted`` (a typo), for a did-you-mean."""
    import difflib

    keys = {person_key(n): n for n in names}
    near = difflib.get_close_matches(person_key(wanted), list(keys), n=limit, cutoff=0.6)
    return [keys[k] for k in near]
