"""Extraction throughput: claimcheck's extraction against bare ``nlp.pipe``
of the same spaCy pipeline on exactly the same segment texts.

A = ``list(claimcheck.extract.extract(sources, nlp))``: the streaming path
``claimcheck extract`` runs (one ``nlp.pipe`` over every source's segments,
then our rules; ``extract_source`` is this for one source), without the
extraction cache.
B = ``list(nlp.pipe(all segment texts, batch_size=...))``: spaCy alone, one
call, with the batch size claimcheck's extraction passes (64 at the time of
writing; spaCy's default for this model is 256: on the 2-core machine these
were written on, 64 and 256 gave the same throughput within noise). Both are timed alternately (A B A B ...) after a warm-up; each
side's best time gives its words/s, and the ratio A/B is claimcheck's cost
relative to spaCy alone.
"""

from __future__ import annotations

import cProfile
import inspect
import pstats
import tempfile
from pathlib import Path

from claimcheck import nlp as nlp_mod
from claimcheck import extract as extract_mod

import synth_corpus
from common import ROOT, Row, interleaved, median, timed, verdict

SECTION = "1. extraction"
TARGET_RATIO = 1.25


def extract_all(sources, pipeline):
    """Every source's Extraction, the way the CLI extracts (no cache)."""
    if hasattr(extract_mod, "extract"):
        return list(extract_mod.extract(sources, pipeline))
    return [extract_mod.extract_source(s, pipeline) for s in sources]


def extract_batch_size(pipeline) -> int:
    """The ``nlp.pipe`` batch size claimcheck's extraction uses, so that the
    bare run differs from ours only by our rules (spaCy's own default,
    ``nlp.batch_size``, when extraction does not set one)."""
    param = inspect.signature(extract_mod.extract).parameters.get("batch_size") if hasattr(extract_mod, "extract") else None
    if param is not None and isinstance(param.default, int):
        return param.default
    return pipeline.batch_size


def describe(pipeline) -> str:
    meta = pipeline.meta or {}
    return f"{meta.get('lang', 'en')}_{meta.get('name', 'blank')}=={meta.get('version', '?')}"


def load_pipeline():
    """The pipeline ``claimcheck extract`` would load, and its load time."""
    seconds, pipeline = timed(lambda: nlp_mod.load(None))
    return pipeline, seconds


def _runners(sources, pipeline):
    texts = [t for per_source in synth_corpus.segment_texts(sources) for t in per_source]

    def ours():
        return sum(len(result.claims) for result in extract_all(sources, pipeline))

    batch_size = extract_batch_size(pipeline)

    def bare():
        return len(list(pipeline.pipe(texts, batch_size=batch_size)))

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
        Row(SECTION, f"{label}: claimcheck extract", f"{words / best_ours:,.0f} words/s ({shape})", data=data),
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
    rows = [Row(SECTION, "model load (nlp.load)", f"{load_s:.2f} s ({describe(pipeline)})",
                data={"load_s": load_s, "pipes": pipeline.pipe_names, "batch_size": extract_batch_size(pipeline)})]
    rows += measure("seeds", seeds, pipeline, repeats=3 if quick else 5)
    with tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as tmp:
        corpus = synth_corpus.write_corpus(seeds, Path(tmp), 10_000 if quick else 50_000, seed)
        rows += measure("synthetic", corpus, pipeline, repeats=2 if quick else 3)
        rows += incremental(Path(tmp), corpus)
    return rows, dict(pipeline.meta)


def incremental(folder: Path, corpus) -> list[Row]:
    """`claimcheck extract` on the synthetic corpus three times, through the
    real entry point (ingest, cache, ledger write): a first run with an empty
    cache, a re-run with nothing changed, and a re-run after one file of the
    corpus changed. Counts the sources each run sent through spaCy."""
    from claimcheck import api

    ledger_path = folder / "ledger" / "claims.yaml"
    extracted: list[str] = []
    real = extract_mod.extract

    def counting(sources, *args, **kwargs):
        def tap():
            for src in sources:
                extracted.append(src.id)
                yield src
        return real(tap(), *args, **kwargs)

    def run_once() -> tuple[float, int]:
        extracted.clear()
        elapsed, _ = timed(lambda: api.extract_paths([folder], ledger_path, jobs=1))
        return elapsed, len(extracted)

    extract_mod.extract = counting
    try:
        first_s, first_n = run_once()
        same_s, same_n = run_once()
        changed = sorted(folder.glob("article_*.txt"))[len(corpus) // 2]
        changed.write_text(changed.read_text(encoding="utf-8") + "\nIn 2024, exports rose by 7 percent.\n",
                           encoding="utf-8")
        one_s, one_n = run_once()
    finally:
        extract_mod.extract = real
    data = {"sources": len(corpus), "first_s": first_s, "first_extracted": first_n, "unchanged_s": same_s,
            "unchanged_extracted": same_n, "one_changed_s": one_s, "one_changed_extracted": one_n}
    return [
        Row(SECTION, "incremental: first run (empty cache)", f"{first_s:.2f} s, {first_n} of {len(corpus)} sources extracted",
            data=data),
        Row(SECTION, "incremental: re-run, nothing changed", f"{same_s:.2f} s, {same_n} sources extracted"),
        Row(SECTION, "incremental: re-run after one file changed",
            f"{one_s:.2f} s, {one_n} source extracted ({first_s / one_s:.1f}x faster than the first run)",
            "only that file", verdict(one_n == 1)),
    ]


# ----------------------------------------------------------------- profile


def _own(filename: str) -> bool:
    return str(ROOT / "claimcheck") in filename


def _site(filename: str, line: int, name: str) -> str:
    try:
        filename = Path(filename).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        filename = "/".join(Path(filename).parts[-2:])
    return f"{filename}:{line} {name}"


def profile(top: int = 10) -> list[Row]:
    """cProfile of extraction over the seeds: the time inside spaCy's
    ``Language.pipe`` and outside it (our rules, and the spaCy attribute
    access they make), our own functions with the most cumulative time
    (wrappers around ``nlp.pipe`` left out), and the spaCy/library functions
    our code spends most in. The profiler slows Python code more than
    spaCy's compiled code, so our share is overstated."""
    pipeline, _ = load_pipeline()
    seeds = synth_corpus.read_sources(ROOT / "seeds")
    warm_up(seeds, pipeline)
    prof = cProfile.Profile()
    prof.enable()
    extract_all(seeds, pipeline)
    prof.disable()
    stats = pstats.Stats(prof).stats  # (file, line, name) -> (cc, ncalls, tottime, cumtime, callers)
    total = sum(v[2] for v in stats.values())
    in_pipe = max((v[3] for (f, _, name), v in stats.items() if name == "pipe" and f.endswith("language.py")),
                  default=0.0)
    own = sorted(
        ((v[3], v[2], v[1], key) for key, v in stats.items() if _own(key[0]) and v[3] < in_pipe),
        reverse=True,
    )
    called_from_own: dict[tuple, float] = {}
    for key, v in stats.items():
        if not _own(key[0]) and key[2] != "pipe":  # (the model itself is counted above)
            spent = sum(c[3] for caller, c in v[4].items() if _own(caller[0]))
            if spent:
                called_from_own[key] = spent
    section = "profile (extraction of the seeds, cProfile)"
    rows = [Row(section, "total / in Language.pipe / outside it",
                f"{total:.2f} s / {in_pipe:.2f} s ({in_pipe / total:.0%}) / {total - in_pipe:.2f} s "
                f"({(total - in_pipe) / total:.0%})", data={"total_s": total, "pipe_s": in_pipe})]
    for ct, tt, calls, key in own[:top]:
        rows.append(Row(section, _site(*key), f"cum {ct:.3f} s, self {tt:.3f} s, {calls:,} calls",
                        data={"cum_s": ct, "self_s": tt, "calls": calls}))
    for key, spent in sorted(called_from_own.items(), key=lambda kv: -kv[1])[:5]:
        rows.append(Row(section, f"called by our code: {_site(*key)}", f"{spent:.3f} s",
                        data={"cum_s": spent}))
    return rows
