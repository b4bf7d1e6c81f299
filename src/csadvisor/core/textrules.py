"""What text in csadvisor's files may contain: no control characters, nothing invisible
in a name. Text may start as a spreadsheet formula would ("+20% CSAT after coaching" is
natural text): CSV and TSV output neutralise it where a spreadsheet reads it
(``cli.output``). Patterns compile on first use: the cache's shape check at every start
rarely needs them.
"""

import re

from csadvisor.errors import CONTROL_CHARS, INVISIBLE_CHARS

# Compiled when first needed (``compiled``): the cache's shape check rarely needs them.
CONTROL = CONTROL_CHARS
CONTROL_BUT_NEWLINE = CONTROL_CHARS.replace("\x00-\x1f", "\x00-\x09\x0b-\x1f")


def plain_text(value: str, one_line: bool, name: bool) -> bool:
    """No control character (a line break too, if ``one_line``), and in a name nothing
    invisible. ``isprintable`` answers for the usual text without compiling a pattern:
    every control character is unprintable, and every invisible one is outside ASCII."""
    printable = (value if one_line else value.replace("\n", "")).isprintable()
    if printable and (not name or value.isascii()):
        return True
    if compiled(CONTROL if one_line else CONTROL_BUT_NEWLINE).search(value):
        return False
    return not (name and compiled(INVISIBLE_CHARS).search(value))


_PATTERNS: dict[str, re.Pattern[str]] = {}


def compiled(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled once, on first use."""
    found = _PATTERNS.get(pattern)
    if found is None:
        found = _PATTERNS[pattern] = re.compile(pattern)
    return found
