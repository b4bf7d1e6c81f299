"""What text in csadvisor's files may contain: no control characters, nothing invisible
in a name, no spreadsheet formula at the start. Patterns compile on first use.
"""

import re

from csadvisor.errors import CONTROL_CHARS

# Compiled when first needed (``compiled``).
CONTROL = CONTROL_CHARS
CONTROL_BUT_NEWLINE = CONTROL_CHARS.replace("\x00-\x1f", "\x00-\x09\x0b-\x1f")
FORMULA_START = ("=", "+", "@")
"""What a spreadsheet would run as a formula: no text field may start with one."""


_PATTERNS: dict[str, re.Pattern[str]] = {}


def compiled(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled once, on first use."""
    found = _PATTERNS.get(pattern)
    if found is None:
        found = _PATTERNS[pattern] = re.compile(pattern)
    return found
