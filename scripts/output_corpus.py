"""Record what every command prints on the bundled data, to compare before and after a refactor.

    python scripts/output_corpus.py OUT_DIR   # a file per command: exit, stdout, stderr
    diff -r BEFORE_DIR AFTER_DIR                   # nothing printed: byte-identical

Off a terminal, with a fixed home, width and date-free inputs, so two runs compare exactly.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

FORMATS = ("table", "json", "tsv", "csv")
ROLE_IDS = ("csr", "customer-service-manager", "call-center-specialist", "cx-specialist")

SKILL_LEVELS = {
    "empathy": 4,
    "communication": 3,
    "problem-solving": 3,
    "collaboration": 3,
    "data-literacy": 2,
    "ai-prompting": 2,
    "privacy-security": 3,
    "nlp-basics": 1,
    "troubleshooting": 3,
    "support-tools": 3,
    "metrics": 2,
    "knowledge-writing": 2,
    "coaching": 2,
    "scheduling": 1,
    "account-growth": 1,
    "business-knowledge": 2,
}
ANSWERS = {"role": "csr", "skills": SKILL_LEVELS}


def commands(home: Path) -> list[list[str]]:
    base: list[list[str]] = []
    for fmt in FORMATS:
        f = ["-f", fmt]
        base += [
            ["roles", *f],
            ["roles", "--with-pay", *f],
            ["roles", "--location", "TX", *f],
            ["skills", *f],
            ["skill", "empathy", *f],
            ["areas", "dallas", *f],
            ["areas", *f],
            ["pay", "csr", "Customer service manager", *f],
            ["pay", "csr", "--period", "hour", *f],
            ["pay", "csr", "--period", "month", *f],
            ["pay", "csr", "--location", "Dallas", *f],
            ["pay", "csr", "--location", "Bozeman", *f],
            ["next", "csr", *f],
            ["next", "csr", "--location", "Houston", *f],
            ["history", *f],
            ["team", str(home / "team"), *f],
            ["team", str(home / "team"), "--view", "next", *f],
            ["team", str(home / "team"), "--view", "calibration", *f],
            ["team", str(home / "team"), "--target", "customer-service-manager", *f],
        ]
        for rid in ROLE_IDS:
            base.append(["role", rid, *f])
            base.append(["role", rid, "--location", "Denver", *f])
    base += [
        ["track"],
        ["track", "--format", "mermaid"],
        ["track", "csr"],
        ["pay", "csr", "--field", "mid"],
        ["pay", "csr", "--location", "Dallas", "--field", "median"],
        ["pay", "nosuchrole"],
        ["role", "custmer service managr"],
        ["areas", "springfield"],
        ["data", "path"],
        ["data", "validate"],
        ["data", "schema", "roles"],
        ["--help"],
        ["pay", "--help"],
        ["team", "--help"],
        ["assess", "--help"],
        ["next", "--help"],
        ["assess", "--template"],
        ["assess", "--answers", str(home / "answers.json"), "--no-save"],
        ["assess", "--answers", str(home / "answers.json"), "--no-save", "-f", "json"],
        ["assess", "--answers", str(home / "answers.json"), "--no-save", "--details"],
        ["assess", "--answers", str(home / "answers.json"), "--no-save", "--location", "Dallas"],
        ["next"],
        ["next", "--details"],
    ]
    return base


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = {
            **os.environ,
            "CSADVISOR_HOME": str(home / "h"),
            "XDG_CACHE_HOME": str(home / "c"),
            "COLUMNS": "100",
            "NO_COLOR": "1",
            "TERM": "dumb",
        }
        env.pop("CSADVISOR_LOCATION", None)
        env.pop("CSADVISOR_DATA_DIR", None)
        (home / "answers.json").write_text(json.dumps(ANSWERS))
        team = home / "team"
        team.mkdir()
        for name, rater, bump in (
            ("Sam Lee", "self", 1),
            ("Sam Lee", "manager", 0),
            ("Ana Lopez", "self", 0),
        ):
            answers = {
                "role": "csr",
                "skills": {k: min(5, v + bump) for k, v in SKILL_LEVELS.items()},
            }
            (home / "a.json").write_text(json.dumps(answers))
            r = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "csadvisor",
                    "assess",
                    "--answers",
                    str(home / "a.json"),
                    "--name",
                    name,
                    "--rater",
                    rater,
                    "--no-save",
                    "-f",
                    "json",
                ],
                env=env,
                capture_output=True,
                text=True,
            )
            data = json.loads(r.stdout)
            data["created"] = "2026-01-15T10:00:00+00:00"
            (team / f"{name.replace(' ', '-').lower()}-{rater}.json").write_text(json.dumps(data))
        subprocess.run(
            [sys.executable, "-m", "csadvisor", "assess", "--answers", str(home / "answers.json")],
            env=env,
            capture_output=True,
        )
        for args in commands(home):
            r = subprocess.run(
                [sys.executable, "-m", "csadvisor", *args], env=env, capture_output=True
            )
            text = b"exit %d\n--- stdout\n%s\n--- stderr\n%s" % (r.returncode, r.stdout, r.stderr)
            text = text.replace(str(home).encode(), b"$HOME")
            text = re.sub(rb"\d{8}-\d{6}-[0-9a-f]{6}", b"<id>", text)
            text = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00", b"<time>", text)
            text = re.sub(rb"\b20\d\d-\d\d-\d\d\b", b"<date>", text)
            text = re.sub(rb"<date> \d\d:\d\d", b"<date> <hh:mm>", text)
            key = " ".join(a.replace(str(home), "$HOME") for a in args)
            name = hashlib.sha1(key.encode()).hexdigest()[:10]
            (out / f"{name}.txt").write_bytes(key.encode() + b"\n" + text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
