"""Analyst review: verdicts on findings and rulings on entities, kept in the
ledger and never lost.

A review lives under ``reviews:`` keyed by the finding's stable id::

    f-6e765f5eab:
      status: confirmed          # open | confirmed | dismissed | needs-source
      note: checked the customs data
      reviewer: alice
      at: '2026-11-22T15:01:02Z'
      evidence: 3f2a9c1b2d7e     # fingerprint of the quotes and values reviewed
      kind: quantity             # what the finding was, for orphan listings
      subject: bilateral trade
      history: [{status, note, reviewer, at}, ...]   # every decision, oldest first

A review whose finding's evidence has changed since (a quote or a value) is
*stale*: it is kept and shown for another look, never applied silently to
different evidence. A review whose finding no longer exists is an *orphan*.
Every change is a read-modify-write under the ledger lock, written atomically.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import ledger
from .compare import evidence_hash
from .records import Finding, FindingKind, Verdict
from .vocab.review import REVIEW_STATUSES, ReviewStatus

STATUSES = REVIEW_STATUSES

#: The verdicts an analyst reviews (agreements need no decision).
_REVIEWED = frozenset({Verdict.CONTRADICTION, Verdict.NAMING})


class ReviewError(Exception):
    """A review request that cannot be carried out (one line)."""


def default_reviewer() -> str:
    try:
        return os.environ.get("USER") or getpass.getuser() or "unknown"
    except Exception:  # noqa: BLE001 - getpass raises several kinds on odd systems
        return "unknown"


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def evidence_of(finding: Finding) -> str:
    if finding.claims:
        return evidence_hash(finding.claims)
    import hashlib

    key = "\x1f".join(f"{v.source}:{v.text}" for v in finding.variants)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class FindingRef:
    """What recording a decision needs of a finding, kept from the last
    compare of an unchanged ledger (so a scripted review does not compare
    everything again): its id, verdict, kind, subject and evidence."""

    id: str
    verdict: Verdict
    kind: FindingKind
    subject: str | None
    evidence: str

    @classmethod
    def of(cls, finding: Finding | FindingRef) -> FindingRef:
        if isinstance(finding, FindingRef):
            return finding
        return cls(finding.id, finding.verdict, finding.kind, finding.subject, evidence_of(finding))


@dataclass(frozen=True, slots=True)
class State:
    status: ReviewStatus
    stale: bool  # reviewed, but the evidence changed since
    review: dict[str, Any] | None


def state(finding: Finding, reviews: dict[str, Any]) -> State:
    review = reviews.get(finding.id)
    if not isinstance(review, dict):
        return State(ReviewStatus.OPEN, False, None)
    stale = review.get("evidence") not in (None, evidence_of(finding))
    return State(ReviewStatus(str(review.get("status", "open"))), stale, review)


def queue(findings: Sequence[Finding], reviews: dict[str, Any]) -> list[Finding]:
    """What the interactive review walks: contradictions and spelling
    variants that are open or stale; contradictions first, the largest
    relative difference first."""
    todo = []
    for f in findings:
        if f.verdict not in _REVIEWED:
            continue
        st = state(f, reviews)
        if st.status is ReviewStatus.OPEN or st.stale:
            todo.append(f)
    return sorted(todo, key=_queue_order)


def with_status(findings: Sequence[Finding], reviews: dict[str, Any], status: ReviewStatus | str) -> list[Finding]:
    """Contradictions and spelling variants whose review status is
    ``status`` (``review --status needs-source`` walks these), in queue order."""
    wanted = ReviewStatus(status)
    return sorted((f for f in findings if f.verdict in _REVIEWED
                   and state(f, reviews).status is wanted), key=_queue_order)


#: What each review status means (shown by ``?`` in the review loop).
STATUS_MEANINGS = {
    "open": "not decided yet",
    "confirmed": "a real discrepancy between the sources",
    "dismissed": "not a discrepancy: an extraction error, different scopes or measures, a misreading",
    "needs-source": "cannot decide without another source; `review --status needs-source` walks these again",
}


def reviewable(findings: Sequence[Finding]) -> list[Finding]:
    return sorted((f for f in findings if f.verdict in _REVIEWED), key=_queue_order)


def _queue_order(f: Finding) -> tuple[bool, float, str]:
    return (f.verdict is not Verdict.CONTRADICTION, -(f.relative_difference or 0.0), f.id)


def resolve(findings: Sequence[Any], prefix: str) -> Any:
    """The finding whose id starts with ``prefix``; an unknown or ambiguous
    prefix is a :class:`ReviewError` listing the candidates."""
    exact = [f for f in findings if f.id == prefix]
    if exact:
        return exact[0]
    hits = [f for f in findings if f.id.startswith(prefix)]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        close = sorted(f.id for f in findings if f.verdict is not Verdict.AGREEMENT)[:10]
        raise ReviewError(f"no finding {prefix!r}; findings to review: {', '.join(close) or 'none'}")
    raise ReviewError(f"{prefix!r} is ambiguous: {', '.join(sorted(f.id for f in hits)[:10])}")


def record(
    ledger_path: Path,
    finding: Finding | FindingRef,
    status: ReviewStatus | str | None = None,
    note: str | None = None,
    reviewer: str | None = None,
) -> dict[str, Any]:
    """Write one decision (a status, a note, or both) to the ledger at once,
    atomically and under the lock. Returns the stored review."""
    if status is not None and status not in STATUSES:
        raise ReviewError(f"unknown status {status!r} (expected one of {', '.join(STATUSES)})")
    chosen = ReviewStatus(status).value if status is not None else None  # the ledger keeps the plain value
    who = reviewer or default_reviewer()
    when = now()
    stored: dict[str, Any] = {}
    ref = FindingRef.of(finding)

    def change(current: ledger.Ledger) -> ledger.Ledger:
        reviews = dict(current.reviews)
        old = dict(reviews.get(finding.id) or {})
        history = list(old.get("history") or [])
        new_status = chosen or old.get("status") or ReviewStatus.OPEN.value
        entry = {"status": new_status, "note": note, "reviewer": who, "at": when}
        history.append({k: v for k, v in entry.items() if v is not None})
        review = {
            "status": new_status,
            "note": note if note is not None else old.get("note"),
            "reviewer": who,
            "at": when,
            "evidence": ref.evidence,
            "kind": finding.kind.value,
            "subject": finding.subject,
            "history": history,
        }
        reviews[finding.id] = {k: v for k, v in review.items() if v is not None}
        stored.update(reviews[finding.id])
        return replace(current, reviews=dict(sorted(reviews.items())))

    ledger.update(ledger_path, change)
    return stored


def orphans(findings: Sequence[Finding], reviews: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Reviews whose finding no longer exists (kept, never dropped)."""
    ids = {f.id for f in findings}
    return sorted((fid, r) for fid, r in reviews.items() if fid not in ids and isinstance(r, dict))


def rule_entities(
    ledger_path: Path, action: str, a: str, b: str, known: Sequence[str], reviewer: str | None = None
) -> dict[str, str]:
    """Record an analyst's ruling that two entity clusters are (``merge``) or
    are not (``split``) the same entity. Later runs respect it."""
    if action not in ("merge", "split"):
        raise ReviewError(f"unknown entity ruling {action!r} (merge or split)")
    ids = set(known)
    for eid in (a, b):
        if eid not in ids:
            close = sorted(k for k in ids if eid.split(":")[-1][:4] in k)[:10]
            hint = f"; did you mean: {', '.join(close)}" if close else "; see `claimcheck entities --all`"
            raise ReviewError(f"no entity {eid!r}" + hint)
    if a == b:
        raise ReviewError(f"cannot {action} {a!r} with itself")
    ruling = {"action": action, "a": a, "b": b, "reviewer": reviewer or default_reviewer(), "at": now()}

    def change(current: ledger.Ledger) -> ledger.Ledger:
        kept = [r for r in current.entities if not (isinstance(r, dict) and {r.get("a"), r.get("b")} == {a, b})]
        return replace(current, entities=[*kept, ruling])

    ledger.update(ledger_path, change)
    return ruling


def claim_contexts(texts: dict[str, str], record: dict[str, Any], width: int = 240) -> dict[str, tuple[str, int, int]]:
    """Claim id -> (text, surface start, surface end): the claim's sentence
    with some text around it, from the source file when it is unchanged."""
    out: dict[str, tuple[str, int, int]] = {}
    for c in record["claims"]:
        text = texts.get(c["source"])
        if text is None:
            continue
        start = c.get("surface_start", c["start"])
        end = c.get("surface_end", c["end"])
        lo = max(0, c["start"] - width)
        hi = min(len(text), c["end"] + width)
        if text[c["start"]:c["end"]] != c["quote"]:
            continue  # the file changed since: show the quote alone
        key = c.get("claim_id") or f"{c['source']}:{c['start']}"
        out[key] = (("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else ""),
                    start - lo + (1 if lo else 0), end - lo + (1 if lo else 0))
    return out
