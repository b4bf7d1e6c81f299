"""Data as literal text in Markdown and Mermaid: nothing from a data file becomes markup.

One function per target, used for every piece of data text that goes there, so a title,
a growth action or a reason is shown as the words it is — never as a heading, a quote,
a fence, a link, HTML or an entity.
"""

import re

# Characters that are formatting inside a line: emphasis, code, links, images, HTML,
# entities, headings, tables, strikethrough. Each is shown as itself with a backslash.
_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~&!])")
# At the start of a line these begin a block: a list, a quote (escaped inline already),
# a setext underline or thematic break, an ordered list ("1." or "1)").
_BLOCK_START = re.compile(r"^(?:[-+=]|\d{1,9}(?=[.)]))")
# What GitHub's Markdown (GFM) turns into a link with no markup at all: a scheme's "://",
# "www." at the start of a word, an e-mail address ("@"). The character that triggers it
# is written as a numeric character reference: it shows the same, but links nothing.
_BARE_LINK = re.compile(r"(?i)(?<![^\s*_~(\\])(www)\.|:(?=//)|@")
_REFERENCE = {":": "&#58;", "@": "&#64;"}


def markdown_text(value: object) -> str:
    """``value`` as one line of literal Markdown text, safe at the start of a line too.

    Line breaks (any kind) and runs of spaces fold into one space, so no block-level
    construct (setext heading, ``>`` quote, ``~~~`` fence, indented code) can start inside
    it; inline formatting characters are escaped; what would open a list or a rule at the
    start of a line is escaped there; a bare URL or e-mail address is not a link.
    """
    text = " ".join(str(value).split())
    text = _INLINE.sub(r"\\\1", text)
    if "@" in text or "//" in text or "ww." in text.lower():
        text = _BARE_LINK.sub(_unlinked, text)
    m = _BLOCK_START.match(text)
    if m:
        text = text[: m.end()] + "\\" + text[m.end() :] if m.group()[0].isdigit() else "\\" + text
    return text


def _unlinked(match: "re.Match[str]") -> str:
    www = match.group(1)
    return www + "&#46;" if www else _REFERENCE[match.group()]


_MERMAID_SPECIAL = frozenset('#"<>&`\\[]{}|;')
_MERMAID_NAMED = {'"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;"}


def mermaid_label(value: object) -> str:
    """A quoted Mermaid node label: specials as numeric entities (``#35;`` for ``#``).

    ``#`` itself is encoded first-class, so text such as ``#lt;a href=…#gt;`` from a data
    file stays those characters and never turns into HTML in the rendered graph.
    """
    text = " ".join(str(value).split())
    safe = "".join(
        _MERMAID_NAMED.get(c) or f"#{ord(c)};"
        if c in _MERMAID_SPECIAL or not c.isprintable()
        else c
        for c in text
    )
    return f'"{safe}"'
