"""Start-up in CPU time: csadvisor against a minimal Typer app, alternating, as a table.

Wall time on a shared machine measures the neighbours as much as the program; the CPU
time (user + system) a process spends is much steadier. Each round runs every case once,
in turn, and the table gives the median CPU time of each and its ratio to the minimal
Typer app (``bench.py``'s, same Python, same Typer). Run from the repository root, in
the venv where csadvisor is installed::

    python benchmarks/startup_cpu.py               # the four start-up targets, 40 rounds
    python benchmarks/startup_cpu.py --rounds 80
    python benchmarks/startup_cpu.py --base /tmp/base/src   # also an older tree, A/B

(``--base``: the ``src`` of another checkout, e.g. ``git archive COMMIT src data | tar -x
-C /tmp/base``, run with ``PYTHONPATH`` by this Python: before and after in one run.)

Every process gets what ``bench.py`` gives it: a private bytecode cache and a private
``CSADVISOR_CACHE_DIR``, filled by warm-up runs. A report, not a test: it exits 0.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import MINIMAL_TYPER_APP, ROLE  # the same app and role as bench.py

CASES = (  # what is run, and at most how many times the minimal app's CPU time it may take
    ("pay ROLE -f tsv", ["pay", ROLE, "-f", "tsv"], 1.05),
    ("pay ROLE --location Dallas -f tsv", ["pay", ROLE, "-l", "Dallas", "-f", "tsv"], 1.05),
    ("pay ROLE --industry hospitals -f tsv", ["pay", ROLE, "--industry", "hospitals", "-f", "tsv"],
     1.10),
    ("areas dallas -f tsv", ["areas", "dallas", "-f", "tsv"], 1.10),
)  # fmt: skip


LAUNCHER = "import sys\nfrom csadvisor.__main__ import main\nsys.exit(main())\n"


def cpu_seconds(cmd: list[str], env: dict[str, str]) -> float:
    """One run, output discarded: the CPU time (user + system) the child spent."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run(cmd, env=env, capture_output=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"exit {proc.returncode}: {' '.join(cmd)}\n{proc.stderr.decode()[-500:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--base", type=Path, help="the src folder of a tree to compare")
    args = parser.parse_args()
    csadvisor = shutil.which("csadvisor", path=str(Path(sys.executable).parent)) or "csadvisor"
    work = Path(tempfile.mkdtemp(prefix="startup-cpu-"))
    try:
        minimal = work / "minimal_typer_app.py"
        minimal.write_text(MINIMAL_TYPER_APP, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env |= {"PYTHONPYCACHEPREFIX": str(work / "pycache"), "CSADVISOR_CACHE_DIR": str(work)}
        env.pop("CSADVISOR_DATA_DIR", None)
        env.pop("CSADVISOR_LOCATION", None)
        cmds = {"typer": [sys.executable, str(minimal)]}
        cmds |= {name: [csadvisor, *argv] for name, argv, _ in CASES}
        envs = dict.fromkeys(cmds, env)
        if args.base is not None:
            launcher = work / "csadvisor"  # named as the console script, which it imitates
            launcher.write_text(LAUNCHER, encoding="utf-8")
            base_env = dict(env, PYTHONPATH=str(args.base.resolve()))
            for name, argv, _ in CASES:
                cmds["base " + name] = [sys.executable, str(launcher), *argv]
                envs["base " + name] = base_env
        times: dict[str, list[float]] = {name: [] for name in cmds}
        for round_no in range(args.warmup + args.rounds):
            for name, cmd in cmds.items():
                spent = cpu_seconds(cmd, envs[name])
                if round_no >= args.warmup:
                    times[name].append(spent)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    typer = statistics.median(times["typer"])
    load = os.getloadavg()[0]
    print(f"CPU time (user + system), median of {args.rounds} alternating rounds; load {load:.1f}")
    print("| what | median | min | ratio | target | result |")
    print("|------|-------:|----:|------:|--------|--------|")
    print(
        f"| minimal Typer app | {typer * 1e3:.1f} ms | {min(times['typer']) * 1e3:.1f} ms | | | |"
    )
    names = [(name, target) for name, _, target in CASES]
    if args.base is not None:
        names += [("base " + name, target) for name, _, target in CASES]
    for name, target in names:
        median = statistics.median(times[name])
        ratio = median / typer
        verdict = "PASS" if ratio <= target else "FAIL"
        low = min(times[name]) * 1e3
        print(f"| {name} | {median * 1e3:.1f} ms | {low:.1f} ms | {ratio:.3f}x "
              f"| <= {target:.2f}x | {verdict} |")  # fmt: skip


if __name__ == "__main__":
    main()
