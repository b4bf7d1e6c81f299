"""`pay --field`: one bare number per name, one per line, so ``paste`` lines them up.

Imported only when ``--field`` is given: ``pay ROLE -f tsv`` does not load it.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from csadvisor.cli.context import Application
from csadvisor.core.paybatch import why_empty

if TYPE_CHECKING:
    from csadvisor.cli.output import Joined


def print_field(
    run: Application, answers: Iterable["Joined"], field: str, header_line: bool
) -> None:
    """``--field``: one bare number per name (an empty line where there is none), so
    ``paste`` lines up; a notice, once per role, says why one is empty."""
    from csadvisor.cli.output import cell
    from csadvisor.core import rows

    out = run.out
    if header_line:  # a line for the table's header row
        out.write(field + "\n")
    unpaid_warned: set[str] = set()
    for line in answers:
        record = rows.as_dict(line.shared)
        value = record.get(field)
        if value is None and record["role"] and record["role"] not in unpaid_warned:
            unpaid_warned.add(record["role"])
            run.warn(f"{record['role']}: {why_empty(record, field)}; printing an empty line")
        elif record.get("local_note") and record["local_note"] not in unpaid_warned:
            unpaid_warned.add(record["local_note"])  # a wider area used: said even here
            run.warn(f"{record['role']}: {record['local_note']}")
        out.write(cell(value) + "\n")  # the numbers as tsv shows them
