"""Finding ids, evidence fingerprints, syndicated copies and scopes."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from ..records import Claim, Kind, Stance
from ..thresholds import CompareThresholds
from .keys import parsed_measure_key

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


# ----------------------------------------------------------------- findings


def finding_id(a: Claim, b: Claim, canon: Mapping[str, str] | None = None) -> str:
    """Stable: the same claims give the same id on every run.

    Derived from what aligned the pair (kind, unit, period, stance, both
    subjects) and the two sources, not from the quotes, so that a review
    survives an edit of the evidence and is marked stale instead of lost.
    """
    canon = canon or {}
    ends = sorted(
        (c.source, " ".join(_subject_of(c, canon)), c.unit or "", c.period or "", (c.stance or Stance.ACTUAL).value)
        for c in (a, b)
    )
    key = "\x1f".join([a.kind.value, *("|".join(e) for e in ends)])
    return "f-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def unique_id(fid: str, used: set[str]) -> str:
    """``fid``, or ``fid-2``, ``fid-3``... when two findings of one run share
    an alignment key; the id returned is recorded in ``used``."""
    n, base = 1, fid
    while fid in used:
        n += 1
        fid = f"{base}-{n}"
    used.add(fid)
    return fid


def evidence_hash(claims: Sequence[Claim]) -> str:
    """A fingerprint of what a finding rests on (quotes and values): when it
    changes, a review of the finding is stale."""
    parts = sorted(
        "\x1f".join((c.source, c.quote, repr(c.value), repr(c.value_max), c.unit or "", c.period or ""))
        for c in claims
    )
    return hashlib.sha1("\x1e".join(parts).encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=1 << 14)
def _fold(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def is_copy(a: Claim, b: Claim, t: CompareThresholds) -> bool:
    """Near-verbatim quotes in two sources: syndicated copy, one origin."""
    return fuzz.ratio(_fold(a.quote), _fold(b.quote)) >= t.syndicated_quote




def _subject_of(c: Claim, canon: Mapping[str, str]) -> tuple[str, ...]:
    if c.kind is Kind.ROLE:
        return (canon.get(c.subject or "", c.subject or "").casefold(),)
    return parsed_measure_key(c)


def _scope(c: Claim, canon: Mapping[str, str]) -> frozenset[str]:
    return frozenset(canon.get(s, s) for s in c.scope)


@lru_cache(maxsize=1 << 16)
def scopes_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Same places, or one claim's places within the other's (by the
    gazetteer's containment: a city within its country). Unknown scope
    (empty) only meets unknown scope. Memoised: a corpus has few distinct
    scopes (frames intern them) and many pairs."""
    from ..places import scopes_compatible as by_containment

    return by_containment(a, b)
