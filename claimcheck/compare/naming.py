"""Spelling variants: one entity written differently across sources, from
the link stage's stored decisions; and canonical names for scopes."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..records import Finding, Variant, Verdict


# ------------------------------------------------------------------ naming


def naming_findings(entities: Sequence, sources: Mapping[str, str] | None = None) -> list[Finding]:
    """One finding per entity spelled differently across sources, when the
    spellings were joined as transliteration or fuzzy variants (not a title,
    a surname or an acronym, which are not spelling differences)."""
    from ..link import match_names, name_key

    out = []
    for e in entities:
        first: dict[str, object] = {}
        for m in e.mentions:
            key = name_key(m.text)
            if key and key not in first:
                first[key] = m
        if len(first) < 2 or len({m.source for m in first.values()}) < 2:
            continue
        spellings = sorted(first.items())
        keep: dict[str, object] = {}
        reasons = []
        for i, (ka, ma) in enumerate(spellings):
            for kb, mb in spellings[i + 1 :]:
                if ma.source == mb.source or _inflection(ka, kb):
                    continue
                match = match_names(ma.text, mb.text, ma.label, mb.label)
                if match is not None and match.rung in ("transliteration", "fuzzy"):
                    keep[ka], keep[kb] = ma, mb
                    reasons.append(f"{ma.text} ~ {mb.text}: {match.reason}")
        if len(keep) < 2:
            continue
        variants = tuple(
            Variant(m.text, m.source, m.start, m.end)
            for m in sorted(keep.values(), key=lambda m: (m.source, m.start))
        )
        vid = "n-" + hashlib.sha1("\x1f".join([e.id, *sorted(v.text for v in variants)]).encode()).hexdigest()[:10]
        names = " / ".join(dict.fromkeys(v.text for v in variants))
        out.append(Finding(
            id=vid, verdict=Verdict.NAMING, kind="naming", subject=e.name, scope=(), period=None, claims=(),
            explanation=f"{names}: one {e.label} entity spelled {len(keep)} ways across "
                        f"{len({v.source for v in variants})} sources ({'; '.join(reasons[:3])})",
            variants=variants, entity=e.id,
        ))
    return sorted(out, key=lambda f: (f.subject or "", f.id))


def _inflection(a: str, b: str) -> bool:
    """"azerbaijani"/"azerbaijanis": a plural, not a spelling variant."""
    short, long = sorted((a, b), key=len)
    return long in (short + "s", short + "es")


def canonical_names(entities: Sequence) -> dict[str, str]:
    """Name as written -> its entity's display name, for names that belong to
    exactly one entity (an ambiguous surface form is left as written)."""
    seen: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        for m in e.mentions:
            seen[m.text].add(e.name)
            for v in e.variants:
                seen[v].add(e.name)
    return {text: next(iter(names)) for text, names in seen.items() if len(names) == 1}
