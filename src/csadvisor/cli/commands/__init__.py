"""The command modules (one per group of commands, see ``cli.COMMANDS``) and what they share.

:func:`show_result` and the helpers below live here because ``assess``, ``next`` and
``history show`` (and ``role``/``roles`` for --location) share them, and a command module
imports only itself and this package (tests/test_shell.py).
"""

from typing import Annotated, Any

import typer

from csadvisor.cli.options import application


def show_result(
    result: dict[str, Any],
    fmt: Any,
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

    def readable(rows: Any, out: Any) -> None:
        from csadvisor.cli.render.result import write_result, write_summary

        if details:
            write_result(result, out, plain=plain)
        else:
            write_summary(result, out, more=more, plain=plain)

    rows = records.readiness_records(result)
    view = View(records.READINESS_COLUMNS, rows, readable, document=result, readable=True)
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
    """The summary's last line: where the details are."""
    places = ["--details"]
    if saved_id is not None:
        places.append(f"csadvisor history show {saved_id}")
    if offer_export:
        places.append("--export plan.md")
    return "More: " + ", ".join(places)


def add_local_pay(result: dict[str, Any], where: Any, cat: Any) -> None:
    """With a BLS location, the result's ``local_pay``: what the summary's pay line shows."""
    from csadvisor.cli.render.result import pointed_to

    item = pointed_to(result)
    if where is None or item is None:
        return
    from csadvisor.core.advisor import RoleIndex
    from csadvisor.core.localpay import summary_pay

    roles = RoleIndex(cat)
    current = roles.get(result["role"]) if result.get("role") else None
    result["local_pay"] = summary_pay(current, roles.get(item["role"]), where)


def location_for(ctx: typer.Context, location: str | None) -> Any:
    """The BLS area ``--location`` names (None without one, or for an organisation's own)."""
    if location is None:
        return None
    from csadvisor.cli import location as locations

    return locations.listing_location(application(ctx), location)
