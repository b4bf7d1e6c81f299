"""Wall-clock benchmarks for csadvisor, printed as a Markdown table.

Run from the repository root, inside the venv where csadvisor is installed::

    python benchmarks/bench.py                  # everything
    python benchmarks/bench.py --only startup   # one benchmark
    python benchmarks/bench.py --rounds 50
    python benchmarks/bench.py --only scale     # a family: scale-10k, scale-20k, scale-suggest
    python benchmarks/bench.py --only team      # team-10k, team-20k: assessment files
    python benchmarks/bench.py --only untrusted # bounded, aliases-10k, stream (issue 19)
    python benchmarks/bench.py --only report    # report-plan, report-team: --export .html

This is a report, not a test: it always exits 0 (unless the arguments are wrong) and
marks each target PASS or FAIL. Standard library only, apart from reading
``data/roles.yaml`` with PyYAML (a csadvisor dependency) to build the batch input.

Environment of every measured process: a private, temporary ``CSADVISOR_CACHE_DIR``
(filled by the warm-up, as it is for a user after the first call) and a private
``PYTHONPYCACHEPREFIX`` with bytecode writing on, so that every Python program measured
(csadvisor, the minimal Typer app and yq, which is Python too) runs from cached bytecode
as it does after ``pip install``. The ``startup-nobytecode`` row shows the cost when
bytecode is never cached (``PYTHONDONTWRITEBYTECODE=1`` with an editable install).

The ``scale`` rows run csadvisor on an organisation's own data (``--data-dir DIR``) much
larger than the bundled catalogue: deterministic, schema-valid ``roles.yaml`` and
``skills.yaml`` generated into the temporary directory (checked once with ``data
validate``). Cold runs get a fresh, empty ``CSADVISOR_CACHE_DIR`` each (the YAML parse and
validation path); warm runs share one filled by a warm-up.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ROLES_YAML = ROOT / "data" / "roles.yaml"
ROLE = "Customer service manager"
YQ_FILTER = f'.roles[] | select(.title == "{ROLE}") | [.title, .pay.low, .pay.high] | @tsv'
YQ_INSTALL = "apt-get install yq"
STARTUP_MAX_VS_TYPER = 1.05  # issue 16: pay ROLE and pay ROLE --location, each <= 1.05x
OTHER_STARTUP_MAX_VS_TYPER = 1.10  # issue 18: areas, pay --industry
STARTUP_MAX_VS_YQ = 0.90
BATCH_MAX_SECONDS = 1.0
SCALE_COLD_MAX_SECONDS = 1.5  # 10,000 roles, cold cache
SCALE_MAX_RATIO = 2.20  # 20,000 roles / 10,000 roles, cold cache
SUGGEST_MAX_SECONDS = 0.3  # an unknown name at 10,000 roles, warm cache
SCALE_SIZES = {"10k": (10_000, 500), "20k": (20_000, 1_000)}  # roles, skills
NEAR_MISS = "Custmer servce managr"  # of the generated title "Customer service manager"
NEAR_MISS_TITLE = "Customer service manager"  # suggested as typed: a title for a title

MINIMAL_TYPER_APP = """\
import typer

app = typer.Typer()


@app.command()
def hello() -> None:
    print("hello")


if __name__ == "__main__":
    app()
"""


@dataclass
class Row:
    """One line of the report; empty strings are printed as blanks."""

    bench: str
    what: str
    median: float | None = None  # seconds
    low: float | None = None  # fastest run, seconds
    runs: int = 0
    ratio: str = ""
    target: str = ""
    result: str = ""


@dataclass
class Context:
    """Shared by every benchmark: options, paths, environment and earlier medians."""

    args: argparse.Namespace
    work: Path
    env: dict[str, str]
    csadvisor: list[str]
    minimal: list[str]
    yq: list[str] | None
    medians: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    data_dirs: dict[str, Path] = field(default_factory=dict)  # generated, by SCALE_SIZES key


# --------------------------------------------------------------------------- helpers


def run_timed(
    cmd: Sequence[str],
    env: dict[str, str],
    *,
    stdin: Path | None = None,
    expect: int = 0,
) -> float:
    """Run once with output to /dev/null; the wall time in seconds (exit code ``expect``)."""
    stdin_fh = stdin.open("rb") if stdin is not None else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        proc = subprocess.run(
            cmd,
            stdin=stdin_fh,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            check=False,
        )
        elapsed = time.perf_counter() - start
    finally:
        if stdin is not None:
            stdin_fh.close()  # type: ignore[union-attr]
    if proc.returncode != expect:
        raise RuntimeError(failure(cmd, proc.returncode, proc.stderr.decode(errors="replace")))
    return elapsed


def failure(cmd: Sequence[str], code: int, stderr: str) -> str:
    """First line: what failed; then the end of stderr (where a traceback says why)."""
    tail = "\n".join(stderr.strip().splitlines()[-3:])
    return f"exit code {code}: {' '.join(cmd)}\n{tail}".rstrip()


def run_output(cmd: Sequence[str], env: dict[str, str], *, stdin: Path | None = None) -> str:
    """Run once and return stdout (for checking results, never timed)."""
    stdin_fh = stdin.open("rb") if stdin is not None else subprocess.DEVNULL
    try:
        proc = subprocess.run(
            cmd, stdin=stdin_fh, capture_output=True, env=env, check=False, text=True
        )
    finally:
        if stdin is not None:
            stdin_fh.close()  # type: ignore[union-attr]
    if proc.returncode != 0:
        raise RuntimeError(failure(cmd, proc.returncode, proc.stderr))
    return proc.stdout


_MEASURE = """\
import os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status), time.perf_counter() - start)
"""


def run_measured(
    cmd: Sequence[str], env: dict[str, str], *, stdin: Path | None = None, expect: int = 0
) -> tuple[float, int]:
    """Run once, output to /dev/null: wall time in seconds and peak RSS in bytes.

    The command is started by a small Python process that reports the child's peak RSS
    (wait4): a child forked from this one would inherit its high-water mark, which the
    large inputs built here raise.
    """
    stdin_fh = stdin.open("rb") if stdin is not None else subprocess.DEVNULL
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _MEASURE, *cmd],
            stdin=stdin_fh,
            capture_output=True,
            env=env,
            check=False,
            text=True,
        )
    finally:
        if stdin is not None:
            stdin_fh.close()  # type: ignore[union-attr]
    rss_text, code_text, elapsed_text = proc.stdout.split()
    rss, code, elapsed = int(rss_text), int(code_text), float(elapsed_text)
    if code != expect:
        raise RuntimeError(failure(cmd, code, "(stderr not kept)"))
    return elapsed, rss * (1 if sys.platform == "darwin" else 1024)


def fmt_mb(size: float) -> str:
    return f"{size / 1e6:.0f} MB"


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return ""
    if seconds >= 1:
        return f"{seconds:.3f} s"
    return f"{seconds * 1000:.1f} ms"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def ratio_row(ctx: Context, bench: str, num: str, den: str, label: str, limit: float) -> Row:
    target = f"<= {limit:.2f}x"
    if num not in ctx.medians or den not in ctx.medians:
        return Row(bench, label, target=target, result="SKIP")
    ratio = ctx.medians[num] / ctx.medians[den]
    return Row(bench, label, ratio=f"{ratio:.2f}x", target=target, result=verdict(ratio <= limit))


def timing_row(bench: str, what: str, times: list[float]) -> Row:
    return Row(bench, what, statistics.median(times), min(times), len(times))


def check_startup_output(ctx: Context) -> None:
    """csadvisor and yq must agree on the role's title, low and high (checked once)."""
    out = run_output([*ctx.csadvisor, "pay", ROLE, "--format", "tsv"], ctx.env)
    lines = out.splitlines()
    header, first = lines[0].split("\t"), lines[1].split("\t")
    mine = [first[header.index(c)] for c in ("title", "low", "high")]
    if ctx.yq is not None:
        theirs = run_output(ctx.yq, ctx.env).strip().split("\t")
        if mine != theirs:
            ctx.notes.append(f"WARNING: csadvisor says {mine}, yq says {theirs}")


# --------------------------------------------------------------------------- benchmarks


def bench_startup(ctx: Context) -> list[Row]:
    """csadvisor pay vs (a) a minimal Typer app and (b) yq, run in alternation."""
    mine = [*ctx.csadvisor, "pay", ROLE, "--format", "tsv"]
    cmds: dict[str, list[str]] = {"csadvisor": mine, "typer": ctx.minimal}
    if ctx.yq is not None:
        cmds["yq"] = ctx.yq
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for round_no in range(ctx.args.warmup + ctx.args.rounds):
        for key, cmd in cmds.items():
            elapsed = run_timed(cmd, ctx.env)
            if round_no >= ctx.args.warmup:
                times[key].append(elapsed)
    check_startup_output(ctx)
    rows = [
        timing_row("startup", f"csadvisor pay {ROLE!r} -f tsv (warm cache)", times["csadvisor"])
    ]
    rows.append(timing_row("startup", "(a) minimal Typer app, one command", times["typer"]))
    if "yq" in times:
        rows.append(
            timing_row("startup", "(b) yq -r '.roles[] ... @tsv' data/roles.yaml", times["yq"])
        )
    else:
        rows.append(
            Row("startup", f"(b) yq: skipped, not on PATH (install: {YQ_INSTALL})", result="SKIP")
        )
    for key, values in times.items():
        ctx.medians[key] = statistics.median(values)
    rows.append(
        ratio_row(ctx, "startup", "csadvisor", "typer", "csadvisor / (a)", STARTUP_MAX_VS_TYPER)
    )
    rows.append(ratio_row(ctx, "startup", "csadvisor", "yq", "csadvisor / (b)", STARTUP_MAX_VS_YQ))
    return rows


def _no_target_rows(ctx: Context, bench: str, what: str, times: list[float], key: str) -> Row:
    row = timing_row(bench, what, times)
    ctx.medians[key] = row.median or 0.0
    if "typer" in ctx.medians:
        row.ratio = f"{ctx.medians[key] / ctx.medians['typer']:.2f}x (a)"
    row.target = "none"
    return row


def bench_startup_cold(ctx: Context) -> list[Row]:
    """csadvisor pay with a fresh, empty CSADVISOR_CACHE_DIR every run: parses the YAML."""
    cmd = [*ctx.csadvisor, "pay", ROLE, "--format", "tsv"]
    times = []
    for i in range(1 + ctx.args.cold_rounds):  # the first run only warms the bytecode
        env = dict(ctx.env, CSADVISOR_CACHE_DIR=tempfile.mkdtemp(prefix="cold-", dir=ctx.work))
        elapsed = run_timed(cmd, env)
        if i:
            times.append(elapsed)
    what = "csadvisor pay, cold cache (empty CSADVISOR_CACHE_DIR)"
    return [_no_target_rows(ctx, "startup-cold", what, times, "cold")]


def bench_startup_nobytecode(ctx: Context) -> list[Row]:
    """csadvisor pay as in a shell with PYTHONDONTWRITEBYTECODE=1 (no .pyc of its own)."""
    cmd = [*ctx.csadvisor, "pay", ROLE, "--format", "tsv"]
    env = {k: v for k, v in ctx.env.items() if k != "PYTHONPYCACHEPREFIX"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    run_timed(cmd, env)
    times = [run_timed(cmd, env) for _ in range(ctx.args.cold_rounds)]
    what = "csadvisor pay, warm cache, PYTHONDONTWRITEBYTECODE=1, .pyc as installed"
    return [_no_target_rows(ctx, "startup-nobytecode", what, times, "nobytecode")]


def _batch_names(count: int) -> list[str]:
    import yaml  # a csadvisor dependency; only used to build the input

    doc = yaml.safe_load(ROLES_YAML.read_text(encoding="utf-8"))
    pool: list[str] = []
    for role in doc["roles"]:
        pool += [role["id"], role["title"], *role.get("aliases", [])]
    return [pool[i % len(pool)] for i in range(count)]


def bench_batch(ctx: Context) -> list[Row]:
    """N names on stdin through ``csadvisor pay - --format tsv``, stdout to /dev/null."""
    count = ctx.args.batch_names
    names = ctx.work / "names.txt"
    names.write_text("".join(n + "\n" for n in _batch_names(count)), encoding="utf-8")
    cmd = [*ctx.csadvisor, "pay", "-", "--format", "tsv"]
    lines = run_output(cmd, ctx.env, stdin=names).count("\n")  # warm-up and check
    if lines != count + 1:
        ctx.notes.append(f"WARNING: batch printed {lines} lines, expected {count + 1}")
    times = [run_timed(cmd, ctx.env, stdin=names) for _ in range(ctx.args.batch_rounds)]
    row = timing_row("batch", f"{count:,} names: csadvisor pay - -f tsv < file > /dev/null", times)
    row.target = f"<= {BATCH_MAX_SECONDS:.1f} s"
    row.result = verdict(row.median is not None and row.median <= BATCH_MAX_SECONDS)
    # The same names as a column of a staff file with a header row, another column kept.
    staff = ctx.work / "staff.csv"
    staff.write_text(
        "employee_id,job_title\n"
        + "".join(f'{i},"{n}"\n' for i, n in enumerate(_batch_names(count))),
        encoding="utf-8",
    )
    cmd = [
        *ctx.csadvisor,
        "pay",
        "-",
        "--column",
        "job_title",
        "--keep",
        "employee_id",
        "-f",
        "csv",
    ]
    lines = run_output(cmd, ctx.env, stdin=staff).count("\n")
    if lines != count + 1:
        ctx.notes.append(f"WARNING: batch --column printed {lines} lines, expected {count + 1}")
    times = [run_timed(cmd, ctx.env, stdin=staff) for _ in range(ctx.args.batch_rounds)]
    table = timing_row(
        "batch", f"{count:,} rows: pay - --column job_title --keep employee_id -f csv", times
    )
    table.target = "none"
    return [row, table]


def bench_local(ctx: Context) -> list[Row]:
    """Local pay (BLS OEWS) and ``areas``: each in alternation with the minimal Typer app."""
    cmds: dict[str, list[str]] = {
        "local-pay": [*ctx.csadvisor, "pay", ROLE, "--location", "Dallas", "--format", "tsv"],
        "areas": [*ctx.csadvisor, "areas", "dallas", "--format", "tsv"],
        "industry-pay": [*ctx.csadvisor, "pay", ROLE, "--industry", "hospitals", "-f", "tsv"],
        "local-typer": ctx.minimal,
    }
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for round_no in range(ctx.args.warmup + ctx.args.rounds):
        for key, cmd in cmds.items():
            elapsed = run_timed(cmd, ctx.env)
            if round_no >= ctx.args.warmup:
                times[key].append(elapsed)
    for key, values in times.items():
        ctx.medians[key] = statistics.median(values)
    rows = [
        timing_row("local", f"csadvisor pay {ROLE!r} --location Dallas -f tsv", times["local-pay"]),
        timing_row("local", "csadvisor areas dallas -f tsv", times["areas"]),
        timing_row(
            "local", f"csadvisor pay {ROLE!r} --industry hospitals -f tsv", times["industry-pay"]
        ),
        timing_row("local", "(a) minimal Typer app, one command", times["local-typer"]),
        ratio_row(
            ctx, "local", "local-pay", "local-typer", "pay --location / (a)", STARTUP_MAX_VS_TYPER
        ),
        ratio_row(ctx, "local", "areas", "local-typer", "areas / (a)", OTHER_STARTUP_MAX_VS_TYPER),
        ratio_row(
            ctx,
            "local",
            "industry-pay",
            "local-typer",
            "pay --industry / (a)",
            OTHER_STARTUP_MAX_VS_TYPER,
        ),
    ]
    count = ctx.args.batch_names
    names = ctx.work / "names.txt"
    names.write_text("".join(n + "\n" for n in _batch_names(count)), encoding="utf-8")
    cmd = [*ctx.csadvisor, "pay", "-", "--location", "TX", "--format", "tsv"]
    lines = run_output(cmd, ctx.env, stdin=names).count("\n")  # warm-up and check
    if lines != count + 1:
        ctx.notes.append(f"WARNING: local batch printed {lines} lines, expected {count + 1}")
    batch = [run_timed(cmd, ctx.env, stdin=names) for _ in range(ctx.args.batch_rounds)]
    row = timing_row("local", f"{count:,} names: pay - --location TX -f tsv", batch)
    row.target = f"<= {BATCH_MAX_SECONDS:.1f} s"
    row.result = verdict(row.median is not None and row.median <= BATCH_MAX_SECONDS)
    # A staff file: each row's salary placed among its place's percentiles (issue 18).
    places = ("TX", "Dallas", "Washington", "New York", "Denver", "Ohio", "NYC", "Boise")
    staff = ctx.work / "salaries.csv"
    staff.write_text(
        "employee_id,job_title,salary,city\n"
        + "".join(
            f'{i},"{n}",{30000 + (i * 37) % 40000},{places[i % len(places)]}\n'
            for i, n in enumerate(_batch_names(count))
        ),
        encoding="utf-8",
    )
    checks = []
    for fmt in ("tsv", "csv"):
        cmd = [*ctx.csadvisor, "pay", "-", "--column", "job_title", "--salary-column", "salary",
               "--location-column", "city", "--keep", "employee_id", "-f", fmt]  # fmt: skip
        lines = run_output(cmd, ctx.env, stdin=staff).count("\n")
        if lines != count + 1:
            ctx.notes.append(f"WARNING: salary batch printed {lines} lines, expected {count + 1}")
        timed = [run_timed(cmd, ctx.env, stdin=staff) for _ in range(ctx.args.batch_rounds)]
        check = timing_row(
            "local",
            f"{count:,} rows: pay - --salary-column salary --location-column city -f {fmt}",
            timed,
        )
        check.target = f"<= {BATCH_MAX_SECONDS:.1f} s"
        check.result = verdict(check.median is not None and check.median <= BATCH_MAX_SECONDS)
        checks.append(check)
    return [*rows, row, *checks]


# --------------------------------------------------------------------------- scale data

TITLE_RANKS = (
    ("Junior", 1), ("Associate", 1), ("", 2), ("Regional", 2), ("Senior", 3),
    ("Lead", 3), ("Staff", 4), ("Principal", 4), ("Global", 5), ("Chief", 5),
)  # fmt: skip
DOMAINS = (
    "customer service", "customer success", "customer support", "technical support",
    "contact centre", "call center", "client services", "member services", "guest services",
    "patient services", "billing support", "claims", "collections", "onboarding", "retention",
    "escalations", "quality assurance", "workforce management", "knowledge management",
    "community support", "social media support", "live chat", "email support",
    "field service", "service desk", "help desk", "account management", "order management",
    "returns", "warranty", "loyalty", "complaints", "customer experience",
    "customer insights", "customer operations", "service delivery", "partner support",
    "vendor support", "product support", "reseller support", "enterprise support",
    "premium support", "sales support", "renewals", "implementation", "training",
    "voice of the customer", "digital support", "self-service", "service quality",
)  # fmt: skip
FUNCTIONS = (
    "specialist", "representative", "agent", "advisor", "coordinator", "analyst", "manager",
    "supervisor", "team lead", "director", "consultant", "trainer", "administrator",
    "associate", "officer", "executive", "engineer", "strategist", "planner", "partner",
)  # fmt: skip
REGIONS = ("", " (EMEA)", " (APAC)", " (Americas)")
DUTIES = (
    "Answer {d} requests by phone, chat and email",
    "Route {d} cases to the right team",
    "Log every {d} case in the CRM",
    "Report repeat {d} problems with examples",
    "Coach new colleagues on {d} tools",
    "Review {d} metrics every week",
    "Update help articles on {d}",
    "Resolve escalated {d} cases fairly",
)
SKILL_TOPICS = (
    ("Active listening", "listening"), ("Conflict resolution", "conflict"),
    ("Written communication", "writing"), ("Product knowledge", "product"),
    ("Ticket triage", "triage"), ("CRM administration", "crm"), ("Data analysis", "data"),
    ("Coaching", "coaching"), ("Time management", "time"), ("Process improvement", "process"),
    ("Negotiation", "negotiation"), ("Root cause analysis", "rca"),
    ("Stakeholder management", "stakeholders"), ("Quality monitoring", "qa"),
    ("Forecasting", "forecasting"), ("Scheduling", "scheduling"),
    ("Technical troubleshooting", "troubleshooting"), ("Knowledge writing", "kb-writing"),
    ("Privacy and security", "privacy"), ("AI prompting", "ai"),
)  # fmt: skip
SKILL_STAGES = (
    "Applies {t} on routine {d} cases with guidance",
    "Applies {t} on most {d} cases without help",
    "Uses {t} on complex {d} cases and helps peers",
    "Coaches the team in {t} and improves {d} procedures",
    "Sets the standard for {t} across {d}",
)


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _titles(count: int) -> list[tuple[str, int, str]]:
    """``count`` distinct (title, level, domain); regional variants only past 10,000."""
    combos = [
        (f"{rank} {domain} {func}{region}".strip(), level, domain)
        for region in REGIONS
        for rank, level in TITLE_RANKS
        for domain in DOMAINS
        for func in FUNCTIONS
    ]
    if count > len(combos):
        raise ValueError(f"at most {len(combos):,} generated roles")
    chosen = combos[:count]
    random.Random(1).shuffle(chosen)
    chosen.sort(key=lambda t: t[1])  # next edges go to higher indexes: mostly higher levels
    out = [(title[0].upper() + title[1:], level, d) for title, level, d in chosen]
    if not any(t == "Customer service manager" for t, _, _ in out):
        raise ValueError("the near-miss target title was not generated")
    return out


def scale_documents(n_roles: int, n_skills: int, seed: int = 7) -> tuple[str, str]:
    """Deterministic ``roles.yaml`` and ``skills.yaml`` texts matching csadvisor's schema."""
    rng = random.Random(seed)
    categories = ("soft", "technical", "working")
    skills: list[str] = ["skills:"]
    skill_ids: list[str] = []
    codes: list[str] = []  # short, unique domain codes for skill ids: cs, cs2, ts, ...
    for domain in DOMAINS:
        code = "".join(w[0] for w in domain.replace("-", " ").split())
        taken = sum(c.rstrip("0123456789") == code for c in codes)
        codes.append(f"{code}{taken + 1}" if taken else code)
    for k in range(n_skills):
        topic, short = SKILL_TOPICS[k % len(SKILL_TOPICS)]
        d = k // len(SKILL_TOPICS) % len(DOMAINS)
        domain, rep = DOMAINS[d], k // (len(SKILL_TOPICS) * len(DOMAINS))
        name = f"{topic} in {domain}" + (f" ({rep + 1})" if rep else "")
        skill_ids.append(f"{short}-{codes[d]}" + (f"-{rep + 1}" if rep else ""))
        t = topic.lower()
        skills += [
            f"  - id: {skill_ids[-1]}",
            f"    name: {name}",
            f"    category: {categories[k % 3]}",
            f"    description: Using {t} to resolve {domain} cases well and help "
            "customers understand what happens next.",
            "    levels:",
            *(f"      - {stage.format(t=t, d=domain)}" for stage in SKILL_STAGES),
            "    growth:",
            f"      - Pair with a colleague strong in {t} for a week of {domain} cases",
            f"      - Review three of your own {domain} cases a month against level 3",
            "",
        ]
    titles = _titles(n_roles)
    ids = [_slug(t) for t, _, _ in titles]
    roles: list[str] = ["roles:"]
    for i, (title, level, domain) in enumerate(titles):
        roles += [
            f"  - id: {ids[i]}",
            f"    title: {title}",
            f"    level: {level}",
            f"    summary: Helps {domain} customers and solves their problems with other teams.",
            "    responsibilities:",
            *(f"      - {d.format(d=domain)}" for d in rng.sample(DUTIES, rng.randint(2, 3))),
        ]
        aliases = [f"JC-{i + 1:05d}", f"{title} {rng.choice(('I', 'II', 'III'))}"]
        n_alias = rng.randint(0, 2)
        if n_alias:
            roles += ["    aliases:", *(f"      - {a}" for a in aliases[:n_alias])]
        later = n_roles - i - 1
        n_next = min(rng.randint(0, 3), later)
        if n_next:
            targets = sorted(rng.sample(range(i + 1, min(n_roles, i + 200)), n_next))
            roles += ["    next:", *(f"      - {ids[j]}" for j in targets)]
        roles.append("    skills:")
        roles += [
            f"      {s}: {rng.randint(1, 5)}" for s in rng.sample(skill_ids, rng.randint(8, 15))
        ]
        if rng.random() < 0.5:
            low = rng.randrange(30_000, 120_000, 250)
            roles += [
                "    pay:",
                f"      low: {low}",
                f"      high: {low + rng.randrange(5_000, 40_000, 250)}",
                "      currency: USD",
                "      period: year",
                "      region: US national",
                "      basis: starting salary",
                "      source: Example Corp pay survey",
                "      year: 2025",
            ]
        roles.append("")
    head = "# Generated by benchmarks/bench.py: {} for the scale benchmarks.\n"
    return (
        head.format(f"{n_roles:,} roles") + "\n".join(roles),
        head.format(f"{n_skills:,} skills") + "\n".join(skills),
    )


def scale_dir(ctx: Context, size: str) -> Path:
    """The generated data directory for ``size`` (made and validated once per run)."""
    if size not in ctx.data_dirs:
        n_roles, n_skills = SCALE_SIZES[size]
        directory = ctx.work / f"data-{size}"
        directory.mkdir()
        roles_text, skills_text = scale_documents(n_roles, n_skills)
        (directory / "roles.yaml").write_text(roles_text, encoding="utf-8")
        (directory / "skills.yaml").write_text(skills_text, encoding="utf-8")
        run_output([*ctx.csadvisor, "--data-dir", str(directory), "data", "validate"], ctx.env)
        ctx.data_dirs[size] = directory
    return ctx.data_dirs[size]


# --------------------------------------------------------------------------- scale benchmarks


def _scale_rows(ctx: Context, size: str) -> list[Row]:
    """``roles -f tsv`` on a generated catalogue: cold (fresh cache dir each run), then warm."""
    n_roles, n_skills = SCALE_SIZES[size]
    directory = scale_dir(ctx, size)
    cmd = [*ctx.csadvisor, "--data-dir", str(directory), "roles", "--format", "tsv"]
    lines = run_output(cmd, ctx.env).count("\n")  # warms bytecode and the shared cache
    if lines != n_roles + 1:
        ctx.notes.append(f"WARNING: scale-{size} printed {lines} lines, expected {n_roles + 1}")
    cold = []
    for _ in range(ctx.args.scale_rounds):
        cache = tempfile.mkdtemp(prefix="cold-", dir=ctx.work)
        cold.append(run_timed(cmd, dict(ctx.env, CSADVISOR_CACHE_DIR=cache)))
    warm = [run_timed(cmd, ctx.env) for _ in range(ctx.args.scale_rounds)]
    what = f"{n_roles:,} roles, {n_skills:,} skills: --data-dir D roles -f tsv"
    rows = [timing_row(f"scale-{size}", f"{what}, cold cache", cold)]
    rows.append(timing_row(f"scale-{size}", f"{what}, warm cache", warm))
    ctx.medians[f"scale-{size}-cold"] = rows[0].median or 0.0
    ctx.medians[f"scale-{size}-warm"] = rows[1].median or 0.0
    rows[1].target = "none"
    return rows


def bench_scale_10k(ctx: Context) -> list[Row]:
    rows = _scale_rows(ctx, "10k")
    rows[0].target = f"<= {SCALE_COLD_MAX_SECONDS:.1f} s"
    rows[0].result = verdict((rows[0].median or 0.0) <= SCALE_COLD_MAX_SECONDS)
    return rows


def bench_scale_20k(ctx: Context) -> list[Row]:
    rows = _scale_rows(ctx, "20k")
    rows[0].target = "see ratio"
    label = "20k / 10k, cold cache (linearity)"
    rows.append(
        ratio_row(ctx, "scale-20k", "scale-20k-cold", "scale-10k-cold", label, SCALE_MAX_RATIO)
    )
    if "scale-10k-cold" in ctx.medians:
        warm = ctx.medians["scale-20k-warm"] / ctx.medians["scale-10k-warm"]
        rows.append(Row("scale-20k", "20k / 10k, warm cache", ratio=f"{warm:.2f}x", target="none"))
    else:
        ctx.notes.append("scale-20k: the ratio rows need scale-10k (run --only scale)")
    return rows


def bench_scale_suggest(ctx: Context) -> list[Row]:
    """An unknown name at 10,000 roles, warm cache: exit code 1 with 'did you mean'."""
    directory = scale_dir(ctx, "10k")
    rng = random.Random(3)
    word = "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(9))
    rows = []
    for label, name in (("near miss", NEAR_MISS), ("random word", word)):
        cmd = [*ctx.csadvisor, "--data-dir", str(directory), "pay", name]
        proc = subprocess.run(cmd, capture_output=True, env=ctx.env, text=True, check=False)
        if proc.returncode != 1:  # also the warm-up that fills the cache
            raise RuntimeError(failure(cmd, proc.returncode, proc.stderr))
        said = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
        ctx.notes.append(f"scale-suggest, {label}: exit 1; {said}")
        if label == "near miss" and f"'{NEAR_MISS_TITLE}'" not in said:
            ctx.notes.append(f"WARNING: {NEAR_MISS_TITLE!r} was not suggested for {NEAR_MISS!r}")
        times = [run_timed(cmd, ctx.env, expect=1) for _ in range(ctx.args.scale_rounds)]
        row = timing_row("scale-suggest", f"10k roles: pay {name!r} (exit 1), warm cache", times)
        row.target = f"<= {SUGGEST_MAX_SECONDS:.1f} s"
        row.result = verdict((row.median or 0.0) <= SUGGEST_MAX_SECONDS)
        rows.append(row)
    return rows


# --------------------------------------------------------------------------- team benchmarks

TEAM_SIZES = {"10k": 10_000, "20k": 20_000}  # assessment files
TEAM_MAX_SECONDS = 2.0  # 10,000 files through team DIR -f tsv
TEAM_MAX_RATIO = 2.20  # 20,000 / 10,000


def team_dir(ctx: Context, size: str) -> Path:
    """``size`` assessment files as ``assess -f json`` writes them (half self, half manager
    ratings of the same people), made once from one real result as the template."""
    directory = ctx.work / f"team-{size}"
    if directory.is_dir():
        return directory
    import json

    answers = ctx.work / "answers.json"
    skills = run_output([*ctx.csadvisor, "skills", "-f", "tsv", "--no-header"], ctx.env)
    ids = [line.split("\t")[0] for line in skills.splitlines() if line]
    answers.write_text(json.dumps({"role": "csr", "skills": dict.fromkeys(ids, 3)}))
    template = json.loads(
        run_output(
            [*ctx.csadvisor, "assess", "--answers", str(answers), "-f", "json", "--no-save"],
            ctx.env,
        )
    )
    rng = random.Random(11)
    count = TEAM_SIZES[size]
    for i in range(count):
        folder = directory / f"site-{i % 20:02d}"  # folders within folders, as teams keep them
        folder.mkdir(parents=True, exist_ok=True)
        doc = dict(template)
        doc["id"] = f"20261127-{i:06d}"
        doc["name"] = f"Person {i // 2:05d}"
        doc["rater"] = "self" if i % 2 == 0 else "manager"
        doc["ratings"] = {sid: rng.randint(1, 5) for sid in ids}
        (folder / f"{doc['id']}.json").write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return directory


def _team_rows(ctx: Context, size: str) -> list[Row]:
    directory = team_dir(ctx, size)
    cmd = [*ctx.csadvisor, "team", str(directory), "--format", "tsv"]
    people = TEAM_SIZES[size] // 2
    lines = run_output(cmd, ctx.env).count("\n")  # also the warm-up
    if lines != TEAM_SIZES[size] + 3:  # header, a row per file, bench, single points
        ctx.notes.append(f"WARNING: team-{size} printed {lines} lines")
    times = [run_timed(cmd, ctx.env) for _ in range(ctx.args.scale_rounds)]
    what = f"{TEAM_SIZES[size]:,} assessment files ({people:,} people): team DIR -f tsv"
    row = timing_row(f"team-{size}", what, times)
    ctx.medians[f"team-{size}"] = row.median or 0.0
    return [row]


def bench_team_10k(ctx: Context) -> list[Row]:
    rows = _team_rows(ctx, "10k")
    rows[0].target = f"<= {TEAM_MAX_SECONDS:.1f} s"
    rows[0].result = verdict((rows[0].median or 0.0) <= TEAM_MAX_SECONDS)
    return rows


def bench_team_20k(ctx: Context) -> list[Row]:
    rows = _team_rows(ctx, "20k")
    rows[0].target = "see ratio"
    label = "20k / 10k files (linearity)"
    rows.append(ratio_row(ctx, "team-20k", "team-20k", "team-10k", label, TEAM_MAX_RATIO))
    return rows


# --------------------------------------------------------------------------- bounded work
# Hostile files at the size limits (the red team's round three, issue 19): each must cost
# no more than the largest valid catalogue does. Peak RSS is the child's (wait4).

BOUNDED_MAX_VS_VALID = 1.25  # time and RSS of a hostile 16 MiB file / the valid 20k one
ANSWERS_MAX_SECONDS = 0.5
ANSWERS_MAX_RSS = 80e6
ALIASES_COLD_MAX_SECONDS = 1.5  # 10,000 roles sharing one template (anchors, aliases)
STREAM_MAX_RSS_RATIO = 1.25  # pay - at 1,000,000 rows / at 100,000 rows
LIMIT = 16 * 1024 * 1024


def _hostile_roles() -> dict[str, str]:
    """roles.yaml texts at (or under) the 16 MiB limit, each the worst of its kind."""

    def fit(text: str, close: str = "") -> str:
        if len(text) <= LIMIT - len(close) - 1:
            return text + close
        cut = text[: LIMIT - len(close) - 1]
        return cut[: cut.rfind("\n") + 1 if not close else cut.rfind(",")] + close

    laughs = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    laughs += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return {
        "7M one-letter items, one flow list (14 MB)": "roles: [" + "a," * 7_000_000 + "a]\n",
        "a block list of 16-character items (16 MiB)": fit(
            "roles:\n" + "".join(f"- s{i:014d}\n" for i in range(1_100_000))
        ),
        "a mapping of distinct keys (16 MiB)": fit(
            "roles:\n" + "".join(f"  k{i}: v\n" for i in range(1_600_000))
        ),
        "an alias bomb (10^9 values by alias)": "\n".join(laughs) + "\nroles: [*a9]\n",
    }


def _data_dir_with_roles(ctx: Context, name: str, roles: str) -> Path:
    folder = ctx.work / "bounded" / name
    folder.mkdir(parents=True)
    (folder / "roles.yaml").write_text(roles, encoding="utf-8")
    shutil.copyfile(ROOT / "data" / "skills.yaml", folder / "skills.yaml")
    return folder


def _cold(ctx: Context, cmd: Sequence[str], expect: int, **kw: Any) -> list[tuple[float, int]]:
    runs = []
    for _ in range(ctx.args.scale_rounds):
        env = dict(ctx.env, CSADVISOR_CACHE_DIR=tempfile.mkdtemp(prefix="cold-", dir=ctx.work))
        runs.append(run_measured(cmd, env, expect=expect, **kw))
    return runs


def _measured_row(bench: str, what: str, runs: list[tuple[float, int]]) -> Row:
    row = timing_row(bench, what, [t for t, _ in runs])
    row.ratio = "RSS " + fmt_mb(max(r for _, r in runs))
    return row


def bench_bounded(ctx: Context) -> list[Row]:
    """Each hostile roles.yaml (roles, cold cache) against the valid 20,000-role catalogue."""
    valid = scale_dir(ctx, "20k")
    cmd = [*ctx.csadvisor, "--data-dir", str(valid), "roles", "-f", "tsv"]
    reference = _cold(ctx, cmd, 0)
    rows = [_measured_row("bounded", "valid: 20,000 roles, 15.9 MB (reference)", reference)]
    ref_time = statistics.median(t for t, _ in reference)
    ref_rss = max(r for _, r in reference)
    target = f"<= {BOUNDED_MAX_VS_VALID:.2f}x ref"
    for i, (what, text) in enumerate(_hostile_roles().items()):
        folder = _data_dir_with_roles(ctx, f"h{i}", text)
        cmd = [*ctx.csadvisor, "--data-dir", str(folder), "roles", "-f", "tsv"]
        runs = _cold(ctx, cmd, 3)
        row = _measured_row("bounded", what, runs)
        row.target = target
        worst = max(row.median or 0.0, 0.0) / ref_time, max(r for _, r in runs) / ref_rss
        row.ratio += f", {worst[0]:.2f}x/{worst[1]:.2f}x"
        row.result = verdict(max(worst) <= BOUNDED_MAX_VS_VALID)
        rows.append(row)
    answers = ctx.work / "bounded" / "answers.yaml"
    answers.write_text("skills: [" + "a," * (1024 * 1024 // 2 - 10) + "a]\n", encoding="utf-8")
    cmd = [*ctx.csadvisor, "assess", "--answers", str(answers), "--no-save"]
    runs = _cold(ctx, cmd, 3)
    row = _measured_row("bounded", "answers file: 1 MiB flow list (assess --answers)", runs)
    row.target = f"<= {ANSWERS_MAX_SECONDS} s, {fmt_mb(ANSWERS_MAX_RSS)}"
    ok = (row.median or 0) <= ANSWERS_MAX_SECONDS and max(r for _, r in runs) <= ANSWERS_MAX_RSS
    row.result = verdict(ok)
    rows.append(row)
    return rows


def bench_aliases(ctx: Context) -> list[Row]:
    """10,000 roles written by yaml.safe_dump from one template dict: anchors and aliases."""
    import yaml

    template = yaml.safe_load(ROLES_YAML.read_text(encoding="utf-8"))["roles"][1]
    roles = []
    for i in range(10_000):
        role = dict(template, id=f"role-{i}", title=f"Role {i}", next=[])
        role.pop("aliases", None)
        roles.append(role)
    text = yaml.safe_dump({"roles": roles}, sort_keys=False)
    folder = _data_dir_with_roles(ctx, "aliases-10k", text)
    for name in ("areas.csv", "occupations.csv", "oews_2025.csv", "projections.csv"):
        shutil.copyfile(ROOT / "data" / name, folder / name)
    cmd = [*ctx.csadvisor, "--data-dir", str(folder), "pay", "role-5", "-f", "tsv"]
    runs = _cold(ctx, cmd, 0)
    what = f"10,000 roles sharing one template ({text.count('*id')} aliases): pay, cold cache"
    row = _measured_row("aliases-10k", what, runs)
    row.target = f"<= {ALIASES_COLD_MAX_SECONDS} s"
    row.result = verdict((row.median or 0) <= ALIASES_COLD_MAX_SECONDS)
    return [row]


def bench_stream(ctx: Context) -> list[Row]:
    """pay - --column on 100,000 and 1,000,000 rows: peak RSS must stay flat, every format."""
    names = ["csr", "Customer service manager", "call center specialist", "account-manager"]
    files = {}
    for count in (100_000, ctx.args.stream_rows):
        path = ctx.work / f"staff-{count}.csv"
        with path.open("w", encoding="utf-8") as fh:
            fh.write("employee_id,job_title\n")
            fh.writelines(f"E{i},{names[i % len(names)]}\n" for i in range(count))
        files[count] = path
    rows = []
    for fmt in ("json", "jsonl", "csv", "tsv"):
        cmd = [*ctx.csadvisor, "pay", "-", "--column", "job_title", "--keep", "employee_id"]
        cmd += ["-f", fmt]
        small = run_measured(cmd, ctx.env, stdin=files[100_000])
        big = run_measured(cmd, ctx.env, stdin=files[ctx.args.stream_rows])
        what = f"pay - -f {fmt}: {ctx.args.stream_rows:,} rows (100,000: {fmt_mb(small[1])})"
        row = Row("stream", what, big[0], big[0], 1)
        row.ratio = f"RSS {fmt_mb(big[1])}, {big[1] / small[1]:.2f}x"
        row.target = f"<= {STREAM_MAX_RSS_RATIO:.2f}x RSS"
        row.result = verdict(big[1] / small[1] <= STREAM_MAX_RSS_RATIO)
        rows.append(row)
    return rows


REPORT_MAX_SECONDS = 0.5  # drawing and writing a plan or a 50-person team page
REPORT_PLAN_MAX_BYTES = 60_000
REPORT_TEAM_MAX_BYTES = 300_000
REPORT_PEOPLE = 50

# Times the page alone, in one process: the result or the team already read, then the
# page drawn and written atomically, as --export does (the command's start-up and file
# reading are timed apart, in the rows after).
REPORT_TIMER = """\
import json, statistics, sys, time
from pathlib import Path
from csadvisor.cli import reports
from csadvisor.cli.export import ExportFormat
from csadvisor.storage.files import atomic_write_text
kind, source, target, rounds = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
if kind == "plan":
    from csadvisor.core.result import from_doc
    result = from_doc(json.loads(Path(source).read_text()))
    draw = lambda: reports.plan_report(result, ExportFormat.html, saved=False)
else:
    from csadvisor.storage import catalog, teamfiles
    from csadvisor.core import team
    cat = catalog.load()
    members = [teamfiles.read_member(p, cat, None) for p, why in teamfiles.files([source])]
    members, _ = team.identify(members, "2100-01-01T00:00:00+00:00")
    draw = lambda: reports.team_report(
        members, cat, ExportFormat.html, role=None, level=3, min_holders=2,
        anonymous=False, min_group=5, today="2026-12-04")
times = []
for _ in range(rounds):
    start = time.perf_counter()
    atomic_write_text(target, draw(), mode=None)
    times.append(time.perf_counter() - start)
print(statistics.median(times), min(times), target.stat().st_size)
"""


def report_inputs(ctx: Context) -> tuple[Path, Path]:
    """An assessment result (with local pay and an example on every skill) and a folder
    of REPORT_PEOPLE people, each with a self and a manager assessment."""
    import json

    skills = run_output([*ctx.csadvisor, "skills", "-f", "tsv", "--no-header"], ctx.env)
    ids = [line.split("\t")[0] for line in skills.splitlines() if line]
    rng = random.Random(5)
    answers = ctx.work / "report-answers.json"
    example = "Calmed a caller who had waited an hour, and wrote up the fix for the team"
    answers.write_text(
        json.dumps(
            {
                "name": "Ana Lopez",
                "role": "csr",
                "skills": {sid: rng.randint(1, 5) for sid in ids},
                "evidence": dict.fromkeys(ids, example),
            }
        )
    )
    result = ctx.work / "report-result.json"
    result.write_text(
        run_output(
            [
                *ctx.csadvisor,
                "assess",
                "--answers",
                str(answers),
                "-l",
                "Dallas",
                "-f",
                "json",
                "--no-save",
            ],
            ctx.env,
        )
    )
    team = ctx.work / "report-team"
    team.mkdir(exist_ok=True)
    for i in range(REPORT_PEOPLE):
        for rater in ("self", "manager"):
            doc = {
                "name": f"Person {i:02d}",
                "rater": rater,
                "role": "csr",
                "skills": {sid: rng.randint(1, 5) for sid in ids},
            }
            (team / f"p{i:02d}-{rater}.json").write_text(json.dumps(doc))
    return result, team


def bench_report(ctx: Context) -> list[Row]:
    """--export FILE.html: the page drawn and written (target), then the whole command."""
    result, team = report_inputs(ctx)
    rows = []
    rounds = max(ctx.args.scale_rounds, 5)
    for kind, source, limit in (
        ("plan", result, REPORT_PLAN_MAX_BYTES),
        ("team", team, REPORT_TEAM_MAX_BYTES),
    ):
        target = ctx.work / f"{kind}.html"
        out = run_output(
            [sys.executable, "-c", REPORT_TIMER, kind, str(source), str(target), str(rounds)],
            ctx.env,
        ).split()
        median, low, size = float(out[0]), float(out[1]), int(out[2])
        what = (
            "plan page (16 skills, an example each, local pay): draw + write"
            if kind == "plan"
            else f"team page ({REPORT_PEOPLE} people, self + manager): draw + write"
        )
        ok = median <= REPORT_MAX_SECONDS and size <= limit
        rows.append(
            Row(
                f"report-{kind}",
                f"{what}; {size / 1000:.1f} KB (<= {limit // 1000} KB)",
                median,
                low,
                rounds,
                target=f"<= {REPORT_MAX_SECONDS:.1f} s",
                result=verdict(ok),
            )
        )
    answers = ctx.work / "report-answers.json"
    commands = {
        "report-plan": [
            *ctx.csadvisor,
            "assess",
            "--answers",
            str(answers),
            "-l",
            "Dallas",
            "--no-save",
            "--export",
            str(ctx.work / "cmd-plan.html"),
            "--force",
        ],
        "report-team": [
            *ctx.csadvisor,
            "team",
            str(team),
            "--export",
            str(ctx.work / "cmd-team.html"),
            "--force",
            "-f",
            "tsv",
        ],
    }
    for bench, cmd in commands.items():
        run_timed(cmd, ctx.env)  # warm-up
        times = [run_timed(cmd, ctx.env) for _ in range(rounds)]
        what = f"the whole command: csadvisor {cmd[1]} ... --export {bench[7:]}.html"
        rows.append(timing_row(bench, what, times))

    return rows


BENCHMARKS: list[tuple[str, Callable[[Context], list[Row]]]] = [
    ("startup", bench_startup),
    ("startup-cold", bench_startup_cold),
    ("startup-nobytecode", bench_startup_nobytecode),
    ("batch", bench_batch),
    ("local", bench_local),
    ("scale-10k", bench_scale_10k),
    ("scale-20k", bench_scale_20k),
    ("scale-suggest", bench_scale_suggest),
    ("team-10k", bench_team_10k),
    ("team-20k", bench_team_20k),
    ("bounded", bench_bounded),
    ("aliases-10k", bench_aliases),
    ("stream", bench_stream),
    ("report", bench_report),
]
FAMILIES = {  # --only NAME runs these
    "scale": ("scale-10k", "scale-20k", "scale-suggest"),
    "team": ("team-10k", "team-20k"),
    "untrusted": ("bounded", "aliases-10k", "stream"),
}


# --------------------------------------------------------------------------- setup, report


def find_csadvisor() -> list[str]:
    """The installed console script, preferring the one beside this interpreter."""
    beside = Path(sys.executable).parent / ("csadvisor.exe" if os.name == "nt" else "csadvisor")
    found = str(beside) if beside.is_file() else shutil.which("csadvisor")
    if found is None:
        sys.exit("bench: no csadvisor console script; run inside the venv (pip install -e .)")
    return [found]


def version_of(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine_lines(ctx: Context) -> list[str]:
    cpus = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpus
    yq = "not on PATH" if ctx.yq is None else ctx.yq[0]
    return [
        f"- machine: {platform.platform()}, nproc {usable} (cpu_count {cpus})",
        f"- python: {platform.python_version()} ({sys.executable})",
        f"- typer {version_of('typer')}, click {version_of('click')}, "
        f"rich {version_of('rich')}, csadvisor {version_of('csadvisor')}",
        f"- csadvisor: {ctx.csadvisor[0]}; yq: {yq}",
        f"- rounds: startup {ctx.args.rounds} after {ctx.args.warmup} warm-up (alternating), "
        f"cold/nobytecode {ctx.args.cold_rounds}, batch {ctx.args.batch_rounds}, "
        f"scale {ctx.args.scale_rounds} (median of each)",
    ]


def print_table(rows: list[Row]) -> None:
    head = ["bench", "what", "median", "min", "runs", "ratio", "target", "result"]
    body = [
        [
            c.replace("|", "\\|")
            for c in (
                r.bench,
                r.what,
                fmt_time(r.median),
                fmt_time(r.low),
                str(r.runs or ""),
                r.ratio,
                r.target,
                r.result,
            )
        ]
        for r in rows
    ]
    widths = [max(len(x) for x in col) for col in zip(head, *body, strict=True)]
    right = {2, 3, 4, 5}

    def line(cells: list[str]) -> str:
        padded = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    print(line(head))
    print(
        "|"
        + "|".join(
            ("-" * (w + 1) + ":") if i in right else "-" * (w + 2) for i, w in enumerate(widths)
        )
        + "|"
    )
    for cells in body:
        print(line(cells))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30, help="startup rounds (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="startup warm-up rounds")
    parser.add_argument(
        "--cold-rounds", type=int, default=10, help="runs of the no-target startup rows"
    )
    parser.add_argument("--batch-rounds", type=int, default=5, help="batch runs (default 5)")
    parser.add_argument("--batch-names", type=int, default=100_000, help="names in the batch")
    parser.add_argument(
        "--scale-rounds", type=int, default=5, help="runs of each scale row (default 5)"
    )
    parser.add_argument(
        "--stream-rows", type=int, default=1_000_000, help="rows of the stream benchmark"
    )
    parser.add_argument(
        "--only",
        metavar="NAME",
        choices=[n for n, _ in BENCHMARKS] + list(FAMILIES),
        help="run one benchmark, or a family: " + ", ".join(FAMILIES),
    )
    args = parser.parse_args(argv)
    counts = (args.rounds, args.cold_rounds, args.batch_rounds, args.batch_names)
    if min(*counts, args.scale_rounds) < 1:
        parser.error("counts must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="csadvisor-bench-") as tmp:
        work = Path(tmp)
        (work / "cache").mkdir()
        minimal = work / "minimal_typer_app.py"
        minimal.write_text(MINIMAL_TYPER_APP, encoding="utf-8")
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"PYTHONDONTWRITEBYTECODE", "CSADVISOR_DATA_DIR"}
        }
        env["CSADVISOR_CACHE_DIR"] = str(work / "cache")
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        yq = shutil.which("yq")
        ctx = Context(
            args=args,
            work=work,
            env=env,
            csadvisor=find_csadvisor(),
            minimal=[sys.executable, str(minimal)],
            yq=[yq, "-r", YQ_FILTER, str(ROLES_YAML)] if yq else None,
        )
        print("## csadvisor benchmarks\n")
        print("\n".join(machine_lines(ctx)) + "\n", flush=True)
        rows: list[Row] = []
        for name, bench in BENCHMARKS:
            if args.only and name not in FAMILIES.get(args.only, (args.only,)):
                continue
            try:
                rows += bench(ctx)
            except (RuntimeError, OSError) as exc:
                rows.append(Row(name, f"error: {str(exc).splitlines()[0]}", result="ERROR"))
                ctx.notes.append(f"{name}: {exc}")
        print_table(rows)
        for note in ctx.notes:
            print(f"\n{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
