"""Spelling variants: one entity written differently across sources, from
the link stage's stored decisions; and canonical names for scopes."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..records import Finding, FindingKind, Mention, Variant, Verdict

if TYPE_CHECKING:  # pragma: no cover
    from ..link import Entity


# ------------------------------------------------------------------ naming


def naming_findings(entities: Sequence[Entity], sources: Mapping[str, str] | None = None) -> list[Finding]:
    """One finding per entity spelled differently across sources, when the
    link stage joined the spellings on its transliteration or fuzzy rung (not a
    title, a surname or an acronym, which are not spelling differences).

    Reads the decisions the link stage stored on each entity (rung, score,
    reason); it never re-runs the matcher, so custom link thresholds are
    honoured."""
    from ..link import name_key

    out = []
    for e in entities:
        firsts: dict[str, list[Mention]] = defaultdict(list)  # key -> first mention per source
        for m in e.mentions:
            key = name_key(m.text)
            if key and all(x.source != m.source for x in firsts[key]):
                firsts[key].append(m)
        keep: dict[str, Mention] = {}
        reasons: list[str] = []
        for d in getattr(e, "decisions", ()):
            if d.rung not in ("transliteration", "fuzzy"):
                continue
            ka, kb = name_key(d.a.text), name_key(d.b.text)
            if ka == kb or _inflection(ka, kb):
                continue
            pair = next(
                ((x, y) for x in firsts.get(ka, ()) for y in firsts.get(kb, ()) if x.source != y.source),
                None,
            )
            if pair is None:
                continue
            ma, mb = pair
            keep.setdefault(ka, ma)
            keep.setdefault(kb, mb)
            reasons.append(f"{ma.text} ~ {mb.text}: {d.reason}")
        if len(keep) < 2:
            continue
        variants = tuple(
            Variant(m.text, m.source, m.start, m.end)
            for m in sorted(keep.values(), key=lambda m: (m.source, m.start))
        )
        vid = "n-" + hashlib.sha1("\x1f".join([e.id, *sorted(v.text for v in variants)]).encode()).hexdigest()[:10]
        names = " / ".join(dict.fromkeys(v.text for v in variants))
        out.append(Finding(
            id=vid, verdict=Verdict.NAMING, kind=FindingKind.NAMING, subject=e.name, scope=(), period=None, claims=(),
            explanation=f"{names}: one {e.label} entity spelled {len(keep)} ways across "
                        f"{len({v.source for v in variants})} sources ({'; '.join(reasons[:3])})",
            variants=variants, entity=e.id,
        ))
    return sorted(out, key=lambda f: (f.subject or "", f.id))


def _inflection(a: str, b: str) -> bool:
    """"azerbaijani"/"azerbaijanis": a plural, not a spelling variant."""
    short, long = sorted((a, b), key=len)
    return long in (short + "s", short + "es")


def canonical_names(entities: Sequence[Entity]) -> dict[str, str]:
    """Name as written -> its entity's display name, for names that belong to
    exactly one entity (an ambiguous surface form is left as written)."""
    seen: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        for m in e.mentions:
            seen[m.text].add(e.name)
            for v in e.variants:
                seen[v].add(e.name)
    return {text: next(iter(names)) for text, names in seen.items() if len(names) == 1}
