"""The user's own folders: saved assessments and the catalogue cache.

One convention, the platform's: personal data lives in the folder ``typer.get_app_dir``
(Click) would give — ``$XDG_CONFIG_HOME/csadvisor`` or ``~/.config/csadvisor`` on Linux,
``~/Library/Application Support/csadvisor`` on macOS, ``%APPDATA%\\csadvisor`` on
Windows — because that is where earlier versions saved assessments, and moving them would
lose a user's history. It is computed here without importing typer, which the fast paths
never load. The cache, which may be deleted at any time, goes where the platform keeps
caches (``$XDG_CACHE_HOME``, ``%LOCALAPPDATA%``, else ``~/.cache``).

Each folder has one override: ``CSADVISOR_HOME`` and ``CSADVISOR_CACHE_DIR`` (empty: no
cache). An override must be an absolute path: a relative one (``~/x`` in quotes is one:
nothing expands the tilde) is refused with one line, as it would put personal data under
whatever folder the command runs in. When no home folder can be found (no ``HOME``, no
account entry) there is no default: nothing is ever written to a literal ``./~``.
"""

import os
import sys
from pathlib import Path

from csadvisor.errors import UsageError

APP = "csadvisor"


def _user_home() -> Path | None:
    """The user's home folder, or None when it cannot be resolved to an absolute path.

    An empty ``HOME`` is no home (Python would make it ``/``).
    """
    if os.environ.get("HOME", "x").strip() == "":
        return None
    home = os.path.expanduser("~")
    if home == "~" or not os.path.isabs(home):
        return None
    return Path(home)


def _under_home(env: str | None, *parts: str) -> Path | None:
    """``$env`` if it is set to an absolute path, else ``~/parts``; None without a home."""
    base = os.environ.get(env) if env else None
    if base and os.path.isabs(base):
        return Path(base)
    home = _user_home()
    return home.joinpath(*parts) if home is not None else None


def _absolute(name: str, value: str) -> Path:
    """The folder an override names, or a UsageError when it is not an absolute path."""
    if os.path.isabs(value):
        return Path(value)
    from csadvisor.errors import escape_control

    shown = escape_control(value)[:200]
    hint = " (nothing expands a '~' here: write $HOME instead)" if value.startswith("~") else ""
    raise UsageError(
        f"{name}={shown!r} is not an absolute path{hint}; set it to a full path, or unset it"
    )


def home() -> Path:
    """Where csadvisor keeps personal data: ``$CSADVISOR_HOME`` or the platform's app dir."""
    env = os.environ.get("CSADVISOR_HOME")
    if env:
        return _absolute("CSADVISOR_HOME", env)
    if sys.platform == "win32":
        found = _under_home("APPDATA", "AppData", "Roaming")
    elif sys.platform == "darwin":
        found = _under_home(None, "Library", "Application Support")
    else:
        found = _under_home("XDG_CONFIG_HOME", ".config")
    if found is None:
        raise UsageError(
            "cannot find your home folder; set CSADVISOR_HOME to the folder csadvisor may use"
        )
    return found / APP


def assessments() -> Path:
    """The folder of saved assessments."""
    return home() / "assessments"


def cache() -> Path | None:
    """The catalogue cache folder, or None: caching off (empty override, no home folder)."""
    env = os.environ.get("CSADVISOR_CACHE_DIR")
    if env is not None:
        return _absolute("CSADVISOR_CACHE_DIR", env) if env else None
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / APP
    found = _under_home("XDG_CACHE_HOME", ".cache")
    return found / APP if found is not None else None
