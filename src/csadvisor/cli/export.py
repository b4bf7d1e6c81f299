"""``--export FILE``: a report written beside the command's output, for a person to hand on.

One place for what every export does: the format told from the file name (``.html`` or
``.htm``: a page; otherwise Markdown) unless ``--export-format`` says; the target checked
before any work (a regular file or a new name, never a link, a folder or a device, and
an existing file only with ``--force``), then written atomically with the mode the
user's umask gives (it is meant to be shared).
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer
from typer.models import OptionInfo

from csadvisor.errors import UsageError


class ExportFormat(str, Enum):
    html = "html"
    md = "md"


def export_option(what: str, after: str = "") -> OptionInfo:
    """``--export FILE``: ``what`` is written, then the format rule every export keeps."""
    option = typer.Option(  # an OptionInfo at run time (typer's stub leaves it untyped)
        "--export",
        metavar="FILE",
        help=f"{what}: one HTML page for a .html name, else Markdown{after}.",
    )
    assert isinstance(option, OptionInfo)
    return option


ExportFormatOption = Annotated[
    ExportFormat | None,
    typer.Option(
        "--export-format",
        case_sensitive=False,
        show_default=False,
        help="The --export file's format: html (one self-contained page) or md (Markdown); "
        "default: html for a .html or .htm name, else md.",
    ),
]

ForceOption = Annotated[
    bool, typer.Option("--force", help="Let --export replace a file that already exists.")
]

_HTML_SUFFIXES = (".html", ".htm")


def export_format(target: str, given: ExportFormat | None) -> ExportFormat:
    """The format asked for, else the one the file name says."""
    if given is not None:
        return given
    return ExportFormat.html if target.lower().endswith(_HTML_SUFFIXES) else ExportFormat.md


def check_target(target: str, force: bool, example: str = "plan.md") -> None:
    """Refuse a file that is not a new or (with ``force``) an existing regular file."""
    import os
    import stat

    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UsageError(f"--export {target}: cannot use it ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise UsageError(f"--export {target}: is a directory; give a file name such as {example}")
    if stat.S_ISLNK(st.st_mode):
        raise UsageError(f"--export {target}: is a symbolic link; give the name of a regular file")
    if not stat.S_ISREG(st.st_mode):
        raise UsageError(
            f"--export {target}: is not a regular file; give a file name such as {example}"
        )
    if not force:
        raise UsageError(f"--export {target}: already exists; add --force to replace it")


def write(target: str, text: str, *, force: bool, example: str = "plan.md", said: str = "") -> None:
    """Write ``text`` to ``target`` atomically (checked again: the work took a while)."""
    from pathlib import Path

    from csadvisor.storage.files import atomic_write_text

    check_target(target, force, example)
    try:
        atomic_write_text(Path(target), text, mode=None, exclusive=not force)
    except FileExistsError:
        raise UsageError(f"--export {target}: already exists; add --force to replace it") from None
    except OSError as exc:
        raise UsageError(f"--export {target}: cannot write it ({exc.strerror or exc})") from None


def generator() -> str:
    """The page's ``generator`` meta: which csadvisor wrote it."""
    from csadvisor import __version__

    return f"csadvisor {__version__}"
