"""The plan a person hands to their manager: an assessment result as Markdown.

Every piece of text from data or a saved file goes through the one Markdown escaper.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from csadvisor.cli.render.markdown import markdown_text as md  # the one Markdown escaper
from csadvisor.cli.render.result import evidence_items, pay_line, who
from csadvisor.errors import escape_control

if TYPE_CHECKING:
    from csadvisor.core.result import Result

# The timeframes are csadvisor's own rule of thumb (one level: 1-3 months ...), not research.
GUIDE = "csadvisor's rough guide, not a promise or a measured figure"
_OBJECT_AFTER = {"give", "show", "tell", "help", "with", "to", "for", "let", "teach", "send"}
_PRONOUNS = {"your": "my", "yours": "mine", "yourself": "myself", "you're": "I'm"}


def first_person(action: str) -> str:
    """An action from skills.yaml in the plan's voice: "Ask your lead to show you" becomes
    "Ask my lead to show me", so the headings ("Support I need") and actions agree."""
    import re

    def swap(match: re.Match[str]) -> str:
        lead, word = match.group(1) or "", match.group(2)
        lower = word.lower()
        if lower == "you":
            before = lead.strip().lower()
            new = "me" if before in _OBJECT_AFTER else "I"
        else:
            new = _PRONOUNS[lower]
        if word.isupper() and len(word) > 1:
            new = new.upper()
        elif word[0].isupper() and new != "I":
            new = new[0].upper() + new[1:]
        return lead + new

    return re.sub(r"(\b\w+ |^)?\b(you're|yourself|yours|your|you)\b", swap, action, flags=re.I)


def result_markdown(result: "Result", *, saved: bool = True) -> str:
    """A plan a person can hand to their manager, in their own voice.

    Every piece of text from data or a saved file goes through ``markdown_text`` (``md``).
    The top three gaps come first with one suggested timeframe each; "Support I need" and
    "Agreed next steps" are left to fill in together. The details (every role, the whole
    profile, every action) follow. The assessment id is shown only if it was ``saved``:
    otherwise there is nothing to look it up by.
    """
    from csadvisor.core.advisor import timeframe

    item = result.pointed_to()
    lines = ["# My career development plan", ""]
    name = result.name
    lines.append(f"- Name: {md(name) if name else '____________________'}")
    lines.append(f"- Date: {md(result.created[:10])}")
    if saved:
        lines.append(f"- Assessment: {md(result.id)}")
    if who(result):
        lines.append(f"- {md(who(result))}")
    lines += ["", "## Where I am and where I want to go", ""]
    lines.append(f"- Current role: {md(result.role_title or 'not in customer service yet')}")
    if item is not None:
        kind = "Target role" if result.suggestion else "Target role (a lateral move)"
        lines.append(
            f"- {kind}: **{md(item.title)}**, {item.readiness}% ready ({item.band}): "
            f"{md(item.reason)}"
        )
        if item.held_back:
            lines.append(f"- Held at stretch while {md(item.held_back)}")
        lines.append(f"- {md(pay_line(result))}")
    else:
        lines.append("- Target role: none found (no role at the same or a higher level)")
    if result.strengths:
        shown = ", ".join(f"{md(s.name)} ({s.rating})" for s in result.strengths)
        lines.append(f"- My strongest skills: {shown}")

    gaps = result.top_gaps
    lines += ["", "## What I will work on first", ""]
    if gaps:
        for number, gap in enumerate(gaps[:3], 1):
            lines.append(f"### {number}. {md(gap.name)}: from level {gap.rating} to {gap.required}")
            lines += [
                "",
                f"Suggested timeframe: {timeframe(gap.required - gap.rating)} ({GUIDE}).",
                "",
            ]
            lines += [f"What the next level looks like: {md(gap.next_level)}", ""]
            lines += [f"- [ ] {md(first_person(g))}" for g in gap.growth]
            lines.append("")
    elif item is not None and item.gaps:
        for number, g in enumerate(item.gaps[:3], 1):
            size = g.required - g.rating
            lines.append(
                f"{number}. {md(g.skill)}: from level {g.rating} to {g.required} "
                f"(suggested timeframe: {timeframe(size)}, {GUIDE}; "
                f"`csadvisor skill {md(g.skill)}` "
                "lists actions)"
            )
        lines.append("")
    else:
        lines += ["- [ ] Keep my skills at the level my role needs", ""]
    lines += ["## Support I need", "", "- ", "", "## Agreed next steps", "", "- ", ""]

    lines += ["## Details", "", "### My readiness for each role", ""]
    lines += ["| Role | Readiness | Band | Why |", "|---|---:|---|---|"]
    for row in (*result.readiness, *result.lateral):
        why = row.reason + (f"; stretch while {row.held_back}" if row.held_back else "")
        cells = [md(row.title), f"{row.readiness}%", row.band, md(why)]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "### My skills profile", "", "| Skill | Me | Needed |", "|---|---:|---:|"]
    for p in result.profile:
        need = "" if p.required is None else str(p.required)
        lines.append(f"| {md(p.name)} | {p.rating} | {need} |")
    if gaps[3:]:
        lines += ["", "### More I will work on", ""]
        for gap in gaps[3:]:
            lines.append(f"#### {md(gap.name)}: from level {gap.rating} to {gap.required}")
            lines += ["", f"What the next level looks like: {md(gap.next_level)}", ""]
            lines += [f"- [ ] {md(first_person(g))}" for g in gap.growth]
            lines.append("")
    lines += evidence_markdown(result, md)
    lines += ["", f"_How readiness is computed: {md(result.formula)}._", ""]
    return "\n".join(lines)


def evidence_markdown(result: "Result", md: Callable[[str], str]) -> list[str]:
    """The plan's "Examples" section, each example through the plan's escaping, one line."""
    items = evidence_items(result)
    if not items:
        return []
    lines = ["", "## Examples behind my ratings", ""]
    for name, rating, example in items:
        flat = escape_control(" ".join(str(example).split()))  # one line, nothing raw
        lines.append(f"- {md(name)} ({rating}): {md(flat)}")
    return lines
