"""The application context: what one run of csadvisor shares, in ``ctx.obj``.

As hatch's ``Application`` or httpie's ``Environment``: the data source the options name,
the catalogue and the BLS statistics (each loaded once, when first needed), the output
streams and what they are connected to. Commands take what they need from it; a notice
for the person goes through :meth:`Application.warn`, the one writer of stderr lines
besides the error boundary (which uses :func:`notice` too).
"""

import sys
from typing import TYPE_CHECKING, TextIO

from csadvisor.errors import escape_control

if TYPE_CHECKING:
    from csadvisor.core.models import Catalog, Location
    from csadvisor.storage.bls import Statistics
    from csadvisor.storage.sources import DataSource

PROG = "csadvisor"


def notice(message: str, stream: TextIO | None = None) -> None:
    """A message for the person, never for the pipe: one line, control characters shown.

    A closed or full stderr (``2>&-``, ``2>/dev/full``) changes nothing else: the message
    is lost, the command's outcome and exit code stay what they were.
    """
    err = stream or sys.stderr
    try:
        err.write(f"{PROG}: {escape_control(message)}\n")
        err.flush()
    except (OSError, ValueError, AttributeError):  # AttributeError: sys.stderr is None
        if err is sys.stderr or err is sys.__stderr__:
            quiet_stderr()


def quiet_stderr() -> None:
    """stderr cannot be written: point fd 2 at /dev/null, so what is still buffered (and
    the flush at exit) goes nowhere instead of failing again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        if devnull != 2:
            os.dup2(devnull, 2)
            os.close(devnull)
    except OSError:  # pragma: no cover - no /dev/null
        pass
    if sys.stderr is None:
        try:
            sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
        except OSError:  # pragma: no cover - fd 2 unusable
            pass


class Application:
    """Options that apply to every command, and what they lead to, loaded when first needed."""

    __slots__ = ("_catalog", "_err", "_locations", "_out", "_source", "_statistics", "data_dir")

    def __init__(
        self, data_dir: str | None, out: TextIO | None = None, err: TextIO | None = None
    ) -> None:
        self.data_dir = data_dir
        self._out = out
        self._err = err
        self._source: DataSource | None = None
        self._catalog: Catalog | None = None
        self._statistics: Statistics | None = None
        self._locations: dict[str, Location] | None = None

    # ------------------------------------------------------------------ the streams

    @property
    def out(self) -> TextIO:
        """Where records go (the process's stdout unless one was given)."""
        return self._out or sys.stdout

    @property
    def err(self) -> TextIO:
        return self._err or sys.stderr

    def interactive_input(self) -> bool:
        """Is a person typing on stdin (a terminal), rather than a pipe or a file?"""
        stdin = sys.stdin
        return stdin is not None and stdin.isatty()

    def warn(self, message: str) -> None:
        """A notice on stderr, one line: never mixed into the records."""
        notice(message, self.err)

    # ------------------------------------------------------------------- the data

    @property
    def source(self) -> "DataSource":
        """The data directory in use (``--data-dir``, else the environment, else bundled)."""
        if self._source is None:
            from csadvisor.storage.sources import resolve_source

            self._source = resolve_source(self.data_dir)
        return self._source

    def catalog(self) -> "Catalog":
        """The validated catalogue (roles and skills), loaded once."""
        if self._catalog is None:
            from csadvisor.storage import catalog

            self._catalog = catalog.load(self.source)
        return self._catalog

    def statistics(self) -> "Statistics":
        """The validated BLS statistics, loaded once per run."""
        if self._statistics is None:
            from csadvisor.storage import bls

            self._statistics = bls.load(self.source)
        return self._statistics

    def locations(self) -> "dict[str, Location]":
        """The organisation's own locations (``locations.yaml``), loaded once."""
        if self._locations is None:
            from csadvisor.storage import catalog

            self._locations = catalog.load_locations(self.source)
        return self._locations
