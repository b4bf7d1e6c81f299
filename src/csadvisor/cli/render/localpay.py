"""``pay ROLE --location PLACE`` on a terminal: the local distribution as a picture.

Each role gets two bars on one shared scale: the BLS percentiles (a thin line from the
10th to the 90th, a thick band from the 25th to the 75th, the median marked) and, below
it, the national starting range where one is published. The caption says what each is.
"""

from typing import TYPE_CHECKING, TextIO

from csadvisor.cli.output import Shown
from csadvisor.cli.render.tables import _pay_role
from csadvisor.cli.render.terminal import (
    Getter,
    TableColumn,
    _ascii,
    console,
    money,
    text,
    write_table,
)
from csadvisor.core.listings import LocalPayRow
from csadvisor.core.localpay import statistics
from csadvisor.core.paycheck import band_words
from csadvisor.core.rows import Fields, fields_of, int_of, number_of, text_of

if TYPE_CHECKING:
    from rich.text import Text

WIDTH = 28


def _figure(record: Fields, key: str, period: str) -> str:
    """A wage in ``period``, or (``count``) a statistic that is not money."""
    value = number_of(record, key)
    if value is not None:
        if period != "count":
            return money(value, "USD", period)
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    why = str(fields_of(record, "not_published").get(key, ""))
    if why.startswith("at least "):  # "at least 239200 (top-coded)" -> "at least $239,200"
        return f"at least {money(float(why.split()[2]), 'USD', period)}"
    return why


def _scale(rows: Shown) -> tuple[float, float]:
    points: list[float] = []
    for r in rows:
        values = (number_of(r, k) for k in ("p10", "p90", "median", "low", "high"))
        points += [v for v in values if v is not None]
    return (min(points), max(points)) if points else (0.0, 1.0)


def _position(value: float, low: float, high: float) -> int:
    return round((value - low) / ((high - low) or 1.0) * (WIDTH - 1))


def picture(
    record: Fields, low: float, high: float, ascii_only: bool, short: bool = False
) -> "Text":
    """Two lines: the BLS percentiles, then the starting range, on the scale low..high.
    ``short`` (a narrow terminal): a derived bar is marked ``*`` (the caption says what it
    means) and the salary's band is given by its code, so each line fits beside its bar."""
    from rich.text import Text

    track, thin, thick, mark, start = (
        (".", "-", "=", "|", "#")
        if ascii_only
        else ("\u00b7", "\u2500", "\u2588", "\u2503", "\u2501")
    )
    shown = Text()
    if not record["title"]:
        return shown
    p10, p25, p50, p75, p90 = (number_of(record, k) for k in ("p10", "p25", "median", "p75", "p90"))
    if p10 is not None and p90 is not None:
        cells = [track] * WIDTH
        styles = ["dim"] * WIDTH
        for i in range(_position(p10, low, high), _position(p90, low, high) + 1):
            cells[i], styles[i] = thin, "cyan"
        if p25 is not None and p75 is not None:
            for i in range(_position(p25, low, high), _position(p75, low, high) + 1):
                cells[i], styles[i] = thick, "cyan"
        if p50 is not None:
            i = _position(p50, low, high)
            cells[i], styles[i] = mark, "bold"
        for cell, style in zip(cells, styles, strict=True):
            shown.append(cell, style)
        shown.append(f"  BLS {record.get('soc') or ''}, all workers".replace("  ,", ","))
        if record.get("local_derived"):
            shown.append("*" if short else " (derived: year / 12)")
    else:
        shown.append("no BLS distribution", "dim")
    shown.append("\n")
    start_low, start_high = number_of(record, "low"), number_of(record, "high")
    if start_low is not None and start_high is not None:
        first, last = _position(start_low, low, high), _position(start_high, low, high)
        shown.append(track * first, "dim")
        shown.append(start * (last - first + 1), "green")
        shown.append(track * (WIDTH - last - 1), "dim")
        shown.append("  Robert Half start, US")
        if record.get("derived"):
            per = record.get("period")
            shown.append("*" if short else f" (derived from the yearly range, per {per})")
    else:
        shown.append("no starting range published", "dim")
    salary = number_of(record, "salary")
    if salary is not None and low <= salary <= high:
        at = _position(salary, low, high)
        shown.append("\n" + " " * at + ("^" if ascii_only else "\u25b2"), "bold")
        percentile_band = text_of(record, "percentile_band")
        said = percentile_band if short else band_words(percentile_band)
        shown.append(" " * (WIDTH - at - 1) + f"  salary: {said}")
    return shown


def local_pay_table(rows: Shown, out: TextIO, period: str) -> None:
    con = console(out)
    low, high = _scale(rows)
    if high <= low:
        high = low + 1

    def fig(key: str, per: str) -> Getter:
        return lambda r: _figure(r, key, per)

    def who(r: Fields) -> "str | Text":
        if not r["title"]:  # a line that names no role: what was typed, and why
            return _pay_role(r)
        shown = text(r["title"])  # each bar says its own source, on its own line
        if r.get("area") and len(areas) > 1:
            shown.append(text(f"\n{r['area']}", "dim"))
        return shown

    areas = list(dict.fromkeys(r.get("area") or "" for r in rows if r["title"]))
    title = f"Local pay per {period}"
    cols = [TableColumn("Role", _pay_role, min_width=12)]
    if len(areas) == 1 and areas[0]:
        title += f": {areas[0]}"
    else:
        cols.append(TableColumn("Area", lambda r: r.get("area") or r.get("local_note") or ""))
    labels = {c.name: c.label for c in LocalPayRow.FIELDS}
    cols += [  # every BLS statistic the row declares with a table label
        TableColumn(labels[name], fig(name, period if wage else "count"), justify="right")
        for name, _, wage in statistics()
        if labels[name]
    ]
    if any(r.get("salary") is not None for r in rows):
        cols.append(TableColumn("Salary (derived)", _salary_cell, min_width=18))
    write_table(rows, cols, out, title=title)
    ascii_only = _ascii(con)
    named = [r for r in rows if r["title"]]  # lines that named no role are listed above
    # Beside a 16-column role and the table's rules, each picture line must fit whole
    # (it cannot wrap): on a narrow terminal the labels get short, the caption says more.
    room = con.width - 16 - 7
    short = any(
        len(line) > room
        for r in named
        for line in picture(r, low, high, ascii_only).plain.splitlines()
    )
    bars = [
        TableColumn("Role / occupation", who, min_width=16),
        TableColumn(
            f"{money(low, 'USD', period)} .. {money(high, 'USD', period)}, one scale",
            lambda r: picture(r, low, high, ascii_only, short),
            no_wrap=True,
        ),
    ]
    marked = short and any(r.get("derived") or r.get("local_derived") for r in named)
    write_table(named, bars, out, caption=caption(rows, period, marked))


def _salary_cell(r: Fields) -> str:
    """Where the salary sits: the band in words, the estimate labelled, the compa ratio."""
    salary = number_of(r, "salary")
    if salary is None:
        return ""
    parts = [band_words(text_of(r, "percentile_band"))]
    if r.get("percentile_estimate") is not None:
        parts.append(f"about the {r['percentile_estimate']:g}th percentile (estimate)")
    if r.get("compa_ratio") is not None:
        parts.append(f"{r['compa_ratio']:.2f} x the median")
    return f"{money(salary, 'USD', text_of(r, 'local_period'))}: " + "; ".join(parts)


def caption(rows: Shown, period: str, marked: bool = False) -> str:
    """What each figure and bar is: source, basis, area, period (``marked``: what a bar's
    ``*`` means)."""
    sources = sorted({source for r in rows if (source := text_of(r, "local_source"))})
    areas = (
        "; ".join(sorted({area for r in rows if (area := text_of(r, "area"))})) or "the area shown"
    )
    derived = " (derived: year / 12)" if period == "month" else ""
    if period == "hour":
        derived = " (BLS's own hourly figures)"
    parts = [
        f"Percentiles and employment: {'; '.join(sources) or 'BLS OEWS'}, all employed "
        f"workers in the occupation, {areas}, per {period}{derived}.",
        "Picture (one scale): the BLS bar's thin line = 10th to 90th percentile, thick band "
        "= 25th to 75th, mark = median; the Robert Half bar = the national starting range "
        "(Robert Half 2026 Salary Guide, starting salary, US national).",
        "A percentile describes everyone in the job, not an offer.",
    ]
    if marked:
        parts.append(
            f"* derived by csadvisor from the yearly figures (per {period}: "
            f"{'year / 12' if period == 'month' else 'year / 2080'})."
        )
    notes = [note for r in rows if (note := text_of(r, "local_note")) and r.get("area")]
    parts += list(dict.fromkeys(f"{n[0].upper()}{n[1:]}." for n in notes))
    return " ".join(parts)


def industries_table(rows: Shown, out: TextIO, soc: str) -> None:
    """``industries``: BLS's industries with employment, its RSE and the annual median."""

    def count(value: float | None) -> str:
        return "not released" if value is None else f"{value:,.0f}"

    def industry(r: Fields) -> str:
        return "  " * ((int_of(r, "level") or 1) - 1) + (text_of(r, "industry") or "")

    cols = [
        TableColumn("Code", lambda r: r["naics"], no_wrap=True),
        TableColumn("Industry", industry, min_width=24),
        TableColumn("Employed", lambda r: count(number_of(r, "employment")), justify="right"),
        TableColumn(
            "RSE",
            lambda r: "" if r["emp_prse"] is None else f"{r['emp_prse']:.1f}%",  # as BLS: 1.0
            justify="right",
        ),
        TableColumn(
            "Median",
            lambda r: "not released" if r["median"] is None else f"${r['median']:,.0f}",
            justify="right",
        ),
    ]
    occupation = f"{rows[0]['soc']} {rows[0]['occupation']}" if rows else soc
    caption = (
        f"BLS OEWS May 2025, {occupation}, US national, by industry (as BLS publishes "
        "them). RSE: relative standard error of the employment estimate. Median: annual. "
        "BLS.gov cannot vouch for the data or analyses derived from these data after the "
        "data have been retrieved from BLS.gov."
    )
    write_table(rows, cols, out, caption=caption)
