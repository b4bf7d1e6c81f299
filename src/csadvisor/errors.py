"""Exit codes and the exceptions that carry them.

Every failure a user can cause is a :class:`CsadvisorError`; one boundary in ``cli``
prints its message as a single line on stderr and exits with its code.
"""

import re
from collections.abc import Sequence
from enum import IntEnum

from csadvisor.plain import Plain

# C0 and C1 control characters, DEL, the bidirectional controls that can disguise text,
# and the Unicode line and paragraph separators (a line break to some readers).
CONTROL_CHARS = "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
# Characters that show nothing (zero-width, joiners, invisible operators, variation
# selectors, fillers, tag characters): refused in names, so two roles cannot look alike.
INVISIBLE_CHARS = (
    "[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200d\u2060-\u2065"
    "\u206a-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def escape_control(text: str) -> str:
    """Make control characters visible (``\\x1b``) so they never reach a terminal raw.

    The one terminal-escaping function: every string that did not come from csadvisor
    itself (file names, saved ids, names typed or read) passes it before a terminal.
    """
    if text.isprintable():  # the usual case, and much faster than the pattern
        return text
    return re.sub(CONTROL_CHARS, lambda m: repr(m.group())[1:-1], text)


class ExitCode(IntEnum):
    """Documented exit statuses (README, ``csadvisor --help``)."""

    OK = 0
    NOT_FOUND = 1
    USAGE = 2
    DATA = 3
    INTERNAL = 70  # a bug in csadvisor (EX_SOFTWARE)
    OUTPUT = 74  # stdout cannot be written: a full disk, a closed stream (EX_IOERR)
    CANCELLED = 130


class CsadvisorError(Exception):
    """A failure with a message for the user and the exit code it maps to.

    A batch (``pay`` over many names) can fail for several reasons at once: each of
    ``messages`` is one line on stderr, ``message`` is the first. ``details`` are lines
    shown before them as they are (e.g. the areas an ambiguous name matches), so code below
    the shell never writes to stderr itself.
    """

    exit_code: ExitCode = ExitCode.USAGE
    details: tuple[str, ...] = ()

    def __init__(self, message: str, *more: str) -> None:
        super().__init__(message)
        self.message = message
        self.messages = (message, *more)


class UsageError(CsadvisorError):
    """The command line asks for something that cannot be done (exit 2)."""

    exit_code = ExitCode.USAGE


class NotFoundError(CsadvisorError):
    """A role (or saved assessment) was named that does not exist (exit 1)."""

    exit_code = ExitCode.NOT_FOUND


class CancelledError(CsadvisorError):
    """The user pressed Ctrl-C (exit 130)."""

    exit_code = ExitCode.CANCELLED


class Problem(Plain):
    """One thing wrong in a data file: ``file:line: path: message``."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        """``file:line: path: message``, with any control character made visible."""
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return escape_control(text)


class DataError(CsadvisorError):
    """A data or answers file is unreadable or invalid (exit 3)."""

    exit_code = ExitCode.DATA

    def __init__(self, problems: Sequence[Problem], hint: str = "", *, every: bool = False) -> None:
        """``hint`` says how to see every problem, e.g. "run 'csadvisor data validate DIR'";
        ``every`` prints each problem on its own line instead (an answers file)."""
        self.problems = tuple(problems)
        if every and self.problems:
            super().__init__(*(str(p) for p in self.problems))
            return
        first = str(self.problems[0]) if self.problems else "invalid data"
        more = len(self.problems) - 1
        suffix = ""
        if more > 0:
            suffix = f" (and {more} more; {hint} to list them)" if hint else f" (and {more} more)"
        super().__init__(first + suffix)
