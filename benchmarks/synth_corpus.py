"""Sources for the extraction benchmark: the seeds, and a larger synthetic
corpus built from their paragraphs.

The synthetic corpus is realistic text because it *is* the seeds' text: the
paragraphs extraction keeps from the seeds (page noise and repeats already
dropped by ingest) are shuffled with a fixed seed into articles of about
``ARTICLE_WORDS`` words, each under a headline and a dateline, written as
``.txt`` files and read back through :func:`claimcheck.ingest.read_source`,
exactly as ``claimcheck extract`` would read them.
"""

from __future__ import annotations

import random
from pathlib import Path

from claimcheck import ingest
from claimcheck.records import Skip, Source

ARTICLE_WORDS = 1_200
_DATELINES = ("28 April 2025", "May 20, 2025", "14 January 2025", "October 3, 2024")


def read_sources(folder: Path) -> list[Source]:
    """Every readable source under ``folder``, as ``claimcheck extract`` reads them."""
    sources = []
    for path, root in ingest.find_files([folder]):
        got = ingest.read_source(path, root)
        if not isinstance(got, Skip):
            sources.append(got)
    return sources


def segment_texts(sources: list[Source]) -> list[list[str]]:
    """Per source, the texts of the segments extraction runs spaCy over."""
    return [[s.text[g.start : g.end] for g in s.segments] for s in sources]


def word_count(texts: list[list[str]]) -> int:
    """Whitespace-separated words in the segment texts (what words/s counts)."""
    return sum(len(t.split()) for per_source in texts for t in per_source)


def _article(rng: random.Random, number: int, pool: list[str]) -> str:
    """One article: headline, dateline, then pool paragraphs (no paragraph
    twice, so ingest's repeat filter keeps them all) up to ARTICLE_WORDS."""
    paragraphs, words = [], 0
    for text in rng.sample(pool, len(pool)):
        if words >= ARTICLE_WORDS:
            break
        paragraphs.append(text)
        words += len(text.split())
    header = [f"Regional economy and transport: report number {number}", rng.choice(_DATELINES)]
    return "\n\n".join(header + paragraphs) + "\n"


def write_corpus(seed_sources: list[Source], folder: Path, target_words: int, seed: int) -> list[Source]:
    """Write synthetic articles totalling about ``target_words`` kept words into
    ``folder`` and read them back as Sources."""
    rng = random.Random(seed)
    pool = sorted({t for per_source in segment_texts(seed_sources) for t in per_source if len(t.split()) >= 4})
    folder.mkdir(parents=True, exist_ok=True)
    sources: list[Source] = []
    total = 0
    number = 0
    while total < target_words:
        number += 1
        path = folder / f"article_{number:04d}.txt"
        path.write_text(_article(rng, number, pool), encoding="utf-8")
        got = ingest.read_source(path, folder)
        if isinstance(got, Skip):  # pragma: no cover - the pool is plain prose
            continue
        sources.append(got)
        total += word_count(segment_texts([got]))
    return sources
