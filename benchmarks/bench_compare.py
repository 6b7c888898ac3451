"""Comparison scaling: ``claimcheck.compare.compare`` on 1k .. 1M synthetic claims.

Each size runs in its own subprocess (this file run as a script), so that
peak memory (VmHWM of the worker) is the peak of that size alone and a size that
runs out of time can be killed. The worker prints JSON lines: first the
input's shape (generation time, blocks, candidate pairs), then the result.
A worker killed on timeout still leaves the first line, so the table can say
how many pairs the size would have had to form.
"""

from __future__ import annotations

import json
import math
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the sibling modules importable
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Budget, Row, verdict  # noqa: E402

SECTION = "3. compare"
TARGET_EXPONENT = 1.2
TARGET_100K_S = 10.0
TARGET_1M_BYTES = 2 * 1024**3
#: a size is skipped outright only when its predicted time exceeds its time
#: slot this many times over; otherwise it runs and is killed if it overruns
#: (extrapolation misleads when compare changes regime between sizes)
SKIP_FACTOR = 3.0
#: address-space cap for a worker, so one size cannot exhaust the shared machine
WORKER_MEMORY_CAP = 12 * 1024**3


# ------------------------------------------------------------------ worker


def _rss_bytes() -> int:
    """Current resident set size of this process."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _peak_rss_bytes() -> int:
    """Peak resident set size of this process image. (``ru_maxrss`` is not
    used: on Linux it carries over the parent's RSS across fork + exec.)"""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # pragma: no cover


def candidate_pairs(claims) -> tuple[int, int, int]:
    """(blocks, largest block, candidate pairs): what compare's blocking
    leaves to score (``compare.candidate_pairs``), without scoring them.
    Large blocks are split or clustered there, so this stays linear."""
    from claimcheck import compare

    fr = compare.frames(claims, compare.EntityIndex(), {})
    grouped = compare.blocks(fr)
    pairs, _ = compare.candidate_pairs(fr, compare.DEFAULT.compare)
    largest = max((len(m) for m in grouped.values()), default=0)
    return len(grouped), largest, len(pairs)


def _emit(record: dict) -> None:
    print(json.dumps(record), flush=True)


def worker(n: int, seed: int, count_only: bool) -> None:
    """Generate ``n`` claims, describe them, then (unless ``count_only``) compare."""
    resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY_CAP, WORKER_MEMORY_CAP))
    from claimcheck import compare

    import synth_claims

    start = time.perf_counter()
    claims = synth_claims.claims(n, seed)
    generated = time.perf_counter() - start
    n_blocks, largest, pairs = candidate_pairs(claims)
    _emit({"stage": "input", "n": n, "generate_s": generated, "blocks": n_blocks, "largest_block": largest,
           "candidate_pairs": pairs, "rss_input_bytes": _rss_bytes()})
    if count_only:
        return
    try:
        start = time.perf_counter()
        findings = compare.compare(claims)
        elapsed = time.perf_counter() - start
    except MemoryError:
        _emit({"stage": "error", "error": f"MemoryError under a {WORKER_MEMORY_CAP / 1024**3:.0f} GB cap"})
        return
    verdicts = Counter(f.verdict.value for f in findings)
    _emit({"stage": "done", "compare_s": elapsed, "findings": len(findings),
           "contradictions": verdicts.get("contradiction", 0), "agreements": verdicts.get("agreement", 0),
           "peak_rss_bytes": _peak_rss_bytes()})


# ------------------------------------------------------------------ driver


def _run_worker(n: int, seed: int, timeout: float, count_only: bool = False) -> dict:
    """Run one size in a subprocess; merge its JSON lines. On timeout the
    record has ``timeout_s`` and whatever the worker printed before."""
    cmd = [sys.executable, str(Path(__file__).resolve()), str(n), str(seed)] + (["--count-only"] if count_only else [])
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    record: dict = {"n": n}
    try:
        out, err = proc.communicate(timeout=max(timeout, 1.0))
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        record["timeout_s"] = round(timeout, 1)
    for line in out.splitlines():
        if line.startswith("{"):
            record.update(json.loads(line))
    if proc.returncode not in (0, None) and "timeout_s" not in record and "error" not in record:
        record["error"] = (err.strip().splitlines() or [f"exit code {proc.returncode}"])[-1][:200]
    return record


def growth_exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(time) against log(n)."""
    if len(points) < 2:
        return None
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else None


def _predict(points: list[tuple[int, float]], n: int) -> tuple[float, float] | None:
    """(predicted seconds for ``n``, exponent used), from the last two measured sizes."""
    if len(points) < 2:
        return None
    exponent = growth_exponent(points[-2:])
    if exponent is None:
        return None
    n0, t0 = points[-1]
    return t0 * (n / n0) ** exponent, exponent


def _gb(b: float | None) -> str:
    return "-" if b is None else f"{b / 1024**3:.2f} GB"


def _size_row(rec: dict) -> Row:
    n = rec["n"]
    label = f"compare {n:,} claims"
    pairs = rec.get("candidate_pairs")
    shape = (f"blocks {rec.get('blocks', '?'):,}, largest {rec.get('largest_block', '?'):,}, cand. pairs {pairs:,} "
             f"({pairs / n:.2f} per claim)") if pairs is not None else ""
    if "compare_s" in rec:
        t = rec["compare_s"]
        value = (f"{t:.2f} s, {n / t:,.0f} claims/s, {rec['findings']:,} findings "
                 f"({rec['contradictions']:,} contra.), peak {_gb(rec['peak_rss_bytes'])}; {shape}")
        if n == 100_000:
            return Row(SECTION, label, value, f"< {TARGET_100K_S:.0f} s", verdict(t < TARGET_100K_S), rec)
        if n == 1_000_000:
            ok = rec["peak_rss_bytes"] < TARGET_1M_BYTES and t < 60
            return Row(SECTION, label, value, "< 60 s, < 2 GB", verdict(ok), rec)
        return Row(SECTION, label, value, data=rec)
    if "skipped" in rec:
        extra = f"; input alone: {_gb(rec['rss_input_bytes'])} RSS, {shape}" if "rss_input_bytes" in rec else ""
        return Row(SECTION, label, f"skipped: {rec['skipped']}{extra}", "", "skipped", rec)
    why = f"killed after {rec['timeout_s']:.0f} s (time budget)" if "timeout_s" in rec else rec.get("error", "failed")
    if "predicted_s" in rec:
        why += f"; predicted {rec['predicted_s']:,.0f} s"
    target = f"< {TARGET_100K_S:.0f} s" if n == 100_000 else ""
    return Row(SECTION, label, f"not finished: {why}; {shape}", target, "MISSED" if target else "", rec)


def run(budget: Budget, quick: bool, seed: int, reserve_s: float = 0.0) -> list[Row]:
    """Measure each size in turn, each within a time slot (what is left of the
    budget, keeping ``reserve_s`` for later sections, and a per-size cap). A
    size predicted to need ``SKIP_FACTOR`` times its slot is skipped."""
    sizes = [1_000, 10_000, 100_000] + ([] if quick else [1_000_000])
    per_size_cap = 90.0 if quick else 480.0
    points: list[tuple[int, float]] = []
    records: list[dict] = []
    for n in sizes:
        left = budget.remaining() - reserve_s
        slot = min(left, per_size_cap)
        predicted = _predict(points, n)
        if predicted and predicted[0] > SKIP_FACTOR * slot:
            seconds, exponent = predicted
            limit = "the time left in the budget" if left < per_size_cap else "the per-size cap"
            rec = {"n": n, "predicted_s": seconds,
                   "skipped": f"predicted {seconds:,.0f} s (exponent {exponent:.2f} from the two previous sizes) "
                              f"> {slot:,.0f} s, {limit}"}
            if left > 120:  # still say what the input would look like
                shape = _run_worker(n, seed, timeout=min(left - 30, 150), count_only=True)
                rec.update({k: v for k, v in shape.items() if k not in ("stage", "timeout_s")})
            records.append(rec)
            continue
        rec = _run_worker(n, seed, timeout=slot)
        if predicted and "compare_s" not in rec:
            rec["predicted_s"] = predicted[0]
        if "compare_s" in rec:
            points.append((n, rec["compare_s"]))
        records.append(rec)
    rows = [_size_row(r) for r in records]
    rows.append(_exponent_row(points))
    return rows


def _short_n(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1_000}k"


def _exponent_row(points: list[tuple[int, float]]) -> Row:
    """The fitted exponent over every finished size, and the local slope
    between neighbouring sizes (a regime change shows there)."""
    exponent = growth_exponent(points)
    local = [(a[0], b[0], growth_exponent([a, b])) for a, b in zip(points, points[1:])]
    if exponent is None:
        value = "-"
    else:
        steps = ", ".join(f"{_short_n(a)}->{_short_n(b)} {e:.2f}" for a, b, e in local)
        value = f"{exponent:.2f} fitted on {', '.join(_short_n(n) for n, _ in points)} (local: {steps})"
    return Row(SECTION, "growth exponent (slope of log t vs log n)", value, f"<= {TARGET_EXPONENT}",
               verdict(None if exponent is None else exponent <= TARGET_EXPONENT),
               {"exponent": exponent, "local": local, "points": points})


if __name__ == "__main__":
    worker(int(sys.argv[1]), int(sys.argv[2]), "--count-only" in sys.argv[3:])
