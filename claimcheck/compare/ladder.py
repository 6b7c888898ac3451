"""The comparison ladder, as data, and blocking: which pairs are scored
and how each feature of a pair lands on a level with a weight."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from ..records import Kind
from ..thresholds import DEFAULT, AlignWeights, CompareThresholds
from ..vocab.measures import CONTEXT_STOPWORDS, GENERIC_COUNTED, PART_OF, RELATED
from .findings import scopes_compatible
from .frames import Frame
from .keys import known_measures
from .values import Interval, relation


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
    #: each frame's tolerance interval, computed once in a run (by frame id)
    intervals: dict[int, Interval] = field(default_factory=dict)
    #: how many claims state each value of each dimension (see :class:`ValueCounts`)
    value_counts: ValueCounts | None = None


def _m(key: tuple[str, ...]) -> str:
    return " ".join(key)


#: Dimensions whose figures are attributes of one entity (a person's age):
#: two of them state one fact only when they are about the same entity.
ATTRIBUTE_DIMENSIONS = frozenset({"age"})


def _anchor(a: Frame, b: Frame, ctx: _Context) -> tuple[str, float]:
    if a.about and b.about:
        return ("about_same", ctx.w.about_same) if a.about == b.about else ("about_different", ctx.w.about_different)
    if a.dimension in ATTRIBUTE_DIMENSIONS:
        return "unanchored_attribute", ctx.w.unanchored_attribute
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
    if level == "unanchored_attribute":
        return f"{a.dimension} of an unnamed {'person' if a.dimension == 'age' else 'entity'} on one side"
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
    if any(frozenset((x, y)) in PART_OF for x in sa for y in sb):
        return "part"
    known = known_measures()
    if sa <= known and sb <= known:
        return "different"
    return "unlike"


def _measure(a: Frame, b: Frame, ctx: _Context) -> tuple[str, float]:
    level = _measure_level(a.measure, b.measure, ctx.t.subject_similarity)
    if level == "same" and a.counted and set(a.measure) <= {a.counted, b.counted}:
        # "two children" / "twelve children": only the counted noun, no verb says what happened to them
        return "same_noun", ctx.w.measure_same_noun
    return level, getattr(ctx.w, f"measure_{level}")


def _measure_text(level: str, a: Frame, b: Frame, ctx: _Context) -> str:
    return {
        "unknown": "measure unknown on one side",
        "same": f"same measure ({_m(a.measure)})",
        "same_noun": f"counts of the same thing ({_m(a.measure)}), no event named",
        "synonym": f"alike measures ({_m(a.measure)} / {_m(b.measure)})",
        "related": f"related measures ({_m(a.measure)} / {_m(b.measure)})",
        "part": f"one measure part of the other ({_m(a.measure)} / {_m(b.measure)})",
        "unlike": f"unlike phrases ({_m(a.measure)} / {_m(b.measure)})",
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
    if pa[0] == pa[1] and pb[0] == pb[1]:
        # two days: the day an event or a report is dated, not a period the
        # figure is measured over ("in 2024"); weak evidence apart, no wall
        return "different_day", w.time_different_day
    return "different", w.time_different


def _time_text(level: str, a: Frame, b: Frame, ctx: _Context) -> str:
    return {
        "both_undated": "both undated", "one_undated": "one undated",
        "same": f"same period ({a.claim.period})",
        "overlap": f"overlapping periods ({a.claim.period} / {b.claim.period})",
        "different_day": f"dated on different days ({a.claim.period} / {b.claim.period})",
    }.get(level, f"different periods ({a.claim.period} / {b.claim.period})")


def _stance(a: Frame, b: Frame, ctx: _Context) -> tuple[str, float]:
    return ("same", ctx.w.stance_same) if a.stance is b.stance else ("mixed", ctx.w.stance_mixed)


def _stance_text(level: str, a: Frame, b: Frame, ctx: _Context) -> str:
    return f"both {a.stance.value}" if level == "same" else f"{a.stance.value} vs {b.stance.value}"


def _scope_level(a: Frame, b: Frame, ctx: _Context) -> tuple[str, float]:
    if not a.scope or not b.scope or a.scope == b.scope or scopes_compatible(a.scope, b.scope):
        return "compatible", ctx.w.scope_compatible
    if _apart(a.scope, b.scope):
        return "other_countries", ctx.w.scope_other_countries
    return "different", ctx.w.scope_different


@lru_cache(maxsize=1 << 14)
def _apart(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both scopes lie in known countries, and no country is shared: Iran's
    trade is not Iraq's. (Unknown places, streets and venues: not apart.)"""
    from ..places import countries

    ca, cb = countries(a), countries(b)
    return ca is not None and cb is not None and not (ca & cb)


def _scope_text(level: str, a: Frame, b: Frame, ctx: _Context) -> str:
    if level == "compatible":
        where = ", ".join(sorted(a.scope | b.scope))
        return f"same scope ({where})" if where else "no place named"
    if level == "other_countries":
        return f"other countries ({', '.join(sorted(a.scope))} / {', '.join(sorted(b.scope))})"
    return f"different places ({', '.join(sorted(a.scope))} / {', '.join(sorted(b.scope))})"


_VALUE_LEVEL = {"within": "within", "close": "close", "scale": "same_digits", "currency": "same_digits",
                "far": "far", "very_far": "very_far", "unknown": "unknown"}


def _value(a: Frame, b: Frame, ctx: _Context) -> tuple[str, float]:
    level = _VALUE_LEVEL[relation(a, b, ctx.t, ctx.intervals)]
    if level == "far" and a.claim.kind is not Kind.QUANTITY:
        # dates or clock times far apart: more likely two events than one event misdated
        return "far_dates", ctx.w.value_far_dates
    if level == "within" and value_key(a) == value_key(b) and _rare_value(a, ctx):
        # a value few sources state ("4:45 a.m.", "$580 million"), stated by
        # both: as a rare name weighs more than a common one (splink's term
        # frequency adjustment)
        return "within_rare", ctx.w.value_within_rare
    return level, getattr(ctx.w, f"value_{level}")


def _rare_value(f: Frame, ctx: _Context) -> bool:
    """Few claims of the corpus state this value, absolutely and as a share
    of its dimension's claims (in a corpus of two claims nothing is rare).
    Only the very same value counts ("2020" within "2020-11-16" does not)."""
    if f.claim.kind is Kind.DATE and len(str(f.claim.value)) < 10:
        return False  # a year or a month is no distinctive value; a day can be
    counts = ctx.value_counts
    if counts is None:
        return False
    n = counts.count(f)
    return 0 < n <= ctx.t.rare_value_claims and n <= ctx.t.rare_value_share * counts.total(f.dimension)


def value_key(f: Frame) -> tuple[str, str]:
    """(dimension, value as written in canonical form) of a frame's claim."""
    c = f.claim
    return f.dimension, str(c.canonical if c.canonical is not None else c.value)


class ValueCounts:
    """How many claims state each value of each dimension (a term
    frequency), in a fixed-size table of hashed buckets: a few megabytes at
    a million claims. Two values sharing a bucket only make each look more
    common, never rarer; the hash (CRC-32) is stable from run to run."""

    BUCKETS = 1 << 20

    def __init__(self, fr: Sequence[Frame]):
        from array import array

        self._counts = array("I", bytes(4 * self.BUCKETS))
        self._totals: Counter[str] = Counter()
        for f in fr:
            self._counts[self._bucket(f)] += 1
            self._totals[f.dimension] += 1

    def _bucket(self, f: Frame) -> int:
        from zlib import crc32

        dimension, value = value_key(f)
        return crc32(f"{dimension}\x1f{value}".encode("utf-8", "surrogatepass")) & (self.BUCKETS - 1)

    def count(self, f: Frame) -> int:
        return self._counts[self._bucket(f)]

    def total(self, dimension: str) -> int:
        return self._totals[dimension]


def _value_text(level: str, a: Frame, b: Frame, ctx: _Context) -> str:
    return {
        "within": "values within tolerance", "close": "values within a factor two",
        "within_rare": "the same value, which few claims state",
        "same_digits": "the same digits at another scale or in another currency", "far": "values far apart",
        "very_far": "values more than ten times apart",
        "far_dates": "dates (or times) far apart: two events more likely than one",
    }.get(level, f"values in {a.claim.unit} and {b.claim.unit} (no conversion)")


def _ambiguity(a: Frame, b: Frame, ctx: _Context) -> tuple[str, float]:
    if a.about and a.about == b.about:
        return "anchored", 0.0
    if a.ambiguous or b.ambiguous:
        return "ambiguous", ctx.w.ambiguity_ambiguous
    return "unique", ctx.w.ambiguity_unique


def _ambiguity_text(level: str, a: Frame, b: Frame, ctx: _Context) -> str:
    return {"anchored": "anchored on one entity", "unique": "each source states this measure once"}.get(
        level, "a source states this measure with several values, and no entity anchors the pair")




def _context(a: Frame, b: Frame, ctx: _Context) -> tuple[str, float]:
    share = context_overlap(a.claim.quote, b.claim.quote)
    if share >= ctx.t.context_similar:
        return "similar", ctx.w.context_similar
    if share >= ctx.t.context_some:
        return "some", ctx.w.context_some
    return "none", 0.0


def context_overlap(qa: str, qb: str) -> float:
    """Jaccard share of the content words of two sentences."""
    wa, wb = _content_words(qa), _content_words(qb)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


@lru_cache(maxsize=1 << 15)
def _content_words(quote: str) -> frozenset[str]:
    return frozenset(w for w in _LETTERS.findall(quote.casefold()) if w not in CONTEXT_STOPWORDS)


_LETTERS = re.compile(r"[^\W\d_]{4,}")


def _context_text(level: str, a: Frame, b: Frame, ctx: _Context) -> str:
    if level == _UNREAD:
        return "wording not compared (far below the threshold)"
    share = context_overlap(a.claim.quote, b.claim.quote)
    return {"similar": f"the sentences share most words ({share:.0%})",
            "some": f"the sentences share some words ({share:.0%})"}.get(level, "little shared wording")


def _counted(a: Frame, b: Frame, ctx: _Context) -> tuple[str, float]:
    ca, cb = a.counted, b.counted
    if not ca or not cb or ca == cb:
        return "same", 0.0
    if ca in GENERIC_COUNTED and cb in GENERIC_COUNTED:
        return "same", 0.0
    if ca in GENERIC_COUNTED or cb in GENERIC_COUNTED:
        return "general", ctx.w.counted_general
    return "different", ctx.w.counted_different


def _counted_text(level: str, a: Frame, b: Frame, ctx: _Context) -> str:
    if level == "same":
        return f"both count {a.counted}" if a.counted else "not a count"
    if level == "general":
        return f"a count of {a.counted} vs a count of {b.counted} (a part or the whole)"
    return f"counts of different things ({a.counted} / {b.counted})"


#: The ladder, as data: each feature, its levels and what they mean. The
#: weights are in :class:`~claimcheck.thresholds.AlignWeights` (named
#: ``<feature>_<level>``, except the anchor's, named by level).
LADDER: tuple[Comparison, ...] = (
    Comparison("anchor", "the entity the figures are about, or a rare entity both sentences name", {
        "about_same": "both figures are about one entity cluster",
        "about_different": "the figures are about two different entities",
        "rare_entity": "both sentences name an entity that few claims name (weighted by rarity)",
        "unanchored_attribute": "an attribute of one entity (an age) with the entity unknown on a side",
        "none": "no shared entity",
    }, _anchor, _anchor_text),
    Comparison("measure", "what is measured, normalised (synonyms mapped)", {
        "same": "the same measure", "synonym": "measures that share a word or are near-identical",
        "same_noun": "counts of the same noun with no event named (two children / twelve children)",
        "related": "related measures (shot / injured)", "unknown": "one side names no measure",
        "part": "one measure a part of the other (shot / killed)",
        "unlike": "different phrases, at least one not a known measure (weak evidence apart)",
        "different": "two different known measures (killed / injured)",
    }, _measure, _measure_text),
    Comparison("time", "the period each figure is given for", {
        "same": "the same period", "overlap": "overlapping periods", "both_undated": "neither has a period",
        "one_undated": "one has a period, the other not",
        "different_day": "dated on two different days (an event's or a report's day, not a period)",
        "different": "disjoint periods (never compared)",
    }, _time, _time_text),
    Comparison("stance", "actual figure, target, forecast or plan", {
        "same": "the same stance", "mixed": "a target, forecast or plan against another stance",
    }, _stance, _stance_text),
    Comparison("scope", "the places each claim is about", {
        "compatible": "the same places, one within the other, or none named",
        "other_countries": "places in different countries (the gazetteer knows them all)",
        "different": "different places (not all known to the gazetteer)",
    }, _scope_level, _scope_text),
    Comparison("ambiguity", "whether a source states the measure once or with several values", {
        "anchored": "the pair is anchored on one entity", "unique": "each source states the measure once",
        "ambiguous": "a source states the measure with several values (four ages): needs an anchor",
    }, _ambiguity, _ambiguity_text),
    Comparison("counted", "what a count counts", {
        "same": "the same thing, or people in general", "general": "people in general vs a part of them",
        "different": "different things (men / women, officers / patrons)",
    }, _counted, _counted_text),
    Comparison("context", "how much wording the two sentences share (content words, Jaccard)", {
        "similar": "most content words shared: one passage told twice",
        "some": "some content words shared", "none": "little shared wording",
        "unread": "not read: the pair is far below the threshold whatever the wording",
    }, _context, _context_text),
    Comparison("value", "how far apart the values are", {
        "within": "within tolerance", "close": "within a factor two",
        "within_rare": "within tolerance, on a value few claims of the corpus state",
        "same_digits": "the same digits 1000x apart, or the same figure in two currencies",
        "far": "more than a factor two apart",
        "very_far": "more than ten times apart (and not a 1000x slip): two facts more likely than one",
        "far_dates": "dates more than a month apart, or clock times more than two hours apart",
        "unknown": "units with no conversion (different currencies): not compared",
    }, _value, _value_text),
)


def score(a: Frame, b: Frame, ctx: _Context) -> tuple[float, tuple[tuple[str, float], ...]]:
    """The match score of a pair (the sum of its levels' weights) and the
    (level, weight) each feature of :data:`LADDER` landed on.

    The context feature reads both sentences, the costliest test: it is run
    only when its best level could bring the pair within the near-miss
    margin of the threshold (otherwise it lands on "not read", weight 0), so
    no decision and no near miss depends on skipping it."""
    picked = [(_UNREAD, 0.0) if cmp.feature == "context" else cmp.test(a, b, ctx) for cmp in LADDER]
    total = sum(w for _, w in picked)
    w = ctx.w
    if total + max(w.context_similar, w.context_some, 0.0) >= w.threshold - w.near_margin:
        picked[_CONTEXT] = LADDER[_CONTEXT].test(a, b, ctx)
        total += picked[_CONTEXT][1]
    return total, tuple(picked)


_CONTEXT = next(i for i, cmp in enumerate(LADDER) if cmp.feature == "context")
_UNREAD = "unread"


def describe(a: Frame, b: Frame, picked: Sequence[tuple[str, float]], ctx: _Context) -> tuple[Level, ...]:
    """The levels of a scored pair, with their sentences."""
    return tuple(Level(cmp.feature, name, w, cmp.text(name, a, b, ctx)) for cmp, (name, w) in zip(LADDER, picked))


# ---------------------------------------------------------------- blocking


def blocks(fr: Sequence[Frame], t: CompareThresholds = DEFAULT.compare) -> dict[tuple[object, ...], list[int]]:
    """Candidate blocks (a visible, linear step): claims meet only inside a
    block, and every block is one dimension plus one of:

    - ``about``: the entity cluster the figures are about;
    - ``measure``: the whole normalised measure;
    - ``word``: one word of the measure, when at most ``t.word_block_limit``
      claims share it (a common word is no evidence, and would cost O(n²));
    - ``topic``: the topic folder, when it holds at most ``t.topic_limit``
      claims of that dimension (a small corpus is one story).

    Returns indexes into ``fr``; blocks with a single source are dropped."""
    out: dict[tuple[object, ...], list[int]] = defaultdict(list)
    per_topic = Counter((f.dimension, f.topic) for f in fr)
    words: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, f in enumerate(fr):
        if f.claim.kind is Kind.ROLE:
            continue
        if f.about:
            out[("about", f.dimension, f.about)].append(i)
        measure = f.block_key or f.measure
        if measure:
            out[("measure", f.dimension, measure)].append(i)
            if len(measure) > 1:
                for w in measure:
                    words[("word", f.dimension, w)].append(i)
        if per_topic[(f.dimension, f.topic)] <= t.topic_limit:
            out[("topic", f.dimension, f.topic)].append(i)
    for key, members in words.items():
        if len(members) <= t.word_block_limit:
            out[key] = members
    return {k: v for k, v in out.items() if len({fr[i].claim.source for i in v}) > 1}


def _strict_key(f: Frame) -> tuple[object, ...]:
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
            split: dict[tuple[object, ...], list[int]] = defaultdict(list)
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
