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
        role, note = record["role"], record.get("local_note")
        if value is None and isinstance(role, str) and role and role not in unpaid_warned:
            unpaid_warned.add(role)
            run.warn(f"{role}: {why_empty(record, field)}; printing an empty line")
        elif isinstance(note, str) and note and note not in unpaid_warned:
            unpaid_warned.add(note)  # a wider area used: said even here
            run.warn(f"{role}: {note}")
        out.write(cell(value) + "\n")  # the numbers as tsv shows them
