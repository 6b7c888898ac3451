"""The claims ledger, ``data/claims.yaml``: read, validate, merge, write.

Layout (documented field by field in the README)::

    version: 1
    generator: {claimcheck: 0.1.0, model: en_core_web_sm==3.8.0, rules: '1'}
    sources: [ {id, path, sha256, format, encoding, title, published, author, chars, mentions}, ... ]
    claims:  [ {id, source, kind, quote, start, end, surface, ...}, ... ]
    reviews: {...}    # analysts' verdicts (kept verbatim by every write)
    entities: [...]   # analysts' merge/split rulings (kept verbatim)

Writes are atomic (temp file in the same folder, fsync, rename), keep the
previous file as ``claims.yaml.bak``, and are serialised by a lock file.
Keys and order are deterministic: the same input gives byte-identical files.
"""

from __future__ import annotations

from ..vocab.review import REVIEW_STATUSES
from .files import (
    LOCK_TIMEOUT_S,
    MIRROR_MIN_BYTES,
    STALE_MIRROR_TEMP_S,
    file_mode,
    locked,
    read,
    relative_source_path,
    remove_stale_temp_files,
    source_file,
    target,
    update,
    write,
)
from .model import (
    CLAIM_FIELDS,
    DEFAULT_LEDGER,
    END_MARK,
    HEAD_MARK,
    LEDGER_VERSION,
    SOURCE_FIELDS,
    Ledger,
    LedgerError,
    SourceEntry,
    merge,
    sort_claims,
)
from .parse import claim_from_dict, loads
from .serialise import claim_to_dict, dumps, to_data

__all__ = [
    "CLAIM_FIELDS",
    "DEFAULT_LEDGER",
    "END_MARK",
    "HEAD_MARK",
    "LEDGER_VERSION",
    "LOCK_TIMEOUT_S",
    "Ledger",
    "LedgerError",
    "MIRROR_MIN_BYTES",
    "REVIEW_STATUSES",
    "SOURCE_FIELDS",
    "STALE_MIRROR_TEMP_S",
    "SourceEntry",
    "claim_from_dict",
    "claim_to_dict",
    "dumps",
    "file_mode",
    "loads",
    "locked",
    "merge",
    "read",
    "relative_source_path",
    "remove_stale_temp_files",
    "sort_claims",
    "source_file",
    "target",
    "to_data",
    "update",
    "write",
]
