"""The extraction cache: claims and mentions of each source, keyed by what
determines them (source id, sha256 of the bytes, the model, and a fingerprint
of the extraction code), so re-running after one file of 1,000 changed
re-processes that one file only.

Stored under ``.claimcheck/cache/`` next to the ledger (git-ignored), one
small JSON file per source. A missing, unreadable or corrupt entry is a miss,
never an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from .records import Claim, Mention, Source

#: The package files whose code decides the claims.
_RULE_FILES = ("ingest", "thresholds.py", "records.py", "rules_version.py", "extract", "normalize", "vocab")


@lru_cache(maxsize=1)
def rules_fingerprint() -> str:
    """A hash of the extraction code itself: any edit invalidates the cache,
    without anyone having to remember to bump a version."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha1()
    for name in _RULE_FILES:
        path = root / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for f in files:
            h.update(f.relative_to(root).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


class ExtractCache:
    def __init__(self, folder: Path, model: str):
        self.folder = Path(folder)
        self.model = model

    @classmethod
    def beside(cls, ledger_path: Path, model: str) -> ExtractCache:
        return cls(Path(ledger_path).parent / ".claimcheck" / "cache", model)

    def _path(self, source: Source) -> Path:
        key = "\x1f".join((source.id, source.sha256, self.model, rules_fingerprint()))
        return self.folder / f"{hashlib.sha1(key.encode('utf-8')).hexdigest()}.json"

    def get(self, source: Source) -> tuple[tuple[Claim, ...], tuple[Mention, ...]] | None:
        from .ledger import LedgerError, claim_from_dict

        try:
            data = json.loads(self._path(source).read_text(encoding="utf-8"))
            claims = tuple(claim_from_dict(c, {source.id}) for c in data["claims"])
            mentions = tuple(Mention(str(t), str(label), source.id, int(s), int(e))
                             for s, e, label, t in data["mentions"])
        except (OSError, ValueError, KeyError, TypeError, LedgerError):
            return None
        return claims, mentions

    def put(self, source: Source, claims: Sequence[Claim], mentions: Sequence[Mention]) -> None:
        from .ledger import claim_to_dict

        data = {"claims": [claim_to_dict(c) for c in claims],
                "mentions": [[m.start, m.end, m.label, m.text] for m in mentions]}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False)
            os.replace(tmp, self._path(source))
        except OSError:
            pass  # a cache that cannot be written is only slower
