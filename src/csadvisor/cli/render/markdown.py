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


def markdown_text(value: object) -> str:
    """``value`` as one line of literal Markdown text, safe at the start of a line too.

    Line breaks (any kind) and runs of spaces fold into one space, so no block-level
    construct (setext heading, ``>`` quote, ``~~~`` fence, indented code) can start inside
    it; inline formatting characters are escaped; what would open a list or a rule at the
    start of a line is escaped there.
    """
    text = " ".join(str(value).split())
    text = _INLINE.sub(r"\\\1", text)
    # GFM links a bare web address or e-mail by itself; an escaped ':' after the scheme, '.'
    # after www and '@' split the text there, so no address is found and it stays text.
    text = _SCHEME.sub(r"\1\\:", text).replace("@", "\\@")
    text = _WWW.sub(r"\1\\.", text)
    m = _BLOCK_START.match(text)
    if m:
        text = text[: m.end()] + "\\" + text[m.end() :] if m.group()[0].isdigit() else "\\" + text
    return text


_SCHEME = re.compile(r"(?i)\b(https?|ftp|mailto|xmpp):")
_WWW = re.compile(r"(?i)\b(www)\.")


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
