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


_collector_paused = False


def pause_collector() -> None:
    """Start-up makes tens of thousands of objects (Typer, Click, csadvisor's modules, the
    command and its options) that live as long as the process, and no garbage: the cyclic
    collector's passes over them are wasted work: 3-4 ms of CPU time at every start, about
    a twentieth of it (``benchmarks/bench.py``). Paused from the entry point until the
    command runs (:func:`resume_collector`); ``gc`` is built into the interpreter."""
    import gc

    global _collector_paused
    if gc.isenabled():
        gc.disable()
        _collector_paused = True


def resume_collector() -> None:
    """The command is about to run: what start-up made is frozen (never scanned again, as
    the catalogue is once loaded) and the collector runs as usual for what the command
    makes. Nothing to do when :func:`pause_collector` did not pause it (csadvisor run
    in-process, e.g. by the tests)."""
    global _collector_paused
    if _collector_paused:
        import gc

        _collector_paused = False
        gc.freeze()
        gc.enable()


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
