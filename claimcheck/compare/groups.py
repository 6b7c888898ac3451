"""Many sources on one measure: clusters of agreeing claims instead of
pairs (an interval-stabbing sweep, O(n log n))."""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Mapping

from ..records import Claim, Finding, FindingKind, Kind, Verdict
from ..thresholds import CompareThresholds
from .findings import _scope, _subject_of, unique_id
from .values import _canon_point, _tolerance_interval, date_bounds, format_value, interval


# ------------------------------------------------------------ large groups


def _bounds(c: Claim, t: CompareThresholds) -> tuple[float, float, float]:
    """(lo, hi, point) of a claim on one numeric axis (dates as day ordinals)."""
    if c.kind is Kind.DATE:
        b = date_bounds(str(c.value))
        if b is None:
            return math.nan, math.nan, math.nan
        lo, hi = float(b[0].toordinal()), float(b[1].toordinal())
        return lo, hi, (lo + hi) / 2
    iv = _tolerance_interval(c, t)
    return iv.lo, iv.hi, _canon_point(c)


def _grouped(group: list[Claim], t: CompareThresholds, canon: Mapping[str, str], used: set[str]) -> list[Finding]:
    """Many sources on one measure: partition by scope, then cluster each
    partition into sets of mutually agreeing claims (an interval-stabbing
    sweep, O(n log n)) and report one agreement per cluster and one
    contradiction between each pair of neighbouring clusters (and the two
    extremes)."""
    parts: dict[frozenset[str], list[Claim]] = defaultdict(list)
    for c in group:
        parts[_scope(c, canon)].append(c)
    out: list[Finding] = []
    for scope, members in sorted(parts.items(), key=lambda kv: sorted(kv[0])):
        if len({c.source for c in members}) < 2:
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


def _group_id(kind: str, key: tuple[str, ...], scope: frozenset[str], label: str, used: set[str]) -> str:
    raw = "\x1f".join([kind, " ".join(key), "|".join(sorted(scope)), label])
    return unique_id("f-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:10], used)


def _describe_cluster(cluster: list[Claim], t: CompareThresholds) -> str:
    middle = _median_point(cluster, t)
    rep = min(cluster, key=lambda c: abs(_bounds(c, t)[2] - middle))
    n = len({c.source for c in cluster})
    return f"{n} source{'s' if n != 1 else ''} report {format_value(rep)}"


def _cluster_findings(clusters: list[list[Claim]], scope: frozenset[str], t: CompareThresholds,
                      canon: Mapping[str, str], used: set[str]) -> list[Finding]:
    first = clusters[0][0]
    key = _subject_of(first, canon)
    scope_t = tuple(sorted(scope))
    where = f"same scope ({', '.join(scope_t)})" if scope_t else "no place named"
    what = "event" if first.kind is Kind.DATE else "measure"
    head = f"same {what} ({first.subject})" + (f", same period ({first.period})" if first.period else "") + f", {where}"
    kind = FindingKind(first.kind.value)
    period = first.period if first.kind is Kind.QUANTITY else None
    out: list[Finding] = []
    points = [_median_point(c, t) for c in clusters]
    for cluster, point in zip(clusters, points):
        if len({c.source for c in cluster}) > 1:
            fid = _group_id(first.kind.value, key, scope, f"agree:{point:.6g}", used)
            out.append(Finding(id=fid, verdict=Verdict.AGREEMENT, claims=tuple(cluster),
                               explanation=f"{head}: {_describe_cluster(cluster, t)}, "
                                           "all within each other's tolerance.",
                               kind=kind, subject=first.subject, scope=scope_t, period=period))
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
        gap = (f"differ by {rel:.1%}" if rel is not None and first.kind is Kind.QUANTITY
               else f"differ by {diff:.0f} days")
        out.append(Finding(
            id=fid, verdict=Verdict.CONTRADICTION, claims=(*a, *b), split=len(a),
            explanation=f"{head}: {_describe_cluster(a, t)}, {_describe_cluster(b, t)}; the groups {gap}, "
                        "beyond every claim's tolerance.",
            difference=diff, relative_difference=rel if first.kind is Kind.QUANTITY else None, tolerance=tol,
            kind=kind, subject=first.subject, scope=scope_t, period=period,
        ))
    return out
