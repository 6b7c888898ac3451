"""Accuracy on the development sets: the shared scorer over every set.

Runs ``../shared/eval/score.py set <set>`` (the scorer used to measure the
project; it runs the installed ``claimcheck`` on each topic folder) for
every set under ``../shared/devsets`` whose answer key has contradictions or
alias clusters, and prints one table. Skipped, with a message, when
``../shared`` is absent (a clone without the development data).

    python benchmarks/accuracy.py                 # every set
    python benchmarks/accuracy.py gva-dev         # one set
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
COLUMNS = ("recall", "precision", "traps_flagged", "agreements", "claims_cover", "alias_merged", "wrong_merges")


def sets(names: list[str]) -> list[Path]:
    import yaml

    out = []
    for gold in sorted((SHARED / "devsets").glob("*/gold.yaml")):
        if names and gold.parent.name not in names:
            continue
        data = yaml.safe_load(gold.read_text(encoding="utf-8")) or {}
        topics = data.get("topics") or []
        if any(t.get("contradictions") or t.get("alias_clusters") for t in topics):
            out.append(gold.parent)
    return out


def score(set_dir: Path) -> tuple[dict, float]:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    start = time.perf_counter()
    got = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "set", str(set_dir)],
                         capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    lines = [ln for ln in got.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        return {"error": (got.stderr or got.stdout)[-300:]}, elapsed
    return json.loads(lines[-1]), elapsed


def main() -> None:
    if not (SHARED / "eval" / "score.py").exists():
        print(f"skipped: no development data at {SHARED} (the scorer and devsets live beside the project)")
        return
    rows = []
    for set_dir in sets(sys.argv[1:]):
        metrics, elapsed = score(set_dir)
        rows.append((set_dir.name, metrics, elapsed))
        print(f"{set_dir.name}: {json.dumps(metrics)} ({elapsed:.0f} s)", file=sys.stderr, flush=True)
    header = ("set", *COLUMNS, "seconds")
    table = [header] + [(name, *(_cell(m.get(c)) for c in COLUMNS), f"{s:.0f}") for name, m, s in rows]
    widths = [max(len(str(r[i])) for r in table) for i in range(len(header))]
    for r in table:
        print("  ".join(str(v).ljust(w) for v, w in zip(r, widths)))


def _cell(v: object) -> str:
    if v is None:
        return "-"
    if isinstance(v, list):
        return str(len(v))
    return str(v)


if __name__ == "__main__":
    main()
