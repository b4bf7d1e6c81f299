"""What a location costs at start-up, before the commands use it (issue 10, data part).

Prints a Markdown table: a minimal Typer app, the same app that also reads the bundled
areas and OEWS files and resolves one PLACE to its local median, and the in-process cost
of each step. A report, not a test: it always exits 0. Standard library only; run from
the repository root inside the venv::

    python benchmarks/bench_oews.py [--rounds 40]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import timeit

MINIMAL = """\
import typer
app = typer.Typer()
@app.command()
def main(name: str) -> None:
    print(name)
app(["x"], standalone_mode=False)
"""

WITH_LOCATION = """\
import typer
app = typer.Typer()
@app.command()
def main(name: str, place: str) -> None:
    from pathlib import Path
    from csadvisor.storage import areas, oews
    a = Path("data/areas.csv").read_text("utf-8")
    w = Path("data/oews_2025.csv").read_text("utf-8")
    found = areas.resolve_in_text(a, place)
    chain = areas.chain_in_text(a, found.area)
    table = oews.OewsTable({x.code: oews.rows_in_area(w, x.code) for x in chain})
    wages = table.nearest("43-4051", [x.code for x in chain])
    print(name, wages.figure("a_median").text())
app(["x", "PLACE"], standalone_mode=False)
"""


def walls(programs: dict[str, str], rounds: int, env: dict[str, str]) -> dict[str, float]:
    """Median wall time of each ``python -c program`` in ms, run in turn (round-robin) so
    that the machine's drift affects them all alike; one warm-up round first."""
    times: dict[str, list[float]] = {label: [] for label in programs}
    for i in range(rounds + 1):
        for label, code in programs.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
            if i:
                times[label].append((time.perf_counter() - start) * 1000)
    return {label: statistics.median(found) for label, found in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=40)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as pycache:
        env = {**os.environ, "PYTHONPYCACHEPREFIX": pycache}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        programs = {"minimal Typer app": MINIMAL}
        for place in ("Dallas", "TX", "Springfield, IL"):
            label = f"+ resolve {place!r} and its median"
            programs[label] = WITH_LOCATION.replace("PLACE", place)
        medians = walls(programs, rounds, env)
    base = medians["minimal Typer app"]
    print("| measurement | median | vs minimal Typer app |")
    print("|---|---:|---:|")
    for label, took in medians.items():
        print(f"| {label} | {took:.1f} ms | {took / base:.2f}x |")
    setup = (
        "from pathlib import Path; from csadvisor import areas, oews; "
        "a = Path('data/areas.csv').read_text(); w = Path('data/oews_2025.csv').read_text()"
    )
    steps = {
        "resolve 'Dallas' (text)": "areas.resolve_in_text(a, 'Dallas')",
        "resolve 'TX' (text)": "areas.resolve_in_text(a, 'TX')",
        "rows of one area": "oews.rows_in_area(w, '0019100')",
        "validate areas.csv + index": "areas.AreaIndex(areas.parse_areas(a)[0])",
        "validate oews_2025.csv": "oews.parse_oews(w)",
    }
    print()
    print("| in-process step | time |")
    print("|---|---:|")
    for label, statement in steps.items():
        runs = 20
        took = timeit.timeit(statement, setup, number=runs) / runs * 1000
        print(f"| {label} | {took:.2f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
