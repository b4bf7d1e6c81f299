"""The team sheet and the anonymous count grid, drawn as plain lines for a terminal.

Fits 80 columns and 24 lines for a team of eight with sixteen skills: people in rows
(names never cut: skills get two-character labels with a key instead), the bench under
them, then one or two lines each for what to train first, who could mentor whom and the
calibration outliers. Long lists end with how many more and where to see them.
"""

from collections.abc import Mapping, Sequence
from typing import TextIO

from csadvisor.core.rows import Fields, int_of, text_of
from csadvisor.core.teamsheet import NextStep, Sheet
from csadvisor.errors import escape_control

WIDTH = 80
MAX_LINES = 22  # 24 lines less the summary on stderr and the prompt
CELL = 3  # a level under a two-character label, right-aligned: "  4"
MIN_NEXT = 14  # narrower than this, next steps go on lines of their own


def _width(out: TextIO) -> int:
    from csadvisor.cli.render.terminal import console

    return max(40, min(WIDTH, console(out).width))


def cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cells(text))


def _cut(text: str, width: int) -> str:
    """Text no wider than ``width`` (a next step or a skill name, never a person's name)."""
    if cells(text) <= width:
        return text
    while text and cells(text) > width - 1:
        text = text[:-1]
    return text.rstrip() + "\u2026"


def fill(head: str, items: Sequence[str], width: int, lines: int, more: str) -> list[str]:
    """``head`` then items separated by '; ', wrapped into at most ``lines`` lines; what
    does not fit is counted: "+3 more (more)". An item is never split."""
    out: list[str] = []
    line, fresh = head, True
    for i, item in enumerate(items):
        rest = len(items) - i - 1
        after = f"; +{rest} more" if rest else ""  # the shortest way to count the rest
        placed = False
        for _ in range(2):  # on this line, else on a new one
            last = len(out) >= lines - 1
            candidate = line + ("" if fresh else "; ") + item
            # room for the ";" this line ends with if the next item goes on a new one
            fits = cells(candidate) + (1 if rest and not last else 0) <= width
            if fits and (not last or cells(candidate + after) <= width):
                line, fresh, placed = candidate, False, True
                break
            if last or not line.strip():
                break
            out.append(line.rstrip() + ("" if fresh else ";"))
            line, fresh = "  ", True
        if not placed:
            counted = f"+{len(items) - i} more"
            line = line + ("" if fresh else "; ") + counted
            if more and cells(f"{line} ({more})") <= width:
                line += f" ({more})"
            break
    out.append(line.rstrip())
    return out


def sheet(data: Sheet, out: TextIO, *, show_files: bool = False, above: Sequence[str] = ()) -> None:
    """``above``: the notices printed on stderr before the sheet (a date in the future, a
    skipped file); the sheet gives up lines for them, so its title stays on the screen."""
    width = _width(out)
    said = sum(-(-cells(f"csadvisor: {escape_control(m)}") // width) for m in above)
    lines = _sheet_lines(data, width, show_files, MAX_LINES - said)
    out.write("\n".join(line.rstrip() for line in lines) + "\n")


def _sheet_lines(
    data: Sheet, width: int, show_files: bool, max_lines: int = MAX_LINES
) -> list[str]:
    names = [escape_control(p.person) for p in data.people]
    name_w = max([cells(n) for n in names] + [cells("Bench 3+"), 6])
    raters = {p.rater for p in data.people}
    by = len(raters) > 1  # a rater column only when they differ
    left = name_w + (3 if by else 0)  # the name, then " m " (manager), " s " or " p "
    grid_w = CELL * len(data.skills)
    per_line = max(1, (width - left) // CELL)
    chunks = [data.skills[i : i + per_line] for i in range(0, len(data.skills), per_line)]
    next_w = width - left - grid_w - 1 if len(chunks) == 1 else 0
    inline_next = next_w >= MIN_NEXT
    people = len(data.people)
    whose = (
        "By: m manager, s self, p peer"
        if by
        else {"manager": "manager's ratings", "self": "own ratings", "peer": "peer ratings"}[
            next(iter(raters), "self")
        ]
    )
    lines = [
        _cut(
            f"Team sheet: {people} {'person' if people == 1 else 'people'}, "
            f"{len(data.skills)} skills, levels 1-5 ({whose})",
            width,
        )
    ]
    for chunk in chunks:
        head = _pad("Person", name_w) + (" By" if by else "")
        head += "".join(f"{s.label:>{CELL}}" for s in chunk)
        if inline_next:
            head += " Next step"
        lines.append(head)
        for name, p in zip(names, data.people, strict=True):
            row = _pad(name, name_w) + (f"  {p.rater[0]}" if by else "")
            row += "".join(f"{_level(p.ratings.get(s.id)):>{CELL}}" for s in chunk)
            if inline_next:
                row += " " + _next(p.next, next_w)
            lines.append(row.rstrip())
        lines.append(
            _pad(f"Bench {data.level}+", name_w)
            + ("   " if by else "")
            + "".join(_bench(data, s.id) for s in chunk)
        )
        note = f"  ! under {data.min_holders}"
        if data.single_points and cells(lines[-1] + note) <= width:
            lines[-1] += note
    # Below the grid: next steps (up to 3 lines), the key (5), then 3 to 6 lines of
    # actions; with notices above the sheet, next steps give way first, then the key.
    files = len(names) + 1 if show_files else 0
    spare = max_lines - len(lines) - files - 3
    next_lines = 0 if inline_next else max(1, min(3, spare - 5))
    key_lines = max(2, min(5, spare - next_lines))
    if next_lines:
        lines += fill(
            "Next: ",
            [f"{n} {_next(p.next, width)}" for n, p in zip(names, data.people, strict=True)],
            width,
            next_lines,
            "--view next",
        )
    key = [f"{s.label} {escape_control(s.short)}" for s in data.skills]
    lines += fill("Key: ", key, width, key_lines, "--view sheet -f json")
    more = "More: --view coverage|next|calibration, --show-files, --view sheet -f json"
    caps = [2, 2, 2]  # train first, mentors, calibration: shrunk to fit the screen
    room = max_lines - len(lines) - 1 - files
    for i in (1, 2, 0):  # mentors give way first, what to train last
        if sum(caps) > room and caps[i] > 1:
            caps[i] -= 1
    lines += _actions(data, width, caps)
    if show_files:  # asked for: every file, one person a line, never "+N more"
        lines.append("Files:")
        lines += [
            f"  {n}: {escape_control(p.source)}" for n, p in zip(names, data.people, strict=True)
        ]
    if len(lines) < max_lines or show_files:
        lines.append(_cut(more, width))
    return lines


def _bench(data: Sheet, skill: str) -> str:
    mark = "!" if skill in data.single_points else ""
    return f"{data.bench[skill]}{mark}".rjust(CELL)


def _level(level: int | None) -> str:
    return "-" if level is None else str(level)


def _next(step: NextStep | None, width: int) -> str:
    """``78% Senior customer service specialist``, or its shortest alias where that does
    not fit ("78% Senior CSR"), cut only as a last resort."""
    if step is None:
        return _cut("top of the track", width)
    for title in (step.title, step.short_title):
        said = f"{step.readiness}% {escape_control(title)}"
        if cells(said) <= width:
            return said
    return _cut(said, width)


def _label(data: Sheet, skill: str) -> str:
    return next((s.label for s in data.skills if s.id == skill), skill)


def _short(data: Sheet, skill: str) -> str:
    return next((escape_control(s.short) for s in data.skills if s.id == skill), skill)


def _actions(data: Sheet, width: int, caps: list[int]) -> list[str]:
    lines: list[str] = []
    if data.target is not None and data.train:
        title = escape_control(data.target.title)
        short = escape_control(min((data.target.title, *data.target.aliases), key=len))
        why = " (most common next role)" if data.target_why != "--target" else ""
        train = [f"{_short(data, t.skill)} ({t.below} below {t.required})" for t in data.train]
        # The role's title, then without the reason, then its shortest alias, as room
        # allows: a line that names no skill ("Train first for X: +3 more") says nothing,
        # and an alias ("Support Manager") is not the role the lead asked for unless needed.
        heads = [f"Train first for {title}{why}: ", f"Train first for {title}: "]
        heads += [f"Train first for {short}{why}: ", f"Train first for {short}: "]
        for head in heads:
            got = fill(head, train, width, caps[0], "--view target")
            if not got[0].startswith(head + "+"):
                break
        lines += got
    elif data.target is not None:
        lines.append(_cut(f"Train first: everyone meets {data.target.title}", width))
    mentors = [
        f"{escape_control(m.mentor)} -> {escape_control(m.mentee)}, {_label(data, m.skill)} "
        f"{m.mentor_level} vs {m.mentee_level}"
        for m in data.mentoring
    ]
    if mentors:
        lines += fill("Could mentor: ", mentors, width, caps[1], "--view sheet -f json")
    else:
        lines.append("Could mentor: no one at level 4+ with someone 2+ below")
    outliers = [
        f"{escape_control(o.person)} {_label(data, o.skill)} {o.self_level} vs {o.manager_level}"
        for o in data.outliers
    ]
    if outliers:
        lines += fill("Self vs manager, 2+ apart: ", outliers, width, caps[2], "--view calibration")
    return lines


def anonymous_grid(
    rows: Sequence[Fields], out: TextIO, names: Mapping[str, str], level: int
) -> None:
    """Skills down the side, levels across: how many people rate each level (no names)."""
    width = _width(out)
    by_skill: dict[str, dict[str, int]] = {}
    people = 0
    for r in rows:
        group, measure = text_of(r, "group") or "", text_of(r, "measure") or ""
        by_skill.setdefault(group, {})[measure] = int_of(r, "count") or 0
        people = int_of(r, "people") or 0
    heads = ["1", "2", "3", "4", "5", f"{level}+"]
    measures = [f"level {k}" for k in range(1, 6)] + [f"at level {level} or more"]
    name_w = min(max([cells(names.get(g, g)) for g in by_skill] + [5]), width - 4 * len(heads))
    lines = [
        _cut(f"{people} people, each counted once: how many at each level (no names)", width),
        _pad("Skill", name_w) + "".join(f"{h:>4}" for h in heads),
    ]
    for group, counts in by_skill.items():
        label = _pad(_cut(escape_control(names.get(group, group)), name_w), name_w)
        lines.append(label + "".join(f"{counts.get(m, 0):>4}" for m in measures))
    out.write("\n".join(lines) + "\n")
