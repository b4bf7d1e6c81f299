"""csadvisor: a command-line career advisor for people who work in customer service."""

__version__ = "0.2.0"


def _cancelled(signum: int, frame: object) -> None:
    import os

    os.write(2, b"csadvisor: cancelled\n")
    os._exit(130)  # ExitCode.CANCELLED; nothing is half-written while this handler is set


def quiet_interrupts() -> None:
    """Ctrl-C from now on: one line and exit 130, never a traceback.

    Set before anything is imported and again once a command has finished: at those
    moments there is nothing to clean up, and a KeyboardInterrupt would be a traceback.
    Costs nothing: ``_signal`` is built into the interpreter.
    """
    try:
        import _signal as signal  # type: ignore[import-not-found, unused-ignore]
    except ImportError:  # pragma: no cover - not CPython
        import signal  # type: ignore[no-redef, unused-ignore]
    try:
        signal.signal(signal.SIGINT, _cancelled)
    except ValueError:  # pragma: no cover - not the main thread
        pass


# ``python -m csadvisor`` imports this package before it even finds ``__main__``, and
# says so in argv ("-m" while the module is located); the console script (the launcher
# pip or uv writes: ``from csadvisor.__main__ import main``) imports it first too, with
# its own path in argv. Either way this is the earliest moment csadvisor's own code
# runs, so the start-up guard begins here, before ``__main__`` or anything else loads.
# What comes before (Python's start-up, the launcher's ``import re``) is outside any
# package's reach: README, Security, says what remains.
import sys as _sys  # noqa: E402 - already loaded by the interpreter, costs nothing


def _launched() -> bool:
    """Run as ``python -m csadvisor`` or as the ``csadvisor`` console script?"""
    first = _sys.argv[0] if _sys.argv else ""
    if first == "-m":
        return True
    name = first.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return name in ("csadvisor", "csadvisor.exe", "csadvisor-script.py")


if _launched():
    quiet_interrupts()
