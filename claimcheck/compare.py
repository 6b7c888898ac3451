"""The compare stage: align claims across sources and give verdicts.

Two claims meet only when they share a blocking key (:func:`blocking_key`:
kind, unit, period, stance) and then, inside the block, a subject (exact
subject key, or ``token_sort_ratio`` above the threshold between distinct
keys) and a compatible scope. Never all pairs.

Verdicts (tolerances in :mod:`claimcheck.thresholds`):

- quantities agree when their tolerance intervals overlap: an exact figure
  is ±0.5%, "around" ±5%, "more than X" is [X, ∞), a range is itself;
- dates agree at the coarser precision ("2025" vs "2025-06");
- roles agree when one title's words contain the other's ("President" vs
  "President of Iran"); otherwise they contradict.

Every finding has a one-sentence explanation a person can check. Pure: no
spaCy, no printing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from .records import Claim, Finding, Hedge, Kind, Stance, Variant, Verdict
from .thresholds import DEFAULT, CompareThresholds

# ------------------------------------------------------------ subject keys

#: Words that say how a measure is reported, not what is measured.
GENERIC_WORDS = frozenset(
    """volume volumes total overall amount level levels figure figures value sum number size
    bilateral mutual two-way two way combined annual yearly current recent new the a an of in
    for to and on at by from with its their this that toll tally people person""".split()
)
#: Words that name one measure under different names.
SYNONYMS = {
    # direction of change: "growth", "rise" and "increase" are one thing
    "growth": "increase", "rise": "increase", "gain": "increase", "jump": "increase", "surge": "increase",
    "decline": "decrease", "drop": "decrease", "fall": "decrease", "reduction": "decrease",
    # casualties: "people killed", "death toll", "people reported dead" are one measure
    "dead": "killed", "died": "killed", "death": "killed", "fatality": "killed", "kill": "killed",
    "injure": "injured", "hurt": "injured", "wounded": "injured", "injury": "injured",
    "turnover": "trade",
    "commerce": "trade",
    "exchange": "trade",
    "exports": "export",
    "imports": "import",
    "railroad": "railway",
    "rail": "railway",
    "completed": "completion",
    "complete": "completion",
    "finish": "completion",
    "finished": "completion",
}
#: Verbs that carry no event of their own ("X is", "X reached").
_LIGHT_VERBS = frozenset("is are was were be been being has have had reached reach amounted stood seems".split())
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 16)
def subject_key(subject: str | None) -> tuple[str, ...]:
    """A comparable form of a subject: lower case, hyphen parts split, plural
    stripped, generic and light words dropped, synonyms mapped, sorted.
    "the total volume of mutual trade" and "bilateral trade turnover" are both
    ``("trade",)``."""
    if not subject:
        return ()
    words = []
    for raw in _WORD.findall(subject.casefold()):
        for part in raw.split("-"):
            w = SYNONYMS.get(part, part)
            w = SYNONYMS.get(_stem(w), _stem(w))
            if w and w not in GENERIC_WORDS and w not in _LIGHT_VERBS:
                words.append(w)
    return tuple(sorted(set(words)))


# ---------------------------------------------------------------- blocking


def blocking_key(claim: Claim) -> tuple | None:
    """Claims meet only within one block. ``None``: the claim cannot be
    compared (no subject, or a quantity without a period)."""
    if claim.kind is Kind.QUANTITY:
        if claim.period is None or not claim.subject or claim.unit is None:
            return None
        return (claim.kind.value, claim.unit, claim.period, (claim.stance or Stance.ACTUAL).value)
    if claim.kind is Kind.DATE:
        if claim.resolved or len(subject_key(claim.subject)) < 2:
            return None  # "Today", or an event too vague to align ("South Caucasus is")
        return (claim.kind.value, (claim.stance or Stance.ACTUAL).value)
    if claim.kind is Kind.ROLE:
        if not claim.subject or not claim.normalized:
            return None
        return (claim.kind.value,)
    return None


def blocks(claims: Iterable[Claim]) -> dict[tuple, list[Claim]]:
    """Group comparable claims by blocking key (a visible, linear step)."""
    out: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        key = blocking_key(c)
        if key is not None:
            out[key].append(c)
    return out


# ------------------------------------------------------------------ values


@dataclass(frozen=True, slots=True)
class Interval:
    lo: float
    hi: float
    tolerance: float  # relative tolerance that produced it
    why: str  # "±5% for 'around'"


def interval(c: Claim, t: CompareThresholds) -> Interval:
    v = float(c.value)  # type: ignore[arg-type]
    hedge = c.hedge or Hedge.EXACT
    if hedge is Hedge.RANGE and c.value_max is not None:
        return Interval(min(v, c.value_max), max(v, c.value_max), 0.0, "a range")
    if hedge in (Hedge.MORE_THAN, Hedge.AT_LEAST):
        return Interval(v, math.inf, 0.0, "'more than' (any larger value agrees)")
    if hedge in (Hedge.LESS_THAN, Hedge.AT_MOST):
        return Interval(-math.inf, v, 0.0, "'less than' (any smaller value agrees)")
    tol = t.approx if hedge is Hedge.APPROX else t.exact
    why = f"±{tol:.0%} for 'around'" if hedge is Hedge.APPROX else f"±{tol:.1%} for rounding"
    span = abs(v) * tol
    return Interval(v - span, v + span, tol, why)


def _point(c: Claim) -> float:
    v = float(c.value)  # type: ignore[arg-type]
    if c.hedge is Hedge.RANGE and c.value_max is not None:
        return (v + c.value_max) / 2
    return v


def format_value(c: Claim) -> str:
    """"580M USD", "300M–400M USD", "more than 400K hectare", "20 percent"."""
    if c.kind is not Kind.QUANTITY:
        return str(c.value)
    text = _short(float(c.value))  # type: ignore[arg-type]
    if c.hedge is Hedge.RANGE and c.value_max is not None:
        text = f"{text}–{_short(c.value_max)}"
    prefix = {
        Hedge.APPROX: "~", Hedge.MORE_THAN: "more than ", Hedge.AT_LEAST: "at least ",
        Hedge.LESS_THAN: "less than ", Hedge.AT_MOST: "at most ",
    }.get(c.hedge or Hedge.EXACT, "")
    unit = {"percent": "%"}.get(c.unit or "", f" {c.unit}" if c.unit else "")
    return f"{prefix}{text}{unit}"


def _short(v: float) -> str:
    for scale, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(v) >= scale:
            return f"{v / scale:.4g}{suffix}"
    return f"{v:.4g}"


# -------------------------------------------------------------------- dates


def date_bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day an ISO date or interval covers ("2025" -> Jan 1 ..
    Dec 31; "2025-01/2025-10" -> Jan 1 .. Oct 31)."""
    try:
        if "/" in value:
            a, b = value.split("/", 1)
            lo, hi = date_bounds(a), date_bounds(b)
            return (lo[0], hi[1]) if lo and hi else None
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            y, m = parts
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return dt.date(y, m, 1), nxt - dt.timedelta(days=1)
        d = dt.date(*parts[:3])
        return d, d
    except (ValueError, TypeError):
        return None


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


def evidence_hash(claims: Sequence[Claim]) -> str:
    """A fingerprint of what a finding rests on (quotes and values): when it
    changes, a review of the finding is stale."""
    parts = sorted(
        "\x1f".join((c.source, c.quote, repr(c.value), repr(c.value_max), c.unit or "", c.period or ""))
        for c in claims
    )
    return hashlib.sha1("\x1e".join(parts).encode("utf-8")).hexdigest()[:12]


def _fold(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def is_copy(a: Claim, b: Claim, t: CompareThresholds) -> bool:
    """Near-verbatim quotes in two sources: syndicated copy, one origin."""
    return fuzz.ratio(_fold(a.quote), _fold(b.quote)) >= t.syndicated_quote


def compare(
    claims: Sequence[Claim],
    canonical: Mapping[str, str] | None = None,
    thresholds: CompareThresholds = DEFAULT.compare,
) -> list[Finding]:
    """All agreements and contradictions between claims of different sources.

    ``canonical`` maps a name as written (scope entries, role subjects) to its
    entity cluster's display name, so "Araz"/"Aras" or "President X"/"X"
    compare as one. Names not in it are compared as written.
    """
    canon = dict(canonical or {})
    findings: list[Finding] = []
    used: set[str] = set()
    for key, members in sorted(blocks(claims).items()):
        for group in _subject_groups(members, thresholds, canon):
            if len(group) > thresholds.pairwise_limit and group[0].kind in (Kind.QUANTITY, Kind.DATE):
                findings.extend(_grouped(group, thresholds, canon, used))
            else:
                findings.extend(_pairs(group, thresholds, canon, used))
    findings.sort(key=lambda f: (f.verdict.value, f.kind, f.subject or "", f.id))
    return findings


def _subject_of(c: Claim, canon: Mapping[str, str]) -> tuple[str, ...]:
    if c.kind is Kind.ROLE:
        return (canon.get(c.subject or "", c.subject or "").casefold(),)
    return subject_key(c.subject)


def _subject_groups(members: list[Claim], t: CompareThresholds, canon) -> list[list[Claim]]:
    """Split a block by subject: equal subject keys, joined by fuzzy similarity
    between *distinct* keys. Keys are compared only within buckets sharing
    their first or last word (sorted), so a long tail of unique subjects
    costs O(n) buckets, not O(n^2) comparisons."""
    by_key: dict[tuple[str, ...], list[Claim]] = defaultdict(list)
    for c in members:
        k = _subject_of(c, canon)
        if k:
            by_key[k].append(c)
    keys = sorted(by_key)
    parent = {k: k for k in keys}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    if members and members[0].kind is not Kind.ROLE:
        buckets: dict[tuple[int, str], list[tuple[str, ...]]] = defaultdict(list)
        for k in keys:
            buckets[(0, k[0])].append(k)
            buckets[(1, k[-1])].append(k)
        for bucket in buckets.values():
            for i, a in enumerate(bucket):
                for b in bucket[i + 1 :]:
                    if find(a) != find(b) and fuzz.token_sort_ratio(" ".join(a), " ".join(b)) >= t.subject_similarity:
                        parent[find(b)] = find(a)
    groups: dict[tuple[str, ...], list[Claim]] = defaultdict(list)
    for k in keys:
        groups[find(k)].extend(by_key[k])
    return [g for g in groups.values() if len({c.source for c in g}) > 1]


def _scope(c: Claim, canon: Mapping[str, str]) -> frozenset[str]:
    return frozenset(canon.get(s, s) for s in c.scope)


def scopes_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Same places, or one claim's places within the other's. Unknown scope
    (empty) only meets unknown scope."""
    from .places import scopes_compatible as by_containment

    return by_containment(a, b)


def _pairs(group: list[Claim], t: CompareThresholds, canon, used: set[str]) -> list[Finding]:
    out = []
    group = sorted(group, key=lambda c: (c.source, c.start, c.id))
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            if a.source == b.source:
                continue  # a source never contradicts or confirms itself
            sa, sb = _scope(a, canon), _scope(b, canon)
            if not scopes_compatible(sa, sb):
                continue
            fid = finding_id(a, b, canon)
            n = 1
            while fid in used:  # two pairs with one alignment key in the same two sources
                n += 1
                fid = f"{finding_id(a, b, canon)}-{n}"
            f = _verdict(a, b, sa | sb, t, fid)
            if f is not None:
                used.add(fid)
                out.append(f)
    return out


# ------------------------------------------------------------ large groups


def _bounds(c: Claim, t: CompareThresholds) -> tuple[float, float, float]:
    """(lo, hi, point) of a claim on one numeric axis (dates as day ordinals)."""
    if c.kind is Kind.DATE:
        b = date_bounds(str(c.value))
        if b is None:
            return math.nan, math.nan, math.nan
        lo, hi = float(b[0].toordinal()), float(b[1].toordinal())
        return lo, hi, (lo + hi) / 2
    iv = interval(c, t)
    return iv.lo, iv.hi, _point(c)


def _grouped(group: list[Claim], t: CompareThresholds, canon, used: set[str]) -> list[Finding]:
    """Many sources on one measure: partition by scope, then cluster each
    partition into sets of mutually agreeing claims (an interval-stabbing
    sweep, O(n log n)) and report one agreement per cluster and one
    contradiction between each pair of neighbouring clusters (and the two
    extremes). Small partitions are still compared pair by pair."""
    parts: dict[frozenset[str], list[Claim]] = defaultdict(list)
    for c in group:
        parts[_scope(c, canon)].append(c)
    out: list[Finding] = []
    for scope, members in sorted(parts.items(), key=lambda kv: sorted(kv[0])):
        if len({c.source for c in members}) < 2:
            continue
        if len(members) <= t.pairwise_limit:
            out.extend(_pairs(members, t, canon, used))
            continue
        clusters = _stab_clusters(members, t)
        out.extend(_cluster_findings(clusters, scope, t, canon, used))
    return out


def _stab_clusters(members: list[Claim], t: CompareThresholds) -> list[list[Claim]]:
    """Greedy interval stabbing: sorted by upper bound, a claim joins the
    current cluster when its interval contains the cluster's point (the
    cluster's first upper bound), else it starts a new cluster at its own
    upper bound. Every claim of a cluster contains its point, so they
    pairwise agree; the number of clusters is the fewest possible."""
    items = [(b, c) for c in members for b in [_bounds(c, t)] if not math.isnan(b[0])]
    items.sort(key=lambda x: (x[0][1], x[0][0], x[1].source, x[1].id))
    clusters: list[list[Claim]] = []
    stab = None
    for (lo, hi, _), c in items:
        if stab is not None and lo <= stab:
            clusters[-1].append(c)
        else:
            stab = hi
            clusters.append([c])
    return [sorted(cl, key=lambda x: (x.source, x.start, x.id)) for cl in clusters]


def _median_point(cluster: list[Claim], t: CompareThresholds) -> float:
    points = sorted(_bounds(c, t)[2] for c in cluster)
    return points[len(points) // 2]


def _group_id(kind: str, key: tuple, scope: frozenset[str], label: str, used: set[str]) -> str:
    raw = "\x1f".join([kind, " ".join(key), "|".join(sorted(scope)), label])
    fid = "f-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:10]
    n, base = 1, fid
    while fid in used:
        n += 1
        fid = f"{base}-{n}"
    used.add(fid)
    return fid


def _describe_cluster(cluster: list[Claim], t: CompareThresholds) -> str:
    middle = _median_point(cluster, t)
    rep = min(cluster, key=lambda c: abs(_bounds(c, t)[2] - middle))
    n = len({c.source for c in cluster})
    return f"{n} source{'s' if n != 1 else ''} report {format_value(rep)}"


def _cluster_findings(clusters, scope: frozenset[str], t: CompareThresholds, canon, used: set[str]) -> list[Finding]:
    first = clusters[0][0]
    key = _subject_of(first, canon)
    scope_t = tuple(sorted(scope))
    where = f"same scope ({', '.join(scope_t)})" if scope_t else "no place named"
    what = "event" if first.kind is Kind.DATE else "measure"
    head = f"same {what} ({first.subject})" + (f", same period ({first.period})" if first.period else "") + f", {where}"
    common = dict(kind=first.kind.value, subject=first.subject, scope=scope_t,
                  period=first.period if first.kind is Kind.QUANTITY else None)
    out: list[Finding] = []
    points = [_median_point(c, t) for c in clusters]
    for cluster, point in zip(clusters, points):
        if len({c.source for c in cluster}) > 1:
            fid = _group_id(first.kind.value, key, scope, f"agree:{point:.6g}", used)
            out.append(Finding(id=fid, verdict=Verdict.AGREEMENT, claims=tuple(cluster),
                               explanation=f"{head}: {_describe_cluster(cluster, t)}, all within each other's tolerance.",
                               **common))
    order = sorted(range(len(clusters)), key=lambda i: points[i])
    pairs = list(zip(order, order[1:]))
    if len(order) > 2:
        pairs.append((order[0], order[-1]))
    for i, j in pairs:
        a, b = clusters[i], clusters[j]
        pa, pb = points[i], points[j]
        diff = abs(pa - pb)
        base = min(abs(pa), abs(pb))
        rel = diff / base if base else None
        fid = _group_id(first.kind.value, key, scope, f"split:{pa:.6g}:{pb:.6g}", used)
        tol = max((interval(c, t).tolerance for c in (*a, *b)), default=0.0) if first.kind is Kind.QUANTITY else None
        gap = f"differ by {rel:.1%}" if rel is not None and first.kind is Kind.QUANTITY else f"differ by {diff:.0f} days"
        out.append(Finding(
            id=fid, verdict=Verdict.CONTRADICTION, claims=(*a, *b), split=len(a),
            explanation=f"{head}: {_describe_cluster(a, t)}, {_describe_cluster(b, t)}; the groups {gap}, "
                        "beyond every claim's tolerance.",
            difference=diff, relative_difference=rel if first.kind is Kind.QUANTITY else None, tolerance=tol,
            **common,
        ))
    return out


def _verdict(a: Claim, b: Claim, scope: frozenset[str], t: CompareThresholds, fid: str) -> Finding | None:
    scope_t = tuple(sorted(scope))
    copies = is_copy(a, b, t)
    subject = a.subject if a.kind is not Kind.ROLE else a.subject
    where = f"same scope ({', '.join(scope_t)})" if scope_t else "no place named"
    common = dict(id=fid, kind=a.kind.value, subject=subject, scope=scope_t, claims=(a, b), copies=copies)
    copy_note = " The two quotes are near-verbatim copies: one origin, not independent confirmation." if copies else ""
    if a.kind is Kind.QUANTITY:
        ia, ib = interval(a, t), interval(b, t)
        pa, pb = _point(a), _point(b)
        diff = abs(pa - pb)
        base = min(abs(pa), abs(pb))
        rel = diff / base if base else (0.0 if diff == 0 else math.inf)
        tol = max(ia.tolerance, ib.tolerance)
        why = ia.why if ia.tolerance >= ib.tolerance else ib.why
        head = f"same measure ({subject}), same period ({a.period}), {where}: {format_value(a)} vs {format_value(b)}"
        agree = ia.lo <= ib.hi and ib.lo <= ia.hi
        if agree:
            text = f"{head} agree within {why}."
        else:
            text = f"{head} differ by {rel:.1%}, beyond {why if (ia.tolerance or ib.tolerance) else 'the stated bounds'}."
        return Finding(
            verdict=Verdict.AGREEMENT if agree else Verdict.CONTRADICTION, period=a.period,
            explanation=text + copy_note, difference=diff, relative_difference=None if math.isinf(rel) else rel,
            tolerance=tol, **common,
        )
    if a.kind is Kind.DATE:
        ba, bb = date_bounds(str(a.value)), date_bounds(str(b.value))
        if ba is None or bb is None:
            return None
        agree = ba[0] <= bb[1] and bb[0] <= ba[1]
        head = f"same event ({subject}), {where}: {a.value} vs {b.value}"
        text = f"{head} agree at the coarser precision." if agree else f"{head} are different dates."
        days = None if agree else float(min(abs((ba[0] - bb[1]).days), abs((bb[0] - ba[1]).days)))
        return Finding(verdict=Verdict.AGREEMENT if agree else Verdict.CONTRADICTION, period=None,
                       explanation=text + copy_note, difference=days, **common)
    if a.kind is Kind.ROLE:
        wa, wb = set((a.normalized or "").split()), set((b.normalized or "").split())
        agree = wa <= wb or wb <= wa
        head = f"same person ({subject}), {where}: '{a.value}' vs '{b.value}'"
        text = f"{head} are compatible titles." if agree else f"{head} are different titles."
        return Finding(verdict=Verdict.AGREEMENT if agree else Verdict.CONTRADICTION, period=None,
                       explanation=text + copy_note, **common)
    return None


# ------------------------------------------------------------------ naming


def naming_findings(entities: Sequence, sources: Mapping[str, str] | None = None) -> list[Finding]:
    """One finding per entity spelled differently across sources, when the
    link stage joined the spellings on its transliteration or fuzzy rung (not a
    title, a surname or an acronym, which are not spelling differences).

    Reads the decisions the link stage stored on each entity (rung, score,
    reason); it never re-runs the matcher, so custom link thresholds are
    honoured."""
    from .link import name_key

    out = []
    for e in entities:
        firsts: dict[str, list] = defaultdict(list)  # key -> first mention per source
        for m in e.mentions:
            key = name_key(m.text)
            if key and all(x.source != m.source for x in firsts[key]):
                firsts[key].append(m)
        keep: dict[str, object] = {}
        reasons = []
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
