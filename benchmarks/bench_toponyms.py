"""Name matcher on labelled place-name pairs: precision and recall by script.

    python benchmarks/bench_toponyms.py [--dir ../shared/devsets/toponym-pairs] [--json out.json]

Reads the TRUE/FALSE pairs of ``toponym-pairs`` (GeoNames names, many
transliterated; not part of the project: evaluation data next to it) and asks
:func:`claimcheck.link.match_names` (label GPE on both sides, default
thresholds) whether each pair is one place, in place-name mode
(``places=True``; ``--general`` for the general ladder alone; ``--file
train`` / ``--file finetune`` for one file: thresholds were set on train).
Reports precision and recall on the Latin-Latin pairs (target: P >= 0.95 at R >= 0.80) and on every other
script pairing, with the rung that accepted each true positive. Skips with a
message when the data set is absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "devsets" / "toponym-pairs"
TARGET_P, TARGET_R = 0.95, 0.80


def load(folder: Path, name: str = "*") -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for f in sorted(folder.glob(f"{name}.tsv")):
        with f.open(encoding="utf-8", newline="") as fh:
            rows.extend(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows


def pairing(row: dict[str, str]) -> str:
    a, b = sorted((row["script_a"], row["script_b"]))
    return "LATIN-LATIN" if a == b == "LATIN" else f"{a}-{b}"


def score(rows: list[dict[str, str]], places: bool = True) -> dict[str, dict]:
    sys.path.insert(0, str(ROOT))
    from claimcheck.link.rungs import match_names

    counts: dict[str, Counter] = defaultdict(Counter)
    rungs: Counter = Counter()
    for row in rows:
        gold = row["same_place"].strip().upper() == "TRUE"
        m = match_names(row["name_a"], row["name_b"], "GPE", "GPE", places=places)
        got = m is not None
        for group in (pairing(row), "ALL"):
            c = counts[group]
            c["tp" if got and gold else "fp" if got else "fn" if gold else "tn"] += 1
        if got and gold:
            rungs[m.rung] += 1
    out = {}
    for group, c in sorted(counts.items()):
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None
        out[group] = {"pairs": sum(c.values()), "precision": p, "recall": r, **c}
    out["rungs"] = dict(rungs)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--general", action="store_true",
                    help="the general ladder only (the place-name mode off)")
    ap.add_argument("--file", default="*",
                    help="one file of the set: train (tuning) or finetune (held out)")
    args = ap.parse_args(argv)
    if not args.dir.is_dir() or not list(args.dir.glob(f"{args.file}.tsv")):
        print(f"skipped: no toponym pairs at {args.dir} (../shared is absent)")
        return 0
    result = score(load(args.dir, args.file), places=not args.general)
    print("ladder:", "general" if args.general else "place-name mode")
    fmt = lambda x: "  n/a" if x is None else f"{x:.3f}"  # noqa: E731
    print(f"{'pairing':<22} {'pairs':>6} {'P':>6} {'R':>6}")
    for group, r in result.items():
        if group != "rungs":
            print(f"{group:<22} {r['pairs']:>6} {fmt(r['precision']):>6} {fmt(r['recall']):>6}")
    print("true positives by rung:", result["rungs"])
    ll = result.get("LATIN-LATIN", {})
    ok = (ll.get("precision") or 0) >= TARGET_P and (ll.get("recall") or 0) >= TARGET_R
    print(f"Latin-Latin target P >= {TARGET_P} at R >= {TARGET_R}: {'met' if ok else 'MISSED'}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
