"""The ledger's records and fields: what a ledger holds, and how a fresh extraction merges into it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..records import Claim, Mention, Source

LEDGER_VERSION = 1
DEFAULT_LEDGER = Path("data/claims.yaml")

SOURCE_FIELDS = ("id", "path", "sha256", "format", "encoding", "title", "published", "author", "chars")
#: first and last line of every ledger claimcheck writes. A file that starts
#: with the first must end with the second, or it was cut short; ledgers
#: written before the marker existed (no first line) are read as before.
HEAD_MARK = "# claimcheck ledger: the last line is the end marker below; a file without it was cut short"
END_MARK = "# end of claimcheck ledger"
CLAIM_FIELDS = tuple(f.name for f in fields(Claim))


class LedgerError(Exception):
    """The ledger cannot be read or written. ``str()`` is one line naming the
    file and, where known, the line and field."""


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """A source as the ledger records it: metadata and mentions, no text."""

    source: Source
    chars: int
    mentions: tuple[Mention, ...] = ()
    model: str | None = None  # the spaCy pipeline that extracted it (None: older ledgers)


@dataclass(frozen=True, slots=True)
class Ledger:
    sources: tuple[SourceEntry, ...] = ()
    claims: tuple[Claim, ...] = ()
    generator: Mapping[str, str] = field(default_factory=dict)
    reviews: Mapping[str, Any] = field(default_factory=dict)
    entities: Sequence[Any] = ()
    #: read from a ledger written before paths were stored relative to its
    #: folder: the paths were relative to the directory it was run from, and
    #: were converted assuming that is the current directory.
    legacy_paths: bool = False

    def source(self, source_id: str) -> SourceEntry | None:
        return next((s for s in self.sources if s.source.id == source_id), None)


# --------------------------------------------------------------------- merge


def merge(
    old: Ledger,
    results: Iterable[tuple[Source, Sequence[Claim], Sequence[Mention]]],
    generator: Mapping[str, str],
    prune: bool = False,
    chars: Mapping[str, int] | None = None,
) -> Ledger:
    """The ledger after re-extracting some sources.

    Re-extracted sources replace their old entries and extracted claims;
    hand-added claims (``origin: manual``) and every review and entity ruling
    are kept. Sources not re-extracted are kept unless ``prune``.
    """
    new_sources: dict[str, SourceEntry] = {} if prune else {s.source.id: s for s in old.sources}
    fresh_ids: set[str] = set()
    fresh_claims: list[Claim] = []
    for source, claims, mentions in results:
        fresh_ids.add(source.id)
        length = (chars or {}).get(source.id, len(source.text))
        new_sources[source.id] = SourceEntry(replace(source, text=""), length, tuple(mentions), generator.get("model"))
        fresh_claims.extend(claims)
    kept = [
        c for c in old.claims
        if (c.origin == "manual" and c.source in new_sources) or (c.source not in fresh_ids and c.source in new_sources)
    ]
    return Ledger(
        sources=tuple(sorted(new_sources.values(), key=lambda s: s.source.id)),
        claims=tuple(sort_claims([*kept, *fresh_claims])),
        generator=dict(generator),
        reviews=old.reviews,
        entities=old.entities,
    )


def sort_claims(claims: Iterable[Claim]) -> list[Claim]:
    return sorted(claims, key=lambda c: (c.source, c.start, c.surface_start, c.kind.value, c.id))
