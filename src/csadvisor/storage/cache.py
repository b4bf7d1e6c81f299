"""The catalogue cache: validated plain values, kept in ``marshal`` format between runs.

What makes repeated runs fast (``pay`` then starts without importing PyYAML). The key is
the content of the data files, not their names or times: the loader reads each file once,
hashes those bytes, and parses the same bytes, so what the cache says is always what the
files said. A cache file is only trusted if it is a regular file owned by this user and
not writable by others, in a folder made 0700; anything unexpected is a miss, and the
catalogue is simply read from the files again.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from csadvisor import __version__
from csadvisor.storage import folders

FORMAT = 2
"""Bump when what is cached changes shape."""

try:  # the built-in module: hashlib would first load OpenSSL (~8 ms at every start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - every CPython has it
    from hashlib import blake2b


class Key:
    """Where a data directory's cache lives and the stamp its content must carry."""

    __slots__ = ("path", "stamp")

    def __init__(self, path: Path, stamp: list[int | str]) -> None:
        self.path = path
        self.stamp = stamp


def key_for(directory: Path, contents: list[bytes], kind: str = "catalog") -> Key | None:
    """The cache key for files of ``directory`` with these bytes; None: caching is off.

    ``kind`` names what is cached (``catalog``: the YAML files; ``statistics``: the
    validated OEWS extract, areas and projections), one cache file each."""
    folder = folders.cache()
    if folder is None:
        return None
    stamp: list[int | str] = [FORMAT, __version__, sys.hexversion]
    stamp += [blake2b(raw, digest_size=32).hexdigest() for raw in contents]
    name = blake2b(os.fsencode(os.path.abspath(directory)), digest_size=8).hexdigest()
    return Key(folder / f"{kind}-{name}.marshal", stamp)


MAX_CACHE_BYTES = 256 * 1024 * 1024
"""A cache file larger than this is not read (the data files themselves are 16 MiB each)."""


def read(key: Key) -> object:
    """The documents stored under ``key``, or None (missing, stale, damaged or not ours).

    The folder and the file must both be ours and writable by no one else (as ssh treats
    its keys); the file must be a regular file of bounded size, opened without following a
    symlink and without waiting (a FIFO). What it holds is plain values: the caller runs
    them through the same check as the files (one validator per shape), so a planted or
    damaged cache is a miss, never shown.
    """
    import marshal  # built in: no import cost, unlike json

    from csadvisor.storage.sources import read_regular

    if not _trusted_folder(key.path.parent):
        return None
    try:
        blob = marshal.loads(
            read_regular(key.path, MAX_CACHE_BYTES + 1, follow=False, check=_trusted)
        )
        if not isinstance(blob, dict) or blob.get("stamp") != key.stamp:
            return None
        return blob.get("documents")
    except (OSError, ValueError, EOFError, TypeError):
        return None


def _trusted(st: os.stat_result) -> bool:
    """A regular file, of bounded size, owned by this user, not writable by others."""
    import stat

    if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_CACHE_BYTES:
        return False
    return _ours(st)


def _ours(st: os.stat_result) -> bool:
    if st.st_mode & 0o022:
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or st.st_uid == getuid()


def _trusted_folder(folder: Path) -> bool:
    """The cache folder itself: a real folder (not a symlink), ours, 0700-like."""
    import stat

    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _ours(st)


def write(key: Key, documents: object) -> None:
    """Keep the validated documents (plain values only) for the next start."""
    import marshal

    from csadvisor.storage.files import atomic_write_bytes

    blob = {"stamp": key.stamp, "documents": documents}
    try:
        folder = key.path.parent
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _trusted_folder(folder):
            return  # a shared or foreign folder: never leave the catalogue where others write
        if folder.name == folders.APP:  # ours alone (not a folder CSADVISOR_CACHE_DIR named)
            os.chmod(folder, 0o700)  # private, even if an older version made it 0755
        atomic_write_bytes(key.path, marshal.dumps(blob), mode=0o600, durable=False)
    except (OSError, ValueError):
        pass  # the cache is an optimisation; a read-only home must not break a lookup
