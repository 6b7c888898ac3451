"""Start-up: ``claimcheck --help`` and ``claimcheck diff`` on an up-to-date
ledger, as subprocesses, and whether either imports spaCy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT, Row, median, run_quiet, verdict

SECTION = "2. start-up"
TARGET_HELP_OVERHEAD_S = 0.3
TARGET_DIFF_S = 1.0
HEAVY = ("spacy", "thinc", "torch")


def claimcheck_command() -> list[str]:
    """The venv's console script next to this interpreter, else ``python -m claimcheck``."""
    script = Path(sys.executable).parent / "claimcheck"
    return [str(script)] if script.exists() else [sys.executable, "-m", "claimcheck"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env["NO_COLOR"] = "1"
    return env


def _wall(cmd: list[str]) -> tuple[float, int]:
    seconds, code, _ = run_quiet(cmd, env=_env())
    return seconds, code


def median_wall(cmd: list[str], runs: int) -> tuple[float, list[float], int]:
    """Median wall time of ``runs`` runs (after one untimed run that warms the page cache)."""
    _wall(cmd)
    times, code = [], 0
    for _ in range(runs):
        seconds, code = _wall(cmd)
        times.append(seconds)
    return median(times), times, code


def median_walls_interleaved(cmd_a: list[str], cmd_b: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall times of ``cmd_a`` and ``cmd_b`` run alternately (A B A B ...),
    after one untimed run of each."""
    _wall(cmd_a)
    _wall(cmd_b)
    times_a, times_b = [], []
    for _ in range(runs):
        times_a.append(_wall(cmd_a)[0])
        times_b.append(_wall(cmd_b)[0])
    return times_a, times_b


def imported_modules(args: list[str]) -> tuple[set[str], list[tuple[str, float]]]:
    """Top-level packages ``python -X importtime -m claimcheck ARGS`` imports,
    and the slowest ones (largest cumulative import time, seconds)."""
    _, _, stderr = run_quiet([sys.executable, "-X", "importtime", "-m", "claimcheck", *args], env=_env())
    cumulative: dict[str, float] = {}
    for line in stderr.splitlines():
        # "import time:  self [us] | cumulative | imported package"
        parts = line.removeprefix("import time:").split("|")
        if not line.startswith("import time:") or len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        top = parts[2].strip().split(".")[0]
        cumulative[top] = max(cumulative.get(top, 0.0), int(parts[1]) / 1e6)
    slowest = sorted(cumulative.items(), key=lambda kv: -kv[1])[:6]
    return set(cumulative), slowest


def _heavy(tops: set[str]) -> list[str]:
    return sorted(m for m in HEAVY if m in tops)


def _fmt_slowest(slowest: list[tuple[str, float]]) -> str:
    return ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in slowest)


def help_rows(runs: int) -> list[Row]:
    cmd = claimcheck_command()
    help_times, pass_times = median_walls_interleaved([*cmd, "--help"], [sys.executable, "-c", "pass"], runs)
    t_help, t_pass = median(help_times), median(pass_times)
    overhead = t_help - t_pass
    tops, slowest = imported_modules(["--help"])
    heavy = _heavy(tops)
    data = {"help_s": help_times, "python_pass_s": pass_times, "overhead_s": overhead, "command": cmd,
            "slowest_imports_s": slowest}
    return [
        Row(SECTION, "claimcheck --help vs python -c pass",
            f"{t_help:.3f} s vs {t_pass:.3f} s: +{overhead:.3f} s (median of {runs})",
            f"< +{TARGET_HELP_OVERHEAD_S} s", verdict(overhead < TARGET_HELP_OVERHEAD_S), data),
        Row(SECTION, "--help: spaCy imported?", "yes: " + ", ".join(heavy) if heavy else "no",
            "no", verdict(not heavy), {"heavy_modules": heavy}),
        Row(SECTION, "--help: slowest imports (-X importtime)", _fmt_slowest(slowest)),
    ]


def make_ledger(folder: Path) -> Path:
    """``claimcheck extract seeds -o FOLDER/claims.yaml``, run from the project root."""
    ledger = folder / "claims.yaml"
    proc = subprocess.run([*claimcheck_command(), "extract", "seeds", "-o", str(ledger)], cwd=ROOT, env=_env(),
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"claimcheck extract failed ({proc.returncode}): {proc.stderr.strip()[-300:]}")
    return ledger


def diff_rows(runs: int) -> list[Row]:
    folder = Path(tempfile.mkdtemp(prefix="claimcheck-bench-"))
    try:
        ledger = make_ledger(folder)
        args = ["diff", "-l", str(ledger)]
        before = ledger.read_bytes()
        t_diff, times, code = median_wall([*claimcheck_command(), *args], runs)
        tops, slowest = imported_modules(args)
        unchanged = ledger.read_bytes() == before
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    heavy = _heavy(tops)
    data = {"diff_s": times, "exit_code": code, "ledger_unchanged": unchanged, "slowest_imports_s": slowest}
    return [
        Row(SECTION, "claimcheck diff -l <up-to-date seeds ledger>",
            f"{t_diff:.3f} s (median of {runs}; exit {code}; ledger {'not ' if unchanged else ''}rewritten)",
            f"< {TARGET_DIFF_S} s", verdict(t_diff < TARGET_DIFF_S), data),
        Row(SECTION, "diff: spaCy imported?", "yes: " + ", ".join(heavy) if heavy else "no",
            "no", verdict(not heavy), {"heavy_modules": heavy}),
        Row(SECTION, "diff: slowest imports (-X importtime)", _fmt_slowest(slowest)),
    ]


def run(quick: bool) -> list[Row]:
    runs = 5 if quick else 7
    return help_rows(runs) + diff_rows(runs)
