"""The compare stage: align claims across sources and give verdicts.

Alignment works the way record-linkage systems such as splink do it:

1. **Blocking** (:func:`blocks`): claims of different sources become
   candidates only when they share a dimension (money, count, age, length,
   date, ...) and at least one of: the entity cluster the figure is *about*,
   a word of their normalised *measure*, or (for small corpora or topic
   folders) the topic itself. Never all pairs.
2. **The ladder** (:data:`LADDER`): every candidate pair is scored feature by
   feature (anchor entity, measure, time, stance, scope, value); each feature
   lands on one level, each level has a weight (in
   :class:`~claimcheck.thresholds.AlignWeights`) and a one-line description.
   The match score is the sum; a pair is aligned at or above the threshold.
3. **One-to-one**: each claim aligns with at most its best partner in each
   other source, so four ages in one sentence do not meet every age elsewhere.
4. **Verdicts** within a dimension, after conversion to canonical units:
   within tolerance → agreement; outside → contradiction (kind ``quantity``,
   ``date`` or ``time``); the same figure in two currencies → kind
   ``currency``; the same digits 1000× apart → kind ``scale``. Other
   currency pairs are not compared (no exchange rates).

Every finding's explanation lists the levels that aligned it. Modules: :mod:`.keys` (measures, dimensions),
:mod:`.values` (tolerances,
dates, times), :mod:`.frames`, :mod:`.ladder` (levels and blocking),
:mod:`.roles`, :mod:`.groups` (many sources on one measure), :mod:`.naming`.
Pure: no spaCy, no printing.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ..records import Claim, Finding, FindingKind, Kind, Verdict
from ..thresholds import DEFAULT, CompareThresholds
from .findings import evidence_hash, finding_id, is_copy, scopes_compatible, unique_id
from .frames import EntityIndex, Frame, frames
from .groups import _grouped
from ..vocab.measures import GENERIC_WORDS, PAGE_STAMP_WORDS, RELATED, STATEMENT_WORDS, SYNONYMS
from ..vocab.units import UNIT_DIMENSIONS
from .keys import (
    canonical_values,
    dimension_of,
    known_measures,
    measure_key,
    subject_key,
    unit_key,
)
from .ladder import LADDER, Comparison, Level, _Context, blocks, candidate_pairs, describe, score, ValueCounts
from .naming import canonical_names, naming_findings
from .roles import _roles, titles_compatible
from ..vocab.titles import TITLE_SYNONYMS
from .values import (
    Interval,
    _canon_point,
    _clock_gap,
    clock_minutes,
    date_bounds,
    frame_interval,
    format_value,
    interval,
    relation,
    rounding_step,
)
from .values import _num

__all__ = [
    "LADDER", "CompareResult", "Comparison", "EntityIndex", "Frame", "Interval", "Level", "Scored", "align",
    "blocks", "candidate_pairs", "canonical_names", "compare", "date_bounds", "evidence_hash", "finding_id",
    "format_value", "frames", "interval", "is_copy", "naming_findings", "rounding_step", "scopes_compatible",
    "subject_key", "titles_compatible", "dimension_of", "measure_key", "unit_key", "known_measures",
    "canonical_values", "SYNONYMS", "RELATED", "GENERIC_WORDS", "UNIT_DIMENSIONS", "TITLE_SYNONYMS",
]


# ------------------------------------------------------------------ results


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate pair and its ladder levels."""

    a: Claim
    b: Claim
    score: float
    levels: tuple[Level, ...]

    @property
    def blocker(self) -> Level:
        """The level that weighed most against the pair."""
        return min(self.levels, key=lambda lv: lv.weight)


@dataclass(frozen=True, slots=True)
class CompareResult:
    """Everything the compare stage decided."""

    findings: tuple[Finding, ...]
    candidates: int  # candidate pairs scored (blocking's cost)
    aligned: int  # pairs at or above the threshold, after one-to-one
    near_misses: tuple[Scored, ...] = ()
    not_compared: tuple[Scored, ...] = ()  # aligned, but in currencies with no conversion


def compare(
    claims: Sequence[Claim],
    canonical: Mapping[str, str] | None = None,
    thresholds: CompareThresholds = DEFAULT.compare,
    entities: Sequence[Any] = (),
    sources: Mapping[str, Any] | None = None,
) -> list[Finding]:
    """All agreements and contradictions between claims of different sources
    (see :func:`align` for everything the stage decided)."""
    return list(align(claims, canonical, thresholds, entities, sources).findings)


def align(
    claims: Sequence[Claim],
    canonical: Mapping[str, str] | None = None,
    thresholds: CompareThresholds = DEFAULT.compare,
    entities: Sequence[Any] = (),
    sources: Mapping[str, Any] | None = None,
) -> CompareResult:
    """Block, score on the ladder, align one-to-one, give verdicts.

    ``canonical`` maps a name as written to its entity's display name;
    ``entities`` are the link stage's clusters (for the ``about`` entity and
    the entities each sentence names); ``sources`` maps a source id to its
    :class:`~claimcheck.records.Source` (topic folder, publication date).
    """
    t = thresholds
    canon = dict(canonical or {})
    index = EntityIndex(entities, canon)
    periods = _figure_periods(claims)
    fr = frames([c for c in claims if c.kind is not Kind.ROLE and not _is_figure_period(c, periods)
                 and not _is_page_stamp(c)], index, canon, sources)
    ctx = _Context(t.weights, t, _rarity(fr), {e.id: e.name for e in entities}, value_counts=ValueCounts(fr))
    pairs, big = candidate_pairs(fr, t)
    scored = []
    for i, j in sorted(pairs):
        s, chosen = score(fr[i], fr[j], ctx)
        scored.append((s, i, j, chosen))
    # best first; among equals, a hand-added claim (an analyst's own figure) before an extracted one
    # (the order never depends on the order of the input: ties go by the claim ids, smaller first)
    scored.sort(key=lambda x: (-x[0], -((fr[x[1]].claim.origin == "manual") + (fr[x[2]].claim.origin == "manual")),
                               *sorted((fr[x[1]].claim.id, fr[x[2]].claim.id))))
    taken: set[tuple[str, str]] = set()  # (claim id, other source): one partner per other source
    used: set[str] = set()
    findings: list[Finding] = []
    near: list[Scored] = []
    skipped: list[Scored] = []
    aligned = 0
    w = t.weights
    for s, i, j, picked in scored:
        a, b = fr[i], fr[j]
        if s < w.threshold:
            if s >= w.threshold - w.near_margin:
                near.append(Scored(a.claim, b.claim, s, describe(a, b, picked, ctx)))
            continue
        if (a.claim.id, b.claim.source) in taken or (b.claim.id, a.claim.source) in taken:
            continue
        levels = describe(a, b, picked, ctx)
        taken.add((a.claim.id, b.claim.source))
        taken.add((b.claim.id, a.claim.source))
        aligned += 1
        f = _verdict(a, b, s, levels, t, canon, used, ctx.intervals)
        if f is None:
            skipped.append(Scored(a.claim, b.claim, s, levels))
        else:
            findings.append(f)
    findings = _one_per_repeat(findings, fr)
    for group in big:
        findings.extend(_grouped([fr[i].claim for i in group], t, canon, used))
    findings.extend(_roles([c for c in claims if c.kind is Kind.ROLE], t, canon, used))
    findings.sort(key=lambda f: (f.verdict.value, f.kind.value, f.subject or "", f.id))
    near.sort(key=lambda x: (-x.score, x.a.id, x.b.id))
    return CompareResult(tuple(findings), len(pairs), aligned, tuple(near), tuple(skipped))


def _one_per_repeat(findings: list[Finding], fr: Sequence[Frame]) -> list[Finding]:
    """A source that states one figure twice (a headline and its story) has
    one finding with another source's figure, not two. Findings with the
    same verdict on the same two figures in the same two sources are one:
    the best-scored pair is kept (``findings`` come best first), and each
    side lists every sentence of its source that states that figure of that
    measure (``claims[:split]`` and ``claims[split:]``)."""
    in_findings = {c.id for f in findings if len(f.claims) == 2 for c in f.claims}
    frame_of = {x.claim.id: x for x in fr if x.claim.id in in_findings}
    wanted = {_statement(x.claim, x.dimension, x.measure) for x in frame_of.values()}
    quick = {(k[0], k[3]) for k in wanted}  # (source, value): a cheap first test
    stated: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
    for x in fr:  # one pass; only the statements a finding rests on are kept
        c = x.claim
        if (c.source, str(c.canonical if c.canonical is not None else c.value)) not in quick:
            continue
        key = _statement(c, x.dimension, x.measure)
        if key in wanted:
            stated[key].append(c)
    out: list[Finding] = []
    seen: set[tuple[object, ...]] = set()
    for f in findings:
        if len(f.claims) != 2 or f.claims[0].id not in frame_of or f.claims[1].id not in frame_of:
            out.append(f)
            continue
        statements = [_statement(c, frame_of[c.id].dimension, frame_of[c.id].measure) for c in f.claims]
        key = (f.verdict, f.kind, frozenset(statements))
        if key in seen:
            continue  # the same two statements, met again through a repeat of one of them
        seen.add(key)
        sides = [[c, *sorted((x for x in stated[st] if x.id != c.id), key=lambda x: (x.start, x.id))]
                 for c, st in zip(f.claims, statements)]
        if len(sides[0]) + len(sides[1]) == 2:
            out.append(f)
            continue
        n = len(sides[0]) + len(sides[1]) - 2
        more = "once more" if n == 1 else f"{n} more times"
        out.append(replace(f, claims=(*sides[0], *sides[1]), split=len(sides[0]),
                           explanation=f"{f.explanation} The same figures are stated {more} in these sources."))
    return out


def _statement(c: Claim, dimension: str | None, measure: tuple[str, ...] | None) -> tuple[object, ...]:
    """What makes two claims of a source one statement repeated: the source,
    the figure in its canonical unit, the period it is given for (a day an
    event is dated does not count: the headline seldom repeats it), and
    (when given) dimension and measure."""
    value = c.canonical if c.canonical is not None else c.value
    period = c.period if c.period and not _is_day(c.period) else None
    return (c.source, c.kind, c.canonical_unit or c.unit, str(value), c.value_max, period, dimension, measure)


def _is_page_stamp(c: Claim) -> bool:
    """A date or clock time that dates the reporting, not an event, so never
    compared: the page's own stamp ("Updated 09:56"), the stamp of a post
    embedded in it ("— Name (@handle) May 2, 2016"), a statement ("police
    said Thursday")."""
    if c.kind not in (Kind.DATE, Kind.TIME):
        return False
    subject = set((c.subject or "").casefold().split())
    words = set((c.measure or "").casefold().split()) | subject
    if words & PAGE_STAMP_WORDS or subject & STATEMENT_WORDS:
        return True
    before = c.quote[max(0, c.surface_start - c.start - 40) : max(0, c.surface_start - c.start)]
    return _EMBEDDED_POST.search(before) is not None


#: the signature of an embedded social-media post, just before its date
_EMBEDDED_POST = re.compile(r"\(@\w+\)\s*$")


def _figure_periods(claims: Sequence[Claim]) -> set[tuple[str, int, str]]:
    """(source, sentence start, period) of every figure whose period is
    coarser than a day (a year, a month, a quarter)."""
    return {(c.source, c.start, c.period) for c in claims
            if c.kind is Kind.QUANTITY and c.period and not _is_day(c.period)}


@lru_cache(maxsize=1 << 14)
def _is_day(value: str) -> bool:
    bounds = date_bounds(value)
    return bounds is not None and bounds[0] == bounds[1]


def _is_figure_period(c: Claim, periods: set[tuple[str, int, str]]) -> bool:
    """A date that is only the period of a figure in its sentence ("In 2024,
    trade reached $580 million"): the figure's claim carries it; it dates no
    event of its own and is not compared as one. A day is different: "four
    were shot on Sunday" dates the shooting, and stays a date claim."""
    return c.kind is Kind.DATE and (c.source, c.start, str(c.value)) in periods


def _rarity(fr: Sequence[Frame]) -> dict[str, float]:
    """How rare each entity is among the claims' sentences, in [0, 1]: named
    by one claim → 1, by every claim → 0 (log scale)."""
    n = len(fr)
    if n < 2:
        return {}
    df = Counter(e for f in fr for e in f.entities)
    top = math.log(n)
    return {e: max(0.0, 1.0 - math.log(k) / top) for e, k in df.items()}


# ----------------------------------------------------------------- verdicts


def _later(a: Frame, b: Frame) -> tuple[str | None, str]:
    """(the later source's id, a sentence) when publication dates differ."""
    pa, pb = a.published, b.published
    if not pa or not pb or pa[:10] == pb[:10]:
        return None, ""
    (later, later_at), other_at = ((a, pa), pb) if pa > pb else ((b, pb), pa)
    return later.claim.source, (f" {later.claim.source} was published later ({later_at[:10]} vs "
                                f"{other_at[:10]}) and may be an update.")


def _why_aligned(levels: Sequence[Level]) -> str:
    shown = [lv.text for lv in levels if lv.feature in ("anchor", "measure", "time") and lv.name != "none"]
    shown += [lv.text for lv in levels if lv.feature in ("scope", "stance", "context") and lv.weight != 0]
    return ", ".join(shown)


def _verdict(a: Frame, b: Frame, s: float, levels: Sequence[Level], t: CompareThresholds,
             canon: Mapping[str, str], used: set[str], memo: dict[int, Interval] | None = None) -> Finding | None:
    ca, cb = a.claim, b.claim
    rel = relation(a, b, t, memo)
    if ca.kind is Kind.QUANTITY and a.unit != b.unit and rel != "currency":
        return None  # different currencies or units: no conversion, not compared
    fid = unique_id(finding_id(ca, cb, canon), used)
    copies = is_copy(ca, cb, t)
    copy_note = " The two quotes are near-verbatim copies: one origin, not independent confirmation." if copies else ""
    later, later_note = _later(a, b)
    head = f"{_why_aligned(levels)}: {format_value(ca)} vs {format_value(cb)}"
    measure = " ".join(a.measure or b.measure) or None
    common: dict[str, Any] = dict(
        id=fid, subject=ca.subject or cb.subject, scope=tuple(sorted(a.scope | b.scope)),
        claims=(ca, cb), copies=copies, measure=measure, later_source=later, score=round(s, 3),
        levels=tuple(f"{lv.feature}:{lv.name}" for lv in levels),
    )
    agree = rel == "within"
    if ca.kind is Kind.QUANTITY:
        if rel == "currency":
            text = f"{head}: the same figure in two currencies ({ca.unit} / {cb.unit}), at least one is wrong."
            return Finding(verdict=Verdict.CONTRADICTION, kind=FindingKind.CURRENCY, period=ca.period or cb.period,
                           explanation=text + later_note + copy_note, **common)
        ia, ib = frame_interval(a, t, memo), frame_interval(b, t, memo)
        pa, pb = _canon_point(ca), _canon_point(cb)
        diff = abs(pa - pb)
        lo = min(abs(pa), abs(pb))
        relv = diff / lo if lo else (0.0 if diff == 0 else math.inf)
        tol = max(ia.tolerance, ib.tolerance)
        why = ia.why if ia.tolerance >= ib.tolerance else ib.why
        if agree:
            text = f"{head} agree within {why}."
            kind = FindingKind.QUANTITY
        elif rel == "scale":
            text = f"{head}: the same digits {round(max(abs(pa), abs(pb)) / lo):,}x apart (a unit or scale slip)."
            kind = FindingKind.SCALE
        else:
            text = f"{head} differ by {_num(diff)}{_unit_suffix(ca)} ({relv:.1%}), beyond " \
                   f"{why if (ia.tolerance or ib.tolerance) else 'the stated bounds'}."
            kind = FindingKind.QUANTITY
        return Finding(
            verdict=Verdict.AGREEMENT if agree else Verdict.CONTRADICTION, kind=kind,
            period=ca.period or cb.period, explanation=text + later_note + copy_note, difference=diff,
            relative_difference=None if math.isinf(relv) else relv, tolerance=tol, **common,
        )
    if ca.kind is Kind.DATE:
        ba, bb = date_bounds(str(ca.value)), date_bounds(str(cb.value))
        if ba is None or bb is None:
            return None
        days = None if agree else float(min(abs((ba[0] - bb[1]).days), abs((bb[0] - ba[1]).days)))
        text = f"{head} are {days:.0f} days apart." if not agree else (
            f"{head} agree at the coarser precision." if ba[0] <= bb[1] and bb[0] <= ba[1]
            else f"{head} agree within a day (a relative date, resolved against the publication date).")
        return Finding(verdict=Verdict.AGREEMENT if agree else Verdict.CONTRADICTION, kind=FindingKind.DATE,
                       period=None, explanation=text + later_note + copy_note, difference=days, **common)
    if ca.kind is Kind.TIME:
        ma, mb = clock_minutes(ca.value), clock_minutes(cb.value)
        if ma is None or mb is None:
            return None
        gap = float(_clock_gap(ma, mb))
        text = f"{head} agree within the stated precision." if agree else f"{head} are {gap:.0f} minutes apart."
        return Finding(verdict=Verdict.AGREEMENT if agree else Verdict.CONTRADICTION, kind=FindingKind.TIME,
                       period=None, explanation=text + later_note + copy_note, difference=None if agree else gap,
                       **common)
    return None


def _unit_suffix(c: Claim) -> str:
    unit = c.canonical_unit or c.unit
    if not unit or unit in ("count", "percent"):
        return "%" if unit == "percent" else ""
    return f" {unit}"
