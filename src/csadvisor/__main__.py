"""``python -m csadvisor`` and the ``csadvisor`` command.

Ctrl-C can come at any moment, also while Python is still importing csadvisor, Typer and
the command's module, before the error boundary in ``cli`` exists. So the first thing the
program does is make Ctrl-C a quiet exit 130; the boundary takes over once it runs.
"""

from csadvisor import pause_collector, quiet_interrupts


def main() -> None:
    """Console-script entry point (``[project.scripts]``)."""
    quiet_interrupts()
    pause_collector()  # until the command runs (``cli.app``'s callback resumes it)
    from csadvisor.cli.app import main as run

    run()


if __name__ == "__main__":  # pragma: no cover - exercised through a subprocess test
    main()
