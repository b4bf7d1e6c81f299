"""The page every report shares: the one escaper, the document around a body, tables.

``Html`` marks text that is already markup (built here from escaped pieces); anything
else that reaches a page goes through :func:`esc`, so a name such as
``<img src=x onerror=alert(1)>`` is shown as those characters, never run or drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from csadvisor.errors import escape_control
from csadvisor.plain import Plain

#: No script, no request of any kind: styles inline, images only as data: URLs (none today).
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


class Html(str):
    """Markup built from escaped pieces: :func:`esc` passes it through unchanged."""

    __slots__ = ()


def esc(value: object) -> Html:
    """``value`` as text in HTML (element content or a quoted attribute): the one escaper.

    ``& < > " '`` become entities; control characters are shown as ``\\x1b`` (they are not
    allowed in HTML, and one in a name must be seen, not silently dropped).
    """
    if isinstance(value, Html):
        return value
    text = escape_control(str(value))
    if not any(c in text for c in "&<>\"'"):  # the usual case, and much faster
        return Html(text)
    return Html(
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


def join(parts: Iterable[object], sep: str = "") -> Html:
    """Pieces joined into markup, each one escaped unless it already is markup."""
    return Html(sep.join(esc(p) for p in parts))


def tag(name: str, content: object = "", **attrs: object) -> Html:
    """``<name attrs>content</name>``: attribute values and plain-text content escaped.

    An attribute name ending in ``_`` loses it (``class_``), ``_`` inside becomes ``-``
    (``aria_label``); a value of None or False leaves the attribute out.
    """
    shown = "".join(
        f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"'
        for k, v in attrs.items()
        if v is not None and v is not False
    )
    return Html(f"<{name}{shown}>{esc(content)}</{name}>")


class Column(Plain):
    header: str
    numeric: bool = False  # right-aligned, tabular figures


def table(
    columns: Sequence[Column],
    rows: Iterable[Sequence[object]],
    *,
    caption: object = None,
    row_headers: bool = True,
    class_: str | None = None,
    id_: str | None = None,
) -> Html:
    """A data table: a header row of ``<th scope=col>``, the first cell of each row a
    ``<th scope=row>`` (with ``row_headers``); cells are escaped unless already markup."""
    head = "".join(
        f'<th scope="col"{" class=n" if c.numeric else ""}>{esc(c.header)}</th>' for c in columns
    )
    body = []
    for row in rows:
        cells = []
        for i, (col, value) in enumerate(zip(columns, row, strict=True)):
            cls = " class=n" if col.numeric else ""
            if i == 0 and row_headers:
                cells.append(f'<th scope="row"{cls}>{esc(value)}</th>')
            else:
                cells.append(f"<td{cls}>{esc(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption is not None else ""
    attrs = (f' class="{esc(class_)}"' if class_ else "") + (f' id="{esc(id_)}"' if id_ else "")
    return Html(
        f"<table{attrs}>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def facts(items: Iterable[tuple[object, object]]) -> Html:
    """Label and value pairs (who, date, role...) as a description list."""
    return Html(
        '<dl class="facts">'
        + "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in items)
        + "</dl>"
    )


def writing_box(title: str, ident: str, lines: int = 4) -> Html:
    """A titled box with ruled lines to fill in by hand; never split across two pages."""
    ruled = '<div class="ruled"></div>' * lines
    return Html(
        f'<section class="box" aria-labelledby="{ident}">'
        f'<h2 id="{ident}">{esc(title)}</h2>{ruled}</section>'
    )


# A level's shade (1 light to 5 dark) always comes with its number: colour is never
# the only signal, and the text keeps a contrast of at least 4.5:1 on every shade.
CSS = """
:root{color-scheme:light}
*{box-sizing:border-box}
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:#1a1a1a;background:#fff;max-width:62rem;margin:1.5rem auto;padding:0 1rem}
h1{font-size:1.5rem;margin:0 0 .4rem}
h2{font-size:1.15rem;margin:1.1rem 0 .4rem;padding-bottom:.1rem;border-bottom:2px solid #1a1a1a}
h3{font-size:1rem;margin:.7rem 0 .2rem}
p{margin:.3rem 0}
.muted{color:#4a4a4a}
.small{font-size:.85em}
table{border-collapse:collapse;width:100%;margin:.3rem 0 .7rem}
caption{text-align:left;font-weight:600;padding:.2rem 0}
th,td{border:1px solid #6e6e6e;padding:.15rem .35rem;text-align:left;vertical-align:top}
thead th{background:#ececec}
tbody th{font-weight:600}
.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.facts{display:flex;flex-wrap:wrap;gap:.2rem 1.5rem;margin:.3rem 0}
.facts div{display:flex;gap:.4rem}
.facts dt{font-weight:600}
.facts dt::after{content:":"}
.facts dd{margin:0}
.blank{display:inline-block;min-width:14rem;border-bottom:1px solid #6e6e6e}
.big{font-size:1.3em;font-weight:700}
figure{margin:.4rem 0}
figcaption{font-weight:600}
svg{max-width:100%;height:auto;display:block}
svg text{font-family:inherit;fill:#1a1a1a}
.todo{list-style:none;padding-left:.2rem;margin:.2rem 0}
.todo li::before{content:"\\2610  ";font-size:1.05em}
.boxes{display:flex;gap:1rem;margin:.8rem 0;break-inside:avoid}
.box{flex:1;border:2px solid #1a1a1a;padding:.1rem .6rem .6rem}
.box h2{border:0;margin:.3rem 0}
.ruled{border-bottom:1px solid #6e6e6e;height:1.7rem}
.grid td{text-align:center;white-space:nowrap;padding:.1rem .2rem}
.grid thead th{font-size:.8rem;text-align:center}
.l1,.l2,.l3,.l4,.l5{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.l1{background:#f4f4f4}.l2{background:#d6e2f3}.l3{background:#9fbbe4}
.l4{background:#2f5c9e;color:#fff}.l5{background:#13294b;color:#fff}
.legend span{display:inline-block;min-width:2.2rem;text-align:center;border:1px solid #6e6e6e;
margin-right:.3rem}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
abbr{text-decoration:none}
tfoot th,tfoot td{background:#ececec;font-weight:600}
.keys{columns:2;font-size:.85em;padding-left:1.2rem;margin:.2rem 0}
@page{margin:10mm}
@media print{
body{max-width:none;margin:0;padding:0;font-size:9pt;line-height:1.2}
h1{font-size:15pt}h2{font-size:11.5pt;margin:.5rem 0 .2rem}h3{font-size:10pt;margin:.35rem 0 .1rem}
th,td{padding:.05rem .3rem}
figure svg{width:72%}
.ruled{height:1.7rem}
h2,h3,caption,figcaption{break-after:avoid}
tr,li,.box,figure,.facts,.keep{break-inside:avoid}
thead{display:table-header-group}
}
"""


def document(
    title: object, body: object, *, lang: str = "en", generator: str = "", css: str = ""
) -> str:
    """The whole file: doctype, language, CSP, title, the one style sheet (with a page's
    own rules ``css`` after it), the body."""
    gen = f'<meta name="generator" content="{esc(generator)}">' if generator else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"{gen}<title>{esc(title)}</title><style>{CSS}{css}</style></head>"
        f"<body><main>{esc(body)}</main></body></html>\n"
    )
