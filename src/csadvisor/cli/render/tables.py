"""Each listing command's table for a terminal, drawn from the rows the data formats print."""

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, TextIO

from csadvisor.cli.output import Shown
from csadvisor.cli.records import DiffRow
from csadvisor.cli.render.terminal import (
    Getter,
    TableColumn,
    console,
    money,
    pay_range_text,
    range_bar,
    text,
    write_table,
)
from csadvisor.core.listings import PayRow
from csadvisor.core.people import ME
from csadvisor.core.rolerows import MedianChange
from csadvisor.core.rows import (
    Fields,
    fields_of,
    int_of,
    number_of,
    records_of,
    text_of,
    texts_of,
)
from csadvisor.errors import escape_control

if TYPE_CHECKING:
    from rich.text import Text

NARROW = 100  # columns: narrower, history --everyone leaves the date to the ID


def pay_caption(rows: Iterable[Fields], extra: str = "") -> str:
    """Where the figures come from, said once under a table."""
    sources = sorted({f"{r['source']} ({r['year']})" for r in rows if r.get("source")})
    basis = sorted({f"{r['basis']}, {r['region']}" for r in rows if r.get("basis")})
    parts = []
    if sources:
        parts.append(f"Pay: {'; '.join(basis)}. Source: {'; '.join(sources)}.")
    if extra:
        parts.append(extra)
    return " ".join(parts)


def _name_and_id(title_key: str) -> Getter:
    def label(r: Fields) -> "Text":
        shown = text(r[title_key])
        shown.append(text(f"\n{text_of(r, 'id')}", "cyan"))
        return shown

    return label


def _pay_role(r: Fields) -> "str | Text":
    """The role's title; for a line that found none, the name typed and why."""
    if r["title"]:
        return str(r["title"])
    shown = text(r.get("query") or "")
    near = r.get("suggestion")
    shown.append(text(f"\n{r['note']}" + (f"; did you mean {near}?" if near else ""), "dim"))
    return shown


def pay_table(
    rows: Shown, out: TextIO, period: str, adjusted_by: str | None, factor: float | None
) -> None:
    def fig(key: str) -> Getter:
        def get(r: Fields) -> str:
            if r["low"] is None:
                return str(r["note"]) if key == "low" and r["title"] else ""
            return money(number_of(r, key), text_of(r, "currency"), text_of(r, "period"))

        return get

    cols = [
        TableColumn("Role", _pay_role, min_width=16),
        *(  # the figures a row declares (their labels: Low, High, Midpoint)
            TableColumn(c.label, fig(c.name), justify="right", no_wrap=True)
            for c in PayRow.FIELDS
            if c.choice
        ),
    ]
    notes = ["Midpoint = middle of the range, not a median."]
    paid = [
        (low, high, r)
        for r in rows
        if (low := number_of(r, "low")) is not None and (high := number_of(r, "high")) is not None
    ]
    con = console(out)
    if len(paid) > 1 and len({r["currency"] for _, _, r in paid}) == 1 and con.width >= 90:
        lo, hi = min(low for low, _, _ in paid), max(high for _, high, _ in paid)

        def bar(r: Fields) -> "str | Text":
            low, high = number_of(r, "low"), number_of(r, "high")
            return "" if low is None or high is None else range_bar(low, high, lo, hi, con)

        cols.append(TableColumn("Range", bar, no_wrap=True))
        cur, per = text_of(paid[0][2], "currency"), text_of(paid[0][2], "period")
        notes.append(f"Bars share one scale, {money(lo, cur, per)} to {money(hi, cur, per)}.")
    if factor is not None:
        where = (
            "" if adjusted_by == "manual factor" else ", from your organisation's locations.yaml"
        )
        notes.append(f"Adjusted: national figures x {factor:g}, {adjusted_by}{where}.")
    if period != "year":
        notes.append(
            f"Per {period}: derived from the yearly figures "
            f"({'year / 2080 hours' if period == 'hour' else 'year / 12'})."
        )
    title = f"Pay per {period}" + (" (adjusted)" if factor is not None else "")
    write_table(rows, cols, out, title=title, caption=pay_caption(rows, " ".join(notes)))


def roles_table(rows: Shown, out: TextIO, titles: Mapping[str, str]) -> None:
    cols = [
        TableColumn("Role", _name_and_id("title"), min_width=16),
        TableColumn("Level", lambda r: r["level"], justify="right", min_width=5),
        TableColumn("Starting pay (year)", pay_range_text, min_width=10),
        TableColumn(
            "Grows into",
            lambda r: ", ".join(titles[n] for n in texts_of(r, "next")) or "-",
            min_width=12,
        ),
    ]
    extra = ""
    if rows and "local_median" in rows[0]:

        def local(r: Fields) -> str:
            median = number_of(r, "local_median")
            if median is None:
                return str(r["local_note"] or "")
            shown = money(median, "USD", "year")
            return shown if not r["local_note"] else f"{shown} ({r['area']})"

        cols.insert(3, TableColumn("Local median (year)", local, min_width=10))
        areas = sorted({area for r in rows if (area := text_of(r, "area"))})
        extra = (
            f"Local median: BLS OEWS May 2025, all employed workers in the role's occupation, "
            f"{'; '.join(areas)}; half earn less, half more."
        )
        if any(r["local_note"] and r["local_median"] is not None for r in rows):
            extra += " An area in brackets: none published where asked; the nearest level shown."
    write_table(rows, cols, out, caption=pay_caption(rows, extra), spaced=True)


def skills_table(rows: Shown, out: TextIO) -> None:
    from csadvisor.core.models import CATEGORY_LABELS

    def needed(r: Fields) -> str:
        return (
            "\n".join(f"{lvl} {role}" for role, lvl in fields_of(r, "required_by").items()) or "-"
        )

    cols = [
        TableColumn("Skill", _name_and_id("name")),
        TableColumn(
            "Category", lambda r: CATEGORY_LABELS.get(str(r["category"]), str(r["category"]))
        ),
        TableColumn("Needed by (role level 1-5)", needed),
    ]
    write_table(rows, cols, out)


def next_table(rows: Shown, out: TextIO) -> None:
    def change(r: Fields) -> str:
        pay_change = int_of(r, "pay_change")
        if pay_change is None:
            return str(r["note"])
        sign = "+" if pay_change >= 0 else "-"
        return f"{sign}${abs(pay_change):,} a year (midpoint)"

    cols = [
        TableColumn("Next role", lambda r: r["title"], min_width=16),
        TableColumn("Level", lambda r: r["level"], justify="right"),
        TableColumn("Pay change", change, min_width=12),
        TableColumn("Skills new or higher", lambda r: r["skill_changes"] or "-", min_width=16),
        TableColumn("Overlap", lambda r: f"{r['overlap']}%", justify="right", no_wrap=True),
    ]
    caption = "Overlap: the share of the next role's requirements this role's own levels meet."
    if rows and "median_change" in rows[0]:

        def median_change(r: Fields) -> str:
            change = number_of(r, "median_change")
            if change is None:
                return str(r["local_note"] or "no published figure")
            sign = "+" if change >= 0 else "-"
            return f"{sign}${abs(change):,} a year"

        label = MedianChange.median_change.label  # "Median to median"
        cols.insert(3, TableColumn(label, median_change, min_width=12))
        areas = sorted({area for r in rows if (area := text_of(r, "area"))})
        where = "; ".join(areas) or "the area"
        notes = sorted(
            {
                note
                for r in rows
                if (note := text_of(r, "local_note")) and r["median_change"] is not None
            }
        )
        caption += (
            " "
            + (
                "Pay change: starting-range midpoints (Robert Half 2026, US national). "
                f"Median to median: the two occupations' medians in {where}, "
                "BLS OEWS May 2025, all employed workers; a difference of medians, not a raise "
                "anyone is promised. " + " ".join(f"{n[0].upper()}{n[1:]}." for n in notes)
            ).strip()
        )
    write_table(rows, cols, out, spaced=True, caption=caption)


def history_table(rows: Shown, out: TextIO, titles: Mapping[str, str]) -> None:
    """Saved assessments; roles by their titles (an id no longer in the data as it is)."""

    def title(key: str) -> Getter:
        def get(r: Fields) -> str:
            rid = text_of(r, key)
            return titles.get(rid, rid) if rid else "-"

        return get

    def person(r: Fields) -> str:
        return escape_control(text_of(r, "person") or "")

    # Person and rater only for someone else's (--everyone, --person): your own list is
    # all "me" and "self", and those two columns pushed it past 80 columns into blocks.
    cols = [TableColumn("ID", lambda r: r["id"], style="cyan", no_wrap=True)]
    others = any((r["person"], r["rater"]) != (ME, "self") for r in rows)
    caption = None
    if others and console(out).width < NARROW:
        # Seven columns stacked every entry into an 8-line block (p4's U11): the date is
        # in the ID already, and the rater goes beside the name.
        def who(r: Fields) -> str:
            rater = "" if r["rater"] == "self" else f" ({r['rater']})"
            return person(r) + rater

        cols.append(TableColumn("Person", who))
        caption = (
            "ID: the date and time saved first (20261204-161505: 2026-12-04 16:15). "
            "Rated by themselves unless a rater is in brackets."
        )
    else:
        cols.append(
            TableColumn("Date", lambda r: (text_of(r, "created") or "")[:16].replace("T", " "))
        )
        if others:
            cols.append(TableColumn("Person", person))
            cols.append(TableColumn("Rater", lambda r: r["rater"]))
    cols += [
        TableColumn("Role", title("role")),
        TableColumn("Suggested next", title("suggestion")),
        TableColumn(
            "Readiness",
            lambda r: "-" if r["readiness"] is None else f"{r['readiness']}% {r['band']}",
            justify="right",
        ),
    ]
    write_table(rows, cols, out, caption=caption)


def diff_table(rows: Shown, out: TextIO, title: str, document: Fields, hidden: bool = True) -> None:
    """The dates, the suggestion and its readiness then and now, then the skills that moved."""
    from csadvisor.cli.render.terminal import _ascii

    con = console(out)
    arrow = " -> " if _ascii(con) else " \u2192 "
    old, new = fields_of(document, "old"), fields_of(document, "new")
    con.print(text(f"Progress from {old['date']} to {new['date']}", "bold"))
    shown = [new["suggestion"], old["suggestion"]]
    if old["suggestion"] == new["suggestion"]:
        line = f"Suggested next role: {new['suggestion_title'] or 'none'} (unchanged)"
    else:
        line = (
            f"Suggested next role: {old['suggestion_title'] or 'none'}{arrow}"
            f"{new['suggestion_title'] or 'none'}"
        )
    con.print(text(line))
    for item in records_of(document, "readiness"):
        if item["role"] not in shown:
            continue

        def pct(value: object) -> str:
            return "-" if value is None else f"{value}%"

        band = ""
        if item["band_before"] and item["band_after"] and item["band_before"] != item["band_after"]:
            band = f" ({item['band_before']}{arrow}{item['band_after']})"
        con.print(text(f"{item['title']}: {pct(item['before'])}{arrow}{pct(item['after'])}{band}"))
    con.print()
    hide = hidden and bool(document["unchanged"])
    if not rows:
        con.print(text("No skill rating changed." + (" --all lists them." if hide else "")))
        return

    def moved(r: Fields) -> str:
        c = int_of(r, "change")
        return "" if c is None else ("=" if c == 0 else f"{c:+d}")

    def level(key: str) -> Getter:
        return lambda r: "-" if r[key] is None else r[key]

    cols = [
        TableColumn("Skill", lambda r: r["name"]),
        *(TableColumn(c.label, level(c.name), justify="right") for c in DiffRow.FIELDS[2:4]),
        TableColumn("Change", moved, justify="right"),
    ]
    count = len(texts_of(document, "unchanged"))
    caption = f"{count} skill ratings did not change; --all lists them." if hide else None
    write_table(rows, cols, out, title=title, caption=caption)


def path_table(rows: Shown, out: TextIO, columns: Iterable[str]) -> None:
    def cell(key: str) -> Getter:
        return lambda record: record[key]

    cols = [TableColumn(k.capitalize(), cell(k), no_wrap=k == "path") for k in columns]
    write_table(rows, cols, out)
