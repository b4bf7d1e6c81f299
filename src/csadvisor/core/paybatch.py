"""A batch of pay lookups: one record per name asked, in input order. Pure: no I/O.

Every line gets a record, blank and unknown names and unreadable lines too (empty
figures, a note, and for an unknown name the closest one), so a script's lines stay
aligned with its input. The messages for what was not answered are kept up to
``MESSAGES_SHOWN`` of each kind, then counted: memory stays flat on a million lines. A role's
figures are worked out once and shared by every line that names it: 100,000 lines naming
a handful of roles cost a handful of lookups.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from csadvisor.core import rows
from csadvisor.core.listings import (
    BLANK_NAME,
    NO_RANGE,
    UNKNOWN_ROLE,
    UNREADABLE_LINE,
    LocalPayRow,
    PayRow,
    Request,
)
from csadvisor.core.lookup import RoleIndex, unknown_role_message
from csadvisor.core.rows import Fields, Parts, Record, choices, fields_of, text_of

if TYPE_CHECKING:
    from csadvisor.core.localpay import BlsLocation
    from csadvisor.core.models import Catalog, Role

PERCENTILE_FIELDS = choices(LocalPayRow)
"""The ``--field`` choices that are BLS figures (they need a BLS location)."""
MESSAGES_SHOWN = 1000
"""Unknown names and unreadable lines named one by one; past that, a count."""


class Asked(Protocol):
    """One name to look up (``cli.nameinput.NameLine``)."""

    @property
    def line(self) -> int | None: ...
    @property
    def query(self) -> str: ...
    @property
    def kept(self) -> dict[str, str]: ...
    @property
    def problem(self) -> str: ...  # why the line could not be read ("" when it could)


class PayBatch:
    """Answers names with pay records; what was not found is kept for the one error."""

    def __init__(
        self,
        catalog: Catalog,
        period: str,
        local: BlsLocation | None = None,
        factor: float | None = None,
        adjusted_by: str | None = None,
    ) -> None:
        self.index = RoleIndex(catalog)
        self.period = period
        self.local = local
        self.factor = factor
        self.adjusted_by = adjusted_by
        self.asked = 0  # names asked (blank lines are not)
        self.missing: list[str] = []  # one message per unknown name, with its input line
        self.unreadable: list[str] = []  # one per line that could not be read
        self.counts = {"missing": 0, "unreadable": 0}  # all of them, shown or not

    def answers(self, requests: Iterable[Asked]) -> Iterator[tuple[Record, Record]]:
        """Each line's record as (the role's figures, shared; the line's own part)."""
        from csadvisor.errors import escape_control

        found: dict[str, Record] = {}  # by role id: the figures, worked out once
        blank: Record = PayRow.unanswered(BLANK_NAME)
        not_found: Record = PayRow.unanswered(UNKNOWN_ROLE)
        broken: Record = PayRow.unanswered(UNREADABLE_LINE)
        if self.local is not None:  # the same columns, empty
            blank = Parts(blank, rows.blank(LocalPayRow))
            not_found = Parts(not_found, rows.blank(LocalPayRow))
            broken = Parts(broken, rows.blank(LocalPayRow))
        unknown: dict[str, tuple[str, str | None]] = {}  # by name: the message, suggestion
        for request in requests:
            name = request.query
            # Echoed input never carries a terminal escape: control characters are shown.
            query = escape_control(name)
            kept = {k: escape_control(v) for k, v in request.kept.items()} if request.kept else None
            if request.problem:
                self._note("unreadable", f"line {request.line}: {request.problem}")
                yield broken, _own(query, request.line, None, kept)
                continue
            if not name:
                yield blank, _own(query, request.line, None, kept)
                continue
            self.asked += 1
            role = self.index.find(name)
            if role is None:
                if name not in unknown:
                    near = self.index.suggest(name)
                    unknown[name] = (unknown_role_message(name, near), near[0] if near else None)
                message, best = unknown[name]
                where = f"line {request.line}: " if request.line is not None else ""
                self._note("missing", where + message)
                yield not_found, _own(query, request.line, best, kept)
                continue
            record = found.get(role.id)
            if record is None:
                record = found[role.id] = self.record(role)
            yield record, _own(query, request.line, None, kept)

    def record(self, role: Role) -> Record:
        """The starting range (adjusted by a factor, if one was given), and with a BLS
        location its local figures after it."""
        rng = role.pay.per(self.period) if role.pay else None
        if rng is not None and self.factor is not None:
            rng = rng.adjusted(self.factor, self.adjusted_by or "")
        record = PayRow.of(role, rng)
        if self.local is None:
            return record
        from csadvisor.core.localpay import local_fields

        return Parts(record, local_fields(role, self.local, self.period))

    def _note(self, kind: str, message: str) -> None:
        kept = self.missing if kind == "missing" else self.unreadable
        if len(kept) < MESSAGES_SHOWN:
            kept.append(message)
        self.counts[kind] += 1

    def not_found(self) -> tuple[str, ...]:
        """The lines of the error for the names not found (none: every name answered)."""
        if not self.missing:
            return ()
        count = self.counts["missing"]
        more = count - len(self.missing)
        rest = [f"... and {more} more unknown name(s)"] if more else []
        total = [f"{count} of {self.asked} names not found"] if self.asked > 1 else []
        return (*self.missing, *rest, *total)

    def unreadable_lines(self) -> tuple[str, ...]:
        """The lines of the error for the input lines that could not be read."""
        more = self.counts["unreadable"] - len(self.unreadable)
        return (*self.unreadable, *([f"... and {more} more unreadable line(s)"] if more else []))


def _own(
    query: str, line: int | None, suggestion: str | None, kept: dict[str, str] | None
) -> Record:
    """What one input line adds: what was asked, then the input columns kept."""
    own: Record = Request.of_values(query, line, suggestion)  # a batch builds 100,000
    return Parts(own, kept) if kept else own


def why_empty(record: Fields, field: str) -> str:
    """Why a role's record has no value for ``field`` (for the one notice per role)."""
    if field not in PERCENTILE_FIELDS:
        return NO_RANGE
    missing = fields_of(record, "not_published")
    return text_of(missing, field) or text_of(record, "local_note") or "not published"
