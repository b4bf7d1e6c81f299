"""The team views for a terminal, drawn from the rows the data formats print.

A level is always a number *and* a shade, never colour alone (colour-blind readers,
monochrome terminals, printouts). The coverage matrix puts skills down the side and
people across, so a team of a dozen fits a terminal; the data formats put people in rows.
"""

from collections.abc import Mapping, Sequence
from typing import TextIO

from csadvisor.cli.output import Shown
from csadvisor.cli.render.terminal import Getter, TableColumn, _ascii, console, write_table
from csadvisor.core.rows import Fields, int_of, text_of
from csadvisor.errors import escape_control

NARROW = 100  # columns: narrower, the sentence-long Why column gives way

SHADES = ("\u00b7", "\u2591", "\u2592", "\u2593", "\u2588")  # levels 1 to 5, light to dark
ASCII_SHADES = (".", ":", "+", "#", "@")


def level_cell(level: int | None, plain: bool) -> str:
    if level is None:
        return "-"
    return f"{level} {(ASCII_SHADES if plain else SHADES)[level - 1]}"


def _who(row: Fields, dated: bool) -> str:
    label = str(row["person"])
    if row["rater"] != "self":
        label += f" ({row['rater']})"
    if dated:
        label += f" {str(row['created'])[:10]}"
    return escape_control(label)


def coverage_table(
    rows: Shown, out: TextIO, names: Mapping[str, str], level: int, min_holders: int
) -> None:
    people = [r for r in rows if r["kind"] == "person"]
    bench = next(r for r in rows if r["kind"] == "bench")
    spof = next(r for r in rows if r["kind"] == "single-point-of-failure")
    plain = _ascii(console(out))
    dated = len({(r["person"], r["rater"]) for r in people}) < len(people)  # --all

    def skill(s: Fields) -> str:  # a line of the table: {"id": the skill's id}
        return text_of(s, "id") or ""

    def person(row: Fields) -> Getter:
        return lambda s: level_cell(int_of(row, skill(s)), plain)

    cols = [TableColumn("Skill", lambda s: names[skill(s)], min_width=20)]
    cols += [TableColumn(_who(r, dated), person(r), justify="right", no_wrap=True) for r in people]
    cols.append(TableColumn(f"Bench ({level}+)", lambda s: bench[skill(s)], justify="right"))
    cols.append(TableColumn("Single point of failure", lambda s: "yes" if spof[skill(s)] else ""))
    shades = ASCII_SHADES if plain else SHADES
    legend = " ".join(f"{i} {shade}" for i, shade in enumerate(shades, 1))
    caption = (
        f"Levels: {legend}; - not rated. Bench: people at level {level} or more (each "
        f"person once). Single point of failure: fewer than {min_holders} people at level "
        f"{level} or more. Examples behind ratings: -f csv or -f json."
    )
    write_table([{"id": sid} for sid in names], cols, out, caption=caption)


def target_table(rows: Shown, out: TextIO, title: str) -> None:
    skills = [r for r in rows if r["kind"] == "skill"]
    people = [r for r in rows if r["kind"] == "person"]
    write_table(
        skills,
        [
            TableColumn("Skill", lambda r: r["skill"]),
            TableColumn("Needed", lambda r: r["required"], justify="right"),
            TableColumn("Meet it", lambda r: r["meet"], justify="right"),
            TableColumn("Below", lambda r: r["below"], justify="right"),
            TableColumn("Levels short in all", lambda r: r["total_gap"], justify="right"),
        ],
        out,
        title=f"The team against {escape_control(title)}: biggest gaps first",
    )
    write_table(
        people,
        [
            TableColumn("Person", lambda r: _who(r, False)),
            TableColumn("Readiness", lambda r: f"{r['readiness']}%", justify="right"),
            TableColumn("Band", lambda r: r["band"]),
            TableColumn(
                "Requirements met", lambda r: f"{r['met']} of {r['requirements']}", justify="right"
            ),
        ],
        out,
        title=f"Readiness for {escape_control(title)}",
    )


def next_table(rows: Shown, out: TextIO, titles: Mapping[str, str] | None = None) -> None:
    narrow = console(out).width < NARROW
    named = titles if narrow and titles else {}  # an id is one unbreakable word

    def now(r: Fields) -> str:
        role = text_of(r, "role")
        return (named.get(role, role) if role else role) or "-"

    columns = [
        TableColumn("Person", lambda r: _who(r, False)),
        TableColumn("Now", now),
        TableColumn("Suggested next role", lambda r: r["title"] or "-"),
        TableColumn(
            "Readiness",
            lambda r: "-" if r["readiness"] is None else f"{r['readiness']}% {r['band']}",
            justify="right",
        ),
    ]
    caption = None
    if not narrow:
        columns.append(TableColumn("Why", lambda r: r["reason"]))
    else:  # a sentence a row stacked every row into a block of 6-8 lines (p4's U3)
        caption = "Why each: 100+ columns, or -f json (reason)"
    write_table(rows, columns, out, caption=caption)


def calibration_table(rows: Shown, out: TextIO) -> None:
    def level(key: str) -> Getter:
        return lambda r: "-" if r[key] is None else r[key]

    def examples(r: Fields) -> str:
        said = [
            f"{who}: {r[key]}"
            for who, key in (("self", "self_evidence"), ("manager", "manager_evidence"))
            if r[key]
        ]
        return escape_control("; ".join(said))

    columns = [
        TableColumn("Person", lambda r: escape_control(text_of(r, "person") or "")),
        TableColumn("Skill", lambda r: r["skill"]),
        TableColumn("Self", level("self"), justify="right"),
        TableColumn("Manager", level("manager"), justify="right"),
        TableColumn(
            "Difference",
            lambda r: "" if r["difference"] is None else f"{r['difference']:+d}",
            justify="right",
        ),
    ]
    caption = "Difference = manager - self. Ratings are shown side by side, never averaged."
    if all(r["flag"] for r in rows):  # without --all: the caption says it once
        caption = f"Skills where self and manager differ by 2+ (--all: every skill). {caption}"
    else:
        columns.append(TableColumn("Flag", lambda r: "differ by 2+" if r["flag"] else ""))
    if any(r["self_evidence"] or r["manager_evidence"] for r in rows):
        # Only with something in it: an Examples column empty for everyone would push
        # the table past 80 columns into stacked blocks.
        columns.append(TableColumn("Examples", examples))
    write_table(
        rows,
        columns,
        out,
        caption=caption,
    )


def anonymous_table(rows: Sequence[Fields], out: TextIO) -> None:
    write_table(
        rows,
        [
            TableColumn("Group", lambda r: r["group"]),
            TableColumn("People", lambda r: r["people"], justify="right"),
            TableColumn("Measure", lambda r: r["measure"]),
            TableColumn("Count", lambda r: r["count"], justify="right"),
        ],
        out,
        caption="Counts only: no names. Each person is counted once.",
    )
