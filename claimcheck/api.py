"""Top-level operations the CLI calls: one function per command.

Each takes plain arguments and callbacks, returns data, and never prints.
spaCy is imported only when a source actually needs extracting.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import __version__, ingest, ledger
from .records import Claim, Skip, Source
from .thresholds import DEFAULT, Thresholds

ProgressFn = Callable[[int, int, str], None]  # (done, total, current path)


@dataclass(frozen=True, slots=True)
class SourceSummary:
    source: Source
    claims: tuple[Claim, ...]
    skipped: tuple[Skip, ...]


@dataclass(frozen=True, slots=True)
class ExtractRun:
    ledger: ledger.Ledger
    summaries: tuple[SourceSummary, ...]
    skipped_files: tuple[Skip, ...]
    model: str


def extract_paths(
    paths: Sequence[str | Path],
    ledger_path: Path = ledger.DEFAULT_LEDGER,
    model: str | None = None,
    prune: bool = False,
    thresholds: Thresholds = DEFAULT,
    on_progress: ProgressFn | None = None,
    on_skip: Callable[[Skip], None] | None = None,
) -> ExtractRun:
    """Ingest ``paths``, extract claims, merge them into the ledger and write it.

    Raises :class:`ingest.IngestError` for a missing path,
    :class:`ledger.LedgerError` for an unreadable/unwritable ledger and
    :class:`nlp.ModelError` when no model loads; each message is one line.
    """
    from . import nlp as nlp_mod
    from .extract import EXTRACTOR_VERSION, extract_source

    skipped: list[Skip] = []

    def skip(s: Skip) -> None:
        skipped.append(s)
        if on_skip is not None:
            on_skip(s)

    old = ledger.read(ledger_path)  # fail before any work on a broken ledger
    files = ingest.find_files(paths, on_skip=skip)
    pipeline = nlp_mod.load(model)
    summaries: list[SourceSummary] = []
    results = []
    for n, (path, root) in enumerate(files):
        if on_progress is not None:
            on_progress(n, len(files), str(path))
        got = ingest.read_source(path, root)
        if isinstance(got, Skip):
            skip(got)
            continue
        result = extract_source(got, pipeline, thresholds)
        results.append((got, result.claims, result.mentions))
        summaries.append(SourceSummary(got, result.claims, got.skipped))
    if on_progress is not None:
        on_progress(len(files), len(files), "")
    generator = {
        "claimcheck": __version__,
        "model": nlp_mod.describe(pipeline),
        "rules": EXTRACTOR_VERSION,
    }
    new = ledger.merge(old, results, generator, prune=prune)
    ledger.write(new, ledger_path)
    return ExtractRun(new, tuple(summaries), tuple(skipped), generator["model"])
