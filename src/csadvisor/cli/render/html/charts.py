"""Charts as inline SVG, written here (no plotting library): the charts are few and simple.

Each chart is a picture of a table printed right below it with the same numbers, so the
chart is ``role="img"`` with a title saying so; every bar also carries its number as text,
and the two bars of a pair differ in fill (solid or outline) and position, not only in
colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from csadvisor.cli.render.html.page import Html, esc
from csadvisor.plain import Plain

WIDTH = 640
LABEL_WIDTH = 232  # skill names of up to ~36 characters a line, two lines
PLOT_X = 240
PLOT_WIDTH = 280
VALUE_X = PLOT_X + PLOT_WIDTH + 8
TOP = 32  # room for the legend and the scale
LINE_CHARS = 36
ONE_LINE = 16  # a level chart row's height with a label of one line
TWO_LINES = 23  # and of two
DARK = "#1a1a1a"
SOLID = "#2f5c9e"


class LevelPair(Plain):
    """One skill in the gap chart: the person's level and the level the role needs."""

    label: str
    current: int | None  # None: not rated
    required: int | None  # None: the target role does not need it


class Percent(Plain):
    """One bar in a readiness chart."""

    label: str
    percent: int
    note: str  # the band ("ready", "close", "stretch"), shown beside the number


def label_lines(label: str, width: int = LINE_CHARS) -> list[str]:
    """A label in at most two lines of ``width`` characters, cut at spaces; what does not
    fit ends in an ellipsis (the table below the chart has the whole name)."""
    words = label.split()
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    if len(lines) > 2 or any(len(line) > width for line in lines[:2]):
        second = " ".join(lines[1:]) if len(lines) > 1 else ""
        first = lines[0]
        if len(first) > width:
            return [first[: width - 1] + "\u2026"]
        if len(second) > width:
            second = second[: width - 1] + "\u2026"
        return [first, second]
    return lines


def _label(x: int, y: float, label: str) -> str:
    lines = label_lines(label)
    if len(lines) == 1:
        return f'<text class="label" x="{x}" y="{y + 4:g}" text-anchor="end">{esc(lines[0])}</text>'
    shifts = zip((0, 11), lines, strict=True)
    spans = "".join(f'<tspan x="{x}" dy="{dy}">{esc(line)}</tspan>' for dy, line in shifts)
    return (
        f'<text class="label" x="{x}" y="{y - 1.5:g}" text-anchor="end" font-size="11">'
        f"{spans}</text>"
    )


def _scale(ticks: Sequence[int], top: int, bottom: int, span: int, suffix: str = "") -> str:
    parts = []
    for t in ticks:
        x = PLOT_X + round(PLOT_WIDTH * t / span)
        parts.append(
            f'<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="#b0b0b0" '
            'stroke-width="1"/>'
            f'<text x="{x}" y="{top - 4}" text-anchor="middle" font-size="11">{t}{suffix}</text>'
        )
    return "".join(parts)


def _svg(ident: str, title: str, height: int, inner: str) -> Html:
    return Html(
        f'<svg role="img" aria-labelledby="{ident}-t" '
        f'id="{ident}" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'font-size="12"><title id="{ident}-t">{esc(title)}</title>{inner}</svg>'
    )


def level_chart(pairs: Sequence[LevelPair], ident: str, title: str) -> Html:
    """Per skill, two bars on a 0-5 scale: the person's level (solid) and the level needed
    (outline), each followed by its number. A row is as tall as its label: one line or two
    (so sixteen skills still print on part of a page at a readable size)."""
    pitches = [ONE_LINE if len(label_lines(p.label)) == 1 else TWO_LINES for p in pairs]
    height = TOP + sum(pitches) + 4
    unit = PLOT_WIDTH / 5
    legend = (
        f'<rect x="{PLOT_X}" y="2" width="14" height="9" fill="{SOLID}"/>'
        f'<text x="{PLOT_X + 18}" y="11">me (solid)</text>'
        f'<rect x="{PLOT_X + 100}" y="2.5" width="14" height="8" fill="#fff" stroke="{DARK}" '
        'stroke-width="1.5"/>'
        f'<text x="{PLOT_X + 118}" y="11">needed (outline)</text>'
    )
    rows = []
    top = TOP
    for p, pitch in zip(pairs, pitches, strict=True):
        mid = top + pitch / 2
        y = mid - 6
        bars = []
        if p.current:
            bars.append(
                f'<rect x="{PLOT_X}" y="{y:g}" width="{unit * p.current:.0f}" height="6" '
                f'fill="{SOLID}"/>'
            )
        if p.required:
            bars.append(
                f'<rect x="{PLOT_X}" y="{y + 7.5:g}" width="{unit * p.required:.0f}" '
                f'height="4.5" fill="#fff" stroke="{DARK}" stroke-width="1.5"/>'
            )
        me = "not rated" if p.current is None else f"me {p.current}"
        need = "not needed" if p.required is None else f"needed {p.required}"
        rows.append(
            f'<g class="row">{_label(LABEL_WIDTH, mid, p.label)}{"".join(bars)}'
            f'<text class="value" x="{VALUE_X}" y="{mid + 4:g}">{me}, {need}</text></g>'
        )
        top += pitch
    inner = legend + _scale(range(6), TOP, height - 2, 5) + "".join(rows)
    return _svg(ident, title, height, inner)


def percent_chart(bars: Sequence[Percent], ident: str, title: str) -> Html:
    """One bar per row on a 0-100% scale, each followed by its percentage and note."""
    pitch = 24
    height = TOP - 12 + pitch * len(bars) + 4
    rows = []
    for i, b in enumerate(bars):
        y = TOP - 12 + 6 + i * pitch
        width = round(PLOT_WIDTH * max(0, min(b.percent, 100)) / 100)
        rows.append(
            f'<g class="row">{_label(LABEL_WIDTH, y + 6, b.label)}'
            f'<rect x="{PLOT_X}" y="{y}" width="{width}" height="12" fill="{SOLID}"/>'
            f'<text class="value" x="{VALUE_X}" y="{y + 10}">{b.percent}% {esc(b.note)}</text>'
            "</g>"
        )
    inner = _scale((0, 25, 50, 75, 100), TOP - 12, height - 2, 100, "%") + "".join(rows)
    return _svg(ident, title, height, inner)
