"""A person's plan as one HTML page (two printed pages at most): who, where to, how ready
and why, the skills gap as a chart with its table, what to work on first, local pay with
its labels, and two boxes to fill in at the one-to-one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from csadvisor.cli.render.html.charts import LevelPair, level_chart
from csadvisor.cli.render.html.page import Column, Html, document, esc, facts, table, tag
from csadvisor.cli.render.html.page import writing_box as box

if TYPE_CHECKING:
    from csadvisor.core.result import ProfileItem, Result, RoleReadiness

BLANK = "\u2002" * 16  # a name to write in by hand: a printed blank, not an underscore run

# The plan's own print rules: two pages at most (A4 or Letter) for the longest plan the
# data allows (sixteen skills, each with a 300-character example), body text at least
# 8 pt and the chart's labels at least 7 pt (the chart at 90% of its size). The gap table
# with examples prints each skill as one run-in paragraph (name, then its example) with
# its three numbers in columns at the right of the first line, so an example fills whole
# lines; the header row still repeats on the next page. Pay and the readiness for each
# role sit beside the two boxes, which stack in a narrower column.
PRINT_CSS = """
@page{margin:7mm 9mm}
@media print{
body{font-size:8.5pt;line-height:1.15}
h1{font-size:14pt;margin:0}
h2{font-size:10.5pt;margin:.3rem 0 .15rem;border-bottom-width:1.5px}
h3{font-size:9pt;margin:.3rem 0 .05rem}
p{margin:.1rem 0}
.small,table{font-size:8pt}
table{margin:.15rem 0 .3rem}
caption{padding:0 0 .1rem}
.facts{margin:.1rem 0}
figure{margin:.2rem 0;display:flex;align-items:flex-end;gap:.8rem}
figure svg{width:576px;flex:none}
.todo{margin:0}
.pay thead th:first-child{width:38%}
.closing{display:grid;grid-template-columns:minmax(0,12fr) minmax(0,7fr);column-gap:.8rem;
align-items:start}
.closing>.boxes{flex-direction:column;gap:.5rem;margin:.5rem 0 0}
.examples tr{display:block;position:relative;padding:.05rem .2rem;line-height:1.15;
border:1px solid #6e6e6e;border-top:0}
.examples thead tr{background:#ececec;border-top:1px solid #6e6e6e}
.examples tr::before{content:"";float:right;width:11.2em;height:1em}
.examples th,.examples td{display:inline;border:0;padding:0;background:none}
.examples tr>:last-child:not(:empty)::before{content:" \\2013  "}
.examples .n{position:absolute;top:.05rem;white-space:nowrap}
.examples .n:nth-child(2){right:8.7em;width:2.2em}
.examples .n:nth-child(3){right:2.9em;width:5.4em}
.examples .n:nth-child(4){right:.3em;width:2.2em}
.ruled{height:1.5rem}
.boxes{margin:.5rem 0}
}
"""


def plan_html(result: Result, *, saved: bool = True, generator: str = "") -> str:
    """The whole page for one assessment result (``assess -f json`` shape).

    ``saved``: the assessment id is shown only when it can be looked up.
    """
    from csadvisor.cli.render.plan import first_person
    from csadvisor.core.advisor import timeframe

    item = result.pointed_to()
    name = result.name
    parts: list[str] = [tag("h1", "My career development plan")]
    about: list[tuple[object, object]] = [
        ("Name", name or Html(f'<span class="blank">{BLANK}</span>')),
        ("Date", result.created[:10]),
    ]
    if saved:
        about.append(("Assessment", result.id))
    rater = result.rater or "self"
    if name or rater != "self":
        about.append(("Rated by", "themselves" if rater == "self" else f"a {rater}"))
    parts.append(facts(about))

    parts.append(tag("h2", "Where I am and where I want to go"))
    roles: list[tuple[object, object]] = [
        ("Current role", result.role_title or "not in customer service yet")
    ]
    if item is not None:
        kind = "Target role" if result.suggestion else "Target role (a lateral move)"
        roles.append((kind, item.title))
    else:
        roles.append(("Target role", "none found (no role at the same or a higher level)"))
    parts.append(facts(roles))
    if item is not None:
        parts.append(
            Html(
                f'<p><span class="big">{int(item.readiness)}% ready</span> '
                f"({esc(item.band)}): {esc(item.reason)}.</p>"
            )
        )
        if item.held_back:
            parts.append(tag("p", f"Held at stretch while {item.held_back}."))
    parts.append(
        Html(f'<p class="small muted">How readiness is computed: {esc(result.formula)}.</p>')
    )
    if result.strengths:
        shown = ", ".join(f"{s.name} ({s.rating})" for s in result.strengths)
        parts.append(tag("p", f"My strongest skills: {shown}."))

    parts.append(_gap_section(result, item))

    gaps = result.top_gaps
    parts.append(tag("h2", "What I will work on first"))
    if gaps:
        for number, gap in enumerate(gaps[:3], 1):
            size = gap.required - gap.rating
            actions = "".join(tag("li", first_person(g)) for g in gap.growth)
            parts.append(
                Html(
                    '<div class="keep">'
                    + tag(
                        "h3",
                        f"{number}. {gap.name}: from level {gap.rating} to {gap.required}",
                    )
                    + tag(
                        "p",
                        f"Suggested timeframe: {timeframe(size)} (csadvisor's own planning "
                        f"guide). What the next level looks like: {gap.next_level}",
                    )
                    + f'<ul class="todo">{actions}</ul></div>'
                )
            )
    else:
        parts.append(tag("p", "Keep my skills at the level my role needs."))

    # Pay and the readiness for each role, then the two boxes: side by side in print.
    pay = _pay_section(result, item)
    parts.append(
        Html(
            f'<div class="{"closing" if pay else "end"}"><div>{pay}{_roles_section(result)}</div>'
            f'<div class="boxes">{box("Support I need", "support")}'
            f"{box('Agreed next steps', 'agreed')}</div></div>"
        )
    )
    title = f"Career development plan{': ' + name if name else ''}"
    return document(title, Html("".join(parts)), generator=generator, css=PRINT_CSS)


def gap_pairs(result: Result) -> list[tuple[LevelPair, ProfileItem]]:
    """The profile in the chart's order: skills the target needs, biggest gap first, then
    the others (each with its profile row)."""
    rows = list(result.profile)
    needed = [r for r in rows if r.required is not None]
    needed.sort(key=lambda r: -max((r.required or 0) - r.rating, 0))  # stable: profile order
    rest = [r for r in rows if r.required is None]
    return [(LevelPair(r.name, r.rating, r.required), r) for r in [*needed, *rest]]


def _gap_section(result: Result, item: RoleReadiness | None) -> Html:
    pairs = gap_pairs(result)
    target = item.title if item is not None else "my current role"
    title = (
        f"Skills gap chart: my level and the level {target} needs, per skill, on a scale of "
        "1 to 5. The table below it has the same numbers."
    )
    examples = result.evidence
    columns = [Column("Skill"), Column("Me", True), Column("Needed", True), Column("Gap", True)]
    if examples:
        columns.append(Column("Example behind my rating"))
    rows = []
    for pair, row in pairs:
        gap = "" if pair.required is None else max(pair.required - (pair.current or 0), 0)
        cells: list[object] = [
            pair.label,
            pair.current,
            "not needed" if pair.required is None else pair.required,
            gap,
        ]
        if examples:
            cells.append(examples.get(row.skill, ""))
        rows.append(cells)
    return Html(
        tag("h2", f"My skills against {target}")
        + '<figure class="keep">'
        + level_chart([p for p, _ in pairs], "gap-chart", title)
        + tag(
            "figcaption",
            "Solid bar: my level. Outline bar: the level needed. Each bar's number is "
            "written beside it.",
            class_="small muted",
        )
        + "</figure>"
        + table(
            columns,
            rows,
            caption="My skills, level needed and gap (levels 1 to 5)",
            class_="examples" if examples else None,
            id_="gap-table",
        )
    )


def _pay_section(result: Result, item: RoleReadiness | None) -> Html:
    """Pay with every figure's labels: area, source, basis; a change is never a promise."""
    from csadvisor.cli.render.result import pay_line
    from csadvisor.cli.render.terminal import money

    if item is None:
        return Html("")
    local = result.local_pay
    rows: list[tuple[object, object]] = []
    if local is not None:
        area = local.area
        if local.asked_area != area:
            area = f"{area} (nearest with figures for {local.asked_area})"
        rows.append(("Area", area))
        if local.current_role is not None:
            rows.append((f"Median, {result.role_title}", _usd(local.median_from)))
        rows.append((f"Median, {item.title}", _usd(local.median_to)))
        if local.current_role is not None:
            change = local.median_change
            shown = "no median to compare" if change is None else _usd(change, signed=True)
            rows.append(("Change, median to median", f"{shown} a year ({local.change_basis})"))
        if local.p25 is not None and local.p75 is not None:
            rows.append(
                (
                    f"25th to 75th percentile, {item.title}",
                    f"{_usd(local.p25)} to {_usd(local.p75)} a year",
                )
            )
        rows += [("Source", local.source), ("Basis", local.basis)]
        if local.note:
            rows.append(("Note", local.note))
    elif result.target_pay:
        pay = result.target_pay
        cur, per = pay.currency, pay.period
        rows.append(
            (
                f"Published starting range, {item.title}",
                f"{money(pay.low, cur, per)} to {money(pay.high, cur, per)} a {per}",
            )
        )
        if item.pay_gain is not None and result.role is not None:
            rows.append(
                (
                    "Change at the midpoints of the published ranges",
                    f"{'+' if item.pay_gain >= 0 else '-'}"
                    f"{money(abs(item.pay_gain), cur, per)} a {per}",
                )
            )
        rows += [
            ("Region", pay.region),
            ("Basis", pay.basis),
            ("Source", f"{pay.source} ({pay.year})"),
        ]
    if not rows:
        return Html(tag("h2", "Pay") + tag("p", pay_line(result)))
    return Html(tag("h2", "Pay") + table([Column("Figure"), Column("Value")], rows, class_="pay"))


def _usd(value: float | None, *, signed: bool = False) -> str:
    from csadvisor.cli.render.terminal import money

    if value is None:
        return "no figure"
    sign = ("+" if value >= 0 else "-") if signed else ""
    return sign + money(abs(value) if signed else value, "USD", "year")


def _roles_section(result: Result) -> Html:
    rows = [
        (r.title, f"{r.readiness}%", r.band, f"{r.met} of {r.required}")
        for r in (*result.readiness, *result.lateral)
    ]
    if not rows:
        return Html("")
    return Html(
        tag("h2", "My readiness for each role")
        + table(
            [Column("Role"), Column("Readiness", True), Column("Band"), Column("Met", True)],
            rows,
            class_="details",
        )
    )
