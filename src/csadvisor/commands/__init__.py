"""The command modules (one per group of commands, see ``cli.COMMANDS``) and what they share.

:func:`show_result` lives here because ``assess``, ``next`` and ``history show`` all print
an assessment result, and a command module imports only itself (tests/test_shell.py).
"""

from typing import Any


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
    from csadvisor import records
    from csadvisor.output import View, emit

    def readable(rows: Any, out: Any) -> None:
        from csadvisor.render.result import write_result, write_summary

        if details:
            write_result(result, out, plain=plain)
        else:
            write_summary(result, out, more=more, plain=plain)

    rows = records.readiness_records(result)
    view = View(records.READINESS_COLUMNS, rows, readable, document=result, readable=True)
    emit(view, fmt, header)
