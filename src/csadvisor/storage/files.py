"""Atomic file writes: a temporary file in the same directory, then a rename."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path


def atomic_write_text(
    path: Path, text: str, *, mode: int | None = 0o644, exclusive: bool = False
) -> None:
    """Write ``text`` (UTF-8) to ``path`` so readers see the old file or the new one, never half.

    With ``exclusive`` the final name must not exist yet (``FileExistsError`` otherwise).
    ``mode`` None: the permissions a new file gets from the umask (as ``open`` would).
    """
    atomic_write_bytes(path, text.encode("utf-8"), mode=mode, exclusive=exclusive)


def atomic_write_bytes(
    path: Path,
    data: bytes,
    *,
    mode: int | None = 0o644,
    exclusive: bool = False,
    durable: bool = True,
) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    ``durable=False`` skips fsync: for a cache, which is rebuilt if a crash damages it.
    With ``exclusive``, the file is hard-linked into place (never replacing one); where the
    filesystem has no hard links (FAT, exFAT, some network shares) it is created with
    ``O_EXCL`` instead, which refuses an existing name just the same.
    """
    if mode is None:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if exclusive:
            try:
                os.link(tmp, path)  # fails if path exists; never replaces another file
            except FileExistsError:
                raise
            except OSError as exc:
                if exc.errno not in _NO_LINKS:
                    raise
                _create_exclusive(path, data, mode, durable)
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


# What os.link raises where a filesystem has no hard links.
_NO_LINKS = frozenset(
    getattr(errno, name)
    for name in ("EPERM", "ENOTSUP", "EOPNOTSUPP", "EXDEV", "ENOSYS", "EMLINK", "EACCES")
    if hasattr(errno, name)
)


def _create_exclusive(path: Path, data: bytes, mode: int, durable: bool) -> None:
    """Create ``path`` only if it does not exist, and write ``data`` to it.

    Not atomic the way a link is (a crash can leave a short file), which is why it is
    only the fallback; a reader that finds a short file reports it and skips it.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


def _umask() -> int:
    """The process umask (read by setting it and putting it back; no other way on POSIX)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
