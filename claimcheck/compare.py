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

Every finding's explanation lists the levels that aligned it. Pure: no
spaCy, no printing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from .records import Claim, Finding, Hedge, Kind, Stance, Variant, Verdict
from .thresholds import DEFAULT, AlignWeights, CompareThresholds

# ------------------------------------------------------------ measure keys

#: Words that say how a measure is reported, not what is measured.
GENERIC_WORDS = frozenset(
    """volume volumes total overall amount level levels figure figures value sum number size
    bilateral mutual two-way two way combined annual yearly current recent new the a an of in
    for to and on at by from with its their this that toll tally people person""".split()
)
#: Words that name one measure under different names (mapped to one word).
SYNONYMS = {
    # direction of change: "growth", "rise" and "increase" are one thing
    "growth": "increase", "rise": "increase", "gain": "increase", "jump": "increase", "surge": "increase",
    "decline": "decrease", "drop": "decrease", "fall": "decrease", "reduction": "decrease",
    # casualties: "people killed", "death toll", "people reported dead" are one measure
    "dead": "killed", "died": "killed", "death": "killed", "fatality": "killed", "kill": "killed",
    "fatal": "killed", "slain": "killed", "murdered": "killed", "homicide": "killed",
    "injure": "injured", "hurt": "injured", "wounded": "injured", "injury": "injured", "wound": "injured",
    "wounding": "injured",
    # arrests
    "arrest": "arrested", "detained": "arrested", "custody": "arrested", "apprehended": "arrested",
    "captured": "arrested", "capture": "arrested", "detain": "arrested",
    # the suspect / shooter
    "gunman": "shooter", "assailant": "shooter", "attacker": "shooter",
    # trade
    "turnover": "trade", "commerce": "trade", "exchange": "trade",
    "exports": "export", "imports": "import",
    "railroad": "railway", "rail": "railway",
    "completed": "completion", "complete": "completion", "finish": "completion", "finished": "completion",
    "years-old": "age", "year-old": "age", "aged": "age", "old": "age",
}
#: Measures that are related but not the same: a pair lands on the
#: ``measure_related`` level (weak evidence), not on ``different``.
#: "four people were shot" is said of the wounded and of the killed.
RELATED = frozenset(
    frozenset(p) for p in (
        ("shot", "injured"), ("shot", "killed"), ("shot", "victim"), ("victim", "injured"),
        ("victim", "killed"), ("arrested", "charged"), ("arrested", "suspect"), ("charged", "suspect"),
        ("hospitalized", "injured"), ("treated", "injured"),
    )
)
#: Verbs that carry no event of their own ("X is", "X reached").
_LIGHT_VERBS = frozenset("is are was were be been being has have had reached reach amounted stood seems".split())
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=1 << 18)
def subject_key(subject: str | None) -> tuple[str, ...]:
    """A comparable form of a subject or measure: lower case, hyphen parts
    split, plural stripped, generic and light words dropped, synonyms mapped,
    sorted. "the total volume of mutual trade" and "bilateral trade turnover"
    are both ``("trade",)``."""
    if not subject:
        return ()
    words = set()
    for part in _NON_WORD.split(subject.casefold()):
        if not part:
            continue
        w = SYNONYMS.get(part, part)
        w = _stem(w)
        w = SYNONYMS.get(w, w)
        if w not in _DROP:
            words.add(w)
    return tuple(sorted(words))


_NON_WORD = re.compile(r"[\W_]+")
_DROP = GENERIC_WORDS | _LIGHT_VERBS | {""}


# ---------------------------------------------------------------- the frame

#: Dimension of a unit, for claims whose extraction gave none (older ledgers,
#: hand-added claims). An ISO 4217 code is money; a counted noun is a count.
UNIT_DIMENSIONS = {
    "percent": "percent", "percentage_point": "percentage_point",
    "km": "length", "m": "length", "metre": "length", "mile": "length", "cm": "length", "foot": "length",
    "hectare": "area", "square_km": "area", "square_metre": "area", "acre": "area",
    "tonne": "mass", "kg": "mass", "ton": "mass", "pound": "mass",
    "cubic_metre": "volume", "litre": "volume", "barrel": "volume", "bcm": "volume",
    "W": "power", "kW": "power", "MW": "power", "GW": "power",
    "Wh": "energy", "kWh": "energy", "MWh": "energy", "GWh": "energy", "TWh": "energy",
    "second": "time", "minute": "time", "hour": "time", "day": "time", "week": "time", "month": "time",
    "year": "time",
}
_CURRENCY = re.compile(r"[A-Z]{3}")


def dimension_of(c: Claim) -> str:
    """The dimension two claims must share to be compared: the extraction's
    ``dimension`` when it gave one, else one read off the unit; dates, clock
    times and roles are their own dimension."""
    if c.kind is not Kind.QUANTITY:
        return c.kind.value
    if c.dimension:
        return c.dimension
    unit = c.unit or ""
    if unit in UNIT_DIMENSIONS:
        return UNIT_DIMENSIONS[unit]
    if _CURRENCY.fullmatch(unit):
        return "money"
    return "count"


def unit_key(c: Claim) -> str:
    """Claims with one unit key compare values directly: the canonical unit
    when extraction converted the value (``meter``, ``USD``), else the unit as
    written; every count is a count whatever noun it counts."""
    if c.canonical_unit:
        return c.canonical_unit
    if dimension_of(c) in ("count", "age"):
        return dimension_of(c)
    return c.unit or ""


def canonical_values(c: Claim) -> tuple[float, float | None]:
    """(value, top of a range) in the claim's canonical unit."""
    if c.canonical is not None:
        return c.canonical, c.canonical_max
    return float(c.value), c.value_max  # type: ignore[arg-type]


def measure_key(c: Claim) -> tuple[str, ...]:
    """What is measured, as comparable words: the extraction's ``measure``
    when it read one from the text, else the subject from the parse; empty
    when neither is known (a measure derived from the unit alone is not
    evidence that two figures measure the same thing)."""
    if c.measure and not c.measure_derived:
        return subject_key(c.measure)
    if c.kind is Kind.QUANTITY and c.measure_derived:
        return ()
    return subject_key(c.subject)


# ------------------------------------------------------------------ values


@dataclass(frozen=True, slots=True)
class Interval:
    lo: float
    hi: float
    tolerance: float  # relative tolerance that produced it
    why: str  # "±5% for 'around'"


def rounding_step(v: float) -> float:
    """The step a figure was rounded to, read off its digits: 580 million →
    10 million, 120 → 10, 1.25 → 0.01, 7 → 1."""
    if not math.isfinite(v) or v == 0:
        return 0.0
    text = f"{abs(v):.12g}"
    exp = 0
    if "e" in text:
        text, e = text.split("e")
        exp = int(e)
    if "." in text:
        return 10.0 ** (exp - len(text.split(".")[1]))
    return 10.0 ** (exp + len(text) - len(text.rstrip("0")))


def interval(c: Claim, t: CompareThresholds, value: float | None = None, value_max: float | None = None) -> Interval:
    """The values a claim allows: an exact figure ±``t.exact`` (rounding);
    "around X" ± half its rounding step ("about 120" is 115-125), at least
    ``t.approx`` and at most ``t.approx_max``; "more than X" is [X, ∞); a
    range is itself. ``value``/``value_max`` replace the claim's own (its
    canonical values)."""
    raw = float(c.value)  # type: ignore[arg-type]
    v = raw if value is None else value
    vmax = c.value_max if value is None else value_max
    hedge = c.hedge or Hedge.EXACT
    if hedge is Hedge.RANGE and vmax is not None:
        return Interval(min(v, vmax), max(v, vmax), 0.0, "a range")
    if hedge in (Hedge.MORE_THAN, Hedge.AT_LEAST):
        return Interval(v, math.inf, 0.0, "'more than' (any larger value agrees)")
    if hedge in (Hedge.LESS_THAN, Hedge.AT_MOST):
        return Interval(-math.inf, v, 0.0, "'less than' (any smaller value agrees)")
    if hedge is Hedge.APPROX:
        half_step = rounding_step(raw) / 2 / abs(raw) if raw else 0.0
        tol = min(max(t.approx, half_step), t.approx_max)
        why = f"±{tol:.1%} for 'around' (rounded to {_num(rounding_step(raw))})"
    else:
        tol = t.exact
        why = f"±{tol:.1%} for rounding"
    span = abs(v) * tol
    return Interval(v - span, v + span, tol, why)


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


@lru_cache(maxsize=1 << 14)
def _fold(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def is_copy(a: Claim, b: Claim, t: CompareThresholds) -> bool:
    """Near-verbatim quotes in two sources: syndicated copy, one origin."""
    return fuzz.ratio(_fold(a.quote), _fold(b.quote)) >= t.syndicated_quote




def _subject_of(c: Claim, canon: Mapping[str, str]) -> tuple[str, ...]:
    if c.kind is Kind.ROLE:
        return (canon.get(c.subject or "", c.subject or "").casefold(),)
    return measure_key(c)


def _scope(c: Claim, canon: Mapping[str, str]) -> frozenset[str]:
    return frozenset(canon.get(s, s) for s in c.scope)


def scopes_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Same places, or one claim's places within the other's. Unknown scope
    (empty) only meets unknown scope."""
    if not a or not b:
        return a == b
    return a <= b or b <= a




# ------------------------------------------------------------ claim frames


@dataclass(frozen=True, slots=True)
class Frame:
    """What the ladder compares of one claim, computed once."""

    claim: Claim
    dimension: str
    measure: tuple[str, ...]
    unit: str
    about: str | None  # entity cluster id (or folded name) the figure is about
    about_name: str | None
    entities: frozenset[str]  # entity clusters named in the claim's sentence
    period: tuple[dt.date, dt.date] | None
    stance: Stance
    scope: frozenset[str]
    topic: str  # the source's folder
    published: str | None


class EntityIndex:
    """Where the link stage's clusters stand in each source: answers "which
    cluster is the mention at these offsets" and "which clusters does this
    sentence name", and how common each cluster is across claims."""

    def __init__(self, entities: Sequence[Any] = (), canonical: Mapping[str, str] | None = None):
        self.by_source: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
        for e in entities:
            for m in e.mentions:
                self.by_source[m.source].append((m.start, m.end, e.id, e.name))
        for spans in self.by_source.values():
            spans.sort()
        self.canonical = dict(canonical or {})

    def within(self, source: str, start: int, end: int) -> list[tuple[str, str]]:
        """(cluster id, name) of the mentions inside [start, end)."""
        import bisect

        spans = self.by_source.get(source, ())
        i = bisect.bisect_left(spans, (start, -1, "", ""))
        out = []
        while i < len(spans) and spans[i][0] < end:
            if spans[i][1] <= end:
                out.append((spans[i][2], spans[i][3]))
            i += 1
        return out

    def about(self, c: Claim) -> tuple[str | None, str | None]:
        """(cluster id, display name) of the entity the claim is about."""
        if not c.about:
            return None, None
        if c.about_start is not None and c.about_end is not None:
            for start, end, eid, name in self.by_source.get(c.source, ()):
                if start < c.about_end and c.about_start < end:
                    return eid, name
        name = self.canonical.get(c.about, c.about)
        from .link import name_key

        key = name_key(name)
        return (f"name:{key}", name) if key else (None, None)


def _date_bounds_or_none(value: str | None) -> tuple[dt.date, dt.date] | None:
    return date_bounds(value) if value else None


def frames(claims: Sequence[Claim], index: EntityIndex, canon: Mapping[str, str],
           sources: Mapping[str, Any] | None = None) -> list[Frame]:
    """One :class:`Frame` per claim (linear; per-source facts computed once)."""
    out = []
    sources = sources or {}
    per_source: dict[str, tuple[str, str | None]] = {}
    empty: frozenset[str] = frozenset()
    periods: dict[str, tuple[dt.date, dt.date] | None] = {}
    for c in claims:
        about, about_name = index.about(c) if c.about else (None, None)
        if c.source not in per_source:
            src = sources.get(c.source)
            path = str(getattr(src, "path", "") or "")
            per_source[c.source] = (path.rsplit("/", 1)[0] if "/" in path else "", getattr(src, "published", None))
        topic, published = per_source[c.source]
        if c.period is not None and c.period not in periods:
            periods[c.period] = date_bounds(c.period)
        ents = frozenset(eid for eid, _ in index.within(c.source, c.start, c.end)) if index.by_source else empty
        out.append(Frame(
            claim=c, dimension=dimension_of(c), measure=measure_key(c), unit=unit_key(c),
            about=about, about_name=about_name, entities=ents,
            period=periods[c.period] if c.period is not None else None, stance=c.stance or Stance.ACTUAL,
            scope=_scope(c, canon) if canon else frozenset(c.scope), topic=topic, published=published,
        ))
    return out


# ---------------------------------------------------------------- the ladder


@dataclass(frozen=True, slots=True)
class Level:
    """Where one feature of a pair landed: the level's name, its weight and a
    description a person can check ("same person (Rico Doyle)")."""

    feature: str
    name: str
    weight: float
    text: str


@dataclass(frozen=True, slots=True)
class Comparison:
    """One feature of the ladder: its levels (name → what it means), the test
    that picks the level of a pair with its weight, and the sentence that
    describes the pair at that level (built only for pairs that are shown)."""

    feature: str
    description: str
    levels: Mapping[str, str]
    test: Callable[[Frame, Frame, "_Context"], tuple[str, float]]
    text: Callable[[str, Frame, Frame, "_Context"], str]


@dataclass(slots=True)
class _Context:
    w: AlignWeights
    t: CompareThresholds
    rarity: Mapping[str, float]
    names: Mapping[str, str]


def _m(key: tuple[str, ...]) -> str:
    return " ".join(key)


def _anchor(a: Frame, b: Frame, ctx: _Context) -> tuple[str, float]:
    if a.about and b.about:
        return ("about_same", ctx.w.about_same) if a.about == b.about else ("about_different", ctx.w.about_different)
    r = _shared_rarity(a, b, ctx)[1]
    if r > 0:
        return "rare_entity", ctx.w.rare_entity * r
    return "none", 0.0


def _shared_rarity(a: Frame, b: Frame, ctx: _Context) -> tuple[str | None, float]:
    shared = a.entities & b.entities
    if not shared:
        return None, 0.0
    best = max(shared, key=lambda e: (ctx.rarity.get(e, 0.0), e))
    return best, ctx.rarity.get(best, 0.0)


def _anchor_text(level: str, a: Frame, b: Frame, ctx: _Context) -> str:
    if level == "about_same":
        return f"same {'person' if _is_person(a.about or '') else 'entity'} ({a.about_name})"
    if level == "about_different":
        return f"about different entities ({a.about_name} / {b.about_name})"
    if level == "rare_entity":
        best, r = _shared_rarity(a, b, ctx)
        return f"both name {ctx.names.get(best or '', best)} (rarity {r:.2f})"
    return "no shared entity"


def _is_person(eid: str) -> bool:
    return eid.casefold().startswith(("person:", "name:"))


@lru_cache(maxsize=1 << 16)
def _measure_level(ma: tuple[str, ...], mb: tuple[str, ...], similarity: float) -> str:
    if not ma or not mb:
        return "unknown"
    if ma == mb:
        return "same"
    sa, sb = set(ma), set(mb)
    if sa & sb or fuzz.token_sort_ratio(_m(ma), _m(mb)) >= similarity:
        return "synonym"
    if any(frozenset((x, y)) in RELATED for x in sa for y in sb):
        return "related"
    return "different"


def _measure(a: Frame, b: Frame, ctx: _Context) -> tuple[str, float]:
    level = _measure_level(a.measure, b.measure, ctx.t.subject_similarity)
    return level, getattr(ctx.w, f"measure_{level}")


def _measure_text(level: str, a: Frame, b: Frame, ctx: _Context) -> str:
    return {
        "unknown": "measure unknown on one side",
        "same": f"same measure ({_m(a.measure)})",
        "synonym": f"alike measures ({_m(a.measure)} / {_m(b.measure)})",
        "related": f"related measures ({_m(a.measure)} / {_m(b.measure)})",
    }.get(level, f"different measures ({_m(a.measure)} / {_m(b.measure)})")


def _time(a: Frame, b: Frame, ctx: _Context) -> tuple[str, float]:
    pa, pb = a.period, b.period
    w = ctx.w
    if pa is None and pb is None:
        return "both_undated", w.time_both_undated
    if pa is None or pb is None:
        return "one_undated", w.time_one_undated
    if pa == pb:
        return "same", w.time_same
    if pa[0] <= pb[1] and pb[0] <= pa[1]:
        return "overlap", w.time_overlap
    return "different", w.time_different


def _time_text(level: str, a: Frame, b: Frame, ctx: _Context) -> str:
    return {
        "both_undated": "both undated", "one_undated": "one undated",
        "same": f"same period ({a.claim.period})",
        "overlap": f"overlapping periods ({a.claim.period} / {b.claim.period})",
    }.get(level, f"different periods ({a.claim.period} / {b.claim.period})")


def _stance(a: Frame, b: Frame, ctx: _Context) -> tuple[str, float]:
    return ("same", ctx.w.stance_same) if a.stance is b.stance else ("mixed", ctx.w.stance_mixed)


def _stance_text(level: str, a: Frame, b: Frame, ctx: _Context) -> str:
    return f"both {a.stance.value}" if level == "same" else f"{a.stance.value} vs {b.stance.value}"


def _scope_level(a: Frame, b: Frame, ctx: _Context) -> tuple[str, float]:
    if not a.scope or not b.scope or a.scope == b.scope or scopes_compatible(a.scope, b.scope):
        return "compatible", ctx.w.scope_compatible
    return "different", ctx.w.scope_different


def _scope_text(level: str, a: Frame, b: Frame, ctx: _Context) -> str:
    if level == "compatible":
        where = ", ".join(sorted(a.scope | b.scope))
        return f"same scope ({where})" if where else "no place named"
    return f"different places ({', '.join(sorted(a.scope))} / {', '.join(sorted(b.scope))})"


_VALUE_LEVEL = {"within": "within", "close": "close", "scale": "same_digits", "currency": "same_digits",
                "far": "far", "unknown": "unknown"}


def _value(a: Frame, b: Frame, ctx: _Context) -> tuple[str, float]:
    level = _VALUE_LEVEL[_relation(a, b, ctx.t)]
    return level, getattr(ctx.w, f"value_{level}")


def _value_text(level: str, a: Frame, b: Frame, ctx: _Context) -> str:
    return {
        "within": "values within tolerance", "close": "values within a factor two",
        "same_digits": "the same digits at another scale or in another currency", "far": "values far apart",
    }.get(level, f"values in {a.claim.unit} and {b.claim.unit} (no conversion)")


#: The ladder, as data: each feature, its levels and what they mean. The
#: weights are in :class:`~claimcheck.thresholds.AlignWeights` (named
#: ``<feature>_<level>``, except the anchor's, named by level).
LADDER: tuple[Comparison, ...] = (
    Comparison("anchor", "the entity the figures are about, or a rare entity both sentences name", {
        "about_same": "both figures are about one entity cluster",
        "about_different": "the figures are about two different entities",
        "rare_entity": "both sentences name an entity that few claims name (weighted by rarity)",
        "none": "no shared entity",
    }, _anchor, _anchor_text),
    Comparison("measure", "what is measured, normalised (synonyms mapped)", {
        "same": "the same measure", "synonym": "measures that share a word or are near-identical",
        "related": "related measures (shot / injured)", "unknown": "one side names no measure",
        "different": "different measures",
    }, _measure, _measure_text),
    Comparison("time", "the period each figure is given for", {
        "same": "the same period", "overlap": "overlapping periods", "both_undated": "neither has a period",
        "one_undated": "one has a period, the other not", "different": "disjoint periods (never compared)",
    }, _time, _time_text),
    Comparison("stance", "actual figure, target, forecast or plan", {
        "same": "the same stance", "mixed": "a target, forecast or plan against another stance",
    }, _stance, _stance_text),
    Comparison("scope", "the places each claim is about", {
        "compatible": "the same places, one within the other, or none named",
        "different": "different places",
    }, _scope_level, _scope_text),
    Comparison("value", "how far apart the values are", {
        "within": "within tolerance", "close": "within a factor two",
        "same_digits": "the same digits 1000x apart, or the same figure in two currencies",
        "far": "more than a factor two apart",
        "unknown": "units with no conversion (different currencies): not compared",
    }, _value, _value_text),
)


def score(a: Frame, b: Frame, ctx: _Context) -> tuple[float, tuple[tuple[str, float], ...]]:
    """The match score of a pair (the sum of its levels' weights) and the
    (level, weight) each feature of :data:`LADDER` landed on."""
    picked = tuple(cmp.test(a, b, ctx) for cmp in LADDER)
    return sum(w for _, w in picked), picked


def describe(a: Frame, b: Frame, picked: Sequence[tuple[str, float]], ctx: _Context) -> tuple[Level, ...]:
    """The levels of a scored pair, with their sentences."""
    return tuple(Level(cmp.feature, name, w, cmp.text(name, a, b, ctx)) for cmp, (name, w) in zip(LADDER, picked))


# -------------------------------------------------------------- the values


def _tolerance_interval(c: Claim, t: CompareThresholds) -> Interval:
    """The claim's value as an interval in canonical units (see :func:`interval`)."""
    v, vmax = canonical_values(c)
    return interval(c, t, v, vmax)


def _relation(a: Frame, b: Frame, t: CompareThresholds) -> str:
    """within | close | scale | currency | far | unknown, for two claims of one dimension."""
    ca, cb = a.claim, b.claim
    if ca.kind is Kind.DATE:
        ba, bb = date_bounds(str(ca.value)), date_bounds(str(cb.value))
        if ba is None or bb is None:
            return "far"
        if ba[0] <= bb[1] and bb[0] <= ba[1]:
            return "within"
        gap = min(abs((ba[0] - bb[1]).days), abs((bb[0] - ba[1]).days))
        return "close" if gap <= t.date_close_days else "far"
    if ca.kind is Kind.TIME:
        ma, mb = clock_minutes(ca.value), clock_minutes(cb.value)
        if ma is None or mb is None:
            return "far"
        gap = _clock_gap(ma, mb)
        if gap <= _time_tolerance(ca, t) + _time_tolerance(cb, t):
            return "within"
        return "close" if gap <= 120 else "far"
    if ca.kind is not Kind.QUANTITY:
        return "far"
    if a.unit != b.unit:
        if a.dimension == "money" and _raw_agree(ca, cb, t):
            return "currency"
        return "unknown"
    ia, ib = _tolerance_interval(ca, t), _tolerance_interval(cb, t)
    if ia.lo <= ib.hi and ib.lo <= ia.hi:
        return "within"
    pa, pb = _canon_point(ca), _canon_point(cb)
    if _same_digits(pa, pb, t):
        return "scale"
    lo, hi = sorted((abs(pa), abs(pb)))
    return "close" if lo > 0 and hi / lo <= 2 else "far"


def _raw_agree(a: Claim, b: Claim, t: CompareThresholds) -> bool:
    ia, ib = interval(a, t), interval(b, t)
    return ia.lo <= ib.hi and ib.lo <= ia.hi


def _same_digits(pa: float, pb: float, t: CompareThresholds) -> bool:
    """The same figure at a scale 1000^k apart (MWh vs GWh, thousand vs million)."""
    lo, hi = sorted((abs(pa), abs(pb)))
    if lo <= 0:
        return False
    ratio = hi / lo
    k = round(math.log10(ratio) / 3)
    return k >= 1 and math.isclose(ratio, 1000.0 ** k, rel_tol=t.exact * 2)


def _canon_point(c: Claim) -> float:
    v, vmax = canonical_values(c)
    if c.hedge is Hedge.RANGE and vmax is not None:
        return (v + vmax) / 2
    return v


_CLOCK = re.compile(r"(\d{1,2})(?::(\d{2}))?")


def clock_minutes(value: object) -> int | None:
    """Minutes after midnight of a time claim's value ("20:30", "8:30", 1230)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if 0 <= value < 24 * 60 else None
    m = _CLOCK.match(str(value or ""))
    if not m:
        return None
    h, mi = int(m[1]), int(m[2] or 0)
    return h * 60 + mi if h < 24 and mi < 60 else None


def _clock_gap(a: int, b: int) -> int:
    d = abs(a - b) % (24 * 60)
    return min(d, 24 * 60 - d)


def _time_tolerance(c: Claim, t: CompareThresholds) -> float:
    return t.time_approx_minutes if c.hedge not in (None, Hedge.EXACT) else t.time_exact_minutes


# ---------------------------------------------------------------- blocking


def blocks(fr: Sequence[Frame], t: CompareThresholds = DEFAULT.compare) -> dict[tuple, list[int]]:
    """Candidate blocks (a visible, linear step): claims meet only inside a
    block, and every block is one dimension plus one of:

    - ``about``: the entity cluster the figures are about;
    - ``measure``: the whole normalised measure;
    - ``word``: one word of the measure, when at most ``t.word_block_limit``
      claims share it (a common word is no evidence, and would cost O(n²));
    - ``topic``: the topic folder, when it holds at most ``t.topic_limit``
      claims of that dimension (a small corpus is one story).

    Returns indexes into ``fr``; blocks with a single source are dropped."""
    out: dict[tuple, list[int]] = defaultdict(list)
    per_topic = Counter((f.dimension, f.topic) for f in fr)
    words: dict[tuple, list[int]] = defaultdict(list)
    for i, f in enumerate(fr):
        if f.claim.kind is Kind.ROLE:
            continue
        if f.about:
            out[("about", f.dimension, f.about)].append(i)
        if f.measure:
            out[("measure", f.dimension, f.measure)].append(i)
            if len(f.measure) > 1:
                for w in f.measure:
                    words[("word", f.dimension, w)].append(i)
        if per_topic[(f.dimension, f.topic)] <= t.topic_limit:
            out[("topic", f.dimension, f.topic)].append(i)
    for key, members in words.items():
        if len(members) <= t.word_block_limit:
            out[key] = members
    return {k: v for k, v in out.items() if len({fr[i].claim.source for i in v}) > 1}


def _strict_key(f: Frame) -> tuple:
    """How a block too large to pair up is split: unit, period and stance
    (the clustering path then partitions by scope)."""
    return (f.unit, f.claim.period or "", f.stance.value)


def candidate_pairs(fr: Sequence[Frame], t: CompareThresholds) -> tuple[set[tuple[int, int]], list[list[int]]]:
    """(pairs to score, groups too large to pair that are clustered instead).

    A block larger than ``t.block_limit`` is split by :func:`_strict_key`;
    a part still larger than ``t.pairwise_limit`` (many sources on one
    measure) is clustered by value instead of paired (see :func:`_grouped`).
    """
    pairs: set[tuple[int, int]] = set()
    big: dict[tuple[int, ...], None] = {}
    for key, members in blocks(fr, t).items():
        parts = [members]
        if len(members) > t.block_limit and key[0] != "topic":  # a topic block is bounded by topic_limit
            split: dict[tuple, list[int]] = defaultdict(list)
            for i in members:
                split[_strict_key(fr[i])].append(i)
            parts = list(split.values())
            for part in [p for p in parts if len(p) > t.pairwise_limit]:
                big[tuple(sorted(part))] = None
            parts = [p for p in parts if len(p) <= t.pairwise_limit]
        for part in parts:
            for x, i in enumerate(part):
                si = fr[i].claim.source
                for j in part[x + 1 :]:
                    if fr[j].claim.source != si:
                        pairs.add((i, j) if i < j else (j, i))
    return pairs, [list(g) for g in sorted(big)]


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
    fr = frames([c for c in claims if c.kind is not Kind.ROLE], index, canon, sources)
    ctx = _Context(t.weights, t, _rarity(fr), {e.id: e.name for e in entities})
    pairs, big = candidate_pairs(fr, t)
    scored = []
    for i, j in sorted(pairs):
        s, levels = score(fr[i], fr[j], ctx)
        scored.append((s, i, j, levels))
    scored.sort(key=lambda x: (-x[0], fr[x[1]].claim.id, fr[x[2]].claim.id))
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
        f = _verdict(a, b, s, levels, t, canon, used)
        if f is None:
            skipped.append(Scored(a.claim, b.claim, s, levels))
        else:
            findings.append(f)
    for group in big:
        findings.extend(_grouped([fr[i].claim for i in group], t, canon, used))
    findings.extend(_roles([c for c in claims if c.kind is Kind.ROLE], t, canon, used))
    findings.sort(key=lambda f: (f.verdict.value, f.kind, f.subject or "", f.id))
    near.sort(key=lambda x: (-x.score, x.a.id, x.b.id))
    return CompareResult(tuple(findings), len(pairs), aligned, tuple(near), tuple(skipped))


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
    later, other = (a, b) if pa > pb else (b, a)
    return later.claim.source, (f" {later.claim.source} was published later ({later.published[:10]} vs "
                                f"{other.published[:10]}) and may be an update.")


def _why_aligned(levels: Sequence[Level]) -> str:
    shown = [lv.text for lv in levels if lv.feature in ("anchor", "measure", "time") and lv.name != "none"]
    shown += [lv.text for lv in levels if lv.feature in ("scope", "stance") and lv.weight != 0]
    return ", ".join(shown)


def _verdict(a: Frame, b: Frame, s: float, levels: Sequence[Level], t: CompareThresholds,
             canon: Mapping[str, str], used: set[str]) -> Finding | None:
    ca, cb = a.claim, b.claim
    rel = _relation(a, b, t)
    if ca.kind is Kind.QUANTITY and a.unit != b.unit and rel != "currency":
        return None  # different currencies or units: no conversion, not compared
    fid = finding_id(ca, cb, canon)
    n, base = 1, fid
    while fid in used:
        n += 1
        fid = f"{base}-{n}"
    used.add(fid)
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
            return Finding(verdict=Verdict.CONTRADICTION, kind="currency", period=ca.period or cb.period,
                           explanation=text + later_note + copy_note, **common)
        ia, ib = _tolerance_interval(ca, t), _tolerance_interval(cb, t)
        pa, pb = _canon_point(ca), _canon_point(cb)
        diff = abs(pa - pb)
        lo = min(abs(pa), abs(pb))
        relv = diff / lo if lo else (0.0 if diff == 0 else math.inf)
        tol = max(ia.tolerance, ib.tolerance)
        why = ia.why if ia.tolerance >= ib.tolerance else ib.why
        if agree:
            text = f"{head} agree within {why}."
            kind = "quantity"
        elif rel == "scale":
            text = f"{head}: the same digits {round(max(abs(pa), abs(pb)) / lo):,}x apart (a unit or scale slip)."
            kind = "scale"
        else:
            text = f"{head} differ by {_num(diff)}{_unit_suffix(ca)} ({relv:.1%}), beyond " \
                   f"{why if (ia.tolerance or ib.tolerance) else 'the stated bounds'}."
            kind = "quantity"
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
        text = f"{head} agree at the coarser precision." if agree else f"{head} are {days:.0f} days apart."
        return Finding(verdict=Verdict.AGREEMENT if agree else Verdict.CONTRADICTION, kind="date", period=None,
                       explanation=text + later_note + copy_note, difference=days, **common)
    if ca.kind is Kind.TIME:
        ma, mb = clock_minutes(ca.value), clock_minutes(cb.value)
        if ma is None or mb is None:
            return None
        gap = float(_clock_gap(ma, mb))
        text = f"{head} agree within the stated precision." if agree else f"{head} are {gap:.0f} minutes apart."
        return Finding(verdict=Verdict.AGREEMENT if agree else Verdict.CONTRADICTION, kind="time", period=None,
                       explanation=text + later_note + copy_note, difference=None if agree else gap, **common)
    return None


def _unit_suffix(c: Claim) -> str:
    unit = c.canonical_unit or c.unit
    if not unit or unit in ("count", "percent"):
        return "%" if unit == "percent" else ""
    return f" {unit}"


def _num(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 or float(v).is_integer() else f"{v:.4g}"


#: Title words that name one office (a gendered or older form of the same word).
TITLE_SYNONYMS = {
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "chairman": "chair", "chairwoman": "chair", "chairperson": "chair",
    "policeman": "officer", "policewoman": "officer", "cop": "officer",
}
#: Words that qualify a title without changing the office ("acting chief").
_TITLE_QUALIFIERS = frozenset("acting interim deputy former new current then".split())


def titles_compatible(a: str, b: str) -> bool:
    """Two normalised titles can both be true: one's words contain the
    other's, or (titles without "of") they share the head noun, the office
    itself ("houston police chief" and "interim chief")."""
    wa = [TITLE_SYNONYMS.get(w, w) for w in a.split() if w not in _TITLE_QUALIFIERS]
    wb = [TITLE_SYNONYMS.get(w, w) for w in b.split() if w not in _TITLE_QUALIFIERS]
    sa, sb = set(wa), set(wb)
    if sa <= sb or sb <= sa:
        return True
    if "of" in sa or "of" in sb or not wa or not wb:
        return False  # "minister of X": the office is its portfolio
    return wa[-1] == wb[-1]


def _roles(claims: Sequence[Claim], t: CompareThresholds, canon: Mapping[str, str], used: set[str]) -> list[Finding]:
    """Role claims: one person's titles in two sources."""
    by_person: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.subject and c.normalized:
            by_person[canon.get(c.subject, c.subject).casefold()].append(c)
    out = []
    for _, group in sorted(by_person.items()):
        group = sorted(group, key=lambda c: (c.source, c.start, c.id))
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.source == b.source:
                    continue
                sa, sb = _scope(a, canon), _scope(b, canon)
                if not scopes_compatible(sa, sb):
                    continue
                fid = finding_id(a, b, canon)
                n, base = 1, fid
                while fid in used:
                    n += 1
                    fid = f"{base}-{n}"
                used.add(fid)
                scope_t = tuple(sorted(sa | sb))
                where = f"same scope ({', '.join(scope_t)})" if scope_t else "no place named"
                agree = titles_compatible(a.normalized or "", b.normalized or "")
                head = f"same person ({a.subject}), {where}: '{a.value}' vs '{b.value}'"
                text = f"{head} are compatible titles." if agree else f"{head} are different titles."
                copies = is_copy(a, b, t)
                if copies:
                    text += " The two quotes are near-verbatim copies: one origin, not independent confirmation."
                out.append(Finding(id=fid, verdict=Verdict.AGREEMENT if agree else Verdict.CONTRADICTION,
                                   kind="role", subject=a.subject, scope=scope_t, period=None, claims=(a, b),
                                   explanation=text, copies=copies))
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
    iv = _tolerance_interval(c, t)
    return iv.lo, iv.hi, _canon_point(c)


def _grouped(group: list[Claim], t: CompareThresholds, canon, used: set[str]) -> list[Finding]:
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


# ------------------------------------------------------------------ naming


def naming_findings(entities: Sequence, sources: Mapping[str, str] | None = None) -> list[Finding]:
    """One finding per entity spelled differently across sources, when the
    spellings were joined as transliteration or fuzzy variants (not a title,
    a surname or an acronym, which are not spelling differences)."""
    from .link import match_names, name_key

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
