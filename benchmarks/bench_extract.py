"""Extraction throughput: claimcheck's ``extract_source`` against bare
``nlp.pipe`` of the same spaCy pipeline on exactly the same segment texts.

A = ``[extract_source(s, nlp) for s in sources]`` (spaCy plus our rules).
B = ``list(nlp.pipe(all segment texts))`` (spaCy alone, one call, its default
batching). Both are timed alternately (A B A B ...) after a warm-up; each
side's best time gives its words/s, and the ratio A/B is claimcheck's cost
relative to spaCy alone.
"""

from __future__ import annotations

import cProfile
import pstats
import tempfile
from pathlib import Path

from claimcheck import nlp as nlp_mod
from claimcheck.extract import extract_source

import synth_corpus
from common import ROOT, Row, interleaved, median, timed, verdict

SECTION = "1. extraction"
TARGET_RATIO = 1.25


def load_pipeline():
    """The pipeline ``claimcheck extract`` would load, and its load time."""
    seconds, pipeline = timed(lambda: nlp_mod.load(None))
    return pipeline, seconds


def _runners(sources, pipeline):
    texts = [t for per_source in synth_corpus.segment_texts(sources) for t in per_source]

    def ours():
        return sum(len(extract_source(s, pipeline).claims) for s in sources)

    def bare():
        return len(list(pipeline.pipe(texts)))

    return ours, bare


def warm_up(sources, pipeline) -> None:
    """One pass of each over the first source: lazy matchers, caches, vocab."""
    ours, bare = _runners(sources[:1], pipeline)
    ours()
    bare()


def measure(label: str, sources, pipeline, repeats: int) -> list[Row]:
    """Rows for one corpus: words/s of both sides and their ratio."""
    words = synth_corpus.word_count(synth_corpus.segment_texts(sources))
    ours, bare = _runners(sources, pipeline)
    claims = ours()  # also a warm-up pass over this corpus's vocabulary
    times_ours, times_bare = interleaved(ours, bare, repeats)
    best_ours, best_bare = min(times_ours), min(times_bare)
    ratio = best_ours / best_bare
    paired = median([a / b for a, b in zip(times_ours, times_bare)])
    data = {
        "sources": len(sources), "segments": sum(len(s.segments) for s in sources), "words": words,
        "claims": claims, "times_claimcheck_s": times_ours, "times_bare_spacy_s": times_bare,
        "words_per_s_claimcheck": words / best_ours, "words_per_s_bare_spacy": words / best_bare,
        "ratio_best": ratio, "ratio_median_paired": paired,
    }
    shape = f"{len(sources)} sources, {words:,} words, {claims} claims"
    return [
        Row(SECTION, f"{label}: claimcheck extract_source", f"{words / best_ours:,.0f} words/s ({shape})", data=data),
        Row(SECTION, f"{label}: bare nlp.pipe", f"{words / best_bare:,.0f} words/s"),
        Row(SECTION, f"{label}: ratio claimcheck / bare",
            f"{ratio:.2f}x best of {repeats} (median of paired runs {paired:.2f}x)",
            f"<= {TARGET_RATIO}x", verdict(ratio <= TARGET_RATIO)),
    ]


def run(quick: bool, seed: int) -> tuple[list[Row], dict]:
    """Seeds and a synthetic corpus (~50k words; ~10k with ``quick``)."""
    pipeline, load_s = load_pipeline()
    seeds = synth_corpus.read_sources(ROOT / "seeds")
    warm_up(seeds, pipeline)
    rows = [Row(SECTION, "model load (nlp.load)", f"{load_s:.2f} s ({nlp_mod.describe(pipeline)})",
                data={"load_s": load_s, "pipes": pipeline.pipe_names})]
    rows += measure("seeds", seeds, pipeline, repeats=2 if quick else 3)
    with tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as tmp:
        corpus = synth_corpus.write_corpus(seeds, Path(tmp), 10_000 if quick else 50_000, seed)
        rows += measure("synthetic", corpus, pipeline, repeats=2)
    return rows, dict(pipeline.meta)


# ----------------------------------------------------------------- profile


def _own(filename: str) -> bool:
    return str(ROOT / "claimcheck") in filename


def profile(top: int = 10) -> list[Row]:
    """cProfile of extraction over the seeds: share of time inside spaCy's
    ``Language.pipe`` and our own functions with the most self time. (The
    profiler slows Python code more than spaCy's compiled code, so our share
    is overstated.)"""
    pipeline, _ = load_pipeline()
    seeds = synth_corpus.read_sources(ROOT / "seeds")
    warm_up(seeds, pipeline)
    prof = cProfile.Profile()
    prof.enable()
    for s in seeds:
        extract_source(s, pipeline)
    prof.disable()
    stats = pstats.Stats(prof).stats  # (file, line, name) -> (cc, nc, tottime, cumtime, callers)
    total = sum(v[2] for v in stats.values())
    in_pipe = max((v[3] for (f, _, name), v in stats.items() if name == "pipe" and f.endswith("language.py")), default=0.0)
    own = sorted(((v[2], v[3], v[1], f, line, name) for (f, line, name), v in stats.items() if _own(f)), reverse=True)
    section = "profile (extraction, seeds, cProfile)"
    rows = [Row(section, "total / inside Language.pipe",
                f"{total:.2f} s / {in_pipe:.2f} s ({in_pipe / total:.0%}); own code self time "
                f"{sum(o[0] for o in own):.2f} s", data={"total_s": total, "pipe_s": in_pipe})]
    for tt, ct, calls, f, line, name in own[:top]:
        rel = Path(f).resolve().relative_to(ROOT).as_posix()
        rows.append(Row(section, f"{rel}:{line} {name}", f"self {tt:.3f} s, cum {ct:.3f} s, {calls:,} calls",
                        data={"self_s": tt, "cum_s": ct, "calls": calls}))
    return rows
