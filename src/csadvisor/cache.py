"""The catalogue cache: validated plain values, kept in ``marshal`` format between runs.

What makes repeated runs fast (``pay`` then starts without importing PyYAML). The key is
the content of the data files, not their names or times: the loader reads each file once,
hashes those bytes, and parses the same bytes, so what the cache says is always what the
files said. A cache file is only trusted if it is a regular file owned by this user and
not writable by others, in a folder made 0700; anything unexpected is a miss, and the
catalogue is simply read from the files again.
"""

import os
import sys
from pathlib import Path
from typing import Any

from csadvisor import __version__, folders

FORMAT = 2
"""Bump when what is cached changes shape."""

try:  # the built-in module: hashlib would first load OpenSSL (~8 ms at every start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - every CPython has it
    from hashlib import blake2b


class Key:
    """Where a data directory's cache lives and the stamp its content must carry."""

    __slots__ = ("path", "stamp")

    def __init__(self, path: Path, stamp: list[Any]) -> None:
        self.path = path
        self.stamp = stamp


def key_for(directory: Path, contents: list[bytes], kind: str = "catalog") -> Key | None:
    """The cache key for files of ``directory`` with these bytes; None: caching is off.

    ``kind`` names what is cached (``catalog``: the YAML files; ``statistics``: the
    validated OEWS extract, areas and projections), one cache file each."""
    folder = folders.cache()
    if folder is None:
        return None
    stamp: list[Any] = [FORMAT, __version__, sys.hexversion]
    stamp += [blake2b(raw, digest_size=32).hexdigest() for raw in contents]
    name = blake2b(os.fsencode(os.path.abspath(directory)), digest_size=8).hexdigest()
    return Key(folder / f"{kind}-{name}.marshal", stamp)


def read(key: Key) -> Any:
    """The documents stored under ``key``, or None (missing, stale, damaged or not ours)."""
    import marshal  # built in: no import cost, unlike json

    try:
        fd = os.open(key.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        if not _trusted(os.fstat(fd)):
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            blob = marshal.loads(fh.read())  # much faster than marshal.load(fh)
        if not isinstance(blob, dict) or blob.get("stamp") != key.stamp:
            return None
        return blob.get("documents")
    except (OSError, ValueError, EOFError, TypeError):
        return None
    finally:
        os.close(fd)


def _trusted(st: os.stat_result) -> bool:
    import stat

    if not stat.S_ISREG(st.st_mode) or st.st_mode & 0o022:
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or st.st_uid == getuid()


def write(key: Key, documents: Any) -> None:
    """Keep the validated documents (plain values only) for the next start."""
    import marshal

    from csadvisor.files import atomic_write_bytes

    blob = {"stamp": key.stamp, "documents": documents}
    try:
        key.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write_bytes(key.path, marshal.dumps(blob), mode=0o600, durable=False)
    except (OSError, ValueError):
        pass  # the cache is an optimisation; a read-only home must not break a lookup
