"""Atomic file writes: a temporary file in the same directory, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write_text(path: Path, text: str, *, mode: int = 0o644, exclusive: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path`` so readers see the old file or the new one, never half.

    With ``exclusive`` the final name must not exist yet (``FileExistsError`` otherwise).
    """
    atomic_write_bytes(path, text.encode("utf-8"), mode=mode, exclusive=exclusive)


def atomic_write_bytes(
    path: Path, data: bytes, *, mode: int = 0o644, exclusive: bool = False, durable: bool = True
) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    ``durable=False`` skips fsync: for a cache, which is rebuilt if a crash damages it.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if exclusive:
            os.link(tmp, path)  # fails if path exists; never replaces another file
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def umask_mode() -> int:
    """The mode a new file gets under the user's umask: for files meant to be shared."""
    mask = os.umask(0o022)  # read it: there is no way to look without setting it
    os.umask(mask)
    return 0o666 & ~mask
