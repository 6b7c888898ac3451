"""Set the alignment ladder's weights on the development sets.

Extracts every topic folder of a set once (ledgers cached under
``--cache``), then, in this process and without spaCy, runs link + compare
with candidate weights and scores the findings with the shared scorer's own
matching functions (``../shared/eval/score.py``). Prints one line per weight
setting tried: recall of in-scope contradictions, precision, traps flagged,
agreements found.

    python benchmarks/tune_align.py ../shared/devsets/gva-dev              # the defaults
    python benchmarks/tune_align.py ../shared/devsets/gva-dev --grid       # a small grid search
    python benchmarks/tune_align.py ../shared/devsets/gva-dev -v           # unmatched flags too

Development data only: what it prints is for choosing weights, never copied
into the project.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("cc_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def ledgers(set_dir: Path, cache: Path, reextract: bool) -> list[tuple[dict, Path, Path]]:
    """(gold topic, corpus folder, ledger) per topic, extracting when needed."""
    import yaml

    gold = yaml.safe_load((set_dir / "gold.yaml").read_text(encoding="utf-8"))
    out = []
    for topic in gold["topics"]:
        corpus = (set_dir / gold.get("corpus_root", "corpus") / topic["slug"]).resolve()
        led = cache / topic["slug"] / "claims.yaml"
        if reextract or not led.exists():
            led.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([sys.executable, "-m", "claimcheck", "extract", str(corpus), "-o", str(led), "--prune"],
                           cwd=led.parent, capture_output=True, check=False)
        out.append((topic, corpus, led))
    return out


def evaluate(topics, scorer, thresholds, verbose: bool = False) -> dict:
    from claimcheck import api, compare, ledger, report

    totals = {"hard": [0, 0], "precision": [0, 0], "traps": 0, "agreements": [0, 0], "candidates": 0}
    for topic, corpus, led_path in topics:
        gold = scorer.normalise_topic(topic)
        texts = scorer.load_texts(corpus)
        led = ledger.read(led_path)
        fresh_texts = {}
        for entry in led.sources:
            p = Path(entry.source.path)
            if not p.is_absolute():
                p = led_path.parent / p
            try:
                fresh_texts[entry.source.id] = p.read_text(encoding="utf-8", errors="replace")
            except OSError:
                pass
        clusters = api.link_entities(led, fresh_texts, thresholds)
        result = compare.align(led.claims, compare.canonical_names(clusters), thresholds.compare,
                               entities=clusters, sources={e.source.id: e.source for e in led.sources})
        sources = [replace(e.source, path=str((led_path.parent / e.source.path).resolve())
                           if not Path(e.source.path).is_absolute() else e.source.path) for e in led.sources]
        records = report.finding_records(result.findings, sources, {})
        totals["candidates"] += result.candidates
        contra = [f for f in records if f["verdict"] == "contradiction"]
        agree = [f for f in records if f["verdict"] == "agreement"]
        hard = [c for c in gold["contradictions"] if c.get("hard", True)]
        found = [c for c in hard if any(scorer.finding_matches(f, c, texts, corpus) for f in contra)]
        totals["hard"][0] += len(found)
        totals["hard"][1] += len(hard)
        allg = gold["contradictions"] + gold["ambiguous"]
        matched = [f for f in contra if any(scorer.finding_matches(f, c, texts, corpus) for c in allg)]
        totals["precision"][0] += len(matched)
        totals["precision"][1] += len(contra)
        traps = [t for t in gold["traps"] if any(scorer.finding_matches(f, t, texts, corpus) for f in contra)]
        totals["traps"] += len(traps)
        ag = [a for a in gold["agreements"] if any(scorer.finding_matches(f, a, texts, corpus) for f in agree)]
        totals["agreements"][0] += len(ag)
        totals["agreements"][1] += len(gold["agreements"])
        if verbose:
            for f in contra:
                tag = "OK " if f in matched else "BAD"
                print(f"{tag} {topic['slug']}: {f['explanation'][:200]}", file=sys.stderr)
            for c in hard:
                if c not in found:
                    print(f"MISS {topic['slug']}: {c.get('attribute')}", file=sys.stderr)
            for t in traps:
                print(f"TRAP {topic['slug']}: {t.get('attribute')}", file=sys.stderr)
    return totals


def fmt(t: dict) -> str:
    p = t["precision"]
    return (f"recall {t['hard'][0]}/{t['hard'][1]}  precision {p[0]}/{p[1]}  traps {t['traps']}  "
            f"agreements {t['agreements'][0]}/{t['agreements'][1]}  candidates {t['candidates']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("set_dir", type=Path)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/claimcheck-tune"))
    ap.add_argument("--reextract", action="store_true")
    ap.add_argument("--grid", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    scorer_path = args.set_dir.resolve().parent.parent / "eval" / "score.py"
    if not scorer_path.exists():
        print(f"skipped: no scorer at {scorer_path}")
        return
    scorer = load_scorer(scorer_path)
    from claimcheck.thresholds import DEFAULT

    topics = ledgers(args.set_dir, args.cache / args.set_dir.name, args.reextract)
    base = DEFAULT
    print("defaults:", fmt(evaluate(topics, scorer, base, args.verbose)), flush=True)
    if not args.grid:
        return
    w0 = base.compare.weights
    grid = {
        "threshold": (4.0, 5.0, 6.0),
        "scope_different": (-0.5, -1.5, -3.0),
        "value_far": (-1.0, -2.0, -4.0),
        "rare_entity": (1.0, 2.0, 3.0),
    }
    rows = []
    for combo in itertools.product(*grid.values()):
        w = replace(w0, **dict(zip(grid, combo)))
        th = replace(base, compare=replace(base.compare, weights=w))
        t = evaluate(topics, scorer, th)
        rows.append((combo, t))
        print(json.dumps(dict(zip(grid, combo))), fmt(t), flush=True)


if __name__ == "__main__":
    main()
