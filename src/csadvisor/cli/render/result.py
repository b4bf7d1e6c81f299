"""An assessment result on a terminal: a short summary, then the details.

The Markdown plan for a manager is in ``render.plan``.

The summary is what a person sees first (it fits about 12 lines of an 80x24 terminal);
the details (every role, the whole profile, every action) follow with ``--details``, in
``history show`` and in the exported plan.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from csadvisor.cli.render.terminal import bullets, console, level_bar, money, text
from csadvisor.errors import escape_control

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from csadvisor.core.result import LocalPay, Result, RoleReadiness, TopGap

SUMMARY_GAPS = 3  # gaps (each with one action) the summary shows, if they fit
SUMMARY_LINES = 12  # the summary's height at 80 columns, so it fits a 24-row terminal


def pay_line(result: "Result") -> str:
    """The summary's pay line, built here and only here (local medians replace it).

    A newcomer sees the suggested role's published starting range; someone in a role sees
    the change at the midpoints of the two published ranges. Each figure names its source.
    """
    item = result.pointed_to()
    if item is None:
        return ""
    if result.local_pay is not None:
        return local_pay_line(result.local_pay, item.title)
    gain = item.pay_gain
    if not result.has("target_pay"):  # saved before ranges were kept with the result
        if gain is None:
            return "Pay change: no published range to compare."
        return f"Pay change: {'+' if gain >= 0 else '-'}${abs(gain):,.0f} a year at the midpoint."
    pay = result.target_pay
    if pay is None:
        return f"Pay: no published range for {item.title}."
    cur, per = pay.currency, pay.period
    source = pay.source if str(pay.year) in pay.source else f"{pay.source} {pay.year}"
    where = f"{pay.region} {pay.basis}, {source}"
    if result.role is None:
        low, high = money(pay.low, cur, per), money(pay.high, cur, per)
        return f"Starting pay: {low} - {high} a {per} ({where})."
    if gain is None:
        return (
            f"Pay: {item.title} starts at {money(pay.low, cur, per)} - "
            f"{money(pay.high, cur, per)} a {per} ({where}); your role has no published range."
        )
    sign = "+" if gain >= 0 else "-"
    return (
        f"Pay change: {sign}{money(abs(gain), cur, per)} a {per} at the midpoint of the "
        f"published ranges ({where})."
    )


def local_pay_line(local: "LocalPay", title: str) -> str:
    """The pay line from local BLS medians (``--location``): every figure with its area,
    source and basis; a change is median-to-median, never a promised raise."""
    labels = f"{local.area}, {local.source}, {local.basis}"
    note = f"; {local.note}" if local.note else ""
    if local.current_role is not None:
        change = local.median_change
        if change is None and "same BLS occupation" in (local.note or ""):
            return f"Local pay: {local.note} ({local.area}, {local.source})."
        if change is None:
            return f"Local pay: no median to compare in {local.asked_area}{note}."
        sign = "+" if change >= 0 else "-"
        return (
            f"Local pay change: {sign}{money(abs(change), 'USD', 'year')} a year, "
            f"median-to-median, not a promised raise ({labels}{note})."
        )
    if local.median_to is None:
        return f"Local pay: no published figure for {title} in {local.asked_area}{note}."
    median = money(local.median_to, "USD", "year")
    if local.p25 is None or local.p75 is None:
        return f"Local pay for {title}: median {median} a year ({labels}{note})."
    low, high = money(local.p25, "USD", "year"), money(local.p75, "USD", "year")
    return (
        f"Local pay for {title}: {low} - {high} a year (25th-75th percentile), "
        f"median {median} ({labels}{note})."
    )


def write_summary(result: "Result", out: TextIO, *, more: str = "", plain: bool = False) -> None:
    """The first screen: where to go next, how ready, what to work on first, the pay change.

    ``more`` says where the details are (it depends on the command and on whether the
    assessment was saved). ``plain`` writes text only, for screen readers. Three gaps are
    shown if the summary still fits in :data:`SUMMARY_LINES` lines, else two.
    """
    con = console(out, plain=plain)
    for count in range(SUMMARY_GAPS, 1, -1):
        with con.capture() as captured:
            con.print(_summary(result, con, more, count))
        drawn = captured.get()
        if drawn.count("\n") <= SUMMARY_LINES:
            break
    out.write("\n".join(line.rstrip(" ") for line in drawn.split("\n")))
    out.flush()


def _summary(result: "Result", con: "Console", more: str, gap_count: int) -> "RenderableType":
    from rich.console import Group
    from rich.padding import Padding

    parts: list[RenderableType] = []
    if who(result):  # someone else's assessment, or a manager's: say so first
        parts.append(text(escape_control(who(result)), "bold"))
    suggestion = result.suggestion
    if suggestion:
        head = text("Suggested next role: ", "bold")
        head.append(text(suggestion.title, "bold cyan"))
        parts.append(head)
        parts.append(Padding(text(_readiness_words(suggestion)), (0, 0, 0, 2)))
        pay = pay_line(result)
        if pay:
            parts.append(Padding(text(pay), (0, 0, 0, 2)))
        gaps = result.top_gaps[:gap_count]
        if gaps:
            parts.append(text("Work on first:", "bold"))
            parts.append(Padding(_numbered([_gap_with_action(g) for g in gaps], con), (0, 0, 0, 2)))
    else:
        parts += _top_of_track(result, con)
    if more:
        parts.append(text(more, "dim"))
    return Group(*parts)


def _readiness_words(item: "RoleReadiness") -> str:
    words = f"{item.readiness}% ready ({item.band}), meets {item.met} of "
    words += f"{item.required} requirements"
    if item.held_back:
        words += f"; {item.held_back}"
    return words


def _gap_with_action(gap: "TopGap") -> "Text":
    line = text(f"{gap.name} {gap.rating} -> {gap.required}", "bold")
    if gap.growth:  # the shortest action, so three fit on one screen; the plan has all
        line.append(text(f": {min(gap.growth, key=len)}"))
    return line


def _numbered(items: Sequence["RenderableType"], con: "Console") -> "RenderableType":
    """A numbered list whose wrapped lines hang under the text."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for number, item in enumerate(items, 1):
        grid.add_row(text(f"{number}."), item)
    return grid


def _top_of_track(result: "Result", con: "Console") -> list["RenderableType"]:
    """No step up: lateral moves (most ready, then most overlap) and the strongest skills."""
    from rich.padding import Padding

    where = result.role_title or "This role"
    parts: list[RenderableType] = [text(f"{where} is the top of its track.", "bold")]
    lateral = result.lateral
    if lateral:
        parts.append(text("Lateral moves:", "bold"))
        moves = [
            text(f"{m.title}: {m.readiness}% ready ({m.band}), {m.overlap}% skill overlap")
            for m in lateral[:SUMMARY_GAPS]
        ]
        parts.append(Padding(_numbered(moves, con), (0, 0, 0, 2)))
        parts.append(Padding(text(pay_line(result)), (0, 0, 0, 2)))
    else:
        parts.append(text("No other role at the same or a higher level in this catalogue."))
    strengths = result.strengths
    if strengths:
        shown = ", ".join(f"{s.name} {s.rating}" for s in strengths)
        parts.append(text(f"Your strongest skills: {shown}"))
    return parts


def who(result: "Result") -> str:
    """Whom the assessment is about and who rated, when that was said ("" for oneself)."""
    from csadvisor.core.models import DEFAULT_RATER

    name, rater = result.name, result.rater or DEFAULT_RATER
    if not name and rater == DEFAULT_RATER:
        return ""
    about = f"About {name}" if name else "About this person"
    return f"{about}, rated by {'themselves' if rater == 'self' else 'a ' + rater}"


def evidence_items(result: "Result") -> list[tuple[str, int, str]]:
    """(skill name, rating, example) for each rating given an example, in profile order."""
    examples = result.evidence
    return [
        (row.name, row.rating, examples[row.skill])
        for row in result.profile
        if row.skill in examples
    ]


def _evidence_parts(result: "Result", con: "Console") -> list["RenderableType"]:
    """The examples behind ratings: data, so control characters escaped, never markup."""
    from rich.padding import Padding

    parts: list[RenderableType] = []
    items = evidence_items(result)
    if items:
        parts.append(text("Examples behind the ratings", "bold"))
        lines = [text(escape_control(f"{n} ({r}): {e}")) for n, r, e in items]
        parts.append(Padding(bullets(lines, con), (0, 0, 1, 2)))
    return parts


def write_result(result: "Result", out: TextIO, *, plain: bool = False) -> None:
    """The details: the whole profile, every role's readiness, every gap and action."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table

    con = console(out, plain=plain)
    suggestion = result.suggestion
    parts: list[RenderableType] = []
    if who(result):
        parts.append(Padding(text(escape_control(who(result)), "bold"), (0, 0, 1, 0)))
    head = text("Your skills profile", "bold")
    if suggestion:
        head.append(text(f"  compared with {suggestion.title}", "dim"))
    parts.append(head)
    grid = Table.grid(padding=(0, 2))
    grid.add_column()
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    for row in result.profile:
        need = row.required
        # Plain mode says the level in words: a screen reader would spell out a bar.
        bar = text("" if plain else level_bar(row.rating, con) + " ", "cyan")
        bar.append(text(f"{row.rating}" if not plain else f"level {row.rating}"))
        if need is None:
            status = text("")
        elif row.rating >= need:
            status = text(f"needs {need}  ok", "green")
        else:
            status = text(f"needs {need}  gap {need - row.rating}", "yellow")
        grid.add_row(text(row.name), bar, status)
    parts.append(Padding(grid, (0, 0, 1, 2)))

    parts.append(text("Readiness", "bold"))
    table = Table.grid(padding=(0, 2))
    table.add_column()
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column()
    band_style = {"ready": "green", "close": "yellow", "stretch": "red"}
    for item in result.readiness:
        why = item.reason
        if item.held_back:
            why += f"; stretch while {item.held_back}"
        table.add_row(
            text(item.title),
            text(f"{item.readiness}%"),
            text(item.band, band_style.get(item.band, "")),
            text(why, "dim"),
        )
    if not result.readiness:
        table.add_row(text("no further role on this track"), text(""), text(""), text(""))
    parts.append(Padding(table, (0, 0, 1, 2)))
    if result.lateral:
        parts.append(text("Lateral moves (same or higher level)", "bold"))
        moves = Table.grid(padding=(0, 2))
        moves.add_column()
        moves.add_column(justify="right", no_wrap=True)
        moves.add_column(no_wrap=True)
        moves.add_column(no_wrap=True)
        for m in result.lateral:
            moves.add_row(
                text(m.title),
                text(f"{m.readiness}%"),
                text(m.band, band_style.get(m.band, "")),
                text(f"{m.overlap}% skill overlap", "dim"),
            )
        parts.append(Padding(moves, (0, 0, 1, 2)))

    if suggestion:
        line = text("Suggested next role: ", "bold")
        line.append(text(suggestion.title, "bold cyan"))
        line.append(text(f"  {suggestion.readiness}% ({suggestion.band})"))
        parts.append(line)
        parts.append(Padding(text(f"{suggestion.reason}; {pay_line(result)}"), (0, 0, 1, 2)))
    else:
        parts.append(text("No next role: this is the top of its track.", "bold"))
        if result.strengths:
            shown = ", ".join(f"{s.name} {s.rating}" for s in result.strengths)
            parts.append(Padding(text(f"Your strongest skills: {shown}"), (0, 0, 0, 2)))
        if result.lateral:
            parts.append(Padding(text(pay_line(result)), (0, 0, 0, 2)))
        parts.append(text(""))

    if result.top_gaps:
        parts.append(text("What to work on", "bold"))
        rows: list[RenderableType] = []
        for gap in result.top_gaps:
            title = text(f"{gap.name}: {gap.rating} -> {gap.required}", "bold")
            rows.append(title)
            rows.append(
                Padding(text(f"Next level looks like: {gap.next_level}", "dim"), (0, 0, 0, 2))
            )
            rows.append(Padding(bullets(gap.growth, con), (0, 0, 0, 2)))
        parts.append(Padding(Group(*rows), (0, 0, 1, 2)))
    parts += _evidence_parts(result, con)
    parts.append(text(f"How readiness is computed: {result.formula}.", "dim"))
    con.print(Group(*parts))
