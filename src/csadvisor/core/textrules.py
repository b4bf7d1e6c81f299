"""What text in csadvisor's files may contain: no control characters, nothing invisible
in a name. Text may start as a spreadsheet formula would ("+20% CSAT after coaching" is
natural text): CSV and TSV output neutralise it where a spreadsheet reads it
(``cli.output``). Patterns compile on first use.
"""

import re

from csadvisor.errors import CONTROL_CHARS

# Compiled when first needed (``compiled``).
CONTROL = CONTROL_CHARS
CONTROL_BUT_NEWLINE = CONTROL_CHARS.replace("\x00-\x1f", "\x00-\x09\x0b-\x1f")


_PATTERNS: dict[str, re.Pattern[str]] = {}


def compiled(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled once, on first use."""
    found = _PATTERNS.get(pattern)
    if found is None:
        found = _PATTERNS[pattern] = re.compile(pattern)
    return found
