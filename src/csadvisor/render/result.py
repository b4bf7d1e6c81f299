"""An assessment result: for reading in a terminal, or as a Markdown career plan."""

from collections.abc import Mapping
from typing import Any, TextIO

from csadvisor.errors import escape_control
from csadvisor.render.terminal import bullets, console, level_bar, text


def _gain_text(gain: float | None) -> str:
    if gain is None:
        return "pay change: no published range to compare"
    sign = "+" if gain >= 0 else "-"
    return f"pay change: {sign}${abs(gain):,.0f} a year at the midpoint"


def who(result: Mapping[str, Any]) -> str:
    """Whom the assessment is about and who rated, when that was said ("" for oneself)."""
    name, rater = result.get("name"), result.get("rater") or "self"
    if not name and rater == "self":
        return ""
    about = f"About {name}" if name else "About this person"
    return f"{about}, rated by {'themselves' if rater == 'self' else 'a ' + rater}"


def evidence_items(result: Mapping[str, Any]) -> list[tuple[str, int, str]]:
    """(skill name, rating, example) for each rating given an example, in profile order."""
    examples = result.get("evidence") or {}
    return [
        (row["name"], row["rating"], examples[row["skill"]])
        for row in result["profile"]
        if row["skill"] in examples
    ]


def _evidence_parts(result: Mapping[str, Any], con: Any) -> list[Any]:
    """The examples behind ratings: data, so control characters escaped, never markup."""
    from rich.padding import Padding

    parts: list[Any] = []
    items = evidence_items(result)
    if items:
        parts.append(text("Examples behind the ratings", "bold"))
        lines = [text(escape_control(f"{n} ({r}): {e}")) for n, r, e in items]
        parts.append(Padding(bullets(lines, con), (0, 0, 1, 2)))
    return parts


def write_result(result: Mapping[str, Any], out: TextIO) -> None:
    """An assessment result for reading in a terminal: profile bars, readiness, gaps."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table

    con = console(out)
    suggestion = result.get("suggestion")
    parts: list[Any] = []
    if who(result):
        parts.append(Padding(text(escape_control(who(result)), "bold"), (0, 0, 1, 0)))
    head = text("Your skills profile", "bold")
    if suggestion:
        head.append(text(f"  compared with {suggestion['title']}", "dim"))
    parts.append(head)
    grid = Table.grid(padding=(0, 2))
    grid.add_column()
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    for row in result["profile"]:
        need = row.get("required")
        bar = text(level_bar(row["rating"], con), "cyan")
        bar.append(text(f" {row['rating']}"))
        if need is None:
            status = text("")
        elif row["rating"] >= need:
            status = text(f"needs {need}  ok", "green")
        else:
            status = text(f"needs {need}  gap {need - row['rating']}", "yellow")
        grid.add_row(text(row["name"]), bar, status)
    parts.append(Padding(grid, (0, 0, 1, 2)))

    parts.append(text("Readiness", "bold"))
    table = Table.grid(padding=(0, 2))
    table.add_column()
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column()
    band_style = {"ready": "green", "close": "yellow", "stretch": "red"}
    for item in result["readiness"]:
        table.add_row(
            text(item["title"]),
            text(f"{item['readiness']}%"),
            text(item["band"], band_style.get(item["band"], "")),
            text(item["reason"], "dim"),
        )
    if not result["readiness"]:
        table.add_row(text("no further role on this track"), text(""), text(""), text(""))
    parts.append(Padding(table, (0, 0, 1, 2)))

    if suggestion:
        line = text("Suggested next role: ", "bold")
        line.append(text(suggestion["title"], "bold cyan"))
        line.append(text(f"  {suggestion['readiness']}% ({suggestion['band']})"))
        parts.append(line)
        detail = f"{suggestion['reason']}; {_gain_text(suggestion['pay_gain'])}"
        parts.append(Padding(text(detail), (0, 0, 1, 2)))
    else:
        parts.append(Padding(text("No next role: this is the top of its track."), (0, 0, 1, 0)))

    if result["top_gaps"]:
        parts.append(text("What to work on", "bold"))
        rows: list[Any] = []
        for gap in result["top_gaps"]:
            title = text(f"{gap['name']}: {gap['rating']} -> {gap['required']}", "bold")
            rows.append(title)
            rows.append(
                Padding(text(f"Next level looks like: {gap['next_level']}", "dim"), (0, 0, 0, 2))
            )
            rows.append(Padding(bullets(gap["growth"], con), (0, 0, 0, 2)))
        parts.append(Padding(Group(*rows), (0, 0, 1, 2)))
    parts += _evidence_parts(result, con)
    parts.append(text(f"How readiness is computed: {result['formula']}.", "dim"))
    con.print(Group(*parts))


def result_markdown(result: Mapping[str, Any]) -> str:
    """A career plan in Markdown, to bring to a conversation with a manager.

    Every piece of text from data or a saved file goes through ``markdown_text``.
    """
    from csadvisor.render.markdown import markdown_text as md

    suggestion = result.get("suggestion")
    lines = ["# Career plan", ""]
    lines.append(f"- Assessment: {md(result['id'])} ({md(result['created'])})")
    if who(result):
        lines.append(f"- {md(who(result))}")
    lines.append(f"- Current role: {md(result.get('role_title') or 'not in customer service yet')}")
    if suggestion:
        lines.append(
            f"- Suggested next role: **{md(suggestion['title'])}**, {suggestion['readiness']}% "
            f"ready ({suggestion['band']}): {md(suggestion['reason'])}"
        )
        lines.append(f"- {md(_gain_text(suggestion['pay_gain']))}")
    else:
        lines.append("- Suggested next role: none (top of the track)")
    lines += ["", "## Readiness", "", "| Role | Readiness | Band | Why |", "|---|---:|---|---|"]
    for item in result["readiness"]:
        cells = [md(item["title"]), f"{item['readiness']}%", item["band"], md(item["reason"])]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "## Skills profile", "", "| Skill | Me | Needed |", "|---|---:|---:|"]
    for row in result["profile"]:
        need = "" if row["required"] is None else str(row["required"])
        lines.append(f"| {md(row['name'])} | {row['rating']} | {need} |")
    if result["top_gaps"]:
        lines += ["", "## What I will work on", ""]
        for gap in result["top_gaps"]:
            lines.append(f"### {md(gap['name'])}: {gap['rating']} -> {gap['required']}")
            lines.append("")
            lines.append(f"Next level: {md(gap['next_level'])}")
            lines.append("")
            lines += [f"- [ ] {md(g)}" for g in gap["growth"]]
            lines.append("")
    lines += evidence_markdown(result, md)
    lines += ["", f"_How readiness is computed: {md(result['formula'])}._", ""]
    return "\n".join(lines)


def evidence_markdown(result: Mapping[str, Any], md: Any) -> list[str]:
    """The plan's "Examples" section, each example through the plan's escaping, one line."""
    items = evidence_items(result)
    if not items:
        return []
    lines = ["", "## Examples behind my ratings", ""]
    for name, rating, example in items:
        flat = escape_control(" ".join(str(example).split()))  # one line, nothing raw
        lines.append(f"- {md(name)} ({rating}): {md(flat)}")
    return lines
