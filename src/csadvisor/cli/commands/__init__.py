"""The command modules (one per group of commands, see ``cli.COMMANDS``) and what they share.

:func:`show_result` and the helpers below live here because ``assess``, ``next`` and
``history show`` (and ``role``/``roles`` for --location) share them, and a command module
imports only itself and this package (tests/test_shell.py).
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from csadvisor.cli.options import application

if TYPE_CHECKING:
    from enum import Enum
    from typing import TextIO

    from csadvisor.cli.output import Shown
    from csadvisor.core.localpay import BlsLocation
    from csadvisor.core.models import Catalog
    from csadvisor.core.result import Result
    from csadvisor.storage.history import Saved


def show_result(
    result: "Result",
    fmt: "Enum | str | None",
    header: bool,
    *,
    details: bool = True,
    more: str = "",
    plain: bool = False,
) -> None:
    """The summary (or with ``details`` everything) by default; json the whole result;
    other formats the ranking."""
    from csadvisor.cli import records
    from csadvisor.cli.output import View, emit

    def readable(rows: "Shown", out: "TextIO") -> None:
        from csadvisor.cli.render.result import write_result, write_summary

        if details:
            write_result(result, out, plain=plain)
        else:
            write_summary(result, out, more=more, plain=plain)

    rows = records.readiness_records(result)
    view = View(records.READINESS_COLUMNS, rows, readable, document=result.doc(), readable=True)
    emit(view, fmt, header)


DetailsOption = Annotated[
    bool,
    typer.Option(
        "--details",
        help="Show everything after the summary: the whole profile, every role's readiness "
        "and every action.",
    ),
]


def readiness_help(summary: str) -> str:
    """A command's help with the readiness rule, from the one definition in ``advisor``."""
    from csadvisor.core.advisor import READINESS_FORMULA

    return f"{summary}\n\nHow readiness is computed: {READINESS_FORMULA}."


def where_more(saved_id: str | None, offer_export: bool) -> str:
    """The summary's last line: where the details are, each something that exists for
    this result. Saved: --details, and its plan at any time (``csadvisor plan ID``, no
    retake); not saved: this run's --details and (from assess) --export."""
    if saved_id is None:
        return "More: --details" + (", --export plan.md" if offer_export else "")
    return f"More: --details, csadvisor plan {saved_id} --export plan.md"


def add_local_pay(result: "Result", where: "BlsLocation | None", cat: "Catalog") -> "Result":
    """With a BLS location, the result with its ``local_pay``: what the summary's pay line
    shows (the result as it was without one)."""
    item = result.pointed_to()
    if where is None or item is None:
        return result
    from csadvisor.core.advisor import RoleIndex
    from csadvisor.core.localpay import summary_pay

    roles = RoleIndex(cat)
    current = roles.get(result.role) if result.role else None
    return result.replace(local_pay=summary_pay(current, roles.get(item.role), where))


def location_for(ctx: typer.Context, location: str | None) -> "BlsLocation | None":
    """The BLS area ``--location`` names (None without one, or for an organisation's own)."""
    if location is None:
        return None
    from csadvisor.cli import location as locations

    return locations.listing_location(application(ctx), location)


PersonOption = Annotated[
    str | None,
    typer.Option(
        "--person",
        metavar="NAME",
        help="Whose saved assessments: a name as saved with assess --name (any case; "
        "spaces and hyphens alike), or 'me' (default: your own self-assessments).",
    ),
]


def saved_for(
    person: str | None,
    rater: str | None = None,
    first: str = "",
    every: "list[Saved] | None" = None,
    warn: Callable[[str], None] | None = None,
) -> "tuple[str, list[Saved]]":
    """The saved assessments a command works on, oldest first, and whose they are: by
    default your own self-assessments ("me", rated by self); ``--person NAME`` someone
    else's (every rater, unless ``rater``). NotFoundError when there are none."""
    from csadvisor.core.people import ME
    from csadvisor.errors import NotFoundError
    from csadvisor.storage import history

    if every is None:
        assert warn is not None, "saved_for reads the files only with a warn to report them"
        every = history.load_all(warn)
    who = history.resolve_person(every, person)
    if rater is None and who == ME:
        rater = "self"
    mine = history.about(every, who, rater)
    if not mine:
        if not every:
            raise NotFoundError(f"no saved assessment yet; run 'csadvisor assess' first{first}")
        others = len(every)
        raise NotFoundError(
            ("no saved self-assessment of your own" if who == ME else f"none by a {rater}")
            + f"; {others} saved about others or by others: 'csadvisor history --everyone' "
            "lists them, --person NAME picks one"
        )
    return who, mine


def person_label(who: str) -> str:
    from csadvisor.core.people import ME

    return "you" if who == ME else who


def shell_word(text: str) -> str:
    """``text`` as one word a POSIX shell takes literally (for a hint to paste)."""
    import shlex

    from csadvisor.errors import escape_control

    return shlex.quote(escape_control(text))


def pick_saved(ident: str, person: str | None, every: "list[Saved]") -> "Saved":
    """An id (anyone's), or 'latest' of the person's (default: your own self-assessments),
    among ``every`` saved assessment."""
    from csadvisor.storage import history

    if ident == "latest":
        return saved_for(person, every=every)[1][-1]
    if person is not None:
        every = history.about(every, history.resolve_person(every, person))
    return history.find(every, ident)
