"""A pay batch across places, a place per row, an industry, or with salaries. Pure.

``pay ROLE -l A -l B`` (one record per role and place), ``--location-column`` (each row's
own place, resolved by the caller), ``--industry`` (an industry's national figures) and
``--salary`` / ``--salary-column`` (where each salary sits): the plain batch
(:class:`PayBatch`) stays as it was for every other call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from csadvisor.core import rows
from csadvisor.core.listings import (
    BLANK_NAME,
    UNKNOWN_ROLE,
    UNREADABLE_LINE,
    LocalPayRow,
    PayRow,
    Request,
)
from csadvisor.core.lookup import unknown_role_message
from csadvisor.core.paybatch import MESSAGES_SHOWN, Asked, PayBatch, _own
from csadvisor.core.paycheck import CHECK_BASIS, Scale, parse_salary
from csadvisor.core.payrows import CheckRow, IndustryRow
from csadvisor.core.rows import Parts, Record, Value

if TYPE_CHECKING:
    from csadvisor.core.localpay import BlsLocation
    from csadvisor.core.models import Catalog, Role
    from csadvisor.core.paycheck import Check

NO_AREA = "no single BLS area on this row"
_REQUEST = Request.NAMES
_NO_CHECK = (None, None, None, None, None)
if _REQUEST != ("query", "line", "suggestion") or CheckRow.NAMES != (
    "salary",
    "percentile_band",
    "percentile_estimate",
    "compa_ratio",
    "check_basis",
):  # pragma: no cover - _own below spells them out for speed
    raise ImportError("core.paywide: Request's or CheckRow's fields changed")
PlaceOf = Callable[[str], "BlsLocation | str"]
"""A row's place cell -> its BLS location, or the one line saying why there is none."""


class IndustryFigures(Protocol):
    """``--industry``: an industry's national figures for a role (``cli.payplaces``)."""

    def fields(self, role: Role, period: str) -> tuple[LocalPayRow, IndustryRow]:
        """The role's local columns read from the industry, and the industry's own."""
        ...


def _where(line: int | None) -> str:
    return f"line {line}: " if line is not None else ""


class WidePayBatch(PayBatch):
    """Answers names with pay records for several places, a place per row, an industry,
    and salaries placed among the percentiles; what was not found is kept for the error."""

    def __init__(
        self,
        catalog: Catalog,
        period: str,
        places: list[BlsLocation],
        *,
        industry: IndustryFigures | None = None,
        place_of: PlaceOf | None = None,
        place_column: str | None = None,
        default_place: str | None = None,
        salary: float | None = None,
        salary_column: str | None = None,
        kept: Iterable[str] = (),
    ) -> None:
        super().__init__(catalog, period, places[0] if places else None)
        self.places: list[BlsLocation | None] = list(places) or [None]
        self.industry = industry
        self.place_of = place_of
        self.place_column = place_column
        self.default_place = default_place
        self.salary = salary
        self.salary_column = salary_column
        self.checking = salary is not None or salary_column is not None
        self.kept = tuple(kept)  # the input columns to carry (others are read, not kept)
        self.unknown_names = 0
        self.salary_notes: list[str] = []  # cells not read as an amount: said, not an error
        self.salary_count = 0

    def empty(self) -> dict[str, None]:
        """The columns a line without figures still has, empty."""
        empty = rows.blank(LocalPayRow)
        if self.industry is not None:
            empty.update(rows.blank(IndustryRow))
        return empty

    def answers(self, requests: Iterable[Asked]) -> Iterator[tuple[Record, Record]]:
        from csadvisor.errors import escape_control

        found: dict[tuple[str, int], tuple[Record, Scale | None]] = {}
        blank = Parts(PayRow.unanswered(BLANK_NAME), self.empty())
        not_found = Parts(PayRow.unanswered(UNKNOWN_ROLE), self.empty())
        broken = Parts(PayRow.unanswered(UNREADABLE_LINE), self.empty())
        no_check = (None, None, None, None, None)
        unknown: dict[str, tuple[str, str | None]] = {}
        roles: dict[str, Role | None] = {}  # a batch names a few roles many times
        for request in requests:
            name = request.query
            query = escape_control(name)
            cells = request.kept or {}
            kept = {k: escape_control(cells[k]) for k in self.kept if k in cells} or None
            if request.problem:  # as the plain batch: its own line only, and exit 2
                self._note("unreadable", f"line {request.line}: {request.problem}")
                yield broken, self._own(query, request.line, None, kept, no_check)
                continue
            if not name:
                yield blank, self._own(query, request.line, None, kept, no_check)
                continue
            self.asked += 1
            try:
                role = roles[name]
            except KeyError:
                role = self.index.find(name)
                if len(roles) < 4096:
                    roles[name] = role
            if role is None:
                if name not in unknown:
                    near = self.index.suggest(name)
                    unknown[name] = (unknown_role_message(name, near), near[0] if near else None)
                message, best = unknown[name]
                self.unknown_names += 1
                self._note("missing", _where(request.line) + message)
                yield not_found, self._own(query, request.line, best, kept, no_check)
                continue
            places = self.places
            if self.place_of is not None:
                asked = (cells.get(self.place_column or "") or "").strip() or self.default_place
                got = self.place_of(asked) if asked else "no place on this row"
                if isinstance(got, str):
                    self._note("missing", _where(request.line) + got)
                    row = Parts(PayRow.unanswered(NO_AREA), self.empty(), {"local_note": got})
                    yield row, self._own(query, request.line, None, kept, no_check)
                    continue
                places = [got]
            salary = self.salary
            if self.salary_column is not None:
                cell = cells.get(self.salary_column, "")
                salary = parse_salary(cell)
                if salary is None and cell.strip():
                    self._salary_note(_where(request.line), cell)
            for place in places:
                key = (role.id, id(place))
                hit = found.get(key)
                if hit is None:
                    record = self.record_at(role, place)
                    scale = Scale(rows.as_dict(record)) if self.checking else None
                    hit = found[key] = (record, scale)
                record, scale = hit
                check = scale.values(salary) if scale is not None else None
                yield record, self._own(query, request.line, None, kept, check)

    def _own(
        self,
        query: str,
        line: int | None,
        suggestion: str | None,
        kept: dict[str, str] | None,
        check: Check | None,
    ) -> Record:
        """What one input line adds, flat (a batch formats 100,000 of them): what was
        asked (``Request``), the input columns kept, the salary check (``CheckRow``)."""
        if not self.checking:
            return _own(query, line, suggestion, kept)
        # Request's fields, then the kept columns and CheckRow's
        own: dict[str, Value] = {"query": query, "line": line, "suggestion": suggestion}
        if kept:
            own.update(kept)
        salary, band, estimate, ratio, basis = check or _NO_CHECK
        own["salary"] = salary
        own["percentile_band"] = band
        own["percentile_estimate"] = estimate
        own["compa_ratio"] = ratio
        if basis is None:  # else the role's shared part carries it: formatted once
            own["check_basis"] = None
        return own

    def record_at(self, role: Role, place: BlsLocation | None) -> Record:
        """The starting range, then the local (or industry) figures after it."""
        rng = role.pay.per(self.period) if role.pay else None
        record = PayRow.of(role, rng)
        basis = {"check_basis": CHECK_BASIS} if self.checking else {}
        if self.industry is not None:
            return Parts(record, *self.industry.fields(role, self.period), basis)
        if place is None:
            return Parts(record, basis)
        from csadvisor.core.localpay import local_fields

        return Parts(record, local_fields(role, place, self.period), basis)

    def _salary_note(self, where: str, cell: str) -> None:
        from csadvisor.errors import escape_control

        self.salary_count += 1
        if len(self.salary_notes) < MESSAGES_SHOWN:
            self.salary_notes.append(
                f"{where}salary '{escape_control(cell.strip())}' is not an amount "
                "(41000, 41,000 or $41,000.50); its check is left empty"
            )

    def salary_problems(self) -> tuple[str, ...]:
        """One notice per salary cell that was not read (the rows keep empty checks)."""
        more = self.salary_count - len(self.salary_notes)
        return (*self.salary_notes, *([f"... and {more} more salary cell(s)"] if more else []))

    def not_found(self) -> tuple[str, ...]:
        if not self.missing:
            return ()
        count = self.counts["missing"]
        more = count - len(self.missing)
        rest = [f"... and {more} more unknown name(s) or place(s)"] if more else []
        if self.asked > 1 and self.unknown_names:
            total = [f"{self.unknown_names} of {self.asked} names not found"]
        elif self.asked > 1:
            total = [f"{count} of {self.asked} rows name no single BLS area"]
        else:
            total = []
        return (*self.missing, *rest, *total)
