"""Where the career data comes from, and reading its files within the limits.

Three places, in this order: ``--data-dir``, ``$CSADVISOR_DATA_DIR``, the bundled data.
Files are read once, as bytes (the cache hashes the very bytes that are parsed), within
the size limit, and decoded as UTF-8.
"""

import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from csadvisor.errors import DataError, Problem

if TYPE_CHECKING:
    from collections.abc import Callable

    from csadvisor.storage.yamlreader import Parsed

ROLES_FILE = "roles.yaml"
SKILLS_FILE = "skills.yaml"
LOCATIONS_FILE = "locations.yaml"
MAX_FILE_BYTES = 16 * 1024 * 1024
"""Data files larger than this are refused before parsing (16 MiB)."""
MAX_ANSWERS_BYTES = 1024 * 1024
"""Answers files and saved assessments larger than this are refused before parsing (1 MiB,
about 80 times a real one): every ``team`` reads many, so each must be cheap."""


class DataSource:
    """Which data directory is in use, and why."""

    __slots__ = ("directory", "reason")

    def __init__(self, directory: Path, reason: str) -> None:
        self.directory = directory
        self.reason = reason  # "option", "environment" or "bundled"

    @property
    def bundled(self) -> bool:
        return self.reason == "bundled"

    def file(self, name: str) -> Path:
        return self.directory / name

    def label(self, name: str) -> str:
        """How a file is named in messages: bare for bundled data, as given otherwise."""
        return name if self.bundled else str(self.directory / name)


@cache  # asked for by the catalogue and each set of BLS files: where the package lies is
# looked up once (symbolic links resolved, a stat: about 0.05 ms a time)
def bundled_dir() -> Path:
    """The data shipped with the package (wheel), or the repository's ``data/`` (editable)."""
    here = Path(__file__).resolve().parent.parent  # src/csadvisor (storage/ is one below)
    packaged = here / "data"
    if (packaged / ROLES_FILE).is_file():
        return packaged
    return here.parent.parent / "data"


def resolve_source(option: str | Path | None = None) -> DataSource:
    if option is not None and str(option) != "":
        return DataSource(Path(option), "option")
    env = os.environ.get("CSADVISOR_DATA_DIR")
    if env:
        return DataSource(Path(env), "environment")
    return DataSource(bundled_dir(), "bundled")


def read_bytes(path: Path, label: str) -> bytes:
    """A file's bytes, at most MAX_FILE_BYTES + 1 of them, or a one-problem DataError.

    Only a regular file is read: a FIFO, a device (``/dev/zero``) or a socket would block
    or never end, so it is opened without waiting and refused.
    """

    def fail(message: str) -> DataError:
        return DataError([Problem(label, None, "", message)])

    try:
        if path.is_dir():
            raise fail("is a directory, not a file")
        return read_regular(path, MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        if path.is_symlink():
            raise fail("is a symbolic link to a file that does not exist") from None
        raise fail("file not found") from None
    except PermissionError:
        raise fail("permission denied; cannot read the file") from None
    except NotRegularFileError:
        raise fail("is not a regular file (a pipe or device?); not read") from None
    except OSError as exc:
        raise fail(f"cannot read the file ({exc.strerror or exc})") from None


class NotRegularFileError(OSError):
    """A path names a FIFO, a device or a socket, not a file (never read, never waited on)."""


def read_regular(
    path: Path | str,
    limit: int,
    *,
    follow: bool = True,
    check: "Callable[[os.stat_result], bool] | None" = None,
) -> bytes:
    """At most ``limit`` bytes of the regular file ``path``; NotRegularFileError otherwise.

    Opened with O_NONBLOCK so a FIFO cannot hang the open; the check is on the opened
    file (fstat), so a swap between the check and the read changes nothing.
    """
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (check is not None and not check(st)):
            raise NotRegularFileError(f"{path} is not a regular file")
        chunks: list[bytes] = []
        left = limit
        size = st.st_size + 1  # one read for the whole file (os.read allocates what is
        while left > 0:  # asked for: 1 MiB a call for a small file costs a map and unmap)
            chunk = os.read(fd, min(left, size, 1 << 20))
            size = 1 << 16  # then until the end: a file may grow, or report no size (/proc)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text(path: Path, label: str) -> str:
    """Read a UTF-8 text file within the size limit, or raise a one-problem DataError."""
    return decode(read_bytes(path, label), label)


def decode(raw: bytes, label: str, limit: int = MAX_FILE_BYTES) -> str:
    """Bytes read (at most ``limit`` + 1 of them) as UTF-8 text, BOM dropped."""
    if len(raw) > limit:
        raise DataError([Problem(label, None, "", f"larger than the {limit // 1048576} MiB limit")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            [Problem(label, line, "", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})")]
        ) from None
    if not text.strip():
        raise DataError([Problem(label, None, "", "file is empty")])
    return text


def decode_all(raw: dict[str, bytes], labels: dict[str, str]) -> dict[str, str]:
    """Each file's text; every file that is not UTF-8 (or too large, or empty) reported,
    all of them in one DataError."""
    problems: list[Problem] = []
    texts: dict[str, str] = {}
    for name, content in raw.items():
        try:
            texts[name] = decode(content, labels[name])
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    return texts


def read_answers_file(path: str) -> tuple["Parsed", str]:
    """Parse an answers file (YAML or JSON; ``-`` is stdin), and the name to report it by."""
    import sys

    from csadvisor.storage.yamlreader import ANSWERS_MAX_VALUES, parse_yaml

    limit = MAX_ANSWERS_BYTES
    if path == "-":
        label = "<stdin>"
        stream = getattr(sys.stdin, "buffer", None)
        raw = stream.read(limit + 1) if stream is not None else sys.stdin.read(limit + 1).encode()
        if not raw.strip():
            raise DataError([Problem(label, None, "", "no answers on stdin")])
    else:
        label = path
        raw = read_bytes(Path(path), label)
    return parse_yaml(decode(raw, label, limit), label, max_values=ANSWERS_MAX_VALUES), label
