"""Top-level operations the CLI calls: one function per command.

Each takes plain arguments and callbacks, returns data, and never prints.
spaCy is imported only when a source actually needs extracting.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
import hashlib
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, ingest, ledger
from .records import Claim, Skip, Source
from .thresholds import DEFAULT, Thresholds

if TYPE_CHECKING:  # compare is imported only when a diff runs
    from .compare import CompareResult

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


def default_jobs(n_sources: int) -> int:
    """Worker processes for spaCy: the CPUs, capped at the number of sources."""
    return max(1, min(os.cpu_count() or 1, n_sources))


def extract_paths(
    paths: Sequence[str | Path],
    ledger_path: Path = ledger.DEFAULT_LEDGER,
    model: str | None = None,
    prune: bool = False,
    thresholds: Thresholds = DEFAULT,
    jobs: int | None = None,
    use_cache: bool = True,
    on_progress: ProgressFn | None = None,
    on_skip: Callable[[Skip], None] | None = None,
) -> ExtractRun:
    """Ingest ``paths``, extract claims, merge them into the ledger and write it.

    Files are read one at a time. A source whose id, bytes, model and rules
    are unchanged comes from the cache (``.claimcheck/cache/`` beside the
    ledger); the rest stream through spaCy, which is loaded only if anything
    needs it, with ``jobs`` worker processes.

    Raises :class:`ingest.IngestError` for a missing path,
    :class:`ledger.LedgerError` for an unreadable/unwritable ledger and
    :class:`nlp.ModelError` when no model loads; each message is one line.
    """
    from itertools import chain

    from . import nlp as nlp_mod
    from .cache import ExtractCache
    from .rules_version import EXTRACTOR_VERSION

    skipped: list[Skip] = []

    def skip(s: Skip) -> None:
        skipped.append(s)
        if on_skip is not None:
            on_skip(s)

    before = ledger.read(ledger_path)  # fail before any work on a broken ledger
    files = ingest.find_files(paths, on_skip=skip)
    known, reserved = _ledger_ids(before, ledger_path, files)
    model_id = nlp_mod.identify(model)
    cache = ExtractCache.beside(ledger_path, model_id) if use_cache else None
    summaries: list[SourceSummary] = []
    results: list[tuple[Source, Sequence[Claim], Sequence]] = []
    lengths: dict[str, int] = {}
    done = 0

    def progress(path: str) -> None:
        nonlocal done
        done += 1
        if on_progress is not None:
            on_progress(done, len(files), path)

    def keep(source: Source, claims, mentions) -> None:
        light = replace(source, text="")  # the text is not kept in memory
        lengths[source.id] = len(source.text)
        # the ledger records the path relative to its own folder
        results.append((replace(light, path=ledger.relative_source_path(ledger_path, source.path)), claims, mentions))
        summaries.append(SourceSummary(light, tuple(claims), source.skipped))
        progress(source.path)

    def to_extract():
        for (path, _), got in zip(files, ingest.sources(files, known, reserved)):
            if isinstance(got, Skip):
                skip(got)
                progress(str(path))
                continue
            if not got.segments:
                skip(Skip(got.path,
                          "no article text (only page boilerplate or repeats); kept in the ledger with no claims"))
            hit = cache.get(got) if cache is not None else None
            if hit is not None:
                keep(got, *hit)
                continue
            yield got

    if on_progress is not None:
        on_progress(0, len(files), "")
    pending = to_extract()
    first = next(pending, None)
    if first is not None:  # spaCy and the rules load only when something needs extracting
        from .extract import extract

        pipeline = nlp_mod.load(model)
        n_process = jobs if jobs is not None else default_jobs(len(files))
        for result in extract(chain([first], pending), pipeline, thresholds, n_process=max(1, n_process)):
            if cache is not None:
                cache.put(result.source, result.claims, result.mentions)
            keep(result.source, result.claims, result.mentions)
    generator = {"claimcheck": __version__, "model": model_id, "rules": EXTRACTOR_VERSION}
    # merge under the lock with the ledger as it is now, not ``old``: reviews
    # recorded while spaCy ran must survive (a read-modify-write)
    new = ledger.update(
        ledger_path, lambda current: ledger.merge(current, results, generator, prune=prune, chars=lengths),
        missing_ok=True,
    )
    summaries.sort(key=lambda s: s.source.id)
    return ExtractRun(new, tuple(summaries), tuple(skipped), model_id)


# ---------------------------------------------------------------- diff


@dataclass(frozen=True, slots=True)
class Refreshed:
    """The ledger brought up to date with the files on disk."""

    ledger: ledger.Ledger
    texts: dict[str, str]  # source id -> decoded text, for sources whose file is readable
    reextracted: tuple[str, ...]
    missing: tuple[str, ...]  # ledger sources whose file is gone or unreadable (their claims are kept)
    skipped_files: tuple[Skip, ...] = ()
    problems: dict[str, str] = field(default_factory=dict)  # source id -> why its file was not read


def refresh(
    paths: Sequence[str | Path] | None,
    ledger_path: Path = ledger.DEFAULT_LEDGER,
    model: str | None = None,
    thresholds: Thresholds = DEFAULT,
    on_progress: ProgressFn | None = None,
    on_skip: Callable[[Skip], None] | None = None,
) -> Refreshed:
    """With ``paths``: extract them into the ledger. Without: re-extract only
    the ledger's sources whose sha256 changed on disk (spaCy loads only then)."""
    if paths:
        run = extract_paths(paths, ledger_path, model, thresholds=thresholds, on_progress=on_progress, on_skip=on_skip)
        current = run.ledger
        reextracted = tuple(s.source.id for s in run.summaries)
        skipped_files = run.skipped_files
    else:
        current = ledger.read(ledger_path)
        reextracted, skipped_files = (), ()
    check_identity = current.legacy_paths and not _below_cwd(ledger_path)
    texts: dict[str, str] = {}
    changed: list[Source] = []
    missing: list[str] = []
    problems: dict[str, str] = {}
    for entry in current.sources:
        src = _read_again(entry, ledger_path)
        if isinstance(src, Skip):
            missing.append(entry.source.id)
            problems[entry.source.id] = src.reason
            continue
        if check_identity and src.sha256 != entry.source.sha256:
            raise ledger.LedgerError(
                f"{ledger_path}: source {entry.source.id!r} resolves to "
                f"{os.path.normpath(ledger.source_file(ledger_path, entry.source.path))}, "
                "a different file than the one extracted (this older ledger stores paths relative to the folder it was "
                "made in); run claimcheck from that folder once (paths are then stored relative to the ledger)"
            )
        texts[src.id] = src.text
        if src.sha256 != entry.source.sha256 and not paths:
            changed.append(src)
    if changed:
        from . import nlp as nlp_mod
        from .extract import extract
        from .rules_version import EXTRACTOR_VERSION

        pipeline = nlp_mod.load(model)
        results = []
        for n, r in enumerate(extract(changed, pipeline, thresholds)):
            if on_progress is not None:
                on_progress(n + 1, len(changed), r.source.path)
            results.append((r.source, r.claims, r.mentions))
        generator = {"claimcheck": __version__, "model": nlp_mod.identify(model), "rules": EXTRACTOR_VERSION}
        current = ledger.update(ledger_path, lambda now: ledger.merge(now, results, generator), missing_ok=True)
        reextracted = tuple(s.id for s in changed)
    return Refreshed(current, texts, reextracted, tuple(missing), skipped_files, problems)


def _read_again(entry: ledger.SourceEntry, ledger_path: Path) -> Source | Skip:
    """The source's file (its path is relative to the ledger's folder) read
    again through ingest, with the same checks as a first read."""
    return ingest.reread(ledger.source_file(ledger_path, entry.source.path), entry.source)


def _ledger_ids(current: ledger.Ledger, ledger_path: Path, files) -> tuple[dict[str, str], set[str]]:
    """(real path -> id) for the ledger's sources whose file still exists, so
    a file keeps its id; and the ids of those among them not read in this
    run, which new files must not take. The id of a source whose file is
    gone is free again (a moved file takes it back)."""
    reading = {os.path.realpath(path) for path, _ in files}
    known: dict[str, str] = {}
    reserved: set[str] = set()
    for entry in current.sources:
        real = os.path.realpath(ledger.source_file(ledger_path, entry.source.path))
        if not os.path.exists(real):
            continue
        known[real] = entry.source.id
        if real not in reading:
            reserved.add(entry.source.id)
    return known, reserved


def _below_cwd(path: Path) -> bool:
    folder = os.path.realpath(os.path.abspath(ledger.target(path).parent))
    cwd = os.path.realpath(os.getcwd())
    return folder == cwd or folder.startswith(cwd.rstrip(os.sep) + os.sep)


def models(current: ledger.Ledger) -> dict[str, int]:
    """Model -> number of sources it extracted (sources of unknown model left out)."""
    counts: dict[str, int] = {}
    for entry in current.sources:
        if entry.model:
            counts[entry.model] = counts.get(entry.model, 0) + 1
    return dict(sorted(counts.items()))


@dataclass(frozen=True, slots=True)
class DiffRun:
    refreshed: Refreshed
    entities: tuple
    findings: tuple
    #: everything compare decided: candidate pairs, near misses, pairs not compared
    comparison: CompareResult | None = None

    @property
    def ledger(self) -> ledger.Ledger:
        return self.refreshed.ledger


def link_entities(current: ledger.Ledger, texts: dict[str, str], thresholds: Thresholds = DEFAULT) -> list:
    from . import link

    mentions = [m for entry in current.sources for m in entry.mentions]
    rulings = [
        (r["action"], r["a"], r["b"]) for r in current.entities
        if isinstance(r, dict) and r.get("action") in ("merge", "split") and r.get("a") and r.get("b")
    ]
    return link.cluster(mentions, texts, thresholds.link, rulings=rulings)


def diff(
    paths: Sequence[str | Path] | None = None,
    ledger_path: Path = ledger.DEFAULT_LEDGER,
    model: str | None = None,
    thresholds: Thresholds = DEFAULT,
    on_progress: ProgressFn | None = None,
    on_skip: Callable[[Skip], None] | None = None,
) -> DiffRun:
    """Refresh the ledger, resolve entities, compare claims across sources."""
    from . import compare

    fresh, clusters = entities(paths, ledger_path, model, thresholds, on_progress, on_skip)
    result = compare.align(fresh.ledger.claims, compare.canonical_names(clusters), thresholds.compare,
                           entities=clusters, sources={e.source.id: e.source for e in fresh.ledger.sources})
    findings = [*result.findings, *compare.naming_findings(clusters)]
    _store_refs(ledger_path, fresh.missing, thresholds, findings)
    return DiffRun(fresh, tuple(clusters), tuple(findings), result)


# ------------------------------------------------- reuse of the last compare
#
# Recording one scripted decision needs one finding's id, kind, subject and
# evidence, not a compare of everything (minutes on a 30k-claim ledger). The
# last compare's findings are kept in ``.claimcheck/<ledger>.findings.json``
# under a key made of what they depend on: the ledger without its reviews
# (which never change findings), the unreadable sources (whose text linking
# lacks), the thresholds and the code of the comparing stages.

_COMPARE_CODE = ("compare", "compare.py", "link", "link.py", "places.py", "vocab", "records.py", "thresholds.py",
                 "review.py", "ledger", "ledger.py", "api.py")
#: the reviews block and the counts line of a ledger written by claimcheck.
_REVIEWS_BLOCK = re.compile(rb"^reviews:[^\n]*\n(?:(?:[ -][^\n]*)?\n)*|^counts:[^\n]*\n", re.MULTILINE)


def _refs_path(ledger_path: Path) -> Path:
    real = ledger.target(ledger_path)
    return real.parent / ".claimcheck" / f"{real.name}.findings.json"


def _refs_key(ledger_path: Path, missing: Sequence[str], thresholds: Thresholds) -> str | None:
    import hashlib

    try:
        raw = ledger.target(ledger_path).read_bytes()
    except OSError:
        return None
    h = hashlib.sha256(_REVIEWS_BLOCK.sub(b"", raw))
    h.update(repr(sorted(missing)).encode())
    h.update(repr(thresholds).encode())
    root = Path(__file__).resolve().parent
    try:
        for name in _COMPARE_CODE:  # a module or a package of modules, whichever exists
            path = root / name
            for f in sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.exists() else []:
                h.update(f.relative_to(root).as_posix().encode())
                h.update(f.read_bytes())
    except OSError:
        return None
    return h.hexdigest()


def _store_refs(ledger_path: Path, missing: Sequence[str], thresholds: Thresholds, findings) -> None:
    import json
    import tempfile

    from .review import FindingRef

    key = _refs_key(ledger_path, missing, thresholds)
    if key is None:
        return
    target = _refs_path(ledger_path)
    refs = [FindingRef.of(f) for f in findings]
    data = {"key": key, "findings": [[r.id, r.verdict.value, r.kind.value, r.subject, r.evidence] for r in refs]}
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
        os.replace(tmp, target)
    except (OSError, TypeError, ValueError):  # only slower next time
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _load_refs(ledger_path: Path, key: str) -> list | None:
    import json

    from .records import FindingKind, Verdict
    from .review import FindingRef

    try:
        with open(_refs_path(ledger_path), encoding="utf-8") as fh:
            data = json.load(fh)
        if data.get("key") != key:
            return None
        return [FindingRef(str(i), Verdict(v), FindingKind(k), s if s is None else str(s), str(e))
                for i, v, k, s, e in data["findings"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def finding_for_review(
    ledger_path: Path,
    prefix: str,
    model: str | None = None,
    thresholds: Thresholds = DEFAULT,
):
    """The finding a scripted review names (a unique id prefix), for
    :func:`claimcheck.review.record`. When no source file changed since the
    last compare of this ledger, its stored result is used (a second or
    less on a large ledger); otherwise the ledger is refreshed and compared
    in full, as ``diff`` does. Raises ``review.ReviewError`` for an unknown or
    ambiguous id."""
    from . import review

    current = ledger.read(ledger_path)
    missing: list[str] = []
    unchanged = not current.legacy_paths or _below_cwd(ledger_path)
    for entry in current.sources if unchanged else ():
        data = ingest.read_bytes(ledger.source_file(ledger_path, entry.source.path))
        if isinstance(data, Skip):
            missing.append(entry.source.id)
        elif hashlib.sha256(data).hexdigest() != entry.source.sha256:
            unchanged = False
            break
    if unchanged:
        key = _refs_key(ledger_path, missing, thresholds)
        refs = _load_refs(ledger_path, key) if key is not None else None
        if refs is not None:
            return review.resolve(refs, prefix)
    return review.resolve(diff(None, ledger_path, model, thresholds).findings, prefix)


def entities(
    paths: Sequence[str | Path] | None = None,
    ledger_path: Path = ledger.DEFAULT_LEDGER,
    model: str | None = None,
    thresholds: Thresholds = DEFAULT,
    on_progress: ProgressFn | None = None,
    on_skip: Callable[[Skip], None] | None = None,
) -> tuple[Refreshed, list]:
    """Refresh the ledger and resolve its entity mentions into clusters."""
    fresh = refresh(paths, ledger_path, model, thresholds, on_progress, on_skip)
    return fresh, link_entities(fresh.ledger, fresh.texts, thresholds)
