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
    # the scorer resolves every claim's path on every call: memoise it (same answers, ~30x faster)
    plain, memo = mod.claim_file, {}

    def claim_file(claim, texts, corpus):
        key = (claim.get("path") or "", id(texts), str(corpus))
        if key not in memo:
            memo[key] = plain(claim, texts, corpus)
        return memo[key]

    mod.claim_file = claim_file
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


def prepare(topics, scorer, thresholds) -> list[dict]:
    """What does not depend on the compare weights, computed once per topic:
    the ledger, the texts, the entity clusters."""
    from claimcheck import api, compare, ledger

    out = []
    for topic, corpus, led_path in topics:
        led = ledger.read(led_path)
        texts = {}
        for entry in led.sources:
            p = Path(entry.source.path)
            if not p.is_absolute():
                p = led_path.parent / p
            try:
                texts[entry.source.id] = p.read_text(encoding="utf-8", errors="replace")
            except OSError:
                pass
        clusters = api.link_entities(led, texts, thresholds)
        sources = [replace(e.source, path=str((led_path.parent / e.source.path).resolve())
                           if not Path(e.source.path).is_absolute() else e.source.path) for e in led.sources]
        out.append({"slug": topic["slug"], "gold": scorer.normalise_topic(topic), "corpus": corpus,
                    "texts": scorer.load_texts(corpus), "ledger": led, "clusters": clusters,
                    "canon": compare.canonical_names(clusters), "sources": sources})
    return out


def evaluate(prepared, scorer, thresholds, verbose: bool = False) -> dict:
    from claimcheck import compare, report

    totals = {"hard": [0, 0], "precision": [0, 0], "traps": 0, "agreements": [0, 0], "candidates": 0}
    for p in prepared:
        gold, texts, corpus = p["gold"], p["texts"], p["corpus"]
        result = compare.align(p["ledger"].claims, p["canon"], thresholds.compare, entities=p["clusters"],
                               sources={s.id: s for s in p["sources"]})
        records = report.finding_records(result.findings, p["sources"], {})
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
                print(f"{tag} {p['slug']}: {f['explanation'][:300]}", file=sys.stderr)
            for c in hard:
                if c not in found:
                    print(f"MISS {p['slug']}: {c.get('attribute')}", file=sys.stderr)
            for t in traps:
                print(f"TRAP {p['slug']}: {t.get('attribute')}", file=sys.stderr)
    return totals


def objective(t: dict) -> float:
    """One number to maximise: F1 of contradictions (precision smoothed by
    one flag, so that three right out of three does not beat ten out of
    twenty), a third of the agreement recall, a trap costs 0.05."""
    recall = t["hard"][0] / max(1, t["hard"][1])
    precision = t["precision"][0] / (t["precision"][1] + 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    agreements = t["agreements"][0] / max(1, t["agreements"][1])
    return f1 + agreements / 3 - 0.05 * t["traps"]


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
    ap.add_argument("--set", nargs="*", default=[], metavar="NAME=VALUE",
                    help="weights to try instead of the defaults, e.g. --set threshold=4 value_within=0")
    args = ap.parse_args()
    scorer_path = args.set_dir.resolve().parent.parent / "eval" / "score.py"
    if not scorer_path.exists():
        print(f"skipped: no scorer at {scorer_path}")
        return
    scorer = load_scorer(scorer_path)
    from claimcheck.thresholds import DEFAULT

    topics = ledgers(args.set_dir, args.cache / args.set_dir.name, args.reextract)
    base = DEFAULT
    if args.set:
        chosen = {k: float(v) for k, v in (item.split("=", 1) for item in args.set)}
        base = replace(base, compare=replace(base.compare, weights=replace(base.compare.weights, **chosen)))
    prepared = prepare(topics, scorer, base)
    first = evaluate(prepared, scorer, base, args.verbose)
    print("defaults:", fmt(first), f"objective {objective(first):.3f}", flush=True)
    if not args.grid:
        return
    # coordinate ascent: one weight at a time over a few values, keeping the best
    grid = {
        "threshold": (3.0, 4.0, 4.5, 5.0, 5.5, 6.0, 7.0),
        "scope_different": (0.0, -0.5, -1.5, -3.0),
        "time_one_undated": (0.0, -0.5, -1.0),
        "time_different_day": (0.0, -1.0, -3.0, -20.0),
        "stance_mixed": (0.0, -1.0, -2.0, -4.0),
        "value_far": (-1.0, -2.0, -3.0, -5.0),
        "value_within": (0.5, 1.0, 2.0),
        "rare_entity": (0.0, 1.0, 2.0, 3.0, 4.0),
        "measure_related": (0.0, 1.0, 2.0, 3.0),
        "measure_unknown": (-1.0, 0.0, 1.0),
        "about_same": (3.0, 4.0, 5.0, 6.0),
        "unanchored_attribute": (0.0, -2.0, -4.0, -8.0),
        "ambiguity_ambiguous": (0.0, -1.5, -3.0, -5.0),
        "ambiguity_unique": (0.0, 1.0, 2.0),
        "value_close": (-1.0, 0.0, 1.0),
        "counted_general": (0.0, -1.0, -2.0),
        "counted_different": (-1.0, -3.0, -5.0),
        "measure_unlike": (0.0, -1.5, -3.0),
        "measure_part": (-1.0, 0.0, 1.0, 2.0, 3.0),
        "value_within_rare": (2.0, 3.0, 4.0, 5.0),
        "context_similar": (0.0, 1.0, 2.0, 3.0),
        "context_some": (0.0, 0.5, 1.0),
    }
    best_w, best = base.compare.weights, objective(first)
    for _ in range(2):
        for name, values in grid.items():
            for v in values:
                w = replace(best_w, **{name: v})
                th = replace(base, compare=replace(base.compare, weights=w))
                t = evaluate(prepared, scorer, th)
                o = objective(t)
                print(f"{name}={v}: {fmt(t)} objective {o:.3f}", flush=True)
                if o > best + 1e-9:
                    best, best_w = o, w
            print(f"best so far: {best:.3f} {_changed(w0 := base.compare.weights, best_w)}", flush=True)
    final = evaluate(prepared, scorer, replace(base, compare=replace(base.compare, weights=best_w)))
    print("best:", fmt(final), f"objective {best:.3f}", _changed(w0, best_w))


def _changed(old, new) -> str:
    """The weights that differ from the defaults, as ``name=value``."""
    from dataclasses import fields

    return " ".join(f"{f.name}={getattr(new, f.name)}" for f in fields(new)
                    if getattr(new, f.name) != getattr(old, f.name)) or "(the defaults)"


if __name__ == "__main__":
    main()
