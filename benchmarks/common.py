"""Shared helpers: timing, the time budget, result rows, machine description."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent  # the project root


@dataclass
class Row:
    """One line of the results table (and one entry of the JSON)."""

    section: str
    metric: str
    value: str  # as printed
    target: str = ""
    status: str = ""  # "met", "MISSED", "skipped: <reason>", "" (no target)
    data: dict[str, Any] = field(default_factory=dict)  # raw numbers for the JSON

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def verdict(ok: bool | None) -> str:
    """The status column for a target check (``None``: could not be measured)."""
    if ok is None:
        return "n/a"
    return "met" if ok else "MISSED"


class Budget:
    """A wall-clock budget for the whole harness (the full run stays ~10 minutes)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.started = time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def remaining(self) -> float:
        return self.seconds - self.elapsed()


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds, result) of one call, on the monotonic high-resolution clock."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def interleaved(a: Callable[[], Any], b: Callable[[], Any], repeats: int) -> tuple[list[float], list[float]]:
    """Time ``a`` and ``b`` alternately (A B A B ...), so drift in machine load
    hits both alike. Returns the two lists of wall times."""
    times_a, times_b = [], []
    for _ in range(repeats):
        times_a.append(timed(a)[0])
        times_b.append(timed(b)[0])
    return times_a, times_b


def median(values: list[float]) -> float:
    return statistics.median(values)


def run_quiet(cmd: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Wall time, exit code and stderr of a subprocess (stdout discarded)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return time.perf_counter() - start, proc.returncode, proc.stderr


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _git(*args: str) -> str:
    try:
        out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10)
        return out.stdout.rstrip("\n")
    except (OSError, subprocess.SubprocessError):
        return ""


def code_state() -> tuple[str, list[str]]:
    """The git commit and the uncommitted changed files under ``claimcheck/``."""
    dirty = _git("status", "--porcelain", "--untracked-files=no", "--", "claimcheck")
    return _git("rev-parse", "--short", "HEAD"), [line[3:] for line in dirty.splitlines()]


def machine_info(model_meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the numbers were measured on (and with which code)."""
    import rapidfuzz
    import spacy
    import yaml

    commit, modified = code_state()
    info: dict[str, Any] = {
        "cpu_model": cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "python_executable": sys.executable,
        "spacy": spacy.__version__,
        "pyyaml": yaml.__version__,
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "rapidfuzz": rapidfuzz.__version__,
        "git_commit": commit,
        "claimcheck_modified_files": modified,
    }
    if model_meta:
        info["model"] = f"{model_meta.get('lang', 'en')}_{model_meta.get('name')}=={model_meta.get('version')}"
    return info
