"""What each fast path reads and loads (issue 16/18 start-up targets; timings are in
``benchmarks/startup_cpu.py``, never here).

``pay --industry`` reads the nation and the occupation titles, not the 300 KB extract;
a warm ``pay`` checks the cached catalogue without the YAML reader; shell completion
code is loaded for completion only; the collector pause ends when the command runs.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

BUNDLED = Path(__file__).resolve().parents[1] / "data"


def _tsv(stdout: str) -> dict[str, str]:
    header, first = stdout.splitlines()[:2]
    return dict(zip(header.split("\t"), first.split("\t"), strict=True))


def test_pay_by_industry_reads_no_extract(invoke: Any, data_dir: Path) -> None:
    """A data directory whose OEWS extract is broken: --industry (which reads none of it)
    still answers with the hospitals' figure; --location (which reads it) is refused."""
    (data_dir / "oews_2025.csv").write_text("not,the,extract\n", encoding="utf-8")
    result = invoke("--data-dir", str(data_dir), "pay", "csr", "--industry", "hospitals")
    assert result.exit_code == 0, result.stderr
    row = _tsv(result.stdout)
    assert (row["naics"], row["median"], row["area"]) == ("622000", "46420", "United States")
    refused = invoke("--data-dir", str(data_dir), "pay", "csr", "-l", "TX")
    assert refused.exit_code == 3
    assert "oews_2025.csv" in refused.stderr


def test_pay_by_industry_still_checks_the_areas_it_reads(invoke: Any, data_dir: Path) -> None:
    text = (BUNDLED / "areas.csv").read_text(encoding="utf-8")
    broken = text.replace("\n0000000,United States,nation,", "\n0000000,United States,nations,")
    assert broken != text
    (data_dir / "areas.csv").write_text(broken, encoding="utf-8")
    for _ in range(2):  # and again: a file that failed is never recorded as checked
        result = invoke("--data-dir", str(data_dir), "pay", "csr", "--industry", "hospitals")
        assert result.exit_code == 3
        assert result.stdout == ""
        assert "areas.csv:2: kind: 'nations' is not one of" in result.stderr


def _modules_after(args: list[str], tmp_path: Path) -> set[str]:
    """The modules a warm run of ``csadvisor ARGS`` (the console script's way) loads."""
    code = (
        "import sys\n"
        "sys.argv = ['csadvisor', *sys.argv[1:]]\n"
        "from csadvisor.__main__ import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "import gc\n"
        "sys.stderr.write(repr(sorted(sys.modules)) + '|' + repr(gc.isenabled()) + '\\n')\n"
    )
    env = {**os.environ, "CSADVISOR_HOME": str(tmp_path / "home")}
    env["CSADVISOR_CACHE_DIR"] = str(tmp_path / "cache")
    for _ in range(2):  # the first run fills the cache
        proc = subprocess.run(
            [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True
        )
        assert proc.returncode == 0, proc.stderr
    modules, enabled = proc.stderr.strip().splitlines()[-1].split("|")
    assert enabled == "True"  # the collector runs again once the command has started
    return set(ast.literal_eval(modules))


def test_a_warm_pay_loads_no_yaml_reader_and_no_completion_code(tmp_path: Path) -> None:
    loaded = _modules_after(["pay", "csr", "-f", "tsv"], tmp_path)
    assert "csadvisor.storage.catalog" in loaded  # the catalogue was checked
    assert not {"yaml", "csadvisor.storage.yamlreader", "csadvisor.cli.shells"} & loaded
